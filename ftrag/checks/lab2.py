"""Self-checks for Lab 2 (LoRA fine-tuning): each prints a confirmation or raises a hint, never the answer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ftrag.checks import expect, hint_on_error

IGNORE_INDEX = -100


def _expect_all(conditions: Sequence[tuple[object, str]], section: str, success: str) -> None:
    """Check conditions in order: the first failing one raises its hint; if all hold, print one success line."""
    failed = next((hint for ok, hint in conditions if not ok), None)
    expect(failed is None, failed or "", section, success=success)


_GOOD = '{"category": "billing", "priority": "high", "summary": "Customer was charged twice."}'
_COMPLIANCE_CASES: list[tuple[str, bool]] = [
    (_GOOD, True),
    ("Sure! " + _GOOD, True),  # chatter around a valid object still parses (lenient parsing)
    ('{"category": "billing", "priority": "high"}', False),  # a key is missing
    ('{"category": "money", "priority": "high", "summary": "x"}', False),  # not an allowed category
    ('{"category": "billing", "priority": "soon", "summary": "x"}', False),  # not an allowed priority
    ('{"category": "billing", "priority": "high", "summary": ""}', False),  # empty summary
    ('{"category": "billing", "priority": "high", "summary": "x", "mood": "sad"}', False),  # extra key
    ("Category: billing. Priority: high.", False),  # not JSON at all
    ('{"category": "billing", "priority": "high", "summary": "x"', False),  # broken JSON
]


def check_compliance_fn(is_compliant: Callable[[str], bool]) -> None:
    """Check a learner's `is_compliant(text)` on outputs that do and do not follow the triage schema."""
    section = "1. Measuring the untuned model"
    with hint_on_error("parse the JSON object in the text, then check keys and allowed values", section):
        got = [bool(is_compliant(text)) for text, _ in _COMPLIANCE_CASES]
    pairs = list(zip(_COMPLIANCE_CASES, got, strict=True))
    wrong = [i for i, ((_, want), have) in enumerate(pairs) if want != have]
    _expect_all(
        [
            (
                not any(want and not have for (_, want), have in pairs),
                "a valid triage object (even with a sentence around it) should count as compliant",
            ),
            (
                not wrong,
                f"{len(wrong)} of {len(_COMPLIANCE_CASES)} test outputs were judged wrongly: check missing "
                "keys, values outside the allowed lists, empty summaries, extra keys and broken JSON",
            ),
        ],
        section,
        success="Your compliance check agrees with the schema on all test outputs.",
    )


def check_labels(make_labels: Callable[[Sequence[int], Sequence[int]], list[int]]) -> None:
    """Check a learner's `make_labels(prompt_ids, answer_ids)`: prompt masked with -100, answer kept."""
    section = "2. Preparing the training data"
    with hint_on_error("return one label per input token", section):
        labels = list(make_labels([11, 12, 13], [21, 22]))
        single = list(make_labels([5], [6]))
    _expect_all(
        [
            (len(labels) == 5 and len(single) == 2, "there is one label for every prompt and answer token"),
            (labels[:3] == [IGNORE_INDEX] * 3, "the loss must skip every prompt token: what label value does that?"),
            (
                labels[3:] == [21, 22] and single == [IGNORE_INDEX, 6],
                "the answer tokens are what the model learns to produce",
            ),
        ],
        section,
        success="Prompt tokens are masked and the loss is on the answer only.",
    )


def check_lora_config(config: Any, model: Any = None) -> None:
    """Check a learner's LoraConfig: a small rank, attention projections targeted, few trainable weights."""
    section = "3. Configuring LoRA"
    rank = getattr(config, "r", None)
    targets = set(getattr(config, "target_modules", None) or [])
    conditions = [
        (isinstance(rank, int) and 1 <= rank <= 64, "use a small integer rank such as 4, 8 or 16"),
        (
            targets & {"q_proj", "k_proj", "v_proj", "o_proj"},
            "target the attention projection layers (their names end in _proj)",
        ),
        ((getattr(config, "lora_alpha", 0) or 0) > 0, "set lora_alpha (a common choice is twice the rank)"),
    ]
    if model is not None:
        params = list(model.parameters())
        trainable = sum(p.numel() for p in params if p.requires_grad)
        share = trainable / max(sum(p.numel() for p in params), 1)
        conditions.append((0 < share < 0.05, f"{share:.1%} of the weights are trainable; LoRA trains a small share"))
    _expect_all(conditions, section, success="The LoRA configuration looks sensible.")


def check_qa_pairs(pairs: Sequence[tuple[str, str]], questions: Sequence[dict]) -> None:
    """Check a learner's version-1 QA pairs: every changed-fact question is in, with its version-1 answer."""
    section = "6. Knowledge is the weak spot"
    with hint_on_error("build a list of (question, answer) tuples", section):
        as_dict = {q: a for q, a in pairs}
    by_text = {q["question"]: q for q in questions}
    changed = [q for q in questions if q["kind"] == "changed"]
    known = all(q in by_text for q in as_dict)
    answerable = known and not any(by_text[q]["kind"] == "unanswerable" for q in as_dict)
    _expect_all(
        [
            (
                all(q["question"] in as_dict for q in changed),
                "include every question whose fact changed between the versions",
            ),
            (known, "use the questions exactly as they appear in the data"),
            (answerable, "leave out questions that have no answer in the knowledge base"),
            (
                answerable and all(by_text[q]["v1"]["answer"] in a for q, a in as_dict.items()),
                "the model should learn what version 1 of the knowledge base says",
            ),
        ],
        section,
        success="The training pairs teach the version-1 facts.",
    )
