"""Answer keys for the final quiz (08): scenarios judged by the framework, a measured LoRA share, a break-even, two
questions from the article. No answer is readable here: approaches are hashed and their explanations sealed."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ftrag.checks import Key, fixed, judged, words


def _number(value: str) -> float | None:
    """The number in a normalised answer ("12", "0.3%", "about 0.3"), or None if there is none."""
    found = re.search(r"-?\d+(?:\.\d+)?", value.replace(",", ""))
    return float(found.group()) if found else None


def _within_factor_two(value: str, measured: Mapping[str, Any]) -> bool:
    """A judge: the guessed percentage is within a factor of two of the measured one."""
    guess, percent = _number(value), float(measured["percent"])
    return guess is not None and percent / 2 <= guess <= percent * 2


def _break_even(value: str, measured: Mapping[str, Any]) -> bool:
    """A judge: the answer is the measured first cheaper volume, give or take one (rounding)."""
    guess = _number(value)
    return guess is not None and abs(guess - int(measured["first_cheaper"])) <= 1


# ---------------------------------------------------------------- the final quiz's scenarios

# Each scenario's right approach, hashed, with the framework's path for it sealed by that answer (`seal`): the path
# would give the answer away, so only a right answer opens it. tests/test_checks.py holds the scenarios' facts and
# checks that these keys are what `ftrag.decide.recommend()` gives ("both" for E: question 1 says RAG, and the
# behaviour must change too, with thousands of examples).
SCENARIOS: dict[str, dict[str, str]] = {
    "a": {
        "393b2ef84e3aa198": (
            "LY0xNYHhpYOa7NxAS9GxiruRByKvwxoaljOjE3LAnNrdz+CT7I0ym8cn75pJZ9Rk6mqIFgB0OK65kRFmkRrT0aUFqV75AYVD"
            "tFhyEMPtJp74BYh+m0KFmJSDIZ7vjIwfB0d8VltG"
        ),
    },
    "b": {
        "3ae9a728d32c0cab": (
            "e2B+9N1XxTG0iDTgNLvEr6b+pmUJ2XfPI9ju6WIX/U3TfBT2WkapUiykalECRK2I2NG7GXhrYWyIS40yitUUWU2rd0NFBUCp"
            "mzyuf6ms7qe2zpDq9YJFKT73g3M9kLlZ828dGpAgPbA9Ta3tikNtksAL5qnuOmf7llz/XMTjWjo2EJuvyxqDS0l91m5DZp9k"
            "vytbWlBRjSO34XbW9sWbg0JtTn6AtM7sND3zZmSEYg4wc1X7"
        ),
    },
    "c": {
        "0acb46e406d247b9": (
            "Uc8aoiAgXFPgUt6oZ7GuHCJFqTTnLdjkFMur8+EMWw6lG3L3WWKU2G724NXpMZbvRl2Uv7yOpgVbBjqr4JL1f8G7gok7N53x"
            "tZF1EVedo/vl3VDWH008Rhwat84WPwakO4XV7jB7ku2r1oUg2gvoPbVVsfOukoRPFiDDYrrbX39qJXGjKP+a2ZIw4O1qkfwj"
            "LXS2vj5teyHYxyA68UMa+B/vMUnSX+EaEu2rO9of4POlNYsE417zjK2pG4O0fj78K9Mixpk/HR23xkN3fIxtZRe2cOuJ"
        ),
        "e36aa43f92065aaf": (
            "da5RZLFVRv/UcPEUk76yXdAq3c7DfKU3OyUuPGMWkpDAZzNhNQDLA5lkYsH0vZrum+rqkmdHQgBUokzb0+/OilaaHW1VRkMr"
            "UOAYl34aqYLUTu2nz/bwUVd9NP0LiCEUt39m1ldOYV8jK1wWgkeAocv8XxAfXyGnSZFGPOvttMKYviWjvjn6ygSN4z7LaG5X"
            "D0fbJnxur2IHLnL+Tam82f1TBz6EC32aFKC8O0yZugpQlnmlHFvruulZZVKsExvc/HN5/RIVtNW5raDgii/pzxDvSO+e"
        ),
    },
    "d": {
        "2b2517122f71735c": (
            "x5ATx4r7ANibMwx1BgseoMfXy2w4ZvVM/wnuzBcYNGJPJSkkYaH0MpaigfLzznfsCr4hrMiR+aIgrTajbqLCr5VINWC4EZ8R"
            "Efa+Rdfg8IJwr6D0qZRDmsxC1GMq+hNUnfplRpNZ"
        ),
    },
    "e": {
        "cef8acf640fbbe12": (
            "Yrr+Mk4f6aS+nsbGHdGd79/PJlpxTeWEYRwaolH5/J+6p/bAQME0+VP9Xu8uo+v+rRDe379f3XecYZj1G/T/ciw1CGs6xD5w"
            "x/6ut8twzNC9JWlfWrpJAlPmzzXc/10MQrY64/huTkZIyc3ZvAjkOOKw4fnSKNZg1Pc8ja1EPj9cIoTmVBuKMO9rV8fEMMkS"
            "otOxGPgfgGTGoux0zlYiX0bj32M/eXxGtcoT6z+ZEYh7mWPq1F9MJl/PtFthnTkn42fAdo9Ek4I5Q4Hu+Y2E7E9VRlNPnuf/"
            "onK90g=="
        ),
    },
}
_RAG_WORDS = {"rag", "retrieval", "retrieve"}
_FT_WORDS = {"fine-tune", "fine-tuning", "fine-tuned", "finetune", "finetuning", "lora", "ft", "tune", "tuning"}
_PROMPT_WORDS = {"prompt", "prompting", "prompts", "neither"}


def approach(text: str) -> str:
    """The approach an answer names: "rag", "fine-tune", "prompt" or "both" ("RAG + LoRA", "fine tune"), else itself."""
    said = set(words(text.replace("fine tun", "fine-tun")))
    if "both" in said or (said & _RAG_WORDS and said & _FT_WORDS):
        return "both"
    for name, vocabulary in (("prompt", _PROMPT_WORDS), ("fine-tune", _FT_WORDS), ("rag", _RAG_WORDS)):
        if said & vocabulary:
            return name
    return text


def _scenario(letter: str) -> Key:
    """The key of one scenario: its hashed approach(es), and the framework's path sealed by each."""
    return Key(
        "Part 1: the three questions, on new situations",
        f"Scenario {letter.upper()}: the three questions, asked in order, stop where you stopped.",
        (
            "Walk the three questions in order and stop at the first yes.",
            "Ask first: do the facts this system needs change while it is in use? Then: must its way of answering "
            "change? Only then count the labelled examples. And check whether more than one of them says yes.",
            "Reread the three questions of 04_decision_framework, then the scenario sentence by sentence.",
        ),
        frozenset(SCENARIOS[letter]),
        canon=approach,
        sealed=SCENARIOS[letter],
    )


