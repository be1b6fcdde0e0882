"""Answer keys for notebook 07 (the wrap-up and the claims ledger)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ftrag.checks import Key, fixed, judged


def _supported(answer: str, m: Mapping[str, Any]) -> bool:
    """Right if the answer names a claim the learner's ledger marks 'supports' (or 'none' when there is none)."""
    supported = {row.claim.lower() for row in m["ledger"] if row.verdict == "supports"}
    return answer in supported or (answer == "none" and not supported)


KEYS: dict[str, Key] = {
    "07.supported": judged(
        "The claims ledger",
        "That row's whole interval lies on the side the article predicts.",
        ("look at the 'verdict' column of your ledger", "answer with the claim's id, like R4, or 'none'"),
        _supported,
    ),
    "07.start_with": fixed(
        "The final recommendation",
        "",
        (
            "reread the final recommendation: what is quicker to build and to update?",
            "before usage data exists you do not yet know which behaviour to train",
        ),
        "cc2d931c6d7b85db",
        sealed={
            "cc2d931c6d7b85db": (
                "83AdV+NtqiKq2ajFOzZRQ4q3btJytXjxCeCOM6D79JTR6IYte8nknxvi2uxghBDZqmsWwmCM0OxLRau23QaZ50ep"
                "DVRN0q5tl3A5mDHn0ipfpBZAI9SSyOuP7F64FKyFDpihQkKWRbbk"
            ),
        },
    ),
}
