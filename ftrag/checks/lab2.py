"""Self-checks, answer keys and references for Lab 2 (teach a small model a habit with LoRA).

Code checks print what they checked or raise a hint that points back to a section, never the answer. An unfilled
TODO stops the cell with its own message (which says how to go on with the course's reference).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ftrag.checks import Key, expect_all, free_text, judged, learner_code
from ftrag.triage import COMPLIANT

IGNORE_INDEX = -100
S_MEASURE = "1. Measuring the untuned model"
S_DATA = "2. Preparing the training data"
S_LORA = "3. Configuring and training LoRA"
S_CHANGED = "4. What changed"
S_CURVE = "6. How many examples? (re-measure)"
S_LAB4 = "7. What this lab leaves to Lab 4"


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
    with learner_code("parse the JSON object in the text, then check keys and allowed values", S_MEASURE):
        got = [bool(is_compliant(text)) for text, _ in _COMPLIANCE_CASES]
    pairs = list(zip(_COMPLIANCE_CASES, got, strict=True))
    wrong = [i for i, ((_, want), have) in enumerate(pairs) if want != have]
    expect_all(
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
        S_MEASURE,
        success="Your compliance check agrees with the schema on all test outputs.",
    )


def check_labels(make_labels: Callable[[Sequence[int], Sequence[int]], list[int]]) -> None:
    """Check a learner's `make_labels(prompt_ids, answer_ids)`: prompt masked with -100, answer kept."""
    with learner_code("return one label per input token", S_DATA):
        labels = list(make_labels([11, 12, 13], [21, 22]))
        single = list(make_labels([5], [6]))
    expect_all(
        [
            (len(labels) == 5 and len(single) == 2, "there is one label for every prompt and answer token"),
            (labels[:3] == [IGNORE_INDEX] * 3, "the loss must skip every prompt token: what label value does that?"),
            (
                labels[3:] == [21, 22] and single == [IGNORE_INDEX, 6],
                "the answer tokens are what the model learns to produce",
            ),
        ],
        S_DATA,
        success="Prompt tokens are masked and the loss is on the answer only.",
    )


ATTENTION = ("q_proj", "k_proj", "v_proj", "o_proj")
TOP_LAYERS = list(range(15, 30))  # the top half of SmolLM2-135M's 30 layers
BUDGET = (0.003, 0.006)  # the share of the model's weights the adapter may train


def _lora_weights(config: Any, model: Any) -> int:
    """The weights `config` would add to `model`: rank x (d_in + d_out) for each adapted linear layer."""
    layers = set(config.layers_to_transform or range(len(model.model.layers)))
    found = 0
    for index, layer in enumerate(model.model.layers):
        if index in layers:
            for name, module in layer.named_modules():
                if name.split(".")[-1] in set(config.target_modules or ()) and hasattr(module, "in_features"):
                    found += config.r * (module.in_features + module.out_features)
    return found


def check_lora_config(config: Any, model: Any) -> None:
    """Check a learner's LoraConfig: the four attention projections of the top 15 layers, inside the weight budget."""
    rank = getattr(config, "r", None)
    targets = set(getattr(config, "target_modules", None) or [])
    layers = list(getattr(config, "layers_to_transform", None) or [])
    ok = config is not None and isinstance(rank, int) and rank >= 1
    share = _lora_weights(config, model) / sum(p.numel() for p in model.parameters()) if ok else 0.0
    conditions = [
        (config is not None, "build the configuration with ft.lora_config(...) and assign it to `lora`"),
        (ok, "give a whole-number rank of 1 or more"),
        (targets >= set(ATTENTION), "target the four attention projections: q_proj, k_proj, v_proj, o_proj"),
        (layers == TOP_LAYERS, "put the adapters on the top half of the layers: layers=list(range(15, 30))"),
        ((getattr(config, "lora_alpha", 0) or 0) > 0, "set lora_alpha (a common choice is twice the rank)"),
        (
            BUDGET[0] <= share <= BUDGET[1],
            f"this adapter trains {share:.2%} of the weights: count the weights one unit of rank adds, then choose "
            "the rank that lands between 0.3% and 0.6%",
        ),
    ]
    expect_all(
        conditions,
        S_LORA,
        success=f"Rank {rank} on the attention projections of layers 15-29 trains {share:.2%} of the weights.",
    )


# ---------------------------------------------------------------- references: the honest way past a TODO


def reference_is_compliant(text: str) -> bool:
    """The course's compliance rule: a JSON object in the text that matches the triage schema."""
    from ftrag.triage import matches_schema, parse_json_object

    return matches_schema(parse_json_object(text))


def _reference_make_labels() -> Callable[[list[int], list[int]], list[int]]:
    """The course's labels: the loss on the answer only."""
    from ftrag.finetune import answer_only_labels

    return answer_only_labels


def _reference_lora_config() -> Any:
    """The course's LoRA configuration for the triage habit: rank 8, alpha 16, the four attention projections."""
    from ftrag.finetune import lora_config

    return lora_config(rank=8, alpha=16, target_modules=ATTENTION, layers=TOP_LAYERS)


