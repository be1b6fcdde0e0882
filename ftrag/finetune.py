"""LoRA fine-tuning on CPU: chat-template formatting with prompt masking, training, evaluation and metrics.

Everything works on any list of examples `(prompt messages, target text)`; the ticket-triage helpers
(`triage_messages`, `triage_examples`, `TRIAGE_SCHEMA`) are one use of it.
"""

from __future__ import annotations

import json
import re
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ftrag.data import CATEGORIES, PRIORITIES
from ftrag.models import cache_dir, chat

Message = dict[str, str]
Example = tuple[list[Message], str]

IGNORE_INDEX = -100  # label value the loss skips (prompt and padding tokens)
DEFAULT_TARGETS: tuple[str, ...] = ("q_proj", "k_proj", "v_proj", "o_proj")
TRIAGE_SYSTEM = "You triage customer support tickets for Halvard Home. Reply with JSON only."
TRIAGE_INSTRUCTIONS = (
    "You triage customer support tickets for Halvard Home. Reply with one JSON object and nothing else, "
    'with exactly these keys: "category" (one of: billing, technical, shipping, account, other), '
    '"priority" (one of: low, medium, high, urgent) and "summary" (one neutral sentence that starts with '
    '"Customer").'
)
QA_SYSTEM = "You answer questions about Halvard Home products and policies in one short sentence."
# A schema maps each required key to its allowed values (a tuple) or to `str` (any non-empty string).
Schema = dict[str, "tuple[str, ...] | type"]
TRIAGE_SCHEMA: Schema = {"category": CATEGORIES, "priority": PRIORITIES, "summary": str}


def adapter_dir(name: str = "triage-lora") -> Path:
    """Where a course LoRA adapter is saved: <cache dir>/adapters/<name>."""
    if not re.fullmatch(r"[a-z0-9_-]+", name):
        raise ValueError(f"Adapter name {name!r} must be lower-case letters, digits, '-' or '_'.")
    return cache_dir() / "adapters" / name


# ---------------------------------------------------------------- building examples


def triage_messages(ticket: str, system: str = TRIAGE_SYSTEM, shots: Sequence[dict] = ()) -> list[Message]:
    """Chat messages asking to triage one ticket; `shots` (behaviour rows) become worked example turns."""
    if not isinstance(ticket, str) or not ticket.strip():
        raise ValueError("A ticket must be a non-empty string.")
    messages = [{"role": "system", "content": system}]
    for shot in shots:
        messages += [
            {"role": "user", "content": shot["ticket"]},
            {"role": "assistant", "content": triage_target(shot["target"])},
        ]
    return [*messages, {"role": "user", "content": ticket}]


def triage_target(target: dict) -> str:
    """The JSON answer for one ticket, keys in schema order (category, priority, summary)."""
    missing = [k for k in TRIAGE_SCHEMA if k not in target]
    if missing:
        raise ValueError(f"A triage target is missing {missing}; it needs {list(TRIAGE_SCHEMA)}.")
    return json.dumps({k: target[k] for k in TRIAGE_SCHEMA}, ensure_ascii=False)


def triage_examples(rows: Iterable[dict], system: str = TRIAGE_SYSTEM) -> list[Example]:
    """Turn behaviour rows ({"ticket", "target"}) into (messages, JSON target) training examples."""
    examples = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict) or "ticket" not in row or "target" not in row:
            raise ValueError(f"Row {i} needs 'ticket' and 'target' fields, got {row!r:.80}.")
        examples.append((triage_messages(row["ticket"], system), triage_target(row["target"])))
    return _nonempty(examples)


def qa_messages(question: str, system: str = QA_SYSTEM) -> list[Message]:
    """Chat messages asking one question (no retrieved context)."""
    if not isinstance(question, str) or not question.strip():
        raise ValueError("A question must be a non-empty string.")
    return [{"role": "system", "content": system}, {"role": "user", "content": question}]


