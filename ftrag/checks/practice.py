"""Code checks and references for the exercises of the concept notebooks (00-09).

Each check runs the learner's function on a small case whose right result it computes itself, and hints at the first
thing that does not hold. `REFERENCES` holds the course's version of each, for `use_reference("02.retrieve")`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ftrag.checks import expect_all, learner_code

S_READY = "Your first TODO"
S_SCORE = "Score the answers: your TODO"
S_RETRIEVE = "Retrieve: your TODO"
S_STEP = "One training step: your TODO"
S_RECALL = "How deep must retrieval go? Your TODO"
S_FRAMEWORK = "The three questions as code: your TODO"
S_BREAK_EVEN = "Solve the break-even yourself: your TODO"
S_VERDICT = "Grade a comparison yourself: your TODO"
S_TALLY = "Check your understanding: your score"
S_SKIPPED = "Read and check"


def check_failed_checks(failed_checks: Callable[[Any], list[str]]) -> None:
    """Check that failed_checks(report) lists the names of the rows whose `ok` is False, in order."""
    import pandas as pd

    mixed = pd.DataFrame({"name": ["python", "torch", "models", "data"], "ok": [True, False, True, False]})
    clean = pd.DataFrame({"name": ["python", "torch"], "ok": [True, True]})
    with learner_code("failed_checks(report) returns a list of names.", S_READY):
        got_mixed, got_clean = failed_checks(mixed), failed_checks(clean)
    expect_all(
        [
            (isinstance(got_mixed, list), "return a plain list (a pandas Series has `.tolist()`)"),
            (got_mixed == ["torch", "data"], "keep the rows whose `ok` is False, and return their `name`"),
            (got_clean == [], "when every check passed, the list is empty"),
        ],
        S_READY,
        "Your failed_checks lists the failing checks by name, and nothing when all passed.",
    )


def check_score(score: Callable[[Sequence[str], Sequence[str]], tuple[float, float]]) -> None:
    """Check score(answers, truths) -> (share right by strict_correct, share of abstentions) on four answers."""
    truths = ["9.99 EUR", "30 days", "30 days", "30 days"]
    pasted = (
        "Thank you for your question. Our policy pages describe many things, such as shipping, returns within "
        "30 days, warranty terms, spare parts, installation help, app settings and much more that you may want to read."
    )
    answers = ["It costs 9.99 EUR.", "I don't know.", pasted, "You have 45 days."]
    with learner_code("score(answers, truths) returns two shares, (right, abstain).", S_SCORE):
        got = score(answers, truths)
    pair = isinstance(got, tuple) and len(got) == 2
    right, abstain = (float(got[0]), float(got[1])) if pair else (-1.0, -1.0)
    expect_all(
        [
            (pair, "return two numbers: the share right and the share that declined"),
            (0 <= right <= 1 and 0 <= abstain <= 1, "return shares between 0 and 1, not counts"),
            (
                right != 0.5,
                "a pasted paragraph that happens to contain the answer is not a right answer: use `strict_correct`",
            ),
            (right == 0.25, "count an answer right when `strict_correct(answer, truth)` holds"),
            (abstain == 0.25, "count an answer as declining when `is_abstention(answer)` holds"),
        ],
        S_SCORE,
        "Your score counts stated answers as right (not pasted paragraphs) and 'I don't know' as declining.",
    )


def check_retrieve(retrieve: Callable[..., list[Any]], embedder: Any, kb: Sequence[dict], doc_vectors: Any) -> None:
    """Check retrieve(question, k) against a brute-force cosine ranking of the same document vectors."""
    questions = ["How long is the warranty on a doorbell?", "Can I return an opened camera?"]
    with learner_code("retrieve(question, k) returns a list of Hits, best first.", S_RETRIEVE):
        got = [hit for q in questions for hit in retrieve(q, k=3)]
    want = []  # (doc_id, cosine, title) of the 3 best documents per question, best first
    for q in questions:
        cosines = np.asarray(doc_vectors) @ embedder.encode([q], normalize_embeddings=True)[0]
        want += [(kb[i]["id"], float(cosines[i]), kb[i]["title"]) for i in np.argsort(-cosines)[:3]]
    shaped = len(got) == len(want) and all(hasattr(h, "doc_id") for h in got)
    ids = shaped and [h.doc_id for h in got] == [w[0] for w in want]
    expect_all(
        [
            (shaped, "return a list of exactly k Hits per question"),
            (ids, "ask the index for the k nearest rows and map each row back to its document in `kb`"),
            (
                ids and np.allclose([h.score for h in got], [w[1] for w in want], atol=1e-4),
                "give each Hit the score the index returned for its row, with the question's vector normalised as well",
            ),
            (ids and [h.title for h in got] == [w[2] for w in want], "give each Hit its document's title"),
        ],
        S_RETRIEVE,
        "Your retrieve returns the k documents with the highest cosine, best first, with their scores and titles.",
    )


def _tiny_model() -> Any:
    """A two-layer Llama with a 64-token vocabulary and random weights: a training step on it takes milliseconds."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=64,
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=4,
        max_position_embeddings=64,
    )
    return LlamaForCausalLM(config)


