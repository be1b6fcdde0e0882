"""Build every file under data/ for the Fine-tune or RAG? course (deterministic: run twice, same bytes).

Usage: python tools/make_data.py [--out DIR] [--source DIR]
All text and templates are data under data/source/ (layout: data/README.md); this script reads them, applies the
v1->v2 changes, generates support tickets, chat-style queries and multiple-choice distractors, and checks every
invariant with assertions.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import string
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
from ftrag.data import DOC_TYPES, check_record  # the data sets' JSON Schemas (data/schemas/), one validator
from ftrag.metrics import normalize_answer  # the kit's answer normalisation (options must differ under it)
from ftrag.text import NUMBER, plural_one, shape, split_sentences  # the kit's sentence splitter and answer shape

SEED = 20240611
PLAIN_NAME_RATE = 0.5  # share of queries whose staff code name becomes a plain product word
UPDATE_HINT_RATE = 0.6  # share of release-note queries that mention an update
TYPO_RATE = 0.12  # share of tickets with two swapped letters
LOWER_RATE = 0.08  # share of tickets written all in lower case
READER_MAX_WORDS = 6  # longest reader training answer, in words
READER_MIN_PER_DOC = 2  # reader training questions every v1 document needs at least
PARAPHRASE_MAX_SIMILARITY = 0.75  # word-sequence similarity (difflib) a paraphrase must stay below
SHAPE_RANGE = 3.0  # a harvested numeric distractor's leading numbers lie within gold/3 .. gold*3
FACTORS = (0.5, 1.5, 2, 3, 0.25, 4, 5, 10)  # fallback distractors: quantities scaled by these
STEPS = (1, -1, 2, -2, 3, -3, 4, 5)  # ... codes and versions (last number) and clock times (hours) shifted by these
DEFAULT_POOL = "powered"  # tickets.yaml pool drawn for scenarios with products: null ({P} is unused there)


# --------------------------------------------------------------------------- reading data/source


class SourceError(Exception):
    """A file under data/source is missing, malformed or inconsistent (the message names the file)."""


@dataclass
class Doc:
    """One knowledge-base document read from kb/<key>.md."""

    where: str  # the file, for error messages
    key: str
    title: str
    type: str
    text: str
    questions: list[dict[str, Any]]
    embedding: list[dict[str, Any]]
    reader: list[dict[str, str]]
    paraphrases: list[dict[str, Any]]


@dataclass
class Source:
    """Everything read from data/source."""

    dir: Path
    docs: list[Doc]
    new_docs: list[Doc]
    removed: list[str]
    changes: list[dict[str, str]]
    unanswerable: list[str]
    queries: dict[str, Any]
    tickets: dict[str, Any]
    scenarios: list[dict[str, Any]]


def _rel(path: Path) -> str:
    """Path relative to the repository root when it lies inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def need(ok: bool, where: str, msg: str) -> None:
    """Raise SourceError(where: msg) unless ok."""
    if not ok:
        raise SourceError(f"{where}: {msg}")


def check(record: Any, schema: str, where: str) -> Any:
    """`record` if it fits data/schemas/<schema>.schema.json; else a SourceError naming where and the field."""
    return check_record(record, schema, where, SourceError)


