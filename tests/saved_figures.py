"""Figures shared by several test files: saved lab figures, round-number cost assumptions, a study of own data."""

from typing import Any

LAB1 = {
    "hallucination_closed_book": 0.6,
    "hallucination_rag": 0.2,
    "strict_accuracy": 0.5,
    "n_answerable": 40.0,
    "reader_used": False,
}
LAB2 = {
    "untuned_compliance": 0.05,
    "prompt_only_compliance": 0.4,
    "lora_compliance": 0.95,
    "n_test": 40,
    "prompt_only_category_acc": 0.3,
    "lora_category_acc": 0.6,
    "learning_curve": [
        {"examples": 75, "compliance": 0.6, "category_acc": 0.3, "n_test": 40, "steps": 38},
        {"examples": 25, "compliance": 0.1, "category_acc": 0.2, "n_test": 40, "steps": 38},
        {"examples": 300, "compliance": 0.95, "n_test": 40, "steps": 38},
    ],
}
LAB3 = {"recall@1_stock": 0.5, "recall@1_tuned": 0.7, "n_test": 60}
LAB4 = {"mc_ft_docs_changed_v2": 0.27, "mc_rag_changed_v2": 0.73, "n_changed": 22}
ALL = {"lab1_rag": LAB1, "lab2_lora": LAB2, "lab3_embeddings": LAB3, "lab4_knowledge": LAB4}


# Round numbers that are easy to check by hand.
SIMPLE = dict(
    queries_per_month=1_000_000,
    prompt_tokens=100,
    output_tokens=100,
    context_tokens=800,
    rag_price_in=1.0,
    rag_price_out=2.0,
    ft_price_in=0.5,
    ft_price_out=1.0,
    rag_setup=1_000.0,
    rag_storage_per_month=100.0,
    ft_examples=1_000,
    ft_cost_per_example=5.0,
    ft_training=3_000.0,
    ft_retrain_every_months=0,
    ft_hosting_per_month=0.0,
)


def write_saved(name: str, figures: dict) -> None:
    """Put a results file on disk as an older version of a lab may have left it: partial, not held to its contract."""
    import json

    from ftrag.results import results_dir

    results_dir().mkdir(parents=True, exist_ok=True)
    (results_dir() / f"{name}.json").write_text(json.dumps(figures), encoding="utf-8")


def study(**knowledge: tuple[int, int]) -> Any:
    """A study with the given knowledge rows as (right, asked) and a retrieval that ranks the source 4th of 5."""
    from ftrag.stats import Rate
    from ftrag.yours import Study

    result = Study(2, 40, {"a.png": "not a document type", "b.png": "not a document type"}, [], 1.0, 2.0)
    result.knowledge = {name.replace("_", " "): Rate(*hn) for name, hn in knowledge.items()}
    result.retrieval, result.mrr = {"hit@1": Rate(10, 40), "hit@5": Rate(40, 40)}, 0.4
    return result
