"""Self-checks for Lab 1 (build and measure a RAG system): code checks, the answer keys and the references.

Code checks pass on a correct function and hint otherwise. `KEYS` holds the "Check your understanding" keys (fixed
ones hashed, judgement ones computed from the learner's own measurements); `REFERENCES` the course's versions of the
blocking exercises, for a learner who is stuck (`use_reference("lab1.chunk_words")`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from ftrag.checks import Key, expect, expect_all, fixed, judged, learner_code, normalise

S_CHUNK = "1. Chunking"
S_SEARCH = "2. Embedding and a vector index"
S_ANN = "2a. When does an approximate index pay off?"
S_DEDUP = "3. Retrieval: top-k and one hit per document"
S_PROMPT = "4. A prompt with numbered sources"
S_EVAL = "6. Evaluation"
S_HALLUCINATION = "6b. Does retrieval stop the model from making things up?"
S_UPDATE = "7. Knowledge update: version 2 of the knowledge base"
S_REMEASURE = "9. Re-measure: change one setting"


def check_chunking(chunk_words: Callable[[str, int, int], list[str]]) -> None:
    """Check a word-window chunker on short, long, exact-fit and messy-whitespace texts."""
    words = [f"w{i}" for i in range(11)]
    with learner_code("chunk_words(text, size, overlap) should return a list of strings.", S_CHUNK):
        long = chunk_words(" ".join(words), 4, 1)
        short = chunk_words("just three words", 4, 1)
        messy = chunk_words("  a\tb\n\nc   d ", 2, 0)
        exact = chunk_words(" ".join(words[:7]), 4, 1)
    is_list = isinstance(long, list) and all(isinstance(c, str) for c in long)
    expect_all(
        [
            (is_list, "return a list of strings, one per chunk"),
            (short == ["just three words"], "a text shorter than one window is a single chunk"),
            (messy == ["a b", "c d"], "split on any whitespace and join the words with single spaces"),
            (
                is_list and {w for c in long for w in c.split()} == set(words),
                "every word must land in at least one chunk, including the last ones",
            ),
            (is_list and all(len(c.split()) <= 4 for c in long), "no chunk may be longer than `size` words"),
            (
                is_list and all(a.split()[-1:] == b.split()[:1] for a, b in zip(long, long[1:], strict=False)),
                "each chunk starts with the last `overlap` words of the previous one: step by size - overlap",
            ),
            (
                exact == ["w0 w1 w2 w3", "w3 w4 w5 w6"],
                "stop once a window reaches the end of the text, so no chunk is contained in the previous one",
            ),
        ],
        S_CHUNK,
        "Your chunker covers every word in windows of `size` words that overlap by `overlap`, on short, long, "
        "exact-fit and messy texts.",
    )


def check_top_k(top_k: Callable[[np.ndarray, np.ndarray, int], tuple[np.ndarray, np.ndarray]]) -> None:
    """Check a brute-force top-k search against a sorted reference on random unit vectors."""
    rng = np.random.default_rng(0)
    matrix = rng.normal(size=(50, 8)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    query = matrix[7] + 0.1 * matrix[3]
    query /= np.linalg.norm(query)
    with learner_code("top_k(query, matrix, k) returns (scores, row indices), best first.", S_SEARCH):
        scores, rows = top_k(query, matrix, 5)
    scores, rows = np.asarray(scores), np.asarray(rows)
    shaped = rows.shape == (5,) and scores.shape == (5,) and np.issubdtype(rows.dtype, np.integer)
    want = np.argsort(-(matrix @ query))[:5]
    expect_all(
        [
            (shaped, "return exactly k scores and k integer row indices"),
            (
                shaped and int(rows[0]) == 7,
                "on normalised vectors the inner product is the cosine: the best row scores highest",
            ),
            (shaped and list(rows) == list(want), "sort the rows by score, highest first, and keep the first k"),
            (shaped and np.allclose(scores, matrix[rows] @ query, atol=1e-5), "return the scores of the rows"),
        ],
        S_SEARCH,
        "Your exact search returns the same k rows, best first, with the same scores as a brute-force reference.",
    )


def check_best_per_document(best_per_document: Callable[[Sequence[str], Sequence[float], int], list[Any]]) -> None:
    """Check that ranked chunk hits are reduced to one (the best) per document, keeping the order."""
    docs = ["a", "a", "b", "c", "b", "d"]
    scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]
    with learner_code("best_per_document(doc_ids, scores, k) returns a list of (doc_id, score).", S_DEDUP):
        top3 = [tuple(x) for x in best_per_document(docs, scores, 3)]
        top10 = [tuple(x) for x in best_per_document(docs, scores, 10)]
    expect_all(
        [
            ([d for d, _ in top3] == ["a", "b", "c"], "walk the ranked chunks and skip documents you have seen"),
            ([s for _, s in top3] == [0.9, 0.7, 0.6], "keep the score of each document's first (best) chunk"),
            ([d for d, _ in top10] == ["a", "b", "c", "d"], "if there are fewer documents than k, return all"),
        ],
        S_DEDUP,
        "One hit per document, best first, at most k of them, each with its best chunk's score.",
    )


def check_prompt(make_prompt: Callable[[str, Sequence[Any]], str], hits: Sequence[Any]) -> None:
    """Check that a RAG prompt numbers every retrieved text, contains the question and allows "I don't know"."""
    question = "How long is the return window?"
    with learner_code("make_prompt(question, hits) should return one string.", S_PROMPT):
        prompt = make_prompt(question, hits)
    text = prompt if isinstance(prompt, str) else ""
    expect_all(
        [
            (isinstance(prompt, str), "return the prompt as a single string"),
            (question in text, "the model must see the question itself"),
            (all(h.text in text for h in hits), "put the text of every hit in the prompt"),
            (
                all(f"[{n}]" in text for n in range(1, len(hits) + 1)),
                "number the sources [1], [2], ... so the model can cite them",
            ),
            ("know" in text.lower(), "tell the model what to say when the sources lack the answer"),
        ],
        S_PROMPT,
        "Your prompt holds the question, every source numbered [1], [2], ... and a way out (I don't know).",
    )


def check_recall(recall_at_k: Callable[[Sequence[str], Sequence[str], int], float]) -> None:
    """Check recall@k for one query on a few ranked lists."""
    with learner_code("recall_at_k(ranked_ids, gold_ids, k) returns 1.0 or 0.0.", S_EVAL):
        cases = [
            (recall_at_k(["a", "b", "c"], ["b"], 1), 0.0),
            (recall_at_k(["a", "b", "c"], ["b"], 2), 1.0),
            (recall_at_k(["a", "b", "c"], ["x", "c"], 3), 1.0),
            (recall_at_k(["a"], ["a"], 5), 1.0),
            (recall_at_k(["a", "b"], ["z"], 2), 0.0),
        ]
    expect(
        all(float(got) == want for got, want in cases),
        "look only at the first k ranked ids; one gold id among them is enough",
        S_EVAL,
        "Your recall@k looks at the first k ids only and counts one gold id among them as a hit.",
    )


# ---------------------------------------------------------------- references (the honest way past a blocking TODO)


def _reference_chunk_words() -> Callable[[str, int, int], list[str]]:
    """The library chunker."""
    from ftrag.index import chunk_text

    return chunk_text


def _reference_top_k() -> Callable[[np.ndarray, np.ndarray, int], tuple[np.ndarray, np.ndarray]]:
    """Exact top-k as the solution writes it: score every row, sort high to low, keep k."""

    def top_k(query_vector: np.ndarray, matrix: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        scores = matrix @ query_vector
        rows = np.argsort(-scores)[:k]
        return scores[rows], rows

    return top_k


def _reference_best_per_document() -> Callable[[Sequence[str], Sequence[float], int], list[tuple[str, float]]]:
    """One (doc_id, score) per document, first seen first."""

    def best_per_document(doc_ids: Sequence[str], scores: Sequence[float], k: int) -> list[tuple[str, float]]:
        first: dict[str, float] = {}
        for doc_id, score in zip(doc_ids, scores, strict=True):
            first.setdefault(doc_id, score)
        return list(first.items())[:k]

    return best_per_document


def _reference_make_prompt() -> Callable[[str, Sequence[Any]], str]:
    """The library's RAG prompt (numbered sources with titles)."""
    from ftrag.rag import build_prompt

    return build_prompt


