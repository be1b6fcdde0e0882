"""Unit tests for ftrag.capstone (architectures, subset, answer format, examples, scoring, cost) and Lab 4 checks."""

from __future__ import annotations

import pytest

from ftrag import capstone as cap
from ftrag import cost
from ftrag.checks import CheckFailed, lab4
from ftrag.rag import IDK, Hit

QUESTIONS = [
    {
        "id": f"q{i}",
        "question": f"question {i}?",
        "kind": kind,
        "v2": {
            "doc_ids": [] if kind == "unanswerable" else ["d1"],
            "answer": None if kind == "unanswerable" else "45 days",
        },
    }
    for i, kind in enumerate(["stable"] * 6 + ["changed"] * 3 + ["unanswerable"] * 2)
]


def test_architectures_cover_the_issue():
    assert cap.ARCH_KEYS == ("base", "prompted", "lora", "rag", "rag_tuned_emb", "rag_tuned_both")
    assert cap.architecture("rag_tuned_both").generator == "lora"
    with pytest.raises(ValueError, match="Unknown architecture"):
        cap.architecture("magic")


def test_stratified_subset_is_fixed_and_stratified():
    a = cap.stratified_subset(QUESTIONS, {"stable": 2, "changed": 1, "unanswerable": 1}, seed=1)
    b = cap.stratified_subset(QUESTIONS, {"stable": 2, "changed": 1, "unanswerable": 1}, seed=1)
    assert a == b and len(a) == 4
    assert [q["kind"] for q in a].count("stable") == 2
    assert [q["id"] for q in a] == sorted((q["id"] for q in a), key=lambda i: int(i[1:]))  # data order kept
    with pytest.raises(ValueError):
        cap.stratified_subset(QUESTIONS, {"changed": 4})


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Returns are accepted within 45 days [2].", True),
        ("Returns are accepted within 45 days [2]", True),
        (IDK, True),
        ("Returns are accepted within 45 days.", False),  # no citation
        ("Returns are accepted [1] within 45 days.", False),  # citation not at the end
        ("Yes. Returns are accepted within 45 days [1].", False),  # two sentences
        ("Returns are accepted within 45 days [7].", False),  # source number out of range
        (" ".join(["word"] * 41) + " [1].", False),  # too long
        ("I don't know, sorry.", False),
    ],
)
def test_format_ok(text, ok):
    assert cap.format_ok(text, k=3) is ok


def test_cited_answer_and_behaviour_examples():
    assert cap.cited_answer("  Refunds take   5 days. ", 2) == "Refunds take 5 days [2]."
    with pytest.raises(ValueError):
        cap.cited_answer(" . ", 1)
    pairs = [{"query": "money back when", "doc_id": "d2", "passage": "Refunds take 5 days."}] * 20
    hits = [[Hit("d1", "Other text.", 0.9), Hit("d2", "Refunds take 5 days.", 0.8)]] * 20
    examples = cap.behaviour_examples(pairs, hits, unanswerable_share=0.3, seed=0)
    targets = [t for _, t in examples]
    assert set(targets) == {"Refunds take 5 days [2].", IDK}
    assert 0 < targets.count(IDK) < 20
    assert all(cap.format_ok(t) for t in targets)
    messages, _ = examples[0]
    assert messages[0]["role"] == "system" and "[1] Other text." in messages[1]["content"]
    with pytest.raises(ValueError):
        cap.behaviour_examples(pairs, hits[:3])
    focused = [[Hit("d2", "A different sentence.", 0.8)]] * 3  # the document is shown, the passage is not
    with pytest.raises(ValueError, match="No usable example"):
        cap.behaviour_examples(pairs[:3], focused, unanswerable_share=0.0)


def test_score_answers():
    qs = [QUESTIONS[0], QUESTIONS[9]]  # one answerable, one unanswerable
    scores = cap.score_answers(qs, ["You have 45 days [1].", IDK], [["d1"], []])
    assert scores == {"accuracy": 1.0, "format_compliance": 1.0, "citation_correctness": 1.0, "n": 2.0}
    scores = cap.score_answers(qs, ["You have 30 days.", "It is 3 days [1]."], [[], ["d9"]])
    assert scores["accuracy"] == 0.0 and scores["format_compliance"] == 0.5 and scores["citation_correctness"] == 0.0
    with pytest.raises(ValueError):
        cap.score_answers(qs, ["x"], [[]])


def test_cost_per_1000_uses_the_cost_model():
    a = cost.CostAssumptions(queries_per_month=10_000, rag_storage_per_month=100.0, ft_hosting_per_month=50.0)
    base = cap.cost_per_1000(cap.architecture("base"), 100, 20, a)
    assert base == pytest.approx(1000 * (100 * a.rag_price_in + 20 * a.rag_price_out) / 1e6)
    ragged = cap.cost_per_1000(cap.architecture("rag"), 400, 20, a)
    assert ragged == pytest.approx(1000 * (400 * a.rag_price_in + 20 * a.rag_price_out) / 1e6 + 1000 * 100 / 10_000)
    lora = cap.cost_per_1000(cap.architecture("lora"), 100, 20, a)
    assert lora == pytest.approx(1000 * (100 * a.ft_price_in + 20 * a.ft_price_out) / 1e6 + 1000 * 50 / 10_000)
    with pytest.raises(ValueError):
        cap.cost_per_1000(cap.architecture("base"), -1, 0, a)


def test_lab4_checks():
    lab4.check_target(cap.cited_answer)
    with pytest.raises(CheckFailed):
        lab4.check_target(lambda passage, n: f"{passage} [{n}]")
    picks = {"support_bot": "rag_tuned_emb", "triage": "lora", "pilot": "prompted"}
    reasons = {k: "because the measured accuracy was 80% and cost was low enough here" for k in picks}
    lab4.check_scenarios(picks, reasons)
    with pytest.raises(CheckFailed, match="triage"):
        lab4.check_scenarios({**picks, "triage": "rag"}, reasons)
    with pytest.raises(CheckFailed, match="reason"):
        lab4.check_scenarios(picks, {**reasons, "pilot": "it is cheap"})
    assert set(lab4.SCENARIOS) == set(picks)
    assert all(set(s["ok"]) <= set(cap.ARCH_KEYS) for s in lab4.SCENARIOS.values())