def read_yaml(path: Path, text: str | None = None) -> Any:
    """yaml.safe_load a file (or text taken from it), raising SourceError naming the file."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8") if text is None else text)
    except OSError as err:
        raise SourceError(f"{_rel(path)}: cannot read ({err.strerror})") from err
    except yaml.YAMLError as err:
        raise SourceError(f"{_rel(path)}: invalid YAML: {err}") from err


def read_doc(path: Path) -> Doc:
    """Read one Markdown document: YAML front matter between '---' lines, then the text."""
    where = _rel(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as err:
        raise SourceError(f"{where}: cannot read ({err.strerror})") from err
    head, sep, body = raw.removeprefix("---\n").partition("\n---\n")
    need(raw.startswith("---\n") and bool(sep), where, "expected YAML front matter between two '---' lines")
    fm = check(read_yaml(path, head), "source-doc", where)
    need(fm["key"] == path.stem, where, f"key {fm['key']!r} differs from the file name")
    need(fm["type"] in DOC_TYPES, where, f"type {fm['type']!r} is not one of {list(DOC_TYPES)}")
    need(bool(body.strip()), where, "the document text is empty")
    questions, embedding = fm.get("questions", []), fm.get("embedding", [])
    for i, e in enumerate(embedding, start=1):
        need(len(e["queries"]) >= 2, f"{where}: embedding item {i}", "needs two queries or more (one is for test)")
    reader, paraphrases = fm.get("reader_questions", []), fm.get("paraphrases", [])
    return Doc(where, fm["key"], fm["title"], fm["type"], norm(body), questions, embedding, reader, paraphrases)


def load_source(src: Path) -> Source:
    """Read and cross-check every file under src (data/source)."""
    where = _rel(src / "kb.yaml")
    index = check(read_yaml(src / "kb.yaml"), "source-kb", where)
    listed = index["v1"] + index["v2_new"]
    need(len(set(listed)) == len(listed), where, "a key is listed twice")
    for path in sorted((src / "kb").glob("*.md")):
        need(path.stem in listed, _rel(path), f"not listed in {where} (v1 or v2_new)")
    kept = [k for k in index["v1"] if k not in index["v2_removed"]]
    need(set(index["v2_removed"]) <= set(index["v1"]), where, "v2_removed names a key that is not in v1")
    docs = [read_doc(src / "kb" / f"{k}.md") for k in index["v1"]]
    new_docs = [read_doc(src / "kb" / f"{k}.md") for k in index["v2_new"]]
    for d in new_docs:
        need(not d.reader and not d.paraphrases, d.where, "reader_questions and paraphrases belong to v1 documents")
    for d in docs:
        for k in (k for q in d.questions for k in q.get("also_gold", [])):
            need(k in kept, d.where, f"also_gold {k!r} is not a kept v1 document")
    where = _rel(src / "changes.yaml")
    changes = check(read_yaml(src / "changes.yaml"), "source-changes", where)
    for i, ch in enumerate(changes, start=1):
        need(ch["doc"] in kept, f"{where}: item {i}", f"doc {ch['doc']!r} is not a kept v1 document")
    unanswerable = read_yaml(src / "unanswerable.yaml")
    check(unanswerable, "source-unanswerable", _rel(src / "unanswerable.yaml"))
    queries = check(read_yaml(src / "queries.yaml"), "source-queries", _rel(src / "queries.yaml"))
    where = _rel(src / "tickets.yaml")
    tickets = check(read_yaml(src / "tickets.yaml"), "source-tickets", where)
    need(DEFAULT_POOL in tickets["pools"], where, f"pools needs {DEFAULT_POOL!r} (for scenarios without products)")
    for name, pool in tickets["pools"].items():
        need(set(pool) <= set(tickets["products"]), where, f"pool {name!r} names an unknown product")
    where = _rel(src / "scenarios.yaml")
    scenarios = check(read_yaml(src / "scenarios.yaml"), "source-scenarios", where)
    for i, scn in enumerate(scenarios, start=1):
        need(scn["products"] in (None, *tickets["pools"]), f"{where}: item {i}", "products must name a pool or be null")
        need(len(scn["tickets"]) >= 2, f"{where}: item {i}", "needs two tickets or more (the last is for test)")
    slots = {"p", "P", "plan", "amt", "order", *tickets["slots"]}
    texts = [(_rel(src / "tickets.yaml"), t) for t in tickets["closers"]]
    texts += [(where, t) for scn in scenarios for t in [scn["summary"], *scn["tickets"]]]
    for file, text in texts:
        bad = sorted({f for _, f, _, _ in string.Formatter().parse(text) if f is not None} - slots)
        need(not bad, file, f"unknown placeholder(s) {bad} in {text!r}")
    return Source(src, docs, new_docs, index["v2_removed"], changes, unanswerable, queries, tickets, scenarios)


# --------------------------------------------------------------------------- helpers


def norm(text: str) -> str:
    """Collapse whitespace of a hand-wrapped text block."""
    return " ".join(text.split())


def write_jsonl(path: Path, rows: list[dict]) -> None:
    """Write rows as UTF-8 JSON lines with a trailing newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def sentence_with(text: str, key: str, where: str) -> str:
    """Return the single sentence of text that contains key (exactly one must)."""
    hits = [s for s in split_sentences(text) if key in s]
    need(len(hits) == 1, where, f"key_phrase {key!r} is in {len(hits)} sentences of the text, not exactly one")
    return hits[0]


