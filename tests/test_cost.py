"""Unit tests for ftrag.cost: hand-computed costs and an exactly solved break-even."""

from __future__ import annotations

import math

import pytest
from saved_figures import SIMPLE

from ftrag import cost


def a(**changes: float) -> cost.CostAssumptions:
    """The simple assumptions with some fields changed."""
    return cost.CostAssumptions.from_dict({**SIMPLE, **changes})


def test_hand_computed_costs() -> None:
    x = a()
    # RAG query: 900 tokens in at $1/M + 100 out at $2/M = 0.0009 + 0.0002
    assert math.isclose(cost.rag_query_cost(x), 0.0011)
    # fine-tuned query: 100 in at $0.5/M + 100 out at $1/M = 0.00005 + 0.0001
    assert math.isclose(cost.ft_query_cost(x), 0.00015)
    assert math.isclose(cost.rag_monthly_cost(x), 1_100 + 100)
    assert math.isclose(cost.ft_monthly_cost(x), 150)
    assert math.isclose(cost.ft_monthly_cost(a(ft_hosting_per_month=40.0)), 190)
    assert cost.rag_setup_cost(x) == 1_000
    assert cost.ft_setup_cost(x) == 1_000 * 5 + 3_000
    rag, ft = cost.cumulative(x, 10)
    assert math.isclose(rag, 1_000 + 10 * 1_200) and math.isclose(ft, 8_000 + 10 * 150)


def test_break_even_is_exact() -> None:
    # 1000 + 1200 m = 8000 + 150 m  ->  m = 7000 / 1050
    be = cost.break_even(a())
    assert be is not None and be.cheaper_after == "fine-tuning"
    assert math.isclose(be.month, 7000 / 1050, rel_tol=1e-12)
    rag, ft = cost.cumulative(a(), be.month)
    assert math.isclose(rag, ft) and math.isclose(be.cost, rag)


def test_no_break_even_when_rag_is_cheaper_every_month() -> None:
    assert cost.break_even(a(ft_price_in=10.0, ft_price_out=20.0)) is None
    assert cost.break_even(a(), horizon=6) is None  # crossing at 6.67 is past the horizon
    assert cost.break_even(a(rag_setup=8_000.0)) is None  # equal set-up: no crossing to report


def test_retraining_adds_steps_and_can_flip_the_order_at_a_jump() -> None:
    x = a(ft_retrain_every_months=3)
    assert cost.retrains_by(x, 2.9) == 0 and cost.retrains_by(x, 3) == 1 and cost.retrains_by(x, 9.5) == 3
    rag, ft = cost.cumulative(x, 6)
    assert math.isclose(ft, 8_000 + 6 * 150 + 2 * 3_000) and math.isclose(rag, 1_000 + 6 * 1_200)
    # Gap ft - rag: 7000 - 1050 m, plus 3000 at m = 3, 6, ...: never closes, so no break-even.
    assert cost.break_even(x, horizon=60) is None
    # Fine-tuning cheaper from the start and getting cheaper faster: a jump of 3000 at month 4 does not flip it.
    assert cost.break_even(a(rag_setup=9_000.0, ft_retrain_every_months=4), horizon=12) is None
    z = cost.CostAssumptions.from_dict(
        {
            **SIMPLE,
            "queries_per_month": 0,
            "rag_storage_per_month": 0.0,
            "rag_setup": 9_000.0,
            "ft_retrain_every_months": 4,
        }
    )
    be = cost.break_even(z, horizon=12)  # gap -1000 until month 4, then +2000: flips at the jump
    assert be is not None and be.month == 4.0 and be.cheaper_after == "rag"


def test_linear_crossing_inside_a_retraining_interval() -> None:
    # gap = 7000 - 1050 m + 3000 * floor(m / 12): crosses inside the first interval at 6.67, before any retrain.
    be = cost.break_even(a(ft_retrain_every_months=12))
    assert be is not None and math.isclose(be.month, 7000 / 1050)
    # retrain every 5 months, ft set-up 1400*5 + 3000 = 10000, so gap0 = 9000, slope -1050:
    # 9000 -> 3750 at month 5, jumps to 6750; -> 1500 at month 10, jumps to 4500; zero at 10 + 4500/1050 = 14.29.
    be = cost.break_even(a(ft_retrain_every_months=5, ft_training=3_000.0, ft_examples=1_400))
    assert be is not None and math.isclose(be.month, 10 + 4500 / 1050) and be.cheaper_after == "fine-tuning"


