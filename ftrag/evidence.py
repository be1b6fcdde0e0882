"""The claims ledger: every claim of the article, graded by what the learner's own runs measured.

Each row holds the measurement, its n, a 95% interval and a verdict computed from the numbers: "supports",
"contradicts", "inconclusive" (the interval allows either), or "not measured yet" (with what to run). Comparisons use
the difference of two shares with Newcombe's 95% interval (built from Wilson intervals): a claim that A beats B is
supported when the whole interval of A - B is above zero, contradicted when it is below, inconclusive otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ftrag.results import LAB_RESULTS, read_number, saved_results
from ftrag.stats import difference_interval, verdict_of, wilson_interval

SUPPORTS, CONTRADICTS, INCONCLUSIVE, NOT_MEASURED = "supports", "contradicts", "inconclusive", "not measured yet"
RESULT_NAMES = (*LAB_RESULTS, "cost")
Results = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True)
class Row:
    """One graded claim of the article."""

    claim: str
    says: str
    measurement: str
    value: float | None
    n: int | None
    interval: tuple[float, float] | None
    verdict: str
    note: str


def _get(results: Results, name: str, *keys: str) -> list[float] | None:
    """The numeric values of `keys` in one saved result set, or None if any is missing."""
    found = [read_number((results.get(name) or {}).get(k)) for k in keys]
    return None if any(v is None for v in found) else [float(v) for v in found]  # type: ignore[arg-type]


def _missing(claim: str, says: str, what: str, run: str) -> Row:
    """A row for a claim whose measurement is not there yet."""
    return Row(claim, says, what, None, None, None, NOT_MEASURED, f"run {run}")


def _compare(
    claim: str, says: str, what: str, a: tuple[float, float], b: tuple[float, float], note: str, margin: float = 0.0
) -> Row:
    """A row for "share a beats share b" with the difference's interval; a and b are (share, n)."""
    low, high = difference_interval(a[0], int(a[1]), b[0], int(b[1]))
    return Row(claim, says, what, a[0] - b[0], int(min(a[1], b[1])), (low, high), verdict_of((low, high), margin), note)


# ---------------------------------------------------------------- one function per claim


def _tldr(r: Results) -> Row:
    says = "RAG for knowledge that changes or needs sources; fine-tuning for behaviour, not knowledge"
    parts = [_q1(r), _f1(r)]
    if any(p.verdict == NOT_MEASURED for p in parts):
        return _missing("TLDR", says, "Q1 and F1 together", "Lab 2 and Lab 4")
    verdicts = {p.verdict for p in parts}
    verdict = CONTRADICTS if CONTRADICTS in verdicts else SUPPORTS if verdicts == {SUPPORTS} else INCONCLUSIVE
    return Row(
        "TLDR",
        says,
        "Q1 (changed facts) and F1 (format) together",
        None,
        None,
        None,
        verdict,
        f"Q1: {parts[0].verdict}; F1: {parts[1].verdict}",
    )


def _f1(r: Results) -> Row:
    says, what = "fine-tuning gives a consistent output format", "format compliance, LoRA - prompt-only (Lab 2)"
    v = _get(r, "lab2_lora", "lora_compliance", "prompt_only_compliance", "n_test")
    if v is None:
        return _missing("F1", says, what, "Lab 2")
    return _compare("F1", says, what, (v[0], v[2]), (v[1], v[2]), "same held-out tickets, short system prompt for LoRA")


def _f2(r: Results) -> Row:
    says, what = "fine-tuning builds classifiers and extractors", "category accuracy, LoRA - prompt-only (Lab 2)"
    v = _get(r, "lab2_lora", "lora_category_acc", "prompt_only_category_acc", "n_test")
    if v is None:
        return _missing("F2", says, what, "Lab 2")
    return _compare("F2", says, what, (v[0], v[2]), (v[1], v[2]), "5 categories: chance is 0.20")


def _curve(r: Results) -> list[dict] | None:
    """Lab 2's learning curve, smallest training set first."""
    curve = (r.get("lab2_lora") or {}).get("learning_curve")
    if not isinstance(curve, list) or not curve:
        return None
    return sorted((p for p in curve if isinstance(p, Mapping)), key=lambda p: p.get("examples", 0))


