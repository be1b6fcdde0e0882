"""The claims ledger: every claim of the article, graded by what the learner's own runs measured.

Each row holds the measurement, its n, a 95% interval, a verdict computed from the numbers and the rule that gave
it: "supports", "contradicts", "inconclusive" (the interval allows either), or "not measured yet" (with what to run).
Most claims are "share A beats share B" on one lab's saved figures, declared as data (`ftrag.claims.COMPARISONS`):
supported when the whole Newcombe 95% interval of A - B (built from Wilson intervals) is above the margin,
contradicted when it is below, inconclusive otherwise. Claims that need their own reasoning have a function each.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ftrag import claims  # its bars (claims.CITED_SHARE, ...) are read as each row is graded: a learner may change one
from ftrag.claims import COMPARISONS, Comparison, difference_rule
from ftrag.results import LAB_RESULTS, read_number, saved_results
from ftrag.stats import difference_interval, verdict_of, wilson_interval
from ftrag.triage import COMPLIANT

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
    rule: str = ""
    margin: float = 0.0  # for a difference A - B: the bar its interval must clear
    population: str = ""  # which items the figures count (n of them)
    models: str = ""  # the generator and embedder that produced the figures, as the labs saved them


_COMPARED = {c.claim: c for c in COMPARISONS}


def _get(results: Results, name: str, *keys: str) -> list[float] | None:
    """The numeric values of `keys` in one saved result set, or None if any is missing."""
    found = [read_number((results.get(name) or {}).get(k)) for k in keys]
    return None if any(v is None for v in found) else [float(v) for v in found]  # type: ignore[arg-type]


def _missing(claim: str, says: str, what: str, run: str, rule: str = "") -> Row:
    """A row for a claim whose measurement is not there yet."""
    return Row(claim, says, what, None, None, None, NOT_MEASURED, f"run {run}", rule)


def _did_not_learn(r: Results, result: str, label: str) -> str | None:
    """Why a fine-tuned row cannot be graded (its fine-tune did not learn its text, or the lab did not say), or None."""
    loss = ((r.get(result) or {}).get("ft_text_loss") or {}).get(label)
    if not (isinstance(loss, list | tuple) and len(loss) == 2 and all(read_number(x) is not None for x in loss)):
        return f"re-run the lab: its saved results do not show whether '{label}' learned its training text"
    before, after = float(loss[0]), float(loss[1])
    if after > claims.LEARNED_LOSS_SHARE * before:
        return f"'{label}' did not learn its training text (loss {before:.2f} -> {after:.2f}): nothing to grade"
    return None


def compare(c: Comparison, r: Results) -> Row:
    """Grade a declared comparison on saved results: A - B with Newcombe's 95% interval, against the margin.

    A fine-tuned row is graded only if its fine-tune learned its training text (loss at most
    claims.LEARNED_LOSS_SHARE of where it started): a model that did not learn its text says nothing about what
    fine-tuning can teach.
    """
    v = _get(r, c.result, c.a, c.b, c.n)
    if v is None:
        return replace(_missing(c.claim, c.says, c.measurement, c.run, c.rule), population=c.population)
    unlearned = _did_not_learn(r, c.result, c.fine_tune) if c.fine_tune else None
    if unlearned:
        return Row(
            c.claim, c.says, c.measurement, None, None, None, NOT_MEASURED, unlearned, c.rule, c.margin, c.population
        )
    a, b, n = v
    low, high = difference_interval(a, int(n), b, int(n))
    verdict = verdict_of((low, high), c.margin)
    return Row(
        c.claim, c.says, c.measurement, a - b, int(n), (low, high), verdict, c.note, c.rule, c.margin, c.population
    )


def _both(claim: str, says: str, what: str, parts: list[Row], run: str) -> Row:
    """A claim that two others make together: contradicted if either is, supported if both are."""
    rule = "supports if both parts support it, contradicts if either contradicts it, else inconclusive"
    if any(p.verdict == NOT_MEASURED for p in parts):
        return _missing(claim, says, what, run, rule)
    verdicts = {p.verdict for p in parts}
    verdict = CONTRADICTS if CONTRADICTS in verdicts else SUPPORTS if verdicts == {SUPPORTS} else INCONCLUSIVE
    note = "; ".join(f"{p.claim}: {p.verdict}" for p in parts)
    population = "; ".join(f"{p.claim}: {p.population}" for p in parts if p.population)
    return Row(claim, says, what, None, None, None, verdict, note, rule, population=population)


# ---------------------------------------------------------------- claims that need their own grading


def _tldr(r: Results) -> Row:
    says = "RAG for knowledge that changes or needs sources; fine-tuning for behaviour, not knowledge"
    parts = [CLAIMS["Q1"](r), CLAIMS["F1"](r)]
    return _both("TLDR", says, "Q1 (changed facts) and F1 (format) together", parts, "Lab 2 and Lab 4")


def _curve(r: Results) -> list[dict] | None:
    """Lab 2's learning curve, smallest training set first."""
    curve = (r.get("lab2_lora") or {}).get("learning_curve")
    if not isinstance(curve, list) or not curve:
        return None
    return sorted((p for p in curve if isinstance(p, Mapping)), key=lambda p: p.get("examples", 0))


