"""Self-checks for Lab 3 (fine-tune the retriever): each passes on a correct answer and hints otherwise."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ftrag.checks import expect, hint_on_error

S_DATA = "2. Training pairs that match what the index compares"
S_LOSS = "3. In-batch negatives"
S_RANK = "7. Queries that changed rank"
S_AFTER = "6. Before and after"
S_QUIZ = "Check your understanding"


def check_find_chunk(find_chunk: Callable[[str, Sequence[str]], str]) -> None:
    """Check that find_chunk(passage, chunks) returns the chunk holding the passage, or the one sharing most words."""
    chunks = ["the hub supports 24 cameras and two chimes", "two chimes ring in every room of the house"]
    with hint_on_error("find_chunk(passage, chunks) returns one of the chunks (a string).", S_DATA):
        inside = find_chunk("supports 24 cameras", chunks)
        second = find_chunk("ring in every room", chunks)
        straddle = find_chunk("and two chimes ring in every room", chunks)
    expect(isinstance(inside, str) and inside in chunks, "return one of the chunks themselves", S_DATA, "")
    expect(inside == chunks[0] and second == chunks[1], "return the chunk that contains the passage", S_DATA, "")
    expect(
        straddle == chunks[1],
        "a passage cut by a chunk boundary is in no chunk whole: pick the chunk sharing the most of its words",
        S_DATA,
        "Your pairs now point at the text the index really embeds.",
    )


def _reference_loss(queries: Any, passages: Any, scale: float) -> float:
    """Cross-entropy of scaled cosine similarities where query i's answer is passage i."""
    import torch

    q = torch.nn.functional.normalize(queries, dim=-1)
    p = torch.nn.functional.normalize(passages, dim=-1)
    return float(torch.nn.functional.cross_entropy(scale * q @ p.T, torch.arange(len(q))))


def check_in_batch_loss(in_batch_loss: Callable[..., Any]) -> None:
    """Check an in-batch-negatives loss against the reference on random and on perfectly matched embeddings."""
    import torch

    gen = torch.Generator().manual_seed(0)
    q, p = torch.randn(6, 8, generator=gen), torch.randn(6, 8, generator=gen)
    with hint_on_error("in_batch_loss(queries, passages, scale) returns a scalar tensor.", S_LOSS):
        got = float(in_batch_loss(q, p, 20.0))
        matched = float(in_batch_loss(q, 3 * q, 20.0))
        swapped = float(in_batch_loss(q, p.flip(0), 20.0))
    expect(
        abs(got - _reference_loss(q, p, 20.0)) < 1e-4,
        "normalise both sides, scale the similarity matrix, then cross-entropy with target i for row i",
        S_LOSS,
        "",
    )
    expect(matched < 0.1, "when every passage equals its query (up to length) the loss should be near 0", S_LOSS, "")
    expect(
        abs(swapped - _reference_loss(q, p.flip(0), 20.0)) < 1e-4,
        "the right passage for query i is row i of `passages`, whatever it contains",
        S_LOSS,
        "Your loss matches MultipleNegativesRankingLoss.",
    )


def check_rank_of(rank_of: Callable[[Sequence[str], str], int | None]) -> None:
    """Check rank_of(ranked_ids, doc_id): 1-based position, None when absent."""
    ranked = ["kb-003", "kb-010", "kb-001"]
    with hint_on_error("rank_of(ranked, doc_id) returns an int or None.", S_RANK):
        got = [rank_of(ranked, d) for d in ("kb-003", "kb-001", "kb-099")]
    expect(got[0] == 1, "positions start at 1, not 0", S_RANK, "")
    expect(got[1] == 3, "return the position of the document in the ranking", S_RANK, "")
    expect(
        got[2] is None,
        "a document that is not in the ranking has no rank: return None",
        S_RANK,
        "You can now see which queries moved.",
    )


def check_improvement(before: Mapping[str, float], after: Mapping[str, float], min_gain: float = 0.05) -> None:
    """Check that tuning raised recall@1 by at least `min_gain` without lowering recall@5."""
    gain = after["recall@1"] - before["recall@1"]
    expect(
        gain >= min_gain,
        f"recall@1 rose by {gain:+.3f}; it should rise by {min_gain:.2f} or more. Did you "
        "re-embed the knowledge base with the tuned model before searching?",
        S_AFTER,
        "",
    )
    expect(
        after["recall@5"] >= before["recall@5"] - 1e-9,
        "recall@5 dropped: the tuning overfits; train more lightly (fewer epochs or a lower learning rate)",
        S_AFTER,
        f"recall@1 {before['recall@1']:.3f} -> {after['recall@1']:.3f}, recall@5 did not drop.",
    )


QUIZ_HINTS = {
    "q1": "compare the 'trainable parameters' column of the comparison table",
    "q2": "the index stores vectors made by one particular model; ask what a new model means for them",
    "q3": "think about what the loss does with every *other* passage in the batch",
}
QUIZ_KEY = {"q1": "b", "q2": "c", "q3": "a"}


def check_quiz(answers: Mapping[str, str]) -> None:
    """Check the multiple-choice answers of 'Check your understanding' (hints only, never the answer)."""
    for key, hint in QUIZ_HINTS.items():
        given = str(answers.get(key, "")).strip().lower()
        expect(given == QUIZ_KEY[key], f"{key}: {hint}", S_QUIZ, f"{key} is right.")
