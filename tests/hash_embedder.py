"""A tiny deterministic embedder and three documents: retrieval tests without the course model."""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np


class HashEmbedder:
    """A tiny deterministic bag-of-words embedder with the sentence-transformers interface used by VectorIndex."""

    dim = 256

    def get_embedding_dimension(self) -> int:
        return self.dim

    def encode(self, texts: Sequence[str], normalize_embeddings: bool = True, **_: Any) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, zlib.crc32(word.encode()) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms) if normalize_embeddings else out


DOCS = [
    {"id": "d1", "title": "Cameras", "text": "The camera records video at night with infrared light."},
    {"id": "d2", "title": "Billing", "text": "Invoices are sent by email every month after payment."},
    {"id": "d3", "text": "Shipping parcels to Norway takes eight business days."},  # no title
]
