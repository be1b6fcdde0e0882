"""One plotting style for the whole course: a colour-blind-safe palette (Okabe and Ito) and consistent labels."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# Okabe & Ito (2008), safe for the common colour-vision deficiencies; named by role so that a colour means the same
# thing in every plot of the course.
PALETTE: dict[str, str] = {
    "base": "#999999",  # the untouched model, closed book
    "rag": "#0072B2",  # retrieval
    "fine-tuned": "#E69F00",  # fine-tuning
    "both": "#009E73",  # RAG + fine-tuning
    "reader": "#CC79A7",  # the RAFT-style reader
    "other": "#56B4E9",
    "stale": "#D55E00",  # an out-of-date answer
}
CYCLE: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")


def use_course_style() -> None:
    """Apply the course style to matplotlib: the palette as the colour cycle, readable sizes, light grid."""
    import matplotlib as mpl
    from cycler import cycler

    mpl.rcParams.update(
        {
            "axes.prop_cycle": cycler(color=CYCLE),
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "figure.dpi": 100,
            "font.size": 10,
            "axes.titlesize": 11,
            "legend.fontsize": 9,
        }
    )


def colour(role: str) -> str:
    """The colour of a role ("rag", "fine-tuned", ...); unknown roles get the neutral 'other' colour."""
    return PALETTE.get(role, PALETTE["other"])


def bars(
    values: Mapping[str, float],
    roles: Sequence[str] | None = None,
    *,
    xlabel: str = "",
    title: str = "",
    xlim: tuple[float, float] | None = (0, 1),
    errors: Mapping[str, tuple[float, float]] | None = None,
    ax: Any = None,
) -> Any:
    """Horizontal bars, one per label (top to bottom in the given order), optionally with 95% intervals."""
    import matplotlib.pyplot as plt

    use_course_style()
    labels = list(values)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.45 * len(labels) + 1.2))
    colours = [colour(r) for r in roles] if roles else [CYCLE[0]] * len(labels)
    err = None
    if errors:
        # max(0, ...): a rate of 1.0 may sit a rounding error above its interval's upper end
        err = [
            [max(0.0, values[k] - errors[k][0]) for k in labels],
            [max(0.0, errors[k][1] - values[k]) for k in labels],
        ]
    ax.barh(labels, [values[k] for k in labels], color=colours, xerr=err, capsize=3 if err else 0)
    for y, k in enumerate(labels):
        ax.text(values[k] + 0.01, y, f"{values[k]:.2f}", va="center", fontsize=8)
    ax.invert_yaxis()
    if xlim:
        ax.set_xlim(*xlim)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    return ax


def runs_plot(table: Any, x: str, ys: Sequence[str], *, title: str = "", ax: Any = None) -> Any:
    """A re-measure table (one row per setting tried) as lines: each measured figure against the setting."""
    import matplotlib.pyplot as plt

    use_course_style()
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3))
    data = table.sort_values(x)
    for y in ys:
        ax.plot(data[x], data[y], marker="o", label=y)
    ax.set_xlabel(x)
    ax.set_title(title or f"Your runs: {', '.join(ys)} by {x}")
    ax.legend()
    return ax


def plot_evidence(items: Iterable[Any]) -> Any:
    """One bar chart per `ftrag.findings.Finding` (course colours by role); returns the figure, or None if none."""
    import matplotlib.pyplot as plt

    items = list(items)
    if not items:
        return None
    use_course_style()
    heights = [0.34 * len(e.stages) + 1.1 for e in items]
    fig, axes = plt.subplots(len(items), 1, figsize=(7.5, sum(heights)), gridspec_kw={"height_ratios": heights})
    for ax, e in zip([axes] if len(items) == 1 else list(axes), items, strict=True):
        n = f" (n={e.n})" if e.n is not None else ""
        bars(
            {label: value for label, value, _ in e.stages},
            [role for _, _, role in e.stages],
            xlabel=f"{'higher' if e.higher_is_better else 'lower'} is better",
            title=textwrap.shorten(f"{e.lab}: {e.what}{n}", 90),
            ax=ax,
        )
    fig.tight_layout()
    return fig
