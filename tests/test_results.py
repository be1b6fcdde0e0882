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
