"""Light fine-tuning of the sentence embedder (full or LoRA) with in-batch negatives, and retrieval evaluation.

Training uses sentence-transformers' `SentenceTransformerTrainer` with `MultipleNegativesRankingLoss`:
each (query, passage) pair is a positive, and every other passage in the batch serves as a negative.
"""

from __future__ import annotations

import copy
import math
import shutil
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ftrag.finetune import PeakMemory, count_parameters, progress_callback, quiet_trainer
from ftrag.metrics import retrieval_scores
from ftrag.models import cache_dir

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
    if isinstance(pairs, str | Mapping) or not pairs:
        raise ValueError("Pass a non-empty list of pairs (dicts with 'query' and 'passage').")
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


def chunk_pairs(
    pairs: Sequence[Mapping[str, Any]], docs: Sequence[Mapping[str, Any]], chunk_size: int = 120, overlap: int = 30
) -> list[dict[str, Any]]:
    """Copies of the pairs whose passage becomes the index chunk that holds it (what retrieval really compares)."""
    from ftrag.rag import chunk_text, clean_text

    _check_pairs(pairs)
    by_id = {d["id"]: d for d in docs}
    out = []
    for i, p in enumerate(pairs):
        if p.get("doc_id") not in by_id:
            raise ValueError(f"Pair {i} points to document {p.get('doc_id')!r}, which is not among the documents.")
        chunks = chunk_text(by_id[p["doc_id"]]["text"], chunk_size, overlap)
        passage = clean_text(p["passage"])
        words = set(passage.split())
        best = next((c for c in chunks if passage in c), None) or max(chunks, key=lambda c: len(words & set(c.split())))
        out.append({**p, "passage": best})
    return out


def mine_hard_negatives(
    pairs: Sequence[Mapping[str, Any]], docs: Sequence[Mapping[str, Any]], embedder: Any
) -> list[dict[str, Any]]:
    """Copies of the pairs with a "negative": the sentence of another document the embedder finds closest to the query.

    These near misses (a sibling firmware note, the other troubleshooting guide) teach more than random negatives.
    """
    import numpy as np

    from ftrag.rag import split_sentences

    _check_pairs(pairs)
    sentences = [(d["id"], s) for d in docs for s in split_sentences(d["text"])]
    if len({doc for doc, _ in sentences}) < 2:
        raise ValueError("Mining negatives needs at least two documents with text.")
    if any(p.get("doc_id") is None for p in pairs):
        raise ValueError("Every pair needs a 'doc_id' to tell its own document's sentences apart.")
    encode = dict(normalize_embeddings=True, convert_to_numpy=True, batch_size=64, show_progress_bar=False)
    sent_vecs = embedder.encode([s for _, s in sentences], **encode)
    query_vecs = embedder.encode([p["query"] for p in pairs], **encode)
    owners = np.array([doc for doc, _ in sentences])
    out = []
    for p, scores in zip(pairs, query_vecs @ sent_vecs.T, strict=True):
        scores = np.where(owners == p["doc_id"], -np.inf, scores)
        out.append({**p, "negative": sentences[int(np.argmax(scores))][1]})
    return out


def copy_embedder(model: Any) -> Any:
    """A deep copy of a sentence-transformers model, so that training never changes the original."""
    return copy.deepcopy(model)


