"""Test-suite settings (root conftest, so notebooks/ and solutions/ get them too): offline hubs for every kernel."""

from __future__ import annotations

import os

# Notebook kernels (tests/test_notebooks.py) inherit this environment: nothing may reach a model hub.
for _var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# With several xdist workers on a small machine, give each notebook kernel its share of the cores:
# torch's default of one thread per core in every kernel oversubscribes the CPU and slows all of them.
_workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
if _workers > 1:
    os.environ.setdefault("OMP_NUM_THREADS", str(max(1, (os.cpu_count() or 1) // _workers)))
