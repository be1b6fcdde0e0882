"""Plumbing for the capstone (Lab 4): the architectures compared, a fixed question subset, the cited-answer format,
behaviour-tuning examples for the generator, scoring, and cost per 1,000 queries from `ftrag.cost`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ftrag import cost, metrics
from ftrag.prompts import IDK, Message, messages
from ftrag.rag import SYSTEM_PROMPT, Hit, build_prompt
from ftrag.text import split_sentences
from ftrag.validate import check_share

MAX_ANSWER_WORDS = 40
CLOSED_BOOK_SYSTEM = (
    "You answer customer questions about Halvard Home products and policies. Reply in one short sentence and "
    "cite your source in square brackets, like [1]. "
    f"If you do not know the answer, reply exactly: {IDK}"
)
ADAPTER_NAME = "rag-answer-lora"


@dataclass(frozen=True)
class Architecture:
    """One system compared in the capstone: does it retrieve, with which embedder, with which generator and prompt."""

    key: str
    label: str
    retrieval: bool
    embedder: str  # "stock", "tuned" or "" (no retrieval)
    generator: str  # "base" or "lora"
    system: str | None  # system prompt; None = the bare question


ARCHITECTURES: tuple[Architecture, ...] = (
    Architecture("base", "base model alone", False, "", "base", None),
    Architecture("prompted", "prompting only", False, "", "base", CLOSED_BOOK_SYSTEM),
    Architecture("lora", "LoRA-tuned model alone", False, "", "lora", CLOSED_BOOK_SYSTEM),
    Architecture("rag", "RAG, stock embedder", True, "stock", "base", SYSTEM_PROMPT),
    Architecture("rag_tuned_emb", "RAG, tuned embedder", True, "tuned", "base", SYSTEM_PROMPT),
    Architecture("rag_tuned_both", "RAG, tuned embedder + LoRA generator", True, "tuned", "lora", SYSTEM_PROMPT),
)
ARCH_KEYS = tuple(a.key for a in ARCHITECTURES)


def architecture(key: str) -> Architecture:
    """The architecture with this key (see ARCH_KEYS)."""
    for arch in ARCHITECTURES:
        if arch.key == key:
            return arch
    raise ValueError(f"Unknown architecture {key!r}; use one of {list(ARCH_KEYS)}.")


def stratified_subset(
    questions: Sequence[Mapping[str, Any]], per_kind: Mapping[str, int], seed: int = 0
) -> list[dict[str, Any]]:
    """A fixed, seeded sample of questions with `per_kind[kind]` questions of each kind, in data order."""
    chosen: set[str] = set()
    rng = random.Random(seed)
    for kind, n in per_kind.items():
        pool = [q["id"] for q in questions if q["kind"] == kind]
        if n < 0 or n > len(pool):
            raise ValueError(f"Asked for {n} {kind!r} questions but there are {len(pool)}.")
        chosen.update(rng.sample(pool, n))
    return [dict(q) for q in questions if q["id"] in chosen]


_CITE_END = re.compile(r"\[\s*\d+(?:\s*,\s*\d+)*\s*\]\s*\.?$")


def format_ok(text: str, k: int = 3) -> bool:
    """The course answer format: exactly "I don't know.", or one sentence of at most 40 words ending in [n] (n <= k)."""
    if not isinstance(text, str):
        raise ValueError(f"Expected a string, got {type(text).__name__}.")
    text = " ".join(text.split())
    if text == IDK:
        return True
    if not _CITE_END.search(text) or len(text.split()) > MAX_ANSWER_WORDS or "\n" in text:
        return False
    body = _CITE_END.sub("", text).rstrip(" .")
    if not body or len(split_sentences(body)) > 1:
        return False
    return all(1 <= n <= k for n in metrics.parse_citations(text))


def cited_answer(passage: str, number: int) -> str:
    """The target answer for a behaviour example: the source sentence, ending with its citation, e.g. "... [2]."."""
    body = " ".join(passage.split()).rstrip(" .!?")
    if not body:
        raise ValueError("The passage is empty.")
    return f"{body} [{number}]."


def behaviour_examples(
    pairs: Sequence[Mapping[str, Any]],
    hits: Sequence[Sequence[Hit]],
    unanswerable_share: float = 0.2,
    seed: int = 0,
) -> list[tuple[list[Message], str]]:
    """(messages, target) examples in the RAG answer format from embedding pairs and their retrieved hits.

    If the hit shown for the pair's document contains its passage, the target is that passage cited by number.
    If the document was not retrieved, and for a seeded `unanswerable_share` of pairs whose document is then hidden,
    the target is "I don't know.". Pairs whose document is shown without the passage, or whose passage is too long
    for the answer format, are left out (their right answer would be unclear).
    """
    if len(pairs) != len(hits) or not pairs:
        raise ValueError(f"Need one list of hits per pair and at least one pair; got {len(pairs)} and {len(hits)}.")
    check_share(unanswerable_share, "unanswerable_share")
    rng = random.Random(seed)
    examples = []
    for pair, row in zip(pairs, hits, strict=True):
        row = list(row)
        if rng.random() < unanswerable_share:
            row = [h for h in row if h.doc_id != pair["doc_id"]]
        gold = [n for n, h in enumerate(row, start=1) if h.doc_id == pair["doc_id"]]
        passage = " ".join(pair["passage"].split())
        if not gold:
            target = IDK
        elif passage in " ".join(row[gold[0] - 1].text.split()):
            target = cited_answer(passage, gold[0])
        else:
            continue
        if not format_ok(target, k=max(len(row), 1)):
            continue
        examples.append((messages(build_prompt(pair["query"], row), SYSTEM_PROMPT), target))
    if not examples:
        raise ValueError("No usable example: no passage was found in the hits shown for its document.")
    return examples


def score_answers(
    questions: Sequence[Mapping[str, Any]],
    texts: Sequence[str],
    cited: Sequence[Sequence[str]],
    version: str = "v2",
    k: int = 3,
) -> dict[str, float]:
    """Accuracy (right answer, or abstaining when there is none), format compliance and citation correctness."""
    if not (len(questions) == len(texts) == len(cited)) or not questions:
        raise ValueError(f"Got {len(questions)} questions, {len(texts)} answers, {len(cited)} citation lists.")
    correct, cites, answerable = [], [], 0
    for q, text, docs in zip(questions, texts, cited, strict=True):
        gold = q[version]
        if gold["answer"] is None:
            correct.append(metrics.is_abstention(text))
        else:
            answerable += 1
            correct.append(metrics.answer_matches(text, gold["answer"]))
            cites.append(metrics.citation_correct(list(docs), gold["doc_ids"]))
    return {
        "accuracy": sum(correct) / len(correct),
        "format_compliance": sum(format_ok(t, k) for t in texts) / len(texts),
        "citation_correctness": sum(cites) / answerable if answerable else 0.0,
        "n": float(len(texts)),
    }


def cost_per_1000(
    arch: Architecture, input_tokens: float, output_tokens: float, assumptions: cost.CostAssumptions | None = None
) -> float:
    """Dollars per 1,000 queries with the course cost model, from measured mean input and output tokens per query.

    Architectures with the LoRA generator pay the smaller fine-tuned model's token prices plus its hosting; the others
    pay the general model's prices; retrieval adds the vector store's monthly cost. Monthly costs are spread over
    `queries_per_month`; set-up costs are left out (see `ftrag.cost.cumulative` for those).
    """
    a = cost.validate(assumptions or cost.CostAssumptions())
    if input_tokens < 0 or output_tokens < 0:
        raise ValueError("Token counts must be >= 0.")
    measured = replace(a, prompt_tokens=round(input_tokens), context_tokens=0, output_tokens=round(output_tokens))
    per_query = cost.ft_query_cost(measured) if arch.generator == "lora" else cost.rag_query_cost(measured)
    monthly = (a.ft_hosting_per_month if arch.generator == "lora" else 0.0) + (
        a.rag_storage_per_month if arch.retrieval else 0.0
    )
    per_query += monthly / a.queries_per_month if a.queries_per_month else 0.0
    return 1000 * per_query
