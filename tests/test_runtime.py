"""Unit tests for ftrag.runtime: devices, compute precision, memory helpers, folders."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

import pytest

from ftrag import runtime, training
from ftrag.runtime import ModelSetupError


def test_pick_device_defaults_to_an_available_device(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FTRAG_DEVICE", raising=False)
    assert runtime.pick_device() in runtime.DEVICES
    assert runtime.pick_device("cpu") == "cpu"


def test_pick_device_rejects_unknown_and_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    with pytest.raises(ModelSetupError, match="use one of"):
        runtime.pick_device("tpu")
    monkeypatch.setenv("FTRAG_DEVICE", "gpu")
    with pytest.raises(ModelSetupError, match="Unknown device 'gpu'"):
        runtime.pick_device()
    if not torch.cuda.is_available():
        with pytest.raises(ModelSetupError, match="no CUDA GPU"):
            runtime.pick_device("cuda")


def test_precision_follows_the_hardware_and_the_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FTRAG_DTYPE", raising=False)
    native, evidence = runtime.cpu_bf16()
    precision, reason = runtime.choose_precision("cpu")
    assert precision == ("bf16" if native else "fp32") and evidence in reason
    assert ("native bf16" in reason) == native and ("emulated" in reason) != native
    for forced in ("fp32", "bf16"):
        monkeypatch.setenv("FTRAG_DTYPE", forced)
        assert runtime.choose_precision("cpu") == (forced, "set by FTRAG_DTYPE")
    monkeypatch.setenv("FTRAG_DTYPE", "fp16")
    with pytest.raises(ModelSetupError, match="fp16 needs a CUDA GPU"):
        runtime.choose_precision("cpu")
    monkeypatch.setenv("FTRAG_DTYPE", "int8")
    with pytest.raises(ModelSetupError, match="use one of fp32, bf16, fp16"):
        runtime.choose_precision("cpu")


def _stub_cuda(monkeypatch: pytest.MonkeyPatch, name: str, capability: tuple[int, int], bf16: str) -> None:
    """Pretend a CUDA GPU is present: its name, compute capability and bf16 support ("native", "emulated", "none")."""
    import torch

    def is_bf16_supported(including_emulation: bool = True) -> bool:
        return bf16 == "native" or (bf16 == "emulated" and including_emulation)

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda *a: name)
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda *a: capability)
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", is_bf16_supported)


@pytest.mark.parametrize(
    ("name", "capability", "bf16", "chosen"),
    [
        ("NVIDIA A100-SXM4-40GB", (8, 0), "native", "bf16"),
        ("Tesla T4", (7, 5), "emulated", "fp16"),  # Colab's free GPU: bf16 only emulated, fp16 native
        ("Tesla V100-SXM2-16GB", (7, 0), "emulated", "fp16"),
        ("Tesla P4", (6, 1), "none", "fp32"),
    ],
)
def test_cuda_precision_is_native_only(monkeypatch: pytest.MonkeyPatch, name, capability, bf16, chosen) -> None:
    monkeypatch.delenv("FTRAG_DTYPE", raising=False)
    _stub_cuda(monkeypatch, name, capability, bf16)
    precision, reason = runtime.choose_precision("cuda")
    assert precision == chosen and name in reason
    args = training.trainer_defaults(0, "cuda")
    assert (args["bf16"], args["fp16"], args["use_cpu"]) == (chosen == "bf16", chosen == "fp16", False)


def test_forced_precision_errors_where_the_gpu_cannot(monkeypatch: pytest.MonkeyPatch) -> None:
    _stub_cuda(monkeypatch, "Tesla P4", (6, 1), "none")
    monkeypatch.setenv("FTRAG_DTYPE", "bf16")
    with pytest.raises(ModelSetupError, match="cannot compute bf16"):
        runtime.choose_precision("cuda")
    monkeypatch.setenv("FTRAG_DTYPE", "fp16")
    assert runtime.choose_precision("cuda") == ("fp16", "set by FTRAG_DTYPE")


def test_torch_dtype_and_tolerance_per_precision(monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    assert runtime.torch_dtype("bf16") is torch.bfloat16 and runtime.torch_dtype("fp16") is torch.float16
    monkeypatch.setenv("FTRAG_DTYPE", "fp32")
    assert runtime.torch_dtype(device="cpu") is torch.float32 and runtime.tolerance() == runtime.TOLERANCES["fp32"]
    with pytest.raises(ValueError, match="Unknown precision"):
        runtime.torch_dtype("fp8")
    # Each tolerance is a few units of its format's rounding, and fp32's far below a real difference.
    for precision, tol in runtime.TOLERANCES.items():
        assert tol > 4 * torch.finfo(runtime.torch_dtype(precision)).eps
    assert runtime.TOLERANCES["fp32"] < runtime.TOLERANCES["fp16"] < runtime.TOLERANCES["bf16"]


def test_cache_dir_follows_environment(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FTRAG_CACHE_DIR", str(tmp_path))
    assert runtime.cache_dir() == tmp_path


def test_replace_folder_swaps_a_finished_folder_in(tmp_path) -> None:
    target = tmp_path / "model"
    target.mkdir()
    (target / "old.txt").write_text("old")
    runtime.replace_folder(lambda folder: (folder / "new.txt").write_text("new"), target)
    assert sorted(p.name for p in target.iterdir()) == ["new.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["model"]  # no temporary folder left behind


def test_folder_size(tmp_path) -> None:
    with pytest.raises(FileNotFoundError):
        runtime.folder_size_mb(tmp_path / "missing")
    (tmp_path / "w.bin").write_bytes(b"x" * 2**20)
    assert runtime.folder_size_mb(tmp_path) == pytest.approx(1.0)


def test_peak_memory_sampler_sees_an_allocation() -> None:
    with runtime.PeakMemory(interval=0.01) as mem:
        block = bytearray(64 * 2**20)
        block[::4096] = b"x" * len(block[::4096])
    assert mem.peak_mb >= 64 and runtime.process_peak_mb() >= 64


def test_free_memory_collects_unreachable_cycles_on_any_platform() -> None:
    import gc
    import weakref

    class Node:
        """An object that refers to itself: only the cycle collector frees it."""

    node = Node()
    node.me = node  # type: ignore[attr-defined]
    gone = weakref.ref(node)
    gc.disable()  # no automatic collection in between: free_memory must do it
    try:
        del node
        assert gone() is not None
        runtime.free_memory()  # gc + heap trim (where the platform has one); never raises
        assert gone() is None
    finally:
        gc.enable()


PROBE = """
import sys
import numpy as np
from ftrag.runtime import tune_malloc
def rss(): return int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0]) // 1024
tuned = tune_malloc()
a = np.ones(16 * 2**20 // 8); del a  # untuned glibc now raises its mmap threshold to 16 MB
base = rss()
blocks = [np.ones(10 * 2**20 // 8) for _ in range(20)]  # 200 MB in 10 MB buffers
# A 1 MB heap allocation above them: glibc trims only the heap's top. (Small numpy arrays did not pin it for sure:
# numpy reuses cached small buffers, and they may fill holes lower in the heap; one CI run kept 0 MB untuned.)
pin = bytearray(2**20)
del blocks
print(tuned, rss() - base)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc malloc tuning is Linux-only")
def test_tune_malloc_returns_freed_buffers_to_the_system() -> None:
    def run(setting: str) -> tuple[str, int]:
        env = {**os.environ, "FTRAG_MALLOC_TUNING": setting}
        out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
        tuned, kept_mb = out.stdout.split()
        return tuned, int(kept_mb)

    tuned, kept = run("1")
    untuned, kept_untuned = run("0")
    assert tuned == "True" and untuned == "False"
    assert kept < 50 <= kept_untuned, (kept, kept_untuned)  # measured: 0 MB vs 200 MB kept after the free


def test_known_library_warnings_are_hidden_and_others_still_shown(tiny_llama) -> None:
    import peft
    from transformers import LlamaForCausalLM

    tiny = dict(hidden_size=16, intermediate_size=32, num_hidden_layers=1, num_attention_heads=2, num_key_value_heads=1)
    config = peft.LoraConfig(r=2, target_modules=["q_proj"])

    def wrap(hide: bool) -> list[str]:
        """The warning messages seen while peft wraps a fresh tiny model (plus one unrelated FutureWarning)."""
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            if hide:
                runtime.hide_known_library_warnings()
            peft.get_peft_model(tiny_llama(**tiny), config)
            warnings.warn("an unrelated change", FutureWarning, stacklevel=1)
        return [str(w.message) for w in seen]

    shown, hidden = wrap(hide=False), wrap(hide=True)
    if hasattr(LlamaForCausalLM, "is_activation_checkpointing"):  # transformers 5.x deprecates the old name
        assert any("is_gradient_checkpointing" in m for m in shown)
    assert not any("is_gradient_checkpointing" in m for m in hidden)
    assert "an unrelated change" in hidden


def test_kernel_cache_is_capped_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", raising=False)
    monkeypatch.delenv("LRU_CACHE_CAPACITY", raising=False)
    runtime.limit_kernel_cache()
    assert os.environ["ONEDNN_PRIMITIVE_CACHE_CAPACITY"] == str(runtime.ONEDNN_CACHE_CAPACITY)
    assert os.environ["LRU_CACHE_CAPACITY"] == str(runtime.IDEEP_CACHE_CAPACITY)
    monkeypatch.setenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "8")
    monkeypatch.setenv("LRU_CACHE_CAPACITY", "4")
    runtime.limit_kernel_cache()
    assert os.environ["ONEDNN_PRIMITIVE_CACHE_CAPACITY"] == "8"  # the learner's own setting wins
    assert os.environ["LRU_CACHE_CAPACITY"] == "4"


def test_contiguous_head_passes_the_output_layer_a_contiguous_input() -> None:
    import torch

    class Tiny(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.head = torch.nn.Linear(8, 32, bias=False)

        def get_output_embeddings(self) -> torch.nn.Module:
            return self.head

    model = runtime.contiguous_head(Tiny())
    seen = []
    model.head.register_forward_pre_hook(lambda _, args: seen.append(args[0].is_contiguous()))
    x = torch.randn(4, 6, 8)[:, -1:, :]  # the last position of each row: a strided view
    assert not x.is_contiguous()
    assert torch.allclose(model.head(x), x @ model.head.weight.T) and seen == [True]
