"""Unit tests for ftrag.cost_inputs: the cost model's inputs taken from what Labs 1 and 2 measured."""

from __future__ import annotations

import pytest

from ftrag import cost, cost_inputs

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