# --------------------------------------------------------------------------- knowledge base


def build_kb(src: Source) -> tuple[list[dict], list[dict], dict[str, str], list[dict]]:
    """Return kb_v1 rows, kb_v2 rows, key->id map and change rows."""
    ids: dict[str, str] = {}
    v1: list[dict] = []
    for i, d in enumerate(src.docs, start=1):
        ids[d.key] = f"kb-{i:03d}"
        v1.append({"id": ids[d.key], "title": d.title, "type": d.type, "text": d.text})
    by_key = {d.key: row for d, row in zip(src.docs, v1, strict=True)}

    v2_text = {k: r["text"] for k, r in by_key.items()}
    changes: list[dict] = []
    for n, ch in enumerate(src.changes, start=1):
        key, old, new = ch["doc"], ch["old"], ch["new"]
        where = f"{_rel(src.dir / 'changes.yaml')}: item {n}"
        need(by_key[key]["text"].count(old) == 1, where, f"old {old!r} must occur exactly once in the v1 text of {key}")
        need(v2_text[key].count(old) == 1, where, f"old {old!r} no longer occurs once after the earlier changes")
        v2_text[key] = v2_text[key].replace(old, new)
        changes.append({"id": f"chg-{n:02d}", "doc_id": ids[key], "fact": ch["fact"], "old": old, "new": new})
    v2 = [{**row, "text": v2_text[key]} for key, row in by_key.items() if key not in src.removed]
    for i, d in enumerate(src.new_docs, start=len(v1) + 1):
        ids[d.key] = f"kb-{i:03d}"
        v2.append({"id": ids[d.key], "title": d.title, "type": d.type, "text": d.text})
    for row, ch in zip(changes, src.changes, strict=True):
        ok = row["old"] not in v2_text[ch["doc"]] and row["new"] in v2_text[ch["doc"]]
        need(ok, _rel(src.dir / "changes.yaml"), f"a later change undoes {row['id']} ({row['fact']})")
    doc_file = {ids[d.key]: d.where for d in src.docs + src.new_docs}
    for version, rows in (("v1", v1), ("v2", v2)):
        for row in rows:
            n_words = len(row["text"].split())
            need(120 <= n_words <= 350, doc_file[row["id"]], f"{version} text has {n_words} words, not 120-350")
    return v1, v2, ids, changes


# --------------------------------------------------------------------------- questions


def build_questions(src: Source, ids: dict[str, str], v1: list[dict], v2: list[dict], rng: random.Random) -> list[dict]:
    """Stable, changed and unanswerable questions with per-version gold docs and answers."""
    t1 = {r["id"]: r["text"].lower() for r in v1}
    t2 = {r["id"]: r["text"].lower() for r in v2}
    rows: list[dict] = []
    for d in src.docs:
        for q in d.questions:
            question, answer = q["question"], q["answer"]
            gold = [ids[d.key]] + [ids[k] for k in q.get("also_gold", [])]
            for version, texts in (("v1", t1), ("v2", t2)):
                need(all(g in texts for g in gold), d.where, f"a gold doc of {question!r} is not in {version}")
                ok = any(answer.lower() in texts[g] for g in gold)
                need(ok, d.where, f"answer {answer!r} to {question!r} is not in the {version} text of its gold docs")
            both = {"doc_ids": gold, "answer": answer}
            rows.append({"question": question, "kind": "stable", "v1": both, "v2": dict(both)})
    for ch in src.changes:
        did, old, new = ids[ch["doc"]], ch["old"], ch["new"]
        assert old.lower() in t1[did] and new.lower() in t2[did]
        rows.append(
            {
                "question": ch["question"],
                "kind": "changed",
                "v1": {"doc_ids": [did], "answer": old},
                "v2": {"doc_ids": [did], "answer": new},
            }
        )
    for question in src.unanswerable:
        none = {"doc_ids": [], "answer": None}
        rows.append({"question": question, "kind": "unanswerable", "v1": none, "v2": dict(none)})
    rng.shuffle(rows)
    return [{"id": f"q-{i:03d}", **r} for i, r in enumerate(rows, start=1)]


