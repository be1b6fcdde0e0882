"""A minimal, general RAG toolkit: word-window chunking, a FAISS vector index by document, prompts and answers."""

from __future__ import annotations

import copy
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from ftrag.metrics import is_abstention, parse_citations
from ftrag.models import chat, load_embedder
from ftrag.prompts import IDK, RAG_SYSTEM, rag_prompt
from ftrag.text import clean_text, split_sentences
from ftrag.validate import check_positive_int, check_text, check_texts

DEFAULT_CHUNK_SIZE = 120  # words per chunk
DEFAULT_OVERLAP = 30  # words shared by neighbouring chunks
Chunker = Callable[[str, int, int], list[str]]  # (text, chunk_size, overlap) -> chunks
PromptBuilder = Callable[[str, Sequence["Hit"]], str]  # (question, hits) -> prompt
SYSTEM_PROMPT = RAG_SYSTEM  # the rules of a RAG answer, sent as the system turn
__all__ = ["IDK", "SYSTEM_PROMPT"]  # re-exported for the labs


@dataclass(frozen=True)
class Chunk:
    """A piece of one document: its id, title, text and position (chunk number within the document)."""

    doc_id: str
    text: str
    title: str = ""
    position: int = 0


@dataclass(frozen=True)
class Hit:
    """One retrieved document: its best-matching chunk and that chunk's cosine similarity to the query."""

    doc_id: str
    text: str
    score: float
    title: str = ""
    position: int = 0


@dataclass
class RagAnswer:
    """A generated answer, the document ids it cited, the hits it was shown and its timings (seconds)."""

    question: str
    text: str
    sources: list[str]
    hits: list[Hit]
    abstained: bool = False
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class UpdateReport:
    """What `VectorIndex.sync` changed: ids added, removed, re-indexed, and left untouched."""

    added: list[str]
    removed: list[str]
    changed: list[str]
    unchanged: int
    seconds: float


def chunk_text(text: str, chunk_size: int = DEFAULT_CHUNK_SIZE, overlap: int = DEFAULT_OVERLAP) -> list[str]:
    """Split a text into windows of `chunk_size` words, each sharing `overlap` words with the previous one."""
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be an integer >= 1, got {chunk_size!r}.")
    if not isinstance(overlap, int) or not 0 <= overlap < chunk_size:
        raise ValueError(f"overlap must be an integer with 0 <= overlap < chunk_size ({chunk_size}), got {overlap!r}.")
    if not isinstance(text, str):
        raise ValueError(f"text must be a string, got {type(text).__name__}.")
    words = clean_text(text).split(" ") if text.strip() else []
    step = chunk_size - overlap
    chunks = []
    for start in range(0, max(len(words), 1), step):
        piece = words[start : start + chunk_size]
        if piece:
            chunks.append(" ".join(piece))
        if start + chunk_size >= len(words):
            break
    return chunks


def validate_documents(docs: Iterable[Mapping[str, Any]], existing: Iterable[str] = ()) -> list[dict[str, str]]:
    """Check documents ({"id", "text", optional "title"}) and return clean copies; raise ValueError if bad."""
    if isinstance(docs, str | bytes | Mapping):
        raise ValueError("Pass a list of documents (dicts with 'id' and 'text'), not a single value.")
    seen = set(existing)
    out = []
    for i, doc in enumerate(docs):
        if not isinstance(doc, Mapping):
            raise ValueError(f"Document {i} must be a dict with 'id' and 'text', got {type(doc).__name__}.")
        doc_id, text, title = doc.get("id"), doc.get("text"), doc.get("title", "")
        if not isinstance(doc_id, str) or not doc_id.strip():
            raise ValueError(f"Document {i} needs a non-empty string 'id', got {doc_id!r}.")
        if not isinstance(text, str):
            raise ValueError(f"Document {doc_id!r}: 'text' must be a string, got {type(text).__name__}.")
        if not text.strip():
            raise ValueError(f"Document {doc_id!r} has empty text.")
        if title is None:
            title = ""
        if not isinstance(title, str):
            raise ValueError(f"Document {doc_id!r}: 'title' must be a string if given, got {type(title).__name__}.")
        if doc_id in seen:
            raise ValueError(f"Duplicate document id {doc_id!r}: ids must be unique (sync() replaces documents).")
        seen.add(doc_id)
        out.append({"id": doc_id, "title": clean_text(title), "text": clean_text(text)})
    return out