REFERENCES: dict[str, Callable[[], Any]] = {
    "lab2.is_compliant": lambda: reference_is_compliant,
    "lab2.make_labels": _reference_make_labels,
    "lab2.lora_config": _reference_lora_config,
}


# ---------------------------------------------------------------- answer keys


def _number(value: object) -> float | None:
    """A float from a number or its text ("0.0068", "0.68%": a percentage is divided by 100), else None."""
    text = str(value).strip()
    scale = 0.01 if text.endswith("%") else 1.0
    try:
        return float(text.rstrip("% ")) * scale
    except ValueError:
        return None


def _trainable_share(value: str, measured: Mapping[str, Any]) -> bool:
    """q1: the trainable share of the weights, within 10% of the measured one (a fraction, or a percentage with %)."""
    share = float(measured["trainable"]) / float(measured["total"])
    got = _number(value)
    return got is not None and abs(got - share) <= 0.1 * share


def _larger_gain(value: str, measured: Mapping[str, Any]) -> bool:
    """q2: which LoRA improved more over the prompt: 'format' (compliance) or 'decisions' (category accuracy)."""
    gains = {"format": float(measured["format_gain"]), "decisions": float(measured["decision_gain"])}
    return {"decision": "decisions"}.get(value, value) == max(gains, key=gains.get)


def _rows(measured: Mapping[str, Any]) -> list[dict]:
    """The re-measure table's rows (records with 'examples', 'compliance', 'category_acc'), smallest size first."""
    rows = [dict(r) for r in measured.get("runs", []) if _number(r.get("examples")) is not None]
    return sorted(rows, key=lambda r: _number(r["examples"]))


def _format_learned_at(value: str, measured: Mapping[str, Any]) -> bool:
    """q4: the smallest number of training tickets in the table whose compliance reached COMPLIANT ('none' if none)."""
    reached = [int(_number(r["examples"])) for r in _rows(measured) if float(r["compliance"]) >= COMPLIANT]
    if not reached:
        return value in {"none", "no", "never"}
    got = _number(value.replace(",", ""))
    return got is not None and got == reached[0]


def _decisions_still_improving(value: str, measured: Mapping[str, Any]) -> bool:
    """q5: 'yes' iff category accuracy at the largest size beats the best accuracy of every smaller size."""
    rows = _rows(measured)
    if len(rows) < 2:
        return False  # one size cannot show a trend
    improving = float(rows[-1]["category_acc"]) > max(float(r["category_acc"]) for r in rows[:-1])
    return value == ("yes" if improving else "no")


KEYS: dict[str, Key] = {
    "lab2.q1": judged(
        S_LORA,
        "A tiny share of the weights carried the whole change.",
        (
            "look at what the training cell printed: it trained some weights out of all of them",
            "divide the trainable weights by all weights: a number between 0 and 1 (or a percentage written with %)",
        ),
        _trainable_share,
    ),
    "lab2.q2": judged(
        S_CHANGED,
        "The prompt taught much of the shape; training taught the choices.",
        (
            "compare the prompt-only and LoRA rows of the table in section 4",
            "subtract: LoRA minus prompt-only, once for compliance ('format') and once for category accuracy "
            "('decisions'); answer with the larger",
        ),
        _larger_gain,
    ),
    "lab2.q3": free_text(
        S_LAB4,
        "Retrieve the facts that change, fine-tune the habit that does not.",
        (
            "split the job in two: which part is knowledge that changes, which part is a behaviour?",
            "which of the course's two fixes follows changing documents, and which one changes how the model writes?",
        ),
        (
            "e05af5a67e821f4f",
            "67013da5ab5da93d",
            "bac6a78b1ee3ba67",
            "7bd746ab0d10e5ee",
            "f5cc1d7734f6976e",
        ),
        (
            "f09f2a235a05101a",
            "d1c775cd1273ac0a",
            "0b861631ffff439d",
            "c3e7d879232d7a81",
            "4e7e80b472e9ffd2",
            "97253147fb7843bc",
            "1c2fd6e4a90cdfad",
            "3e912a7e2ef4b77b",
        ),
        reject=(
            "33f226ff1037bb99",
            "0008c19736a6a87f",
            "a91bb204dd3a6396",
            "9711dacce4016d62",
        ),
    ),
    "lab2.q4": judged(
        S_CURVE,
        "read from your own learning curve: the format needed far fewer examples than the article's 1,000.",
        (
            f"look at the compliance column of your table in section 6: which sizes reach {COMPLIANT}?",
            f"answer with the smallest number in the 'examples' column whose compliance is at least {COMPLIANT} "
            "(or 'none')",
        ),
        _format_learned_at,
    ),
    "lab2.q5": judged(
        S_CURVE,
        "read from your own learning curve.",
        (
            "you need at least two sizes in your table (section 6)",
            "is category accuracy at the largest size higher than at every smaller size? answer yes or no",
        ),
        _decisions_still_improving,
    ),
}
