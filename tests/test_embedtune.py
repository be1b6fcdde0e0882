"""Unit tests for ftrag.embedtune (embedder fine-tuning) and the Lab 3 self-checks, on tiny inputs."""

from __future__ import annotations

import pytest
import torch

from ftrag import embedtune as et
from ftrag.checks import CheckFailed, lab3
from ftrag.rag import Hit

DOCS = [
    {"id": "d1", "title": "Hub", "text": "The hub supports 24 cameras. It needs a wired connection to the router."},
    {"id": "d2", "title": "Chime", "text": "The chime plays eight melodies. Volume has five steps from the app."},
    {"id": "d3", "title": "Returns", "text": "You can return any product within 45 days. Refunds take 5 days."},
]
PAIRS = [
    {"id": "e1", "query": "how many cams on puffin", "doc_id": "d1", "passage": "The hub supports 24 cameras."},
    {"id": "e2", "query": "robin too loud", "doc_id": "d2", "passage": "Volume has five steps from the app."},
    {"id": "e3", "query": "send stuff back", "doc_id": "d3", "passage": "You can return any product within 45 days."},
    {"id": "e4", "query": "money back when", "doc_id": "d3", "passage": "Refunds take 5 days."},
]


@pytest.fixture(scope="module")
def embedder():
    """The course embedder, loaded once for this module."""
    from ftrag.models import load_embedder

    return load_embedder(device="cpu")


def test_tuned_embedder_dir_under_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FTRAG_CACHE_DIR", str(tmp_path))
    assert et.tuned_embedder_dir() == tmp_path / "embedders" / "minilm-tuned"
    with pytest.raises(ValueError):
        et.tuned_embedder_dir("../escape")


def test_pairs_dataset_columns():
    ds = et.pairs_dataset(PAIRS)
    assert ds.column_names == ["anchor", "positive"]
    assert ds[0] == {"anchor": PAIRS[0]["query"], "positive": PAIRS[0]["passage"]}
    with_neg = et.pairs_dataset([{**p, "negative": "x"} for p in PAIRS])
    assert with_neg.column_names == ["anchor", "positive", "negative"]


@pytest.mark.parametrize("bad", [[], "text", [{"query": "q"}], [{"query": " ", "passage": "p"}], [3]])
def test_bad_pairs_rejected(bad):
    with pytest.raises(ValueError):
        et.pairs_dataset(bad)


def test_chunk_pairs_picks_the_holding_chunk():
    doc = {"id": "d", "title": "", "text": " ".join(f"w{i}" for i in range(10))}
    pairs = [
        {"query": "q", "doc_id": "d", "passage": "w1 w2"},  # only in chunk 0
        {"query": "q", "doc_id": "d", "passage": "w7 w8"},  # only in chunk 1
        {"query": "q", "doc_id": "d", "passage": "w4 w5 w6 w7 w8 w9"},  # straddles: most words in chunk 1
    ]
    out = et.chunk_pairs(pairs, [doc], chunk_size=6, overlap=2)
    assert [p["passage"] for p in out] == ["w0 w1 w2 w3 w4 w5", "w4 w5 w6 w7 w8 w9", "w4 w5 w6 w7 w8 w9"]
    assert pairs[0]["passage"] == "w1 w2"  # inputs are not changed
    with pytest.raises(ValueError, match="not among the documents"):
        et.chunk_pairs([{"query": "q", "doc_id": "zz", "passage": "p"}], [doc])


def test_rank_of():
    assert et.rank_of(["a", "b"], "b") == 2
    assert et.rank_of(["a", "b"], "c") is None


class _FakeIndex:
    """Returns a fixed ranking per query."""

    def __init__(self, ranking: dict[str, list[str]]) -> None:
        self.ranking = ranking

    def search_many(self, queries, k):
        return [[Hit(d, "", 1.0) for d in self.ranking[q][:k]] for q in queries]


def test_evaluate_retrieval_on_fixed_rankings():
    index = _FakeIndex({"q1": ["a", "b"], "q2": ["a", "b"]})
    scores, ranked = et.evaluate_retrieval(index, [{"query": "q1", "doc_id": "a"}, {"query": "q2", "doc_id": "b"}])
    assert ranked == [["a", "b"], ["a", "b"]]
    assert scores["recall@1"] == 0.5 and scores["recall@5"] == 1.0 and scores["mrr"] == 0.75
    with pytest.raises(ValueError):
        et.evaluate_retrieval(index, [{"query": "q1"}])