def _f3(r: Results) -> Row:
    says = "fine-tuning pays off with high-quality labelled data (> 1,000 examples)"
    what = "fewest training tickets reaching >= 0.95 format compliance (Lab 2 learning curve)"
    curve = _curve(r)
    if curve is None:
        return _missing("F3", says, what, "Lab 2 (learning curve)")
    enough = [p for p in curve if (read_number(p.get("compliance")) or 0) >= 0.95]
    largest = curve[-1]
    if not enough:
        return Row(
            "F3",
            says,
            what,
            None,
            int(largest.get("n_test", 0)) or None,
            None,
            INCONCLUSIVE,
            f"no size up to {largest.get('examples')} reached 0.95; more data was not tried",
        )
    first = enough[0]
    n_test = int(first.get("n_test", 0)) or None
    interval = wilson_interval(round(first["compliance"] * n_test), n_test) if n_test else None
    verdict = CONTRADICTS if first["examples"] < 1000 else SUPPORTS
    return Row(
        "F3",
        says,
        what,
        float(first["examples"]),
        n_test,
        interval,
        verdict,
        f"format learned from {first['examples']} tickets; category accuracy there "
        f"{read_number(first.get('category_acc')) or 0:.2f} vs {read_number(largest.get('category_acc')) or 0:.2f} "
        f"with {largest.get('examples')}: the decisions keep improving with more data",
    )


def _f4(r: Results) -> Row:
    says = "fine-tuning suits tight latency (a smaller, specialised model)"
    what = "ms per ticket, fine-tuned / prompt-only with few-shot examples (Lab 2)"
    v = _get(
        r, "lab2_lora", "latency_ms_lora", "latency_ms_prompt_only", "prompt_tokens_lora", "prompt_tokens_prompt_only"
    )
    if v is None:
        return _missing("F4", says, what, "Lab 2")
    ratio = v[0] / v[1] if v[1] else float("nan")
    verdict = SUPPORTS if ratio < 0.9 else CONTRADICTS if ratio > 1.1 else INCONCLUSIVE
    return Row(
        "F4",
        says,
        what,
        ratio,
        None,
        None,
        verdict,
        f"{v[0]:.0f} vs {v[1]:.0f} ms, prompts of {v[2]:.0f} vs {v[3]:.0f} tokens; the same 135M model both "
        "times: the saving comes from a shorter prompt, a smaller model was not measured",
    )


def _f5(r: Results) -> Row:
    says = "fine-tuning suits a stable knowledge domain"
    what = "stable facts, 4-option accuracy: fine-tuned on the fact sentences - base, closed book (Lab 4)"
    v = _get(r, "lab4_knowledge", "mc_ft_docs_stable", "mc_closed_book_stable", "n_stable")
    if v is None:
        return _missing("F5", says, what, "Lab 4")
    return _compare(
        "F5", says, what, (v[0], v[2]), (v[1], v[2]), "knowledge injected by LoRA on the sentences that state the facts"
    )


def _r1(r: Results) -> Row:
    says = "RAG suits a knowledge base that updates often"
    what = "changed facts after the update, 4-option accuracy: RAG on the v2 index - fine-tuned on v1 (Lab 4)"
    v = _get(r, "lab4_knowledge", "mc_rag_changed_v2", "mc_ft_docs_changed_v2", "n_changed")
    if v is None:
        return _missing("R1", says, what, "Lab 4")
    sync = _get(r, "lab1_rag", "update_sync_s")
    note = f"the update was a {sync[0]:.1f} s re-index (Lab 1)" if sync else "re-index time: run Lab 1"
    return _compare("R1", says, what, (v[0], v[2]), (v[1], v[2]), note)


def _r2(r: Results) -> Row:
    says, what = "RAG gives citations and source attribution", "answers citing a right source (Lab 1)"
    v = _get(r, "lab1_rag", "citation_correctness", "n_answerable")
    if v is None:
        return _missing("R2", says, what, "Lab 1")
    n = int(v[1])
    interval = wilson_interval(round(v[0] * n), n)
    return Row(
        "R2",
        says,
        what,
        v[0],
        n,
        interval,
        verdict_of((interval[0] - 0.5, interval[1] - 0.5)),
        "supported when most answers (over half, the whole interval) cite a right source; closed book cannot",
    )


def _r3(r: Results) -> Row:
    says = "RAG suits large amounts of proprietary documentation"
    what = "recall@5 with distractor vectors in the index - without (Lab 1)"
    v = _get(r, "lab1_rag", "scale_recall@5", "recall@5", "n_retrieval", "scale_vectors")
    if v is None:
        return _missing("R3", says, what, "Lab 1")
    note = f"{int(v[3]):,} distractor vectors; supported if recall@5 drops by less than 0.10 (whole interval)"
    return _compare("R3", says, what, (v[0], v[2]), (v[1], v[2]), note, margin=-0.10)