# --------------------------------------------------------------------------- embedding pairs


def decorate(core: str, qd: dict[str, Any], rng: random.Random, release_notes: bool = False) -> str:
    """Wrap a query core in a chat-style prefix/suffix; sometimes swap a code name for a product word."""
    code_names: dict[str, list[str]] = qd["code_names"]
    if rng.random() < PLAIN_NAME_RATE:
        core = re.sub(
            r"\b(" + "|".join(map(re.escape, code_names)) + r")\b", lambda m: rng.choice(code_names[m.group(1)]), core
        )
    if release_notes and rng.random() < UPDATE_HINT_RATE and "updat" not in core:
        core = core.rstrip("?") + rng.choice(qd["update_hints"])
    q = rng.choice(qd["prefixes"]) + core
    if not q.endswith("?"):
        q += rng.choice(qd["suffixes"])
    return q


def build_embedding_pairs(
    src: Source, ids: dict[str, str], v1: list[dict], rng: random.Random
) -> tuple[list[dict], list[dict]]:
    """Query/passage pairs over kb_v1; one query core per fact (rotating position) goes to test."""
    text = {r["id"]: r["text"] for r in v1}
    train: list[dict] = []
    test: list[dict] = []
    n_fact = 0
    for d in src.docs:
        did = ids[d.key]
        for fact in d.embedding:
            cores = fact["queries"]
            n_fact += 1
            held = n_fact % len(cores)
            passage = sentence_with(text[did], fact["key_phrase"], d.where)
            assert passage in text[did]
            for j, core in enumerate(cores):
                query = decorate(core, src.queries, rng, release_notes=d.type == "release-notes")
                row = {"query": query, "doc_id": did, "passage": passage}
                (test if j == held else train).append(row)
    seen: set[str] = set()
    for row in train + test:
        need(row["query"] not in seen, _rel(src.dir / "kb"), f"two facts give the same query {row['query']!r}")
        seen.add(row["query"])
    rng.shuffle(train)
    rng.shuffle(test)
    train = [{"id": f"e-{i:04d}", **r} for i, r in enumerate(train, start=1)]
    test = [{"id": f"e-{i:04d}", **r} for i, r in enumerate(test, start=len(train) + 1)]
    return train, test


# --------------------------------------------------------------------------- behaviour tickets


def _typo(text: str, rng: random.Random) -> str:
    """Swap two adjacent letters inside one random word longer than four letters."""
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not idx:
        return text
    i = rng.choice(idx)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def _fill(template: str, vals: dict[str, str]) -> str:
    """Substitute {slot} placeholders; the first character is capitalised when a slot starts the text."""
    out = template.format(**vals)
    if template.startswith("{"):
        out = out[0].upper() + out[1:]
    return out


def make_ticket(scn: dict[str, Any], core: str, tk: dict[str, Any], rng: random.Random) -> tuple[str, dict]:
    """Render one ticket text and its target from a scenario, a ticket template and the slot values."""
    vals = {k: rng.choice(v) for k, v in tk["slots"].items()}
    prod = rng.choice(tk["pools"][scn["products"] or DEFAULT_POOL])
    vals["P"] = prod
    vals["p"] = rng.choice(tk["products"][prod])
    plan = rng.choice(sorted(tk["plans"]))
    vals["plan"] = plan
    vals["amt"] = rng.choice(tk["plans"][plan])
    vals["order"] = f"HV-{rng.randrange(100000, 999999)}"
    body = _fill(core, vals)
    if rng.random() < TYPO_RATE:
        body = _typo(body, rng)
    if rng.random() < LOWER_RATE:
        body = body.lower()
    parts = [rng.choice(tk["greetings"]), body, rng.choice(tk["closers"]).format(**vals)]
    ticket = " ".join(p for p in parts if p)
    summary = scn["summary"].format(**vals)
    assert len(summary.split()) <= 18, summary
    return ticket, {"category": scn["category"], "priority": scn["priority"], "summary": summary}


