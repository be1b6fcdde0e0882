"""The measurements on a learner's own data: retrieval and knowledge figures with counts, a report, the command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from saved_figures import study

from ftrag import your_report, yours
from ftrag.your_data import read_documents, read_questions

DOCS = {
    "returns.md": "# Returns\n\nYou can return a product within 30 days of delivery for a full refund.",
    "pairing.md": "# Pairing\n\nHold the pairing button for 5 seconds until the light blinks blue.",
    "warranty/terms.txt": "The warranty covers manufacturing defects for 2 years from purchase.",
}
QUESTIONS = [
    {"question": "Within how many days can I return a product for a refund?", "answer": "30 days",
     "source": "returns.md", "options": ["14 days", "60 days"]},
    {"question": "How long do I hold the pairing button until the light blinks?", "answer": "5 seconds",
     "source": "pairing.md", "options": ["2 seconds", "10 seconds"]},
    {"question": "How many years does the warranty cover manufacturing defects?", "answer": "2 years",
     "source": "warranty/terms.txt"},
]  # fmt: skip


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """A documents folder and a JSONL question file about it."""
    root = tmp_path / "docs"
    for name, text in DOCS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    questions = tmp_path / "questions.jsonl"
    questions.write_text("\n".join(json.dumps(q) for q in QUESTIONS), encoding="utf-8")
    return root, questions


def test_retrieval_finds_each_source_and_the_report_says_so(files: tuple[Path, Path], emb: Any) -> None:
    result = yours.study(*files, embedder=emb)
    assert result.documents == 3 and result.questions == 3
    assert str(result.retrieval["hit@1"]).startswith("1.00 (3/3") and result.mrr == 1.0
    assert result.knowledge == {}  # no model given
    text = your_report.report(result)
    assert "| hit@1 | 1.00 | 3/3 |" in text and "Not measured: no model was given" in text
    assert "only 3 questions" in text  # the input's notes are in the report


def test_input_already_read_is_not_read_again(
    files: tuple[Path, Path], emb: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, questions = files
    docs, skipped = read_documents(root)
    read = (docs, skipped, *yours.read_questions(questions, docs))
    calls: list[str] = []
    monkeypatch.setattr(yours, "read_documents", lambda folder: calls.append(str(folder)) or read_documents(folder))
    again = yours.study(root, questions, embedder=emb, already_read=read)
    assert calls == [] and again.documents == 3 and again.questions == 3
    assert str(again.retrieval["hit@1"]) == str(yours.study(root, questions, embedder=emb).retrieval["hit@1"])
    assert calls == [str(root)]  # without it, the study reads the folder itself


def test_retrieval_counts_a_miss(files: tuple[Path, Path], emb: Any) -> None:
    root, questions = files
    rows = [{**q, "question": "refund delivery days"} if q["source"] == "pairing.md" else q for q in QUESTIONS]
    questions.write_text("\n".join(json.dumps(q) for q in rows), encoding="utf-8")
    result = yours.study(root, questions, embedder=emb)
    assert result.retrieval["hit@1"].hits == 2 and result.mrr is not None and result.mrr < 1.0


def test_knowledge_rows_score_only_questions_with_options(
    files: tuple[Path, Path], emb: Any, tokenizer, tiny_llama
) -> None:
    result = yours.study(*files, embedder=emb, model=tiny_llama(), tokenizer=tokenizer)
    assert list(result.knowledge) == ["closed book", "RAG k=1", "RAG k=3"]
    assert all(r.n == 2 for r in result.knowledge.values())  # the third question has no other "N years" answer
    assert "| closed book |" in your_report.report(result)


def test_the_command_writes_the_report_and_bad_input_exits_2(
    files: tuple[Path, Path], emb: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import ftrag.models

    monkeypatch.setattr(ftrag.models, "load_embedder", lambda: emb)
    root, questions = files
    assert yours.main([str(root), str(questions), "--out", str(tmp_path / "out"), "--no-model"]) == 0
    assert "| hit@5 | 1.00 | 3/3 |" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert yours.main([str(tmp_path / "nowhere"), str(questions), "--no-model"]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_a_second_run_re_embeds_nothing_and_a_changed_file_only_itself(
    files: tuple[Path, Path], emb: Any, tmp_path: Path
) -> None:
    root, questions = files
    first = yours.study(root, questions, embedder=emb, out=tmp_path / "out", progress=False)
    assert first.embedded == 3
    again = yours.study(root, questions, embedder=emb, out=tmp_path / "out", progress=False)
    assert again.embedded == 0 and str(again.retrieval["hit@1"]) == str(first.retrieval["hit@1"])
    (root / "pairing.md").write_text("# Pairing\n\nHold the pairing button for 8 seconds.", encoding="utf-8")
    (root / "returns.md").unlink()
    (root / "new.md").write_text("# New\n\nA new page about gift cards.", encoding="utf-8")
    index, embedded, _ = yours.build_index(read_documents(root)[0], emb, tmp_path / "out" / "index", progress=False)
    assert embedded == 2 and sorted(index.doc_ids) == ["new.md", "pairing.md", "warranty/terms.txt"]
    assert "8 seconds" in index.document("pairing.md")["text"]


def test_an_interrupted_run_resumes_where_it_stopped(
    files: tuple[Path, Path], emb: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _ = files
    docs = read_documents(root)[0]
    monkeypatch.setattr(yours, "BATCH", 1)
    calls = {"n": 0}
    encode = emb.encode

    def fail_on_the_third_batch(texts: Any, **kwargs: Any) -> Any:
        """The embedder, stopped (as by Ctrl-C) after the probe and two documents."""
        calls["n"] += 1
        if calls["n"] == 4:  # probe, document 1, document 2, then document 3
            raise KeyboardInterrupt
        return encode(texts, **kwargs)

    monkeypatch.setattr(emb, "encode", fail_on_the_third_batch)
    with pytest.raises(KeyboardInterrupt):
        yours.build_index(docs, emb, tmp_path / "index", progress=False)
    monkeypatch.setattr(emb, "encode", encode)
    index, embedded, _ = yours.build_index(docs, emb, tmp_path / "index", progress=False)
    assert embedded == 1 and len(index) == 3


def test_a_saved_index_from_another_embedder_is_not_reused(files: tuple[Path, Path], emb: Any, tmp_path: Path) -> None:
    import numpy as np
    from hash_embedder import HashEmbedder

    class Rolled(HashEmbedder):
        """Another embedder with the same dimension: the same words, other coordinates."""

        def encode(self, texts: Any, **kwargs: Any) -> Any:
            return np.roll(super().encode(texts, **kwargs), 1, axis=1)

    docs = read_documents(files[0])[0]
    yours.build_index(docs, emb, tmp_path / "index", progress=False)
    other = Rolled()
    assert yours.build_index(docs, other, tmp_path / "index", progress=False)[1] == 3


def test_option_scores_are_kept_and_a_resumed_run_scores_nothing_again(
    files: tuple[Path, Path], emb: Any, tokenizer, tiny_llama, tmp_path: Path
) -> None:
    model = tiny_llama()
    first = yours.study(*files, embedder=emb, model=model, tokenizer=tokenizer, out=tmp_path, progress=False)
    saved = (tmp_path / "scores.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(saved) == 3 * 2  # closed book, k=1, k=3 for the two questions with options
    again = yours.study(*files, embedder=emb, model=None, tokenizer=None, out=tmp_path, progress=False)
    cache = yours.ScoreCache(tmp_path / "scores.jsonl")
    assert again.knowledge == {} and len(cache.scores) == 6
    rescored = yours.knowledge_rates(None, None, *_asked(files, emb), cache=cache, progress=False)
    assert {k: str(v) for k, v in rescored.items()} == {k: str(v) for k, v in first.knowledge.items()}


def _asked(files: tuple[Path, Path], emb: Any) -> tuple[list, list]:
    """The questions and their focused hits, as `study` scores them."""
    from ftrag.rag import focus_hits

    docs = read_documents(files[0])[0]
    questions = read_questions(files[1], docs)[0]
    index = yours.build_index(docs, emb, progress=False)[0]
    ranked = index.search_many([q.question for q in questions], 5)
    return questions, focus_hits([q.question for q in questions], ranked, index, yours.SENTENCES)


def test_written_answers_show_what_was_retrieved_and_cited(
    files: tuple[Path, Path], emb: Any, tokenizer, tiny_llama
) -> None:
    result = yours.study(*files, embedder=emb, model=tiny_llama(), tokenizer=tokenizer, progress=False)
    assert len(result.answers) == 3
    assert all(len(a["shown"]) == 3 and set(a["cited"]) <= set(a["shown"]) for a in result.answers)
    assert "sources shown:" in your_report.report(result)


def test_advice_walks_the_three_questions_and_reads_the_measurements() -> None:
    apart = study(closed_book=(8, 40), **{"RAG k=3": (30, 40)})
    lines = yours.advise(apart, knowledge_changes=True, change_behavior=False, labeled_examples=0)
    assert lines[0] == "The framework recommends: RAG."
    assert any("retrieval supplies knowledge the model lacks" in line for line in lines)
    assert any("hit@1 0.25" in line and "Lab 3" in line for line in lines)
    close = study(closed_book=(8, 20), **{"RAG k=3": (10, 20)})
    lines = yours.advise(close)
    assert "Answer the framework's three questions" in lines[0]
    assert any("not decided by 20 questions" in line for line in lines)
    worse = yours.advise(study(closed_book=(30, 40), **{"RAG k=3": (8, 40)}), True, True, 5000)
    assert any("the sources mislead the model" in line for line in worse)
    assert any("combine both" in line for line in worse)


@pytest.mark.parametrize(
    ("flags", "message"),
    [(["--knowledge-changes", "maybe"], "answer yes or no"), (["--labelled", "-3"], "whole number")],
)
def test_bad_flags_are_refused_with_what_to_give(files: tuple[Path, Path], flags: list, message: str, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        yours.main([str(files[0]), str(files[1]), "--no-model", *flags])
    assert stop.value.code == 2 and message in capsys.readouterr().err


def test_notebook_09_keys_judge_the_learners_own_run_and_accept_ways_to_name_a_lab() -> None:
    from ftrag.checks import yours as keys
    from ftrag.checks.keys import KEYS
    from ftrag.stats import difference_interval

    gain = keys.smallest_decided_gain(0.15, 60)
    assert difference_interval(0.15 + gain / 100, 60, 0.15, 60)[0] > 0
    assert difference_interval(0.15 + (gain - 1) / 100, 60, 0.15, 60)[0] <= 0
    assert keys.smallest_decided_gain(0.15, 600) < gain  # more questions decide smaller gains
    result = study(closed_book=(9, 60))
    key = KEYS["09.decided_gain"]
    assert key.accepts("09.decided_gain", str(gain), {"result": result})
    assert key.accepts("09.decided_gain", f"{gain + 1}%", {"result": result})
    assert not key.accepts("09.decided_gain", str(gain + 5), {"result": result})
    assert not key.accepts("09.decided_gain", "a lot", {"result": result})
    lab = KEYS["09.next_lab"]
    right = [w for w in ("1", "2", "3", "4") if lab.accepts("09.next_lab", w, {})]
    assert len(right) == 1
    assert all(lab.accepts("09.next_lab", f, {}) for f in (f"lab {right[0]}", f"Lab{right[0]}", f" LAB {right[0]} "))
    assert not lab.accepts("09.next_lab", "lab", {})
