"""The course's measurements on your own documents and questions, ending in a recommendation (no judge model).

    python -m ftrag.yours my_docs/ questions.csv --out my_report/ --knowledge-changes yes --behaviour-change no

Retrieval (hit@1, hit@5 and MRR) is measured where a question names its `source` file; knowledge by option scoring
(as in Lab 4): closed book against RAG with k = 1 and 3 sources, on the questions that have distractors; a sample of
written answers shows what the generator does with the sources. Every rate comes with its count and 95% interval.
The index is saved in `--out` after every batch of documents: a second run re-embeds only changed files, and an
interrupted run resumes where it stopped. Reading and checking the input is `ftrag.your_data`; the report, its
plot and its HTML page are `ftrag.your_report`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from tqdm.auto import tqdm

from ftrag.decide import recommend
from ftrag.index import Hit, VectorIndex
from ftrag.knowledge import choose, score_choices
from ftrag.metrics import reciprocal_rank
from ftrag.rag import focus_hits
from ftrag.stats import Rate, difference_interval, rate
from ftrag.your_data import Document, Question, YourDataError, read_documents, read_questions

Read = tuple[list[Document], dict[str, str], list[Question], list[str]]  # documents, skipped files, questions, notes
KS = (1, 3)  # sources shown to the model in the RAG rows
SENTENCES = 2  # each source cut to its sentences closest to the question, as in Labs 1 and 4 ...
WORDS = 60  # ... and to this many words: a table or a list has no full stops, so it reads as one long "sentence"
SYSTEM = "You answer questions about the user's documents."  # the system turn of every scored question
SAMPLE = 5  # written answers shown in the report
BATCH = 64  # documents embedded between two saves of the index
PROBE = "ftrag: which embedder made these vectors?"  # embedded once to tell whether a saved index fits the embedder
KIT = Path(__file__).resolve().parents[1]
EXAMPLE_DOCS = KIT / "docs"  # the shipped example: the kit's own documentation ...
EXAMPLE_QUESTIONS = KIT / "examples" / "your_data" / "questions.csv"  # ... and 60 questions about it


@dataclass
class Study:
    """What one run measured on your data (each Rate holds its count and 95% interval)."""

    documents: int
    questions: int
    skipped: dict[str, str]
    notes: list[str]
    index_seconds: float
    query_ms: float
    chunks: int = 0
    index_mb: float = 0.0
    embedded: int = 0  # documents embedded in this run (the others came from the saved index)
    retrieval: dict[str, Rate] = field(default_factory=dict)
    mrr: float | None = None
    knowledge: dict[str, Rate] = field(default_factory=dict)
    answers: list[dict[str, Any]] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)
    behaviour: Any = None  # a `ftrag.your_behaviour.BehaviourStudy` when examples of a behaviour were given


def _saved_index(folder: Path | None, embedder: Any) -> VectorIndex | None:
    """The index saved in `folder` by an earlier run, if there is one and the same embedder made it."""
    if folder is None or not (folder / "probe.npy").is_file():
        return None
    index = VectorIndex.load(folder, embedder=embedder)
    same = np.allclose(np.load(folder / "probe.npy"), index.embed([PROBE])[0], atol=1e-4)
    return index if same else None


def build_index(
    docs: Sequence[Document], embedder: Any, folder: str | Path | None = None, progress: bool = True
) -> tuple[VectorIndex, int, float]:
    """The index over `docs`, re-using the one saved in `folder`: (index, documents embedded now, seconds).

    A saved document whose text (or title) changed is embedded again; one no longer in `docs` is removed. New ones are
    embedded in batches of `BATCH`, and the index is saved after each batch, so a run that stops can resume.
    """
    start = time.perf_counter()
    path = Path(folder) if folder is not None else None
    index = _saved_index(path, embedder) or VectorIndex(embedder)
    wanted = {d.id: vars(d) for d in docs}
    stale = [i for i in index.doc_ids if wanted.get(i) != index.document(i)]
    for doc_id in stale:
        index.remove(doc_id)  # changed or gone: its vectors no longer fit
    todo = [doc for doc_id, doc in wanted.items() if doc_id not in index]
    if path is not None:
        path.mkdir(parents=True, exist_ok=True)
        np.save(path / "probe.npy", index.embed([PROBE])[0])
    with tqdm(total=len(todo), desc="embedding documents", unit="doc", disable=not (progress and todo)) as bar:
        for first in range(0, len(todo), BATCH):
            index.add(todo[first : first + BATCH])
            if path is not None:
                index.save(path)
            bar.update(len(todo[first : first + BATCH]))
    if path is not None and stale and not todo:
        index.save(path)  # removals only (an unchanged folder writes nothing)
    return index, len(todo), time.perf_counter() - start


def retrieval_rates(
    questions: Sequence[Question], ranked: Sequence[Sequence[Hit]]
) -> tuple[dict[str, Rate], float | None]:
    """hit@1 and hit@5 (the source among the first 1 or 5 documents) and MRR, over the questions with a source."""
    asked = [(q, [h.doc_id for h in hits]) for q, hits in zip(questions, ranked, strict=True) if q.source]
    if not asked:
        return {}, None
    rates = {f"hit@{k}": rate([q.source in r[:k] for q, r in asked]) for k in (1, 5)}
    return rates, sum(reciprocal_rank(r, q.source) for q, r in asked) / len(asked)


class ScoreCache:
    """Option scores saved line by line in a JSONL file, keyed by everything they depend on: a run resumes."""

    def __init__(self, path: str | Path | None) -> None:
        """Read what an earlier run saved in `path` (None: keep nothing)."""
        self.path = Path(path) if path is not None else None
        self.scores: dict[str, list[float]] = {}
        if self.path is not None and self.path.is_file():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    self.scores[row["key"]] = row["scores"]

    def score(self, model: Any, tokenizer: Any, question: Question, context: list[tuple[str, str]] | None) -> list:
        """`score_choices` for one question and context, from the file when an earlier run scored them."""
        key = hashlib.sha1(json.dumps([SYSTEM, question.question, question.options, context]).encode()).hexdigest()
        if key not in self.scores:
            options = question.options
            self.scores[key] = score_choices(model, tokenizer, question.question, options, context, system=SYSTEM)
            if self.path is not None:
                with self.path.open("a", encoding="utf-8") as out:
                    out.write(json.dumps({"key": key, "scores": self.scores[key]}) + "\n")
        return self.scores[key]


def knowledge_rates(
    model: Any,
    tokenizer: Any,
    questions: Sequence[Question],
    ranked: Sequence[Sequence[Hit]],
    ks: Sequence[int] = KS,
    cache: ScoreCache | None = None,
    progress: bool = True,
) -> dict[str, Rate]:
    """How often the model picks the right option: closed book, then with the top-k retrieved sources."""
    cache = cache or ScoreCache(None)
    scored = [(q, hits) for q, hits in zip(questions, ranked, strict=True) if len(q.options) > 1]
    rows: dict[str, Rate] = {}
    for k in (0, *ks) if scored else ():
        name = f"RAG k={k}" if k else "closed book"
        right = []
        for q, hits in tqdm(scored, desc=name, unit="question", disable=not progress):
            context = [(h.title, h.text) for h in hits[:k]] or None
            right.append(choose(cache.score(model, tokenizer, q, context)) == 0)
        rows[name] = rate(right)
    return rows


def written_answers(
    model: Any, tokenizer: Any, questions: Sequence[Question], index: VectorIndex, n: int = SAMPLE, seed: int = 0
) -> list[dict[str, Any]]:
    """A seeded sample of `n` questions answered in writing from 3 retrieved sources, with the sources they cite."""
    from ftrag.rag import answer

    sample = random.Random(seed).sample(list(questions), min(n, len(questions)))
    written = answer([q.question for q in sample], index, model, tokenizer, k=max(KS), sentences=SENTENCES)
    return [
        {
            "question": q.question,
            "expected": q.answer,
            "source": q.source,
            "reply": a.text,
            "shown": [h.doc_id for h in a.hits],
            "cited": a.sources,
        }
        for q, a in zip(sample, written, strict=True)
    ]


def advise(
    result: Study,
    knowledge_changes: bool | None = None,
    change_behavior: bool | None = None,
    labeled_examples: int | None = None,
) -> list[str]:
    """The framework's recommendation from your three answers (when given), then what your measurements add."""
    lines: list[str] = []
    if None in (knowledge_changes, change_behavior, labeled_examples):
        lines.append(
            "Answer the framework's three questions (--knowledge-changes, --behaviour-change, --labelled) "
            "for its recommendation."
        )
    else:
        rec = recommend(bool(knowledge_changes), bool(change_behavior), int(labeled_examples or 0))
        lines += [f"The framework recommends: {rec.label}.", *rec.path, *rec.also_consider]
    closed, rag_k = result.knowledge.get("closed book"), result.knowledge.get(f"RAG k={max(KS)}")
    if closed and rag_k:
        low, high = difference_interval(rag_k.value, rag_k.n, closed.value, closed.n)
        diff = rag_k.value - closed.value
        gap = f"RAG k={max(KS)} minus closed book: {diff:+.2f} (95% interval {low:+.2f} to {high:+.2f})"
        if low > 0:
            lines.append(f"{gap}: on your questions, retrieval supplies knowledge the model lacks.")
        elif high < 0:
            lines.append(f"{gap}: the sources mislead the model here; look at what retrieval returns.")
        else:
            lines.append(f"{gap}: not decided by {closed.n} questions; more questions narrow it.")
    lines += _behaviour_advice(result.behaviour)
    hit1, hit5 = result.retrieval.get("hit@1"), result.retrieval.get("hit@5")
    if hit1 and hit5:
        if hit5.interval[0] < 0.8:
            lines.append(f"hit@5 is {hit5.value:.2f}: retrieval often misses the source; fix it first (Lab 1, Lab 3).")
        elif hit1.value < 0.7:
            lines.append(
                f"hit@5 is {hit5.value:.2f} but hit@1 {hit1.value:.2f}: the source is found, not ranked first; "
                "a fine-tuned embedder (Lab 3) can move it up."
            )
    return lines


