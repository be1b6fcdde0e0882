"""Unit tests for ftrag.stats: Wilson and Newcombe intervals against published values, rates and verdicts."""

from __future__ import annotations

import pytest

from ftrag import stats


def test_wilson_interval_and_rates() -> None:
    low, high = stats.wilson_interval(15, 20)
    assert low == pytest.approx(0.531, abs=1e-3) and high == pytest.approx(0.888, abs=1e-3)
    assert stats.wilson_interval(0, 10)[0] == 0.0 and stats.wilson_interval(10, 10)[1] == 1.0
    r = stats.rate([True, False, True, True])
    assert r.value == 0.75 and str(r).startswith("0.75 (3/4, ") and r.interval == stats.wilson_interval(3, 4)
    with pytest.raises(ValueError):
        stats.wilson_interval(3, 2)
    with pytest.raises(ValueError, match="non-empty"):
        stats.rate([])


def test_difference_interval_matches_newcombe_1998() -> None:
    # Newcombe (1998), Statistics in Medicine 17:873, example (a): 56/70 vs 48/80, method 10: 0.0524 to 0.3339.
    low, high = stats.difference_interval(56 / 70, 70, 48 / 80, 80)
    assert low == pytest.approx(0.0524, abs=1e-4) and high == pytest.approx(0.3339, abs=1e-4)
    # The interval of B - A mirrors that of A - B.
    back = stats.difference_interval(48 / 80, 80, 56 / 70, 70)
    assert back == pytest.approx((-high, -low))
    # More items, the same shares: a narrower interval.
    wide, narrow = stats.difference_interval(0.6, 10, 0.4, 10), stats.difference_interval(0.6, 1000, 0.4, 1000)
    assert narrow[1] - narrow[0] < wide[1] - wide[0]


@pytest.mark.parametrize(
    ("interval", "margin", "verdict"),
    [
        ((0.1, 0.3), 0.0, "supports"),
        ((-0.3, -0.1), 0.0, "contradicts"),
        ((-0.1, 0.2), 0.0, "inconclusive"),
        ((0.1, 0.3), 0.2, "inconclusive"),
        ((0.0, 0.3), 0.0, "inconclusive"),
    ],
)
def test_verdict_of_needs_the_whole_interval_past_the_margin(interval, margin, verdict) -> None:
    assert stats.verdict_of(interval, margin) == verdict
