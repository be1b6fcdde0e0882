"""Your own documents and questions, read and checked for the course's measurements (issue: "your own data").

    docs, skipped = read_documents("my_docs/")               # Markdown, text and PDF files, read recursively
    questions, notes = read_questions("questions.csv", docs)  # question, answer, optional source and options

Nothing is dropped silently: every file left out comes back in `skipped` with its reason, and every change to the
questions (a duplicate set aside, a distractor drawn or removed) in `notes`. Input that cannot be used at all (an
empty folder, a question file without a `question` column, a source that is not in the folder) raises
`YourDataError` with a message that says what to fix.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ftrag.metrics import normalize_answer
from ftrag.text import NUMBER
from ftrag.text import shape as text_shape

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
PDF_SUFFIX = ".pdf"
OPTIONS = 4  # the right answer and up to 3 distractors, as in the course's own question set
FEW_QUESTIONS = 20  # below this, a 95% interval spans about 0.4: say so


class YourDataError(ValueError):
    """Input that cannot be used as it is; the message says what to fix."""


@dataclass(frozen=True)
class Document:
    """One readable file: its path relative to the folder (the id questions name as `source`), title and text."""

    id: str
    title: str
    text: str


@dataclass
class Question:
    """One question with its right answer, the file that holds it (if given) and the options it is scored with."""

    question: str
    answer: str
    source: str | None = None
    options: list[str] = field(default_factory=list)  # the answer first, then the distractors
    drawn: bool = False  # True when the distractors were drawn from other answers, not given


def read_documents(folder: str | Path) -> tuple[list[Document], dict[str, str]]:
    """Every Markdown, text and PDF file under `folder`, and {relative path: why it was skipped} for the rest."""
    root = Path(folder)
    if not root.is_dir():
        raise YourDataError(f"{root} is not a folder: give the folder that holds your documents.")
    docs: list[Document] = []
    skipped: dict[str, str] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        text, problem = _read_text(path)
        if problem:
            skipped[rel] = problem
        elif not text.strip():
            skipped[rel] = "empty"
        else:
            docs.append(Document(rel, _title(path, text), " ".join(text.split())))
    if not docs:
        found = f"; skipped: {', '.join(f'{k} ({v})' for k, v in skipped.items())}" if skipped else ""
        raise YourDataError(f"No readable .md, .txt or .pdf file under {root}{found}.")
    return docs, skipped


def _read_text(path: Path) -> tuple[str, str]:
    """(text, "") for a readable file, ("", reason) otherwise (`decode` reads text that is not UTF-8)."""
    suffix = path.suffix.lower()
    if suffix == PDF_SUFFIX:
        return _read_pdf(path)
    if suffix not in TEXT_SUFFIXES:
        return "", f"not a document type the kit reads ({', '.join(TEXT_SUFFIXES)}, {PDF_SUFFIX})"
    raw = path.read_bytes()
    if b"\0" in raw[:8192]:
        return "", "binary content in a text file"
    return decode(raw), ""


def decode(raw: bytes) -> str:
    """Text from bytes: UTF-8 (with or without a byte-order mark), else Latin-1, which reads any byte: nothing lost."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _read_pdf(path: Path) -> tuple[str, str]:
    """The text of a PDF's pages (pypdf), or the reason it could not be read."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        return "", "a PDF: install pypdf (`pip install pypdf`) to read PDFs"
    try:
        text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    except (PdfReadError, OSError, ValueError) as exc:
        return "", f"an unreadable PDF ({type(exc).__name__})"
    return (text, "") if text.strip() else ("", "a PDF without a text layer (scanned?)")


def _title(path: Path, text: str) -> str:
    """A Markdown file's first heading, else the file name without its suffix."""
    heading = (
        re.search(r"^#\s+(.+)$", text, flags=re.MULTILINE) if path.suffix.lower() in (".md", ".markdown") else None
    )
    return heading.group(1).strip() if heading else path.stem.replace("_", " ").replace("-", " ")


def read_questions(
    path: str | Path, docs: Sequence[Document] | None = None, seed: int = 0
) -> tuple[list[Question], list[str]]:
    """The questions of a CSV or JSONL file, checked, with distractors where none are given; and what was changed."""
    rows = _rows(Path(path))
    questions, notes = _questions(rows, Path(path).name)
    if docs is not None:
        _check_sources(questions, docs)
    notes += add_distractors(questions, seed)
    if len(questions) < FEW_QUESTIONS:
        notes.append(
            f"only {len(questions)} questions: every 95% interval will be wide (about +-0.2 or more); "
            f"{FEW_QUESTIONS} or more make the comparisons decidable"
        )
    return questions, notes


