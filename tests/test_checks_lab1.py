"""Lab 1's self-checks and answer keys (ftrag.checks.lab1): right code passes, mistakes get hints."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from ftrag.index import Hit, chunk_text
from ftrag.rag import build_prompt


def _chunk_ok(text: str, size: int, overlap: int) -> list[str]:
    return chunk_text(text, size, overlap)


def _chunk_no_overlap(text: str, size: int, overlap: int) -> list[str]:
    words = text.split()
    return [" ".join(words[i : i + size]) for i in range(0, len(words), size)]


def test_lab1_checks_pass_on_correct_answers_and_fail_on_mistakes() -> None:
    from ftrag.checks import CheckFailed, lab1

    lab1.check_chunking(_chunk_ok)
    with pytest.raises(CheckFailed):
        lab1.check_chunking(_chunk_no_overlap)

    def top_k(q: np.ndarray, m: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        s = m @ q
        rows = np.argsort(-s)[:k]
        return s[rows], rows

    lab1.check_top_k(top_k)
    with pytest.raises(CheckFailed):
        lab1.check_top_k(lambda q, m, k: top_k(q, m, k)[::-1])  # scores and rows swapped

    def best(doc_ids: Sequence[str], scores: Sequence[float], k: int) -> list[tuple[str, float]]:
        seen: dict[str, float] = {}
        for d, s in zip(doc_ids, scores, strict=True):
            seen.setdefault(d, s)
        return list(seen.items())[:k]

    lab1.check_best_per_document(best)
    with pytest.raises(CheckFailed):
        lab1.check_best_per_document(lambda d, s, k: list(zip(d, s, strict=True))[:k])

    hits = [Hit("d1", "Returns within 30 days.", 0.9), Hit("d2", "Refunds in 14 days.", 0.7)]
    lab1.check_prompt(build_prompt, hits)
    with pytest.raises(CheckFailed):
        lab1.check_prompt(lambda q, h: q + " " + " ".join(x.text for x in h), hits)

    lab1.check_recall(lambda ranked, gold, k: float(bool(set(ranked[:k]) & set(gold))))
    with pytest.raises(CheckFailed):
        lab1.check_recall(lambda ranked, gold, k: float(bool(set(ranked) & set(gold))))
    with pytest.raises(NotImplementedError, match="Lab exercise"):  # an unfilled TODO stops with its own message
        lab1.check_recall(lambda ranked, gold, k: (_ for _ in ()).throw(NotImplementedError("Lab exercise: x")))


def test_lab1_references_pass_their_own_checks() -> None:
    from ftrag.checks import lab1, use_reference

    lab1.check_chunking(use_reference("lab1.chunk_words"))
    lab1.check_top_k(use_reference("lab1.top_k"))
    lab1.check_best_per_document(use_reference("lab1.best_per_document"))
    hits = [Hit("d1", "Returns within 30 days.", 0.9), Hit("d2", "Refunds in 14 days.", 0.7)]
    lab1.check_prompt(use_reference("lab1.make_prompt"), hits)
    lab1.check_recall(use_reference("lab1.recall_at_k"))


def test_lab1_success_texts_say_what_was_checked(capsys: pytest.CaptureFixture[str]) -> None:
    from ftrag.checks import lab1

    lab1.check_chunking(_chunk_ok)
    out = capsys.readouterr().out
    assert out.startswith("\u2705") and len(out.split()) > 6


def test_lab1_answers_open_right_and_hint() -> None:
    from ftrag.checks import CheckFailed, answer
    from ftrag.checks.keys import KEYS

    assert {f"lab1.q{n}" for n in range(1, 6)} <= set(KEYS)
    assert answer("lab1.q2", "") == "open"
    assert answer("lab1.q2", " C ") == "right" and answer("lab1.q3", "a") == "right"
    with pytest.raises(CheckFailed, match="Hint"):
        answer("lab1.q2", "a")
    # judged on the learner's own figures
    assert answer("lab1.q1", "reader", recall=1.0, strict_accuracy=0.3) == "right"
    with pytest.raises(CheckFailed):
        answer("lab1.q1", "retrieval", recall=1.0, strict_accuracy=0.3)
    assert answer("lab1.q1", "retrieval", recall=0.4, strict_accuracy=0.6) == "right"
    with pytest.raises(TypeError, match="measurements"):
        answer("lab1.q1", "reader")
    assert answer("lab1.q4", "closed book", closed_book=0.8, with_retrieval=0.3) == "right"
    with pytest.raises(CheckFailed):
        answer("lab1.q4", "retrieval", closed_book=0.8, with_retrieval=0.3)
    assert answer("lab1.q4", "retrieval", closed_book=0.1, with_retrieval=0.3) == "right"


def test_lab1_best_setting_is_judged_on_the_runs_table() -> None:
    from ftrag.checks import CheckFailed, answer

    runs = [{"k": 1, "strict_accuracy": 0.2}, {"k": 3, "strict_accuracy": 0.4}, {"k": 5, "strict_accuracy": 0.4}]
    with pytest.raises(CheckFailed, match="at least two runs"):  # one run is nothing to compare
        answer("lab1.q5", "3", runs=runs[1:2], setting="k")
    assert answer("lab1.q5", "3", runs=runs, setting="k") == "right"
    assert answer("lab1.q5", 5, runs=runs, setting="k") == "right"  # a tie: either best value is right
    with pytest.raises(CheckFailed):
        answer("lab1.q5", "1", runs=runs, setting="k")
