"""Test-suite settings (root conftest, so it also covers notebooks/ and solutions/): offline hubs for every notebook kernel, and shared fixtures."""

from __future__ import annotations

import os

# Kernels started by nbval inherit this environment: nothing may reach a model hub.
for _var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