def build_behaviour(
    src: Source, rng: random.Random, n_train: int = 300, n_test: int = 100
) -> tuple[list[dict], list[dict]]:
    """Train/test tickets; test uses each scenario's held-out (last) wording template."""
    cats = sorted({s["category"] for s in src.scenarios})
    by_cat = {c: [s for s in src.scenarios if s["category"] == c] for c in cats}
    seen: set[str] = set()

    def draw(n: int, test: bool) -> list[dict]:
        """Draw n distinct tickets, cycling through the categories."""
        rows: list[dict] = []
        while len(rows) < n:
            scn = rng.choice(by_cat[cats[len(rows) % len(cats)]])
            core = scn["tickets"][-1] if test else rng.choice(scn["tickets"][:-1])
            ticket, target = make_ticket(scn, core, src.tickets, rng)
            if ticket.lower() in seen:
                continue
            seen.add(ticket.lower())
            rows.append({"ticket": ticket, "target": target})
        rng.shuffle(rows)
        return rows

    train = draw(n_train, test=False)
    test = draw(n_test, test=True)
    train = [{"id": f"t-{i:04d}", **r} for i, r in enumerate(train, start=1)]
    test = [{"id": f"t-{i:04d}", **r} for i, r in enumerate(test, start=n_train + 1)]
    return train, test


# --------------------------------------------------------------------------- multiple choice

ONE_PLURAL = re.compile(r"(?<![\w.,:])1 [a-z]+s\b")  # '1 seconds': a variant that would need a singular unit


def _lead(answer: str) -> list[int]:
    """The integer part of every number of the answer ('9.99 to 08:00' -> [9, 8]; '6,700' -> [6700])."""
    return [int(re.split(r"[.:]", m.group())[0].replace(",", "")) for m in NUMBER.finditer(answer)]


def _near(gold: str, cand: str) -> bool:
    """Whether each number of cand lies within SHAPE_RANGE of gold's (zero only near small numbers)."""
    pairs = list(zip(_lead(gold), _lead(cand), strict=True))
    return all(
        a == b or (min(a, b) == 0 and max(a, b) <= 10) or 1 / SHAPE_RANGE <= b / a <= SHAPE_RANGE for a, b in pairs
    )


def _is_code(answer: str) -> bool:
    """Whether the numbers name something (IP66, T6, +31 ..., 2.7.1, Android 10, port 443) rather than count it."""
    return bool(re.search(r"[A-Za-z+]\d|\d\.\d+\.\d", answer) or re.fullmatch(r"\d+|[A-Z][a-z]+ \d+", answer))


def _nice(x: float) -> int:
    """Round a scaled quantity that is not whole: to a whole number below 20, to 5 below 100, to 10 above."""
    step = 1 if x < 20 or x == int(x) else 5 if x < 100 else 10
    return int(x / step + 0.5) * step


def _scale(tok: str, f: float) -> str | None:
    """Scale one number token by f keeping its format (decimals keep their fraction, zero-padding its width)."""
    head, dot, frac = tok.partition(".")
    value = int(head.replace(",", ""))
    new = _nice(value * f)
    if new == 0 and value != 0:
        return None
    out = f"{new:,}" if "," in head else str(new).zfill(len(head) if head.startswith("0") else 1)
    return out + dot + frac


def perturb(gold: str) -> list[str]:
    """Deterministic same-shape variants of a numeric answer (clock times shifted, codes stepped, quantities scaled)."""
    base = plural_one(gold)
    toks = list(NUMBER.finditer(base))
    out: list[str] = []

    def emit(new: list[str | None]) -> None:
        if None in new:
            return
        parts, last = [], 0
        for m, s in zip(toks, new, strict=True):
            parts += [base[last : m.start()], s]
            last = m.end()
        cand = "".join(parts) + base[last:]
        if new != [m.group() for m in toks] and (not ONE_PLURAL.search(cand) or ONE_PLURAL.search(gold)):
            out.append(cand)

    if all(re.fullmatch(r"\d\d:\d\d", m.group()) for m in toks):
        for d in STEPS:
            hours = [int(m.group()[:2]) + d for m in toks]
            emit([f"{h:02d}{m.group()[2:]}" if 0 <= h <= 23 else None for h, m in zip(hours, toks, strict=True)])
    elif _is_code(gold):
        head, sep, last = toks[-1].group().rpartition(".")
        for d in STEPS:
            n = int(last) + d
            width = len(last) if last.startswith("0") else 1  # keep the zero-padding of '0142'
            emit([m.group() for m in toks[:-1]] + [head + sep + str(n).zfill(width) if n >= 0 else None])
    else:
        for f in FACTORS:
            emit([_scale(m.group(), f) for m in toks])
    return out


