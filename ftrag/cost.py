"""Cost model of RAG vs fine-tuning: one-off set-up, monthly running cost, cumulative cost, exact break-even.

Every default in `CostAssumptions` is an illustrative assumption (stated in `ASSUMPTION_NOTES`), not a
quote from any provider; change them with `CostAssumptions.from_dict({...})` or `replace(...)`.

- RAG: set-up (vector DB, ingestion pipeline, retrieval logic) + per query: a general model reads the
  question *and the retrieved context* + storage per month.
- Fine-tuning: set-up (data curation + training compute) + per query: a smaller, cheaper model reads the
  question only + hosting of the custom model + optional retraining every N months (when the knowledge or
  task drifts).
- Self-hosting (optional): machine time per query (the latency) at `compute_per_hour`; 0 = pay per token only.

`ftrag.cost_inputs` replaces assumptions with what the labs measured on this machine and says where the measured run
agrees with the article's cost levels.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

# The article's qualitative levels, shown beside the calculator.
ARTICLE_LEVELS: dict[str, dict[str, str]] = {
    "RAG": {
        "set-up": "Low-Medium (vector DB, ingestion pipeline, retrieval logic)",
        "ongoing": "Inference + storage; grows with query volume (and the context added to each prompt)",
    },
    "Fine-tuning": {
        "set-up": "Medium-High (data curation, training compute)",
        "ongoing": "Lower inference cost when a smaller model does the job; retraining when things change",
    },
}


@dataclass(frozen=True)
class CostAssumptions:
    """All inputs of the cost model (money in dollars, prices per million tokens)."""

    queries_per_month: int = 50_000
    prompt_tokens: int = 250
    output_tokens: int = 150
    context_tokens: int = 1_500
    rag_price_in: float = 0.50
    rag_price_out: float = 1.50
    ft_price_in: float = 0.20
    ft_price_out: float = 0.60
    rag_setup: float = 6_000.0
    rag_storage_per_month: float = 150.0
    ft_examples: int = 2_000
    ft_cost_per_example: float = 4.0
    ft_training: float = 2_000.0
    ft_retrain_every_months: int = 0
    ft_hosting_per_month: float = 50.0
    compute_per_hour: float = 0.0
    rag_latency_ms: float = 1_500.0
    ft_latency_ms: float = 500.0

    @classmethod
    def from_dict(cls, overrides: Mapping[str, Any] | None = None) -> CostAssumptions:
        """Defaults with some fields overridden; unknown names and bad values raise ValueError."""
        overrides = dict(overrides or {})
        names = {f.name for f in fields(cls)}
        unknown = set(overrides) - names
        if unknown:
            raise ValueError(f"Unknown cost assumption(s) {sorted(unknown)}; valid: {sorted(names)}.")
        return validate(replace(cls(), **overrides))


ASSUMPTION_NOTES: dict[str, str] = {
    "queries_per_month": "questions answered per month",
    "prompt_tokens": "tokens of instructions + question per query (both approaches)",
    "output_tokens": "tokens in each answer (both approaches)",
    "context_tokens": "retrieved passages added to each RAG prompt (e.g. 3 chunks of 500 tokens)",
    "rag_price_in": "$ per 1M input tokens of the general model used with RAG",
    "rag_price_out": "$ per 1M output tokens of that model",
    "ft_price_in": "$ per 1M input tokens of the smaller fine-tuned model",
    "ft_price_out": "$ per 1M output tokens of the fine-tuned model",
    "rag_setup": "$ one-off: vector DB, ingestion pipeline, retrieval logic (engineering time)",
    "rag_storage_per_month": "$ per month: vector DB hosting and re-indexing updates",
    "ft_examples": "labelled examples curated for training",
    "ft_cost_per_example": "$ to write or review one labelled example",
    "ft_training": "$ per training run: compute + evaluation",
    "ft_retrain_every_months": "retrain (one more training run) every N months; 0 = never",
    "ft_hosting_per_month": "$ per month to keep the custom model deployed (0 on pay-per-token serverless)",
    "compute_per_hour": "$ per hour of a machine you serve the models on yourself (0 = pay per token only)",
    "rag_latency_ms": "machine time per RAG query in ms (retrieval + generation); costs money only if self-hosted",
    "ft_latency_ms": "machine time per query to the fine-tuned model in ms; costs money only if self-hosted",
}
_INTS = {
    "queries_per_month",
    "prompt_tokens",
    "output_tokens",
    "context_tokens",
    "ft_examples",
    "ft_retrain_every_months",
}


def validate(a: CostAssumptions) -> CostAssumptions:
    """Return the assumptions if every field is a finite number >= 0 (whole where it counts things)."""
    for name, value in asdict(a).items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"{name} must be a number, got {value!r}.")
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"{name} must be a finite number >= 0, got {value!r}.")
        if name in _INTS and value != int(value):
            raise ValueError(f"{name} must be a whole number, got {value!r}.")
    return a


def _per_million(tokens: float, price: float) -> float:
    """Cost of `tokens` tokens at `price` dollars per million."""
    return tokens * price / 1_000_000


def _machine_time(latency_ms: float, per_hour: float) -> float:
    """Cost of `latency_ms` of machine time at `per_hour` dollars per hour."""
    return latency_ms / 3_600_000 * per_hour


def rag_query_cost(a: CostAssumptions) -> float:
    """Dollars per RAG query: question + retrieved context in, answer out, at the general model's prices."""
    return (
        _per_million(a.prompt_tokens + a.context_tokens, a.rag_price_in)
        + _per_million(a.output_tokens, a.rag_price_out)
        + _machine_time(a.rag_latency_ms, a.compute_per_hour)
    )


