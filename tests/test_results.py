"""Unit tests for saving and loading measured results."""

from __future__ import annotations

import pytest

from ftrag import results


def test_round_trip(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FTRAG_RESULTS_DIR", str(tmp_path))
    assert results.load_results("lab9") is None
    path = results.save_results("lab9", {"recall_at_1": 0.9, "n": 3})
    assert path.parent == tmp_path
    assert results.load_results("lab9") == {"recall_at_1": 0.9, "n": 3}


@pytest.mark.parametrize("bad", ["Lab1", "../x", "", "a-b"])
def test_bad_names_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError, match="lower-case"):
        results.save_results(bad, {})


@pytest.fixture
def store(tmp_path, monkeypatch: pytest.MonkeyPatch):
    """An empty results folder."""
    monkeypatch.setenv("FTRAG_RESULTS_DIR", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_saving_refuses_what_json_cannot_hold(store, bad: float) -> None:
    results.save_results("lab9", {"ok": 1.0})
    with pytest.raises(ValueError, match="NaN or infinite"):
        results.save_results("lab9", {"recall": bad})
    assert results.load_results("lab9") == {"ok": 1.0}  # the good file is kept
    with pytest.raises(ValueError, match="NaN or infinite"):
        results.record_run("lab9", {"k": 1}, {"recall": bad})
    assert results.runs("lab9").empty


def test_saving_refuses_a_list_and_objects(store) -> None:
    with pytest.raises(TypeError, match="dict of figures"):
        results.save_results("lab9", [0.5, 0.7])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="cannot save a .*Path"):
        results.save_results("lab9", {"where": store})


def test_numpy_and_torch_scalars_are_saved_as_numbers(store) -> None:
    import numpy as np
    import torch

    results.save_results("lab9", {"n": np.int64(3), "share": np.float32(0.5), "loss": torch.tensor(1.5)})
    assert results.load_results("lab9") == {"n": 3, "share": 0.5, "loss": 1.5}


@pytest.mark.parametrize("text", ['{"recall": 0.9', "[1, 2]", "\xff"])
def test_a_damaged_file_names_itself_and_the_way_out(store, text: str) -> None:
    (store / "lab9.json").write_text(text, encoding="latin-1")
    with pytest.raises(ValueError, match=r"lab9\.json is damaged.*re-run the lab"):
        results.load_results("lab9")
    (store / "lab9.runs.jsonl").write_text('{"k": 1}\n{"k": 2, "rec', encoding="utf-8")
    with pytest.raises(ValueError, match=r"lab9\.runs\.jsonl is damaged"):
        results.runs("lab9")


def test_writes_leave_no_temporary_file(store) -> None:
    results.save_results("lab9", {"a": 1})
    results.record_run("lab9", {"k": 1}, {"recall": 0.5})
    results.record_run("lab9", {"k": 1}, {"recall": 0.6})  # same settings: replaced, not added
    assert sorted(p.name for p in store.iterdir()) == ["lab9.json", "lab9.runs.jsonl"]
    assert results.runs("lab9").to_dict("records") == [{"k": 1, "recall": 0.6}]


def test_other_json_errors_keep_their_own_message(store) -> None:
    loop: dict = {}
    loop["self"] = loop
    with pytest.raises(ValueError, match="Circular reference"):
        results.save_results("lab9", loop)


def test_read_number_accepts_finite_numbers_only() -> None:
    from ftrag.results import read_number

    assert read_number(3) == 3.0 and isinstance(read_number(3), float) and read_number(0.5) == 0.5
    assert [read_number(x) for x in (True, "0.5", None, float("nan"), float("inf"), [1])] == [None] * 6


def test_saving_holds_a_read_set_to_its_contract(tmp_path, monkeypatch) -> None:
    """A renamed key or a value of the wrong kind fails when the lab saves, naming the key and the contract."""
    from saved_figures import LAB3

    monkeypatch.setenv("FTRAG_RESULTS_DIR", str(tmp_path))
    full = {**LAB3, "embedder": "stock", "n_questions": 124, "questions_recall@1_stock": 1.0}
    full["questions_recall@1_tuned"] = 0.98
    assert results.save_results("lab3_embeddings", full).is_file()
    renamed = {("recall@1_base" if k == "recall@1_stock" else k): v for k, v in full.items()}
    with pytest.raises(ValueError, match=r"results-lab3_embeddings.schema.json.*missing field 'recall@1_stock'"):
        results.save_results("lab3_embeddings", renamed)
    with pytest.raises(ValueError, match="field 'recall@1_tuned' must be a share from 0 to 1"):
        results.save_results("lab3_embeddings", {**full, "recall@1_tuned": 70})
    with pytest.raises(ValueError, match="field 'n_test' must be a whole number"):
        results.save_results("lab3_embeddings", {**full, "n_test": "60"})
    assert results.load_results("lab3_embeddings") == full  # the refused saves left the good file as it was
    assert results.contract("lab9") is None and results.save_results("lab9", {"free": "form"}).is_file()