def _reference_recall_at_k() -> Callable[[Sequence[str], Sequence[str], int], float]:
    """The library's recall@k."""
    from ftrag.metrics import recall_at_k

    return recall_at_k


REFERENCES: dict[str, Callable[[], Any]] = {
    "lab1.chunk_words": _reference_chunk_words,
    "lab1.top_k": _reference_top_k,
    "lab1.best_per_document": _reference_best_per_document,
    "lab1.make_prompt": _reference_make_prompt,
    "lab1.recall_at_k": _reference_recall_at_k,
}


# ---------------------------------------------------------------- answer keys


def _weaker_half(given: str, measured: Mapping[str, Any]) -> bool:
    """The weaker half is the one with the lower measured figure: retrieval (recall@k) or the reader (strict)."""
    recall, strict = float(measured["recall"]), float(measured["strict_accuracy"])
    if recall == strict:
        return given in {"retrieval", "reader"}
    return given == ("retrieval" if recall < strict else "reader")


def _more_made_up(given: str, measured: Mapping[str, Any]) -> bool:
    """Which run made up more answers (answered without abstaining and without the gold): closed book or RAG."""
    closed, rag = float(measured["closed_book"]), float(measured["with_retrieval"])
    names = {"closed book": "closed book", "closed-book": "closed book", "retrieval": "rag", "rag": "rag"}
    names |= {"with retrieval": "rag"}
    if given not in names:
        return False
    if closed == rag:
        return True
    return names[given] == ("closed book" if closed > rag else "rag")