def _behaviour_advice(found: Any) -> list[str]:
    """What the LoRA-against-prompting comparison says, when it ran: the format row, else the exact row."""
    if found is None:
        return []
    measure = "format" if "format" in found.rows["LoRA"] else "exact"
    lora, prompted = found.rows["LoRA"][measure], next(iter(found.rows.values()))[measure]
    low, high = difference_interval(lora.value, lora.n, prompted.value, prompted.n)
    said = (
        f"LoRA minus prompting with examples, {measure}: {lora.value - prompted.value:+.2f} ({low:+.2f} to {high:+.2f})"
    )
    if low > 0:
        return [f"{said}: fine-tuning taught the behaviour better than a prompt did."]
    if high < 0:
        return [f"{said}: the prompt did better; keep prompting."]
    return [f"{said}: not decided by {lora.n} held-out examples; a prompt is the cheaper start."]


def study(
    folder: str | Path,
    question_file: str | Path,
    embedder: Any,
    model: Any = None,
    tokenizer: Any = None,
    out: str | Path | None = None,
    progress: bool = True,
    already_read: Read | None = None,
) -> Study:
    """Read, check and measure: retrieval always; knowledge and written answers when a model and tokenizer are given.

    With `out`, the index and the option scores are kept there (`out/index/`, `out/scores.jsonl`) for the next run.
    `already_read`: what `read_documents(folder)` and `read_questions(question_file, docs)` returned for these files,
    as (docs, skipped, questions, notes), so that a folder of PDFs is not read twice.
    """
    if already_read is None:
        docs, skipped = read_documents(folder)
        questions, notes = read_questions(question_file, docs)
    else:
        docs, skipped, questions, notes = already_read
    index_dir = Path(out) / "index" if out is not None else None
    index, embedded, seconds = build_index(docs, embedder, index_dir, progress)
    start = time.perf_counter()
    ranked = index.search_many([q.question for q in questions], max(5, *KS))  # one search serves every figure
    query_ms = 1000 * (time.perf_counter() - start) / len(questions)
    mb = index.num_chunks * index.dim * 4 / 2**20
    result = Study(len(docs), len(questions), skipped, notes, seconds, query_ms, index.num_chunks, mb, embedded)
    result.retrieval, result.mrr = retrieval_rates(questions, ranked)
    if model is not None and tokenizer is not None:
        focused = [
            [replace(h, text=" ".join(h.text.split()[:WORDS])) for h in row]
            for row in focus_hits([q.question for q in questions], ranked, index, SENTENCES)
        ]
        cache = ScoreCache(Path(out) / "scores.jsonl" if out is not None else None)
        result.knowledge = knowledge_rates(model, tokenizer, questions, focused, cache=cache, progress=progress)
        result.answers = written_answers(model, tokenizer, questions, index)
    return result


