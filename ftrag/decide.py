"""The article's decision framework as pure functions: `recommend()` (three questions) and `scorecard()`.

The three questions, asked in order:
1. Does the knowledge change? yes -> RAG.
2. Must the model's behaviour change (not just what it knows)? yes -> fine-tuning.
3. Are there more than 1,000 labelled examples? yes -> fine-tuning, no -> RAG or prompting first.

Beside the recommendation, the learner's own measurements: `lab_figures()` reads what each lab saved,
`evidence()` turns them into labelled comparisons (which lab, what, on how many, which direction is better),
`missing_evidence()` says which lab to run for what is missing, and `plot_evidence()` draws them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ftrag.validate import check_bool, check_count, number

EXAMPLES_THRESHOLD = 1000
LABELS = {"rag": "RAG", "fine-tuning": "Fine-tuning", "rag-or-prompting": "RAG or prompt engineering first"}
QUESTIONS = (
    "Does the knowledge change?",
    "Must the model's behaviour change (not just what it knows)?",
    f"Do you have more than {EXAMPLES_THRESHOLD:,} labelled examples?",
)


@dataclass(frozen=True)
class Recommendation:
    """What `recommend()` returns: the approach, the questions walked through, and further advice."""

    approach: str
    path: list[str]
    also_consider: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The approach as a reader-facing name, e.g. 'Fine-tuning'."""
        return LABELS[self.approach]


def _yes(answer: bool) -> str:
    """'Yes' or 'No'."""
    return "Yes" if answer else "No"


def recommend(knowledge_changes: bool, change_behavior: bool, labeled_examples: int) -> Recommendation:
    """Walk the article's three questions in order and return the first recommendation they reach."""
    check_bool(knowledge_changes, "knowledge_changes")
    check_bool(change_behavior, "change_behavior")
    n = check_count(labeled_examples)
    many = n > EXAMPLES_THRESHOLD
    path = [f"1. {QUESTIONS[0]} {_yes(knowledge_changes)}"]
    also: list[str] = []
    if knowledge_changes:
        path[-1] += " -> RAG: keep the changing facts outside the model and retrieve them."
        approach = "rag"
        if change_behavior:
            also.append(
                "Behaviour must change too: combine both, a lightly fine-tuned model for format and tone "
                "with RAG for the fresh facts."
            )
        if many:
            also.append(
                "With that many labelled examples, fine-tuning the embedding model can sharpen retrieval "
                "(RAG with a lightly fine-tuned embedder)."
            )
        also.append("Measure retrieval (recall@k) before blaming the generator.")
        return Recommendation(approach, path, also)
    path[-1] += " -> continue."
    path.append(f"2. {QUESTIONS[1]} {_yes(change_behavior)}")
    if change_behavior:
        path[-1] += " -> fine-tuning: teach the format, tone or task through the weights."
        approach = "fine-tuning"
        if not many:
            also.append(
                f"You have {EXAMPLES_THRESHOLD:,} or fewer labelled examples: try a clear prompt with a few "
                "examples first, and use it to collect more data."
            )
        also.append("Start small: LoRA trains well under 1% of the weights and can be swapped out.")
        return Recommendation(approach, path, also)
    path[-1] += " -> continue."
    path.append(f"3. {QUESTIONS[2]} {_yes(many)}")
    if many:
        path[-1] += " -> fine-tuning: the data is there to specialise a (smaller) model."
        also.append("Check that a prompted model really falls short first; a fine-tune is a cost you keep paying.")
        return Recommendation("fine-tuning", path, also)
    path[-1] += " -> RAG or prompt engineering first."
    also.append("Start with a prompt; add retrieval when answers need private or fresh documents.")
    also.append("Log real usage: it tells you later which behaviour (if any) is worth fine-tuning.")
    return Recommendation("rag-or-prompting", path, also)


# ---- "When each shines": the article's two lists as a scorecard -------------------------------------------

RAG_SIGNS: dict[str, str] = {
    "knowledge_updates": "The knowledge base updates often (docs, wikis, databases).",
    "citations": "Answers must cite their sources.",
    "large_docs": "There is a large amount of proprietary documentation.",
    "factual_accuracy": "Invented answers to factual questions are unacceptable.",
    "prototyping": "You are prototyping and need to iterate quickly.",
}
FT_SIGNS: dict[str, str] = {
    "tone_format": "The model must keep a consistent tone or output format.",
    "classifier": "You are building a classifier or a structured-output extractor.",
    "labelled_data": f"You have high-quality labelled data (more than {EXAMPLES_THRESHOLD:,} examples).",
    "latency": "Latency is critical and a smaller, specialised model would help.",
    "stable_domain": "The knowledge domain is stable and rarely changes.",
}


@dataclass(frozen=True)
class Scorecard:
    """How many 'RAG shines' and 'fine-tuning shines' signs apply, and which way that leans."""

    rag: int
    fine_tuning: int
    rag_items: list[str]
    ft_items: list[str]
    leaning: str  # "rag", "fine-tuning", "both" or "none"

    @property
    def summary(self) -> str:
        """One sentence that states the counts and the leaning."""
        counts = f"RAG {self.rag}/{len(RAG_SIGNS)}, fine-tuning {self.fine_tuning}/{len(FT_SIGNS)}"
        text = {
            "none": "tick the signs that fit your project",
            "rag": "leans to RAG",
            "fine-tuning": "leans to fine-tuning",
            "both": "a tie: signs for both, consider combining them",
        }[self.leaning]
        return f"{counts}: {text}."


