"""Self-checks, answer keys and references for Lab 3 (fine-tune the retriever).

Code checks print what they checked or raise a hint that points back to a section, never the answer. An unfilled
TODO stops the cell with its own message (which says how to go on with the course's reference).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ftrag.checks import Key, expect_all, fixed, judged, learner_code

S_RANK = "1. The baseline: Lab 1's index with the stock embedder"
S_DATA = "2. Training pairs that match what the index compares"
S_LOSS = "3. In-batch negatives"
S_AFTER = "6. Before and after"
S_GENERAL = "8. Does it generalise?"
S_RUNS = "10. Re-measure: how long to train"
S_QUIZ = "Check your understanding"


def check_rank_of(rank_of: Callable[[Sequence[str], str], int | None]) -> None:
    """Check rank_of(ranked_ids, doc_id): 1-based position, None when absent."""
    ranked = ["kb-003", "kb-010", "kb-001"]
    with learner_code("rank_of(ranked, doc_id) returns an int or None.", S_RANK):
        got = [rank_of(ranked, d) for d in ("kb-003", "kb-001", "kb-099")]
        repeated = rank_of(["kb-001", "kb-001"], "kb-001")
    expect_all(
        [
            (got[0] == 1, "positions start at 1, not 0"),
            (got[1] == 3, "return the position of the document in the ranking"),
            (repeated == 1, "return the first (best) position the document holds"),
            (got[2] is None, "a document that is not in the ranking has no rank: return None"),
        ],
        S_RANK,
        "rank_of gives 1-based positions and None for a document outside the ranking.",
    )


def check_find_chunk(find_chunk: Callable[[str, Sequence[str]], str]) -> None:
    """Check that find_chunk(passage, chunks) returns the chunk holding the passage, or the one sharing most words."""
    chunks = ["the hub supports 24 cameras and two chimes", "two chimes ring in every room of the house"]
    with learner_code("find_chunk(passage, chunks) returns one of the chunks (a string).", S_DATA):
        inside = find_chunk("supports 24 cameras", chunks)
        second = find_chunk("ring in every room", chunks)
        straddle = find_chunk("and two chimes ring in every room", chunks)
        shuffled = ["cameras 24 two and chimes in a row", chunks[0]]  # the same words, not the passage
        spaced = find_chunk(" 24 cameras\n and  two chimes", shuffled)
    expect_all(
        [
            (isinstance(inside, str) and inside in chunks, "return one of the chunks themselves"),
            (inside == chunks[0] and second == chunks[1], "return the chunk that contains the passage"),
            (
                straddle == chunks[1],
                "a passage cut by a chunk boundary is in no chunk whole: pick the chunk sharing the most of its words",
            ),
            (spaced == chunks[0], "chunks have single spaces: clean the passage's whitespace before comparing"),
        ],
        S_DATA,
        "find_chunk picks the chunk that holds a passage, or shares most of its words when a boundary cuts it.",
    )


def reference_in_batch_loss(queries: Any, passages: Any, scale: float = 20.0) -> Any:
    """Cross-entropy of scaled cosine similarities where query i's answer is passage i (a scalar tensor)."""
    import torch

    q = torch.nn.functional.normalize(queries, dim=-1)
    p = torch.nn.functional.normalize(passages, dim=-1)
    return torch.nn.functional.cross_entropy(scale * q @ p.T, torch.arange(len(q), device=q.device))


def check_in_batch_loss(in_batch_loss: Callable[..., Any]) -> None:
    """Check an in-batch-negatives loss against the reference on random and on perfectly matched embeddings."""
    import torch

    gen = torch.Generator().manual_seed(0)
    q, p = torch.randn(6, 8, generator=gen), torch.randn(6, 8, generator=gen)
    with learner_code("in_batch_loss(queries, passages, scale) returns a scalar tensor.", S_LOSS):
        got = float(in_batch_loss(q, p, 20.0))
        matched = float(in_batch_loss(q, 3 * q, 20.0))
        swapped = float(in_batch_loss(q, p.flip(0), 20.0))
        default = float(in_batch_loss(q, p))
    try:  # on a GPU the embeddings come back on CUDA: tensors made inside the loss must follow them ("meta" stands in)
        follows_device = in_batch_loss(q.to("meta"), p.to("meta"), 20.0).device.type == "meta"
    except (RuntimeError, NotImplementedError):
        follows_device = False
    expect_all(
        [
            (
                abs(got - float(reference_in_batch_loss(q, p, 20.0))) < 1e-4,
                "normalise both sides, scale the similarity matrix, then cross-entropy with target i for row i",
            ),
            (matched < 0.1, "when every passage equals its query (up to length) the loss should be near 0"),
            (
                abs(swapped - float(reference_in_batch_loss(q, p.flip(0), 20.0))) < 1e-4,
                "the right passage for query i is row i of `passages`, whatever it contains",
            ),
            (abs(default - got) < 1e-4, "the scale defaults to 20"),
            (
                follows_device,
                "make the targets on the embeddings' device, torch.arange(n, device=queries.device): on a GPU the"
                " embeddings live on CUDA and a CPU tensor beside them fails",
            ),
        ],
        S_LOSS,
        "Your loss matches MultipleNegativesRankingLoss on random, matched and reordered embeddings.",
    )


