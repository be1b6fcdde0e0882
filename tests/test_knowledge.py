"""Unit tests for ftrag.knowledge: option scoring with a shared prompt cache equals scoring each option alone."""

from __future__ import annotations

import pytest

from ftrag import knowledge as kn


@pytest.fixture(scope="module")
def tiny(tokenizer, tiny_llama):
    """The tiny model (conftest) and the course generator's tokenizer."""
    return tiny_llama(), tokenizer


def _alone(model, tok, question: str, option: str, context=None) -> float:
    """The reference: the whole prompt + option in one pass, mean log-probability of the option tokens."""
    import torch

    turns = kn.messages(kn.mc_prompt(question, context), kn.MC_SYSTEM)
    prompt = tok(tok.apply_chat_template(turns, tokenize=False, add_generation_prompt=True), add_special_tokens=False)[
        "input_ids"
    ]
    ids = prompt + tok(option, add_special_tokens=False)["input_ids"]
    with torch.no_grad():
        logits = model(input_ids=torch.tensor([ids])).logits[0]
    logp = torch.log_softmax(logits[:-1].float(), -1)
    return float(sum(logp[i - 1, ids[i]] for i in range(len(prompt), len(ids))) / (len(ids) - len(prompt)))


def test_shared_cache_scores_equal_separate_passes(tiny) -> None:
    """The shared-cache path and the one-pass reference agree up to the rounding of the precision they compute in.

    Both run with the weights in the course's precision (FTRAG_DTYPE; .ci/run runs both fp32 and bf16): a padded
    batch and a single sequence take different kernels, so in bf16 the last bits differ (4.7e-4 seen), in fp32 not.
    """
    from ftrag.runtime import tolerance, torch_dtype

    model, tok = tiny
    model = model.to(torch_dtype(device="cpu"))
    options = ["30 days", "14 days", "a refund in store credit only", "60"]
    context = [("Returns policy", "You can return a product within 30 days of delivery.")]
    for ctx in (None, context):
        got = kn.score_choices(model, tok, "How long is the return window?", options, ctx)
        want = [_alone(model, tok, "How long is the return window?", o, ctx) for o in options]
        assert got == pytest.approx(want, abs=tolerance())
        # The library's lesson version (one sequence per option) and its fast path agree token by token.
        for start in ("", "The window is "):
            plain = kn.option_logprobs(model, tok, "How long?", options, ctx, start, shared_prompt=False)
            fast = kn.option_logprobs(model, tok, "How long?", options, ctx, start)
            assert [len(p) for p in plain] == [len(f) for f in fast]
            assert sum(plain, []) == pytest.approx(sum(fast, []), abs=tolerance())
    assert kn.choose([-2.0, -0.5, -0.5, -3.0]) == 1


DOCS = [{"id": "d1", "title": "Returns", "text": "Hello. Returns are accepted within 30 days of delivery. Bye."}]
PARAPHRASES = [
    {"doc_id": "d1", "sentence": "Hello.", "paraphrases": ["Hi."]},
    {"doc_id": "d1", "sentence": "Returns are accepted within 30 days of delivery.", "paraphrases": ["A", "B"]},
]
QUESTIONS = {"q1": {"v1": {"doc_ids": ["d1"]}}, "q2": {"v1": {"doc_ids": ["d1"]}}}
CHOICES = [
    {"id": "q1", "options": ["14 days", "30 days", "60 days", "7 days"], "v1": 1, "v2": 0},
    {"id": "q2", "options": ["delivery", "purchase", "payment", "repair"], "v1": 0, "v2": 0},
]


def test_fact_sentences_find_the_sentence_that_states_each_answer() -> None:
    facts = kn.fact_sentences(DOCS, PARAPHRASES, QUESTIONS, CHOICES)
    assert [f["sentence"] for f in facts] == [PARAPHRASES[1]["sentence"]] * 2
    assert facts[0]["reply_start"] == "Returns are accepted within " and facts[0]["gold"] == 1
    assert facts[1]["reply_start"] == "Returns are accepted within 30 days of "
    assert "'Returns'" in facts[0]["request"] and facts[0]["paraphrases"] == ["A", "B"]
    # One example per distinct sentence; the reworded set has one per paraphrase.
    assert [t for _, t in kn.fact_examples(facts)] == [PARAPHRASES[1]["sentence"]]
    assert [t for _, t in kn.fact_examples(facts, reworded=True)] == ["A", "B"]
    assert kn.fact_examples(facts)[0][0][-1]["content"] == facts[0]["request"]
    with pytest.raises(ValueError, match="q9"):
        kn.fact_sentences(DOCS, PARAPHRASES, {"q9": {"v1": {"doc_ids": ["d1"]}}}, [{**CHOICES[0], "id": "q9", "v1": 0}])
    with pytest.raises(ValueError, match="non-empty"):
        kn.fact_examples([])


def test_a_cloze_option_is_scored_as_the_continuation_of_the_sentence(tiny) -> None:
    import torch

    from ftrag.runtime import tolerance

    model, tok = tiny
    fact = kn.fact_sentences(DOCS, PARAPHRASES, QUESTIONS, CHOICES)[0]
    got = kn.option_logprobs(model, tok, fact["request"], fact["options"], reply_start=fact["reply_start"])
    turns = kn.messages(fact["request"], kn.MC_SYSTEM)
    prompt = tok.apply_chat_template(turns, tokenize=False, add_generation_prompt=True) + "Returns are accepted within"
    head = tok(prompt, add_special_tokens=False)["input_ids"]
    ids = head + tok(" 30 days", add_special_tokens=False)["input_ids"]  # the option as the sentence tokenised it
    with torch.no_grad():
        logp = torch.log_softmax(model(input_ids=torch.tensor([ids])).logits[0, :-1].float(), -1)
    want = [float(logp[i - 1, ids[i]]) for i in range(len(head), len(ids))]
    assert got[1] == pytest.approx(want, abs=tolerance())  # the fixture may be in bf16 by now (see above)


def test_bad_inputs_raise_clear_errors(tiny) -> None:
    model, tok = tiny
    with pytest.raises(ValueError, match="answer options"):
        kn.score_choices(model, tok, "q?", [])
    with pytest.raises(ValueError, match="non-empty string"):
        kn.score_choices(model, tok, "q?", ["a", " "])
    with pytest.raises(ValueError, match="question"):
        kn.score_choices(model, tok, "", ["a"])


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ("Returns take 30 days.", "[1] Returns take 30 days."),
        (["Returns take 30 days.", "Shipping is free."], "[1] Returns take 30 days.\n[2] Shipping is free."),
        ([("Returns", "30 days.")], "[1] Returns: 30 days."),
    ],
)
def test_sources_may_be_one_text_texts_or_titled_pairs(context, expected: str) -> None:
    assert kn.mc_prompt("How long?", context) == f"Sources:\n{expected}\n\nQuestion: How long?"


@pytest.mark.parametrize("bad", [[("a", "b", "c")], [3], [("title", 4)]])
def test_sources_of_another_shape_say_what_shape_is_wanted(bad) -> None:
    with pytest.raises(ValueError, match="one text, a list of texts, or \\(title, text\\) pairs"):
        kn.mc_prompt("How long?", bad)
