"""The concept notebooks' exercise checks (ftrag.checks.practice): each reference passes, a plausible mistake fails
with the hint that names it, and an unfilled TODO stops with its own message."""

from __future__ import annotations

import functools

import faiss
import numpy as np
import pytest
import torch

from ftrag.checks import CheckFailed, practice, use_reference
from ftrag.index import Hit
from ftrag.metrics import is_abstention


@functools.cache
def _index():
    """Notebook 02's set-up: the course embedder over the version-1 knowledge base, in a flat FAISS index."""
    from ftrag.data import load_kb
    from ftrag.models import load_embedder

    embedder, kb = load_embedder(), load_kb(1)
    vectors = embedder.encode([d["text"] for d in kb], normalize_embeddings=True)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    return embedder, index, kb, vectors


def test_every_reference_passes_its_check() -> None:
    practice.check_failed_checks(use_reference("00.failed_checks"))
    practice.check_score(use_reference("01.score"))
    embedder, index, kb, vectors = _index()
    practice.check_retrieve(use_reference("02.retrieve")(embedder, index, kb), embedder, kb, vectors)
    practice.check_train_step(use_reference("03.train_step"))
    practice.check_framework(use_reference("04.framework"))
    practice.check_break_even_month(use_reference("05.break_even_month"))
    practice.check_recall_at(use_reference("06.recall_at"))
    practice.check_verdict(use_reference("07.verdict"))
    practice.check_tally(use_reference("08.tally"))
    practice.check_group_skipped(use_reference("09.group_skipped"))


def _substring_score(answers, truths):
    right = sum(t.lower() in a.lower() for a, t in zip(answers, truths, strict=True)) / len(truths)
    return right, sum(is_abstention(a) for a in answers) / len(answers)


def _rank_as_score(embedder, index, kb):
    def retrieve(question, k=2):
        _, rows = index.search(embedder.encode([question], normalize_embeddings=True), k)
        return [Hit(kb[i]["id"], kb[i]["text"], float(-n), kb[i]["title"]) for n, i in enumerate(rows[0])]

    return retrieve


def _worst_first(embedder, index, kb):
    def retrieve(question, k=2):
        _, rows = index.search(embedder.encode([question], normalize_embeddings=True), len(kb))
        return [Hit(kb[i]["id"], kb[i]["text"], 0.0, kb[i]["title"]) for i in rows[0][::-1][:k]]

    return retrieve


def _no_zero_grad(model, batch, optimiser):
    loss = model(**batch, labels=batch["input_ids"]).loss
    loss.backward()
    optimiser.step()
    return loss.item()


def _shifted_labels(model, batch, optimiser):
    loss = model(**batch, labels=torch.roll(batch["input_ids"], -1, dims=1)).loss  # shifted twice: the model shifts too
    loss.backward()
    optimiser.step()
    optimiser.zero_grad()
    return loss.item()


@pytest.mark.parametrize(
    "check, wrong, hint",
    [
        (practice.check_failed_checks, lambda r: r.loc[r.ok, "name"].tolist(), "keep the rows whose `ok` is False"),
        (practice.check_score, _substring_score, "pasted paragraph"),
        (practice.check_train_step, _no_zero_grad, "clear the gradients"),
        (practice.check_train_step, _shifted_labels, "shifts them by one token itself"),
        (practice.check_framework, lambda k, b, n: "fine-tuning" if n >= 1000 else "rag", "first question settles it"),
        (
            practice.check_framework,
            lambda k, b, n: "rag" if k else "fine-tuning" if b or n >= 1000 else "rag-or-prompting",
            "more than",
        ),
        (practice.check_break_even_month, lambda a, b, c, d: (c - a) / (b - d) if b != d else None, "never cross"),
        (
            practice.check_recall_at,
            lambda ranked, right, k: sum(r in row[:k] for row, r in zip(ranked, right, strict=True)),
            "a share",
        ),
        (
            practice.check_verdict,
            lambda interval, margin=0.0: "supports" if interval[0] > 0 else "inconclusive",
            "below the bar",
        ),
        (
            practice.check_verdict,
            lambda i, margin=0.0: "supports" if i[0] > 0 else "contradicts" if i[1] < 0 else "inconclusive",
            "not with 0",
        ),
        (
            practice.check_tally,
            lambda states: (sum(s == "right" for s in states.values()), sum(s != "right" for s in states.values())),
            "neither",
        ),
        (
            practice.check_group_skipped,
            lambda skipped: {r: [n for n in skipped if skipped[n] == r] for r in skipped.values()},
            "sort",
        ),
    ],
)
def test_a_plausible_mistake_fails_with_its_hint(check, wrong, hint: str) -> None:
    with pytest.raises(CheckFailed, match=hint):
        check(wrong)


@pytest.mark.parametrize(
    "make, hint", [(_worst_first, "k nearest rows"), (_rank_as_score, "the score the index returned")]
)
def test_a_retrieve_with_the_wrong_rows_or_scores_is_caught(make, hint: str) -> None:
    embedder, index, kb, vectors = _index()
    with pytest.raises(CheckFailed, match=hint):
        practice.check_retrieve(make(embedder, index, kb), embedder, kb, vectors)


def test_an_unfilled_todo_stops_with_its_own_message() -> None:
    def todo(*_):
        raise NotImplementedError("Exercise: fill me in")

    with pytest.raises(NotImplementedError, match="fill me in"):
        practice.check_verdict(todo)
    assert np.isclose(use_reference("06.recall_at")([["a"], ["b"]], ["a", "a"], 1), 0.5)