def check_improvement(
    before: Mapping[str, float], after: Mapping[str, float], name: str = "the tuned embedder", min_gain: float = 0.05
) -> None:
    """Check that tuning raised recall@1 by at least `min_gain` without lowering recall@5."""
    gain = after["recall@1"] - before["recall@1"]
    expect_all(
        [
            (
                gain >= min_gain,
                f"with {name}, recall@1 rose by {gain:+.3f}; it should rise by {min_gain:.2f} or more. Did you "
                "re-embed the knowledge base with the tuned model before searching, and train on the chunked pairs?",
            ),
            (
                after["recall@5"] >= before["recall@5"] - 1e-9,
                f"with {name}, recall@5 dropped: the tuning overfits; train more lightly (fewer epochs or a lower "
                "learning rate)",
            ),
        ],
        S_AFTER,
        f"{name}: held-out recall@1 rose by at least {min_gain:.2f} and recall@5 did not drop.",
    )


# ---------------------------------------------------------------- references: the honest way past a TODO


def _reference_rank_of() -> Callable[[Sequence[str], str], int | None]:
    """The course's rank_of."""
    from ftrag.embedtune import rank_of

    return rank_of


def _reference_find_chunk() -> Callable[[str, Sequence[str]], str]:
    """The course's find_chunk."""
    from ftrag.embedtune import find_chunk

    return find_chunk


REFERENCES: dict[str, Callable[[], Any]] = {
    "lab3.rank_of": _reference_rank_of,
    "lab3.find_chunk": _reference_find_chunk,
    "lab3.in_batch_loss": lambda: reference_in_batch_loss,
}


# ---------------------------------------------------------------- answer keys


def _number(value: object) -> float | None:
    """A float from a number or its text, else None."""
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _longer_training_helped(value: str, measured: Mapping[str, Any]) -> bool:
    """q4: 'yes' iff the run with the most epochs has a higher recall@1 than the run with the fewest."""
    rows = [r for r in measured.get("runs", []) if _number(r.get("epochs")) is not None]
    if len({_number(r["epochs"]) for r in rows}) < 2:
        return False  # one setting cannot answer a question about two
    shortest = min(rows, key=lambda r: _number(r["epochs"]))
    longest = max(rows, key=lambda r: _number(r["epochs"]))
    helped = float(longest["recall@1"]) > float(shortest["recall@1"])
    return value == ("yes" if helped else "no")


def _kept_plain_recall(value: str, measured: Mapping[str, Any]) -> bool:
    """q5: 'yes' iff the tuned embedder's recall@1 on the plain course questions is at least the stock one's."""
    kept = float(measured["tuned"]) >= float(measured["stock"])
    return value == ("yes" if kept else "no")


KEYS: dict[str, Key] = {
    "lab3.q1": fixed(
        "5. LoRA: train small adapters instead",
        "",
        (
            "compare the 'trainable params' column of the comparison table",
            "the trainable count of one method equals the model's total: which one?",
        ),
        "aa6a46395e0d241c",
        sealed={
            "aa6a46395e0d241c": (
                "KE0u0XacB5X+FEDH2NCUDk3Hf0T9kkaSN1Z1r++uuGZfKTfgX6ki/AJJA0LMjFU3C21lvlhaIjSJUbf64nkr0Zf+"
                "VrBpYH6eXJhVska5r1Y="
            ),
        },
    ),
    "lab3.q2": fixed(
        S_AFTER,
        "",
        (
            "the index stores vectors made by one particular model; ask what a new model means for them",
            "can a query vector from the new model be compared with document vectors from the old one?",
        ),
        "a11ce052cc8eeec8",
        sealed={
            "a11ce052cc8eeec8": (
                "v0h0UdwdcXpMVAbblmw1erVQlNWIJ7VltQKAW9Xr1bsylSahUMSqLQTLH5hHW+KYt2fYKTUgDaZhr+zUqqAF2Mo2rYExJQ=="
            ),
        },
    ),
    "lab3.q3": fixed(
        S_LOSS,
        "",
        (
            "think about what the loss does with every *other* passage in the batch",
            "if passage j equals passage i, what does the loss teach query i about passage j?",
        ),
        "784619fe7589f140",
        sealed={
            "784619fe7589f140": (
                "rW7HJAiZWTNuEicbSzJBlP6NXomGsgSf6x2IKf5SoN6eVdqCaM9FENr0ZKNw9v0yOlNkrMBycG+IohpClPdWA1Ar"
                "2YN1xsQWWrEtdEkjK+MuGrtznSKXjQ=="
            ),
        },
    ),
    "lab3.q4": judged(
        S_RUNS,
        "That is what your table shows; weigh the change in recall@1 against the extra train_s it cost.",
        (
            "compare held-out recall@1 in the row with the most epochs with the row with the fewest (the table needs "
            "two epochs settings: change RUN_EPOCHS in section 10 and run that cell again)",
            "sort your table by epochs: is the last recall@1 higher than the first? Answer yes or no",
        ),
        _longer_training_helped,
    ),
    "lab3.q5": judged(
        S_GENERAL,
        "That is what your run shows: a gain on the tuned query style says nothing about another style until measured.",
        (
            "look at recall@1 of the stock and the tuned embedder on the course questions in section 8",
            "'kept' means the tuned recall@1 is at least the stock one; answer yes or no",
        ),
        _kept_plain_recall,
    ),
}