def ft_query_cost(a: CostAssumptions) -> float:
    """Dollars per query to the fine-tuned model: question in (no context), answer out."""
    return (
        _per_million(a.prompt_tokens, a.ft_price_in)
        + _per_million(a.output_tokens, a.ft_price_out)
        + _machine_time(a.ft_latency_ms, a.compute_per_hour)
    )


def rag_setup_cost(a: CostAssumptions) -> float:
    """One-off RAG cost."""
    return float(a.rag_setup)


def ft_setup_cost(a: CostAssumptions) -> float:
    """One-off fine-tuning cost: data curation + the first training run."""
    return a.ft_examples * a.ft_cost_per_example + a.ft_training


def rag_monthly_cost(a: CostAssumptions) -> float:
    """RAG running cost per month: queries x per-query cost + storage."""
    return a.queries_per_month * rag_query_cost(a) + a.rag_storage_per_month


def ft_monthly_cost(a: CostAssumptions) -> float:
    """Fine-tuned model running cost per month: queries + hosting (retraining not included: see `retrains_by`)."""
    return a.queries_per_month * ft_query_cost(a) + a.ft_hosting_per_month


def per_1000_queries(a: CostAssumptions) -> tuple[float, float]:
    """(RAG, fine-tuning) running cost per 1,000 queries: queries plus the monthly fixed costs spread over the
    month's queries (set-up and retraining left out); with no queries, the per-query cost alone."""
    if a.queries_per_month == 0:
        return 1000 * rag_query_cost(a), 1000 * ft_query_cost(a)
    return 1000 * rag_monthly_cost(a) / a.queries_per_month, 1000 * ft_monthly_cost(a) / a.queries_per_month


def retrains_by(a: CostAssumptions, month: float) -> int:
    """Number of retraining runs paid by `month` (one at each multiple of the retrain interval, month 0 excluded)."""
    if a.ft_retrain_every_months <= 0 or month <= 0:
        return 0
    return int(math.floor(month / a.ft_retrain_every_months + 1e-12))


def cumulative(a: CostAssumptions, month: float) -> tuple[float, float]:
    """(RAG, fine-tuning) total spend after `month` months, set-up included."""
    if month < 0:
        raise ValueError(f"month must be >= 0, got {month}.")
    rag = rag_setup_cost(a) + month * rag_monthly_cost(a)
    ft = ft_setup_cost(a) + month * ft_monthly_cost(a) + retrains_by(a, month) * a.ft_training
    return rag, ft


@dataclass(frozen=True)
class BreakEven:
    """The month at which the cheaper-so-far approach is overtaken, and which one is cheaper after it."""

    month: float
    cheaper_after: str  # "rag" or "fine-tuning"
    cost: float  # RAG's cumulative cost at that month (equal to fine-tuning's unless a retraining jump crossed)