def _yes_no(text: str) -> bool:
    """argparse type: yes/no (also y/n, true/false, 1/0)."""
    value = text.strip().lower()
    if value not in ("yes", "y", "true", "1", "no", "n", "false", "0"):
        raise argparse.ArgumentTypeError(f"answer yes or no, not {text!r}")
    return value in ("yes", "y", "true", "1")


def _count(text: str) -> int:
    """argparse type: a whole number >= 0."""
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"give a whole number of examples (0 or more), not {text!r}")
    return int(text)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: read, measure with the course's models, write the report to --out; 2 on bad input."""
    from ftrag.your_report import write_report

    parser = argparse.ArgumentParser(prog="python -m ftrag.yours", description=__doc__.splitlines()[0])
    parser.add_argument("documents", type=Path, help="a folder of .md, .txt and .pdf files (read recursively)")
    parser.add_argument("questions", type=Path, help="a .csv or .jsonl file: question, answer, [source], [options]")
    parser.add_argument("--out", type=Path, default=Path("your_data_report"), help="the folder for the report")
    parser.add_argument("--no-model", action="store_true", help="retrieval only (no generator is loaded)")
    parser.add_argument("--knowledge-changes", type=_yes_no, help="question 1: does the knowledge change? yes/no")
    parser.add_argument("--behaviour-change", type=_yes_no, help="question 2: must the behaviour change? yes/no")
    parser.add_argument("--labelled", type=_count, help="question 3: how many labelled examples do you have?")
    parser.add_argument("--behaviour", type=Path, help="optional: a .jsonl of input/output examples to teach by LoRA")
    args = parser.parse_args(argv)
    from ftrag.models import load_embedder, load_generator
    from ftrag.your_behaviour import behaviour_study, read_examples

    try:
        pairs = read_examples(args.behaviour) if args.behaviour and not args.no_model else None
        model, tokenizer = (None, None) if args.no_model else load_generator()
        result = study(args.documents, args.questions, load_embedder(), model, tokenizer, out=args.out)
        if pairs:
            del model  # LoRA goes on a fresh copy
            result.behaviour = behaviour_study(load_generator()[0], tokenizer, pairs)
        result.advice = advise(result, args.knowledge_changes, args.behaviour_change, args.labelled)
    except YourDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    paths = write_report(result, args.out)
    print(paths["md"].read_text(encoding="utf-8"))
    print("written:", ", ".join(str(p) for p in paths.values()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
