"""Helper library for the "Fine-tune or RAG?" course: models, data, RAG, fine-tuning, decisions, checks."""

__version__ = "0.1.0"
