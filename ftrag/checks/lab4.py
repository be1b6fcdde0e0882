"""Self-checks, answer keys and references for Lab 4 (what the model knows, measured)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from ftrag.checks import Key, expect_all, judged, learner_code
from ftrag.prompts import IDK

S_SCORE = "1. Scoring an option by its likelihood"
S_READER = "5. A reader that uses its sources"
S_TABLE = "6. The table"
FINE_TUNED = "fine-tuned on facts + paraphrases"  # the fine-tuned row the keys compare


def check_option_score(option_score: Callable[[list[float]], float]) -> None:
    """Check that an option's score does not depend on its number of tokens (the mean log-probability per token)."""
    with learner_code("option_score(list of log-probabilities) returns one number", S_SCORE):
        one, short, long = option_score([-0.5]), option_score([-1.0, -3.0]), option_score([-1.0, -1.0, -1.0, -1.0])
        same = [option_score([-0.7] * n) for n in (1, 3, 9)]
    expect_all(
        [
            (math.isclose(one, -0.5), "one token: its log-probability is the option's score"),
            (
                all(math.isclose(x, same[0]) for x in same),
                "an option of 9 equally likely tokens must score like one of 1: a sum would punish length",
            ),
            (math.isclose(short, -2.0) and math.isclose(long, -1.0), "weigh every token of the option alike"),
        ],
        S_SCORE,
        "Your score is the mean log-probability per token: a long option is not punished for its length.",
    )


def check_reader_reply(reader_reply: Callable[[str, list[str], str], str]) -> None:
    """Check the reader's target: the answer with its own source's number in the prompt, or I don't know."""
    with learner_code("reader_reply(answer, shown, own) returns a string", S_READER):
        second = reader_reply("30 days", ["kb-007", "kb-012", "kb-031"], "kb-012")
        first = reader_reply("59 EUR.", ["kb-040", "kb-003"], "kb-040")
    try:  # the own document left out: a reply that assumes it is shown fails here, with the hint below
        missing = reader_reply("30 days", ["kb-007", "kb-031", "kb-040"], "kb-012")
    except (ValueError, IndexError, KeyError):
        missing = None
    expect_all(
        [
            (
                isinstance(second, str) and second.endswith("[2]."),
                "cite the own source by its number in the prompt: [1] is the first source shown",
            ),
            (
                first == "59 EUR [1].",
                "the answer as given (no full stop of its own), a space, the number in square brackets, one full stop",
            ),
            (second == "30 days [2].", "the answer as given, a space, the number in square brackets, one full stop"),
            (
                missing == IDK,
                f"when the own document is not among the sources, nothing in them states the answer: reply {IDK!r}",
            ),
        ],
        S_READER,
        "The reader's target quotes the answer and cites its own source by its number, or says it does not know.",
    )


def _stalest(answer: str, m: Mapping[str, Any]) -> bool:
    """Right if the answer names the kind of row with the highest 'stale wins after' share."""
    table = m["table"]
    kinds = {"closed book": "closed book (base)", "fine-tuned": FINE_TUNED, "rag": "RAG k=3"}
    share = {k: table[row]["stale wins after"].value for k, row in kinds.items()}
    return answer in kinds and share[answer] == max(share.values())


def _bigger_gain(answer: str, m: Mapping[str, Any]) -> bool:
    """Right if the answer names the approach with the larger gain over closed book on stable facts."""
    table = m["table"]
    base = table["closed book (base)"]["stable"].value
    gain = {
        "fine-tuning": table[FINE_TUNED]["stable"].value - base,
        "rag": table["RAG k=3"]["stable"].value - base,
    }
    return answer in gain and gain[answer] == max(gain.values())


def _reader_better(answer: str, m: Mapping[str, Any]) -> bool:
    """Right if yes/no matches whether the reader answered more answerable questions (stable and changed) strictly."""
    strict = m["strict"]

    def right(gen: str) -> int:
        return strict[gen]["stable, strict"].hits + strict[gen]["changed (current value), strict"].hits

    return answer == ("yes" if right("reader + RAG") > right("base + RAG") else "no")


KEYS: dict[str, Key] = {
    "lab4.stale": judged(
        S_TABLE,
        "That row can only repeat what it learned before the update.",
        (
            "look at the column 'stale wins after' in your table",
            "compare the closed-book, fine-tuned and RAG k=3 rows in that column",
        ),
        _stalest,
    ),
    "lab4.gain": judged(
        S_TABLE,
        "Read from your own table: the larger gain over closed book on stable facts.",
        (
            "compare each row's 'stable' column with the closed-book row",
            f"{FINE_TUNED} vs RAG k=3: which is further above closed book?",
        ),
        _bigger_gain,
    ),
    "lab4.reader": judged(
        S_READER,
        "Your strict scores answer it: the same sources, a different writer.",
        ("add 'stable, strict' and 'changed (current value), strict' for each generator", "answer 'yes' or 'no'"),
        _reader_better,
    ),
}


def _reader_target() -> Callable[[str, list[str], str], str]:
    """The library's reader target."""
    from ftrag.reader import reader_target

    return reader_target


REFERENCES: dict[str, Callable[[], Any]] = {
    "lab4.option_score": lambda: lambda logprobs: sum(logprobs) / len(logprobs),
    "lab4.reader_reply": lambda: _reader_target(),
}