def qa_examples(pairs: Iterable[tuple[str, str]], system: str = QA_SYSTEM) -> list[Example]:
    """Turn (question, answer) pairs into training examples whose target is the answer text."""
    examples = []
    for i, pair in enumerate(pairs):
        if len(pair) != 2 or not all(isinstance(s, str) and s.strip() for s in pair):
            raise ValueError(f"Pair {i} must be (question, answer) non-empty strings, got {pair!r:.80}.")
        examples.append((qa_messages(pair[0], system), pair[1]))
    return _nonempty(examples)


def _nonempty(examples: list[Example]) -> list[Example]:
    """Return the examples, or raise if there are none."""
    if not examples:
        raise ValueError("The data set is empty: give at least one example.")
    return examples


def _check_examples(examples: Sequence[Example]) -> None:
    """Raise a clear error unless every example is (non-empty message list, non-empty target string)."""
    if not examples:
        raise ValueError("The data set is empty: give at least one (messages, target) example.")
    for i, ex in enumerate(examples):
        ok = isinstance(ex, tuple | list) and len(ex) == 2
        messages, target = ex if ok else (None, None)
        if not (ok and isinstance(messages, list) and messages and isinstance(target, str) and target.strip()):
            raise ValueError(f"Example {i} must be (list of chat messages, non-empty target text), got {ex!r:.80}.")
        if not all(isinstance(m, dict) and {"role", "content"} <= m.keys() for m in messages):
            raise ValueError(f"Example {i}: every message needs 'role' and 'content'.")


# ---------------------------------------------------------------- tokenising with prompt masking


def encode_example(tokenizer: Any, messages: list[Message], target: str, max_length: int = 256) -> dict[str, list]:
    """Token ids of prompt + answer through the chat template, with labels = -100 on the prompt tokens."""
    _check_examples([(messages, target)])
    prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    full = tokenizer.apply_chat_template([*messages, {"role": "assistant", "content": target}], tokenize=False)
    if not full.startswith(prompt):
        raise ValueError("The chat template renders the prompt differently with an answer; cannot mask it.")
    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    answer_ids = tokenizer(full[len(prompt) :], add_special_tokens=False)["input_ids"]
    ids = prompt_ids + answer_ids
    if len(ids) > max_length:
        raise ValueError(f"An example has {len(ids)} tokens, more than max_length={max_length}; raise max_length.")
    return {
        "input_ids": ids,
        "attention_mask": [1] * len(ids),
        "labels": [IGNORE_INDEX] * len(prompt_ids) + answer_ids,
    }


def encode_examples(tokenizer: Any, examples: Sequence[Example], max_length: int = 256) -> list[dict[str, list]]:
    """Encode every example with `encode_example` (prompt tokens masked out of the loss)."""
    _check_examples(examples)
    return [encode_example(tokenizer, m, t, max_length) for m, t in examples]


def length_stats(encoded: Sequence[dict[str, list]]) -> dict[str, float]:
    """Mean and max token counts of prompt, answer and total over encoded examples."""
    if not encoded:
        raise ValueError("No encoded examples to measure.")
    answer = [sum(label != IGNORE_INDEX for label in e["labels"]) for e in encoded]
    total = [len(e["input_ids"]) for e in encoded]
    prompt = [t - a for t, a in zip(total, answer, strict=True)]
    stats: dict[str, float] = {}
    for name, values in (("prompt", prompt), ("answer", answer), ("total", total)):
        stats[f"{name}_mean"] = sum(values) / len(values)
        stats[f"{name}_max"] = max(values)
    return stats


