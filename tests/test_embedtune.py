"""Unit tests for ftrag.embedtune (embedder fine-tuning) and the Lab 3 self-checks, on tiny inputs."""

from __future__ import annotations

import pytest
import torch

from ftrag import embedtune as et
from ftrag import runtime
from ftrag.checks import CheckFailed, answer, lab3, use_reference
from ftrag.index import Hit

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


def test_training_computes_in_the_chosen_precision_over_fp32_weights(embedder, monkeypatch):
    handed = []
    real = et.trainer_defaults
    monkeypatch.setattr(et, "trainer_defaults", lambda *a, **kw: handed.append(real(*a, **kw)) or handed[-1])
    model, _ = et.train_embedder(
        et.copy_embedder(embedder), PAIRS[:4], epochs=1, batch_size=2, learning_rate=1e-3, progress=False
    )
    chosen = runtime.choose_precision(runtime.pick_device())[0]  # FTRAG_DTYPE=bf16 runs this test in bf16 too
    assert len(handed) == 1 and handed[0]["bf16"] == (chosen == "bf16") and handed[0]["fp16"] == (chosen == "fp16")
    assert {p.dtype for p in model.parameters()} == {torch.float32}  # autocast: the weights themselves stay fp32


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
    # The embedder computes in fp32 after training in any precision; the merged weights equal W + BA up to fp32
    # rounding. What the training changed must stand well clear of that.
    assert torch.allclose(want, got, atol=runtime.TOLERANCES["fp32"])
    assert (stock - got).abs().max() > 10 * runtime.TOLERANCES["fp32"]  # training did change the embeddings


# ---------------------------------------------------------------- Lab 3 self-checks


def _todo(*_args, **_kwargs):
    """A learner function whose TODO is not filled in yet."""
    raise NotImplementedError("Lab exercise: fill me in")


def _good_find_chunk(passage, chunks):
    passage = " ".join(passage.split())
    inside = [c for c in chunks if passage in c]
    return inside[0] if inside else max(chunks, key=lambda c: len(set(passage.split()) & set(c.split())))


def test_check_find_chunk(capsys):
    lab3.check_find_chunk(_good_find_chunk)
    assert "\u2705" in capsys.readouterr().out
    lab3.check_find_chunk(et.find_chunk)
    with pytest.raises(CheckFailed, match="contains the passage"):
        lab3.check_find_chunk(lambda passage, chunks: chunks[0])
    with pytest.raises(CheckFailed, match="most of its words"):
        lab3.check_find_chunk(lambda passage, chunks: next((c for c in chunks if passage in c), chunks[0]))
    with pytest.raises(CheckFailed, match="whitespace"):
        lab3.check_find_chunk(
            lambda p, cs: (
                next((c for c in cs if p in c), None) or max(cs, key=lambda c: len(set(p.split()) & set(c.split())))
            )
        )


def test_unfilled_todo_stops_with_its_own_message():
    """An unfilled TODO must stop the lab with the TODO's message (tests/test_notebooks.py relies on it)."""
    for check in (lab3.check_find_chunk, lab3.check_in_batch_loss, lab3.check_rank_of):
        with pytest.raises(NotImplementedError, match="Lab exercise"):
            check(_todo)


def test_learner_errors_become_hints():
    with pytest.raises(CheckFailed, match="ZeroDivisionError"):
        lab3.check_rank_of(lambda ranked, doc_id: 1 / 0)


def test_check_in_batch_loss():
    def unnormalised(q, p, scale=20.0):
        return torch.nn.functional.cross_entropy(scale * q @ p.T, torch.arange(len(q)))

    def no_default_scale(q, p, scale=1.0):
        return lab3.reference_in_batch_loss(q, p, scale)

    def targets_on_the_cpu(q, p, scale=20.0):
        q, p = torch.nn.functional.normalize(q, dim=-1), torch.nn.functional.normalize(p, dim=-1)
        return torch.nn.functional.cross_entropy(scale * q @ p.T, torch.arange(len(q)))

    lab3.check_in_batch_loss(lab3.reference_in_batch_loss)
    with pytest.raises(CheckFailed, match="normalise"):
        lab3.check_in_batch_loss(unnormalised)
    with pytest.raises(CheckFailed, match="defaults to 20"):
        lab3.check_in_batch_loss(no_default_scale)
    with pytest.raises(CheckFailed, match="embeddings' device"):
        lab3.check_in_batch_loss(targets_on_the_cpu)


