"""Approximate nearest-neighbour search: when HNSW or IVF beats the exact index, measured as speed and recall."""

from __future__ import annotations

import time
from typing import Any

import faiss
import numpy as np

from ftrag.validate import check_positive_int


def compare_ann(
    vectors: np.ndarray, queries: np.ndarray, k: int = 10, hnsw_m: int = 32, nlist: int | None = None, nprobe: int = 8
) -> list[dict[str, float | str]]:
    """Build exact (flat), HNSW and IVF FAISS indexes over normalised vectors; time them and score recall@k vs exact."""
    if vectors.ndim != 2 or queries.ndim != 2 or vectors.shape[1] != queries.shape[1]:
        raise ValueError("vectors and queries must be 2-d arrays with the same number of columns.")
    check_positive_int(k, "k")
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    dim, n = vectors.shape[1], len(vectors)
    nlist = nlist or max(1, int(4 * np.sqrt(n)))
    hnsw = faiss.IndexHNSWFlat(dim, hnsw_m, faiss.METRIC_INNER_PRODUCT)
    ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
    candidates: list[tuple[str, Any]] = [
        ("flat (exact)", faiss.IndexFlatIP(dim)),
        (f"HNSW M={hnsw_m}", hnsw),
        (f"IVF nlist={nlist} nprobe={nprobe}", ivf),
    ]
    rows: list[dict[str, float | str]] = []
    exact: np.ndarray | None = None
    for name, idx in candidates:
        start = time.perf_counter()
        if not idx.is_trained:
            idx.train(vectors)
        idx.add(vectors)
        build_s = time.perf_counter() - start
        if isinstance(idx, faiss.IndexIVFFlat):
            idx.nprobe = nprobe
        start = time.perf_counter()
        for q in queries:  # one query at a time, as a live system would see them
            idx.search(q[None, :], k)
        per_query_ms = (time.perf_counter() - start) / len(queries) * 1000
        _, found = idx.search(queries, k)
        if exact is None:
            exact = found
        overlap = [len(set(a) & set(b)) / k for a, b in zip(found.tolist(), exact.tolist(), strict=True)]
        recall = float(np.mean(overlap))
        rows.append({"index": name, "build_s": build_s, "query_ms": per_query_ms, f"recall@{k}_vs_exact": recall})
    return rows