def check_train_step(train_step: Callable[[Any, dict, Any], float]) -> None:
    """Check train_step(model, batch, optimiser): the model's own loss on the batch, one update, gradients cleared."""
    import torch

    model = _tiny_model()
    batch = {"input_ids": torch.arange(3, 19).reshape(1, 16), "attention_mask": torch.ones(1, 16, dtype=torch.long)}
    with torch.no_grad():
        expected = model(**batch, labels=batch["input_ids"]).loss.item()
    before = [p.detach().clone() for p in model.parameters()]
    optimiser = torch.optim.AdamW(model.parameters(), lr=1e-2)
    with learner_code("train_step(model, batch, optimiser) returns the loss as a number.", S_STEP):
        losses = [train_step(model, batch, optimiser) for _ in range(4)]
    numbers = all(isinstance(x, int | float) or (torch.is_tensor(x) and x.numel() == 1) for x in losses)
    values = [float(x) for x in losses] if numbers else []
    moved = any(not torch.equal(a, b) for a, b in zip(before, model.parameters(), strict=True))
    cleared = all(p.grad is None or not p.grad.any() for p in model.parameters())
    expect_all(
        [
            (numbers, "return the loss as one number (`loss.item()`)"),
            (
                numbers and abs(values[0] - expected) < 1e-4,
                "the labels are the batch's own `input_ids`: the model shifts them by one token itself",
            ),
            (moved, "call the optimiser's `step()` after `backward()`: the weights must change"),
            (cleared, "clear the gradients after the update (`optimiser.zero_grad()`), or they add up over steps"),
            (numbers and values[-1] < values[0], "the loss on the batch should fall over four steps"),
        ],
        S_STEP,
        "Your train_step computes the model's loss on the batch, updates the weights once and clears the gradients.",
    )


def check_recall_at(recall_at: Callable[[Sequence[Sequence[str]], Sequence[str], int], float]) -> None:
    """Check recall_at(ranked, right, k): the share of queries whose right document is among their first k."""
    ranked = [["a", "b", "c"], ["b", "a", "c"], ["c", "b", "a"], ["c", "a", "b"]]
    right = ["a", "a", "a", "x"]
    with learner_code("recall_at(ranked, right, k) returns one share.", S_RECALL):
        got = {k: recall_at(ranked, right, k) for k in (1, 2, 3)}
    numbers = all(isinstance(v, int | float | np.floating) for v in got.values())
    expect_all(
        [
            (numbers, "return one number: a share of the queries"),
            (
                numbers and all(0 <= v <= 1 for v in got.values()),
                "divide by the number of queries: a share, not a count",
            ),
            (numbers and got[1] == 0.25, "at k=1 only the first ranked document counts"),
            (numbers and got[2] == 0.5 and got[3] == 0.75, "look at the first k ranked documents of each query"),
        ],
        S_RECALL,
        "Your recall_at gives the share of queries whose right document is among their first k.",
    )


def check_framework(framework: Callable[[bool, bool, int], str]) -> None:
    """Check framework(knowledge_changes, change_behavior, labeled_examples) on every branch of the three questions."""
    from ftrag.decide import recommend

    cases = [(k, b, n) for k in (True, False) for b in (True, False) for n in (0, 1000, 1001, 50_000)]
    with learner_code("framework(...) returns 'rag', 'fine-tuning' or 'rag-or-prompting'.", S_FRAMEWORK):
        got = {case: framework(*case) for case in cases}
    want = {case: recommend(*case).approach for case in cases}
    wrong = [case for case in cases if got[case] != want[case]]

    def right_where(test: Callable[[tuple[bool, bool, int]], bool]) -> bool:
        return not any(test(case) for case in wrong)

    expect_all(
        [
            (
                all(v in {"rag", "fine-tuning", "rag-or-prompting"} for v in got.values()),
                "return one of the three names",
            ),
            (
                right_where(lambda c: c[0]),
                "when the knowledge changes, the first question settles it, whatever else holds",
            ),
            (right_where(lambda c: c[1]), "when only the behaviour must change, the second question settles it"),
            (
                right_where(lambda c: c[2] == 1000),
                "the third question asks for *more than* 1,000 examples: 1,000 is not",
            ),
            (not wrong, "with neither change and few examples, start with a prompt or RAG"),
        ],
        S_FRAMEWORK,
        "Your three questions give the kit's recommendation in all 16 cases (every branch, at the threshold too).",
    )