def _r4(r: Results) -> Row:
    says, what = "RAG avoids hallucinations on factual queries", "confident wrong answers, closed book - RAG (Lab 1)"
    v = _get(r, "lab1_rag", "hallucination_closed_book", "hallucination_rag", "n_answerable")
    if v is None:
        return _missing("R4", says, what, "Lab 1")
    return _compare("R4", says, what, (v[0], v[2]), (v[1], v[2]), "same generator; 'wrong' = no abstention, no gold")


def _r5(r: Results) -> Row:
    says = "RAG lets you prototype and iterate quickly"
    what = "seconds from data to a working system: RAG index build / LoRA training (Labs 1 and 2)"
    v = _get(r, "lab1_rag", "index_build_s")
    t = _get(r, "lab2_lora", "train_s")
    if v is None or t is None:
        return _missing("R5", says, what, "Lab 1 and Lab 2")
    ratio = v[0] / t[0] if t[0] else float("nan")
    verdict = SUPPORTS if ratio < 0.5 else CONTRADICTS if ratio > 2 else INCONCLUSIVE
    return Row("R5", says, what, ratio, None, None, verdict, f"{v[0]:.1f} s to index vs {t[0]:.0f} s to train")


def _q1(r: Results) -> Row:
    says = "question 1: if the knowledge changes, use RAG"
    what = "changed facts after the update: how often the stale value wins, fine-tuned on v1 - RAG on v2 (Lab 4)"
    v = _get(r, "lab4_knowledge", "mc_ft_docs_stale", "mc_rag_stale", "n_changed")
    if v is None:
        return _missing("Q1", says, what, "Lab 4")
    return _compare("Q1", says, what, (v[0], v[2]), (v[1], v[2]), "the fine-tuned model can only repeat version 1")


def _q2(r: Results) -> Row:
    says, what = "question 2: if the behaviour must change, fine-tune", "format compliance, LoRA - untuned (Lab 2)"
    v = _get(r, "lab2_lora", "lora_compliance", "untuned_compliance", "n_test")
    if v is None:
        return _missing("Q2", says, what, "Lab 2")
    return _compare("Q2", says, what, (v[0], v[2]), (v[1], v[2]), "the behaviour: one strict JSON object per ticket")


def _q3(r: Results) -> Row:
    says = "question 3: with fewer than 1,000 labelled examples, try RAG or prompting first"
    what = "format compliance, prompt-only - LoRA on the smallest training set (Lab 2)"
    curve = _curve(r)
    v = _get(r, "lab2_lora", "prompt_only_compliance", "n_test")
    if curve is None or v is None:
        return _missing("Q3", says, what, "Lab 2 (learning curve)")
    small = curve[0]
    n_small = int(small.get("n_test", 0) or v[1])
    note = f"LoRA on {small['examples']} tickets vs a few-shot prompt (no training)"
    return _compare("Q3", says, what, (v[0], v[1]), (float(small["compliance"]), n_small), note)


def _b1(r: Results) -> Row:
    says = "a fine-tuned model that follows instructions, plus RAG, is often the best architecture"
    what = "strict answer accuracy with RAG: RAFT-style reader - base generator (Lab 4)"
    v = _get(r, "lab4_knowledge", "reader_strict", "base_rag_strict", "n_reader_eval")
    if v is None:
        return _missing("B1", says, what, "Lab 4")
    return _compare(
        "B1", says, what, (v[0], v[2]), (v[1], v[2]), "the same retrieved sources; strict = gold, <= 25 words"
    )


def _b2(r: Results) -> Row:
    says = "RAG with a lightly fine-tuned embedding model works reliably"
    what = "recall@1 on held-out chat queries, tuned - stock embedder (Lab 3)"
    v = _get(r, "lab3_embeddings", "recall@1_tuned", "recall@1_stock", "n_test")
    if v is None:
        return _missing("B2", says, what, "Lab 3")
    return _compare("B2", says, what, (v[0], v[2]), (v[1], v[2]), "the same queries (paired; the interval is cautious)")