def _f3(r: Results) -> Row:
    says = "fine-tuning pays off with high-quality labelled data (> 1,000 examples)"
    what = f"fewest training tickets reaching {COMPLIANT} format compliance (Lab 2 learning curve)"
    rule = f"contradicts if fewer than 1,000 tickets reach {COMPLIANT}, supports if only 1,000 or more do"
    curve = _curve(r)
    if curve is None:
        return _missing("F3", says, what, "Lab 2 (learning curve)", rule)
    steps = sorted({p.get("steps") for p in curve}, key=str)
    if len(steps) > 1 or read_number(steps[0]) is None:  # data size and training would be mixed in the curve
        said = ", ".join(str(s) for s in steps if s is not None) or "not saved"
        note = f"re-run Lab 2: its learning curve must train every size for the same steps (steps: {said})"
        return Row("F3", says, what, None, None, None, NOT_MEASURED, note, rule)
    tested = sorted({str(p.get("n_test")) for p in curve})
    population = f"held-out tickets ({' or '.join(tested)}), the same at every training-set size"
    enough = [p for p in curve if (read_number(p.get("compliance")) or 0) >= COMPLIANT]
    largest = curve[-1]
    if not enough:
        note = f"no size up to {largest.get('examples')} reached {COMPLIANT} in {steps[0]} steps; more was not tried"
        return Row("F3", says, what, None, None, None, INCONCLUSIVE, note, rule, population=population)
    first = enough[0]
    n_test = int(first.get("n_test", 0)) or None
    compliance = f"compliance {first['compliance']:.2f}"
    if n_test:
        low, high = wilson_interval(round(first["compliance"] * n_test), n_test)
        compliance += f" ({low:.2f}-{high:.2f}, {n_test} tickets)"
    small, big = read_number(first.get("category_acc")), read_number(largest.get("category_acc"))
    if small is None or big is None or first is largest:
        decisions = "the category was not compared at a larger size"
    else:
        trend = "higher" if big > small else "no higher" if big == small else "lower"
        decisions = f"category accuracy {small:.2f} there vs {big:.2f} with {largest.get('examples')}: {trend}"
    verdict = CONTRADICTS if first["examples"] < 1000 else SUPPORTS
    note = f"format learned from {first['examples']} tickets, {compliance}; {decisions}; every size {steps[0]} steps"
    return Row("F3", says, what, float(first["examples"]), None, None, verdict, note, rule, population=population)


