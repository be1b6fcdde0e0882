"""Unit tests for ftrag.text: the one sentence splitter."""

from __future__ import annotations

from ftrag.text import split_sentences


def test_split_sentences_keeps_decimals_and_abbreviated_numbers() -> None:
    text = "It costs 9.99 EUR. Hold it for 10 s. then release. Done!"
    assert split_sentences(text) == ["It costs 9.99 EUR.", "Hold it for 10 s. then release.", "Done!"]