def test_summary() -> None:
    assert cost.cumulative(a(), 0) == (1_000, 8_000)
    text = cost.summary(a(), 36)
    assert "Break-even at month 6.7" in text and "fine-tuning is cheaper" in text
    assert "No break-even" in cost.summary(a(), 6)


def test_bad_assumptions_raise_clear_errors() -> None:
    with pytest.raises(ValueError, match="Unknown cost assumption"):
        cost.CostAssumptions.from_dict({"queries": 5})
    with pytest.raises(ValueError, match=">= 0"):
        cost.CostAssumptions.from_dict({"rag_setup": -1})
    with pytest.raises(ValueError, match="whole number"):
        cost.CostAssumptions.from_dict({"prompt_tokens": 10.5})
    with pytest.raises(TypeError):
        cost.CostAssumptions.from_dict({"rag_setup": "cheap"})
    with pytest.raises(ValueError):
        cost.cumulative(a(), -1)


def test_plot_marks_the_break_even() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = cost.plot_cumulative(a(), 24)
    assert [line.get_label() for line in ax.get_lines()][:2] == ["RAG", "fine-tuning"]
    assert any("break-even" in t.get_text() for t in ax.texts)
    plt.close(ax.figure)


def test_self_hosting_turns_latency_into_cost() -> None:
    x = a()
    assert cost.CostAssumptions().compute_per_hour == 0  # by default only tokens are billed
    hosted = a(compute_per_hour=3.6, rag_latency_ms=2_000.0, ft_latency_ms=500.0)
    # 3.6 $/hour = 0.001 $/second: 2 s -> $0.002 more per RAG query, 0.5 s -> $0.0005 per fine-tuned query
    assert math.isclose(cost.rag_query_cost(hosted), cost.rag_query_cost(x) + 0.002)
    assert math.isclose(cost.ft_query_cost(hosted), cost.ft_query_cost(x) + 0.0005)


def test_per_1000_queries_spreads_monthly_costs() -> None:
    rag, ft = cost.per_1000_queries(a())
    assert math.isclose(rag, 1000 * 1_200 / 1_000_000) and math.isclose(ft, 1000 * 150 / 1_000_000)
    idle = a(queries_per_month=0)
    assert cost.per_1000_queries(idle) == (1000 * cost.rag_query_cost(idle), 1000 * cost.ft_query_cost(idle))


def test_plot_uses_course_colours_and_never_clips_a_shared_axis() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ftrag.plots import colour

    fig, axes = plt.subplots(1, 2, sharey=True)
    cost.plot_cumulative(a(), 24, ax=axes[0])
    retrain = a(ft_retrain_every_months=2)
    cost.plot_cumulative(retrain, 24, ax=axes[1])
    rag_line, ft_line = axes[0].get_lines()[:2]
    assert rag_line.get_color() == colour("rag") and ft_line.get_color() == colour("fine-tuned")
    assert axes[0].get_ylim()[1] >= cost.cumulative(retrain, 24)[1]  # the steeper line on the right still fits
    plt.close(fig)


def test_price_check_moves_each_unmeasured_price() -> None:
    base = cost.CostAssumptions()
    checked = cost.price_check(base)
    assert set(checked) == {"as set", *cost.PRICE_CHECKS} and checked["as set"] == cost.fine_tuning_pays(base)
    assert checked["as set"] and not checked["dedicated hosting at 10x the fee"]  # $500 a month outweighs the savings
    dear = cost.CostAssumptions.from_dict({"ft_price_in": 20.0, "ft_price_out": 20.0})  # a far dearer fine-tuned model
    assert not cost.fine_tuning_pays(dear) and cost.price_check(dear)["general model at half its price"] is False