def _shape_regex(sh: str) -> re.Pattern[str]:
    """A pattern finding values of shape sh in a text (a plural unit after N also matches its singular)."""
    body = "".join(r"\d+" if p == "N" else re.escape(p) for p in re.split(r"(N)", sh))
    if re.fullmatch(r"N [a-z]+s", sh):
        body = body[:-1] + "s?"
    return re.compile(r"(?<![\w.,:+-])" + body + r"(?!\w|[.,:]\d)")


def build_choices(
    src: Source, questions: list[dict], v1: list[dict], v2: list[dict], rng: random.Random
) -> tuple[list[dict], Counter[str]]:
    """Four options per answerable question; return the rows and where their distractors came from."""
    hand: dict[str, tuple[str, list[str] | None]] = {}
    for d in src.docs:
        for q in d.questions:
            hand[q["question"]] = (d.where, q.get("distractors"))
    for n, ch in enumerate(src.changes, start=1):
        hand[ch["question"]] = (f"{_rel(src.dir / 'changes.yaml')}: item {n}", ch.get("distractors"))
    texts = [r["text"] for r in v1 + v2]
    answers = sorted({q[v]["answer"] for q in questions for v in ("v1", "v2") if q[v]["answer"]})
    rows: list[dict] = []
    origin: Counter[str] = Counter()
    for q in questions:
        if q["kind"] == "unanswerable":
            continue
        old, new = q["v1"]["answer"], q["v2"]["answer"]
        golds = [old] if old == new else [old, new]
        where, written = hand[q["question"]]
        where = f"{where}: question {q['question']!r}"
        k = 4 - len(golds)
        taken = {normalize_answer(g) for g in golds}
        numeric = bool(re.search(r"\d", old))
        if numeric:
            need(written is None, where, "has a number, so its distractors are generated: remove 'distractors'")
            found = {m.group() for t in texts for m in _shape_regex(shape(old)).finditer(t)}
            found |= {a for a in answers if _shape_regex(shape(old)).fullmatch(a)}
            pool: dict[str, str] = {}
            for c in sorted(found):
                if shape(c) == shape(old) and _near(old, c) and normalize_answer(c) not in taken:
                    pool.setdefault(normalize_answer(c), c)
            picked = rng.sample(sorted(pool.values()), min(k, len(pool)))
            taken |= {normalize_answer(c) for c in picked}
            origin["found in the texts"] += len(picked)
            origin["perturbed"] += k - len(picked)
            for c in perturb(old):
                if len(picked) == k:
                    break
                if normalize_answer(c) not in taken:
                    picked.append(c)
                    taken.add(normalize_answer(c))
            need(len(picked) == k, where, f"found only {len(picked)} distractors of shape {shape(old)!r}")
        else:
            need(written is not None, where, f"has no number: write {k} 'distractors' next to it")
            need(len(written) == k, where, f"needs exactly {k} distractors, got {len(written)}")
            picked = list(written)
            origin["hand-written"] += k
        options = golds + picked
        rng.shuffle(options)
        row = {"id": q["id"], "options": options, "v1": options.index(old), "v2": options.index(new)}
        check_choice(row, q, where)
        rows.append(row)
    return rows, origin


def check_choice(row: dict, q: dict, where: str) -> None:
    """Check the invariants of one choices row against its question (raise SourceError naming where)."""
    opts = row["options"]
    norm_opts = [normalize_answer(o) for o in opts]
    need(len(opts) == 4, where, f"has {len(opts)} options, not 4")
    need(len(set(norm_opts)) == 4, where, f"options {opts} are not distinct once normalised")
    golds = {normalize_answer(q[v]["answer"]) for v in ("v1", "v2")}
    for v in ("v1", "v2"):
        need(norm_opts.count(normalize_answer(q[v]["answer"])) == 1, where, f"{v} gold is not among {opts} once")
        need(opts[row[v]] == q[v]["answer"], where, f"{v} index does not point at the {v} gold")
    distractors = [o for o, n in zip(opts, norm_opts, strict=True) if n not in golds]
    need(len(distractors) == 4 - len(golds), where, f"a distractor in {opts} equals a gold answer")
    if re.search(r"\d", q["v1"]["answer"]):
        shapes = {shape(q[v]["answer"]) for v in ("v1", "v2")}
        bad = [o for o in distractors if shape(o) not in shapes]
        need(not bad, where, f"distractors {bad} do not have the gold's shape {sorted(shapes)}")
        numbers = {tuple(NUMBER.findall(q[v]["answer"])) for v in ("v1", "v2")}
        bad = [o for o in distractors if tuple(NUMBER.findall(o)) in numbers]
        need(not bad, where, f"distractors {bad} have the numbers of a gold answer")


