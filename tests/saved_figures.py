"""Saved lab figures as the labs write them, shared by the tests of findings and of notebook 04's keys."""

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


def write_saved(name: str, figures: dict) -> None:
    """Put a results file on disk as an older version of a lab may have left it: partial, not held to its contract."""
    import json

    from ftrag.results import results_dir

    results_dir().mkdir(parents=True, exist_ok=True)
    (results_dir() / f"{name}.json").write_text(json.dumps(figures), encoding="utf-8")
