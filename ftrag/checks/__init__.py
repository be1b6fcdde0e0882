"""Self-checks for learners: a short confirmation on success, a hint (never the answer) on failure.

Lab-specific checks live in submodules (`ftrag.checks.lab1`, ...) and are built on these two helpers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class CheckFailed(AssertionError):
    """Raised when a self-check fails; its message is a hint that points back to a section."""


def expect(condition: object, hint: str, section: str, success: str = "Looks right!") -> None:
    """Print a confirmation if `condition` holds, else raise CheckFailed with the hint and the section."""
    if not condition:
        raise CheckFailed(f"Not yet. Hint: {hint} (See the section '{section}'.)")
    print(f"\u2705 {success}")


@contextmanager
def hint_on_error(hint: str, section: str) -> Iterator[None]:
    """Turn an exception raised by learner code inside the block into a CheckFailed hint."""
    try:
        yield
    except CheckFailed:
        raise
    except NotImplementedError as exc:
        raise CheckFailed(f"Not yet: fill in the TODO above first. (See the section '{section}'.)") from exc
    except Exception as exc:
        raise CheckFailed(
            f"Not yet: your code raised {type(exc).__name__}: {exc}. Hint: {hint} (See the section '{section}'.)"
        ) from exc
