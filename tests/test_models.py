"""Unit tests for ftrag.models: settings resolution, devices, offline loading, generation."""

from __future__ import annotations

import pytest

from ftrag import models
from ftrag.models import ModelSetupError


def test_resolve_accepts_hub_ids_and_folders(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FTRAG_EMBEDDER", raising=False)
    assert models._resolve("org/model-name", "FTRAG_EMBEDDER", "dflt") == "org/model-name"
    assert models._resolve(str(tmp_path), "FTRAG_EMBEDDER", "dflt") == str(tmp_path)
    assert models._resolve(None, "FTRAG_EMBEDDER", "dflt") == "dflt"
    monkeypatch.setenv("FTRAG_EMBEDDER", "org/other")
    assert models._resolve(None, "FTRAG_EMBEDDER", "dflt") == "org/other"


@pytest.mark.parametrize("bad", ["./no/such/folder", "/no/such/folder", "a/b/c", "just-a-name"])
def test_resolve_rejects_bad_settings_with_a_fix(bad: str) -> None:
    with pytest.raises(ModelSetupError, match="unset FTRAG_GENERATOR"):
        models._resolve(bad, "FTRAG_GENERATOR", "dflt")


def test_model_names_for_reports_follow_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FTRAG_GENERATOR", raising=False)
    monkeypatch.delenv("FTRAG_EMBEDDER", raising=False)
    assert (models.generator_name(), models.embedder_name()) == ("SmolLM2-135M-Instruct", "all-MiniLM-L6-v2")
    monkeypatch.setenv("FTRAG_GENERATOR", "org/bigger-model")
    monkeypatch.setenv("FTRAG_EMBEDDER", "org/other-embedder")
    assert (models.generator_name(), models.embedder_name()) == ("org/bigger-model", "org/other-embedder")


def test_bad_environment_setting_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FTRAG_EMBEDDER", "/nowhere/model")
    with pytest.raises(ModelSetupError, match="from FTRAG_EMBEDDER"):
        models.embedder_source()


def test_model_caches_follow_the_cache_dir(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FTRAG_CACHE_DIR", str(tmp_path))
    assert models.gguf_path().parent == tmp_path / "gguf"
    assert models.generator_cache_path().parent == tmp_path


def test_fetched_gguf_is_verified() -> None:
    import hashlib

    path = models.fetch()  # already cached by `make test`: no download
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(2**20), b""):
            digest.update(block)
    assert path.exists() and digest.hexdigest() == models.GGUF_SHA256


def test_embedder_loads_offline_and_embeds() -> None:
    model = models.load_embedder(device="cpu")
    vectors = model.encode(["return policy", "refund rules", "battery charging"], normalize_embeddings=True)
    assert vectors.shape == (3, 384)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]  # related texts are closer


@pytest.fixture(scope="module")
def generator():
    return models.load_generator(device="cpu")


def test_generator_loads_from_cache_and_answers(generator) -> None:
    model, tokenizer = generator
    assert tokenizer.padding_side == "left"
    answers = models.chat(
        model, tokenizer, ["What is 2 + 2? Answer with a number.", "Say hello."], max_new_tokens=12, progress=False
    )
    assert len(answers) == 2 and all(isinstance(a, str) and a for a in answers)
    assert "4" in answers[0]


def test_generator_special_tokens_follow_the_gguf(generator) -> None:
    # transformers < 5.x read eos as <|im_start|> from this GGUF; prepare_generator sets what the file declares.
    model, tokenizer = generator
    special = models.gguf_special_tokens(models.fetch())
    assert special == {"bos": 1, "eos": 2, "pad": 2}
    assert tokenizer.eos_token == "<|im_end|>" == tokenizer.convert_ids_to_tokens(special["eos"])
    assert tokenizer.pad_token_id == special["pad"] and model.generation_config.eos_token_id in (2, [2])


def test_chat_is_deterministic_across_batch_sizes(generator) -> None:
    model, tokenizer = generator
    prompts = ["Name a fruit.", "Name a colour that is also a fruit, in one word."]
    one = models.chat(model, tokenizer, prompts, max_new_tokens=8, batch_size=1, progress=False)
    two = models.chat(model, tokenizer, prompts, max_new_tokens=8, batch_size=2, progress=False)
    assert one[0] == two[0]


def test_chat_batches_by_length_and_answers_in_the_given_order(generator) -> None:
    model, tokenizer = generator
    prompts = ["Describe, in a long and careful sentence, the colour of the sky at noon.", "Hi", "Name a fruit."]
    alone = [models.chat(model, tokenizer, [p], max_new_tokens=6, progress=False)[0] for p in prompts]
    assert models.chat(model, tokenizer, prompts, max_new_tokens=6, batch_size=1, progress=False) == alone


def test_chat_rejects_bad_input(generator) -> None:
    model, tokenizer = generator
    with pytest.raises(TypeError, match="list of prompts"):
        models.chat(model, tokenizer, "a single string")
    with pytest.raises(ValueError, match="non-empty"):
        models.chat(model, tokenizer, ["  "])
    with pytest.raises(ValueError, match="role"):
        models.chat(model, tokenizer, [[{"text": "hi"}]])
    with pytest.raises(ValueError, match=">= 1"):
        models.chat(model, tokenizer, ["hi"], batch_size=0)


def test_cli_info_runs(capsys) -> None:
    assert models.main(["info"]) == 0
    out = capsys.readouterr().out
    assert "generator" in out and "embedder" in out
