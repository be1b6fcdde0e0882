"""The cost calculator widget over `ftrag.cost`: sliders for every assumption, totals, break-even and a plot.

CSS classes (for browser tests and styling):
    ftrag-cost                      the whole calculator
    ftrag-cost-queries              queries per month (a number field: the first input of the widget)
    ftrag-cost-<field>              the slider of each other `CostAssumptions` field, e.g. ftrag-cost-context_tokens
    ftrag-cost-horizon              months shown
    ftrag-cost-result               the text result (set-up, monthly, totals, break-even)
    ftrag-cost-message              a visible message about a bad value
    ftrag-cost-plot                 the cumulative-cost plot (an Output)
    ftrag-cost-inputs               every input with its value and source: measured (lab N), assumed, or set by you
    ftrag-cost-levels               the article's qualitative cost levels

`CostCalculator(inputs=ftrag.cost_inputs.lab_inputs())` starts from what the labs measured (the rest assumed);
`CostCalculator(defaults={"queries_per_month": 2_000, "context_tokens": 900, ...})` takes any
`ftrag.cost.CostAssumptions` field on top (those count as set by you); unknown names raise ValueError.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import asdict, fields
from typing import Any

import ipywidgets as widgets

from ftrag import cost, cost_inputs
from ftrag.widgets.base import CSS, Displayable, classes, warn

_SLIDERS: dict[str, tuple[str, float, float, float]] = {
    "prompt_tokens": ("Prompt tokens", 0, 4_000, 10),
    "output_tokens": ("Output tokens", 0, 2_000, 10),
    "context_tokens": ("RAG context tokens", 0, 8_000, 10),
    "rag_price_in": ("RAG model $/1M in", 0, 20, 0.05),
    "rag_price_out": ("RAG model $/1M out", 0, 60, 0.05),
    "ft_price_in": ("FT model $/1M in", 0, 20, 0.05),
    "ft_price_out": ("FT model $/1M out", 0, 60, 0.05),
    "rag_setup": ("RAG set-up $", 0, 100_000, 500),
    "rag_storage_per_month": ("RAG storage $/month", 0, 5_000, 10),
    "ft_examples": ("FT labelled examples", 0, 50_000, 100),
    "ft_cost_per_example": ("FT $ per example", 0, 50, 0.5),
    "ft_training": ("FT training run $", 0, 50_000, 250),
    "ft_retrain_every_months": ("FT retrain every N months (0 = never)", 0, 24, 1),
    "ft_hosting_per_month": ("FT hosting $/month", 0, 5_000, 10),
    "compute_per_hour": ("Self-hosted machine $/hour (0 = per token)", 0, 20, 0.1),
    "rag_latency_ms": ("RAG ms per query", 0, 10_000, 1),
    "ft_latency_ms": ("FT ms per query", 0, 10_000, 1),
}
COMPACT_FIELDS = ("context_tokens", "ft_retrain_every_months")
MAX_QUERIES = 1_000_000_000


class CostCalculator(Displayable):
    """Controls for every cost assumption; shows totals, the exact break-even and a cumulative-cost plot."""

    def __init__(
        self,
        defaults: Mapping[str, Any] | None = None,
        horizon: int = 36,
        compact: bool = False,
        plot: bool = True,
        inputs: cost_inputs.CostInputs | None = None,
    ) -> None:
        """Build the calculator from `inputs` (measured or assumed) and `defaults`; `compact` shows fewer sliders."""
        self.inputs = inputs or cost_inputs.CostInputs(cost.CostAssumptions(), {})
        overrides = dict(defaults or {})
        self.base = cost.CostAssumptions.from_dict({**asdict(self.inputs.assumptions), **overrides})
        self._given = set(overrides)
        self._plot = plot
        values = asdict(self.base)
        self.queries = classes(
            widgets.IntText(value=values["queries_per_month"], description="Queries / month"), "ftrag-cost-queries"
        )
        self.queries.style.description_width = "280px"
        self.queries.layout.width = "400px"
        self.sliders: dict[str, widgets.Widget] = {}
        shown = COMPACT_FIELDS if compact else tuple(_SLIDERS)
        for name in shown:
            label, lo, hi, step = _SLIDERS[name]
            value = values[name]
            hi = max(hi, value)  # an override above the usual range still fits
            kind = widgets.IntSlider if name in cost._INTS else widgets.FloatSlider
            slider = kind(value=value, min=lo, max=hi, step=step, description=label, continuous_update=False)
            slider.style.description_width = "280px"
            slider.layout.width = "620px"
            classes(slider, f"ftrag-cost-{name}")
            slider.observe(self._update, names="value")
            self.sliders[name] = slider
        self.horizon = classes(
            widgets.IntSlider(
                value=horizon, min=6, max=max(120, horizon), step=6, description="Months shown", continuous_update=False
            ),
            "ftrag-cost-horizon",
        )
        self.horizon.style.description_width = "280px"
        self.horizon.layout.width = "620px"
        self.queries.observe(self._update, names="value")
        self.horizon.observe(self._update, names="value")
        self.message = classes(widgets.HTML(""), "ftrag-cost-message")
        self.result = classes(widgets.HTML(""), "ftrag-cost-result")
        self.plot_out = classes(widgets.Output(), "ftrag-cost-plot")
        self.inputs_html = classes(widgets.HTML(""), "ftrag-cost-inputs")
        self.levels = classes(widgets.HTML(self._levels_html()), "ftrag-cost-levels")
        self.ui = classes(
            widgets.VBox(
                [
                    widgets.HTML(CSS),
                    self.queries,
                    *self.sliders.values(),
                    self.horizon,
                    self.message,
                    self.result,
                    self.plot_out,
                    self.inputs_html,
                    self.levels,
                ]
            ),
            "ftrag-cost",
        )
        self._update()

    @staticmethod
    def _levels_html() -> str:
        """The article's qualitative cost levels as a small table."""
        rows = "".join(
            f"<tr><td><b>{k}</b></td><td>{html.escape(v['set-up'])}</td><td>{html.escape(v['ongoing'])}</td></tr>"
            for k, v in cost.ARTICLE_LEVELS.items()
        )
        return f"<table><tr><th></th><th>Set-up (article)</th><th>Ongoing (article)</th></tr>{rows}</table>"

    def assumptions(self) -> cost.CostAssumptions:
        """The assumptions the controls show now (ValueError with a readable message if one is bad)."""
        q = self.queries.value
        if q is None or not 0 <= q <= MAX_QUERIES:
            raise ValueError(f"Queries per month must be between 0 and {MAX_QUERIES:,}; got {q}.")
        values = {name: s.value for name, s in self.sliders.items()}
        return cost.CostAssumptions.from_dict({**asdict(self.base), **values, "queries_per_month": int(q)})

    def _update(self, _change: Any = None) -> None:
        """Recompute the summary and redraw the plot; a bad value shows a message and keeps the last plot."""
        try:
            a = self.assumptions()
        except (TypeError, ValueError) as err:
            self.message.value = warn(str(err))
            return
        self.message.value = ""
        summary, sources = cost.summary(a, self.horizon.value), self.sources_line(a)
        self.result.value = f"<p>{html.escape(summary)}</p><p><i>{html.escape(sources)}</i></p>"
        self.inputs_html.value = (
            f"<details><summary><b>Inputs and where they come from</b></summary>{self.assumptions_table()}</details>"
        )
        if self._plot:
            import matplotlib.pyplot as plt
            from IPython.display import display

            self.plot_out.clear_output(wait=True)
            fig, ax = plt.subplots(figsize=(7, 3.4))
            cost.plot_cumulative(a, self.horizon.value, ax=ax)
            fig.tight_layout()
            with self.plot_out:
                display(fig)
            plt.close(fig)

    def source(self, name: str, value: Any = None) -> str:
        """Where an input's current value comes from: measured (lab N), assumed, or set by you."""
        start = getattr(self.base, name)
        if name in self._given or (value is not None and value != start):
            return "set by you"
        return self.inputs.source(name)

    def sources_line(self, a: cost.CostAssumptions) -> str:
        """One line: which inputs are measured, set by you, and how many are assumed."""
        values = asdict(a)
        groups: dict[str, list[str]] = {}
        for f in fields(cost.CostAssumptions):
            groups.setdefault(self.source(f.name, values[f.name]), []).append(f.name)
        assumed = len(groups.pop(cost_inputs.ASSUMED, []))
        shown = [f"{src}: {', '.join(names)}" for src, names in sorted(groups.items())]
        return (
            "Inputs " + "; ".join([*shown, f"assumed: {assumed} others" if shown else f"assumed: all {assumed}"]) + "."
        )

    def assumptions_table(self) -> str:
        """HTML table of every input: current value, its source (measured, assumed, set by you) and what it means."""
        try:
            a = asdict(self.assumptions())
        except (TypeError, ValueError):
            a = asdict(self.base)
        rows = "".join(
            f"<tr><td><code>{f.name}</code></td><td>{a[f.name]:,}</td><td>{html.escape(self.source(f.name, a[f.name]))}"
            f"</td><td>{html.escape(cost.ASSUMPTION_NOTES[f.name])}</td></tr>"
            for f in fields(cost.CostAssumptions)
        )
        return f"<table><tr><th>input</th><th>value</th><th>source</th><th>meaning</th></tr>{rows}</table>"
