"""Unit tests for ftrag.text: the one sentence splitter."""

from __future__ import annotations

from ftrag.text import split_sentences


def test_split_sentences_keeps_decimals_and_abbreviated_numbers() -> None:
    text = "It costs 9.99 EUR. Hold it for 10 s. then release. Done!"
    assert split_sentences(text) == ["It costs 9.99 EUR.", "Hold it for 10 s. then release.", "Done!"]


def test_shape_keeps_separators_and_counts_one_unit_as_plural() -> None:
    from ftrag.text import shape

    assert shape("9.99 EUR") == "N.N EUR" and shape("10:00 to 16:00 CET") == "N:N to N:N CET"
    assert shape("1 year") == shape("2 years") == "N years" and shape("7-day") == "N-day"
    assert shape("ready to pair") == "ready to pair"
