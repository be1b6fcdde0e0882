"""What the learner's labs measured, per question of the decision framework (notebook 04 and the decision widget).

`ftrag.results.lab_figures()` reads what each lab saved; `findings()` turns it into labelled comparisons (which lab,
what, on how many, which direction is better), `missing_findings()` says which lab to run for what is missing, and
`ftrag.plots.plot_evidence()` draws them. The claims ledger (`ftrag.evidence`) grades the article's claims instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ftrag.results import LAB_RESULTS, read_number

# What each lab measures for the framework, for the line that says which lab to run.
LAB_MEASURES: dict[str, str] = {
    "lab1_rag": "hallucination and accuracy closed book vs with retrieval",
    "lab2_lora": "format compliance untuned vs LoRA, and the learning curve",
    "lab3_embeddings": "recall@1 of the stock vs the fine-tuned embedder",
    "lab4_knowledge": "which value of a changed fact a model fine-tuned on the old facts and RAG pick",
}
TOPICS: dict[int, str] = {
    1: "Q1: does the knowledge change?",
    2: "Q2: must the behaviour change?",
    3: "Q3: more than 1,000 labelled examples?",
    0: "combining: RAG with a tuned embedder",
}


@dataclass(frozen=True)
class Comparison:
    """One comparison a lab saves: the saved keys of its stages (in order), its count, and the question it informs."""

    result: str  # the saved result set, e.g. "lab2_lora"
    question: int  # key of TOPICS
    what: str
    stages: tuple[tuple[str, str, str], ...]  # (label, saved key, plot role)
    n_key: str
    n_what: str
    higher_is_better: bool = True
    optional: frozenset[str] = frozenset()  # stage keys that may be missing


COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "lab1_rag",
        1,
        "hallucination: answered, without abstaining, but not right",
        (("closed book", "hallucination_closed_book", "base"), ("RAG", "hallucination_rag", "rag")),
        "n_answerable",
        "answerable questions",
        higher_is_better=False,
    ),
    Comparison(
        "lab1_rag",
        1,
        "right answer (strict: states it, at most 25 words)",
        (("closed book", "strict_accuracy_closed_book", "base"), ("RAG", "strict_accuracy", "rag")),
        "n_answerable",
        "answerable questions",
        optional=frozenset({"strict_accuracy_closed_book"}),
    ),
    Comparison(
        "lab4_knowledge",
        1,
        "changed facts: the current value picked among four options",
        (
            ("fine-tuned on the old facts", "mc_ft_docs_changed_v2", "fine-tuned"),
            ("RAG on the updated documents", "mc_rag_changed_v2", "rag"),
        ),
        "n_changed",
        "changed facts",
    ),
    Comparison(
        "lab2_lora",
        2,
        "valid triage JSON",
        (
            ("untuned", "untuned_compliance", "base"),
            ("prompt only", "prompt_only_compliance", "other"),
            ("LoRA", "lora_compliance", "fine-tuned"),
        ),
        "n_test",
        "held-out tickets",
        optional=frozenset({"prompt_only_compliance"}),
    ),
    Comparison(
        "lab2_lora",
        2,
        "right category",
        (("prompt only", "prompt_only_category_acc", "other"), ("LoRA", "lora_category_acc", "fine-tuned")),
        "n_test",
        "held-out tickets",
    ),
    Comparison(
        "lab3_embeddings",
        0,
        "recall@1: the right document ranked first",
        (("stock embedder", "recall@1_stock", "base"), ("tuned embedder", "recall@1_tuned", "both")),
        "n_test",
        "held-out queries",
    ),
)
# Lab 2's learning curve (a list of points, one per training-set size) bears on question 3.
CURVE_MEASURES = (("compliance", "valid triage JSON"), ("category_acc", "right category"))


def lab_name(result: str) -> str:
    """'lab2_lora' -> 'Lab 2'."""
    digits = "".join(ch for ch in result.split("_")[0] if ch.isdigit())
    return f"Lab {digits}" if digits else result


@dataclass(frozen=True)
class Finding:
    """A measured comparison, ready to show: stages (label, value, plot role) in the order they were measured."""

    lab: str
    question: int
    what: str
    stages: tuple[tuple[str, float, str], ...]
    n: int | None
    n_what: str
    higher_is_better: bool = True

    @property
    def topic(self) -> str:
        """The framework question (or pattern) this evidence informs."""
        return TOPICS[self.question]

    @property
    def best(self) -> list[str]:
        """Labels of the best stage(s): highest value, or lowest when lower is better."""
        values = [v for _, v, _ in self.stages]
        target = max(values) if self.higher_is_better else min(values)
        return [label for label, v, _ in self.stages if v == target]

    @property
    def figures(self) -> str:
        """'closed book 0.45 -> RAG 0.10'."""
        return " -> ".join(f"{label} {value:.2f}" for label, value, _ in self.stages)

    @property
    def sentence(self) -> str:
        """One line: lab, what was measured on how many, the figures, and which direction is better."""
        n = f" on {self.n} {self.n_what}" if self.n is not None else ""
        better = "higher" if self.higher_is_better else "lower"
        return f"{self.lab}{n}: {self.what}: {self.figures} ({better} is better)."


def _count(value: object) -> int | None:
    """A saved count as an int (None if missing or not a whole number >= 0)."""
    n = read_number(value)
    return int(n) if n is not None and n >= 0 and n.is_integer() else None


def _curve_findings(result: str, curve: object) -> list[Finding]:
    """Findings from a saved learning curve (points with 'examples' and the measured rates)."""
    if not isinstance(curve, list):
        return []
    points = [p for p in curve if isinstance(p, Mapping) and _count(p.get("examples")) is not None]
    points.sort(key=lambda p: _count(p["examples"]) or 0)
    found = []
    for key, what in CURVE_MEASURES:
        usable = [p for p in points if read_number(p.get(key)) is not None]
        if len(usable) < 2:
            continue
        stages = tuple((f"{_count(p['examples']):,} examples", float(p[key]), "fine-tuned") for p in usable)
        found.append(
            Finding(
                lab_name(result),
                3,
                f"{what}, by training tickets",
                stages,
                _count(usable[-1].get("n_test")),
                "held-out tickets",
            )
        )
    return found


def findings(lab_results: Mapping[str, Mapping[str, Any] | None]) -> list[Finding]:
    """The comparisons present in saved lab results ({'lab1_rag': {...}, ...}; None for a lab not run), by question."""
    if not isinstance(lab_results, Mapping):
        raise TypeError("lab_results must map a saved result name ('lab1_rag', ...) to its figures (or None).")
    found: list[Finding] = []
    for c in COMPARISONS:
        figures = lab_results.get(c.result) or {}
        reader = figures.get("reader_used") is True  # the RAG answers came from the RAFT-style reader
        stages = []
        for label, key, role in c.stages:
            value = read_number(figures.get(key))
            if value is None and key not in c.optional:
                stages = []
                break
            if value is not None:
                stages.append((f"{label} (reader)" if reader and role == "rag" else label, value, role))
        if stages:
            found.append(
                Finding(
                    lab_name(c.result),
                    c.question,
                    c.what,
                    tuple(stages),
                    _count(figures.get(c.n_key)),
                    c.n_what,
                    c.higher_is_better,
                )
            )
    for result in LAB_RESULTS:
        found += _curve_findings(result, (lab_results.get(result) or {}).get("learning_curve"))
    order = {q: i for i, q in enumerate((1, 2, 3, 0))}
    return sorted(found, key=lambda e: order[e.question])


def missing_findings(
    lab_results: Mapping[str, Mapping[str, Any] | None], here: str = "04_decision_framework"
) -> list[str]:
    """One sentence per lab whose figures are missing: which lab to run (or re-run), and whether it comes later."""
    from ftrag.course import parts

    order = [p.id for p in parts()]
    position = order.index(here) if here in order else len(order)
    paths = {p.id: p.path for p in parts()}
    notes = []
    for result in LAB_RESULTS:
        name, path = lab_name(result), paths.get(result, f"labs/{result}.ipynb")
        figures = lab_results.get(result)
        if not figures:
            if result in order and order.index(result) > position:
                notes.append(f"{name} ({path}) comes later in the course; it measures {LAB_MEASURES[result]}.")
            else:
                notes.append(f"Not measured yet: run {name} ({path}) to see {LAB_MEASURES[result]}.")
            continue
        lacking = sorted(
            {key for c in COMPARISONS if c.result == result for _, key, _ in c.stages if key not in c.optional}
            - {k for k, v in figures.items() if read_number(v) is not None}
        )
        if lacking:
            notes.append(
                f"{name}'s saved results lack {', '.join(lacking)} (saved by an older version of the lab): "
                f"re-run {name} ({path}) to measure them."
            )
    return notes
