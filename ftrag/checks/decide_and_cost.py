"""Answer keys for notebooks 04 (the decision framework) and 05 (cost): hashed where the answer is fixed, judged
from the learner's own lab results or calculator settings where it depends on what they measured or chose."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from ftrag import cost
from ftrag.checks import Key, fixed, free_text, judged
from ftrag.results import read_number

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def parse_number(text: str) -> float | None:
    """The first number in an answer ('month 7', '6.7', '1,250'), or None."""
    found = _NUMBER.search(re.sub(r"(?<=\d),(?=\d{3}\b)", "", text))
    return float(found.group()) if found else None


def _best(text: str, figures: Mapping[str, Any], choices: Mapping[str, tuple[str, ...]], higher: bool) -> bool:
    """True if `text` names one of the best choices: choices maps a saved key to the names that mean it."""
    values = {key: read_number(figures.get(key)) for key in choices}
    present = {key: v for key, v in values.items() if v is not None}
    if not present:
        return False
    target = max(present.values()) if higher else min(present.values())
    return any(text in choices[key] for key, v in present.items() if v == target)


_FORMAT_CHOICES = {
    "untuned_compliance": ("untuned", "untuned model", "base", "base model"),
    "prompt_only_compliance": ("prompt only", "prompt-only", "prompting", "prompt"),
    "lora_compliance": ("lora", "fine-tuned", "fine-tuning", "fine tuned", "lora fine-tune", "finetuned"),
}
_HALLUCINATION_CHOICES = {
    "hallucination_closed_book": ("closed book", "closed-book", "closed", "base", "no retrieval", "without retrieval"),
    "hallucination_rag": ("rag", "retrieval", "with retrieval", "rag (reader)", "reader"),
}


def _judge_format(text: str, figures: Mapping[str, Any]) -> bool:
    """Which stage of the learner's Lab 2 run gave the most valid triage JSON (any of a tie)."""
    return _best(text, figures, _FORMAT_CHOICES, higher=True)


def _judge_hallucination(text: str, figures: Mapping[str, Any]) -> bool:
    """Which of the learner's Lab 1 settings hallucinated less ('same' when equal)."""
    closed, rag = read_number(figures.get("hallucination_closed_book")), read_number(figures.get("hallucination_rag"))
    if closed is not None and rag is not None and closed == rag:
        return text in ("same", "equal", "neither", "tie")
    return _best(text, figures, _HALLUCINATION_CHOICES, higher=False)


def _judge_break_even(text: str, measured: Mapping[str, Any]) -> bool:
    """The break-even month of the learner's calculator settings: within half a month, or the month rounded up."""
    a, horizon = measured.get("assumptions"), measured.get("horizon", 36)
    if not isinstance(a, cost.CostAssumptions):
        raise TypeError(
            "Pass the calculator's settings: answer(..., assumptions=calculator.assumptions(), horizon=...)."
        )
    be = cost.break_even(a, horizon)
    if be is None:
        return text in ("none", "never", "no", "no break-even", "no break even")
    given = parse_number(text)
    return given is not None and (abs(given - be.month) <= 0.5 or given == math.ceil(be.month))


def _judge_tokens(text: str, measured: Mapping[str, Any]) -> bool:
    """Input tokens of a RAG query per input token of a fine-tuned query, from the learner's inputs (within 5%)."""
    a = measured.get("assumptions")
    if not isinstance(a, cost.CostAssumptions):
        raise TypeError("Pass the inputs: answer(..., assumptions=inputs.assumptions).")
    given = parse_number(text)
    if a.prompt_tokens == 0 or given is None:
        return False
    ratio = (a.prompt_tokens + a.context_tokens) / a.prompt_tokens
    return abs(given - ratio) <= max(0.1, 0.05 * ratio)


