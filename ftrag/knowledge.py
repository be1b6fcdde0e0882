"""Measure what a model knows apart from how well it writes: score multiple-choice options by their likelihood.

The method of Ovadia et al. (EMNLP 2024, "Fine-Tuning or Retrieval?"): for a question with four answer options, the
model "chooses" the option whose tokens it finds most likely after the question (and the retrieved context, if any).
No text is generated, so a weak writer can still show what it knows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ftrag.prompts import Passages, messages, numbered_sources
from ftrag.validate import check_nonempty, check_text

MC_SYSTEM = "You answer questions about Halvard Home products and policies."


def mc_prompt(question: str, context: Passages | None = None) -> str:
    """The user turn: the question, with the passages (one text, texts or (title, text) pairs) above it as sources."""
    check_text(question, "a question")
    if not context:
        return question.strip()
    return f"Sources:\n{numbered_sources(context)}\n\nQuestion: {question.strip()}"


def option_logprobs(
    model: Any,
    tokenizer: Any,
    question: str,
    options: Sequence[str],
    context: Passages | None = None,
    reply_start: str = "",
    shared_prompt: bool = True,
    system: str = MC_SYSTEM,
) -> list[list[float]]:
    """The log-probability of each token of each option, as the model's reply to the chat-formatted question.

    The method: write the prompt and one option as one sequence, run the model once, and read, at each option token,
    the log-probability the model gave that token from everything before it. With `reply_start`, the reply begins with
    that text and each option continues it (a cloze: the option completes a sentence). `system` is the system turn
    (the course's company by default; your own data brings its own).

    `shared_prompt=True` (the default) gives the same numbers faster: the prompt runs once and its key/value cache
    is shared by all options (`_shared_prompt_logprobs`); tests/test_knowledge.py checks that both agree.
    """
    import torch

    check_nonempty(options, "answer options")
    if not all(isinstance(o, str) and o.strip() for o in options):
        raise ValueError("Every answer option must be a non-empty string.")
    turns = messages(mc_prompt(question, context), system)
    prompt = tokenizer.apply_chat_template(turns, tokenize=False, add_generation_prompt=True) + reply_start.rstrip()
    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    space = " " if reply_start[-1:].isspace() else ""  # "... start with" + " HV", as the text was tokenised
    option_ids = [tokenizer(space + o.strip(), add_special_tokens=False)["input_ids"] for o in options]
    if shared_prompt:
        return _shared_prompt_logprobs(model, prompt_ids, option_ids, tokenizer.pad_token_id)
    found = []
    for tokens in option_ids:
        ids = torch.tensor([prompt_ids + tokens], device=model.device)
        with torch.no_grad():
            logits = model(input_ids=ids).logits[0].float()
        # The logit at position i predicts token i + 1: the option's tokens are predicted from one position earlier.
        predicted = torch.log_softmax(logits[len(prompt_ids) - 1 : -1], dim=-1)
        found.append(predicted.gather(-1, torch.tensor(tokens, device=model.device)[:, None]).squeeze(-1).tolist())
    return found


def _shared_prompt_logprobs(
    model: Any, prompt_ids: list[int], option_ids: list[list[int]], pad_id: int
) -> list[list[float]]:
    """`option_logprobs` with one prompt pass whose key/value cache every option shares, the options as one batch."""
    import torch

    n, width, start = len(option_ids), max(len(ids) for ids in option_ids), len(prompt_ids)
    ids = torch.full((n, width), pad_id, dtype=torch.long)
    mask = torch.zeros((n, width), dtype=torch.long)
    for row, tokens in enumerate(option_ids):
        ids[row, : len(tokens)] = torch.tensor(tokens)
        mask[row, : len(tokens)] = 1
    ids, mask = ids.to(model.device), mask.to(model.device)
    with torch.no_grad():
        # Only the prompt's last position predicts anything we score: skip the other logits (a fifth of the compute).
        first = model(input_ids=torch.tensor([prompt_ids], device=model.device), use_cache=True, logits_to_keep=1)
        cache = first.past_key_values
        cache.batch_repeat_interleave(n)  # the one prompt pass, shared by every option
        rest = model(
            input_ids=ids,
            attention_mask=torch.cat([torch.ones((n, start), dtype=torch.long, device=model.device), mask], dim=1),
            position_ids=torch.arange(start, start + width, device=model.device).expand(n, width),
            past_key_values=cache,
        )
    # The prompt's last logit predicts each option's first token; each option logit predicts the next token.
    logits = torch.cat([first.logits[:, -1:, :].expand(n, 1, -1), rest.logits[:, :-1, :]], dim=1).float()
    logprobs = torch.log_softmax(logits, dim=-1).gather(-1, ids.unsqueeze(-1)).squeeze(-1)
    return [row[: len(tokens)].tolist() for row, tokens in zip(logprobs, option_ids, strict=True)]


def score_choices(
    model: Any,
    tokenizer: Any,
    question: str,
    options: Sequence[str],
    context: Passages | None = None,
    mean: bool = True,
    system: str = MC_SYSTEM,
) -> list[float]:
    """One score per option, higher = more likely: the mean log-probability of the option's tokens after the prompt
    (their sum with `mean=False`, which favours short options)."""
    scores = option_logprobs(model, tokenizer, question, options, context, system=system)
    return [sum(lp) / len(lp) if mean else sum(lp) for lp in scores]


def document_request(title: str) -> str:
    """The user turn that asks for a document's facts: the prompt of every fine-tuning example and cloze item."""
    return f"What does the Halvard Home document '{title}' say?"


def fact_sentences(
    docs: Sequence[Mapping[str, Any]],
    paraphrases: Sequence[Mapping[str, Any]],
    questions: Mapping[str, Mapping[str, Any]],
    choices: Sequence[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """For each choices row, the knowledge-base sentence that states its version-1 answer (knowledge injection data).

    `paraphrases` are rows of data/paraphrases.jsonl ({"doc_id", "sentence", "paraphrases"}). Each fact becomes
    {"id", "request" (`document_request`), "sentence", "paraphrases", "reply_start" (the sentence up to the answer),
    "options", "gold" (the v1 option)}: training text, and a cloze item in the training text's own words.
    """
    check_nonempty(paraphrases, "paraphrase rows")
    titles = {d["id"]: d["title"] for d in docs}
    facts = []
    for row in choices:
        answer, doc_ids = row["options"][row["v1"]], questions[row["id"]]["v1"]["doc_ids"]
        found = next((p for p in paraphrases if p["doc_id"] in doc_ids and answer in p["sentence"]), None)
        if found is None or found["doc_id"] not in titles:
            raise ValueError(f"No sentence of the version-1 documents states the answer of {row['id']} ({answer!r}).")
        facts.append(
            {
                "id": row["id"],
                "request": document_request(titles[found["doc_id"]]),
                "sentence": found["sentence"],
                "paraphrases": list(found["paraphrases"]),
                "reply_start": found["sentence"][: found["sentence"].index(answer)],
                "options": list(row["options"]),
                "gold": int(row["v1"]),
            }
        )
    return facts


def fact_examples(facts: Sequence[Mapping[str, Any]], reworded: bool = False) -> list[tuple[list[dict[str, str]], str]]:
    """Training examples: each distinct fact sentence (or, `reworded`, each of its paraphrases) as the reply."""
    check_nonempty(facts, "facts")
    texts = {(f["request"], t): None for f in facts for t in (f["paraphrases"] if reworded else [f["sentence"]])}
    return [(messages(request, MC_SYSTEM), text) for request, text in texts]


def choose(scores: Sequence[float]) -> int:
    """The index of the best-scored option (the first one on a tie)."""
    check_nonempty(scores, "scores")
    return max(range(len(scores)), key=lambda i: scores[i])