def _best_setting(given: str, measured: Mapping[str, Any]) -> bool:
    """Accept the value of the varied setting in any run that reached the highest strict accuracy (two runs or more)."""
    rows = list(measured["runs"])
    setting, figure = str(measured["setting"]), str(measured.get("figure", "strict_accuracy"))
    values = {normalise(r.get(setting)) for r in rows}
    if len(values) < 2:
        return False
    best = max(float(r[figure]) for r in rows)
    accepted = {normalise(r.get(setting)) for r in rows if float(r[figure]) == best}
    return given in accepted or given.rstrip("0").rstrip(".") in accepted


KEYS: dict[str, Key] = {
    "lab1.q1": judged(
        "6. Evaluation",
        "You compared the two halves on your own figures: recall@5 of retrieval against the reader's strict accuracy.",
        (
            "Answer 'retrieval' or 'reader'. Compare the two figures printed in section 6.",
            "Recall@5 says how often the right document reaches the model; strict accuracy how often the answer "
            "states it. Which is lower in your run?",
        ),
        _weaker_half,
    ),
    "lab1.q2": fixed(
        S_UPDATE,
        "",
        (
            "Answer with one letter: 'a', 'b', 'c' or 'd'.",
            "Look at the sync report in section 7: what was re-computed, and was the model touched?",
        ),
        "04a2cb14e19fab40",
        sealed={
            "04a2cb14e19fab40": (
                "rOT7c3RujJR9Cq2YDoUc40QlS74GQ6whUUfYNB26DUrNp769crHpBcpXMS68Ne+/shfbe6yydVsFWrIlNVNkI53z"
                "2qnNiiPVzawaAzqpDqMTYtX423pVlAYGdXVSWjppM22j/FJcZl5qsQ=="
            ),
        },
    ),
    "lab1.q3": fixed(
        S_ANN,
        "",
        (
            "Answer with one letter: 'a', 'b', 'c' or 'd'.",
            "Weigh the exact index's speed at this size against the recall approximate ones give up.",
        ),
        "849d1be1d09eae80",
        sealed={
            "849d1be1d09eae80": (
                "+yAWwC/PggCupD0bqodrafZ7/rqoFOUYbQ9vDhZWExavlDkOgr3NZkmCBGblCCG9sbD0dwAIFPy+GaaiyC7dZfkb"
                "KjrS8I8rgBEaaZmsFRBg1RMcoq1Ktul66VQVREw97sP5fTvsf9tdNW2Nr+uVgaFPjcjYQGA+DAkXlLKL"
            ),
        },
    ),
    "lab1.q4": judged(
        S_HALLUCINATION,
        "You read it from your own hallucination figures, closed book against with retrieval.",
        (
            "Answer 'closed book' or 'retrieval'.",
            "Compare the two 'made up' bars of the plot in section 6b: which one is longer?",
        ),
        _more_made_up,
    ),
    "lab1.q5": judged(
        S_REMEASURE,
        "You read the best setting off your own table of runs.",
        (
            "Record at least two runs with different values of one setting first, then answer with the value (e.g. 5).",
            "Look at the strict_accuracy column of your table: which value of the setting you changed has the highest?",
        ),
        _best_setting,
    ),
}