def check_break_even_month(break_even_month: Callable[[float, float, float, float], float | None]) -> None:
    """Check break_even_month(rag_setup, rag_monthly, ft_setup, ft_monthly) on crossing and parallel cost lines."""
    with learner_code(
        "break_even_month(rag_setup, rag_monthly, ft_setup, ft_monthly) returns a month or None.", S_BREAK_EVEN
    ):
        crossing = break_even_month(1_000, 500, 7_000, 200)  # fine-tuning dearer to set up, cheaper per month: 20
        never = break_even_month(1_000, 200, 7_000, 500)  # dearer to set up and per month: never
        parallel = break_even_month(1_000, 300, 7_000, 300)
        flipped = break_even_month(7_000, 200, 1_000, 500)  # RAG dearer to set up, cheaper per month: 20
    number = isinstance(crossing, int | float) and not isinstance(crossing, bool)
    expect_all(
        [
            (
                number and abs(crossing - 20) < 1e-9,
                "solve set-up + month x monthly, equal on both sides, for the month",
            ),
            (never is None, "when the dearer set-up also costs more per month, the lines never cross: return None"),
            (parallel is None, "equal monthly costs never close a set-up gap: return None (and do not divide by 0)"),
            (flipped is not None and abs(flipped - 20) < 1e-9, "the lines can cross the other way round too"),
        ],
        S_BREAK_EVEN,
        "Your break-even month solves the two cost lines exactly, and says None when they never cross.",
    )


def check_verdict(verdict: Callable[[tuple[float, float], float], str]) -> None:
    """Check verdict(interval, margin) on intervals above, below and across the bar."""
    cases = {
        ((0.1, 0.4), 0.0): "supports",
        ((-0.4, -0.1), 0.0): "contradicts",
        ((-0.1, 0.3), 0.0): "inconclusive",
        ((0.1, 0.4), 0.2): "inconclusive",
        ((0.25, 0.4), 0.2): "supports",
        ((-0.3, 0.1), 0.2): "contradicts",
    }
    with learner_code("verdict(interval, margin) returns 'supports', 'contradicts' or 'inconclusive'.", S_VERDICT):
        got = {case: verdict(*case) for case in cases}
    expect_all(
        [
            (got[((0.1, 0.4), 0.0)] == "supports", "an interval wholly above the bar supports the claim"),
            (got[((-0.4, -0.1), 0.0)] == "contradicts", "an interval wholly below the bar contradicts it"),
            (got[((-0.1, 0.3), 0.0)] == "inconclusive", "an interval that holds the bar decides nothing"),
            (got == cases, "compare the interval's ends with `margin`, not with 0"),
        ],
        S_VERDICT,
        "Your verdict compares the whole interval with the bar: above supports, below contradicts, across is open.",
    )


def check_tally(tally: Callable[[dict[str, str]], tuple[int, int]]) -> None:
    """Check tally(states) -> (right, still open) on a few answer states."""
    states = {"q1": "right", "q2": "wrong", "q3": "open", "q4": "right", "q5": "open"}
    with learner_code("tally(states) returns two whole numbers: (right, still open).", S_TALLY):
        got, none = tally(states), tally({})
    expect_all(
        [
            (isinstance(got, tuple) and len(got) == 2, "return two numbers: how many are right, how many still open"),
            (got == (2, 2), "count the states equal to 'right', then those equal to 'open' (a wrong one is neither)"),
            (none == (0, 0), "no questions answered yet: nothing right, nothing open"),
        ],
        S_TALLY,
        "Your tally counts right and open answers; a wrong one counts as neither.",
    )


