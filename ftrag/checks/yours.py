"""Answer keys for notebook 09 (your own data)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ftrag.checks import Key, judged
from ftrag.stats import difference_interval


def smallest_decided_gain(closed_book: float, n: int) -> int:
    """The smallest gain over `closed_book` (whole points) whose 95% difference interval lies above zero, at n each."""
    for points in range(1, 101):
        better = min(1.0, closed_book + points / 100)
        if difference_interval(better, n, closed_book, n)[0] > 0:
            return points
    return 100


def _decided_gain(answer: str, m: Mapping[str, Any]) -> bool:
    """Right if the answer is that smallest gain (one point either way) for the learner's own closed-book row."""
    closed = m["result"].knowledge["closed book"]
    try:
        given = float(answer.rstrip("%").strip())
    except ValueError:
        return False
    return abs(given - smallest_decided_gain(closed.value, closed.n)) <= 1


def _lab_number(answer: str) -> str:
    """'3', 'lab3' and 'Lab 3' as one form ('lab 3'); other answers unchanged."""
    return re.sub(r"^(?:lab\s*)?(\d)$", r"lab \1", answer)


KEYS: dict[str, Key] = {
    "09.decided_gain": judged(
        "Measure",
        "Computed from your closed-book row and your question count, with the interval the report uses.",
        (
            "try gains of 1, 2, 3, ... points with ftrag.stats.difference_interval(better, n, closed, n)",
            "the first gain whose interval's lower end is above zero is the answer",
        ),
        _decided_gain,
    ),
    "09.next_lab": Key(
        "Reading it",
        "",
        (
            "hit@5 says the source is among the first five; hit@1 says it is not often first",
            "which lab changes how questions and documents are embedded?",
        ),
        frozenset({"90b653b42d363bec"}),
        canon=_lab_number,
        sealed={
            "90b653b42d363bec": (
                "RM9INrZG7eeNrqDvLfQLfI2CBsoRkPh166K8w6FfhDJJaGKgF1Gh122p4FOo4y7UhmwZw5nn1vRubZEr5rui/imf0vwzi6snS3Xry03J9odIN"
                "HnW13+rnza2w9Vs9DLv7eT4YyJmsLf9ANyyTWCpwJS/qj9+dhlTtpi+tQszCcUHKYejHjbwMWDTygehQj9pehALRzf1BvcsrF9hq6rUCEifoe7rMQ=="
            ),
        },
    ),
}
