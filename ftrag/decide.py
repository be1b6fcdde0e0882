"""The article's decision framework as pure functions: `recommend()` (three questions) and `scorecard()`.

The three questions, asked in order:
1. Does the knowledge change? yes -> RAG.
2. Must the model's behaviour change (not just what it knows)? yes -> fine-tuning.
3. Are there more than 1,000 labelled examples? yes -> fine-tuning, no -> RAG or prompting first.

What the learner's own labs measured for each question is in `ftrag.findings`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ftrag.validate import check_bool, check_count

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
