"""Unit tests for ftrag.cost: hand-computed costs and an exactly solved break-even."""

from __future__ import annotations

import math

import pytest

from ftrag import cost, cost_inputs

# Round numbers that are easy to check by hand.
SIMPLE = dict(
    queries_per_month=1_000_000,
    prompt_tokens=100,
    output_tokens=100,
    context_tokens=800,
    rag_price_in=1.0,
    rag_price_out=2.0,
    ft_price_in=0.5,
    ft_price_out=1.0,
    rag_setup=1_000.0,
    rag_storage_per_month=100.0,
    ft_examples=1_000,
    ft_cost_per_example=5.0,
    ft_training=3_000.0,
    ft_retrain_every_months=0,
    ft_hosting_per_month=0.0,
)


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


LAB1 = {"rag_prompt_tokens": 420.4, "e2e_latency_p50_s": 2.3456, "index_build_s": 12.0}
LAB2 = {
    "prompt_tokens_lora": 90.0,
    "prompt_tokens_prompt_only": 600.0,
    "latency_ms_lora": 400.4,
    "latency_ms_prompt_only": 900.0,
    "train_s": 800.0,
}


def test_inputs_from_labs_labels_every_input() -> None:
    got = cost_inputs.inputs_from_labs({"lab1_rag": LAB1, "lab2_lora": LAB2})
    x = got.assumptions
    assert x.prompt_tokens == 90 and x.prompt_tokens + x.context_tokens == 420  # a RAG query reads Lab 1's prompt
    assert x.rag_latency_ms == 2346.0 and x.ft_latency_ms == 400.0
    assert got.measured == ["prompt_tokens", "context_tokens", "rag_latency_ms", "ft_latency_ms"]
    assert got.source("context_tokens") == "measured (lab 1)" and got.source("prompt_tokens") == "measured (lab 2)"
    assert set(got.assumed) | set(got.measured) == {f.name for f in cost.fields(cost.CostAssumptions)}
    assert got.source("rag_price_in") == "assumed" and x.rag_price_in == cost.CostAssumptions().rag_price_in
    rows = {r["input"]: r for r in got.rows()}
    assert rows["context_tokens"]["source"] == "measured (lab 1)" and rows["rag_setup"]["source"] == "assumed"
    text = got.describe()
    assert "measured (lab 1): context_tokens, rag_latency_ms" in text and "measured (lab 2): prompt_tokens" in text


def test_inputs_from_labs_falls_back_to_assumptions() -> None:
    nothing = cost_inputs.inputs_from_labs({})
    assert nothing.assumptions == cost.CostAssumptions() and nothing.measured == []
    assert "run Lab 1 and Lab 2" in nothing.describe()
    only_lab1 = cost_inputs.inputs_from_labs({"lab1_rag": LAB1, "lab2_lora": None})
    assumed_prompt = cost.CostAssumptions().prompt_tokens
    assert (
        only_lab1.assumptions.context_tokens == 420 - assumed_prompt and only_lab1.source("prompt_tokens") == "assumed"
    )
    short = cost_inputs.inputs_from_labs(
        {"lab1_rag": {"rag_prompt_tokens": 50}, "lab2_lora": {"prompt_tokens_lora": 80}}
    )
    assert short.assumptions.context_tokens == 0  # never negative
    bad = cost_inputs.inputs_from_labs({"lab1_rag": {"rag_prompt_tokens": -3, "e2e_latency_p50_s": True}})
    assert bad.measured == []  # negative numbers and booleans are not measurements


