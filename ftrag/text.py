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