KEYS: dict[str, Key] = {
    "04.first": free_text(
        "The three questions",
        "The framework starts with whether the facts change: a fine-tuned model is frozen when it is trained.",
        (
            "Reread 'The three questions': their order encodes a priority. Which one is asked before the others?",
            "Which argument does that section call the strongest of all, and why?",
        ),
        (
            "3aeea1e54f7712e2",
            "bcf5deca12e73bc2",
            "1b288019d6663af6",
            "2b6972d0acda38cc",
            "91c376e62041d8b1",
            "eee08954a5cc41da",
            "1cadd7019ab56e68",
            "2a6bf63641909f10",
            "4a3e852d30817572",
        ),
        reject=(
            "3a731272faa294eb",
            "098cdb9728d26612",
            "14e883b96ee3d059",
            "11468bdaa6b7c0bd",
            "3897863edb2b8762",
            "b844a6e6faab3371",
            "417660d5e2ecd8f8",
            "6aa2ff1c3e567fc4",
            "401e640b70da179b",
            "7aef36dd0e676351",
        ),
    ),
    "04.scenario": fixed(
        "The three questions",
        "",
        (
            "Walk the questions in order: do the facts change? Must the behaviour change? How many labels are there?",
            "Stable facts and no change in behaviour take you to question 3: compare 5,000 with its threshold.",
        ),
        "eee092601320c665",
        "2b26b9fbb3afe203",
        "7b4443b85646c320",
        "60dfbe3331a4d61b",
        "961ce9aed92eefa2",
        sealed={
            "60dfbe3331a4d61b": (
                "7Oip8RY6dTRKGo27AAIFfG2qPjuVUy80wF97uEUn760ur00nAzDkLvPb3Ve5ndJT3xlyaFZVlIqVCQkY3F5GJFSljPEH3wdnWm0p"
            ),
            "eee092601320c665": (
                "avxlzLznY95G3TUXAMPfb0ul+kx4CuoxvgPeTCSuD8EmMuG3hiGVCHnqBUAxkbKG4DJBNawGtQ5FylTd+I91RUPeZqFLZX+Ac0ET"
            ),
            "961ce9aed92eefa2": (
                "YsdhAwnBYaq5g3qMopn0Cw3LOwZVkCRfLZ0Oul5vr99oiP+Y5bide+bX0eZO4iJHA51aH8BVw/8ftQtBSbspN8phQAcKOhQk2d6p"
            ),
            "7b4443b85646c320": (
                "+qHdLeqKRx57I6YL3npcgj5RVojbT0T8VjHrL1f9id9rA6Cm/i4PhlEzGA9seD2XHRIe8+F3ax88R1/71z4wJasHYjBbZykngsPk"
            ),
            "2b26b9fbb3afe203": (
                "emF/4cvI/zczidbAzwPcDMSw/V1Kbb6POIadEBNJQOjh7t4qe0rgFcJFbIM07ZUpVamAcQfDrn2d8PF8cU1Rh1ZmdMsAezrkLOZV"
            ),
        },
    ),
    "04.format": judged(
        "Your evidence, from the labs",
        "That is the stage your own Lab 2 run measured as the most reliable format.",
        (
            "Find the row 'valid triage JSON' (bears on Q2) in your evidence and compare its figures.",
            "Higher is better for valid JSON: name the stage with the largest figure on that row.",
        ),
        _judge_format,
    ),
    "04.hallucination": judged(
        "Your evidence, from the labs",
        "That is what your own Lab 1 run measured on its answerable questions.",
        (
            "Find the hallucination row (bears on Q1) in your evidence and compare its two figures.",
            "Lower is better for hallucination: name the setting with the smaller figure.",
        ),
        _judge_hallucination,
    ),
    "05.driver": free_text(
        "Where the money goes",
        "RAG's running cost is per query, so it grows with the monthly query volume.",
        (
            "Which input is multiplied by the cost of one RAG query to give the monthly cost?",
            "Storage and set-up do not change when more people ask questions; what does?",
        ),
        (
            "20ad103a33fd5a46",
            "cebe0e1cf20cd49a",
            "12676295db558ed5",
            "e17d7847bc8b7ee2",
            "d3d593b217d6a21e",
            "a5f64a6058636af9",
            "e875951e0d8f21cc",
            "f82467bf8f08e958",
            "f8bb044c4f5db016",
            "89d4a386cd4f59ee",
        ),
        reject=(
            "cebe712b3a47dbe5",
            "6688c6d96cae6d37",
            "9c8faffe67087188",
            "dd3abaf819525ff9",
            "862b49db197f7d9f",
            "d4811a29ab5e0dbe",
        ),
    ),
    "05.retrain": fixed(
        "What if the knowledge changes?",
        "",
        (
            "Compare the two plots: what does each retraining run do to the fine-tuning line?",
            "A fine-tuning line pushed up by steps meets the RAG line at another month: which way does it move?",
        ),
        "fd9ce6e0aaa425a3",
        "13f54bcd5086cf4e",
        "b07a3949b48255d4",
        "6ec8adc4b6df7e50",
        "a8ccc52b6aaecd9f",
        sealed={
            "fd9ce6e0aaa425a3": (
                "wvN1xGqvKnCsRTzOj6P0KouMxWSLIwDoUs+mUtroU5QEONIrGt3DaaCllah5xdxZ4SWMCdq3wly5Sep3vgQQ740w"
                "DL1LJaRVjcHh2AMobUE5BsPm6Anv3ukReq7gSJ3/BA=="
            ),
            "13f54bcd5086cf4e": (
                "McHX73bGM2Fg/wbBNW4iywomW0XvBKLG6QYETKGV5XHe2WL8yq7IOcM2vuNEYm33m5RGlXpnuP3hIZSFo/QgHoQU"
                "QO7pW+osDXgttZijrmcuinHHBHY2JV9Vpp3lL2SArw=="
            ),
            "b07a3949b48255d4": (
                "g/jqCloljPM2eQye3nSjn+1oeto/Un4SncopZFSgwD4v7G4VNxMhF4AgFtHOF+oFAUItIwae/UICG60GCsFi4sgs"
                "8r1X92cdGjzL8O4DLPh0EZ/1Zdgke3WgxBxsXmz+lw=="
            ),
            "6ec8adc4b6df7e50": (
                "hl3LhJ/FZlj2zGWuOVjFjD+FXz42Rz4ijXdrZzJIruEwLQcOWr3Ih00UmNncx6SsE6/sgk7Tpr5RT3ZawI8dU1/9"
                "We7FCxO5xUw6iMUFvJF39Oah+NI6LY2CfoW1yKEqGQ=="
            ),
        },
    ),
    "05.tokens": judged(
        "Measured or assumed",
        "That ratio follows from your inputs: it is why every RAG query costs more tokens.",
        (
            "A RAG query reads prompt_tokens + context_tokens; a fine-tuned query reads prompt_tokens only.",
            "Divide the first by the second, using the values in your table (one decimal is enough).",
        ),
        _judge_tokens,
    ),
    "05.break_even": judged(
        "Your numbers",
        "That is where the cumulative lines of your calculator settings cross.",
        (
            "Read the calculator's result line: it names the month where the two totals are equal.",
            "Give that month (one decimal, or rounded up); write 'none' if there is no break-even in the months shown.",
        ),
        _judge_break_even,
    ),
}
