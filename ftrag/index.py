"""Retrieval, the first half of RAG: word-window chunking and a FAISS vector index that answers by document."""

from __future__ import annotations

import copy
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from ftrag.models import load_embedder
from ftrag.text import clean_text
from ftrag.validate import check_positive_int, check_text, check_texts, validate_documents

DEFAULT_CHUNK_SIZE = 120  # words per chunk
DEFAULT_OVERLAP = 30  # words shared by neighbouring chunks
Chunker = Callable[[str, int, int], list[str]]  # (text, chunk_size, overlap) -> chunks


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
