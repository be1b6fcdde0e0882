"""The measurements on a learner's own data: retrieval and knowledge figures with counts, a report, the command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ftrag import yours

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
    text = yours.report(result)
    assert "hit@1: 1.00 (3/3" in text and "Not measured: no model was given" in text
    assert "only 3 questions" in text  # the input's notes are in the report


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
    assert "| closed book |" in yours.report(result)


def test_the_command_writes_the_report_and_bad_input_exits_2(
    files: tuple[Path, Path], emb: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import ftrag.models

    monkeypatch.setattr(ftrag.models, "load_embedder", lambda: emb)
    root, questions = files
    assert yours.main([str(root), str(questions), "--out", str(tmp_path / "out"), "--no-model"]) == 0
    assert "hit@5: 1.00" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert yours.main([str(tmp_path / "nowhere"), str(questions), "--no-model"]) == 2
    assert "is not a folder" in capsys.readouterr().err