def scorecard(ticked: Iterable[str]) -> Scorecard:
    """Count the ticked signs from each 'when it shines' list; unknown ids raise ValueError."""
    if isinstance(ticked, str):
        raise TypeError("scorecard() takes a collection of sign ids, not a single string.")
    chosen = set(ticked)
    unknown = chosen - RAG_SIGNS.keys() - FT_SIGNS.keys()
    if unknown:
        raise ValueError(f"Unknown sign ids {sorted(unknown)}; valid: {sorted([*RAG_SIGNS, *FT_SIGNS])}.")
    rag = [k for k in RAG_SIGNS if k in chosen]
    ft = [k for k in FT_SIGNS if k in chosen]
    if not rag and not ft:
        leaning = "none"
    elif len(rag) == len(ft):
        leaning = "both"
    else:
        leaning = "rag" if len(rag) > len(ft) else "fine-tuning"
    return Scorecard(len(rag), len(ft), rag, ft, leaning)


# ---- Measured evidence from the labs ------------------------------------------------------------------------

EVIDENCE_LABS = ("lab1_rag", "lab2_lora", "lab3_embeddings", "lab4_knowledge")
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
class Evidence:
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
    n = number(value)
    return int(n) if n is not None and n >= 0 and n.is_integer() else None


def _curve_evidence(result: str, curve: object) -> list[Evidence]:
    """Evidence items from a saved learning curve (points with 'examples' and the measured rates)."""
    if not isinstance(curve, list):
        return []
    points = [p for p in curve if isinstance(p, Mapping) and _count(p.get("examples")) is not None]
    points.sort(key=lambda p: _count(p["examples"]) or 0)
    found = []
    for key, what in CURVE_MEASURES:
        usable = [p for p in points if number(p.get(key)) is not None]
        if len(usable) < 2:
            continue
        stages = tuple((f"{_count(p['examples']):,} examples", float(p[key]), "fine-tuned") for p in usable)
        found.append(
            Evidence(
                lab_name(result),
                3,
                f"{what}, by training tickets",
                stages,
                _count(usable[-1].get("n_test")),
                "held-out tickets",
            )
        )
    return found


def evidence(lab_results: Mapping[str, Mapping[str, Any] | None]) -> list[Evidence]:
    """The comparisons present in saved lab results ({'lab1_rag': {...}, ...}; None for a lab not run), by question."""
    if not isinstance(lab_results, Mapping):
        raise TypeError("lab_results must map a saved result name ('lab1_rag', ...) to its figures (or None).")
    found: list[Evidence] = []
    for c in COMPARISONS:
        figures = lab_results.get(c.result) or {}
        reader = figures.get("reader_used") is True  # the RAG answers came from the RAFT-style reader
        stages = []
        for label, key, role in c.stages:
            value = number(figures.get(key))
            if value is None and key not in c.optional:
                stages = []
                break
            if value is not None:
                stages.append((f"{label} (reader)" if reader and role == "rag" else label, value, role))
        if stages:
            found.append(
                Evidence(
                    lab_name(c.result),
                    c.question,
                    c.what,
                    tuple(stages),
                    _count(figures.get(c.n_key)),
                    c.n_what,
                    c.higher_is_better,
                )
            )
    for result in EVIDENCE_LABS:
        found += _curve_evidence(result, (lab_results.get(result) or {}).get("learning_curve"))
    order = {q: i for i, q in enumerate((1, 2, 3, 0))}
    return sorted(found, key=lambda e: order[e.question])


def missing_evidence(
    lab_results: Mapping[str, Mapping[str, Any] | None], here: str = "04_decision_framework"
) -> list[str]:
    """One sentence per lab whose figures are missing: which lab to run (or re-run), and whether it comes later."""
    from ftrag.course import parts

    order = [p.id for p in parts()]
    position = order.index(here) if here in order else len(order)
    paths = {p.id: p.path for p in parts()}
    notes = []
    for result in EVIDENCE_LABS:
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
            - {k for k, v in figures.items() if number(v) is not None}
        )
        if lacking:
            notes.append(
                f"{name}'s saved results lack {', '.join(lacking)} (saved by an older version of the lab): "
                f"re-run {name} ({path}) to measure them."
            )
    return notes


def lab_figures(names: Iterable[str] = EVIDENCE_LABS) -> dict[str, dict[str, Any] | None]:
    """What each lab saved on this machine (numbers, plus Lab 2's learning curve); None for a lab not run yet."""
    from ftrag.results import load_results, measured_from_results

    found: dict[str, dict[str, Any] | None] = {}
    for name in names:
        raw = load_results(name)
        if raw is None:
            found[name] = None
            continue
        figures = measured_from_results([name])  # one lab at a time: labs reuse names such as n_test
        if isinstance(raw.get("learning_curve"), list):
            figures["learning_curve"] = [dict(p) for p in raw["learning_curve"] if isinstance(p, Mapping)]
        found[name] = figures
    return found
