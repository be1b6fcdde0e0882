"""RAG: retrieve the documents for a question (`ftrag.index`), then answer from them with cited sources.

`ftrag.index` holds the retrieval half (chunking, the vector index); this module the generation half: trimming
sources to their most relevant sentences, the prompt with numbered sources, answers and their citations.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ftrag.index import Hit, VectorIndex
from ftrag.metrics import is_abstention, parse_citations
from ftrag.models import chat
from ftrag.prompts import IDK, RAG_SYSTEM, rag_prompt
from ftrag.text import split_sentences
from ftrag.validate import check_texts

PromptBuilder = Callable[[str, Sequence[Hit]], str]  # (question, hits) -> prompt
SYSTEM_PROMPT = RAG_SYSTEM  # the rules of a RAG answer, sent as the system turn
GENERATION_OPTIONS = frozenset({"max_new_tokens", "batch_size", "system", "progress"})  # what rag.answer passes to chat


@dataclass
class RagAnswer:
    """A generated answer, the document ids it cited, the hits it was shown and its timings (seconds)."""

    question: str
    text: str
    sources: list[str]
    hits: list[Hit]
    abstained: bool = False
    timings: dict[str, float] = field(default_factory=dict)


def focus(question: str, text: str, embed: Callable[[list[str]], np.ndarray], n: int = 2) -> str:
    """The `n` sentences of `text` most similar to the question, in their original order (`embed`: texts -> unit
    vectors, e.g. `index.embed`)."""
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}.")
    sentences = split_sentences(text)
    if not sentences:
        return text
    vectors = embed([question, *sentences])
    best = sorted(np.argsort(-(vectors[1:] @ vectors[0]))[:n].tolist())
    return " ".join(sentences[i] for i in best)


def focus_hits(
    questions: Sequence[str],
    hits: Sequence[Sequence[Hit]],
    index: VectorIndex,
    sentences: int = 2,
    batched: bool = True,
) -> list[list[Hit]]:
    """Each question's hits, each cut to its `sentences` sentences most similar to the question (`focus`).

    `batched=True` (the default) gives the same texts with one embedding call for every sentence of every hit
    instead of one call per hit (`_focus_hits_batched`); tests/test_rag.py checks that both agree.
    """
    if sentences < 1:
        raise ValueError(f"sentences must be >= 1, got {sentences}.")
    if batched:
        return _focus_hits_batched(questions, hits, index, sentences)
    return [
        [replace(h, text=focus(q, h.text, index.embed, sentences)) for h in row]
        for q, row in zip(questions, hits, strict=True)
    ]


def _focus_hits_batched(
    questions: Sequence[str], hits: Sequence[Sequence[Hit]], index: VectorIndex, sentences: int
) -> list[list[Hit]]:
    """`focus_hits` with all sentences and questions embedded in two calls, then cut apart by offset."""
    pieces = [[split_sentences(h.text) for h in row] for row in hits]
    flat = [s for row in pieces for sents in row for s in sents]
    if not flat:
        return [list(row) for row in hits]
    vectors = index.embed(flat)
    queries = index.embed(list(questions))
    out, pos = [], 0
    for qi, row in enumerate(hits):
        new_row = []
        for hit, sents in zip(row, pieces[qi], strict=True):
            if not sents:
                new_row.append(hit)
                continue
            sims = vectors[pos : pos + len(sents)] @ queries[qi]
            pos += len(sents)
            keep = sorted(np.argsort(-sims)[:sentences].tolist())
            new_row.append(replace(hit, text=" ".join(sents[i] for i in keep)))
        out.append(new_row)
    return out


def build_prompt(question: str, hits: Sequence[Hit]) -> str:
    """A prompt with the retrieved chunks as numbered sources, asking for a short cited answer or "I don't know"."""
    return rag_prompt(question, [(h.title, h.text) for h in hits])


def cited_sources(text: str, hits: Sequence[Hit]) -> list[str]:
    """Document ids of the numbered sources an answer cites (numbers outside 1..len(hits) are ignored)."""
    return list(dict.fromkeys(hits[n - 1].doc_id for n in parse_citations(text) if 1 <= n <= len(hits)))


def retrieve(questions: Sequence[str], index: VectorIndex, k: int = 3, sentences: int | None = None) -> list[list[Hit]]:
    """Each question's k best hits; with `sentences`, each hit cut to its most relevant sentences (`focus_hits`)."""
    hits = index.search_many(list(questions), k)
    return focus_hits(questions, hits, index, sentences) if sentences else hits


def answer(
    questions: Sequence[str],
    index: VectorIndex,
    model: Any,
    tokenizer: Any,
    k: int = 3,
    sentences: int | None = None,
    prompt: PromptBuilder | None = None,
    min_score: float | None = None,
    **generation: Any,
) -> list[RagAnswer]:
    """RAG in three steps: retrieve each question's hits, show them as numbered sources, generate; then read back
    which sources each answer cites.

    `sentences` trims each hit to its most relevant sentences (shorter, sharper context); `prompt(question, hits)`
    builds each prompt (default `build_prompt`; a lab passes the learner's own); with `min_score`, a question whose
    best hit scores below it gets "I don't know." without generation. `generation` goes to `ftrag.models.chat`
    (`max_new_tokens`, default 48; `batch_size`; `system`, default the RAG rules; `progress`).
    Timings are per question: each step's time divided by the questions it served.
    """
    check_texts(questions, "questions")
    unknown = sorted(set(generation) - GENERATION_OPTIONS)
    if unknown:
        raise TypeError(f"rag.answer() got {unknown}: generation takes {', '.join(sorted(GENERATION_OPTIONS))}.")
    start = time.perf_counter()
    hits = retrieve(questions, index, k, sentences)
    retrieval_s = (time.perf_counter() - start) / max(len(questions), 1)
    asked = [i for i, h in enumerate(hits) if min_score is None or (h and h[0].score >= min_score)]
    start = time.perf_counter()
    prompts = [(prompt or build_prompt)(questions[i], hits[i]) for i in asked]
    options = {"system": SYSTEM_PROMPT, "max_new_tokens": 48, **generation}
    replies = dict(zip(asked, chat(model, tokenizer, prompts, **options) if prompts else [], strict=True))
    generation_s = (time.perf_counter() - start) / max(len(asked), 1)
    out = []
    for i, question in enumerate(questions):
        text = replies.get(i, IDK)
        timings = {"retrieval_s": retrieval_s, "generation_s": generation_s if i in replies else 0.0}
        out.append(RagAnswer(question, text, cited_sources(text, hits[i]), hits[i], is_abstention(text), timings))
    return out