def test_lab_inputs_reads_saved_results(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from saved_figures import write_saved

    monkeypatch.setenv("FTRAG_RESULTS_DIR", str(tmp_path))
    assert cost_inputs.lab_inputs().measured == []
    write_saved("lab2_lora", {**LAB2, "n_test": 40, "learning_curve": [{"examples": 25}]})
    got = cost_inputs.lab_inputs()
    assert got.measured == ["prompt_tokens", "ft_latency_ms"] and got.assumptions.prompt_tokens == 90


def test_article_comparison_gives_a_verdict_per_claim() -> None:
    rows = cost_inputs.article_comparison({"lab1_rag": LAB1, "lab2_lora": LAB2})
    assert [r["verdict"] for r in rows] == ["agrees", "agrees", "agrees"]
    assert "12 s" in rows[0]["your run"] and "800 s" in rows[0]["your run"]
    assert "assumed, not measured" in rows[2]["your run"]  # the smaller model's price is not measured here
    slow_lora = cost_inputs.article_comparison({"lab1_rag": LAB1, "lab2_lora": {**LAB2, "latency_ms_lora": 950.0}})
    assert slow_lora[2]["verdict"] == "partly"
    worse = {**LAB2, "latency_ms_lora": 950.0, "prompt_tokens_lora": 700.0, "train_s": 5.0}
    flipped = cost_inputs.article_comparison({"lab1_rag": LAB1, "lab2_lora": worse})
    assert [r["verdict"] for r in flipped] == ["disagrees", "disagrees", "disagrees"]
    missing = cost_inputs.article_comparison({"lab1_rag": None, "lab2_lora": LAB2})
    assert missing[0]["verdict"] == "not measured: run Lab 1" and missing[2]["verdict"] == "agrees"
    assert all(r["verdict"].startswith("not measured") for r in cost_inputs.article_comparison({}))


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


# ---- "Check your understanding" of notebook 05 ----------------------------------------------------------------


def test_05_fixed_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    from ftrag import checks
    from ftrag.checks import CheckFailed, answer

    for qid, answers in {"05.driver": ["queries", "Query volume"], "05.retrain": ["later", "never"]}.items():
        for value in answers:
            assert answer(qid, value) == "right"
        assert answer(qid, "  ") == "open"
        with pytest.raises(CheckFailed) as first:
            answer(qid, "sooner")
        with pytest.raises(CheckFailed) as second:
            answer(qid, "storage")
        assert str(first.value) != str(second.value)
        hints = " ".join(checks.keys.KEYS[qid].hints).lower()
        assert not any(f" {a.lower()} " in f" {hints} " for a in answers)


def test_05_judged_keys_follow_the_learners_inputs(monkeypatch: pytest.MonkeyPatch) -> None:
    from ftrag.checks import CheckFailed, answer
    from ftrag.checks.decide_and_cost import parse_number

    assert parse_number("month 6.7") == 6.7 and parse_number("1,250") == 1250 and parse_number("none") is None
    x = a()  # break-even at 7000 / 1050 = 6.67 months; a RAG query reads 900 tokens, a fine-tuned one 100
    for right in ("6.7", "7", "month 6.67", "6.2"):
        assert answer("05.break_even", right, assumptions=x, horizon=36) == "right"
    for wrong in ("6", "8", "none"):
        with pytest.raises(CheckFailed):
            answer("05.break_even", wrong, assumptions=x, horizon=36)
    assert answer("05.break_even", "none", assumptions=x, horizon=6) == "right"  # past the months shown
    assert answer("05.tokens", "9", assumptions=x) == "right" and answer("05.tokens", "9.3", assumptions=x) == "right"
    with pytest.raises(CheckFailed):
        answer("05.tokens", "8", assumptions=x)
    with pytest.raises(TypeError, match="calculator"):
        answer("05.break_even", "7", horizon=36)


def test_price_check_moves_each_unmeasured_price() -> None:
    base = cost.CostAssumptions()
    checked = cost.price_check(base)
    assert set(checked) == {"as set", *cost.PRICE_CHECKS} and checked["as set"] == cost.fine_tuning_pays(base)
    assert checked["as set"] and not checked["dedicated hosting at 10x the fee"]  # $500 a month outweighs the savings
    dear = cost.CostAssumptions.from_dict({"ft_price_in": 20.0, "ft_price_out": 20.0})  # a far dearer fine-tuned model
    assert not cost.fine_tuning_pays(dear) and cost.price_check(dear)["general model at half its price"] is False
