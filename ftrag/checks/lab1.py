"""Self-checks for Lab 1 (build a minimal RAG system): each passes on a correct answer and hints otherwise."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ftrag.checks import expect, hint_on_error

S_CHUNK = "1. Chunking"
S_SEARCH = "2. Embedding and a vector index"
S_DEDUP = "3. Retrieval: top-k and one hit per document"
S_PROMPT = "4. A prompt with numbered sources"
S_EVAL = "6. Evaluation"
S_QUIZ = "Check your understanding"


def check_chunking(chunk_words: Callable[[str, int, int], list[str]]) -> None:
    """Check a word-window chunker on short, long, exact-fit and messy-whitespace texts."""
    words = [f"w{i}" for i in range(11)]
    with hint_on_error("chunk_words(text, size, overlap) should return a list of strings.", S_CHUNK):
        long = chunk_words(" ".join(words), 4, 1)
        short = chunk_words("just three words", 4, 1)
        messy = chunk_words("  a\tb\n\nc   d ", 2, 0)
        exact = chunk_words(" ".join(words[:7]), 4, 1)
    expect(
        isinstance(long, list) and all(isinstance(c, str) for c in long),
        "return a list of strings, one per chunk",
        S_CHUNK,
        "",
    )
    expect(short == ["just three words"], "a text shorter than one window is a single chunk", S_CHUNK, "")
    expect(messy == ["a b", "c d"], "split on any whitespace and join the words with single spaces", S_CHUNK, "")
    covered = {w for c in long for w in c.split()}
    expect(covered == set(words), "every word must land in at least one chunk, including the last ones", S_CHUNK, "")
    expect(all(len(c.split()) <= 4 for c in long), "no chunk may be longer than `size` words", S_CHUNK, "")
    expect(
        all(a.split()[-1:] == b.split()[:1] for a, b in zip(long, long[1:], strict=False)),
        "each chunk starts with the last `overlap` words of the previous one: step by size - overlap",
        S_CHUNK,
        "",
    )
    expect(
        exact == ["w0 w1 w2 w3", "w3 w4 w5 w6"],
        "stop once a window reaches the end of the text, so no chunk is contained in the previous one",
        S_CHUNK,
        "Your chunker handles short, long and messy texts.",
    )


def check_top_k(top_k: Callable[[np.ndarray, np.ndarray, int], tuple[np.ndarray, np.ndarray]]) -> None:
    """Check a brute-force top-k search against a sorted reference on random unit vectors."""
    rng = np.random.default_rng(0)
    matrix = rng.normal(size=(50, 8)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    query = matrix[7] + 0.1 * matrix[3]
    query /= np.linalg.norm(query)
    with hint_on_error("top_k(query, matrix, k) returns (scores, row indices), best first.", S_SEARCH):
        scores, rows = top_k(query, matrix, 5)
    scores, rows = np.asarray(scores), np.asarray(rows)
    want = np.argsort(-(matrix @ query))[:5]
    expect(rows.shape == (5,) and scores.shape == (5,), "return exactly k scores and k row indices", S_SEARCH, "")
    expect(
        int(rows[0]) == 7,
        "on normalised vectors the inner product is the cosine: the best row scores highest",
        S_SEARCH,
        "",
    )
    expect(list(rows) == list(want), "sort the rows by score, highest first, and keep the first k", S_SEARCH, "")
    expect(
        np.allclose(scores, matrix[rows] @ query, atol=1e-5),
        "return the scores of the rows you return",
        S_SEARCH,
        "Your exact search agrees with a brute-force reference.",
    )


def check_best_per_document(best_per_document: Callable[[Sequence[str], Sequence[float], int], list[Any]]) -> None:
    """Check that ranked chunk hits are reduced to one (the best) per document, keeping the order."""
    docs = ["a", "a", "b", "c", "b", "d"]
    scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]
    with hint_on_error("best_per_document(doc_ids, scores, k) returns a list of (doc_id, score).", S_DEDUP):
        top3 = best_per_document(docs, scores, 3)
        top10 = best_per_document(docs, scores, 10)
    expect(
        [d for d, _ in top3] == ["a", "b", "c"], "walk the ranked chunks and skip documents you have seen", S_DEDUP, ""
    )
    expect([s for _, s in top3] == [0.9, 0.7, 0.6], "keep the score of each document's first (best) chunk", S_DEDUP, "")
    expect(
        [d for d, _ in top10] == ["a", "b", "c", "d"],
        "if there are fewer documents than k, return all of them",
        S_DEDUP,
        "One hit per document, best first.",
    )


def check_prompt(make_prompt: Callable[[str, Sequence[Any]], str], hits: Sequence[Any]) -> None:
    """Check that a RAG prompt numbers every retrieved text, contains the question and allows "I don't know"."""
    question = "How long is the return window?"
    with hint_on_error("make_prompt(question, hits) should return one string.", S_PROMPT):
        prompt = make_prompt(question, hits)
    expect(isinstance(prompt, str), "return the prompt as a single string", S_PROMPT, "")
    expect(question in prompt, "the model must see the question itself", S_PROMPT, "")
    expect(all(h.text in prompt for h in hits), "put the text of every hit in the prompt", S_PROMPT, "")
    expect(
        all(f"[{n}]" in prompt for n in range(1, len(hits) + 1)),
        "number the sources [1], [2], ... so the model can cite them",
        S_PROMPT,
        "",
    )
    expect(
        "know" in prompt.lower(),
        "tell the model what to say when the sources lack the answer",
        S_PROMPT,
        "Your prompt has numbered sources, the question and a way out.",
    )


def check_recall(recall_at_k: Callable[[Sequence[str], Sequence[str], int], float]) -> None:
    """Check recall@k for one query on a few ranked lists."""
    with hint_on_error("recall_at_k(ranked_ids, gold_ids, k) returns 1.0 or 0.0.", S_EVAL):
        cases = [
            (recall_at_k(["a", "b", "c"], ["b"], 1), 0.0),
            (recall_at_k(["a", "b", "c"], ["b"], 2), 1.0),
            (recall_at_k(["a", "b", "c"], ["x", "c"], 3), 1.0),
            (recall_at_k(["a"], ["a"], 5), 1.0),
        ]
    expect(
        all(float(got) == want for got, want in cases),
        "look only at the first k ranked ids; one gold id among them is enough",
        S_EVAL,
        "Your recall@k matches the definition.",
    )


QUIZ: dict[str, tuple[set[str], str]] = {
    "q1": ({"b"}, "Retrieval already puts the right document in front of the model: which step turns it into words?"),
    "q2": ({"c"}, "Look at the sync report in section 7: what was re-computed, and was the model touched?"),
    "q3": ({"a"}, "Weigh the exact index's speed at this size against the recall approximate ones give up."),
}


def check_quiz(question: str, answer: str) -> None:
    """Check a multiple-choice answer ('a'-'d') to one of the lab's closing questions."""
    if question not in QUIZ:
        raise ValueError(f"Unknown question {question!r}; use one of {sorted(QUIZ)}.")
    right, hint = QUIZ[question]
    given = answer.strip().lower() if isinstance(answer, str) else ""
    expect(given in {"a", "b", "c", "d"}, "answer with one letter: 'a', 'b', 'c' or 'd'", S_QUIZ, "")
    expect(given in right, hint, S_QUIZ, "Right.")
