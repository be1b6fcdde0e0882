"""Operational plumbing, kept out of the lessons: cache folders, locks, logging, devices and precision, memory.

Learners may skip this module. The teaching modules (`rag`, `finetune`, `embedtune`, `knowledge`, ...) import it so
that they can read like the recipes they teach; everything here exists because of where the course runs (a 2 GB
Binder, a shared 2-core CI machine running several notebooks at once, Colab). Colab's set-up is in `ftrag.doctor`;
the Trainer's in `ftrag.training`.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any


def log(component: str, message: str) -> None:
    """Print a progress message to stderr (seen in terminals and notebooks alike)."""
    print(f"[ftrag.{component}] {message}", file=sys.stderr, flush=True)


# Library warnings a learner can do nothing about, by message. peft (0.21) reads transformers' deprecated
# `is_gradient_checkpointing` (5.x) on every model it wraps: one FutureWarning per notebook, about code not theirs.
KNOWN_LIBRARY_WARNINGS = (r"`is_gradient_checkpointing` is deprecated",)


def hide_known_library_warnings() -> None:
    """Hide the library warnings in KNOWN_LIBRARY_WARNINGS (they point at library code, not the learner's)."""
    for message in KNOWN_LIBRARY_WARNINGS:
        warnings.filterwarnings("ignore", message=message, category=FutureWarning)


def cache_dir() -> Path:
    """Folder for fetched and converted weights, adapters and results: $FTRAG_CACHE_DIR or the user cache dir."""
    env = os.environ.get("FTRAG_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("ftrag"))


def file_lock(name: str) -> Any:
    """A cross-process lock file in the cache folder, so that notebooks running side by side do not race."""
    from filelock import FileLock

    cache_dir().mkdir(parents=True, exist_ok=True)
    return FileLock(str(cache_dir() / f".{name}.lock"))


def replace_folder(build: Any, target: Path) -> Path:
    """Write a folder with `build(tmp_folder)` and swap it in at `target` at once (two processes may write it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-"))
    build(tmp)
    for _ in range(3):  # retry if another process swapped its own copy in meanwhile
        shutil.rmtree(target, ignore_errors=True)
        try:
            tmp.replace(target)
            return target
        except OSError:
            continue
    shutil.rmtree(tmp, ignore_errors=True)
    raise OSError(f"Could not replace {target}: another process keeps writing it.")


def folder_size_mb(path: str | Path) -> float:
    """Total size on disk of the files in a folder (a saved adapter or model), in MB."""
    folder = Path(path)
    if not folder.is_dir():
        raise FileNotFoundError(f"No folder at {folder}: save an adapter there with model.save_pretrained(path).")
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


# ---------------------------------------------------------------- device and compute precision

DEVICES = ("cpu", "cuda", "mps")
PRECISIONS = ("fp32", "bf16", "fp16")
# Numbers agree only up to the rounding of the format they are computed in: 1e-4 is far above fp32's rounding
# (eps 1.2e-7) yet below anything a real difference makes; bf16 keeps 8 significant bits (eps 7.8e-3), fp16 11
# (eps 9.8e-4), and a result passes through dozens of rounded operations, so a few eps of the final value is noise.
TOLERANCES = {"fp32": 1e-4, "bf16": 4e-2, "fp16": 5e-3}


class ModelSetupError(RuntimeError):
    """A model, device or installation setting is wrong; the message says how to fix it."""


def pick_device(device: str | None = None) -> str:
    """The device to use: the argument, else $FTRAG_DEVICE, else cuda, mps or cpu, whichever exists."""
    import torch

    choice = device or os.environ.get("FTRAG_DEVICE") or ""
    if choice:
        if choice not in DEVICES:
            raise ModelSetupError(f"Unknown device {choice!r}: use one of {', '.join(DEVICES)}.")
        if choice == "cuda" and not torch.cuda.is_available():
            raise ModelSetupError("Device 'cuda' was asked for but torch sees no CUDA GPU; use 'cpu'.")
        if choice == "mps" and not torch.backends.mps.is_available():
            raise ModelSetupError("Device 'mps' was asked for but is not available; use 'cpu'.")
        return choice
    if torch.cuda.is_available():
        return "cuda"
    if torch.backends.mps.is_available():
        return "mps"
    return "cpu"


@functools.lru_cache(maxsize=1)
def cpu_bf16() -> tuple[bool, str]:
    """Whether this CPU computes bf16 natively (x86: AVX512-BF16 or AMX; Arm: the BF16 extension), and the evidence."""
    import platform

    machine = platform.machine().lower()
    if sys.platform == "darwin":
        out = subprocess.run(["sysctl", "-n", "hw.optional.arm.FEAT_BF16"], capture_output=True, text=True)
        return out.stdout.strip() == "1", f"sysctl hw.optional.arm.FEAT_BF16={out.stdout.strip() or 'absent'}"
    try:
        flags = set(Path("/proc/cpuinfo").read_text().split())
    except OSError:
        return False, "no /proc/cpuinfo to read the CPU's features from"
    found = sorted(flags & ({"bf16"} if machine in ("aarch64", "arm64") else {"avx512_bf16", "amx_bf16"}))
    return bool(found), f"CPU flags {', '.join(found)}" if found else "the CPU reports no bf16 instructions"


def _mps_bf16() -> bool:
    """Whether the Apple GPU takes bf16 tensors (macOS 14 and newer)."""
    import torch

    try:
        torch.ones(1, dtype=torch.bfloat16, device="mps")
        return True
    except (RuntimeError, TypeError):
        return False


def _cuda_bf16(native_only: bool) -> bool:
    """Whether the CUDA GPU takes bf16: natively (compute capability 8.0+, Ampere on) or, if allowed, emulated."""
    import torch

    try:
        return bool(torch.cuda.is_bf16_supported(including_emulation=not native_only))
    except TypeError:  # torch < 2.3 has no including_emulation and counts native support only
        return bool(torch.cuda.is_bf16_supported())


def _cuda_precision() -> tuple[str, str]:
    """bf16 on GPUs that compute it natively, fp16 with loss scaling on those with fp16 units only (T4, V100)."""
    import torch

    major, minor = torch.cuda.get_device_capability()
    gpu = f"{torch.cuda.get_device_name()} (compute capability {major}.{minor})"
    if _cuda_bf16(native_only=True):
        return "bf16", f"{gpu} computes bf16 natively"
    if (major, minor) >= (7, 0):
        return "fp16", f"{gpu} has no native bf16 but fast fp16 (trained with loss scaling)"
    return "fp32", f"{gpu} has neither native bf16 nor fast fp16"


def _check_forced(precision: str, device: str) -> None:
    """Raise a clear error when FTRAG_DTYPE asks for a precision this device cannot compute at all."""
    if precision == "fp16" and device != "cuda":
        raise ModelSetupError(
            f"FTRAG_DTYPE=fp16 needs a CUDA GPU (its training relies on CUDA's loss scaling); on {device} use fp32 or"
            " bf16, or unset FTRAG_DTYPE."
        )
    if precision == "bf16" and device == "cuda" and not _cuda_bf16(native_only=False):
        raise ModelSetupError("FTRAG_DTYPE=bf16: this CUDA GPU cannot compute bf16; use fp16 or fp32.")
    if precision == "bf16" and device == "mps" and not _mps_bf16():
        raise ModelSetupError("FTRAG_DTYPE=bf16: this Apple GPU has no bf16 (macOS 14 or newer has); use fp32.")


def choose_precision(device: str | None = None) -> tuple[str, str]:
    """The compute precision, "fp32", "bf16" or "fp16", for training and inference on `device`, and why.

    A 16-bit format only where the hardware computes it natively: there it is faster, elsewhere emulated and slower.
    `FTRAG_DTYPE=fp32|bf16|fp16` overrides the choice (bf16 on a CPU without units is allowed: emulated).
    """
    device = pick_device(device)
    forced = os.environ.get("FTRAG_DTYPE", "").strip().lower()
    if forced:
        if forced not in PRECISIONS:
            raise ModelSetupError(f"FTRAG_DTYPE={forced!r}: use one of {', '.join(PRECISIONS)}, or unset it.")
        _check_forced(forced, device)
        return forced, "set by FTRAG_DTYPE"
    if device == "cuda":
        return _cuda_precision()
    if device == "mps":
        ok = _mps_bf16()
        return ("bf16", "Apple GPU with bf16 support") if ok else ("fp32", "this Apple GPU has no bf16 (macOS < 14)")
    native, evidence = cpu_bf16()
    if native:  # with ideep's cache capped, notebooks computing in bf16 ran faster, below their fp32 peak (design.md)
        return "bf16", f"{evidence}: native bf16"
    return "fp32", f"{evidence}: bf16 is emulated"


def torch_dtype(precision: str | None = None, device: str | None = None) -> Any:
    """The torch dtype of a precision name (default: the one chosen for `device`)."""
    import torch

    precision = precision or choose_precision(device)[0]
    if precision not in PRECISIONS:
        raise ValueError(f"Unknown precision {precision!r}: use one of {', '.join(PRECISIONS)}.")
    return {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}[precision]


def tolerance(precision: str | None = None) -> float:
    """How far two computations of one number may differ in `precision` (default: the chosen one): see TOLERANCES."""
    return TOLERANCES[precision or choose_precision()[0]]


# ---------------------------------------------------------------- memory

MMAP_THRESHOLD_BYTES = 4 * 2**20
_malloc_tuned = False


def _libc() -> Any | None:
    """glibc, or None off Linux/glibc."""
    with contextlib.suppress(OSError):
        return ctypes.CDLL("libc.so.6") if sys.platform.startswith("linux") else None
    return None


def tune_malloc(threshold: int = MMAP_THRESHOLD_BYTES) -> bool:
    """Make glibc hand freed buffers of >= threshold bytes back to the system at once; True if it took effect.

    By default glibc raises its mmap threshold after large frees and then keeps such buffers in the heap, so a
    notebook's memory only grows (measured: 100-150 MB more peak in the capstone, for about 10% less time).
    Set FTRAG_MALLOC_TUNING=0 to leave malloc alone. Does nothing off Linux/glibc.
    """
    global _malloc_tuned
    if _malloc_tuned or os.environ.get("FTRAG_MALLOC_TUNING", "1") == "0":
        return _malloc_tuned
    if threshold < 4096:
        raise ValueError(f"threshold must be >= 4096 bytes, got {threshold}.")
    libc = _libc()
    try:
        m_trim_threshold, m_mmap_threshold = -1, -3
        _malloc_tuned = bool(
            libc and libc.mallopt(m_mmap_threshold, threshold) and libc.mallopt(m_trim_threshold, 2 * threshold)
        )
    except AttributeError:  # not glibc (e.g. musl)
        _malloc_tuned = False
    return _malloc_tuned


# oneDNN (bf16 matrix products on CPUs) caches up to 1024 compiled kernels, one per operand shape; training meets
# hundreds of shapes and the cache kept growing. 64 kept the same speed (measured: an embedder run 17.3 s vs 17.6 s
# at 1024, 25.4 s at 0) and cut that run's growth from 160 MB to 90.
ONEDNN_CACHE_CAPACITY = 64
# torch's bf16 CPU kernels (ideep) keep a second cache, of prepared operations with their buffers, up to 1024 by
# default ($LRU_CACHE_CAPACITY). It held memory no model owned: 30 LoRA steps in bf16 grew 190 MB and kept 220 MB
# after the model was dropped; at 16 they grew 18 MB and kept none, at the same speed (97 s vs 91 s, within noise).
IDEEP_CACHE_CAPACITY = 16


def limit_kernel_cache(capacity: int = ONEDNN_CACHE_CAPACITY, ideep_capacity: int = IDEEP_CACHE_CAPACITY) -> None:
    """Cap oneDNN's and ideep's kernel caches (read when torch first computes in bf16; values already set win)."""
    os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", str(capacity))
    os.environ.setdefault("LRU_CACHE_CAPACITY", str(ideep_capacity))


def contiguous_head(model: Any) -> Any:
    """Hand the output layer contiguous inputs (the last positions are a strided view of the hidden states).

    With a strided 3-D input, torch's CPU matmul in bf16 copies the 49152 x 576 output weight once per batch row:
    0.86 GB for one batch of 16 (measured on SmolLM2 with a LoRA adapter; fp32 folds the batch instead). A
    contiguous copy of the input costs a few KB. Returns the model.
    """
    model.get_output_embeddings().register_forward_pre_hook(lambda _, args: (args[0].contiguous(), *args[1:]))
    return model


def free_memory() -> None:
    """Collect garbage and hand freed memory back to the system (glibc heap trim on Linux, CUDA cache on GPUs)."""
    gc.collect()
    if "torch" in sys.modules and sys.modules["torch"].cuda.is_available():
        sys.modules["torch"].cuda.empty_cache()
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def process_peak_mb() -> float:
    """Peak resident memory of this process since it started, in MB (ru_maxrss: bytes on macOS, KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


class PeakMemory:
    """Context manager that samples resident memory (RSS) in a thread and keeps the peak.

    By default it watches this process; with `pid_of` (a function giving a process id once it exists, None before),
    it watches that process and all its children, e.g. a notebook's kernel (`tools/benchmark.py`).
    """

    def __init__(self, interval: float = 0.05, pid_of: Callable[[], int | None] | None = None) -> None:
        """Prepare a sampler that reads RSS every `interval` seconds."""
        self._pid_of = pid_of if pid_of is not None else os.getpid
        self._interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.peak_bytes = 0

    @property
    def peak_mb(self) -> float:
        """The peak in MB (MiB)."""
        return self.peak_bytes / 2**20

    def _sample(self) -> None:
        """Update the peak from the current RSS of the process (and its children when watching another process)."""
        import psutil

        pid = self._pid_of()
        if not pid:
            return
        try:
            root = psutil.Process(pid)
            procs = [root, *root.children(recursive=True)] if pid != os.getpid() else [root]
        except psutil.Error:
            return
        total = 0
        for proc in procs:
            try:
                total += proc.memory_info().rss
            except psutil.Error:  # it ended between the listing and the reading
                pass
        self.peak_bytes = max(self.peak_bytes, total)

    def _run(self) -> None:
        """Sample until stopped."""
        while not self._stop.wait(self._interval):
            self._sample()

    def __enter__(self) -> PeakMemory:
        """Start sampling."""
        self._sample()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        """Take a last reading and stop sampling."""
        self._sample()
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