def _ratio_rule(bars: tuple[float, float], name: str) -> str:
    """The rule of a claim graded by a ratio, in words, naming where its bars are set."""
    return f"supports if the ratio is below {bars[0]:g}, contradicts if above {bars[1]:g}, else inconclusive ({name})"


def _ratio_verdict(ratio: float, bars: tuple[float, float]) -> str:
    """The verdict of a ratio against its two bars (a ratio that could not be computed decides nothing)."""
    return SUPPORTS if ratio < bars[0] else CONTRADICTS if ratio > bars[1] else INCONCLUSIVE


def _f4(r: Results) -> Row:
    says = "fine-tuning suits tight latency (a smaller, specialised model)"
    what = "ms per ticket, fine-tuned / prompt-only with few-shot examples (Lab 2)"
    rule = _ratio_rule(claims.LATENCY_RATIO, "claims.LATENCY_RATIO")
    v = _get(
        r, "lab2_lora", "latency_ms_lora", "latency_ms_prompt_only", "prompt_tokens_lora", "prompt_tokens_prompt_only"
    )
    if v is None:
        return _missing("F4", says, what, "Lab 2", rule)
    ratio = v[0] / v[1] if v[1] else float("nan")
    verdict = _ratio_verdict(ratio, claims.LATENCY_RATIO)
    note = (
        f"{v[0]:.0f} vs {v[1]:.0f} ms, prompts of {v[2]:.0f} vs {v[3]:.0f} tokens; the same 135M model both "
        "times: the saving comes from a shorter prompt, a smaller model was not measured"
    )
    return Row("F4", says, what, ratio, None, None, verdict, note, rule, population="held-out tickets, both ways")


def _r1(r: Results) -> Row:
    row = compare(_COMPARED["R1"], r)
    sync = _get(r, "lab1_rag", "update_sync_s")
    if row.verdict == NOT_MEASURED or sync is None:
        return row
    return replace(row, note=f"the update was a {sync[0]:.1f} s re-index (Lab 1)")


def _r2(r: Results) -> Row:
    says, what = "RAG gives citations and source attribution", "answers citing a right source (Lab 1)"
    rule = (
        f"supports if the whole 95% interval of the share is above {claims.CITED_SHARE} (most answers), contradicts if "
        "below (claims.CITED_SHARE)"
    )
    v = _get(r, "lab1_rag", "citation_correctness", "n_answerable")
    if v is None:
        return _missing("R2", says, what, "Lab 1", rule)
    n = int(v[1])
    interval = wilson_interval(round(v[0] * n), n)
    verdict = verdict_of(interval, claims.CITED_SHARE)
    note = "a closed-book model has no sources to cite, so this measures RAG alone"
    return Row("R2", says, what, v[0], n, interval, verdict, note, rule, population="answerable course questions")


def _r3(r: Results) -> Row:
    row = compare(_COMPARED["R3"], r)
    real = _get(r, "lab1_rag", "scale_real_vectors")
    if row.verdict == NOT_MEASURED or real is None:
        return row
    note = f"{int(real[0]):,} real-text vectors beside the chunks; supported if recall@5 drops by < 0.10"
    blends = _get(r, "lab1_rag", "scale_vectors", "scale_recall@5")
    if blends is not None:  # the stress test: blended vectors, which no real corpus holds (Lab 1, section 2b)
        note += f"; with blends up to {int(blends[0]):,} vectors, recall@5 {blends[1]:.2f}"
    return replace(row, note=note)


def _r5(r: Results) -> Row:
    says = "RAG lets you prototype and iterate quickly"
    what = "seconds from data to a working system: RAG index build / LoRA training (Labs 1 and 2)"
    rule = _ratio_rule(claims.BUILD_RATIO, "claims.BUILD_RATIO")
    v = _get(r, "lab1_rag", "index_build_s")
    t = _get(r, "lab2_lora", "train_s")
    if v is None or t is None:
        return _missing("R5", says, what, "Lab 1 and Lab 2", rule)
    ratio = v[0] / t[0] if t[0] else float("nan")
    verdict = _ratio_verdict(ratio, claims.BUILD_RATIO)
    note, population = f"{v[0]:.1f} s to index vs {t[0]:.0f} s to train", "one index build and one training run"
    return Row("R5", says, what, ratio, None, None, verdict, note, rule, population=population)


