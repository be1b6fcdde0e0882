"""LoRA fine-tuning: chat-formatted examples, the loss on the answer only, training, and generation for evaluation.

Everything works on any list of examples `(prompt messages, target text)`; `ftrag.triage` (Lab 2's ticket format) and
the question/answer pairs below are two uses of it.
"""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ftrag.models import chat
from ftrag.prompts import QA_SYSTEM, Message, messages
from ftrag.runtime import cache_dir, choose_precision, pick_device
from ftrag.training import losses, measured_training, progress_callback, trainer_defaults
from ftrag.validate import check_nonempty, check_positive_int, check_share

Example = tuple[list[Message], str]  # (prompt messages, target answer)

IGNORE_INDEX = -100  # label value the loss skips (prompt and padding tokens)
DEFAULT_TARGETS: tuple[str, ...] = ("q_proj", "k_proj", "v_proj", "o_proj")


def adapter_dir(name: str = "triage-lora") -> Path:
    """Where a course LoRA adapter is saved: <cache dir>/adapters/<name>."""
    if not re.fullmatch(r"[a-z0-9_-]+", name):
        raise ValueError(f"Adapter name {name!r} must be lower-case letters, digits, '-' or '_'.")
    return cache_dir() / "adapters" / name


# ---------------------------------------------------------------- examples


def qa_examples(pairs: Iterable[tuple[str, str]], system: str = QA_SYSTEM) -> list[Example]:
    """Turn (question, answer) pairs into training examples whose target is the answer text."""
    examples = []
    for i, pair in enumerate(pairs):
        if len(pair) != 2 or not all(isinstance(s, str) and s.strip() for s in pair):
            raise ValueError(f"Pair {i} must be (question, answer) non-empty strings, got {pair!r:.80}.")
        examples.append((messages(pair[0], system), pair[1]))
    return list(check_nonempty(examples, "(question, answer) pairs"))


def check_examples(examples: Sequence[Example]) -> None:
    """Raise a clear error unless every example is (non-empty message list, non-empty target string)."""
    check_nonempty(examples, "(messages, target) examples: the data set is empty")
    for i, ex in enumerate(examples):
        ok = isinstance(ex, tuple | list) and len(ex) == 2
        turns, target = ex if ok else (None, None)
        if not (ok and isinstance(turns, list) and turns and isinstance(target, str) and target.strip()):
            raise ValueError(f"Example {i} must be (list of chat messages, non-empty target text), got {ex!r:.80}.")
        if not all(isinstance(m, dict) and {"role", "content"} <= m.keys() for m in turns):
            raise ValueError(f"Example {i}: every message needs 'role' and 'content'.")


# ---------------------------------------------------------------- the loss on the answer only


LabelMaker = Callable[[list[int], list[int]], list[int]]  # (prompt ids, answer ids) -> one label per token


def answer_only_labels(prompt_ids: list[int], answer_ids: list[int]) -> list[int]:
    """The loss on the answer only: -100 for every prompt token, then the answer tokens themselves."""
    return [IGNORE_INDEX] * len(prompt_ids) + list(answer_ids)


def encode_example(
    tokenizer: Any, turns: list[Message], target: str, max_length: int = 256, make_labels: LabelMaker | None = None
) -> dict[str, list]:
    """Token ids of prompt + answer through the chat template, with labels from `make_labels` (answer only)."""
    check_examples([(turns, target)])
    prompt = tokenizer.apply_chat_template(turns, tokenize=False, add_generation_prompt=True)
    full = tokenizer.apply_chat_template([*turns, {"role": "assistant", "content": target}], tokenize=False)
    if not full.startswith(prompt):
        raise ValueError("The chat template renders the prompt differently with an answer; cannot mask it.")
    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    answer_ids = tokenizer(full[len(prompt) :], add_special_tokens=False)["input_ids"]
    ids = prompt_ids + answer_ids
    if len(ids) > max_length:
        raise ValueError(f"An example has {len(ids)} tokens, more than max_length={max_length}; raise max_length.")
    labels = list((make_labels or answer_only_labels)(prompt_ids, answer_ids))
    if len(labels) != len(ids):
        raise ValueError(f"make_labels returned {len(labels)} labels for {len(ids)} tokens: give one per token.")
    return {"input_ids": ids, "attention_mask": [1] * len(ids), "labels": labels}


