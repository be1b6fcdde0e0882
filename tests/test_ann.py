"""Unit tests for ftrag.ann: approximate indexes against the exact one."""

from __future__ import annotations

import numpy as np
import pytest

from ftrag.ann import compare_ann


def test_compare_ann_reports_exact_recall_one_and_all_indexes() -> None:
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(2000, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    rows = compare_ann(vectors, vectors[:20], k=5, nprobe=4)
    assert [r["index"].split()[0] for r in rows] == ["flat", "HNSW", "IVF"]
    assert rows[0]["recall@5_vs_exact"] == 1.0
    assert all(0.0 <= r["recall@5_vs_exact"] <= 1.0 and r["query_ms"] > 0 for r in rows)
    with pytest.raises(ValueError):
        compare_ann(vectors, vectors[:, :8])


# The lab's self-checks must pass on a correct answer and fail on a typical mistake.