def _q3(r: Results) -> Row:
    says = "question 3: with fewer than 1,000 labelled examples, try RAG or prompting first"
    what = "format compliance, prompt-only - LoRA on the smallest training set (Lab 2)"
    rule = difference_rule()
    curve = _curve(r)
    v = _get(r, "lab2_lora", "prompt_only_compliance", "n_test")
    if curve is None or v is None:
        return _missing("Q3", says, what, "Lab 2 (learning curve)", rule)
    small = curve[0]
    n_small = int(small.get("n_test", 0) or v[1])
    low, high = difference_interval(v[0], int(v[1]), float(small["compliance"]), n_small)
    note = f"LoRA on {small['examples']} tickets vs a few-shot prompt (no training)"
    n = int(min(v[1], n_small))
    diff, verdict = v[0] - float(small["compliance"]), verdict_of((low, high))
    return Row("Q3", says, what, diff, n, (low, high), verdict, note, rule, population="held-out tickets")


def _b2(r: Results) -> Row:
    """The gain on chat-style queries, and what the same tuning did to the course's plain questions."""
    row = compare(_COMPARED["B2"], r)
    plain = _get(r, "lab3_embeddings", "questions_recall@1_tuned", "questions_recall@1_stock", "n_questions")
    if row.verdict == NOT_MEASURED or plain is None:
        return row
    low, high = difference_interval(plain[0], int(plain[2]), plain[1], int(plain[2]))
    change = f"recall@1 {plain[1]:.2f} -> {plain[0]:.2f} on {int(plain[2])} plain course questions"
    rule = row.rule + "; a drop elsewhere whose whole interval is below zero makes it inconclusive"
    if high < 0 and row.verdict == SUPPORTS:
        note = f"a gain on chat queries, but a drop: {change} ({low:+.2f} to {high:+.2f}): not reliable everywhere"
        return replace(row, verdict=INCONCLUSIVE, note=note, rule=rule)
    return replace(row, note=f"{row.note}; {change} ({low:+.2f} to {high:+.2f})", rule=rule)


def _c(r: Results) -> Row:
    says = "RAG: low set-up, cost grows with queries; fine-tuning: higher set-up, lower cost per query"
    what = "cost per 1,000 queries, fine-tuned / RAG, with measured tokens (notebook 05)"
    rule = (
        "supports if a fine-tuned query costs less and fine-tuning breaks even in time at the prices as set and at "
        "each price check of notebook 05; contradicts if at none; else it depends on prices (inconclusive)"
    )
    v = _get(r, "cost", "ft_cost_per_1000", "rag_cost_per_1000")
    cost = r.get("cost") or {}
    checks = cost.get("price_check")
    if v is None:
        return _missing("C", says, what, "notebook 05", rule)
    if not isinstance(checks, Mapping) or not checks:
        return Row("C", says, what, None, None, None, NOT_MEASURED, "re-run notebook 05 (no price check saved)", rule)
    ratio = v[0] / v[1] if v[1] else float("nan")
    held = [name for name, ok in checks.items() if ok is True]
    failed = [name for name, ok in checks.items() if ok is not True]
    verdict = SUPPORTS if not failed else CONTRADICTS if not held else INCONCLUSIVE
    measured = [m for m in cost.get("measured_inputs") or [] if isinstance(m, str)]
    if read_number(cost.get("compute_per_hour")) == 0:
        free = [m for m in measured if m.endswith("latency_ms")]
        measured = [m for m in measured if m not in free]
        measured += [f"{m} (costs nothing at compute_per_hour = 0)" for m in free]
    month = read_number(cost.get("break_even_month"))
    note = f"break-even month {month:.1f}; " if month is not None else "no break-even in the horizon; "
    note += f"depends on prices, fails with: {', '.join(failed)}; " if held and failed else ""
    note += f"measured: {', '.join(measured) or 'nothing'}; prices and set-up costs assumed"
    population = "one query priced both ways, at the queries per month notebook 05 set"
    return Row("C", says, what, ratio, None, None, verdict, note, rule, population=population)