# --------------------------------------------------------------------------- reader questions and paraphrases


def answer_re(answer: str) -> re.Pattern[str]:
    """Case-insensitive pattern for an answer as a whole value ('99 EUR' does not match inside '9.99 EUR')."""
    return re.compile(r"(?<![\w.,+-])" + re.escape(answer) + r"(?!\w|[.,:]\d)", re.IGNORECASE)


def answer_sentences(text: str, answer: str) -> list[str]:
    """The sentences of text that state answer."""
    return [s for s in split_sentences(text) if answer_re(answer).search(s)]


def _plain(question: str) -> str:
    """A question lower-cased without punctuation, for comparing questions."""
    return " ".join(re.sub(r"[^\w\s]", " ", question.lower()).split())


def eval_sentences(questions: list[dict], v1: list[dict], v2: list[dict]) -> dict[str, dict[str, set[str]]]:
    """Per version and document id, the sentences that state an evaluation answer of that version."""
    out: dict[str, dict[str, set[str]]] = {"v1": {}, "v2": {}}
    for version, rows in (("v1", v1), ("v2", v2)):
        text = {r["id"]: r["text"] for r in rows}
        for q in questions:
            for did in q[version]["doc_ids"]:
                hits = answer_sentences(text[did], q[version]["answer"])
                out[version].setdefault(did, set()).update(hits)
    return out


def build_reader(src: Source, ids: dict[str, str], v1: list[dict], v2: list[dict], questions: list[dict]) -> list[dict]:
    """Reader training questions over kb_v1, kept apart from every evaluation question and answer sentence."""
    text1 = {r["id"]: r["text"] for r in v1}
    text2 = {r["id"]: r["text"] for r in v2}
    used = eval_sentences(questions, v1, v2)
    eval_qs = {_plain(q["question"]) for q in questions}
    eval_answers: dict[str, set[str]] = {}
    for q in questions:
        for v in ("v1", "v2"):
            for did in q[v]["doc_ids"]:
                eval_answers.setdefault(did, set()).add(q[v]["answer"])
    seen: set[str] = set()
    rows: list[dict] = []
    for d in src.docs:
        did = ids[d.key]
        need(len(d.reader) >= READER_MIN_PER_DOC, d.where, f"needs {READER_MIN_PER_DOC} reader_questions or more")
        changed = set(split_sentences(text1[did])) - set(split_sentences(text2[did])) if did in text2 else set()
        banned = used["v1"].get(did, set()) | used["v2"].get(did, set())
        for i, rq in enumerate(d.reader, start=1):
            where = f"{d.where}: reader_questions item {i}"
            question, answer = rq["question"], rq["answer"]
            need(len(answer.split()) <= READER_MAX_WORDS, where, f"answer {answer!r} is over {READER_MAX_WORDS} words")
            need(answer in text1[did], where, f"answer {answer!r} is not verbatim in the v1 text")
            need(_plain(question) not in eval_qs, where, f"{question!r} is an evaluation question")
            need(_plain(question) not in seen, where, f"{question!r} is asked twice")
            named = sorted(a for a in eval_answers.get(did, ()) if answer_re(a).search(question))
            need(not named, where, f"{question!r} names the evaluation answer(s) {named} of its document")
            seen.add(_plain(question))
            hits = answer_sentences(text1[did], answer)
            need(bool(hits), where, f"answer {answer!r} is not a whole value of any sentence")
            for s in hits:
                need(s not in banned, where, f"answer {answer!r} is in a sentence with an evaluation answer: {s!r}")
                need(s not in changed, where, f"answer {answer!r} is in a sentence that changes in v2: {s!r}")
            rows.append({"question": question, "answer": answer, "doc_id": did})
    return [{"id": f"r-{i:03d}", **r} for i, r in enumerate(rows, start=1)]


