"""Retrieval and answer metrics shared by every lab: recall@k, MRR, answer matching, abstention, citations."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from ftrag.validate import check_nonempty, check_positive_int, check_same_length

# Phrases that mean "the model declined to answer" (matched on the normalised text).
ABSTAIN_PATTERNS: tuple[str, ...] = (
    r"\bi (?:do not|dont|don t) know\b",
    r"\b(?:i am|im|i m) not sure\b",
    r"\b(?:cannot|can not|cant|can t|unable to) (?:find|answer|determine|tell|say)\b",
    r"\bno (?:information|answer|mention|details?|data)\b",
    r"\bnot (?:mentioned|provided|specified|stated|given|available|included|covered|found)\b",
    r"\b(?:does not|doesnt|doesn t|do not|dont|don t) (?:say|mention|specify|state|contain|include|provide)\b",
    r"\bnot in the (?:context|sources?|documents?)\b",
)
_ABSTAIN = re.compile("|".join(ABSTAIN_PATTERNS))
_CITATION = re.compile(r"\[\s*(?:sources?\s*)?(\d+(?:\s*(?:,|and|&)\s*\d+)*)\s*\]", re.IGNORECASE)
_SOURCE_WORD = re.compile(r"\bsources?\s*#?\s*(\d+)\b", re.IGNORECASE)
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def _gold_set(gold: Iterable[str] | str) -> set[str]:
    """Turn one gold id or a list of gold ids into a non-empty set."""
    ids = {gold} if isinstance(gold, str) else set(gold)
    if not ids:
        raise ValueError("A gold set is empty: leave out questions without gold documents (unanswerable ones).")
    return ids


def recall_at_k(ranked: Sequence[str], gold: Iterable[str] | str, k: int) -> float:
    """1.0 if any gold document id is among the first k ranked ids, else 0.0."""
    check_positive_int(k, "k")
    return float(bool(_gold_set(gold) & set(ranked[:k])))


def reciprocal_rank(ranked: Sequence[str], gold: Iterable[str] | str) -> float:
    """1 / rank of the first gold id in the ranked list (0.0 if none is there)."""
    ids = _gold_set(gold)
    return next((1.0 / i for i, doc in enumerate(ranked, start=1) if doc in ids), 0.0)


def retrieval_scores(
    rankings: Sequence[Sequence[str]], golds: Sequence[Iterable[str] | str], ks: Sequence[int] = (1, 5)
) -> dict[str, float]:
    """Mean recall@k for each k and MRR over queries; queries with an empty gold set are skipped."""
    check_same_length("retrieval_scores", rankings=rankings, golds=golds)
    pairs = [(r, g) for r, g in zip(rankings, golds, strict=True) if (g if isinstance(g, str) else list(g))]
    if not pairs:
        raise ValueError("No query has a gold document, so recall is undefined.")
    scores = {f"recall@{k}": sum(recall_at_k(r, g, k) for r, g in pairs) / len(pairs) for k in ks}
    scores["mrr"] = sum(reciprocal_rank(r, g) for r, g in pairs) / len(pairs)
    scores["n"] = len(pairs)
    return scores


def normalize_answer(text: str) -> str:
    """Lower-case, unify unicode, drop punctuation (keeping decimal points and thousands) and extra spaces."""
    if not isinstance(text, str):
        raise ValueError(f"Expected a string, got {type(text).__name__}.")
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # 1,000 -> 1000
    text = re.sub(r"(?<=\d)[.,](?=\d)", "\0", text)  # keep decimal marks: 9.99 / 9,99
    text = re.sub(r"[^\w\s\0]", " ", text).replace("_", " ").replace("\0", ".")
    text = re.sub(r"\b(?:a|an|the)\b", " ", text)
    return " ".join(text.split())


def _contains(haystack: list[str], needle: list[str]) -> bool:
    """Whether the token list needle occurs contiguously in haystack."""
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def answer_matches(prediction: str, gold: str) -> bool:
    """Whether a prediction states the gold short answer (normalised token match; numbers need their unit)."""
    pred, want = normalize_answer(prediction).split(), normalize_answer(gold).split()
    if not want:
        raise ValueError("The gold answer is empty after normalisation.")
    if _contains(pred, want):
        return True
    numbers = [i for i, tok in enumerate(want) if _NUMBER.match(tok)]
    if not numbers:
        return False
    for i in numbers:  # every number must appear, followed by a word with the same stem as its unit
        unit = want[i + 1][:3] if i + 1 < len(want) and not _NUMBER.match(want[i + 1]) else None
        spots = [j for j, tok in enumerate(pred) if tok == want[i]]
        if not any(unit is None or (j + 1 < len(pred) and pred[j + 1].startswith(unit)) for j in spots):
            return False
    return True


def strict_correct(prediction: str, gold: str, max_words: int = 25) -> bool:
    """An answer, not a pasted source: it states the gold answer and is at most `max_words` words long."""
    return len(prediction.split()) <= max_words and answer_matches(prediction, gold)


def is_abstention(text: str) -> bool:
    """Whether an answer declines to answer ("I don't know", "not mentioned in the context", ...)."""
    norm = normalize_answer(text)
    return not norm or bool(_ABSTAIN.search(norm))


def parse_citations(text: str) -> list[int]:
    """Source numbers cited in an answer, in order of first mention: "[1]", "[1, 3]", "[Source 2]", "source 2"."""
    if not isinstance(text, str):
        raise ValueError(f"Expected a string, got {type(text).__name__}.")
    found: list[int] = []
    for match in _CITATION.finditer(text):
        found += [int(n) for n in re.findall(r"\d+", match.group(1))]
    found += [int(m.group(1)) for m in _SOURCE_WORD.finditer(text)]
    return list(dict.fromkeys(found))


def citation_correct(cited: Sequence[str], gold: Iterable[str] | str) -> bool:
    """True if the answer cites at least one source and at least one cited document is a gold document."""
    return bool(cited) and bool(set(cited) & _gold_set(gold))


def answer_rates(
    outputs: Sequence[str], answers: dict[str, Sequence[str]], match: Callable[[str, str], bool] | None = None
) -> dict[str, float]:
    """For each named list of gold answers (e.g. {"v1": [...], "v2": [...]}), the share of outputs that state it."""
    match = match or answer_matches
    check_nonempty(outputs, "outputs to score")
    for name, golds in answers.items():
        check_same_length(f"answer_rates[{name!r}]", outputs=outputs, golds=golds)
    return {
        name: sum(match(o, g) for o, g in zip(outputs, golds, strict=True)) / len(outputs)
        for name, golds in answers.items()
    }
