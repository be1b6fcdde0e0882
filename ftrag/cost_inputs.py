"""Cost inputs measured or assumed: what Labs 1 and 2 measured on this machine (tokens per query, latency) replaces the
matching assumptions of `ftrag.cost`, every input labelled "measured (lab N)" or "assumed"; and the article's cost
levels next to those measurements (`article_comparison`)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from ftrag.cost import ASSUMPTION_NOTES, CostAssumptions, validate
from ftrag.results import lab_figures

ASSUMED = "assumed"
COST_LABS = ("lab1_rag", "lab2_lora")


def _measured(lab: int) -> str:
    """The source label of an input measured in a lab."""
    return f"measured (lab {lab})"


@dataclass(frozen=True)
class CostInputs:
    """Cost assumptions with the source of every input: "measured (lab N)" or "assumed"."""

    assumptions: CostAssumptions
    sources: dict[str, str]

    def source(self, name: str) -> str:
        """Where one input comes from."""
        return self.sources.get(name, ASSUMED)

    @property
    def measured(self) -> list[str]:
        """Names of the inputs taken from lab results, in field order."""
        return [f.name for f in fields(CostAssumptions) if self.source(f.name) != ASSUMED]

    @property
    def assumed(self) -> list[str]:
        """Names of the inputs that are the course's assumptions, in field order."""
        return [f.name for f in fields(CostAssumptions) if self.source(f.name) == ASSUMED]

    def rows(self) -> list[dict[str, Any]]:
        """One row per input: name, value, source, meaning (for a table)."""
        values = asdict(self.assumptions)
        return [
            {
                "input": f.name,
                "value": values[f.name],
                "source": self.source(f.name),
                "meaning": ASSUMPTION_NOTES[f.name],
            }
            for f in fields(CostAssumptions)
        ]

    def describe(self) -> str:
        """A printed summary: which inputs each lab measured and how many are assumed."""
        by_source: dict[str, list[str]] = {}
        for name in self.measured:
            by_source.setdefault(self.source(name), []).append(name)
        lines = [f"{src}: {', '.join(names)}" for src, names in sorted(by_source.items())]
        if not lines:
            lines.append("measured: none (no lab results saved on this machine: run Lab 1 and Lab 2)")
        lines.append(f"{ASSUMED}: {', '.join(self.assumed)}")
        return "\n".join(lines)


def inputs_from_labs(
    lab_results: Mapping[str, Mapping[str, Any] | None], base: CostAssumptions | None = None
) -> CostInputs:
    """Replace assumptions with lab measurements where they were saved; the rest stay the course's assumptions.

    - prompt_tokens  <- Lab 2 `prompt_tokens_lora`: what the fine-tuned model reads per query (the input alone).
    - context_tokens <- Lab 1 `rag_prompt_tokens` minus prompt_tokens, so that a RAG query reads exactly Lab 1's
      mean RAG prompt (instructions, question and sources).
    - rag_latency_ms <- Lab 1 `e2e_latency_p50_s` (retrieval + generation, median); ft_latency_ms <- Lab 2
      `latency_ms_lora` (mean per ticket).
    """
    a = validate(base or CostAssumptions())
    lab1 = lab_results.get("lab1_rag") or {}
    lab2 = lab_results.get("lab2_lora") or {}
    changes: dict[str, Any] = {}
    sources: dict[str, str] = {}
    lora_tokens = _nonnegative(lab2.get("prompt_tokens_lora"))
    if lora_tokens is not None:
        changes["prompt_tokens"] = round(lora_tokens)
        sources["prompt_tokens"] = _measured(2)
    rag_tokens = _nonnegative(lab1.get("rag_prompt_tokens"))
    if rag_tokens is not None:
        changes["context_tokens"] = max(0, round(rag_tokens) - changes.get("prompt_tokens", a.prompt_tokens))
        sources["context_tokens"] = _measured(1)
    rag_s = _nonnegative(lab1.get("e2e_latency_p50_s"))
    if rag_s is not None:
        changes["rag_latency_ms"] = float(round(rag_s * 1000))
        sources["rag_latency_ms"] = _measured(1)
    ft_ms = _nonnegative(lab2.get("latency_ms_lora"))
    if ft_ms is not None:
        changes["ft_latency_ms"] = float(round(ft_ms))
        sources["ft_latency_ms"] = _measured(2)
    return CostInputs(validate(replace(a, **changes)), sources)


