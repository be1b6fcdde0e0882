"""Unit tests for the claims ledger: verdicts follow the numbers, missing runs say what to run."""

from __future__ import annotations

import pytest

from ftrag import evidence as ev

RESULTS = {
    "lab1_rag": {
        "citation_correctness": 0.9,
        "n_answerable": 40,
        "hallucination_closed_book": 0.8,
        "hallucination_rag": 0.3,
        "scale_real_recall@5": 0.97,
        "scale_kb_only_recall@5": 1.0,
        "scale_recall@5": 0.6,
        "n_retrieval": 124,
        "scale_real_vectors": 2000,
        "scale_vectors": 20000,
        "index_build_s": 2.0,
        "update_sync_s": 0.6,
    },
    "lab2_lora": {
        "lora_compliance": 0.98,
        "prompt_only_compliance": 0.7,
        "untuned_compliance": 0.0,
        "n_test": 100,
        "lora_category_acc": 0.7,
        "prompt_only_category_acc": 0.2,
        "train_s": 300.0,
        "latency_ms_lora": 300.0,
        "latency_ms_prompt_only": 900.0,
        "prompt_tokens_lora": 80.0,
        "prompt_tokens_prompt_only": 400.0,
        "learning_curve": [
            {"examples": 300, "compliance": 0.98, "category_acc": 0.7, "n_test": 40, "steps": 38},
            {"examples": 25, "compliance": 0.6, "category_acc": 0.3, "n_test": 40, "steps": 38},
            {"examples": 75, "compliance": 0.96, "category_acc": 0.5, "n_test": 40, "steps": 38},
        ],
    },
    "lab3_embeddings": {
        "recall@1_tuned": 0.69,
        "recall@1_stock": 0.57,
        "n_test": 164,
        "questions_recall@1_tuned": 0.98,
        "questions_recall@1_stock": 1.0,
        "n_questions": 124,
    },
    "lab4_knowledge": {
        "mc_ft_docs_stable": 0.4,
        "mc_closed_book_stable": 0.35,
        "n_stable": 30,
        "mc_rag_changed_v2": 0.8,
        "mc_ft_docs_changed_v2": 0.2,
        "n_changed": 22,
        "mc_ft_docs_stale": 0.6,
        "mc_rag_stale": 0.05,
        "mc_rag_stable": 0.8,
        "reader_strict_answerable": 0.55,
        "base_rag_strict_answerable": 0.15,
        "n_answerable_eval": 40,
        "ft_text_loss": {"fine-tuned on facts + paraphrases": [3.4, 0.3]},
    },
    "cost": {
        "ft_cost_per_1000": 0.5,
        "rag_cost_per_1000": 3.0,
        "break_even_month": 7.5,
        "measured_inputs": ["context_tokens", "rag_latency_ms"],
        "compute_per_hour": 0.0,
        "price_check": {"as set": True, "fine-tuned model priced like the general one": True},
    },
}


def test_every_claim_gets_a_row_and_clear_gaps_say_what_to_run() -> None:
    rows = ev.ledger({})
    assert [r.claim for r in rows] == list(ev.CLAIMS)
    assert all(r.verdict == ev.NOT_MEASURED and r.note.startswith("run ") for r in rows)
    assert "Not measured yet" in ev.closing_text(rows)


def test_verdicts_follow_the_numbers() -> None:
    rows = {r.claim: r for r in ev.ledger(RESULTS)}
    assert rows["F1"].verdict == ev.SUPPORTS and rows["R4"].verdict == ev.SUPPORTS and rows["Q1"].verdict == ev.SUPPORTS
    assert rows["F3"].verdict == ev.CONTRADICTS and rows["F3"].value == 75  # 0.95 reached with 75 tickets
    assert rows["F5"].verdict == ev.INCONCLUSIVE  # 0.40 vs 0.35 on 30 questions
    assert rows["R3"].verdict == ev.SUPPORTS and rows["C"].verdict == ev.SUPPORTS
    assert "recall@5 0.60" in rows["R3"].note  # graded on real texts; the blends only reported
    assert rows["TLDR"].verdict == ev.SUPPORTS and rows["S1"].verdict == ev.SUPPORTS
    flipped = {
        **RESULTS,
        "lab1_rag": {**RESULTS["lab1_rag"], "hallucination_rag": 0.95, "hallucination_closed_book": 0.2},
    }
    assert {r.claim: r for r in ev.ledger(flipped)}["R4"].verdict == ev.CONTRADICTS
    text = ev.closing_text(list(rows.values()))
    assert text.startswith("Your runs support") and "F3" in text and "F5" in text


def test_f3_grades_only_a_curve_whose_sizes_trained_equally() -> None:
    """Fewer tickets with fewer steps would mix data with training (Lab 2 before 2026-12-07: 10 vs 38 steps)."""
    curve = RESULTS["lab2_lora"]["learning_curve"]
    assert "every size 38 steps" in ev.CLAIMS["F3"](RESULTS).note
    for changed, said in (({"steps": 10}, "steps: 10, 38"), ({"steps": None}, "steps: 38")):
        mixed = [{**curve[0], **changed}, *curve[1:]]
        row = ev.CLAIMS["F3"]({**RESULTS, "lab2_lora": {**RESULTS["lab2_lora"], "learning_curve": mixed}})
        assert row.verdict == ev.NOT_MEASURED and "re-run Lab 2" in row.note and said in row.note, row.note


def test_every_measured_row_names_its_population() -> None:
    rows = ev.ledger(RESULTS)
    assert [r.claim for r in rows if r.verdict != ev.NOT_MEASURED and not r.population] == []
    assert "Q1: changed facts" in {r.claim: r for r in rows}["TLDR"].population  # a joint row names its parts'