def _s1(r: Results) -> Row:
    says = "start with RAG"
    what = "quicker to build (R5) and right more often with no training (stable facts, Lab 4)"
    gain = compare(_COMPARED["S1"], r)
    row = _both("S1", says, what, [_r5(r), replace(gain, claim="RAG's gain")], "Labs 1, 2 and 4")
    if row.verdict == NOT_MEASURED:
        return row
    return replace(row, value=gain.value, n=gain.n, interval=gain.interval)


# The ledger's rows in the article's order: a claim declared in `ftrag.claims.COMPARISONS` is graded by `compare`, the
# others by their own function above.
_GRADERS: dict[str, Callable[[Results], Row]] = {
    "TLDR": _tldr, "F3": _f3, "F4": _f4, "R1": _r1, "R2": _r2, "R3": _r3, "R5": _r5, "Q3": _q3, "B2": _b2, "C": _c,
    "S1": _s1,
}  # fmt: skip
ORDER = ("TLDR", "F1", "F2", "F3", "F4", "F5", "R1", "R2", "R3", "R4", "R5", "Q1", "Q2", "Q3", "B1", "B2", "C", "S1")
CLAIMS: dict[str, Callable[[Results], Row]] = {
    claim: _GRADERS.get(claim) or functools.partial(compare, _COMPARED[claim]) for claim in ORDER
}


class _Reads(dict):
    """The saved results, noting which result sets a grader reads (so its row can say which models made them)."""

    def __init__(self, results: Results) -> None:
        super().__init__(results)
        self.read: list[str] = []

    def get(self, key: Any, default: Any = None) -> Any:
        """As dict.get, noting the key."""
        if key not in self.read:
            self.read.append(key)
        return super().get(key, default)


def models_of(results: Results, names: Sequence[str]) -> str:
    """The generator and embedder the result sets `names` were measured with, as one line (as the labs saved them)."""
    found: list[str] = []
    for name in names:
        saved = results.get(name) or {}
        for role in ("generator", "embedder"):
            value = saved.get(role)
            if isinstance(value, str) and value.strip() and f"{role}: {value}" not in found:
                found.append(f"{role}: {value}")
    return "; ".join(found)


def ledger(results: Results | None = None) -> list[Row]:
    """One graded row per claim of the article, from the given (or this machine's saved) results."""
    results = {k: v or {} for k, v in saved_results(RESULT_NAMES).items()} if results is None else results
    rows = []
    for grade in CLAIMS.values():
        reads = _Reads(results)
        row = grade(reads)
        rows.append(replace(row, models=models_of(results, reads.read)))
    return rows


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
            "population": row.population,
            "models": row.models,
            "95% interval": interval,
            "verdict": row.verdict,
            "note": row.note,
            "rule": row.rule,
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
    undecided = [r for r in rows if r.verdict == INCONCLUSIVE]
    wide = [r.claim for r in undecided if r.interval is not None and verdict_of(r.interval, r.margin) == INCONCLUSIVE]
    other = [r.claim for r in undecided if r.claim not in wide]
    if wide:
        parts.append(f"For {', '.join(wide)} the intervals allow either answer: more questions or runs would decide.")
    if other:
        parts.append(f"{', '.join(other)} depend on more than one figure: their notes say what pulls each way.")
    if by[NOT_MEASURED]:
        parts.append(f"Not measured yet: {', '.join(by[NOT_MEASURED])} (the table says which lab to run).")
    return " ".join(parts)
