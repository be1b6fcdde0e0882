"""Self-checks for learners: one convention everywhere in the course.

- `expect(condition, hint, section, success)` checks code a learner wrote: it prints "✅ <what was checked>" or raises
  `CheckFailed` with a hint that points back to a section (never the answer).
- `answer(question_id, value, **measured)` checks an answer to a question. An empty answer is reported as open; a
  wrong one raises `CheckFailed` with a hint that gets more specific on each try; a right one prints what was checked.
  The keys live in `ftrag.checks.keys`, hashed (or, for judgement questions, computed from the learner's own
  measurements), so no notebook shows them.
- `use_reference(name)` is the honest way past a blocking exercise: it returns the course's reference version of it
  and says so.

Lab-specific code checks live in submodules (`ftrag.checks.lab1`, ...).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

OPEN = "open"
RIGHT = "right"
_tries: dict[str, int] = {}
_status: dict[str, str] = {}


def new_session() -> None:
    """Forget every recorded answer and tried hint, as a fresh kernel would (hints start again at the first)."""
    _tries.clear()
    _status.clear()


class CheckFailed(AssertionError):
    """Raised when a self-check fails; its message is a hint that points back to a section."""


def expect(condition: object, hint: str, section: str, success: str) -> None:
    """Print "✅ <success>" if `condition` holds, else raise CheckFailed with the hint and the section to reread."""
    if not success.strip():
        raise ValueError("Say what was checked in `success`, e.g. 'Your chunker handles short and long texts.'")
    if not condition:
        raise CheckFailed(f"Not yet. Hint: {hint} (See the section '{section}'.)")
    print(f"\u2705 {success}")


def expect_memory_under(limit_mb: float, hint: str, section: str) -> None:
    """Check this process's peak memory (RSS) on a CPU run; on a GPU say why it is not checked (RSS counts CUDA)."""
    from ftrag.runtime import pick_device, process_peak_mb

    peak, device = process_peak_mb(), pick_device()
    if device != "cpu":
        print(f"Peak process memory {peak:.0f} MB, not checked on {device}: there it counts the GPU runtime too.")
        return
    expect(peak < limit_mb, hint, section, f"Peak memory {peak:.0f} MB, under {limit_mb / 1024:g} GB.")


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


def expect_all(conditions: Sequence[tuple[object, str]], section: str, success: str) -> None:
    """Check conditions in order: the first failing one raises its hint; if all hold, print one success line."""
    failed = next((hint for ok, hint in conditions if not ok), None)
    expect(failed is None, failed or "", section, success)


@contextmanager
def learner_code(hint: str, section: str) -> Iterator[None]:
    """Like `hint_on_error`, except that an unfilled TODO (NotImplementedError) stops the cell with its own message."""
    try:
        with hint_on_error(hint, section):
            yield
    except CheckFailed as failed:
        if isinstance(failed.__cause__, NotImplementedError):
            raise failed.__cause__ from None
        raise


def normalise(value: object) -> str:
    """Lower-case, stripped text of an answer with single spaces (numbers become their text; None becomes '')."""
    if value is None or isinstance(value, bool):
        return ""
    return " ".join(str(value).strip().lower().split())


_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def words(value: object) -> list[str]:
    """The words of an answer, lower-case, hyphenated words kept whole ("fine-tuning")."""
    return _WORD.findall(normalise(value))


def _stream(question_id: str, value: object, n: int) -> bytes:
    """n key bytes that only this answer to this question gives."""
    out, block = b"", 0
    while len(out) < n:
        out += hashlib.sha256(f"ftrag-seal:{question_id}:{normalise(value)}:{block}".encode()).digest()
        block += 1
    return out[:n]


def seal(question_id: str, value: object, text: str) -> str:
    """`text` locked with one answer (an explanation that would give the answer away): `unseal` with it opens it."""
    data = text.encode()
    return base64.b64encode(
        bytes(a ^ b for a, b in zip(data, _stream(question_id, value, len(data)), strict=True))
    ).decode()


def unseal(question_id: str, value: object, sealed: str) -> str:
    """The text `seal` locked with this answer (gibberish for any other)."""
    data = base64.b64decode(sealed)
    return bytes(a ^ b for a, b in zip(data, _stream(question_id, value, len(data)), strict=True)).decode(
        errors="replace"
    )


def fingerprint(question_id: str, value: object) -> str:
    """The hashed form of one normalised answer to one question (what `ftrag.checks.keys` stores)."""
    return hashlib.sha256(f"ftrag:{question_id}:{normalise(value)}".encode()).hexdigest()[:16]


Judge = Callable[[str, Mapping[str, Any]], bool]


