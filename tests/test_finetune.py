"""Unit tests for ftrag.finetune on tiny inputs (a tiny random Llama model, so training takes seconds)."""

from __future__ import annotations

from typing import Any

import pytest

from ftrag import finetune as ft
from ftrag import triage

TICKETS = [
    {
        "ticket": "I was charged twice this month.",
        "target": {"category": "billing", "priority": "high", "summary": "Customer was charged twice."},
    },
    {
        "ticket": "How do I set up motion zones?",
        "target": {"category": "technical", "priority": "low", "summary": "Customer asks about motion zones."},
    },
]


def test_bad_data_raises_clear_errors() -> None:
    with pytest.raises(ValueError, match="non-empty"):
        ft.qa_examples([("question?", "")])
    with pytest.raises(ValueError, match="empty"):
        ft.encode_examples(None, [])
    with pytest.raises(ValueError, match="Example 0"):
        ft.encode_examples(None, [([{"role": "user", "content": "hi"}], "")])


def test_encode_masks_the_prompt_and_keeps_the_answer(tokenizer) -> None:
    messages, target = triage.triage_examples(TICKETS)[0]
    enc = ft.encode_example(tokenizer, messages, target)
    labels = enc["labels"]
    n_prompt = sum(label == ft.IGNORE_INDEX for label in labels)
    assert labels[:n_prompt] == [ft.IGNORE_INDEX] * n_prompt and ft.IGNORE_INDEX not in labels[n_prompt:]
    prompt_text = tokenizer.decode(enc["input_ids"][:n_prompt])
    assert TICKETS[0]["ticket"] in prompt_text and target not in prompt_text
    answer_text = tokenizer.decode(labels[n_prompt:])
    assert answer_text.startswith(target) and tokenizer.eos_token in answer_text
    assert len(enc["input_ids"]) == len(labels) == len(enc["attention_mask"])
    with pytest.raises(ValueError, match="max_length"):
        ft.encode_example(tokenizer, messages, target, max_length=10)
    stats = ft.length_stats([enc])
    assert stats["total_max"] == len(labels) and stats["prompt_mean"] + stats["answer_mean"] == len(labels)


def test_lora_config_checks_rank_and_layers() -> None:
    assert ft.lora_config(rank=4, layers=[6, 7]).layers_to_transform == [6, 7]
    for bad in ([], [-1], [1.5]):
        with pytest.raises(ValueError, match="layers"):
            ft.lora_config(layers=bad)
    config = ft.lora_config(rank=4)
    assert config.r == 4 and config.lora_alpha == 8 and set(config.target_modules) == set(ft.DEFAULT_TARGETS)
    for bad in (0, -1, 1.5):
        with pytest.raises(ValueError, match="rank"):
            ft.lora_config(rank=bad)
    with pytest.raises(ValueError, match="target_modules"):
        ft.lora_config(target_modules=())