@dataclass
class PadCollator:
    """Pads a batch of encoded examples into tensors (labels padded with -100).

    With `answer_logits_only`, rows are left-padded so every answer sits at the end, and the batch asks the model for
    logits of the last positions only (`logits_to_keep`): the same loss, without a vocabulary-wide logit tensor for
    every prompt token (for a 49k vocabulary and 300-token prompts that tensor alone takes gigabytes).
    """

    pad_token_id: int
    answer_logits_only: bool = False

    def __call__(self, features: Sequence[dict[str, list]]) -> dict[str, Any]:
        """Stack features into padded `input_ids`, `attention_mask` and `labels` tensors (see the class note)."""
        import torch

        width = max(len(f["input_ids"]) for f in features)
        pads = {"input_ids": self.pad_token_id, "attention_mask": 0, "labels": IGNORE_INDEX}

        def pad(row: list, value: int) -> list:
            """Pad one row to the batch width, on the left for answer_logits_only, else on the right."""
            fill = [value] * (width - len(row))
            return fill + row if self.answer_logits_only else row + fill

        batch = {k: torch.tensor([pad(f[k], value) for f in features], dtype=torch.long) for k, value in pads.items()}
        if self.answer_logits_only:
            labelled = (batch["labels"] != IGNORE_INDEX).nonzero()
            first = int(labelled[:, 1].min()) if len(labelled) else width - 1
            keep = min(width, width - first + 1)  # the logit before the first answer token predicts it
            batch["labels"] = batch["labels"][:, -keep:]
            batch["logits_to_keep"] = keep
            batch["position_ids"] = (batch["attention_mask"].cumsum(-1) - 1).clamp(min=0)
        return batch


# ---------------------------------------------------------------- LoRA


def lora_config(
    rank: int = 8,
    alpha: int | None = None,
    dropout: float = 0.05,
    target_modules: Sequence[str] = DEFAULT_TARGETS,
    task_type: str = "CAUSAL_LM",
    layers: Sequence[int] | None = None,
) -> Any:
    """A checked peft LoraConfig (alpha 2 x rank by default; `layers`: only these layer indices get adapters)."""
    from peft import LoraConfig, TaskType

    if not isinstance(rank, int) or rank < 1:
        raise ValueError(f"LoRA rank must be an integer >= 1, got {rank!r}.")
    if not 0 <= dropout < 1:
        raise ValueError(f"dropout must be in [0, 1), got {dropout}.")
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
    """What one training run measured: loss per optimizer step, wall time, steps and peak memory."""

    losses: list[float] = field(default_factory=list)
    seconds: float = 0.0
    steps: int = 0
    examples: int = 0
    epochs: float = 0.0
    peak_rss_mb: float = 0.0


