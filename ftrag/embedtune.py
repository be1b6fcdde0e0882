"""Light fine-tuning of the sentence embedder (full or LoRA) with in-batch negatives, and retrieval evaluation.

Training uses sentence-transformers' `SentenceTransformerTrainer` with `MultipleNegativesRankingLoss`:
each (query, passage) pair is a positive, and every other passage in the batch serves as a negative.
"""

from __future__ import annotations

import copy
import math
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ftrag.finetune import count_parameters, lora_config
from ftrag.index import chunk_text
from ftrag.metrics import retrieval_scores
from ftrag.models import load_embedder
from ftrag.runtime import cache_dir, pick_device, replace_folder
from ftrag.text import clean_text
from ftrag.training import losses, measured_training, progress_callback, trainer_defaults
from ftrag.validate import check_nonempty

DEFAULT_LORA_TARGETS: tuple[str, ...] = ("query", "key", "value", "dense")
TUNED_NAME = "minilm-tuned"


@dataclass
class EmbedTrainReport:
    """What one embedder training run measured: loss per logged step, wall time, steps, parameters, peak memory."""

    method: str = "full"
    losses: list[float] = field(default_factory=list)
    seconds: float = 0.0
    steps: int = 0
    examples: int = 0
    epochs: float = 0.0
    trainable_params: int = 0
    total_params: int = 0
    peak_rss_mb: float = 0.0


def tuned_embedder_dir(name: str = TUNED_NAME) -> Path:
    """Where a fine-tuned embedder is saved: <cache dir>/embedders/<name>."""
    if not name or not all(c.isalnum() or c in "-_" for c in name):
        raise ValueError(f"Embedder name {name!r} must be letters, digits, '-' or '_'.")
    return cache_dir() / "embedders" / name


def _check_pairs(pairs: Sequence[Mapping[str, Any]]) -> None:
    """Raise ValueError unless pairs is a non-empty list of dicts with non-empty 'query' and 'passage'."""
    check_nonempty(pairs, "pairs (dicts with 'query' and 'passage')")
    for i, p in enumerate(pairs):
        if not isinstance(p, Mapping):
            raise ValueError(f"Pair {i} must be a dict with 'query' and 'passage', got {type(p).__name__}.")
        for key in ("query", "passage"):
            if not isinstance(p.get(key), str) or not p[key].strip():
                raise ValueError(f"Pair {i} needs a non-empty string {key!r}.")


def pairs_dataset(pairs: Sequence[Mapping[str, Any]]) -> Any:
    """A `datasets.Dataset` with columns anchor (query), positive (passage) and, if every pair has one, negative."""
    from datasets import Dataset

    _check_pairs(pairs)
    columns = {"anchor": [p["query"] for p in pairs], "positive": [p["passage"] for p in pairs]}
    if all(isinstance(p.get("negative"), str) and p["negative"].strip() for p in pairs):
        columns["negative"] = [p["negative"] for p in pairs]
    return Dataset.from_dict(columns)


def find_chunk(passage: str, chunks: Sequence[str]) -> str:
    """The chunk that holds the passage whole, else the one sharing the most of its words."""
    passage = clean_text(passage)
    words = set(passage.split())
    return next((c for c in chunks if passage in c), None) or max(chunks, key=lambda c: len(words & set(c.split())))


def chunk_pairs(
    pairs: Sequence[Mapping[str, Any]],
    docs: Sequence[Mapping[str, Any]],
    chunk_size: int = 120,
    overlap: int = 30,
    find: Callable[[str, Sequence[str]], str] = find_chunk,
) -> list[dict[str, Any]]:
    """Copies of the pairs whose passage becomes the index chunk that holds it (what retrieval really compares).

    `find(passage, chunks)` picks that chunk (default `find_chunk`; a lab passes the learner's own).
    """
    _check_pairs(pairs)
    by_id = {d["id"]: d for d in docs}
    out = []
    for i, p in enumerate(pairs):
        if p.get("doc_id") not in by_id:
            raise ValueError(f"Pair {i} points to document {p.get('doc_id')!r}, which is not among the documents.")
        chunks = chunk_text(by_id[p["doc_id"]]["text"], chunk_size, overlap)
        out.append({**p, "passage": find(p["passage"], chunks)})
    return out


def copy_embedder(model: Any) -> Any:
    """A deep copy of a sentence-transformers model, so that training never changes the original."""
    return copy.deepcopy(model)


def add_lora(
    model: Any,
    rank: int = 16,
    alpha: int | None = None,
    dropout: float = 0.0,
    target_modules: Sequence[str] = DEFAULT_LORA_TARGETS,
) -> Any:
    """Add LoRA adapters (no dropout: see `lora_config`) to a copied sentence-transformers model in place; return it."""
    config = lora_config(rank, alpha, dropout, target_modules, task_type="FEATURE_EXTRACTION")
    if _has_adapters(model):
        raise ValueError("This embedder already has LoRA adapters: start from a fresh copy.")
    model.add_adapter(config)
    return model


def _has_adapters(model: Any) -> bool:
    """Whether a sentence-transformers model carries peft adapters."""
    try:
        return bool(model.active_adapters())
    except (ValueError, AttributeError):
        return False