def test_train_lora_learns_and_generates(tokenizer, tiny_llama) -> None:
    model = tiny_llama()
    examples = ft.qa_examples([("What colour is the sky?", "Blue."), ("What is two plus two?", "Four.")] * 4)
    # a random model's output layer is nearly silent, so the test adapts it too (the course model needs not)
    config = ft.lora_config(rank=8, target_modules=("q_proj", "v_proj", "lm_head"))
    loss_before = ft.answer_loss(model, tokenizer, examples)
    tuned, report = ft.train_lora(
        model,
        tokenizer,
        examples,
        config=config,
        epochs=8,
        learning_rate=5e-2,
        batch_size=4,
        micro_batch_size=2,
        progress=False,
    )
    trainable, total = ft.count_parameters(tuned)
    assert 0 < trainable < total / 5
    assert report.steps == 16 and len(report.losses) == report.steps and report.seconds > 0
    assert report.losses[-1] < report.losses[0] * 0.5, report.losses  # measured: 10.8 -> 1.4
    assert report.peak_rss_mb > 0
    assert ft.answer_loss(tuned, tokenizer, examples) < loss_before * 0.5  # the training text itself, measured again
    outputs = ft.generate(tuned, tokenizer, [m for m, _ in examples[:3]], max_new_tokens=4, progress=False)
    assert len(outputs) == 3 and all(isinstance(o, str) for o in outputs)
    with pytest.raises(ValueError, match="already has LoRA"):
        ft.train_lora(model, tokenizer, examples, progress=False)
    # resume=True trains the same LoRA layers further (Lab 4: documents, then their paraphrases)
    before = {n: p.detach().clone() for n, p in tuned.named_parameters() if p.requires_grad}
    again, more = ft.train_lora(
        tuned,
        tokenizer,
        examples[:4],
        epochs=2,
        batch_size=4,
        micro_batch_size=2,
        progress=False,
        resume=True,
        gradient_checkpointing=True,
    )  # 2 steps: the first is the warm-up's, at learning rate 0
    assert again is tuned and more.steps == 2 and ft.count_parameters(again) == (trainable, total)
    assert any(not p.equal(before[n]) for n, p in again.named_parameters() if p.requires_grad)
    with pytest.raises(ValueError, match="no config"):
        ft.train_lora(tuned, tokenizer, examples, config=config, progress=False, resume=True)
    with pytest.raises(ValueError, match="no config"):
        ft.train_lora(tiny_llama(), tokenizer, examples, progress=False, resume=True)


def test_answer_loss_is_the_mean_over_answer_tokens_of_every_example(tokenizer, tiny_llama) -> None:
    import torch

    model = tiny_llama()
    examples = ft.qa_examples([("What colour is the sky?", "Blue."), ("Two plus two?", "Four, I think, or so.")])
    total = count = 0.0
    for row in ft.encode_examples(tokenizer, examples):  # one example at a time, no padding: the reference
        ids, labels = torch.tensor([row["input_ids"]]), torch.tensor(row["labels"][1:])
        with torch.no_grad():
            logits = model(input_ids=ids).logits[0, :-1].float()
        total += float(torch.nn.functional.cross_entropy(logits, labels, ignore_index=-100, reduction="sum"))
        count += int((labels != -100).sum())
    assert ft.answer_loss(model, tokenizer, examples, batch_size=2) == pytest.approx(total / count, rel=1e-4)
    with pytest.raises(ValueError, match="batch_size"):
        ft.answer_loss(model, tokenizer, examples, batch_size=0)


def test_train_lora_rejects_bad_settings(tokenizer, tiny_llama) -> None:
    examples = ft.qa_examples([("q?", "a.")])
    with pytest.raises(ValueError, match="multiple"):
        ft.train_lora(tiny_llama(), tokenizer, examples, batch_size=6, micro_batch_size=4)
    with pytest.raises(ValueError, match="empty"):
        ft.train_lora(tiny_llama(), tokenizer, [])
    for steps in (0, 2.5, True):
        with pytest.raises(ValueError, match="steps"):
            ft.train_lora(tiny_llama(), tokenizer, examples, steps=steps)  # type: ignore[arg-type]


def test_train_lora_steps_go_round_a_small_set(tokenizer, tiny_llama) -> None:
    # Lab 2's learning curve: a set of 3 examples (2 steps per pass at batch 2) trained for 5 steps, like a larger set
    examples = ft.qa_examples([("q one?", "a."), ("q two?", "b."), ("q three?", "c.")])
    _, report = ft.train_lora(
        tiny_llama(), tokenizer, examples, batch_size=2, micro_batch_size=1, steps=5, progress=False
    )
    assert report.steps == 5 and len(report.losses) == 5 and report.epochs == pytest.approx(2.5)