def test_train_validates_arguments(embedder):
    with pytest.raises(ValueError):
        et.train_embedder(embedder, PAIRS, batch_size=1)
    with pytest.raises(ValueError):
        et.train_embedder(embedder, PAIRS, batch_size=2, mini_batch_size=4)


def _first_weight(model) -> torch.Tensor:
    """A copy of one attention weight of the embedder's first layer."""
    name, param = next((n, p) for n, p in model.named_parameters() if "query" in n and "weight" in n)
    return param.detach().clone()


def test_full_training_changes_the_copy_only(embedder):
    before = _first_weight(embedder)
    model, report = et.train_embedder(
        et.copy_embedder(embedder), PAIRS, epochs=1, batch_size=2, learning_rate=1e-3, progress=False
    )
    assert report.method == "full" and report.steps == 2 and len(report.losses) == 2
    assert report.trainable_params == report.total_params > 20_000_000
    assert report.seconds > 0 and report.peak_rss_mb > 0
    assert not torch.equal(_first_weight(model), before)
    assert torch.equal(_first_weight(embedder), before)


def test_lora_trains_adapters_and_saves_merged(embedder, tmp_path, monkeypatch):
    monkeypatch.setenv("FTRAG_CACHE_DIR", str(tmp_path))
    assert et.load_tuned_embedder() is None
    model = et.add_lora(et.copy_embedder(embedder), rank=4)
    with pytest.raises(ValueError, match="already has LoRA"):
        et.add_lora(model)
    model, report = et.train_embedder(
        model, PAIRS, epochs=1, batch_size=4, learning_rate=1e-2, mini_batch_size=2, progress=False
    )
    assert report.method == "lora"
    assert 0 < report.trainable_params < 0.05 * report.total_params
    path = et.save_embedder(model)
    assert path == tmp_path / "embedders" / "minilm-tuned"
    reloaded = et.load_tuned_embedder(device="cpu")
    assert not any("lora" in n for n, _ in reloaded.named_parameters())
    texts = [p["query"] for p in PAIRS]
    want = model.encode(texts, convert_to_tensor=True)
    got = reloaded.encode(texts, convert_to_tensor=True)
    stock = embedder.encode(texts, convert_to_tensor=True)
    assert torch.allclose(want, got, atol=1e-4)
    assert not torch.allclose(stock, got, atol=1e-3)  # training did change the embeddings


# ---------------------------------------------------------------- Lab 3 self-checks


def test_check_find_chunk():
    def good(passage, chunks):
        inside = [c for c in chunks if passage in c]
        return inside[0] if inside else max(chunks, key=lambda c: len(set(passage.split()) & set(c.split())))

    lab3.check_find_chunk(good)
    with pytest.raises(CheckFailed):
        lab3.check_find_chunk(lambda passage, chunks: chunks[0])
    with pytest.raises(CheckFailed, match="TODO"):
        lab3.check_find_chunk(lambda passage, chunks: (_ for _ in ()).throw(NotImplementedError()))


def test_check_in_batch_loss():
    def good(q, p, scale=20.0):
        q, p = torch.nn.functional.normalize(q, dim=-1), torch.nn.functional.normalize(p, dim=-1)
        return torch.nn.functional.cross_entropy(scale * q @ p.T, torch.arange(len(q)))

    def unnormalised(q, p, scale=20.0):
        return torch.nn.functional.cross_entropy(scale * q @ p.T, torch.arange(len(q)))

    lab3.check_in_batch_loss(good)
    with pytest.raises(CheckFailed):
        lab3.check_in_batch_loss(unnormalised)


def test_check_rank_of():
    lab3.check_rank_of(et.rank_of)
    with pytest.raises(CheckFailed, match="start at 1"):
        lab3.check_rank_of(lambda r, d: r.index(d) if d in r else None)


def test_check_improvement():
    lab3.check_improvement({"recall@1": 0.5, "recall@5": 0.8}, {"recall@1": 0.56, "recall@5": 0.8})
    with pytest.raises(CheckFailed):
        lab3.check_improvement({"recall@1": 0.5, "recall@5": 0.8}, {"recall@1": 0.53, "recall@5": 0.9})
    with pytest.raises(CheckFailed):
        lab3.check_improvement({"recall@1": 0.5, "recall@5": 0.8}, {"recall@1": 0.7, "recall@5": 0.79})


def test_check_quiz():
    lab3.check_quiz(dict(lab3.QUIZ_KEY))
    with pytest.raises(CheckFailed):
        lab3.check_quiz({**lab3.QUIZ_KEY, "q2": "a"})