KEYS: dict[str, Key] = {
    **{f"08.scenario_{letter}": _scenario(letter) for letter in SCENARIOS},
    "08.lora_share": judged(
        "Part 2: what LoRA trains, measured",
        "Your guess is within a factor of two of the share measured on the course's model.",
        (
            "Answer with a percentage, as a number (e.g. 12.5).",
            "Count the weights of two rank-8 matrices beside each query and value projection, in every layer, and "
            "compare with the total printed by notebook 01.",
            "Reread 'LoRA: train a small add-on instead' in 03_what_is_finetuning: rank 8 there covers four "
            "projections, here two.",
        ),
        _within_factor_two,
    ),
    "08.break_even": judged(
        "Part 3: break-even",
        "You found where the fine-tuned system's total cost drops below RAG's.",
        (
            "Answer in thousands of queries, as a whole number.",
            "The gap in set-up cost must be paid back by the saving per thousand queries: divide one by the other.",
            "Reread the break-even in 05_cost, then round up to the first whole thousand where fine-tuning is cheaper.",
        ),
        _break_even,
    ),
    "08.e": fixed(
        "Part 4: two questions from the article",
        "",
        (
            "Answer with one letter.",
            "Which part of the system did Lab 3 fine-tune, and which parts did it leave alone?",
            "Reread 'Not either-or' in 06_using_both.",
        ),
        "54166f5a48e63873",
        sealed={
            "54166f5a48e63873": (
                "n06mjdrrClBtIFH+evVkMuCTa6+IfCx/4bdmCFgYOSf4HGq1rLI0wktowKHIFpMvjGOYkDQRNsqX76Qca9QJb6mi"
                "4bWq/xOz9MFkTcc4OT7YEuTkC53OuxxtbYXBu1t9PctkL1re"
            ),
        },
    ),
    "08.f": fixed(
        "Part 4: two questions from the article",
        "",
        (
            "Answer with one letter.",
            "Which approach does the article call quickest to build and easiest to update?",
            "Reread the article's 'Final Recommendation' (07_wrap_up grades it against your runs).",
        ),
        "93e19f0505191f32",
        sealed={
            "93e19f0505191f32": (
                "d1nok5lt0r4S1hXyiXXAgFfDTMoBLgmAzgQEKgeDxGTBDhRzBE9pHqsX1syGD8ksjTB0dzzJxRT+rq+r9LCOvbpZ"
                "sl8z5wiPL6v7jDEpN13fx+DyZ9A3IuSZePKU"
            ),
        },
    ),
}
