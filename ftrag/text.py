"""Plain-text helpers shared by the whole kit: whitespace and unicode clean-up, and the one sentence splitter."""

from __future__ import annotations

import re
import unicodedata

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^a-z\s])")


def clean_text(text: str) -> str:
    """Unicode-normalise (NFC) a text and collapse every run of whitespace to a single space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def split_sentences(text: str) -> list[str]:
    """Split a text into sentences at ., ! or ? followed by a space and a character that is not lower-case."""
    return [s for s in _SENTENCE_END.split(clean_text(text)) if s]


NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")  # one number as written: 59, 9.99, 2.7.1, 08:00, 6,700


def plural_one(answer: str) -> str:
    """Give a lone '1 unit' answer its plural unit ('1 year' -> '1 years'), so it has the shape of '2 years'."""
    m = re.fullmatch(r"1 ([a-z]+)", answer)
    return answer + "s" if m and not answer.endswith("s") else answer


def shape(answer: str) -> str:
    """The answer with every number replaced by N, keeping its separators ('9.99 EUR' -> 'N.N EUR')."""
    return NUMBER.sub(lambda m: re.sub(r"\d+", "N", m.group()), plural_one(answer))
