"""Test-suite settings (root conftest, so notebooks/ and solutions/ get them too): offline hubs for every kernel."""

from __future__ import annotations

import os

# Kernels started by nbval inherit this environment: nothing may reach a model hub.
for _var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