def encode_examples(
    tokenizer: Any, examples: Sequence[Example], max_length: int = 256, make_labels: LabelMaker | None = None
) -> list[dict[str, list]]:
    """Encode every example with `encode_example` (prompt tokens masked out of the loss)."""
    check_examples(examples)
    return [encode_example(tokenizer, m, t, max_length, make_labels) for m, t in examples]


def length_stats(encoded: Sequence[dict[str, list]]) -> dict[str, float]:
    """Mean and max token counts of prompt, answer and total over encoded examples."""
    check_nonempty(encoded, "encoded examples")
    answer = [sum(label != IGNORE_INDEX for label in e["labels"]) for e in encoded]
    total = [len(e["input_ids"]) for e in encoded]
    prompt = [t - a for t, a in zip(total, answer, strict=True)]
    stats: dict[str, float] = {}
    for name, values in (("prompt", prompt), ("answer", answer), ("total", total)):
        stats[f"{name}_mean"] = sum(values) / len(values)
        stats[f"{name}_max"] = max(values)
    return stats


@dataclass
class AnswerOnlyCollator:
    """Pads a batch of encoded examples into tensors, and asks the model for the answer positions' logits only.

    Rows are left-padded (labels with -100) so every answer sits at the end, and the batch asks the model for the
    logits of the last positions only (`logits_to_keep`): the same loss, without a vocabulary-wide logit tensor for
    every prompt token (for a 49k vocabulary and 300-token prompts that tensor alone takes gigabytes). This is why the
    kit keeps its own collator rather than TRL's SFTTrainer, which cost 19% more time and 22% more memory on Lab 2
    (docs/design.md).
    """

    pad_token_id: int

    def __call__(self, features: Sequence[dict[str, list]]) -> dict[str, Any]:
        """Left-padded `input_ids`, `attention_mask` and `labels` tensors, with the answer positions' logits only."""
        import torch

        width = max(len(f["input_ids"]) for f in features)
        pads = {"input_ids": self.pad_token_id, "attention_mask": 0, "labels": IGNORE_INDEX}

        def pad(row: list, value: int) -> list:
            """Pad one row on the left to the batch width."""
            return [value] * (width - len(row)) + row

        batch = {k: torch.tensor([pad(f[k], value) for f in features], dtype=torch.long) for k, value in pads.items()}
        labelled = (batch["labels"] != IGNORE_INDEX).nonzero()
        first = int(labelled[:, 1].min()) if len(labelled) else width - 1
        keep = min(width, width - first + 1)  # the logit before the first answer token predicts it
        batch["labels"] = batch["labels"][:, -keep:]
        batch["logits_to_keep"] = keep
        batch["position_ids"] = (batch["attention_mask"].cumsum(-1) - 1).clamp(min=0)
        return batch


def answer_loss(
    model: Any,
    tokenizer: Any,
    examples: Sequence[Example],
    max_length: int = 256,
    batch_size: int = 2,
    make_labels: LabelMaker | None = None,
) -> float:
    """The mean loss per answer token on `examples` (what training minimises), measured without training."""
    import torch

    check_positive_int(batch_size, "batch_size")
    data = sorted(encode_examples(tokenizer, examples, max_length, make_labels), key=lambda e: len(e["input_ids"]))
    collate, total, tokens = AnswerOnlyCollator(tokenizer.pad_token_id), 0.0, 0
    was_training = getattr(model, "training", False)
    model.eval()
    try:
        with torch.no_grad():
            for i in range(0, len(data), batch_size):
                batch = collate(data[i : i + batch_size])
                n = int((batch["labels"][:, 1:] != IGNORE_INDEX).sum())  # the tokens the mean loss is over
                inputs = {k: v.to(model.device) if isinstance(v, torch.Tensor) else v for k, v in batch.items()}
                total, tokens = total + float(model(**inputs).loss) * n, tokens + n
    finally:
        if was_training:
            model.train()
    return total / max(tokens, 1)


