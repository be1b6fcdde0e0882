"""The course's measurements on your own documents and questions, as a Markdown report (first part: no judge model).

    python -m ftrag.yours my_docs/ questions.csv --out my_report/

Retrieval (hit@1, hit@5 and MRR) is measured where a question names its `source` file; knowledge by option scoring
(as in Lab 4): closed book against RAG with k = 1 and 3 sources, on the questions that have distractors. Every figure
comes with its count and 95% interval. Reading and checking the input is `ftrag.your_data`.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ftrag.index import Hit, VectorIndex
from ftrag.knowledge import choose, score_choices
from ftrag.metrics import reciprocal_rank
from ftrag.stats import Rate, rate
from ftrag.your_data import Document, Question, YourDataError, read_documents, read_questions

KS = (1, 3)  # sources shown to the model in the RAG rows


@dataclass
class Study:
    """What one run measured on your data (each Rate holds its count and 95% interval)."""

    documents: int
    questions: int
    skipped: dict[str, str]
    notes: list[str]
    index_seconds: float
    query_ms: float
    retrieval: dict[str, Rate] = field(default_factory=dict)
    mrr: float | None = None
    knowledge: dict[str, Rate] = field(default_factory=dict)


def build_index(docs: Sequence[Document], embedder: Any) -> tuple[VectorIndex, float]:
    """A vector index over the documents, and the seconds it took to build."""
    start = time.perf_counter()
    index = VectorIndex.from_documents([vars(d) for d in docs], embedder=embedder, progress=len(docs) > 50)
    return index, time.perf_counter() - start


def retrieval_rates(
    questions: Sequence[Question], ranked: Sequence[Sequence[Hit]]
) -> tuple[dict[str, Rate], float | None]:
    """hit@1 and hit@5 (the source among the first 1 or 5 documents) and MRR, over the questions with a source."""
    asked = [(q, [h.doc_id for h in hits]) for q, hits in zip(questions, ranked, strict=True) if q.source]
    if not asked:
        return {}, None
    rates = {f"hit@{k}": rate([q.source in r[:k] for q, r in asked]) for k in (1, 5)}
    return rates, sum(reciprocal_rank(r, q.source) for q, r in asked) / len(asked)


def knowledge_rates(
    model: Any, tokenizer: Any, questions: Sequence[Question], ranked: Sequence[Sequence[Hit]], ks: Sequence[int] = KS
) -> dict[str, Rate]:
    """How often the model picks the right option: closed book, then with the top-k retrieved chunks as sources."""
    scored = [(q, hits) for q, hits in zip(questions, ranked, strict=True) if len(q.options) > 1]
    rows: dict[str, Rate] = {}
    for k in (0, *ks) if scored else ():
        right = []
        for q, hits in scored:
            context = [(h.title, h.text) for h in hits[:k]] or None
            right.append(choose(score_choices(model, tokenizer, q.question, q.options, context)) == 0)
        rows[f"RAG k={k}" if k else "closed book"] = rate(right)
    return rows


def study(
    folder: str | Path, question_file: str | Path, embedder: Any, model: Any = None, tokenizer: Any = None
) -> Study:
    """Read, check and measure: retrieval always, knowledge when a model and its tokenizer are given."""
    docs, skipped = read_documents(folder)
    questions, notes = read_questions(question_file, docs)
    index, seconds = build_index(docs, embedder)
    start = time.perf_counter()
    ranked = index.search_many([q.question for q in questions], max(5, *KS))  # one search serves every figure
    query_ms = 1000 * (time.perf_counter() - start) / len(questions)
    result = Study(len(docs), len(questions), skipped, notes, seconds, query_ms)
    result.retrieval, result.mrr = retrieval_rates(questions, ranked)
    if model is not None and tokenizer is not None:
        result.knowledge = knowledge_rates(model, tokenizer, questions, ranked)
    return result


def report(result: Study) -> str:
    """The study as Markdown: what was read, retrieval, knowledge, and every note about the input."""
    lines = [
        "# Your data: what the course's measurements say",
        "",
        f"{result.documents} documents, {result.questions} questions; index built in {result.index_seconds:.1f} s, "
        f"{result.query_ms:.1f} ms per query.",
        "",
        "## Retrieval (questions with a source)",
        "",
    ]
    if result.retrieval:
        lines += [f"- {name}: {r}" for name, r in result.retrieval.items()] + [f"- MRR: {result.mrr:.2f}"]
    else:
        lines.append("Not measured: no question names its source file.")
    lines += ["", "## Knowledge by option scoring (share of right picks)", ""]
    if result.knowledge:
        lines += ["| set-up | right |", "|---|---|"] + [f"| {k} | {r} |" for k, r in result.knowledge.items()]
    else:
        lines.append("Not measured: no model was given, or no question has distractors.")
    if result.skipped or result.notes:
        lines += ["", "## Notes on your input", ""]
        lines += [f"- skipped {path}: {why}" for path, why in result.skipped.items()]
        lines += [f"- {note}" for note in result.notes]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: read, measure with the course's models, write report.md to --out; 2 on bad input."""
    parser = argparse.ArgumentParser(prog="python -m ftrag.yours", description=__doc__.splitlines()[0])
    parser.add_argument("documents", type=Path, help="a folder of .md, .txt and .pdf files (read recursively)")
    parser.add_argument("questions", type=Path, help="a .csv or .jsonl file: question, answer, [source], [options]")
    parser.add_argument("--out", type=Path, default=Path("your_data_report"), help="the folder for report.md")
    parser.add_argument("--no-model", action="store_true", help="retrieval only (no generator is loaded)")
    args = parser.parse_args(argv)
    from ftrag.models import load_embedder, load_generator

    model, tokenizer = (None, None) if args.no_model else load_generator()
    try:
        result = study(args.documents, args.questions, load_embedder(), model, tokenizer)
    except YourDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.md").write_text(report(result), encoding="utf-8")
    print(report(result))
    print(f"written to {args.out / 'report.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
