"""How close the kit runs to this machine's compute limit, in fp32 and in bf16 (autocast).

    python tools/throughput.py                  # print a Markdown table (and --json FILE for the figures)
    python tools/throughput.py --quick          # fewer repeats (about a minute)

For each precision it measures:
- the machine's matrix-multiply peak: large square matmuls, the best a CPU or GPU reaches in practice;
- a training step of SmolLM2-135M on all weights (batch 8 x 128 tokens), at about 6 x params x tokens FLOPs;
- a LoRA training step as Lab 2 runs it (rank 8 on the attention projections), at about 4 x params x tokens FLOPs
  (the frozen weights need no weight gradients, only the activation gradients);
- one forward pass over 300 tokens (what answering from a prompt costs), at about 2 x params x tokens FLOPs;
and reports achieved GFLOP/s and the share of the matmul peak. bf16 is forced with autocast for the measurement,
whatever `ftrag.runtime.choose_precision` would pick: on CPUs without bf16 units it is emulated, and slower.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def best_seconds(fn: Callable[[], object], repeats: int, warmup: int = 1) -> float:
    """The fastest of `repeats` timed calls, after `warmup` untimed ones (none when a single repeat is asked for)."""
    for _ in range(warmup if repeats > 1 else 0):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def matmul_peak(dtype: object, repeats: int, sizes: tuple[int, ...] = (1024, 2048, 3072)) -> float:
    """GFLOP/s of the fastest square matmul in `dtype` (2 n^3 FLOPs each): the practical peak of this machine."""
    import torch

    best = 0.0
    for size in sizes:
        a, b = torch.randn(size, size, dtype=dtype), torch.randn(size, size, dtype=dtype)
        best = max(best, 2 * size**3 / best_seconds(lambda a=a, b=b: a @ b, repeats + 1) / 1e9)
    return best


def measure(precision: str, repeats: int) -> dict[str, float]:
    """Peak, training-step, LoRA-step and forward throughput in one precision (printing each figure as it comes)."""
    import torch

    from ftrag.finetune import lora_config
    from ftrag.models import load_generator

    bf16 = precision == "bf16"
    out = {"matmul_peak_gflops": matmul_peak(torch.bfloat16 if bf16 else torch.float32, repeats)}
    model, _ = load_generator(device="cpu")
    params = sum(p.numel() for p in model.parameters())
    autocast = torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16)
    batch = torch.randint(0, 49_000, (8, 128))

    def step() -> None:
        """Forward + backward + optimizer-free update of the gradients, on the batch."""
        with autocast:
            loss = model(input_ids=batch, labels=batch).loss
        loss.backward()
        model.zero_grad(set_to_none=True)

    model.train()
    print(f"[{precision}] matmul peak {out['matmul_peak_gflops']:.0f} GFLOP/s", file=sys.stderr, flush=True)
    out["full_step_s"] = best_seconds(step, repeats)
    print(f"[{precision}] full step {out['full_step_s']:.2f} s", file=sys.stderr, flush=True)
    out["full_step_gflops"] = 6 * params * batch.numel() / out["full_step_s"] / 1e9
    from peft import get_peft_model

    lora = get_peft_model(model, lora_config(rank=8))
    model = lora
    out["lora_step_s"] = best_seconds(step, repeats)
    print(f"[{precision}] LoRA step {out['lora_step_s']:.2f} s", file=sys.stderr, flush=True)
    out["lora_step_gflops"] = 4 * params * batch.numel() / out["lora_step_s"] / 1e9
    model.eval()
    prompt = torch.randint(0, 49_000, (1, 300))

    def forward() -> None:
        """One forward pass over a 300-token prompt."""
        with torch.no_grad(), autocast:
            model(input_ids=prompt)

    out["forward_s"] = best_seconds(forward, repeats)
    out["forward_gflops"] = 2 * params * prompt.numel() / out["forward_s"] / 1e9
    for key in ("full_step", "lora_step", "forward"):
        out[f"{key}_share_of_peak"] = out[f"{key}_gflops"] / out["matmul_peak_gflops"]
    out["params"] = params
    return out


def table(results: dict[str, dict[str, float]]) -> str:
    """The figures as a Markdown table, one column per precision."""
    rows = [
        ("matmul peak (best square matmul), GFLOP/s", "matmul_peak_gflops", "{:.0f}"),
        ("full training step, batch 8 x 128 (s)", "full_step_s", "{:.2f}"),
        ("  achieved GFLOP/s (share of peak)", "full_step", None),
        ("LoRA training step, batch 8 x 128 (s)", "lora_step_s", "{:.2f}"),
        ("  achieved GFLOP/s (share of peak)", "lora_step", None),
        ("forward pass, 300 tokens (s)", "forward_s", "{:.3f}"),
        ("  achieved GFLOP/s (share of peak)", "forward", None),
    ]
    names = list(results)
    lines = ["| | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for label, key, fmt in rows:
        cells = []
        for name in names:
            r = results[name]
            cells.append(
                f"{r[key + '_gflops']:.0f} ({r[key + '_share_of_peak']:.0%})" if fmt is None else fmt.format(r[key])
            )
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if {"fp32", "bf16"} <= set(names):
        speed = {
            k: results["fp32"][f"{k}_s"] / results["bf16"][f"{k}_s"] for k in ("full_step", "lora_step", "forward")
        }
        lines.append(
            "| bf16 speed-up (fp32 time / bf16 time) | | "
            + ", ".join(f"{k.replace('_', ' ')} {v:.2f}x" for k, v in speed.items())
            + " |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure both precisions and print the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="2 repeats instead of 4")
    parser.add_argument("--repeats", type=int, help="timed repeats per figure (default 4, or 2 with --quick)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--out", type=Path, help="write the report as Markdown here (docs/throughput.md, read by tools/benchmark.py)"
    )
    parser.add_argument("--precisions", default="fp32,bf16", help="which to measure (comma-separated)")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    from ftrag.runtime import choose_precision, cpu_bf16

    repeats = args.repeats or (2 if args.quick else 4)
    results = {p: measure(p, repeats) for p in args.precisions.split(",")}
    chosen, why = choose_precision("cpu")
    native, evidence = cpu_bf16()
    print(
        f"machine: {platform.processor() or platform.machine()}, {torch.get_num_threads()} torch threads; "
        f"{evidence}; the kit chooses {chosen} ({why})\n"
    )
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps({"results": results, "chosen": chosen, "why": why, "native_bf16": native}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