# ---------------------------------------------------------------- LoRA


def lora_config(
    rank: int = 8,
    alpha: int | None = None,
    dropout: float = 0.0,
    target_modules: Sequence[str] = DEFAULT_TARGETS,
    task_type: str = "CAUSAL_LM",
    layers: Sequence[int] | None = None,
) -> Any:
    """A checked peft LoraConfig (alpha 2 x rank by default; `layers`: only these layer indices get adapters).

    No dropout by default: on a 2-core CPU drawing its random masks took 10-25% of a LoRA step, and every lab's
    findings held without it (docs/design.md, "Training settings").
    """
    from peft import LoraConfig, TaskType

    check_positive_int(rank, "LoRA rank")
    check_share(dropout, "dropout")
    if not target_modules:
        raise ValueError("target_modules is empty: name the layers to adapt, e.g. ('q_proj', 'v_proj').")
    if layers is not None and (not layers or not all(isinstance(i, int) and i >= 0 for i in layers)):
        raise ValueError(f"layers must be a non-empty list of layer indices >= 0, got {layers!r}.")
    return LoraConfig(
        r=rank,
        layers_to_transform=list(layers) if layers is not None else None,
        lora_alpha=alpha if alpha is not None else 2 * rank,
        lora_dropout=dropout,
        target_modules=list(target_modules),
        bias="none",
        task_type=TaskType[task_type],
    )


def count_parameters(model: Any) -> tuple[int, int]:
    """(trainable, total) parameter counts of a model."""
    params = list(model.parameters())
    return sum(p.numel() for p in params if p.requires_grad), sum(p.numel() for p in params)


@dataclass
class TrainReport:
    """What one training run measured: loss per optimizer step, wall time, steps, precision and peak memory."""

    losses: list[float] = field(default_factory=list)
    seconds: float = 0.0
    steps: int = 0
    examples: int = 0
    epochs: float = 0.0
    precision: str = "fp32"
    peak_rss_mb: float = 0.0


def checkpoint_activations(peft_model: Any) -> None:
    """Recompute activations in the backward pass (far less memory); back-propagate only to the first LoRA layer."""
    base = peft_model.get_base_model()
    kwargs = {"use_reentrant": False}
    if hasattr(base, "activation_checkpointing_enable"):  # transformers >= 5
        base.activation_checkpointing_enable(activation_checkpointing_kwargs=kwargs)
    else:
        base.gradient_checkpointing_enable(gradient_checkpointing_kwargs=kwargs)
    # transformers makes the embeddings' output require a gradient, which only reentrant checkpointing needs: with it
    # the backward pass runs through every layer, also those below the first LoRA layer (Lab 4's reader, LoRA on the
    # top 16 of 30 layers: a quarter of each step).
    if hasattr(base, "_require_grads_hook"):
        base.disable_input_require_grads()