def test_table_has_one_row_per_claim() -> None:
    frame = ev.table(ev.ledger(RESULTS))
    assert len(frame) == len(ev.CLAIMS) and {"verdict", "95% interval", "n"} <= set(frame.columns)
    assert list(frame.index) == list(ev.CLAIMS) and frame.index.name == "claim"
    assert "NaN" not in frame.to_string() and "None" not in frame.to_string()
    assert all(frame["rule"].str.len() > 20)  # every verdict says how it was reached


@pytest.mark.parametrize("claim", list(ev.CLAIMS))
def test_each_claim_survives_partial_results(claim: str) -> None:
    full = ev.CLAIMS[claim](RESULTS)
    assert full.verdict != ev.NOT_MEASURED
    verdicts = []
    for name in RESULTS:
        partial = {k: v for k, v in RESULTS.items() if k != name}
        row = ev.CLAIMS[claim](partial)
        if row.verdict == ev.NOT_MEASURED:
            assert row.note.startswith("run ") and row.value is None, row  # says what to run, shows no number
        else:
            # a result set the claim does not grade on leaves its verdict and figures alone (a note may say more)
            assert (row.verdict, row.value, row.interval) == (full.verdict, full.value, full.interval), (name, row)
        verdicts.append(row.verdict)
    assert ev.NOT_MEASURED in verdicts  # every claim reads at least one saved result set


def test_a_fine_tune_that_did_not_learn_its_text_is_not_graded() -> None:
    lab4 = dict(RESULTS["lab4_knowledge"])
    lab4["ft_text_loss"] = {"fine-tuned on facts + paraphrases": [3.40, 3.41]}  # seen once: the loss did not move
    rows = {r.claim: r for r in ev.ledger({**RESULTS, "lab4_knowledge": lab4})}
    for claim in ("F5", "R1", "Q1"):
        assert rows[claim].verdict == ev.NOT_MEASURED and "did not learn" in rows[claim].note
        assert rows[claim].value is None and "3.40 -> 3.41" in rows[claim].note
    assert rows["R4"].verdict == ev.SUPPORTS  # rows without a fine-tune are graded as before
    del lab4["ft_text_loss"]  # saved by an older lab: it cannot say, so it asks for a re-run
    assert ev.CLAIMS["F5"]({**RESULTS, "lab4_knowledge": lab4}).note.startswith("re-run the lab")


def test_b2_reports_the_drop_on_plain_questions() -> None:
    assert ev.CLAIMS["B2"](RESULTS).verdict == ev.SUPPORTS  # 1.00 -> 0.98 on 124: no clear drop
    assert "1.00 -> 0.98 on 124 plain course questions" in ev.CLAIMS["B2"](RESULTS).note
    dropped = {**RESULTS["lab3_embeddings"], "questions_recall@1_tuned": 0.81}  # Lab 3's run of 2026-12-06
    row = ev.CLAIMS["B2"]({**RESULTS, "lab3_embeddings": dropped})
    assert row.verdict == ev.INCONCLUSIVE and "drop" in row.note and "1.00 -> 0.81" in row.note


def test_cost_depends_on_prices_when_a_price_check_flips_it() -> None:
    row = ev.CLAIMS["C"](RESULTS)
    assert row.verdict == ev.SUPPORTS and "rag_latency_ms (costs nothing at compute_per_hour = 0)" in row.note
    flips = {**RESULTS["cost"], "price_check": {"as set": True, "dedicated hosting at 10x the fee": False}}
    row = ev.CLAIMS["C"]({**RESULTS, "cost": flips})
    assert row.verdict == ev.INCONCLUSIVE and "depends on prices, fails with: dedicated hosting" in row.note
    never = {**RESULTS["cost"], "price_check": {"as set": False, "x": False}}
    assert ev.CLAIMS["C"]({**RESULTS, "cost": never}).verdict == ev.CONTRADICTS
    old = {k: v for k, v in RESULTS["cost"].items() if k != "price_check"}  # saved before the price check existed
    assert ev.CLAIMS["C"]({**RESULTS, "cost": old}).note.startswith("re-run notebook 05")


def test_closing_text_gives_each_undecided_row_its_reason() -> None:
    flips = {**RESULTS["cost"], "price_check": {"as set": True, "dedicated hosting at 10x the fee": False}}
    lab4 = {**RESULTS["lab4_knowledge"], "mc_ft_docs_stable": 0.45, "mc_closed_book_stable": 0.35}
    text = ev.closing_text(ev.ledger({**RESULTS, "cost": flips, "lab4_knowledge": lab4}))
    wide = text.split("For ")[1].split(" the intervals allow either answer")[0]
    assert "F5" in wide.split(", ") and "C" not in wide.split(", ")  # F5: 0.45 vs 0.35 on 30 straddles zero
    assert "C depend on more than one figure" in text  # prices, not the interval, leave C undecided


def test_each_row_names_the_models_of_the_result_sets_it_read() -> None:
    named = {name: dict(saved) for name, saved in RESULTS.items()}
    named["lab1_rag"] |= {"generator": "SmolLM2-135M-Instruct + Lab 4's reader adapter", "embedder": "all-MiniLM-L6-v2"}
    named["lab3_embeddings"] |= {"embedder": "all-MiniLM-L6-v2, stock and fine-tuned here"}
    rows = {r.claim: r for r in ev.ledger(named)}
    assert rows["R2"].models == "generator: SmolLM2-135M-Instruct + Lab 4's reader adapter; embedder: all-MiniLM-L6-v2"
    assert rows["B2"].models == "embedder: all-MiniLM-L6-v2, stock and fine-tuned here"  # Lab 3 alone
    assert rows["Q3"].models == ""  # Lab 2 saved no model names here: nothing is claimed
    assert "models" in ev.table(list(rows.values())).columns
