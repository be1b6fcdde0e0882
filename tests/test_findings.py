"""Unit tests for ftrag.findings (what the labs measured, per question) and ftrag.results.lab_figures."""

from __future__ import annotations

import pytest
from saved_figures import ALL, LAB1, LAB2, LAB3, write_saved

from ftrag import findings


def test_findings_labels_each_comparison_with_its_lab_count_and_direction() -> None:
    found = findings.findings(ALL)
    by_what = {e.what: e for e in found}
    # Changed facts are Lab 4's: the model fine-tuned on the old documents against RAG on the updated ones.
    changed = next(e for e in found if e.what.startswith("changed facts"))
    assert (
        changed.lab == "Lab 4"
        and changed.question == 1
        and changed.n == 22
        and changed.best == ["RAG on the updated documents"]
    )
    assert [role for _, _, role in changed.stages] == ["fine-tuned", "rag"]
    hall = next(e for e in found if e.what.startswith("hallucination"))
    assert hall.lab == "Lab 1" and hall.n == 40 and not hall.higher_is_better and hall.best == ["RAG"]
    assert (
        hall.sentence.startswith("Lab 1 on 40 answerable questions") and "closed book 0.60 -> RAG 0.20" in hall.sentence
    )
    assert "lower is better" in hall.sentence
    fmt = by_what["valid triage JSON"]
    assert [label for label, _, _ in fmt.stages] == ["untuned", "prompt only", "LoRA"]
    assert fmt.lab == "Lab 2" and fmt.n == 40 and fmt.question == 2 and fmt.best == ["LoRA"]
    assert [role for _, _, role in fmt.stages] == ["base", "other", "fine-tuned"]
    # The old mislabelled pairing (closed-book figures as "valid-format rate") is gone.
    assert not any("format" in e.what and e.lab == "Lab 1" for e in found)
    # Only the closed-book accuracy is optional: RAG's strict accuracy stands alone when it is missing.
    acc = next(e for e in found if e.what.startswith("right answer"))
    assert [label for label, _, _ in acc.stages] == ["RAG"]
    # The learning curve is sorted by size and bears on question 3; a measure with under two points is left out.
    curves = [e for e in found if e.question == 3]
    assert [e.what for e in curves] == ["valid triage JSON, by training tickets", "right category, by training tickets"]
    assert [label for label, _, _ in curves[0].stages] == ["25 examples", "75 examples", "300 examples"]
    assert [label for label, _, _ in curves[1].stages] == ["25 examples", "75 examples"]
    assert found[-1].lab == "Lab 3" and found[-1].question == 0 and found[-1].n == 60
    assert [e.question for e in found] == sorted((e.question for e in found), key=[1, 2, 3, 0].index)


def test_findings_skips_incomplete_pairs_and_marks_the_reader() -> None:
    assert findings.findings({}) == []
    assert findings.findings({"lab1_rag": None, "lab2_lora": {}}) == []
    partial = findings.findings({"lab1_rag": {"hallucination_rag": 0.2, "strict_accuracy": "n/a"}})
    assert partial == []  # hallucination needs both settings; a non-number is not a figure
    only_lora = findings.findings({"lab2_lora": {"untuned_compliance": 0.1, "lora_compliance": 0.9}})
    assert [label for label, _, _ in only_lora[0].stages] == ["untuned", "LoRA"] and only_lora[0].n is None
    reader = findings.findings({"lab1_rag": {**LAB1, "reader_used": True}})
    assert reader[0].stages[1][0] == "RAG (reader)"
    tie = findings.findings({"lab2_lora": {"untuned_compliance": 0.9, "lora_compliance": 0.9}})
    assert tie[0].best == ["untuned", "LoRA"]
    with pytest.raises(TypeError, match="lab_results"):
        findings.findings([1, 2])  # type: ignore[arg-type]


def test_missing_findings_says_which_lab_to_run() -> None:
    notes = findings.missing_findings({})
    assert len(notes) == 4
    assert "Lab 4 (labs/lab4_knowledge.ipynb) comes later in the course" in notes[3]
    assert notes[0].startswith("Not measured yet: run Lab 1 (labs/lab1_rag.ipynb)")
    assert notes[1].startswith("Not measured yet: run Lab 2 (labs/lab2_lora.ipynb)")
    assert "Lab 3 (labs/lab3_embeddings.ipynb) comes later in the course" in notes[2]
    # From a notebook after Lab 3, Lab 3 is one to run, not one to wait for.
    assert findings.missing_findings({}, here="07_wrap_up")[2].startswith("Not measured yet: run Lab 3")
    assert findings.missing_findings(ALL) == []
    old = findings.missing_findings({**ALL, "lab1_rag": {"accuracy": 0.5}})
    assert len(old) == 1 and "re-run Lab 1" in old[0] and "hallucination_rag" in old[0]


def test_lab_figures_reads_each_lab_apart(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ftrag.results import lab_figures

    monkeypatch.setenv("FTRAG_RESULTS_DIR", str(tmp_path))
    assert lab_figures() == {
        "lab1_rag": None,
        "lab2_lora": None,
        "lab3_embeddings": None,
        "lab4_knowledge": None,
    }
    write_saved("lab2_lora", {**LAB2, "adapter_dir": "/x"})
    write_saved("lab3_embeddings", LAB3)
    got = lab_figures()
    assert got["lab1_rag"] is None
    assert got["lab2_lora"]["n_test"] == 40 and got["lab3_embeddings"]["n_test"] == 60  # no clash between labs
    assert "adapter_dir" not in got["lab2_lora"] and len(got["lab2_lora"]["learning_curve"]) == 3
