"""Self-checks for the "Check your understanding" sections of the concept notebooks (01-07).

Usage in a notebook: `check("01_private_facts", answer_1)`. Answers are short words such as "rag",
"fine-tuning", "prompting", "knowledge", "behaviour", "yes" or "no" (case and spaces do not matter).
A wrong answer raises `CheckFailed` with a hint that points back to a section; hints never give the answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from ftrag.checks import expect


@dataclass(frozen=True)
class Question:
    """One self-check: accepted answers, a hint, the section to reread, and what to say on success."""

    accepted: frozenset[str]
    hint: str
    section: str
    success: str


def _q(accepted: set[str], hint: str, section: str, success: str) -> Question:
    """Build a Question."""
    return Question(frozenset(accepted), hint, section, success)


QUESTIONS: dict[str, Question] = {
    # 01 base model
    "01_private_facts": _q(
        {"no"},
        "where would a model trained on public web text have seen a private price list?",
        "What the model says about Halvard Home",
        "Right: private facts were never in its training data.",
    ),
    "01_first_try": _q(
        {"prompting"},
        "which option needs no index and no training, only a better message?",
        "Prompting: the cheapest first step",
        "Right: try a good prompt before building anything.",
    ),
    # 02 RAG
    "02_weights_change": _q(
        {"no"},
        "look at what RAG changes: the prompt, or the model file?",
        "Put the context in the prompt, and cite it",
        "Right: RAG leaves the weights alone; only the prompt changes.",
    ),
    "02_update": _q(
        {"reindex", "re-index", "index"},
        "a price changed in one document: what must be embedded again?",
        "A vector index with FAISS",
        "Right: re-embed the changed document; no training needed.",
    ),
    # 03 fine-tuning
    "03_good_at": _q(
        {"behaviour", "behavior", "format"},
        "reread what fine-tuning changes well and what it does poorly.",
        "What fine-tuning changes, and what it does poorly",
        "Right: fine-tuning shapes behaviour and format.",
    ),
    "03_lora_share": _q(
        {"under 1%", "<1%", "less than 1%", "below 1%"},
        "compare the trainable share of each LoRA rank with 1%.",
        "LoRA: train a small add-on instead",
        "Right: LoRA trains a tiny share of the weights.",
    ),
    # 04 decision framework
    "04_first_question": _q(
        {"does the knowledge change?", "knowledge", "does the knowledge change"},
        "the framework asks about facts first, behaviour second, data third.",
        "The three questions",
        "Right: whether the knowledge changes is asked first.",
    ),
    "04_scenario": _q(
        {"fine-tuning"},
        "walk the three questions in order for stable facts, no behaviour change, 5,000 labels.",
        "The three questions",
        "Right: question 3 sends plenty of labelled data to fine-tuning.",
    ),
    # 05 cost
    "05_rag_driver": _q(
        {"queries", "query volume", "volume"},
        "which input multiplies the per-query cost of RAG every month?",
        "Where the money goes",
        "Right: RAG's running cost grows with query volume.",
    ),
    "05_retrain": _q(
        {"later", "moves later", "never"},
        "each retraining run adds a step to the fine-tuning line.",
        "What if the knowledge changes?",
        "Right: retraining pushes the break-even later, or removes it.",
    ),
    # 06 using both
    "06_pattern": _q(
        {"embedder", "embedding model", "embeddings", "the embedder"},
        "in the pattern the article singles out, which model is lightly fine-tuned?",
        "Not either-or",
        "Right: fine-tune the embedder, keep the generator as it is.",
    ),
    # 07 wrap-up
    "07_start_with": _q(
        {"rag"},
        "reread the final recommendation: what do you build first, before usage data exists?",
        "The final recommendation",
        "Right: start with RAG, fine-tune once real usage shows what to change.",
    ),
}


def normalise(answer: object) -> str:
    """Lower-case, stripped text of an answer (non-strings become '')."""
    return " ".join(answer.strip().lower().split()) if isinstance(answer, str) else ""


def check(question_id: str, answer: object) -> None:
    """Check a learner's answer to one question: print a confirmation, or raise CheckFailed with a hint."""
    if question_id not in QUESTIONS:
        raise KeyError(f"No self-check {question_id!r}; valid ids: {sorted(QUESTIONS)}.")
    q = QUESTIONS[question_id]
    expect(normalise(answer) in q.accepted, hint=q.hint, section=q.section, success=q.success)
