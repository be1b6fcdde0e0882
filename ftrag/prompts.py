"""Chat messages and prompts: the one message builder, the course's system prompts, and RAG's numbered sources."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ftrag.validate import check_text

Message = dict[str, str]  # {"role": "system" | "user" | "assistant", "content": text}

IDK = "I don't know."
RAG_SYSTEM = (
    "You answer customer questions using only the numbered sources you are given. "
    "Reply in one short sentence and cite the source number in square brackets, like [1]. "
    f"If the sources do not contain the answer, reply exactly: {IDK}"
)
QA_SYSTEM = "You answer questions about Halvard Home products and policies in one short sentence."


def messages(user: str, system: str | None = None, shots: Sequence[tuple[str, str]] = ()) -> list[Message]:
    """Chat messages for one request: an optional system turn, worked (user, assistant) example turns, the request."""
    check_text(user, "the user message")
    turns: list[Message] = [{"role": "system", "content": system}] if system else []
    for question, reply in shots:
        turns += [{"role": "user", "content": question}, {"role": "assistant", "content": reply}]
    return [*turns, {"role": "user", "content": user.strip()}]


def as_messages(prompt: str | Sequence[Message], system: str | None = None) -> list[Message]:
    """A plain prompt becomes `messages(prompt, system)`; a message list is checked (system turn added if absent)."""
    if isinstance(prompt, str):
        return messages(prompt, system)
    turns = list(prompt)
    if not turns or not all(isinstance(m, dict) and {"role", "content"} <= m.keys() for m in turns):
        raise ValueError("A message list needs dicts with 'role' and 'content'.")
    if system and turns[0]["role"] != "system":
        turns = [{"role": "system", "content": system}, *turns]
    return turns


def count_tokens(tokenizer: Any, prompt: str | Sequence[Message]) -> int:
    """How many tokens the model reads for one chat prompt (chat template and generation prompt included)."""
    text = tokenizer.apply_chat_template(as_messages(prompt), tokenize=False, add_generation_prompt=True)
    return len(tokenizer(text, add_special_tokens=False)["input_ids"])


Passages = str | Sequence[str] | Sequence[tuple[str, str]]


def as_passages(passages: Passages) -> list[tuple[str, str]]:
    """(title, text) pairs from what a learner may pass: one text, a list of texts, or (title, text) pairs."""
    if isinstance(passages, str):
        passages = [passages]
    out = []
    for i, item in enumerate(passages):
        if isinstance(item, str):
            out.append(("", item))
        elif isinstance(item, tuple | list) and len(item) == 2 and all(isinstance(s, str) for s in item):
            out.append((item[0], item[1]))
        else:
            raise ValueError(
                f"Source {i} is {item!r:.60}: pass the sources as one text, a list of texts, or (title, text) pairs."
            )
    return out


def numbered_sources(passages: Passages) -> str:
    """Passages (see `as_passages`) as numbered sources, "[1] Title: text", one per line."""
    pairs = as_passages(passages)
    lines = [f"[{n}] {title + ': ' if title else ''}{text}" for n, (title, text) in enumerate(pairs, start=1)]
    return "\n".join(lines) or "(no sources found)"


def rag_prompt(question: str, passages: Passages) -> str:
    """A prompt with the passages as numbered sources, asking for a short cited answer or "I don't know"."""
    check_text(question, "a question")
    return (
        f"Sources:\n{numbered_sources(passages)}\n\n"
        f"Question: {question.strip()}\n"
        "Answer in one short sentence using only the sources above and cite the source like [1]. "
        f"If the sources do not answer the question, say: {IDK}"
    )
