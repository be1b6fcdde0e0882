"""Shared fixtures: a fresh self-check session per test, the generator's tokenizer, a tiny random Llama model, and
a hash embedder with a small index."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _fresh_check_session() -> None:
    """Every test starts as a fresh kernel would: no answers recorded, no hints tried."""
    from ftrag import checks

    checks.new_session()


@pytest.fixture(scope="session")
def tokenizer() -> Any:
    """The course generator's tokenizer (small and local; no weights are loaded)."""
    from transformers import AutoTokenizer

    from ftrag.models import generator_source

    tok = AutoTokenizer.from_pretrained(generator_source())
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    return tok


@pytest.fixture(scope="session")
def tiny_llama(tokenizer: Any) -> Callable[..., Any]:
    """Build a tiny randomly initialised Llama model (2 layers, width 32) with the generator's vocabulary."""

    def build(seed: int = 0, **shape: Any) -> Any:
        """A fresh model, the same for the same seed; `shape` changes the config (a test that needs 30 layers)."""
        import torch
        from transformers import LlamaConfig, LlamaForCausalLM

        torch.manual_seed(seed)
        config = LlamaConfig(
            **{
                "vocab_size": len(tokenizer),
                "hidden_size": 32,
                "intermediate_size": 64,
                "num_hidden_layers": 2,
                "num_attention_heads": 4,
                "num_key_value_heads": 2,
                "max_position_embeddings": 512,
                "pad_token_id": tokenizer.pad_token_id,
                "eos_token_id": tokenizer.eos_token_id,
                **shape,
            }
        )
        return LlamaForCausalLM(config).eval()

    return build


@pytest.fixture
def emb() -> Any:
    """The hash embedder (tests/hash_embedder.py): words in common make texts similar."""
    from hash_embedder import HashEmbedder

    return HashEmbedder()


@pytest.fixture
def index(emb: Any) -> Any:
    """A vector index of the three test documents, in chunks of five words."""
    from hash_embedder import DOCS

    from ftrag.index import VectorIndex

    return VectorIndex.from_documents(DOCS, embedder=emb, chunk_size=5, overlap=2)
