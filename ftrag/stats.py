"""Statistics for small evaluation sets: a share with its count and 95% interval, and the verdict on a difference.

A course run scores 20 to 100 questions, so every rate it reports comes with its count and a Wilson interval, and a
claim that one setting beats another is judged on Newcombe's interval of the difference, not on the two point values.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ftrag.validate import check_nonempty


def wilson_interval(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion (sensible for small n and rates near 0 or 1)."""
    if n <= 0 or not 0 <= successes <= n:
        raise ValueError(f"Need 0 <= successes <= n and n > 0, got {successes} of {n}.")
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def difference_interval(p1: float, n1: int, p2: float, n2: int) -> tuple[float, float]:
    """Newcombe's 95% interval of p1 - p2 for two independent shares (hybrid Wilson score method)."""
    l1, u1 = wilson_interval(round(p1 * n1), n1)
    l2, u2 = wilson_interval(round(p2 * n2), n2)
    d = p1 - p2
    return d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)


def verdict_of(interval: tuple[float, float], margin: float = 0.0) -> str:
    """The verdict on an interval: "supports" if all of it is above `margin`, "contradicts" if below."""
    low, high = interval
    return "supports" if low > margin else "contradicts" if high < margin else "inconclusive"


@dataclass(frozen=True)
class Rate:
    """A measured share with its count and 95% interval: 0.75 (15 of 20), 95% CI 0.53-0.89."""

    hits: int
    n: int

    @property
    def value(self) -> float:
        """The share."""
        return self.hits / self.n

    @property
    def interval(self) -> tuple[float, float]:
        """The 95% Wilson interval."""
        return wilson_interval(self.hits, self.n)

    def __str__(self) -> str:
        """'0.75 (15/20, 0.53-0.89)'."""
        low, high = self.interval
        return f"{self.value:.2f} ({self.hits}/{self.n}, {low:.2f}-{high:.2f})"


def rate(flags: Sequence[bool]) -> Rate:
    """The share of true flags, as a Rate."""
    check_nonempty(flags, "results")
    return Rate(sum(bool(f) for f in flags), len(flags))