def _nonnegative(value: object) -> float | None:
    """A finite number >= 0 read from saved results, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        return None
    return float(value)


def lab_inputs(base: CostAssumptions | None = None) -> CostInputs:
    """The course's assumptions with what the labs measured on this machine put in (see `inputs_from_labs`)."""
    return inputs_from_labs(lab_figures(COST_LABS), base)


def article_comparison(lab_results: Mapping[str, Mapping[str, Any] | None]) -> list[dict[str, str]]:
    """The article's cost levels next to what the labs measured: one row per claim, with a verdict.

    Verdicts: "agrees", "partly", "disagrees", or "not measured" (with the lab to run).
    """
    lab1 = lab_results.get("lab1_rag") or {}
    lab2 = lab_results.get("lab2_lora") or {}

    def row(claim: str, measured: str, verdict: str) -> dict[str, str]:
        return {"article": claim, "your run": measured, "verdict": verdict}

    def pair(
        claim: str, a: float | None, b: float | None, missing: str, text: str, lab1_larger: bool
    ) -> dict[str, str]:
        """A claim on Lab 1's figure `a` vs Lab 2's `b`: it agrees when Lab 1's is the larger (or, if not
        `lab1_larger`, the smaller); `text` formats them as `{a}` and `{b}`."""
        if a is None or b is None:
            return row(claim, missing, f"not measured: run {_which(a, b)}")
        return row(claim, text.format(a=a, b=b), "agrees" if (a > b if lab1_larger else b > a) else "disagrees")

    rows = [
        pair(
            "Set-up: RAG Low-Medium, fine-tuning Medium-High (training compute)",
            _nonnegative(lab1.get("index_build_s")),
            _nonnegative(lab2.get("train_s")),
            "set-up compute not measured",
            "building the index took {a:.0f} s (lab 1), LoRA training {b:.0f} s (lab 2) on this machine",
            lab1_larger=False,
        ),
        pair(
            "RAG ongoing: inference + storage, scales with query volume (every query carries its sources)",
            _nonnegative(lab1.get("rag_prompt_tokens")),
            _nonnegative(lab2.get("prompt_tokens_lora")),
            "tokens per query not measured",
            "a RAG prompt has {a:.0f} tokens (lab 1, a question with its sources), a LoRA prompt {b:.0f} "
            "(lab 2, a ticket alone): two different tasks",
            lab1_larger=True,
        ),
    ]
    lora = _nonnegative(lab2.get("prompt_tokens_lora"))
    p_tok, p_ms = _nonnegative(lab2.get("prompt_tokens_prompt_only")), _nonnegative(lab2.get("latency_ms_prompt_only"))
    l_ms = _nonnegative(lab2.get("latency_ms_lora"))
    claim = "Fine-tuning ongoing: lower inference cost with smaller models"
    if None in (p_tok, p_ms, lora, l_ms):
        rows.append(row(claim, "prompt-only vs LoRA not measured", "not measured: run Lab 2"))
    else:
        fewer, faster = lora < p_tok, l_ms < p_ms  # type: ignore[operator]
        rows.append(
            row(
                claim,
                f"same tickets, same model size (lab 2): prompt only {p_tok:.0f} tokens, {p_ms:.0f} ms per ticket; "
                f"LoRA {lora:.0f} tokens, {l_ms:.0f} ms. A smaller model's price is assumed, not measured",
                "agrees" if fewer and faster else "partly" if fewer or faster else "disagrees",
            )
        )
    return rows


def _which(lab1_value: float | None, lab2_value: float | None) -> str:
    """Which lab(s) to run for a missing pair of figures."""
    missing = [name for name, v in (("Lab 1", lab1_value), ("Lab 2", lab2_value)) if v is None]
    return " and ".join(missing)
