"""The article's claims that the ledger grades as "share A beats share B", declared as data.

Each names the saved result set, the keys of both shares and of their count, what to run when they are missing, and
the margin the difference must clear. `ftrag.evidence` grades them; claims that need their own reasoning (a
learning curve, a ratio of costs) have a grading function there instead.
"""

from __future__ import annotations

from dataclasses import dataclass

FACT_FINE_TUNE = "fine-tuned on facts + paraphrases"  # Lab 4's fine-tune that the ledger's knowledge rows grade
# A fine-tune "learned its training text" when its loss on that text fell to at most this share of where it started
# (by a quarter or more). Seen: Lab 4's paraphrase run 2.88 -> 1.46 (learned); a run whose loss went 3.40 -> 3.41 not.
LEARNED_LOSS_SHARE = 0.75
# The bars of the claims graded by a ratio or a single share, in one place: change one and re-run notebook 07.
LATENCY_RATIO = (0.9, 1.1)  # F4, ms per ticket fine-tuned / prompt-only: supports below the first, contradicts above
BUILD_RATIO = (0.5, 2.0)  # R5, seconds to index / seconds to train: supports below the first, contradicts above
CITED_SHARE = 0.5  # R2, share of answers citing a right source: "most answers" means above this


@dataclass(frozen=True)
class Comparison:
    """A claim graded as "share A beats share B": where both shares and their count are saved, and what it means."""

    claim: str
    says: str
    measurement: str  # "what, A - B (lab)"
    result: str  # the saved result set, e.g. "lab2_lora"
    a: str  # saved key of share A
    b: str  # saved key of share B
    n: str  # saved key of the count both shares are out of
    run: str  # what to run when it is missing
    note: str
    population: str  # which items the shares count, e.g. "held-out tickets"
    margin: float = 0.0
    fine_tune: str = ""  # a fine-tuned row: the label under which the lab saved whether that fine-tune learned

    @property
    def rule(self) -> str:
        """The grading rule in words."""
        return difference_rule(self.margin)


def difference_rule(margin: float = 0.0) -> str:
    """The rule of every "A beats B" claim, in words."""
    bar = "zero" if margin == 0 else f"{margin:+.2f}"
    return f"A - B: supports if its whole 95% interval is above {bar}, contradicts if below, else inconclusive"


COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "F1",
        "fine-tuning gives a consistent output format",
        "format compliance, LoRA - prompt-only (Lab 2)",
        "lab2_lora",
        "lora_compliance",
        "prompt_only_compliance",
        "n_test",
        "Lab 2",
        "the format only: same held-out tickets, short system prompt for LoRA (tone was not measured)",
        "held-out tickets",
    ),
    Comparison(
        "F2",
        "fine-tuning builds classifiers and extractors",
        "category accuracy, LoRA - prompt-only (Lab 2)",
        "lab2_lora",
        "lora_category_acc",
        "prompt_only_category_acc",
        "n_test",
        "Lab 2",
        "5 categories: chance is 0.20",
        "held-out tickets",
    ),
    Comparison(
        "F5",
        "fine-tuning suits a stable knowledge domain",
        "stable facts, 4-option accuracy: fine-tuned on the fact sentences - base, closed book (Lab 4)",
        "lab4_knowledge",
        "mc_ft_docs_stable",
        "mc_closed_book_stable",
        "n_stable",
        "Lab 4",
        "knowledge injected by LoRA on the sentences that state the facts",
        "stable facts (questions whose answer v2 keeps)",
        fine_tune=FACT_FINE_TUNE,
    ),
    Comparison(
        "R1",
        "RAG suits a knowledge base that updates often",
        "changed facts after the update, 4-option accuracy: RAG on the v2 index - fine-tuned on v1 (Lab 4)",
        "lab4_knowledge",
        "mc_rag_changed_v2",
        "mc_ft_docs_changed_v2",
        "n_changed",
        "Lab 4",
        "re-index time: run Lab 1",
        "changed facts (questions whose answer v2 changes)",
        fine_tune=FACT_FINE_TUNE,
    ),
    Comparison(
        "R3",
        "RAG suits large amounts of proprietary documentation",
        "recall@5 with real-text distractor vectors in the index - knowledge base only (Lab 1)",
        "lab1_rag",
        "scale_real_recall@5",
        "scale_kb_only_recall@5",
        "n_retrieval",
        "Lab 1",
        "real-text vectors from the same domain added to the same exact search",
        "answerable course questions",
        margin=-0.10,
    ),
    Comparison(
        "R4",
        "RAG avoids hallucinations on factual queries",
        "confident wrong answers, closed book - RAG (Lab 1)",
        "lab1_rag",
        "hallucination_closed_book",
        "hallucination_rag",
        "n_answerable",
        "Lab 1",
        "same generator; 'wrong' = no abstention, no gold",
        "answerable course questions",
    ),
    Comparison(
        "Q1",
        "question 1: if the knowledge changes, use RAG",
        "changed facts after the update: how often the stale value wins, fine-tuned on v1 - RAG on v2 (Lab 4)",
        "lab4_knowledge",
        "mc_ft_docs_stale",
        "mc_rag_stale",
        "n_changed",
        "Lab 4",
        "the fine-tuned model can only repeat version 1",
        "changed facts (questions whose answer v2 changes)",
        fine_tune=FACT_FINE_TUNE,
    ),
    Comparison(
        "Q2",
        "question 2: if the behaviour must change, fine-tune",
        "format compliance, LoRA - untuned (Lab 2)",
        "lab2_lora",
        "lora_compliance",
        "untuned_compliance",
        "n_test",
        "Lab 2",
        "the behaviour: one strict JSON object per ticket",
        "held-out tickets",
    ),
    Comparison(
        "B1",
        "a fine-tuned model that follows instructions, plus RAG, is often the best architecture",
        "strict answer accuracy with RAG: RAFT-style reader - base generator (Lab 4)",
        "lab4_knowledge",
        "reader_strict_answerable",
        "base_rag_strict_answerable",
        "n_answerable_eval",
        "Lab 4",
        "the same retrieved sources (v2 index); strict = gold, <= 25 words",
        "answerable questions, stable and changed (the population of Lab 4's check and question 3)",
    ),
    Comparison(
        "B2",
        "RAG with a lightly fine-tuned embedding model works reliably",
        "recall@1 on held-out chat queries, tuned - stock embedder (Lab 3)",
        "lab3_embeddings",
        "recall@1_tuned",
        "recall@1_stock",
        "n_test",
        "Lab 3",
        "the same queries (paired; the interval is cautious)",
        "held-out chat-style queries",
    ),
    Comparison(
        "S1",
        "",
        "stable facts, 4-option accuracy, RAG - closed book (Lab 4)",
        "lab4_knowledge",
        "mc_rag_stable",
        "mc_closed_book_stable",
        "n_stable",
        "Lab 4",
        "RAG gain on stable facts",
        "stable facts (questions whose answer v2 keeps)",
    ),
)
