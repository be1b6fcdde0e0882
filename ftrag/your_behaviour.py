"""Optional part of a study on your own data: a behaviour taught by LoRA against the same behaviour asked for by
prompting with worked examples (Lab 2's comparison, on your input/output pairs).

    pairs = read_examples("behaviour.jsonl")            # {"input": ..., "output": ...} per line
    found = behaviour_study(load_generator()[0], tokenizer, pairs)

A quarter of the pairs (at least four) are held out. The format is measured where your outputs are JSON objects
(a reply is in format when it is a JSON object with the same keys); exact matches are measured always.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ftrag.finetune import generate, qa_examples, train_lora
from ftrag.metrics import normalize_answer
from ftrag.prompts import messages
from ftrag.stats import Rate, rate
from ftrag.triage import parse_json_object
from ftrag.your_data import YourDataError, decode

SYSTEM = "Reply to the input in the format of the examples."
MIN_PAIRS = 12  # eight to train on and four to test, at the least
SHOTS = 2  # worked examples in the prompt-only row
EPOCHS = 4.0  # few examples: several passes
LEARNING_RATE = 2e-3  # Lab 2's


@dataclass
class BehaviourStudy:
    """Prompt-only against LoRA on held-out pairs: {row: {"format" or "exact": Rate}}, plus a sample of replies."""

    trained_on: int
    held_out: int
    seconds: float
    rows: dict[str, dict[str, Rate]] = field(default_factory=dict)
    samples: list[dict[str, str]] = field(default_factory=list)


def read_examples(path: str | Path) -> list[tuple[str, str]]:
    """(input, output) pairs from a JSONL file; a clear YourDataError for anything that cannot be used."""
    path = Path(path)
    if not path.is_file():
        raise YourDataError(f"{path} does not exist: give a .jsonl file of {{'input': ..., 'output': ...}} lines.")
    pairs = []
    for number, line in enumerate(decode(path.read_bytes()).splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise YourDataError(f"{path.name}, line {number}: not JSON ({exc.msg}).") from None
        if not isinstance(row, dict) or not all(
            isinstance(row.get(k), str) and row[k].strip() for k in ("input", "output")
        ):
            raise YourDataError(f"{path.name}, line {number}: give 'input' and 'output' as non-empty texts.")
        pairs.append((row["input"].strip(), row["output"].strip()))
    if len(pairs) < MIN_PAIRS:
        raise YourDataError(f"{path.name} holds {len(pairs)} examples: give at least {MIN_PAIRS} (some are held out).")
    return pairs


def in_format(reply: str, reference: str) -> bool | None:
    """For a JSON-object reference: whether the reply is a JSON object with the same keys; None otherwise."""
    wanted = parse_json_object(reference, strict=True)
    if wanted is None:
        return None
    got = parse_json_object(reply, strict=True)
    return got is not None and set(got) == set(wanted)


def same_reply(reply: str, reference: str) -> bool:
    """Whether the reply is the reference: equal JSON objects, else equal text after `normalize_answer`."""
    wanted = parse_json_object(reference, strict=True)
    if wanted is not None:
        return parse_json_object(reply, strict=True) == wanted
    return normalize_answer(reply) == normalize_answer(reference)


def _scores(replies: Sequence[str], held_out: Sequence[tuple[str, str]]) -> dict[str, Rate]:
    """The format rate (JSON references only) and the exact-match rate of replies to held-out pairs."""
    fmt = [in_format(r, out) for r, (_, out) in zip(replies, held_out, strict=True)]
    rows = {"format": rate([bool(f) for f in fmt])} if all(f is not None for f in fmt) else {}
    rows["exact"] = rate([same_reply(r, out) for r, (_, out) in zip(replies, held_out, strict=True)])
    return rows


def behaviour_study(
    model: Any, tokenizer: Any, pairs: Sequence[tuple[str, str]], seed: int = 0, progress: bool = True
) -> BehaviourStudy:
    """Hold out a quarter, answer it prompted with `SHOTS` worked examples, then after LoRA on the rest (no examples).

    `model` gets LoRA layers: pass a freshly loaded generator, not one you keep using.
    """
    shuffled = list(pairs)
    random.Random(seed).shuffle(shuffled)
    cut = max(4, len(shuffled) // 4)
    held_out, train = shuffled[:cut], shuffled[cut:]
    longest = max(len(tokenizer(out)["input_ids"]) for _, out in shuffled)
    budget = min(256, longest + 16)
    prompted = generate(
        model,
        tokenizer,
        [messages(x, SYSTEM, shots=train[:SHOTS]) for x, _ in held_out],
        max_new_tokens=budget,
        progress=progress,
    )
    tuned, report = train_lora(
        model,
        tokenizer,
        qa_examples(train, SYSTEM),
        epochs=EPOCHS,
        learning_rate=LEARNING_RATE,
        micro_batch_size=2,  # as Lab 2: less memory
        seed=seed,
        progress=progress,
    )
    taught = generate(
        tuned, tokenizer, [messages(x, SYSTEM) for x, _ in held_out], max_new_tokens=budget, progress=progress
    )
    found = BehaviourStudy(len(train), len(held_out), report.seconds)
    found.rows = {f"prompt + {SHOTS} examples": _scores(prompted, held_out), "LoRA": _scores(taught, held_out)}
    found.samples = [
        {"input": x, "expected": out, "prompted": p, "lora": t}
        for (x, out), p, t in list(zip(held_out, prompted, taught, strict=True))[:3]
    ]
    return found
