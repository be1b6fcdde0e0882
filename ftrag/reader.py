"""A generator that reads its sources: a RAFT-style LoRA adapter for RAG (Zhang et al. 2024, "RAFT").

A small model shown retrieved sources tends to paste them instead of answering. RAFT fine-tunes it on questions about
the documents, each shown with the relevant source among distractors (and sometimes without it), to reply with the
answer and its citation, or "I don't know." when no source holds it. This is "use both" in practice: retrieval for
the facts, fine-tuning for the behaviour of reading them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ftrag.finetune import Example, adapter_dir
from ftrag.index import Hit, VectorIndex
from ftrag.prompts import IDK, RAG_SYSTEM, messages
from ftrag.rag import build_prompt, focus_hits
from ftrag.text import split_sentences
from ftrag.validate import check_nonempty, check_positive_int, check_share

READER_NAME = "reader-lora"


def reader_target(answer: str, shown: Sequence[str], own: str) -> str:
    """The reply the reader learns from the sources `shown` (doc ids, numbered from 1): "30 days [2]." or IDK."""
    if own not in shown:
        return IDK
    body = " ".join(answer.split()).rstrip(" .")
    if not body:
        raise ValueError("The answer is empty.")
    return f"{body} [{list(shown).index(own) + 1}]."


def _with_answer(hit: Hit, document_text: str, answer: str) -> Hit:
    """The hit, made to hold the sentence that states `answer` (it replaces the least relevant sentence if missing)."""
    if answer.lower() in hit.text.lower():
        return hit
    sentence = next((s for s in split_sentences(document_text) if answer.lower() in s.lower()), None)
    if sentence is None:
        raise ValueError(f"{answer!r} is not in document {hit.doc_id}.")
    kept = split_sentences(hit.text)
    return Hit(hit.doc_id, " ".join([*kept[:-1], sentence]) if kept else sentence, hit.score, hit.title, hit.position)


def _own_hit(doc_id: str, hits: Sequence[Hit], index: VectorIndex) -> Hit:
    """The question's own document as a hit: its best retrieved chunk, or its text if retrieval missed it."""
    found = next((h for h in hits if h.doc_id == doc_id), None)
    if found is not None:
        return found
    doc = index.document(doc_id)
    return Hit(doc_id, doc["text"], 0.0, doc["title"])


def reader_examples(
    rows: Sequence[Mapping[str, Any]],
    index: VectorIndex,
    k: int = 3,
    sentences: int = 2,
    idk_share: float = 0.2,
    seed: int = 0,
    reply: Callable[[str, Sequence[str], str], str] | None = None,
) -> list[Example]:
    """RAFT training examples from questions about the indexed documents ({"question", "answer", "doc_id"}).

    Each question gets k sources: its own document (trimmed to the `sentences` closest to the question, always keeping
    the one that states the answer) at a random position among the best-retrieved other documents. For a seeded
    `idk_share` of the questions the own document is left out. `reply(answer, shown_doc_ids, own_doc_id)` writes every
    target (default `reader_target`; a lab passes the learner's own).
    """
    check_nonempty(rows, "training questions")
    check_positive_int(k, "k")
    check_share(idk_share, "idk_share")
    rng = random.Random(seed)
    questions = [r["question"] for r in rows]
    retrieved = index.search_many(questions, min(k + 1, len(index)))
    examples: list[Example] = []
    for row, hits in zip(rows, retrieved, strict=True):
        rest = [h for h in hits if h.doc_id != row["doc_id"]][:k]
        if rng.random() < idk_share:
            shown = rest
        else:
            shown = rest[: k - 1]
            shown.insert(min(rng.randrange(k), len(shown)), _own_hit(row["doc_id"], hits, index))
        shown = focus_hits([row["question"]], [shown], index, sentences)[0]
        ids = [h.doc_id for h in shown]
        if row["doc_id"] in ids:
            position = ids.index(row["doc_id"])
            shown[position] = _with_answer(shown[position], index.document(row["doc_id"])["text"], row["answer"])
        target = (reply or reader_target)(row["answer"], ids, row["doc_id"])
        examples.append((messages(build_prompt(row["question"], shown), RAG_SYSTEM), target))
    return examples


def reader_dir(name: str = READER_NAME) -> Path:
    """Where the reader adapter is saved (the course cache's adapters folder)."""
    return adapter_dir(name)


def load_reader(base_model: Any = None, name: str = READER_NAME) -> Any | None:
    """The generator with the reader adapter merged in, or None if no reader was trained here (Lab 4 trains it).

    A `base_model` passed in becomes the reader (the adapter is merged into its weights: no second copy in memory,
    and answers cost what the base model's do; unmerged, Lab 1 took 401 s instead of 163 s). Without one, a fresh copy
    of the generator is loaded.
    """
    from peft import PeftModel

    from ftrag.models import load_generator

    folder = reader_dir(name)
    if not (folder / "adapter_config.json").is_file():
        return None
    model = base_model if base_model is not None else load_generator()[0]
    return PeftModel.from_pretrained(model, str(folder)).merge_and_unload().eval()


@dataclass(frozen=True)
class Answerer:
    """The model that answers a notebook's questions, whether it is Lab 4's reader, and a label that says which."""

    model: Any
    is_reader: bool
    label: str


def choose_answerer(model: Any, use_reader: bool) -> Answerer:
    """`model`, or Lab 4's reader merged into it when `use_reader` is set and a reader is saved here; says which.

    Only the learner's switch decides: a reader in the cache never changes a notebook's numbers on its own.
    """
    if not use_reader:
        return Answerer(model, False, "SmolLM2 as downloaded")
    reader = load_reader(model)
    if reader is None:
        return Answerer(model, False, "SmolLM2 as downloaded (no reader saved on this machine yet: Lab 4 trains it)")
    return Answerer(reader, True, "SmolLM2 + Lab 4's reader adapter")
