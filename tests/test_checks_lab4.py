"""Lab 4's code checks: the reference passes; a plausible wrong version gets the hint that names its mistake."""

from __future__ import annotations

import pytest

from ftrag.checks import CheckFailed, lab4, use_reference


def test_the_references_pass() -> None:
    lab4.check_option_score(use_reference("lab4.option_score"))
    lab4.check_reader_reply(use_reference("lab4.reader_reply"))


@pytest.mark.parametrize(
    "score, hint",
    [
        (sum, "a sum would punish length"),
        (lambda lps: max(lps), "weigh every token"),
        (lambda lps: lps[-1], "weigh every token"),
    ],
)
def test_option_scores_that_depend_on_length_or_one_token_fail(score, hint: str) -> None:
    with pytest.raises(CheckFailed, match=hint):
        lab4.check_option_score(score)


@pytest.mark.parametrize(
    "reply, hint",
    [
        (lambda a, shown, own: f"{a} [{shown.index(own)}].", "\\[1\\] is the first source"),
        (lambda a, shown, own: f"{a} [{shown.index(own) + 1}].", "no full stop of its own"),
        (lambda a, shown, own: f"{a.rstrip('.')} [{shown.index(own) + 1 if own in shown else 1}].", "not among"),
    ],
)
def test_reader_replies_with_a_wrong_number_stop_or_no_way_out_fail(reply, hint: str) -> None:
    with pytest.raises(CheckFailed, match=hint):
        lab4.check_reader_reply(reply)


def test_the_reader_question_counts_every_answerable_question_like_the_check_and_the_ledger() -> None:
    from ftrag.checks import answer
    from ftrag.stats import Rate

    # stable alone the base generator leads (5 vs 4 of 20); with the changed facts the reader does (4+9 vs 5+2 of 42)
    strict = {
        "reader + RAG": {"stable, strict": Rate(4, 20), "changed (current value), strict": Rate(9, 22)},
        "base + RAG": {"stable, strict": Rate(5, 20), "changed (current value), strict": Rate(2, 22)},
    }
    assert answer("lab4.reader", "yes", strict=strict) == "right"
    with pytest.raises(CheckFailed):
        answer("lab4.reader", "no", strict=strict)