@dataclass(frozen=True)
class Key:
    """How one question is checked: accepted answers (hashed) or a judge over the learner's measurements."""

    section: str
    success: str
    hints: tuple[str, ...]
    hashes: frozenset[str] = frozenset()
    judge: Judge | None = None
    groups: tuple[frozenset[str], ...] = ()  # free text: one hashed word of each group must be in the answer
    reject: frozenset[str] = frozenset()  # free text: hashed words that make the answer wrong
    canon: Callable[[str], str] | None = None  # maps the ways to write an answer to one form before hashing
    sealed: Mapping[str, str] = field(default_factory=dict)  # fingerprint -> a "why" only that answer opens (`seal`)

    def _form(self, value: object) -> str:
        """The answer as hashed: its canonical form where the key has one."""
        return self.canon(normalise(value)) if self.canon is not None else normalise(value)

    def why(self, question_id: str, value: object) -> str:
        """The sealed explanation that a right `value` opens ('' if the key has none)."""
        form = self._form(value)
        sealed = self.sealed.get(fingerprint(question_id, form))
        return unseal(question_id, form, sealed) if sealed else ""

    def accepts(self, question_id: str, value: object, measured: Mapping[str, Any]) -> bool:
        """Whether `value` is a right answer (judgement keys read `measured`, and need it)."""
        if self.judge is not None:
            if not measured:
                raise TypeError(f"{question_id} is judged on your measurements: pass them as keyword arguments.")
            return self.judge(normalise(value), measured)
        if self.groups:
            said = {fingerprint(question_id, w) for w in words(value)}
            return all(said & group for group in self.groups) and not said & self.reject
        return fingerprint(question_id, self._form(value)) in self.hashes


def fixed(
    section: str, success: str, hints: tuple[str, ...], *hashes: str, sealed: Mapping[str, str] | None = None
) -> Key:
    """A key with fixed accepted answers, given as fingerprints (`python -m ftrag.checks.keys <id> <answer>`).

    `sealed` maps a fingerprint to the explanation that answer opens (`python -m ftrag.checks.keys --seal <id>
    <answer> <text>`): an explanation that names the answer stays unreadable until the learner gives it.
    """
    return Key(section, success, hints, frozenset(hashes), sealed=dict(sealed or {}))


def free_text(
    section: str, success: str, hints: tuple[str, ...], *groups: tuple[str, ...], reject: tuple[str, ...] = ()
) -> Key:
    """A free-text key: right when the answer has a word of every group and none of `reject` (all fingerprints of
    single words, `python -m ftrag.checks.keys <id> <word>`), so "does the knowledge change?" and "knowledge" both
    count."""
    return Key(section, success, hints, groups=tuple(frozenset(g) for g in groups), reject=frozenset(reject))


def judged(section: str, success: str, hints: tuple[str, ...], judge: Judge) -> Key:
    """A key computed from the learner's own measured figures."""
    return Key(section, success, hints, judge=judge)


class Status(str):
    """The state of a question ("open", "right"); shows nothing when it ends a notebook cell (the line was printed)."""

    def _ipython_display_(self) -> None:
        """Display nothing: `answer` already printed what was checked."""


def answer(question_id: str, value: object, **measured: Any) -> Status:
    """Check an answer: "open" if empty, "right" if right (printed with what was checked), else a CheckFailed hint.

    Judgement questions take the learner's measured figures as keyword arguments; their key is computed from them.
    """
    from ftrag.checks.keys import KEYS

    if question_id not in KEYS:
        raise KeyError(f"No question {question_id!r}; known ones: {', '.join(sorted(KEYS))}.")
    key = KEYS[question_id]
    if not normalise(value):
        _status[question_id] = OPEN
        print(f"\u2b1c {question_id}: open. Set your answer and run this cell again.")
        return Status(OPEN)
    if not key.accepts(question_id, value, measured):
        tries = _tries.get(question_id, 0)
        _tries[question_id] = tries + 1
        _status[question_id] = "wrong"
        raise CheckFailed(f"Not yet. Hint: {key.hints[min(tries, len(key.hints) - 1)]} (See '{key.section}'.)")
    _status[question_id] = RIGHT
    why = key.why(question_id, value)
    print(
        f"\u2705 {question_id}: right."
        + (f" {key.success}" if key.success else "")
        + (f"\n   Why: {why}" if why else "")
    )
    return Status(RIGHT)


def status() -> dict[str, str]:
    """The state of every question answered (or left open) in this session: "open", "wrong" or "right"."""
    return dict(_status)


def use_reference(name: str) -> Any:
    """The course's reference answer to a blocking exercise, announced as such, so a learner who is stuck can go on."""
    from ftrag.checks.keys import REFERENCES

    if name not in REFERENCES:
        raise KeyError(f"No reference named {name!r}; known: {', '.join(sorted(REFERENCES))}.")
    print(f"\u2139\ufe0f Using the course's reference for {name!r}: what follows runs on it, not on your code.")
    return REFERENCES[name]()
