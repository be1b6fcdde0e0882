"""What every course trainer shares: TrainingArguments for the device and precision, one tqdm bar, peak memory.

`ftrag.finetune` (LoRA on the generator) and `ftrag.embedtune` (the embedder) both build their Trainer from these.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from ftrag.runtime import PeakMemory, choose_precision, pick_device


def trainer_defaults(seed: int, device: str | None = None, precision: str | None = None) -> dict[str, Any]:
    """The TrainingArguments every course trainer shares: the precision (default: the device's), log each step."""
    import torch

    device = pick_device(device)
    precision = precision or choose_precision(device)[0]
    return {
        # Mixed precision: trainable weights stay fp32 and the Trainer computes in 16 bits (fp16 with loss scaling).
        # The Trainer takes bf16 on a CPU only when told to train on the CPU (`use_cpu`).
        "use_cpu": device == "cpu",
        "bf16": precision == "bf16",
        "fp16": precision == "fp16",
        "logging_steps": 1,
        "save_strategy": "no",
        "report_to": [],
        "disable_tqdm": True,
        "seed": seed,
        "data_seed": seed,
        "dataloader_num_workers": 0,
        "dataloader_pin_memory": torch.cuda.is_available(),
    }


def losses(trainer: Any) -> list[float]:
    """The training loss of every logged step, from the trainer's own log history."""
    return [float(entry["loss"]) for entry in trainer.state.log_history if "loss" in entry]


def progress_callback(desc: str = "training", progress: bool = True) -> Any:
    """A transformers TrainerCallback that shows one tqdm bar over optimizer steps, with the latest loss."""
    from tqdm.auto import tqdm
    from transformers import TrainerCallback

    class _Progress(TrainerCallback):
        """The bar; opened at the start of training, closed at the end."""

        def on_train_begin(self, args: Any, state: Any, control: Any, **kw: Any) -> None:
            """Open the bar."""
            self.bar = tqdm(total=state.max_steps, desc=desc, unit="step", disable=not progress)

        def on_log(self, args: Any, state: Any, control: Any, logs: dict | None = None, **kw: Any) -> None:
            """Show the loss and advance the bar."""
            if logs and "loss" in logs:
                self.bar.set_postfix(loss=f"{logs['loss']:.3f}")
            self.bar.n = state.global_step
            self.bar.refresh()

        def on_train_end(self, args: Any, state: Any, control: Any, **kw: Any) -> None:
            """Close the bar."""
            self.bar.n = state.global_step
            self.bar.close()

    return _Progress()


def quiet_trainer(trainer: Any) -> None:
    """Drop a Trainer's own printing, console bar and notebook table (`progress_callback` shows one tqdm bar)."""
    from transformers.trainer_callback import PrinterCallback, ProgressCallback

    for noisy in (PrinterCallback, ProgressCallback):
        trainer.remove_callback(noisy)
    try:
        from transformers.utils.notebook import NotebookProgressCallback
    except ImportError:  # pragma: no cover - depends on the transformers version
        return
    trainer.remove_callback(NotebookProgressCallback)


@contextlib.contextmanager
def measured_training(trainer: Any) -> Iterator[PeakMemory]:
    """Quieten a trainer and sample peak memory while the block (the training) runs; then unwrap the model.

    In mixed precision the Trainer wraps the model's forward in autocast and leaves it so: unwrapped, the trained
    model computes as a fresh load of the same weights does (which is what a saved adapter is compared with).
    """
    quiet_trainer(trainer)
    try:
        with PeakMemory() as mem:
            yield mem
    finally:
        trainer.accelerator.unwrap_model(trainer.model, keep_fp32_wrapper=False)
