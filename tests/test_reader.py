"""Unit tests for ftrag.reader's loading of the saved reader adapter (a tiny random Llama model)."""

from __future__ import annotations

import pytest

from ftrag import finetune as ft
from ftrag import reader as rd


def test_no_reader_saved_gives_none(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FTRAG_CACHE_DIR", str(tmp_path))
    assert rd.load_reader(object()) is None


def test_the_reader_is_merged_and_answers_as_the_adapter_does(tmp_path, monkeypatch, tiny_llama) -> None:
    import torch
    from peft import get_peft_model

    monkeypatch.setenv("FTRAG_CACHE_DIR", str(tmp_path))
    torch.manual_seed(1)
    trained = get_peft_model(tiny_llama(), ft.lora_config(rank=4)).eval()
    for name, weight in trained.named_parameters():
        if "lora_B" in name:
            torch.nn.init.normal_(weight, std=0.5)  # an adapter that changes the outputs
    trained.save_pretrained(rd.reader_dir())
    ids = torch.tensor([[1, 5, 9, 14, 3]])
    with torch.no_grad():
        expected = trained(input_ids=ids).logits
        base = tiny_llama()
        plain = base(input_ids=ids).logits
        loaded = rd.load_reader(base)
        got = loaded(input_ids=ids).logits
    assert not any("lora" in name for name, _ in loaded.named_parameters())  # merged: no adapter layers left
    assert not torch.allclose(plain, expected, atol=1e-3)  # the adapter matters, so the comparison means something
    assert torch.allclose(got, expected, atol=1e-4)


def test_choose_answerer_follows_the_switch_and_says_which(tmp_path, monkeypatch, tiny_llama) -> None:
    from peft import get_peft_model

    monkeypatch.setenv("FTRAG_CACHE_DIR", str(tmp_path))
    base = tiny_llama()
    missing = rd.choose_answerer(base, use_reader=True)  # asked for, none saved
    assert missing.model is base and not missing.is_reader and "Lab 4 trains it" in missing.label
    get_peft_model(tiny_llama(), ft.lora_config(rank=4)).save_pretrained(rd.reader_dir())
    off = rd.choose_answerer(base, use_reader=False)  # saved, not asked for: the base model answers
    assert off.model is base and not off.is_reader and "reader" not in off.label
    on = rd.choose_answerer(base, use_reader=True)
    assert on.is_reader and "reader" in on.label
    assert not any("lora" in name for name, _ in on.model.named_parameters())


def test_the_target_cites_the_own_source_by_its_number_or_declines() -> None:
    assert rd.reader_target("30 days.", ["d7", "d2", "d9"], "d2") == "30 days [2]."
    assert rd.reader_target(" 59  EUR ", ["d2"], "d2") == "59 EUR [1]."
    assert rd.reader_target("30 days", ["d7", "d9"], "d2") == "I don't know."
    with pytest.raises(ValueError, match="empty"):
        rd.reader_target(" . ", ["d2"], "d2")


def test_reader_examples_pass_each_prompt_its_sources_and_the_own_document() -> None:
    from hash_embedder import DOCS, HashEmbedder

    from ftrag.index import VectorIndex

    index = VectorIndex.from_documents(DOCS, embedder=HashEmbedder())
    rows = [
        {"question": "How long does shipping to Norway take?", "answer": "eight business days", "doc_id": "d3"},
        {"question": "When are invoices sent?", "answer": "every month", "doc_id": "d2"},
    ] * 10
    seen: list[tuple[list[str], str]] = []

    def reply(answer: str, shown: list[str], own: str) -> str:
        seen.append((list(shown), own))
        return rd.reader_target(answer, shown, own)

    examples = rd.reader_examples(rows, index, k=2, idk_share=0.3, seed=1, reply=reply)
    assert len(seen) == len(examples) == len(rows)  # the learner's reply writes every target, declining ones too
    declined = [target for _, target in examples if target == "I don't know."]
    assert 0 < len(declined) < len(rows)
    for (prompt, target), (shown, own) in zip(examples, seen, strict=True):
        assert len(shown) == 2 and (own in shown) == (target != "I don't know.")
        if own in shown:
            number = shown.index(own) + 1
            assert target.endswith(f"[{number}].") and f"[{number}]" in prompt[-1]["content"]