def train_embedder(
    model: Any,
    pairs: Sequence[Mapping[str, Any]],
    epochs: float = 3.0,
    batch_size: int = 32,
    learning_rate: float = 5e-5,
    warmup_ratio: float = 0.1,
    mini_batch_size: int | None = None,
    seed: int = 0,
    progress: bool = True,
) -> tuple[Any, EmbedTrainReport]:
    """Fine-tune `model` in place on (query, passage) pairs with MultipleNegativesRankingLoss; return it and a report.

    Batches never hold the same passage twice (a duplicate would be a false negative for the loss).
    With `mini_batch_size`, the cached variant of the loss (GradCache) keeps memory at that size's level
    while every query still sees `batch_size - 1` in-batch negatives (about a third more compute).
    Pass a copy (`copy_embedder`) if you want to keep the original; LoRA: call `add_lora` on the copy first.
    """
    from sentence_transformers import SentenceTransformerTrainer, SentenceTransformerTrainingArguments
    from sentence_transformers.losses import CachedMultipleNegativesRankingLoss, MultipleNegativesRankingLoss
    from transformers import set_seed

    try:
        from sentence_transformers.sentence_transformer.training_args import BatchSamplers
    except ImportError:  # older sentence-transformers
        from sentence_transformers.training_args import BatchSamplers

    _check_pairs(pairs)
    if epochs <= 0 or learning_rate <= 0 or batch_size < 2:
        raise ValueError("epochs and learning_rate must be > 0 and batch_size >= 2 (in-batch negatives).")
    if mini_batch_size is not None and not 1 <= mini_batch_size <= batch_size:
        raise ValueError(f"mini_batch_size must be between 1 and batch_size ({batch_size}), got {mini_batch_size}.")
    set_seed(seed)
    data = pairs_dataset(pairs)
    total_steps = max(1, math.ceil(math.ceil(len(data) / batch_size) * epochs))
    trainable, total = count_parameters(model)
    report = EmbedTrainReport(
        method="lora" if _has_adapters(model) else "full",
        examples=len(data),
        epochs=epochs,
        trainable_params=trainable,
        total_params=total,
    )

    with tempfile.TemporaryDirectory() as out:
        args = SentenceTransformerTrainingArguments(
            output_dir=out,
            num_train_epochs=epochs,
            per_device_train_batch_size=batch_size,
            learning_rate=learning_rate,
            warmup_steps=int(warmup_ratio * total_steps),
            lr_scheduler_type="linear",
            batch_sampler=BatchSamplers.NO_DUPLICATES,
            # The machine's precision: autocast over the fp32 weights (the embedder is small enough to keep them).
            # With ideep's cache capped, bf16 on a CPU with bf16 units ran 10 steps of Lab 3's full fine-tune 1.33x
            # faster than fp32 in 35 MB less memory (LoRA: 1.16x, 110 MB less). Inference stays fp32.
            **trainer_defaults(seed, pick_device()),
        )
        trainer = SentenceTransformerTrainer(
            model=model,
            args=args,
            train_dataset=data,
            loss=MultipleNegativesRankingLoss(model)
            if mini_batch_size is None
            else CachedMultipleNegativesRankingLoss(model, mini_batch_size=mini_batch_size, show_progress_bar=False),
            callbacks=[progress_callback(f"training ({report.method})", progress)],
        )
        with measured_training(trainer) as mem:
            start = time.perf_counter()
            trainer.train()
            report.seconds = time.perf_counter() - start
        report.steps = int(trainer.state.global_step)
        report.losses = losses(trainer)
    report.peak_rss_mb = mem.peak_mb
    model.eval()
    return model, report


def rankings(index: Any, queries: Sequence[str], k: int = 10) -> list[list[str]]:
    """Ranked document ids (best first, up to k) for each query from a VectorIndex."""
    check_nonempty(queries, "queries")
    return [[h.doc_id for h in hits] for hits in index.search_many(list(queries), k)]


def evaluate_retrieval(
    index: Any, pairs: Sequence[Mapping[str, Any]], ks: Sequence[int] = (1, 5), k: int = 10
) -> tuple[dict[str, float], list[list[str]]]:
    """Doc-level recall@k and MRR of a VectorIndex on pairs ({"query", "doc_id"}), plus the rankings."""
    check_nonempty(pairs, "pairs (dicts with 'query' and 'doc_id')")
    if any(not p.get("doc_id") or not p.get("query") for p in pairs):
        raise ValueError("Every pair needs a 'query' and a 'doc_id'.")
    ranked = rankings(index, [p["query"] for p in pairs], max(k, *ks))
    return retrieval_scores(ranked, [p["doc_id"] for p in pairs], ks), ranked


def rank_of(ranked: Sequence[str], doc_id: str) -> int | None:
    """1-based position of doc_id in a ranking, or None if it is not there."""
    return next((i for i, d in enumerate(ranked, start=1) if d == doc_id), None)


def _merge_adapters(module: Any) -> None:
    """Fold every LoRA layer of a transformers model into its base weight (in place) and forget the adapter config."""
    from peft.tuners.tuners_utils import BaseTunerLayer

    for name, sub in list(module.named_modules()):
        if isinstance(sub, BaseTunerLayer):
            sub.merge()
            parent, _, child = name.rpartition(".")
            setattr(module.get_submodule(parent) if parent else module, child, sub.get_base_layer())
    if hasattr(module, "peft_config"):
        del module.peft_config
    module._hf_peft_config_loaded = False


def save_embedder(model: Any, name: str = TUNED_NAME) -> Path:
    """Save a tuned embedder (LoRA adapters merged into the weights) under tuned_embedder_dir(name)."""
    if _has_adapters(model):
        model = copy.deepcopy(model)
        _merge_adapters(model[0].auto_model)
    return replace_folder(lambda folder: model.save(str(folder)), tuned_embedder_dir(name))


def load_tuned_embedder(name: str = TUNED_NAME, device: str | None = None) -> Any | None:
    """Load a tuned embedder saved by `save_embedder`, or None if there is none on this machine."""
    folder = tuned_embedder_dir(name)
    if not (folder / "modules.json").is_file():
        return None
    return load_embedder(str(folder), device=device)