def _rows(path: Path) -> list[dict]:
    """The raw rows of a .csv or .jsonl question file."""
    if not path.is_file():
        raise YourDataError(f"{path} does not exist: give a .csv or .jsonl file of questions.")
    text = decode(path.read_bytes())
    if path.suffix.lower() == ".csv":
        return list(csv.DictReader(text.splitlines()))
    if path.suffix.lower() in (".jsonl", ".json"):
        rows = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise YourDataError(f"{path.name}, line {number}: not JSON ({exc.msg}).") from None
        return rows
    raise YourDataError(f"{path.name}: give the questions as .csv or .jsonl, not {path.suffix or 'no suffix'}.")


def _questions(rows: Sequence[Mapping], name: str) -> tuple[list[Question], list[str]]:
    """Questions from raw rows: required columns checked, blank rows and duplicates set aside (and noted)."""
    if not rows:
        raise YourDataError(f"{name} holds no questions.")
    missing = [c for c in ("question", "answer") if c not in rows[0]]
    if missing:
        raise YourDataError(
            f"{name} has no {' and no '.join(repr(c) for c in missing)} column (found: {', '.join(rows[0])}); "
            "name the columns question, answer and, optionally, source and options."
        )
    questions: list[Question] = []
    notes: list[str] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, 1):
        question, answer = str(row.get("question") or "").strip(), str(row.get("answer") or "").strip()
        if not question or not answer:
            notes.append(f"row {number}: no question or no answer, set aside")
            continue
        key = normalize_answer(question)
        if key in seen:
            notes.append(f"row {number}: the same question as row {seen[key]}, set aside")
            continue
        seen[key] = number
        source = str(row.get("source") or "").strip() or None
        questions.append(Question(question, answer, source, [answer, *_given_options(row.get("options"))]))
    if not questions:
        raise YourDataError(f"{name}: no row has both a question and an answer.")
    return questions, notes


def _given_options(value: object) -> list[str]:
    """Wrong answers from a JSON list or a CSV cell separated by '|'."""
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else str(value).split("|")
    return [str(o).strip() for o in items if str(o).strip()]


def _check_sources(questions: Sequence[Question], docs: Sequence[Document]) -> None:
    """Raise if a question names a source file that is not among the documents read."""
    ids = {d.id for d in docs}
    unknown = sorted({q.source for q in questions if q.source and q.source not in ids})
    if unknown:
        known = ", ".join(sorted(ids)[:5]) + (", ..." if len(ids) > 5 else "")
        raise YourDataError(
            f"sources not among the documents read: {', '.join(unknown)}. Name a file by its path inside the "
            f"folder (e.g. {known}), or leave source empty."
        )


def shape(answer: str) -> str:
    """An answer's shape as the course data defines it (`text.shape`); answers without a number share one shape."""
    return text_shape(answer.strip()) if NUMBER.search(answer) else "text"


def add_distractors(questions: Sequence[Question], seed: int = 0) -> list[str]:
    """Clean each question's options, and draw distractors where none are given; returns what was changed.

    A given option equal to the answer (after `normalize_answer`) is removed. Drawn distractors are other questions'
    answers of the same shape (`shape`), seeded, as the course's own question set does (data/README.md).
    """
    rng = random.Random(seed)
    notes: list[str] = []
    by_shape: dict[str, list[str]] = {}
    for q in questions:
        by_shape.setdefault(shape(q.answer), []).append(q.answer)
    for q in questions:
        right = normalize_answer(q.answer)
        kept, seen = [q.answer], {right}
        for option in q.options[1:]:
            if normalize_answer(option) in seen:
                why = "its own answer" if normalize_answer(option) == right else "a duplicate option"
                notes.append(f"{q.question!r}: option {option!r} removed ({why})")
                continue
            seen.add(normalize_answer(option))
            kept.append(option)
        if len(kept) == 1:
            pool = sorted({a for a in by_shape[shape(q.answer)] if normalize_answer(a) not in seen})
            kept += rng.sample(pool, min(OPTIONS - 1, len(pool)))
            q.drawn = len(kept) > 1
        q.options = kept
    drawn = [q for q in questions if q.drawn]
    if drawn:
        notes.append(f"{len(drawn)} questions had no options: their distractors are other answers of the same shape")
    lonely = [q.question for q in questions if len(q.options) < 2]
    if lonely:
        notes.append(
            f"{len(lonely)} questions have no distractor (no other answer of their shape): not scored by options"
        )
    return notes
