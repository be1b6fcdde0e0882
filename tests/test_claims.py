"""Unit tests for ftrag.claims: the declared comparisons and the bars of the ledger are well formed."""

from __future__ import annotations

import pytest

from ftrag import claims
from ftrag import evidence as ev


def test_every_declared_comparison_is_a_row_of_the_ledger() -> None:
    assert {c.claim for c in claims.COMPARISONS} <= set(ev.CLAIMS)
    assert list(ev.CLAIMS) == list(ev.ORDER)
    assert len({c.claim for c in claims.COMPARISONS}) == len(claims.COMPARISONS)  # one declaration per claim


@pytest.mark.parametrize("c", claims.COMPARISONS, ids=lambda c: c.claim)
def test_each_comparison_names_two_shares_their_count_and_who_counts(c: claims.Comparison) -> None:
    assert len({c.a, c.b, c.n}) == 3, "A, B and the count must be three different saved keys"
    assert c.population and c.run and c.measurement.count(" - ") >= 1  # "what, A - B (lab)"
    assert -1 < c.margin < 1
    assert c.rule == claims.difference_rule(c.margin)
    assert (f"{c.margin:+.2f}" in c.rule) == (c.margin != 0)  # the bar is in the words when it is not zero
    assert c.fine_tune in ("", claims.FACT_FINE_TUNE)


def test_the_bars_are_ordered_and_in_range() -> None:
    for low, high in (claims.LATENCY_RATIO, claims.BUILD_RATIO):
        assert 0 < low < 1 < high  # "below" favours the claim, "above" goes against it, 1 (a tie) in between
    assert 0 < claims.CITED_SHARE < 1 and 0 < claims.LEARNED_LOSS_SHARE < 1


def test_a_changed_bar_changes_the_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bars are read where they are set: a learner who changes one sees the ledger follow."""
    saved = {"lab1_rag": {"citation_correctness": 0.6, "n_answerable": 200}}
    assert ev.CLAIMS["R2"](saved).verdict == ev.SUPPORTS  # 0.60 of 200: the interval lies above 0.5
    monkeypatch.setattr(claims, "CITED_SHARE", 0.7)
    row = ev.CLAIMS["R2"](saved)
    assert row.verdict == ev.CONTRADICTS and "0.7" in row.rule