def check_group_skipped(group_skipped: Callable[[dict[str, str]], dict[str, list[str]]]) -> None:
    """Check group_skipped({file: reason}) -> {reason: [files, sorted]}."""
    skipped = {"b.png": "not a text file", "a.zip": "not a text file", "notes.md": "empty", "c.bin": "not a text file"}
    with learner_code("group_skipped(skipped) returns a dict: reason -> list of files.", S_SKIPPED):
        got, nothing = group_skipped(skipped), group_skipped({})
    expect_all(
        [
            (isinstance(got, dict) and set(got) == {"not a text file", "empty"}, "one entry per reason"),
            (got.get("empty") == ["notes.md"], "each reason lists the files skipped for it"),
            (got.get("not a text file") == ["a.zip", "b.png", "c.bin"], "sort each reason's files by name"),
            (nothing == {}, "nothing skipped: an empty dict"),
        ],
        S_SKIPPED,
        "Your group_skipped lists the skipped files under each reason, sorted.",
    )


# ---------------------------------------------------------------- references


def _reference_failed_checks() -> Callable[[Any], list[str]]:
    """The names of the failing rows."""
    return lambda report: report.loc[~report.ok, "name"].tolist()


def _reference_score() -> Callable[[Sequence[str], Sequence[str]], tuple[float, float]]:
    """Shares right (strict) and declining."""
    from ftrag.metrics import is_abstention, strict_correct

    def score(answers: Sequence[str], truths: Sequence[str]) -> tuple[float, float]:
        right = sum(strict_correct(a, t) for a, t in zip(answers, truths, strict=True)) / len(truths)
        return right, sum(is_abstention(a) for a in answers) / len(answers)

    return score


def _reference_retrieve() -> Callable[..., Callable[..., list[Any]]]:
    """A maker of retrieve(question, k) over an embedder, a FAISS index and the documents it holds."""
    from ftrag.index import Hit

    def make(embedder: Any, index: Any, kb: Sequence[dict]) -> Callable[..., list[Any]]:
        def retrieve(question: str, k: int = 2) -> list[Any]:
            scores, rows = index.search(embedder.encode([question], normalize_embeddings=True), k)
            return [
                Hit(kb[i]["id"], kb[i]["text"], float(s), kb[i]["title"]) for s, i in zip(*scores, *rows, strict=True)
            ]

        return retrieve

    return make


def _reference_train_step() -> Callable[[Any, dict, Any], float]:
    """Loss with the batch as labels, backward, step, zero_grad."""

    def train_step(model: Any, batch: dict, optimiser: Any) -> float:
        loss = model(**batch, labels=batch["input_ids"]).loss
        loss.backward()
        optimiser.step()
        optimiser.zero_grad()
        return loss.item()

    return train_step


def _reference_recall_at() -> Callable[[Sequence[Sequence[str]], Sequence[str], int], float]:
    """Share of queries whose right id is in their first k."""
    return lambda ranked, right, k: sum(r in row[:k] for row, r in zip(ranked, right, strict=True)) / len(right)


def _reference_framework() -> Callable[[bool, bool, int], str]:
    """The kit's framework, reduced to its approach."""
    from ftrag.decide import recommend

    return lambda knowledge_changes, change_behavior, labeled_examples: (
        recommend(knowledge_changes, change_behavior, labeled_examples).approach
    )


def _reference_break_even_month() -> Callable[[float, float, float, float], float | None]:
    """Where two straight cost lines cross, or None."""

    def break_even_month(rag_setup: float, rag_monthly: float, ft_setup: float, ft_monthly: float) -> float | None:
        if rag_monthly == ft_monthly:
            return None
        month = (ft_setup - rag_setup) / (rag_monthly - ft_monthly)
        return month if month > 0 else None

    return break_even_month


def _reference_verdict() -> Callable[[tuple[float, float], float], str]:
    """The ledger's rule."""
    from ftrag.stats import verdict_of

    return verdict_of


def _reference_tally() -> Callable[[dict[str, str]], tuple[int, int]]:
    """Right and open answers, counted."""
    return lambda states: (sum(s == "right" for s in states.values()), sum(s == "open" for s in states.values()))


def _reference_group_skipped() -> Callable[[dict[str, str]], dict[str, list[str]]]:
    """Files by reason, sorted."""

    def group_skipped(skipped: dict[str, str]) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = {}
        for name, reason in sorted(skipped.items()):
            groups.setdefault(reason, []).append(name)
        return groups

    return group_skipped


REFERENCES: dict[str, Callable[[], Any]] = {
    "00.failed_checks": _reference_failed_checks,
    "01.score": _reference_score,
    "02.retrieve": _reference_retrieve,
    "03.train_step": _reference_train_step,
    "04.framework": _reference_framework,
    "05.break_even_month": _reference_break_even_month,
    "06.recall_at": _reference_recall_at,
    "07.verdict": _reference_verdict,
    "08.tally": _reference_tally,
    "09.group_skipped": _reference_group_skipped,
}
