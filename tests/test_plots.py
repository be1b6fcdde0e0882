"""Unit tests for ftrag.plots: the course colours, bars with intervals, re-measure lines, the evidence panels."""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from saved_figures import LAB1, LAB2  # noqa: E402

from ftrag import findings, plots  # noqa: E402
from ftrag.plots import colour  # noqa: E402


def test_each_role_keeps_its_colour_and_unknown_roles_are_neutral() -> None:
    assert colour("rag") != colour("fine-tuned") and colour("no such role") == plots.PALETTE["other"]


def test_bars_keep_the_given_order_and_never_draw_a_negative_error() -> None:
    values = {"closed book": 0.2, "RAG": 1.0}
    ax = plots.bars(values, ["base", "rag"], errors={"closed book": (0.1, 0.4), "RAG": (0.83, 0.9999)})
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["closed book", "RAG"] and ax.yaxis_inverted()  # first label on top
    assert matplotlib.colors.to_hex(ax.patches[1].get_facecolor()) == colour("rag").lower()
    caps = [line for line in ax.lines if len(line.get_xdata())]
    assert caps  # the intervals are drawn; the RAG one, a rounding error below its value, is not inverted
    plt.close(ax.figure)


def test_runs_plot_draws_each_figure_against_the_setting_in_order() -> None:
    pd = pytest.importorskip("pandas")
    table = pd.DataFrame({"k": [5, 1, 3], "recall@5": [0.9, 0.5, 0.8]})
    ax = plots.runs_plot(table, "k", ["recall@5"])
    (line,) = ax.get_lines()
    assert list(line.get_xdata()) == [1, 3, 5] and list(line.get_ydata()) == [0.5, 0.8, 0.9]
    assert ax.get_title() == "Your runs: recall@5 by k"
    plt.close(ax.figure)


def test_plot_evidence_draws_one_panel_per_item() -> None:
    assert plots.plot_evidence([]) is None
    items = findings.findings({"lab1_rag": LAB1, "lab2_lora": LAB2})
    fig = plots.plot_evidence(items)
    assert len(fig.axes) == len(items)
    first = fig.axes[0]
    assert first.get_title().startswith("Lab 1: hallucination") and first.get_xlabel() == "lower is better"
    assert matplotlib.colors.to_hex(first.patches[1].get_facecolor()) == colour("rag").lower()
    plt.close(fig)