def train_lora(
    model: Any,
    tokenizer: Any,
    examples: Sequence[Example],
    config: Any = None,
    epochs: float = 2.0,
    learning_rate: float = 2e-4,
    batch_size: int = 8,
    micro_batch_size: int = 4,
    max_length: int = 256,
    seed: int = 0,
    gradient_checkpointing: bool = False,
    progress: bool = True,
    make_labels: LabelMaker | None = None,
    resume: bool = False,
    steps: int | None = None,
) -> tuple[Any, TrainReport]:
    """Add LoRA layers to `model` (in place: pass a freshly loaded one) and train them on the answers only.

    `make_labels(prompt_ids, answer_ids)` sets the labels (default: the loss on the answer only); a lab passes the
    learner's own. `resume=True` trains the LoRA layers of a model this function returned further, on new examples.
    `steps` trains for exactly that many optimizer steps, going round the examples as often as it takes, instead of
    `epochs` passes (to compare training sets of different sizes at the same amount of training).
    """
    from peft import PeftModel, get_peft_model
    from transformers import Trainer, TrainingArguments, set_seed

    check_examples(examples)
    if micro_batch_size < 1 or batch_size < micro_batch_size or batch_size % micro_batch_size:
        raise ValueError(f"batch_size ({batch_size}) must be a multiple of micro_batch_size ({micro_batch_size}).")
    if epochs <= 0 or learning_rate <= 0:
        raise ValueError("epochs and learning_rate must be > 0.")
    if steps is not None and (isinstance(steps, bool) or not isinstance(steps, int) or steps < 1):
        raise ValueError(f"steps must be a whole number of optimizer steps >= 1, got {steps!r}.")
    has_lora = isinstance(model, PeftModel) or bool(getattr(model, "peft_config", None))
    if has_lora and not resume:
        raise ValueError(
            "This model already has LoRA layers: load a fresh base model with load_generator() "
            "(or pass resume=True to train those layers further)."
        )
    if resume and (not has_lora or config is not None):
        raise ValueError(
            "resume=True trains the LoRA layers of a model train_lora returned: pass that model, no config."
        )
    set_seed(seed)
    # 1. Freeze the model and add the small trainable LoRA matrices (or keep training the ones it has).
    peft_model = model if resume else get_peft_model(model, config if config is not None else lora_config())
    if gradient_checkpointing:
        checkpoint_activations(peft_model)
    # 2. Tokenise every example, with the prompt masked out of the loss.
    data = encode_examples(tokenizer, examples, max_length, make_labels)
    per_epoch = -(-len(data) // batch_size)  # optimizer steps in one pass over the examples
    steps = steps or max(1, round(per_epoch * epochs))
    device = pick_device()
    precision, _ = choose_precision(device)
    # 3. Train with the Hugging Face Trainer: `batch_size` examples per optimizer step, in micro-batches.
    with tempfile.TemporaryDirectory() as out:
        args = TrainingArguments(
            output_dir=out,
            per_device_train_batch_size=micro_batch_size,
            gradient_accumulation_steps=batch_size // micro_batch_size,
            max_steps=steps,
            learning_rate=learning_rate,
            lr_scheduler_type="linear",
            warmup_steps=max(1, steps // 10),
            weight_decay=0.0,
            remove_unused_columns=False,
            **trainer_defaults(seed, device),
        )
        trainer = Trainer(
            model=peft_model,
            args=args,
            train_dataset=data,
            data_collator=AnswerOnlyCollator(tokenizer.pad_token_id),
            callbacks=[progress_callback("training", progress)],
        )
        with measured_training(trainer) as mem:
            start = time.perf_counter()
            trainer.train()
            seconds = time.perf_counter() - start
    peft_model.eval()
    report = TrainReport(losses(trainer), seconds, steps, len(data), steps / per_epoch, precision, mem.peak_mb)
    return peft_model, report


def generate(
    model: Any,
    tokenizer: Any,
    prompts: Sequence[list[Message]],
    max_new_tokens: int = 64,
    batch_size: int = 16,
    progress: bool = True,
) -> list[str]:
    """Greedy, batched answers to chat prompts (for evaluation); works for base and LoRA models alike."""
    check_nonempty(prompts, "prompts to answer")
    was_training = getattr(model, "training", False)
    model.eval()
    try:
        return chat(
            model, tokenizer, list(prompts), max_new_tokens=max_new_tokens, batch_size=batch_size, progress=progress
        )
    finally:
        if was_training:
            model.train()
