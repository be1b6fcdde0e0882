"""Unit tests for ftrag.validate: each check returns a good value unchanged and names the argument when it refuses."""

from __future__ import annotations

import pytest

from ftrag import validate as v


def test_checks_return_good_values() -> None:
    assert v.check_positive_int(3) == 3 and v.check_count(0) == 0 and v.check_bool(False, "x") is False
    assert v.check_share(0.25, "share") == 0.25 and isinstance(v.check_share(0, "share"), float)
    assert v.check_text(" a ") == " a " and v.check_texts(["a", "b"]) == ["a", "b"]
    assert v.check_nonempty([1], "items") == [1] and v.check_same_length("x", a=[1, 2], b="ab") == 2


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: v.check_positive_int(0, "k"), ValueError, "k must be an integer >= 1"),
        (lambda: v.check_positive_int(True, "k"), ValueError, "got True"),
        (lambda: v.check_count(2.0, "n"), TypeError, "n must be a whole number"),
        (lambda: v.check_count(-1, "n"), ValueError, "n must be >= 0"),
        (lambda: v.check_bool(1, "flag"), TypeError, "flag must be True or False"),
        (lambda: v.check_share(1.0, "split"), ValueError, r"split must be a number in \[0, 1\)"),
        (lambda: v.check_text("  ", "a question"), ValueError, "A question must be a non-empty string"),
        (lambda: v.check_texts("one question"), ValueError, "wrap a single one in a list"),
        (lambda: v.check_texts(["ok", ""]), ValueError, "Each of the questions must be"),
        (lambda: v.check_nonempty([], "scores"), ValueError, "non-empty list of scores"),
        (lambda: v.check_same_length("pairs", a=[1], b=[1, 2]), ValueError, "a=1, b=2"),
    ],
)
def test_checks_refuse_with_a_message_that_names_the_argument(call, error, message) -> None:
    with pytest.raises(error, match=message):
        call()


def test_validate_documents_cleans_and_refuses_duplicates() -> None:
    docs = v.validate_documents([{"id": "d1", "text": "  Hello\n world ", "title": None}])
    assert docs == [{"id": "d1", "title": "", "text": "Hello world"}]
    with pytest.raises(ValueError, match="Duplicate document id 'd1'"):
        v.validate_documents([{"id": "d1", "text": "x"}], existing=["d1"])
    with pytest.raises(ValueError, match="empty text"):
        v.validate_documents([{"id": "d2", "text": " "}])
    with pytest.raises(ValueError, match="not a single value"):
        v.validate_documents({"id": "d3", "text": "x"})  # type: ignore[arg-type]