def test_adapter_paths(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FTRAG_CACHE_DIR", str(tmp_path))
    assert ft.adapter_dir() == tmp_path / "adapters" / "triage-lora"
    with pytest.raises(ValueError, match="Adapter name"):
        ft.adapter_dir("../oops")


def test_lab2_checks_pass_right_answers_and_hint_on_wrong_ones(tiny_llama) -> None:
    from ftrag.checks import CheckFailed, lab2

    def right(text: str) -> bool:
        return triage.matches_schema(triage.parse_json_object(text))

    lab2.check_compliance_fn(right)
    with pytest.raises(CheckFailed, match="judged wrongly"):
        lab2.check_compliance_fn(lambda text: triage.parse_json_object(text) is not None)
    lab2.check_labels(lambda p, a: [-100] * len(p) + list(a))
    with pytest.raises(CheckFailed, match="skip every prompt token"):
        lab2.check_labels(lambda p, a: list(p) + list(a))

    # 30 layers like SmolLM2-135M, narrow: one unit of rank is about 0.5% of its weights
    deep = tiny_llama(vocab_size=1000, hidden_size=64, intermediate_size=128, num_hidden_layers=30)
    attention = ("q_proj", "k_proj", "v_proj", "o_proj")
    top = list(range(15, 30))
    lab2.check_lora_config(ft.lora_config(rank=1, target_modules=attention, layers=top), deep)
    with pytest.raises(CheckFailed, match=r"trains 1\.\d\d% of the weights"):
        lab2.check_lora_config(ft.lora_config(rank=2, target_modules=attention, layers=top), deep)
    with pytest.raises(CheckFailed, match="top half of the layers"):
        lab2.check_lora_config(ft.lora_config(rank=1, target_modules=attention), deep)
    with pytest.raises(CheckFailed, match="four attention projections"):
        lab2.check_lora_config(ft.lora_config(rank=1, target_modules=("q_proj", "v_proj"), layers=top), deep)
    with pytest.raises(CheckFailed, match="ft.lora_config"):
        lab2.check_lora_config(None, deep)


def test_lab2_unfilled_todo_stops_with_its_own_message() -> None:
    from ftrag.checks import lab2

    def todo(*args: object) -> bool:
        raise NotImplementedError("Lab exercise: fill me in")

    for check in (lab2.check_compliance_fn, lab2.check_labels):
        with pytest.raises(NotImplementedError, match="fill me in"):
            check(todo)


def _smollm2_shaped() -> Any:
    """The course generator's architecture without its weights (on the meta device): shapes and counts only."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    from ftrag.models import generator_source

    with torch.device("meta"):
        return AutoModelForCausalLM.from_config(AutoConfig.from_pretrained(generator_source()))


def test_lab2_references_pass_their_own_checks(capsys: pytest.CaptureFixture[str]) -> None:
    from ftrag.checks import lab2, use_reference

    lab2.check_compliance_fn(use_reference("lab2.is_compliant"))
    lab2.check_labels(use_reference("lab2.make_labels"))
    lab2.check_lora_config(use_reference("lab2.lora_config"), _smollm2_shaped())
    out = capsys.readouterr().out
    assert out.count("reference for 'lab2.") == 3 and out.count("\u2705") == 3


def test_lab2_keys_judge_on_the_learners_measurements() -> None:
    from ftrag.checks import OPEN, RIGHT, CheckFailed, answer

    assert answer("lab2.q1", "", trainable=1, total=100) == OPEN
    assert answer("lab2.q1", "0.0068", trainable=921_600, total=135_436_608) == RIGHT
    assert answer("lab2.q1", "0.68%", trainable=921_600, total=135_436_608) == RIGHT
    with pytest.raises(CheckFailed, match="training cell"):
        answer("lab2.q1", "0.5", trainable=921_600, total=135_436_608)
    assert answer("lab2.q2", "decisions", format_gain=0.25, decision_gain=0.4) == RIGHT
    assert answer("lab2.q2", "format", format_gain=0.5, decision_gain=0.4) == RIGHT
    with pytest.raises(CheckFailed):
        answer("lab2.q2", "format", format_gain=0.25, decision_gain=0.4)
    assert answer("lab2.q3", "RAG + fine-tune") == RIGHT
    with pytest.raises(CheckFailed, match="knowledge"):
        answer("lab2.q3", "fine-tune only")
    table = [
        {"examples": 300, "compliance": 0.975, "category_acc": 0.6},
        {"examples": 25, "compliance": 0.5, "category_acc": 0.3},
        {"examples": 75, "compliance": 0.95, "category_acc": 0.45},
    ]
    assert answer("lab2.q4", "75", runs=table) == RIGHT
    with pytest.raises(CheckFailed):
        answer("lab2.q4", "300", runs=table)
    assert answer("lab2.q4", "none", runs=table[1:2]) == RIGHT
    assert answer("lab2.q5", "yes", runs=table) == RIGHT
    assert answer("lab2.q5", "no", runs=[*table[1:], {"examples": 300, "compliance": 1.0, "category_acc": 0.4}])
    with pytest.raises(CheckFailed, match="two sizes"):
        answer("lab2.q5", "yes", runs=table[:1])


def test_answer_logits_only_gives_the_same_loss(tokenizer, tiny_llama) -> None:
    import torch

    model = tiny_llama()
    examples = ft.qa_examples([("What colour is the sky over the sea?", "Blue."), ("Two plus two?", "Four, I think.")])
    encoded = ft.encode_examples(tokenizer, examples)
    trimmed = ft.AnswerOnlyCollator(tokenizer.pad_token_id)(encoded)
    answer_tokens = max(sum(x != -100 for x in e["labels"]) for e in encoded)
    longest = max(len(e["input_ids"]) for e in encoded)
    assert trimmed["logits_to_keep"] == answer_tokens + 1 < longest
    assert trimmed["labels"].shape[1] == trimmed["logits_to_keep"]
    assert trimmed["input_ids"][1, 0] == tokenizer.pad_token_id  # left-padded
    with torch.no_grad():
        out = model(**trimmed)
        # the reference: each example alone, all logits; the batch loss is the mean over every answer token
        counts = [sum(x != -100 for x in e["labels"][1:]) for e in encoded]
        losses = [
            model(input_ids=torch.tensor([e["input_ids"]]), labels=torch.tensor([e["labels"]])).loss for e in encoded
        ]
    reference = sum(loss * n for loss, n in zip(losses, counts, strict=True)) / sum(counts)
    assert out.logits.shape[1] == trimmed["logits_to_keep"]
    assert torch.allclose(out.loss, reference, atol=1e-4), (out.loss, reference)


def test_checkpointing_gives_the_same_gradients_and_stops_at_the_first_lora_layer(tokenizer, tiny_llama) -> None:
    import torch
    from peft import get_peft_model

    examples = ft.qa_examples([("What colour is the sky over the sea?", "Blue."), ("Two plus two?", "Four, I think.")])
    batch = ft.AnswerOnlyCollator(tokenizer.pad_token_id)(ft.encode_examples(tokenizer, examples))
    grads, embedding_grads = [], []
    for checkpointing in (False, True):
        model = get_peft_model(tiny_llama(), ft.lora_config(rank=4, layers=[1], dropout=0.0))
        if checkpointing:
            ft.checkpoint_activations(model)
        embeddings = model.get_base_model().get_input_embeddings()
        embeddings.register_forward_hook(lambda _m, _i, out: embedding_grads.append(out.requires_grad))
        model.train()
        model(**batch).loss.backward()
        grads.append([p.grad.clone() for p in model.parameters() if p.requires_grad])
    assert len(grads[1]) == len(grads[0]) > 0 and all(torch.allclose(a, b) for a, b in zip(*grads, strict=True))
    assert any(g.abs().sum() > 0 for g in grads[1])
    assert embedding_grads == [False, False]  # no backward pass below layer 1, with or without checkpointing