def test_in_batch_loss_follows_the_embeddings_device():
    """Embeddings on a device other than the default (a GPU's; "meta" here) get their targets made there too."""
    q, p = torch.randn(4, 8, device="meta"), torch.randn(4, 8, device="meta")
    assert lab3.reference_in_batch_loss(q, p).device.type == "meta"
    with pytest.raises(RuntimeError, match="device"):  # what a CPU-made target does beside them
        torch.nn.functional.cross_entropy(q @ p.T, torch.arange(4))


def test_check_rank_of():
    lab3.check_rank_of(et.rank_of)
    with pytest.raises(CheckFailed, match="start at 1"):
        lab3.check_rank_of(lambda r, d: r.index(d) if d in r else None)
    with pytest.raises(CheckFailed, match="first"):
        lab3.check_rank_of(lambda r, d: max((i for i, x in enumerate(r, 1) if x == d), default=None))
    with pytest.raises(CheckFailed, match="None"):
        lab3.check_rank_of(lambda r, d: r.index(d) + 1 if d in r else 0)


def test_check_improvement(capsys):
    lab3.check_improvement({"recall@1": 0.5, "recall@5": 0.8}, {"recall@1": 0.56, "recall@5": 0.8}, "LoRA")
    assert "LoRA" in capsys.readouterr().out
    with pytest.raises(CheckFailed, match="rose by"):
        lab3.check_improvement({"recall@1": 0.5, "recall@5": 0.8}, {"recall@1": 0.53, "recall@5": 0.9})
    with pytest.raises(CheckFailed, match="recall@5 dropped"):
        lab3.check_improvement({"recall@1": 0.5, "recall@5": 0.8}, {"recall@1": 0.7, "recall@5": 0.79})


def test_references_are_the_library_versions(capsys):
    assert use_reference("lab3.rank_of") is et.rank_of
    assert use_reference("lab3.find_chunk") is et.find_chunk
    loss = use_reference("lab3.in_batch_loss")
    assert "reference" in capsys.readouterr().out
    lab3.check_in_batch_loss(loss)
    lab3.check_find_chunk(et.find_chunk)


@pytest.mark.parametrize(
    ("qid", "right", "wrong"), [("lab3.q1", "b", "a"), ("lab3.q2", "C", "b"), ("lab3.q3", " a ", "c")]
)
def test_fixed_quiz_answers(qid, right, wrong):
    assert answer(qid, "") == "open"
    assert answer(qid, right) == "right"
    with pytest.raises(CheckFailed):
        answer(qid, wrong)


def test_q4_is_judged_on_the_learners_runs_table():
    rising = [{"epochs": 1, "recall@1": 0.70}, {"epochs": 3, "recall@1": 0.74}, {"epochs": 2, "recall@1": 0.75}]
    falling = [{"epochs": 0.5, "recall@1": 0.68}, {"epochs": 2, "recall@1": 0.66}]
    assert answer("lab3.q4", "Yes", runs=rising) == "right"
    assert answer("lab3.q4", "no", runs=falling) == "right"
    with pytest.raises(CheckFailed):
        answer("lab3.q4", "no", runs=rising)
    with pytest.raises(CheckFailed):
        answer("lab3.q4", "yes", runs=[{"epochs": 1, "recall@1": 0.7}])  # one setting answers nothing
    with pytest.raises(TypeError):
        answer("lab3.q4", "yes")  # judged questions need the measurements


def test_q5_is_judged_on_the_learners_measurements():
    assert answer("lab3.q5", "no", stock=1.0, tuned=0.81) == "right"
    assert answer("lab3.q5", "yes", stock=0.9, tuned=0.9) == "right"
    with pytest.raises(CheckFailed):
        answer("lab3.q5", "yes", stock=1.0, tuned=0.81)