class PeakMemory:
    """Context manager that samples this process's resident memory (RSS) in a thread and keeps the peak (MB)."""

    def __init__(self, interval: float = 0.05) -> None:
        """Prepare a sampler that reads RSS every `interval` seconds."""
        import psutil

        self._proc = psutil.Process()
        self._interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.peak_mb = 0.0

    def _sample(self) -> None:
        """Update the peak from the current RSS."""
        self.peak_mb = max(self.peak_mb, self._proc.memory_info().rss / 2**20)

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
        """Stop sampling and take a last reading."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._sample()


def free_memory() -> None:
    """Collect garbage and hand freed memory back to the system (glibc heap trim on Linux, CUDA cache on GPUs)."""
    import ctypes
    import gc

    import torch

    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # not glibc (e.g. musl): nothing to trim
            pass


def process_peak_mb() -> float:
    """Peak resident memory of this process since it started, in MB (ru_maxrss)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def progress_callback(losses: list[float], desc: str = "training", progress: bool = True) -> Any:
    """A transformers TrainerCallback: a tqdm bar over optimizer steps that appends each logged loss to `losses`."""
    from tqdm.auto import tqdm
    from transformers import TrainerCallback

    class _Progress(TrainerCallback):
        """The bar; opened at the start of training, closed at the end."""

        def on_train_begin(self, args: Any, state: Any, control: Any, **kw: Any) -> None:
            """Open the bar."""
            self.bar = tqdm(total=state.max_steps, desc=desc, unit="step", disable=not progress)

        def on_log(self, args: Any, state: Any, control: Any, logs: dict | None = None, **kw: Any) -> None:
            """Record the loss and advance the bar."""
            if logs and "loss" in logs:
                losses.append(float(logs["loss"]))
                self.bar.set_postfix(loss=f"{logs['loss']:.3f}")
            self.bar.n = state.global_step
            self.bar.refresh()

        def on_train_end(self, args: Any, state: Any, control: Any, **kw: Any) -> None:
            """Close the bar."""
            self.bar.n = state.global_step
            self.bar.close()

    return _Progress()


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
) -> tuple[Any, TrainReport]:
    """Add LoRA layers to `model` (in place: pass a freshly loaded one) and train them with the HF Trainer."""
    import torch
    from peft import PeftModel, get_peft_model
    from transformers import Trainer, TrainingArguments, set_seed

    _check_examples(examples)
    if micro_batch_size < 1 or batch_size < micro_batch_size or batch_size % micro_batch_size:
        raise ValueError(f"batch_size ({batch_size}) must be a multiple of micro_batch_size ({micro_batch_size}).")
    if epochs <= 0 or learning_rate <= 0:
        raise ValueError("epochs and learning_rate must be > 0.")
    if isinstance(model, PeftModel) or getattr(model, "peft_config", None):
        raise ValueError("This model already has LoRA layers: load a fresh base model with load_generator().")
    set_seed(seed)
    peft_model = get_peft_model(model, config if config is not None else lora_config())
    if gradient_checkpointing:
        peft_model.enable_input_require_grads()
    peft_model.train()
    data = encode_examples(tokenizer, examples, max_length)
    accumulation = batch_size // micro_batch_size
    steps = max(1, round(-(-len(data) // batch_size) * epochs))
    report = TrainReport(examples=len(data), epochs=epochs)


    import tempfile

    with tempfile.TemporaryDirectory() as out:
        args = TrainingArguments(
            output_dir=out,
            per_device_train_batch_size=micro_batch_size,
            gradient_accumulation_steps=accumulation,
            max_steps=steps,
            learning_rate=learning_rate,
            lr_scheduler_type="linear",
            warmup_steps=max(1, steps // 10),
            weight_decay=0.0,
            logging_steps=1,
            save_strategy="no",
            report_to=[],
            disable_tqdm=True,
            seed=seed,
            data_seed=seed,
            dataloader_num_workers=0,
            dataloader_pin_memory=torch.cuda.is_available(),
            **({"gradient_checkpointing": True} if gradient_checkpointing else {}),
            remove_unused_columns=False,
        )
        trainer = Trainer(
            model=peft_model,
            args=args,
            train_dataset=data,
            data_collator=PadCollator(tokenizer.pad_token_id, answer_logits_only=True),
            callbacks=[progress_callback(report.losses, "training", progress)],
        )
        quiet_trainer(trainer)
        start = time.perf_counter()
        with PeakMemory() as mem:
            trainer.train()
        report.seconds = time.perf_counter() - start
    report.steps = steps
    report.peak_rss_mb = mem.peak_mb
    peft_model.eval()
    return peft_model, report


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


# ---------------------------------------------------------------- generation and metrics


def generate(
    model: Any,
    tokenizer: Any,
    prompts: Sequence[list[Message]],
    max_new_tokens: int = 64,
    batch_size: int = 16,
    progress: bool = True,
) -> list[str]:
    """Greedy, batched answers to chat prompts (for evaluation); works for base and LoRA models alike."""
    if not prompts:
        raise ValueError("No prompts to answer.")
    was_training = getattr(model, "training", False)
    model.eval()
    try:
        return chat(model, tokenizer, list(prompts), max_new_tokens=max_new_tokens, batch_size=batch_size,
                    progress=progress)
    finally:
        if was_training:
            model.train()


_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.IGNORECASE)


def parse_json_object(text: str, strict: bool = False) -> dict | None:
    """The JSON object in a model output (the first one found, or the whole text if strict), else None."""
    if not isinstance(text, str):
        raise ValueError(f"Expected a string, got {type(text).__name__}.")
    body = _FENCE.sub("", text.strip()).strip()
    if strict:
        try:
            obj = json.loads(body)
        except json.JSONDecodeError:
            return None
        return obj if isinstance(obj, dict) else None
    decoder = json.JSONDecoder()
    for start in (m.start() for m in re.finditer(r"\{", body)):
        try:
            obj, _ = decoder.raw_decode(body, start)
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict):
            return obj
    return None


def matches_schema(obj: dict | None, schema: Schema = TRIAGE_SCHEMA, allow_extra: bool = False) -> bool:
    """Whether a parsed object has every schema key with an allowed value (and no other keys, by default)."""
    if not schema:
        raise ValueError("The schema is empty.")
    if not isinstance(obj, dict) or (not allow_extra and set(obj) - set(schema)):
        return False
    for key, allowed in schema.items():
        value = obj.get(key)
        if allowed is str:
            if not isinstance(value, str) or not value.strip():
                return False
        elif value not in allowed:
            return False
    return True


def format_compliance(outputs: Sequence[str], schema: Schema = TRIAGE_SCHEMA, strict: bool = False) -> float:
    """Share of outputs that parse as a JSON object matching the schema."""
    if not outputs:
        raise ValueError("No outputs to score.")
    return sum(matches_schema(parse_json_object(o, strict), schema) for o in outputs) / len(outputs)


def field_accuracy(
    outputs: Sequence[str],
    targets: Sequence[dict],
    fields: Sequence[str] = ("category", "priority"),
    schema: Schema = TRIAGE_SCHEMA,
) -> dict[str, float]:
    """Per-field exact-match accuracy and `all` (every field right); non-compliant outputs count as wrong."""
    if len(outputs) != len(targets):
        raise ValueError(f"Got {len(outputs)} outputs but {len(targets)} targets.")
    if not outputs or not fields:
        raise ValueError("Need at least one output and one field.")
    parsed = [parse_json_object(o) for o in outputs]
    ok = [p if matches_schema(p, schema) else None for p in parsed]
    hits = {f: [p is not None and p.get(f) == t.get(f) for p, t in zip(ok, targets, strict=True)] for f in fields}
    scores = {f: sum(h) / len(h) for f, h in hits.items()}
    scores["all"] = sum(all(h[i] for h in hits.values()) for i in range(len(outputs))) / len(outputs)
    return scores


def triage_scores(outputs: Sequence[str], rows: Sequence[dict]) -> dict[str, float]:
    """Compliance plus category/priority accuracy of triage outputs against behaviour rows."""
    scores = {"compliance": format_compliance(outputs)}
    acc = field_accuracy(outputs, [r["target"] for r in rows])
    scores.update({"category_acc": acc["category"], "priority_acc": acc["priority"], "both_acc": acc["all"]})
    return scores


def answer_rates(
    outputs: Sequence[str], answers: dict[str, Sequence[str]], match: Callable[[str, str], bool] | None = None
) -> dict[str, float]:
    """For each named list of gold answers (e.g. {"v1": [...], "v2": [...]}), the share of outputs that state it."""
    if match is None:
        from ftrag.metrics import answer_matches as match
    if not outputs:
        raise ValueError("No outputs to score.")
    for name, golds in answers.items():
        if len(golds) != len(outputs):
            raise ValueError(f"Got {len(outputs)} outputs but {len(golds)} '{name}' answers.")
    return {
        name: sum(match(o, g) for o, g in zip(outputs, golds, strict=True)) / len(outputs)
        for name, golds in answers.items()
    }


def folder_size_mb(path: str | Path) -> float:
    """Total size on disk of the files in a folder (a saved adapter or model), in MB."""
    folder = Path(path)
    if not folder.is_dir():
        raise FileNotFoundError(f"No folder at {folder}: save an adapter there with model.save_pretrained(path).")
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20