def _c(r: Results) -> Row:
    says = "RAG: low set-up, cost grows with queries; fine-tuning: higher set-up, lower cost per query"
    what = "cost per 1,000 queries, fine-tuned / RAG, with measured tokens (notebook 05)"
    v = _get(r, "cost", "ft_cost_per_1000", "rag_cost_per_1000")
    if v is None:
        return _missing("C", says, what, "notebook 05")
    cost = r.get("cost") or {}
    ratio = v[0] / v[1] if v[1] else float("nan")
    verdict = (
        SUPPORTS
        if ratio < 1 and cost.get("break_even_month") is not None
        else (CONTRADICTS if ratio >= 1 else INCONCLUSIVE)
    )
    measured = ", ".join(cost.get("measured_inputs") or []) or "none"
    return Row(
        "C",
        says,
        what,
        ratio,
        None,
        None,
        verdict,
        f"break-even month {cost.get('break_even_month')}; measured inputs: {measured}; the rest assumed",
    )


def _s1(r: Results) -> Row:
    says = "start with RAG"
    parts = [_r5(r), _rag_gain(r)]
    if any(p.verdict == NOT_MEASURED for p in parts):
        return _missing("S1", says, "R5 and RAG's gain without training together", "Labs 1, 2 and 4")
    verdicts = {p.verdict for p in parts}
    verdict = CONTRADICTS if CONTRADICTS in verdicts else SUPPORTS if verdicts == {SUPPORTS} else INCONCLUSIVE
    return Row(
        "S1",
        says,
        "quicker to build (R5) and right more often with no training (stable facts, Lab 4)",
        parts[1].value,
        parts[1].n,
        parts[1].interval,
        verdict,
        f"R5: {parts[0].verdict}; {parts[1].note}",
    )


def _rag_gain(r: Results) -> Row:
    """RAG's gain over closed book on stable facts, with no training (Lab 4)."""
    what = "stable facts, 4-option accuracy, RAG - closed book"
    v = _get(r, "lab4_knowledge", "mc_rag_stable", "mc_closed_book_stable", "n_stable")
    if v is None:
        return _missing("S1", "", what, "Lab 4")
    return _compare("S1", "", what, (v[0], v[2]), (v[1], v[2]), "RAG gain on stable facts")


CLAIMS: dict[str, Callable[[Results], Row]] = {
    "TLDR": _tldr,
    "F1": _f1,
    "F2": _f2,
    "F3": _f3,
    "F4": _f4,
    "F5": _f5,
    "R1": _r1,
    "R2": _r2,
    "R3": _r3,
    "R4": _r4,
    "R5": _r5,
    "Q1": _q1,
    "Q2": _q2,
    "Q3": _q3,
    "B1": _b1,
    "B2": _b2,
    "C": _c,
    "S1": _s1,
}


def ledger(results: Results | None = None) -> list[Row]:
    """One graded row per claim of the article, from the given (or this machine's saved) results."""
    results = {k: v or {} for k, v in saved_results(RESULT_NAMES).items()} if results is None else results
    return [grade(results) for grade in CLAIMS.values()]


def table(rows: list[Row]) -> Any:
    """The ledger as a DataFrame, for display: one row per claim (the index), blanks where nothing was measured."""
    import pandas as pd

    def fmt(row: Row) -> dict[str, Any]:
        """One display row."""
        interval = f"{row.interval[0]:+.2f} to {row.interval[1]:+.2f}" if row.interval else ""
        return {
            "claim": row.claim,
            "the article says": row.says,
            "measurement": row.measurement,
            "value": "" if row.value is None else f"{row.value:.3g}",
            "n": "" if row.n is None else str(row.n),
            "95% interval": interval,
            "verdict": row.verdict,
            "note": row.note,
        }

    return pd.DataFrame([fmt(r) for r in rows]).set_index("claim")


def closing_text(rows: list[Row]) -> str:
    """A closing paragraph written from the verdicts (never fixed text)."""
    by = {v: [r.claim for r in rows if r.verdict == v] for v in (SUPPORTS, CONTRADICTS, INCONCLUSIVE, NOT_MEASURED)}
    parts = [
        f"Your runs support {len(by[SUPPORTS])} of the article's {len(rows)} claims"
        + (f" ({', '.join(by[SUPPORTS])})" if by[SUPPORTS] else "")
        + "."
    ]
    if by[CONTRADICTS]:
        parts.append(f"They contradict {', '.join(by[CONTRADICTS])}: read those rows' notes before you repeat them.")
    if by[INCONCLUSIVE]:
        parts.append(
            f"For {', '.join(by[INCONCLUSIVE])} the intervals allow either answer: more questions or runs would decide."
        )
    if by[NOT_MEASURED]:
        parts.append(f"Not measured yet: {', '.join(by[NOT_MEASURED])} (the table says which lab to run).")
    return " ".join(parts)