def add_lora(
    model: Any,
    rank: int = 16,
    alpha: int | None = None,
    dropout: float = 0.1,
    target_modules: Sequence[str] = DEFAULT_LORA_TARGETS,
) -> Any:
    """Add LoRA adapters to a (copied) sentence-transformers model in place and return it."""
    from ftrag.finetune import lora_config

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
            logging_steps=1,
            save_strategy="no",
            report_to=[],
            disable_tqdm=True,
            seed=seed,
            data_seed=seed,
            dataloader_num_workers=0,
        )
        trainer = SentenceTransformerTrainer(
            model=model,
            args=args,
            train_dataset=data,
            loss=MultipleNegativesRankingLoss(model)
            if mini_batch_size is None
            else CachedMultipleNegativesRankingLoss(model, mini_batch_size=mini_batch_size, show_progress_bar=False),
            callbacks=[progress_callback(report.losses, f"training ({report.method})", progress)],
        )
        quiet_trainer(trainer)
        start = time.perf_counter()
        with PeakMemory() as mem:
            trainer.train()
        report.seconds = time.perf_counter() - start
        report.steps = int(trainer.state.global_step)
    report.peak_rss_mb = mem.peak_mb
    model.eval()
    return model, report


def rankings(index: Any, queries: Sequence[str], k: int = 10) -> list[list[str]]:
    """Ranked document ids (best first, up to k) for each query from a VectorIndex."""
    if isinstance(queries, str) or not queries:
        raise ValueError("Pass a non-empty list of queries.")
    return [[h.doc_id for h in hits] for hits in index.search_many(list(queries), k)]


def evaluate_retrieval(
    index: Any, pairs: Sequence[Mapping[str, Any]], ks: Sequence[int] = (1, 5), k: int = 10
) -> tuple[dict[str, float], list[list[str]]]:
    """Doc-level recall@k and MRR of a VectorIndex on pairs ({"query", "doc_id"}), plus the rankings."""
    if isinstance(pairs, str | Mapping) or not pairs:
        raise ValueError("Pass a non-empty list of pairs (dicts with 'query' and 'doc_id').")
    if any(not p.get("doc_id") or not p.get("query") for p in pairs):
        raise ValueError("Every pair needs a 'query' and a 'doc_id'.")
    ranked = rankings(index, [p["query"] for p in pairs], max(k, *ks))
    return retrieval_scores(ranked, [p["doc_id"] for p in pairs], ks), ranked


def rank_of(ranked: Sequence[str], doc_id: str) -> int | None:
    """1-based position of doc_id in a ranking, or None if it is not there."""
    return next((i for i, d in enumerate(ranked, start=1) if d == doc_id), None)


def rank_changes(
    pairs: Sequence[Mapping[str, Any]], before: Sequence[Sequence[str]], after: Sequence[Sequence[str]]
) -> list[dict[str, Any]]:
    """Queries whose gold document moved between two rankings: query, gold, rank before/after (None = not found)."""
    if not (len(pairs) == len(before) == len(after)):
        raise ValueError(f"Got {len(pairs)} pairs, {len(before)} and {len(after)} rankings; they must match.")
    rows = []
    for p, b, a in zip(pairs, before, after, strict=True):
        rb, ra = rank_of(b, p["doc_id"]), rank_of(a, p["doc_id"])
        if rb != ra:
            rows.append({"query": p["query"], "doc_id": p["doc_id"], "rank_before": rb, "rank_after": ra,
                         "top_before": b[0] if b else None, "top_after": a[0] if a else None})
    return rows


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
    target = tuned_embedder_dir(name)
    if _has_adapters(model):
        model = copy.deepcopy(model)
        _merge_adapters(model[0].auto_model)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-"))  # unique: two notebooks may save
    model.save(str(tmp))
    for _ in range(3):  # swap the finished folder in; retry if another process swapped one in meanwhile
        shutil.rmtree(target, ignore_errors=True)
        try:
            tmp.replace(target)
            return target
        except OSError:
            continue
    shutil.rmtree(tmp, ignore_errors=True)
    raise OSError(f"Could not replace {target}: another process keeps writing it.")


def load_tuned_embedder(name: str = TUNED_NAME, device: str | None = None) -> Any | None:
    """Load a tuned embedder saved by `save_embedder`, or None if there is none on this machine."""
    from ftrag.models import load_embedder

    folder = tuned_embedder_dir(name)
    if not (folder / "modules.json").is_file():
        return None
    return load_embedder(str(folder), device=device)