def _numbers(text: str) -> set[str]:
    """The numbers written in a text."""
    return {m.group() for m in NUMBER.finditer(text)}


def build_paraphrases(src: Source, ids: dict[str, str], v1: list[dict], questions: list[dict]) -> list[dict]:
    """Two hand-written paraphrases of every v1 sentence that states a v1 evaluation answer."""
    text = {r["id"]: r["text"] for r in v1}
    answers: dict[str, list[str]] = {}
    for q in questions:
        for did in q["v1"]["doc_ids"]:
            answers.setdefault(did, []).append(q["v1"]["answer"])
    rows: list[dict] = []
    for d in src.docs:
        did = ids[d.key]
        got: dict[str, list[str]] = {}
        for i, p in enumerate(d.paraphrases, start=1):
            where = f"{d.where}: paraphrases item {i}"
            sent = sentence_with(text[did], p["key_phrase"], where)
            kept = [a for a in answers.get(did, []) if answer_re(a).search(sent)]
            need(bool(kept), where, f"the sentence states no evaluation answer: {sent!r}")
            need(sent not in got, where, f"a second entry for the sentence {sent!r}")
            need(len(p["paraphrases"]) == 2, where, f"needs 2 paraphrases, got {len(p['paraphrases'])}")
            for para in p["paraphrases"]:
                lost = [a for a in kept if not answer_re(a).search(para)]
                need(not lost, where, f"paraphrase {para!r} drops the answer(s) {lost}")
                extra = sorted(_numbers(para) - _numbers(sent))
                need(not extra, where, f"paraphrase {para!r} adds the number(s) {extra}")
                ratio = difflib.SequenceMatcher(None, sent.lower().split(), para.lower().split()).ratio()
                need(ratio < PARAPHRASE_MAX_SIMILARITY, where, f"paraphrase {para!r} is too close to the sentence")
            need(_plain(p["paraphrases"][0]) != _plain(p["paraphrases"][1]), where, "the two paraphrases are equal")
            got[sent] = p["paraphrases"]
        for sent in split_sentences(text[did]):
            if any(answer_re(a).search(sent) for a in answers.get(did, [])):
                need(sent in got, d.where, f"no paraphrases for the evaluation answer sentence {sent!r}")
                rows.append({"doc_id": did, "sentence": sent, "paraphrases": got[sent]})
    return [{"id": f"p-{i:03d}", **r} for i, r in enumerate(rows, start=1)]


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
    """Generate all data files."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "data", help="output directory (default: data/)")
    ap.add_argument("--source", type=Path, default=ROOT / "data" / "source", help="source directory")
    args = ap.parse_args(argv)
    try:
        src = load_source(args.source)
        v1, v2, ids, changes = build_kb(src)
        questions = build_questions(src, ids, v1, v2, random.Random(SEED + 1))
        e_train, e_test = build_embedding_pairs(src, ids, v1, random.Random(SEED + 2))
        b_train, b_test = build_behaviour(src, random.Random(SEED + 3))
        choices, origin = build_choices(src, questions, v1, v2, random.Random(SEED + 4))
        reader = build_reader(src, ids, v1, v2, questions)
        paraphrases = build_paraphrases(src, ids, v1, questions)
    except SourceError as err:
        sys.exit(f"make_data: error: {err}")
    files = {
        "kb_v1.jsonl": v1,
        "kb_v2.jsonl": v2,
        "changes.jsonl": changes,
        "questions.jsonl": questions,
        "behaviour/train.jsonl": b_train,
        "behaviour/test.jsonl": b_test,
        "embeddings/train.jsonl": e_train,
        "embeddings/test.jsonl": e_test,
        "choices.jsonl": choices,
        "reader/train.jsonl": reader,
        "paraphrases.jsonl": paraphrases,
    }
    for name, rows in files.items():
        write_jsonl(args.out / name, rows)
        print(f"{name:24s} {len(rows):4d} rows")
    hows = ("found in the texts", "perturbed", "hand-written")
    print("choices.jsonl distractors: " + ", ".join(f"{origin[how]} {how}" for how in hows))


if __name__ == "__main__":
    main()