def chunk_documents(
    docs: Iterable[Mapping[str, Any]], chunk_size: int = DEFAULT_CHUNK_SIZE, overlap: int = DEFAULT_OVERLAP
) -> list[Chunk]:
    """Chunk every document, keeping each chunk's document id, title and position."""
    return [
        Chunk(doc_id=d["id"], text=piece, title=d["title"], position=n)
        for d in validate_documents(docs)
        for n, piece in enumerate(chunk_text(d["text"], chunk_size, overlap))
    ]


def _fingerprint(doc: Mapping[str, str]) -> str:
    """A short hash of a document's title and text, to tell whether it changed."""
    return hashlib.sha1(f"{doc['title']}\n{doc['text']}".encode()).hexdigest()[:16]


class VectorIndex:
    """Chunks of documents embedded with a sentence-transformers model in an exact FAISS inner-product index."""

    def __init__(
        self,
        embedder: Any = None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        overlap: int = DEFAULT_OVERLAP,
        title_in_chunks: bool = False,
        batch_size: int = 16,
        chunker: Chunker | None = None,
    ) -> None:
        """Create an empty index; embedder=None loads the course embedder; `chunker(text, size, overlap)` cuts texts
        (default `chunk_text`; a lab passes the learner's own)."""
        chunk_text("check", chunk_size, overlap)  # validates the two settings
        if embedder is None:
            embedder = load_embedder()
        self.embedder = embedder
        self.chunker = chunker or chunk_text
        self.chunk_size, self.overlap = chunk_size, overlap
        self.title_in_chunks = title_in_chunks
        self.batch_size = batch_size
        get_dim = getattr(embedder, "get_embedding_dimension", None) or embedder.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self._faiss = faiss.IndexIDMap2(faiss.IndexFlatIP(self.dim))
        self._chunks: dict[int, Chunk] = {}
        self._doc_chunks: dict[str, list[int]] = {}
        self._docs: dict[str, dict[str, str]] = {}
        self._next_id = 0

    @classmethod
    def from_documents(
        cls,
        docs: Sequence[Mapping[str, Any]],
        embedder: Any = None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        overlap: int = DEFAULT_OVERLAP,
        title_in_chunks: bool = False,
        progress: bool = False,
        chunker: Chunker | None = None,
    ) -> VectorIndex:
        """Build an index over a non-empty list of {"id", "text", optional "title"} documents."""
        docs = validate_documents(docs)
        if not docs:
            raise ValueError("Cannot build an index from an empty corpus: pass at least one document.")
        index = cls(embedder, chunk_size=chunk_size, overlap=overlap, title_in_chunks=title_in_chunks, chunker=chunker)
        index.add(docs, progress=progress)
        return index

    def __len__(self) -> int:
        """Number of documents in the index."""
        return len(self._docs)

    def __contains__(self, doc_id: object) -> bool:
        """Whether a document id is in the index."""
        return doc_id in self._docs

    def __repr__(self) -> str:
        """A one-line summary."""
        return f"VectorIndex({len(self)} documents, {self.num_chunks} chunks, dim={self.dim})"

    @property
    def doc_ids(self) -> list[str]:
        """Ids of the indexed documents, in insertion order."""
        return list(self._docs)

    @property
    def num_chunks(self) -> int:
        """Number of chunks (vectors) in the index."""
        return int(self._faiss.ntotal)

    def copy(self) -> VectorIndex:
        """An independent copy (vectors, chunks, documents) that shares this index's embedder, which is not copied."""
        new = copy.copy(self)
        new._faiss = faiss.deserialize_index(faiss.serialize_index(self._faiss))
        new._chunks = dict(self._chunks)
        new._doc_chunks = {doc_id: list(ids) for doc_id, ids in self._doc_chunks.items()}
        new._docs = {doc_id: dict(doc) for doc_id, doc in self._docs.items()}
        return new

    def document(self, doc_id: str) -> dict[str, str]:
        """A copy of one indexed document (id, title, text)."""
        if doc_id not in self._docs:
            raise KeyError(f"No document with id {doc_id!r} in the index.")
        return dict(self._docs[doc_id])

    def _chunk_input(self, chunk: Chunk) -> str:
        """The text that gets embedded for a chunk (its title first, if enabled and present)."""
        return f"{chunk.title}: {chunk.text}" if self.title_in_chunks and chunk.title else chunk.text

    def embed(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        """Embed texts as L2-normalised float32 vectors (one row per text)."""
        vectors = self.embedder.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def add(self, docs: Sequence[Mapping[str, Any]], progress: bool = False) -> int:
        """Chunk, embed and add new documents; return the number of chunks added."""
        docs = validate_documents(docs, existing=self._docs)
        chunks = [
            Chunk(doc_id=d["id"], text=piece, title=d["title"], position=n)
            for d in docs
            for n, piece in enumerate(self.chunker(d["text"], self.chunk_size, self.overlap))
        ]
        if not chunks:
            return 0
        vectors = self.embed([self._chunk_input(c) for c in chunks], progress=progress)
        ids = np.arange(self._next_id, self._next_id + len(chunks), dtype=np.int64)
        self._faiss.add_with_ids(vectors, ids)
        for cid, chunk in zip(ids.tolist(), chunks, strict=True):
            self._chunks[cid] = chunk
            self._doc_chunks.setdefault(chunk.doc_id, []).append(cid)
        self._next_id += len(chunks)
        for d in docs:
            self._docs[d["id"]] = d
        return len(chunks)

    def remove(self, doc_id: str) -> int:
        """Remove a document and all its chunks; return the number of chunks removed."""
        if doc_id not in self._docs:
            raise KeyError(f"No document with id {doc_id!r} in the index.")
        ids = self._doc_chunks.pop(doc_id)
        removed = int(self._faiss.remove_ids(np.asarray(ids, dtype=np.int64)))
        for cid in ids:
            del self._chunks[cid]
        del self._docs[doc_id]
        return removed

    def sync(self, docs: Sequence[Mapping[str, Any]]) -> UpdateReport:
        """Make the index match a new version of the corpus, re-embedding only added or changed documents."""
        start = time.perf_counter()
        new = {d["id"]: d for d in validate_documents(docs)}
        if not new:
            raise ValueError("sync() needs a non-empty corpus; use remove() to drop documents one by one.")
        removed = [i for i in self._docs if i not in new]
        changed = [i for i in new if i in self._docs and _fingerprint(new[i]) != _fingerprint(self._docs[i])]
        added = [i for i in new if i not in self._docs]
        for doc_id in removed + changed:
            self.remove(doc_id)
        self.add([new[i] for i in changed + added])
        unchanged = len(new) - len(changed) - len(added)
        return UpdateReport(added, removed, changed, unchanged, time.perf_counter() - start)

    def _hits(self, scores: np.ndarray, ids: np.ndarray, k: int) -> list[Hit]:
        """Turn one row of FAISS results into at most k hits, one per document (its best chunk)."""
        hits: list[Hit] = []
        seen: set[str] = set()
        for score, cid in zip(scores.tolist(), ids.tolist(), strict=True):
            if cid < 0:
                continue
            chunk = self._chunks[cid]
            if chunk.doc_id in seen:
                continue
            seen.add(chunk.doc_id)
            hits.append(Hit(chunk.doc_id, chunk.text, float(score), chunk.title, chunk.position))
            if len(hits) == k:
                break
        return hits

    def search_many(self, queries: Sequence[str], k: int = 5) -> list[list[Hit]]:
        """Top-k documents for each query (batched), best first, one hit per document."""
        check_texts(queries, "queries (search() takes one query)")
        check_positive_int(k, "k")
        if not queries:
            return []
        if self.num_chunks == 0:
            return [[] for _ in queries]
        vectors = self.embed(queries)
        k_docs = min(k, len(self._docs))
        fetch = min(self.num_chunks, max(4 * k_docs, k_docs + 16))
        results: list[list[Hit] | None] = [None] * len(queries)
        todo = list(range(len(queries)))
        while todo:  # fetch more chunks for queries whose top chunks came from too few documents
            scores, ids = self._faiss.search(vectors[todo], fetch)
            retry = []
            for row, qi in enumerate(todo):
                hits = self._hits(scores[row], ids[row], k_docs)
                if len(hits) < k_docs and fetch < self.num_chunks:
                    retry.append(qi)
                else:
                    results[qi] = hits
            todo, fetch = retry, min(self.num_chunks, fetch * 4)
        return [r or [] for r in results]

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """Top-k documents for a query, best first, one hit per document (its best chunk)."""
        check_text(query, "a query")
        return self.search_many([query], k)[0]

    def save(self, path: str | Path) -> Path:
        """Save the index (FAISS vectors, chunks and documents) to a folder; return the folder."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        faiss.write_index(self._faiss, str(folder / "vectors.faiss"))
        meta = {
            "format": 1,
            "dim": self.dim,
            "chunk_size": self.chunk_size,
            "overlap": self.overlap,
            "title_in_chunks": self.title_in_chunks,
            "next_id": self._next_id,
            "docs": list(self._docs.values()),
            "chunks": [{"id": cid, **asdict(c)} for cid, c in self._chunks.items()],
        }
        (folder / "index.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        return folder

    @classmethod
    def load(cls, path: str | Path, embedder: Any = None) -> VectorIndex:
        """Load an index saved with save(); the embedder must be the one it was built with."""
        folder = Path(path)
        if not (folder / "index.json").is_file() or not (folder / "vectors.faiss").is_file():
            raise FileNotFoundError(f"{folder} does not hold a saved VectorIndex (index.json + vectors.faiss).")
        meta = json.loads((folder / "index.json").read_text(encoding="utf-8"))
        index = cls(embedder, meta["chunk_size"], meta["overlap"], meta["title_in_chunks"])  # default chunker
        if index.dim != meta["dim"]:
            raise ValueError(f"The embedder makes {index.dim}-d vectors but the saved index holds {meta['dim']}-d.")
        index._faiss = faiss.read_index(str(folder / "vectors.faiss"))
        index._docs = {d["id"]: d for d in meta["docs"]}
        for row in meta["chunks"]:
            cid = row.pop("id")
            index._chunks[cid] = Chunk(**row)
            index._doc_chunks.setdefault(row["doc_id"], []).append(cid)
        index._next_id = meta["next_id"]
        return index


def focus_hits(
    questions: Sequence[str], hits: Sequence[Sequence[Hit]], index: VectorIndex, sentences: int = 2
) -> list[list[Hit]]:
    """Shrink each hit to its `sentences` sentences most similar to the question (kept in document order)."""
    if sentences < 1:
        raise ValueError(f"sentences must be >= 1, got {sentences}.")
    pieces = [[split_sentences(h.text) for h in row] for row in hits]
    flat = [s for row in pieces for sents in row for s in sents]
    if not flat:
        return [list(row) for row in hits]
    vectors = index.embed(flat)
    queries = index.embed(list(questions))
    out, pos = [], 0
    for qi, row in enumerate(hits):
        new_row = []
        for hit, sents in zip(row, pieces[qi], strict=True):
            sims = vectors[pos : pos + len(sents)] @ queries[qi]
            pos += len(sents)
            keep = sorted(np.argsort(-sims)[:sentences].tolist())
            new_row.append(Hit(hit.doc_id, " ".join(sents[i] for i in keep), hit.score, hit.title, hit.position))
        out.append(new_row)
    return out


def build_prompt(question: str, hits: Sequence[Hit]) -> str:
    """A prompt with the retrieved chunks as numbered sources, asking for a short cited answer or "I don't know"."""
    return rag_prompt(question, [(h.title, h.text) for h in hits])


def cited_sources(text: str, hits: Sequence[Hit]) -> list[str]:
    """Document ids of the numbered sources an answer cites (numbers outside 1..len(hits) are ignored)."""
    return list(dict.fromkeys(hits[n - 1].doc_id for n in parse_citations(text) if 1 <= n <= len(hits)))


def answer(
    questions: Sequence[str],
    index: VectorIndex,
    model: Any,
    tokenizer: Any,
    k: int = 3,
    max_new_tokens: int = 48,
    batch_size: int = 8,
    min_score: float | None = None,
    sentences: int | None = None,
    system: str | None = SYSTEM_PROMPT,
    progress: bool = True,
    prompt: PromptBuilder | None = None,
) -> list[RagAnswer]:
    """Retrieve k documents per question, generate cited answers in batches, and parse the cited sources.

    With `sentences`, each hit shown to the model is cut to its most relevant sentences (shorter, sharper context).
    With `min_score`, questions whose best hit scores below it get "I don't know." without generation.
    `prompt(question, hits)` builds each prompt (default `build_prompt`; a lab passes the learner's own).
    Timings are per question: retrieval and generation time of its batch divided by the batch size.
    """
    check_texts(questions, "questions")
    start = time.perf_counter()
    all_hits = index.search_many(list(questions), k)
    if sentences:
        all_hits = focus_hits(questions, all_hits, index, sentences)
    retrieval_s = (time.perf_counter() - start) / max(len(questions), 1)
    gated = [min_score is not None and (not hits or hits[0].score < min_score) for hits in all_hits]
    todo = [i for i, g in enumerate(gated) if not g]
    start = time.perf_counter()
    prompts = [(prompt or build_prompt)(questions[i], all_hits[i]) for i in todo]
    texts = (
        chat(
            model,
            tokenizer,
            prompts,
            system=system,
            max_new_tokens=max_new_tokens,
            batch_size=batch_size,
            progress=progress,
        )
        if prompts
        else []
    )
    generation_s = (time.perf_counter() - start) / max(len(todo), 1)
    generated = dict(zip(todo, texts, strict=True))
    out = []
    for i, q in enumerate(questions):
        text = generated.get(i, IDK)
        hits = all_hits[i]
        timing = {"retrieval_s": retrieval_s, "generation_s": generation_s if i in generated else 0.0}
        out.append(RagAnswer(q, text, cited_sources(text, hits), hits, is_abstention(text), timing))
    return out
