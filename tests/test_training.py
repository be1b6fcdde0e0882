"""Unit tests for ftrag.training: the TrainingArguments every course trainer shares, per device and precision."""

from __future__ import annotations

import pytest

from ftrag import training


def test_trainer_on_the_cpu_is_told_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """transformers' Trainer refuses bf16 on a CPU unless `use_cpu` is set (seen on a CPU with bf16 units)."""
    for forced in ("fp32", "bf16"):
        monkeypatch.setenv("FTRAG_DTYPE", forced)
        args = training.trainer_defaults(0, "cpu")
        assert args["use_cpu"] and args["bf16"] == (forced == "bf16") and not args["fp16"]


def test_a_trainer_can_ask_for_fp32_on_any_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FTRAG_DTYPE", "bf16")
    args = training.trainer_defaults(0, "cpu", precision="fp32")
    assert args["use_cpu"] and not args["bf16"] and not args["fp16"]