def break_even(a: CostAssumptions, horizon: float = 120) -> BreakEven | None:
    """First month in (0, horizon] where the cumulative cost lines cross, solved exactly; None if they never do."""
    validate(a)
    gap0 = ft_setup_cost(a) - rag_setup_cost(a)  # fine-tuning minus RAG at month 0
    if gap0 == 0:
        return None  # equal from the start: no single crossing to report
    slope = ft_monthly_cost(a) - rag_monthly_cost(a)
    step = a.ft_training
    sign0 = 1 if gap0 > 0 else -1
    # The gap is linear between retraining months and jumps up by `step` at each of them.
    jumps: list[float] = []
    if a.ft_retrain_every_months > 0 and step > 0:
        jumps = [float(k * a.ft_retrain_every_months) for k in range(1, int(horizon // a.ft_retrain_every_months) + 1)]
    bounds = [0.0, *jumps]
    for k, lo in enumerate(bounds):
        hi = bounds[k + 1] if k + 1 < len(bounds) else float(horizon)
        start = gap0 + k * step + lo * slope  # the gap just after the k-th retraining
        if k and (start == 0 or (start > 0) != (sign0 > 0)):
            return _crossing(a, lo)  # the retraining jump itself changed which is cheaper
        if slope != 0:
            m = lo - start / slope
            if lo < m <= hi:
                return _crossing(a, m)
    return None


def _crossing(a: CostAssumptions, month: float) -> BreakEven:
    """Build the BreakEven record at `month`: which approach is cheaper just after it."""
    rag_after, ft_after = cumulative(a, month + 1e-6)
    rag_at, _ = cumulative(a, month)
    return BreakEven(month, "fine-tuning" if ft_after < rag_after else "rag", rag_at)


def fine_tuning_pays(a: CostAssumptions, horizon: float = 120) -> bool:
    """The article's cost claim on these inputs: a fine-tuned query costs less, and fine-tuning breaks even in time."""
    rag_1000, ft_1000 = per_1000_queries(a)
    even = break_even(a, horizon)
    return ft_1000 < rag_1000 and even is not None and even.cheaper_after == "fine-tuning"


# Prices nobody measured, each moved to a value a team meets in practice: does the claim still hold there?
PRICE_CHECKS: dict[str, Callable[[CostAssumptions], dict[str, float]]] = {
    "fine-tuned model priced like the general one": lambda a: {
        "ft_price_in": a.rag_price_in,
        "ft_price_out": a.rag_price_out,
    },
    "general model at half its price": lambda a: {
        "rag_price_in": a.rag_price_in / 2,
        "rag_price_out": a.rag_price_out / 2,
    },
    "fine-tuned model on serverless (no hosting fee)": lambda a: {"ft_hosting_per_month": 0.0},
    "dedicated hosting at 10x the fee": lambda a: {"ft_hosting_per_month": max(10 * a.ft_hosting_per_month, 500.0)},
}


def price_check(a: CostAssumptions, horizon: float = 120) -> dict[str, bool]:
    """Whether `fine_tuning_pays` holds on these inputs ("as set") and with each price of PRICE_CHECKS moved."""
    checked = {"as set": fine_tuning_pays(a, horizon)}
    for name, change in PRICE_CHECKS.items():
        checked[name] = fine_tuning_pays(replace(a, **change(a)), horizon)
    return checked


def summary(a: CostAssumptions, horizon: int = 36) -> str:
    """A few sentences: monthly costs, set-up costs, totals at the horizon, and the break-even month."""
    rag_total, ft_total = cumulative(a, horizon)
    lines = [
        f"Set-up: RAG ${rag_setup_cost(a):,.0f}, fine-tuning ${ft_setup_cost(a):,.0f}.",
        f"Per month: RAG ${rag_monthly_cost(a):,.0f}, fine-tuning ${ft_monthly_cost(a):,.0f}"
        + (f" + ${a.ft_training:,.0f} every {a.ft_retrain_every_months} months" if a.ft_retrain_every_months else "")
        + ".",
        f"After {horizon} months: RAG ${rag_total:,.0f}, fine-tuning ${ft_total:,.0f}.",
    ]
    be = break_even(a, horizon)
    if be is None:
        cheaper = "RAG" if rag_total < ft_total else "fine-tuning" if ft_total < rag_total else "neither"
        lines.append(f"No break-even within {horizon} months: {cheaper} stays cheaper.")
    else:
        after = "fine-tuning" if be.cheaper_after == "fine-tuning" else "RAG"
        lines.append(f"Break-even at month {be.month:.1f} (${be.cost:,.0f} each); {after} is cheaper after it.")
    return " ".join(lines)


def plot_cumulative(a: CostAssumptions, horizon: int = 36, ax: Any = None) -> Any:
    """Plot cumulative RAG vs fine-tuning cost over `horizon` months, with the break-even marked; return the axes."""
    import matplotlib.pyplot as plt

    from ftrag import plots

    plots.use_course_style()
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.6))
    # Sample finely so retraining steps show as steps.
    xs = [horizon * i / 480 for i in range(481)]
    costs = [cumulative(a, x) for x in xs]
    ax.plot(xs, [c[0] for c in costs], label="RAG", color=plots.colour("rag"), lw=2)
    ax.plot(xs, [c[1] for c in costs], label="fine-tuning", color=plots.colour("fine-tuned"), lw=2)
    be = break_even(a, horizon)
    if be is not None:
        ax.axvline(be.month, color="grey", ls="--", lw=1)
        ax.plot([be.month], [be.cost], "ko")
        ax.annotate(
            f"break-even\nmonth {be.month:.1f}",
            (be.month, be.cost),
            textcoords="offset points",
            xytext=(8 if be.month < 0.7 * horizon else -72, -28),
            fontsize=9,
        )
    ax.set_xlabel("months in production")
    ax.set_ylabel("cumulative cost ($)")
    ax.yaxis.set_major_formatter(lambda v, _pos: f"${v:,.0f}")
    ax.set_xlim(0, horizon)
    top = max(max(max(c) for c in costs) * 1.05, ax.get_ylim()[1])  # never clip a line (shared axes too)
    ax.set_ylim(0, top)
    ax.legend(loc="upper left")
    return ax
