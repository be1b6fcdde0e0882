"""Unit tests for the learner self-check helpers."""

from __future__ import annotations

import pytest

from ftrag.checks import CheckFailed, expect, hint_on_error


def test_expect_confirms_on_success(capsys) -> None:
    expect(1 + 1 == 2, hint="add", section="Arithmetic", success="Correct sum.")
    assert "Correct sum." in capsys.readouterr().out


def test_expect_fails_with_hint_and_section() -> None:
    with pytest.raises(CheckFailed) as info:
        expect(False, hint="look at the overlap", section="2. Chunking")
    msg = str(info.value)
    assert "look at the overlap" in msg and "2. Chunking" in msg
    assert isinstance(info.value, AssertionError)


def test_hint_on_error_turns_todo_into_a_hint() -> None:
    with pytest.raises(CheckFailed, match="fill in the TODO"):
        with hint_on_error("hint", "Section"):
            raise NotImplementedError("Lab exercise")


def test_hint_on_error_wraps_other_errors_and_keeps_check_failures() -> None:
    with pytest.raises(CheckFailed, match="ZeroDivisionError.*divide by the count"):
        with hint_on_error("divide by the count", "Metrics"):
            _ = 1 / 0
    with pytest.raises(CheckFailed, match="original"):
        with hint_on_error("x", "y"):
            raise CheckFailed("original")
