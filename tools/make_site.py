"""Build the course site (`make site`): every page of the course with the outputs of the one test run, into build/site/.

    python tools/make_site.py                  # build/site/index.html (+ slides/ with speaker notes)
    python tools/make_site.py --no-run         # a preview: pages whose executed copy is missing show their source
    python tools/make_site.py --refresh-stale  # also re-run notebooks whose code changed since their executed copy

Nothing is executed here when the test run's copies are complete: tests/test_notebooks.py runs every notebook once
with nbclient and keeps the executed copies (outputs and widget state) in build/executed/ ($FTRAG_EXECUTED_DIR).
A missing copy is named, and only those notebooks are run, with `pytest tests/test_notebooks.py -k ...`.

Steps: (1) check the executed copies; (2) `npm ci` the pinned browser assets (docs/site/package-lock.json: require.js,
the ipywidgets manager, reveal.js, jQuery) into build/site-vendor/; (3) stage the pages in build/site-src/, in the
order of course.yml (ftrag.course.parts()): concept notebooks and worked labs with outputs, the labs as a learner
gets them, the claims ledger, the data card, docs and the instructor kit, with links between repository files turned
into links between pages; (4) Sphinx + MyST-NB + sphinx-book-theme (docs/site/conf.py) into build/site/;
(5) reveal.js decks of the concept notebooks with the facilitator notes as speaker notes (tools/make_slides.py) into
build/site/slides/. Check the result in a browser with `python tools/check_site.py` (tests/test_site.py).
Why these tools, and what was measured: docs/site.md.
"""

from __future__ import annotations

import argparse
import html
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat
from make_agendas import template
from make_slides import NOTES, concept_notebooks, vendor_assets
from make_slides import build as build_slides
from nbhygiene import SETUP_MARKER

from ftrag.course import Part, parts

ROOT = Path(__file__).resolve().parents[1]

BUILD = ROOT / "build"
EXECUTED = Path(os.environ.get("FTRAG_EXECUTED_DIR", BUILD / "executed"))
STAGE = BUILD / "site-src"
OUT = BUILD / "site"
DOCTREES = BUILD / "site-doctrees"
CONF = ROOT / "docs" / "site"
VENDOR_WORK = BUILD / "site-vendor"
VENDOR = "_static/vendor"  # inside the site
SLIDES = "slides"  # inside the site
LEDGER_SOURCE = "solutions/07_wrap_up.ipynb"
# Markdown pages besides the notebooks (repository paths; the site keeps the same layout).
DOCS = ["docs/performance.md", "docs/testing.md", "docs/site.md"]
DATA_CARD = "data/README.md"
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
# [text](target "title") and ![alt](target); one level of brackets inside the text
LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*<?(?P<target>[^)\s>]+)>?(?P<title>\s+\"[^\"]*\")?\s*\)"
)
HTML_REF = re.compile(r"""(?P<attr>\b(?:href|src))=(?P<q>["'])(?P<target>[^"']+)(?P=q)""")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class Notebook:
    """One notebook page: where it sits in the site (the repository path) and what it is rendered from."""

    path: str  # e.g. "solutions/lab1_rag.ipynb"
    part: Part
    role: str  # "concept", "solution" or "lab"

    @property
    def needs_outputs(self) -> bool:
        """Concept notebooks and worked labs are shown executed; a learner's lab may be shown without outputs."""
        return self.role != "lab"

    @property
    def title(self) -> str:
        """The entry in the site's table of contents."""
        return f"{self.part.title}, as you get it" if self.role == "lab" else self.part.title


def notebook_pages(root: Path = ROOT) -> list[Notebook]:
    """Every notebook page in course order; where a part has a worked version, it comes first, then the learner's."""
    pages: list[Notebook] = []
    for part in parts(root):
        if part.solution:
            pages += [Notebook(part.solution or "", part, "solution"), Notebook(part.path, part, "lab")]
        else:
            pages.append(Notebook(part.path, part, "concept"))
    return pages


def _code(nb: nbformat.NotebookNode) -> list[str]:
    """The code cells' sources, to tell whether an executed copy still matches its notebook."""
    return [c.source.strip() for c in nb.cells if c.cell_type == "code"]


def errors(nb: nbformat.NotebookNode) -> list[str]:
    """The error outputs of an executed notebook ("cell N: Name: message"), ignoring cells tagged raises-exception."""
    found = []
    for i, cell in enumerate(nb.cells):
        if "raises-exception" in cell.get("metadata", {}).get("tags", []):
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"cell {i}: {out.get('ename')}: {str(out.get('evalue'))[:200]}")
    return found


@dataclass
class Executed:
    """What build/executed holds for the notebook pages."""

    missing: list[str]
    stale: list[str]
    failed: dict[str, list[str]]


def survey(pages: Sequence[Notebook], executed: Path = EXECUTED, root: Path = ROOT) -> Executed:
    """Which executed copies are missing, which predate their notebook's code, and which hold errors."""
    state = Executed([], [], {})
    for page in pages:
        copy = executed / page.path
        if not copy.exists():
            if page.needs_outputs:
                state.missing.append(page.path)
            continue
        nb = nbformat.read(copy, as_version=4)
        source = root / page.path
        if source.exists() and _code(nbformat.read(source, as_version=4)) != _code(nb):
            state.stale.append(page.path)
        if page.needs_outputs and errors(nb):
            state.failed[page.path] = errors(nb)
    return state


def run_notebooks(paths: Sequence[str]) -> None:
    """Run only these notebooks through tests/test_notebooks.py (which keeps their executed copies)."""
    names = [Path(p).stem for p in paths]
    expression = f"top_to_bottom and ({' or '.join(names)})"
    cmd = [sys.executable, "-m", "pytest", "tests/test_notebooks.py", "-q", "-k", expression]
    if len(paths) == 1:
        cmd += ["-n", "0"]
    print(f"running {len(paths)} notebook(s) without an executed copy: {' '.join(cmd[2:])}", flush=True)
    done = subprocess.run(cmd, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"the test run of {', '.join(paths)} failed (exit {done.returncode}); fix it, then rebuild")


# ---------------------------------------------------------------------------------------------- links between pages


def _relative(target: str, start: str) -> str:
    """A POSIX path from the folder of page `start` to `target` (both site paths)."""
    return posixpath.relpath(target, posixpath.dirname(start) or ".")


class Links:
    """Rewrite the links of a repository file for the site: pages stay links (MyST resolves .md/.ipynb), images are
    copied along, a folder becomes its index page, anything else (code, data files) becomes its path in code."""

    def __init__(self, pages: set[str], stage: Path, root: Path = ROOT):
        self.pages, self.stage, self.root = pages, stage, root

    def resolve(self, target: str, page: str) -> tuple[str, str] | None:
        """(site path, #fragment) of a relative link written in `page`; None for external links and anchors."""
        if SCHEME.match(target) or target.startswith(("#", "/", "mailto:")):
            return None
        path, _, fragment = target.partition("#")
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        return joined, f"#{fragment}" if fragment else ""

    def page_for(self, path: str) -> str | None:
        """The site page a repository path shows as, if any (a folder shows as its index or README)."""
        if path in self.pages:
            return path
        for index in ("index.md", "README.md"):
            if posixpath.join(path, index) in self.pages:
                return posixpath.join(path, index)
        return None

    def markdown(self, text: str, page: str, unresolved: list[str] | None = None) -> str:
        """`text` (Markdown written at `page`) with its links made to work on the site; fenced code is left alone."""
        out, fenced = [], False
        for line in text.splitlines(keepends=True):
            if re.match(r"\s*(```|~~~)", line):
                fenced = not fenced
            out.append(line if fenced else self._line(line, page, unresolved))
        return "".join(out)

    def _line(self, line: str, page: str, unresolved: list[str] | None) -> str:
        def link(m: re.Match[str]) -> str:
            resolved = self.resolve(m["target"], page)
            if resolved is None:
                return m[0]
            path, fragment = resolved
            if path.startswith(".."):
                return self._plain(m, path, unresolved)
            target = self.page_for(path)
            if target is not None:
                return f"{m['bang']}[{m['text']}]({_relative(target, page)}{fragment}{m['title'] or ''})"
            source = self.root / path
            if Path(path).suffix.lower() in IMAGE_SUFFIXES and source.is_file():
                (self.stage / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, self.stage / path)
                return m[0]
            return self._plain(m, path, unresolved)

        return LINK.sub(link, line)

    def href(self, target: str, page: str) -> str:
        """A link target in a notebook's *output* (rendered as is, not resolved by Sphinx): the built page's URL."""
        resolved = self.resolve(target, page)
        if resolved is None or resolved[0].startswith(".."):
            return target
        found = self.page_for(resolved[0])
        if found is None:
            return target
        return _relative(posixpath.splitext(found)[0] + ".html", page) + resolved[1]

    def output(self, data: dict, page: str) -> None:
        """Rewrite, in place, the links in an output's text/markdown and text/html to the built pages."""
        if "text/markdown" in data:
            text = "".join(data["text/markdown"])
            data["text/markdown"] = LINK.sub(
                lambda m: f"{m['bang']}[{m['text']}]({self.href(m['target'], page)}{m['title'] or ''})", text
            )
        if "text/html" in data:
            text = "".join(data["text/html"])
            data["text/html"] = HTML_REF.sub(
                lambda m: f"{m['attr']}={m['q']}{self.href(m['target'], page)}{m['q']}", text
            )

    @staticmethod
    def _plain(m: re.Match[str], path: str, unresolved: list[str] | None) -> str:
        """A link to something that is no page: its text, plus the repository path when the text does not show it."""
        if unresolved is not None:
            unresolved.append(path)
        text = m["text"]
        if m["bang"]:
            return f"*({text or path}: not on the site)*"
        shown = path.rstrip("/")
        return text if posixpath.basename(shown) in text else f"{text} (`{shown}` in the course kit)"


# ------------------------------------------------------------------------------------------------------- staging


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _banner(text: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata["tags"] = ["site-banner"]
    return cell


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def drop_stateless_views(nb: nbformat.NotebookNode) -> int:
    """Remove, in place, widget views whose model is not in the notebook's saved widget state (nbclient saves none
    when a run stops at an error, as a learner's lab does at its first TODO); text/plain stands in. Returns the count.
    """
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    dropped = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view is not None and view.get("model_id") not in state:
                del out["data"][WIDGET_VIEW]
                dropped += 1
    return dropped


def stage_notebook(
    page: Notebook,
    nb: nbformat.NotebookNode,
    links: Links,
    executed: bool,
    deck: str | None,
    unresolved: list[str] | None = None,
) -> nbformat.NotebookNode:
    """The notebook as the site shows it: set-up cell hidden, links rewritten, a banner saying what it shows."""
    nb = nbformat.from_dict(nb)
    drop_stateless_views(nb)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = links.markdown(cell.source, page.path, unresolved)
        elif cell.cell_type == "code":
            if cell.source.lstrip().startswith(SETUP_MARKER):
                cell.metadata.setdefault("tags", []).append("remove-cell")
            for out in cell.get("outputs", []):
                links.output(out.get("data", {}), page.path)
    if page.role == "lab":
        shown = (
            "run as a learner runs it: up to its first `TODO`, which stops it with its message"
            if executed
            else "without outputs"
        )
        say = (
            f"**The {'lab' if page.part.is_lab else 'notebook'} as a learner gets it** (`{page.path}`, generated from "
            "the worked solution by "
            f"`tools/make_labs.py`), {shown}. The worked solution: [{page.part.title}]"
            f"({_relative(page.part.solution or '', page.path)})."
        )
    elif page.role == "solution":
        say = (
            f"**Worked solution** (`{page.path}`), with the outputs of the course's test run. "
            f"The learner's copy, with `TODO`s: [{page.part.title}, as you get it]"
            f"({_relative(page.part.path, page.path)})."
        )
    else:
        say = f"**Rendered with the outputs of the course's test run** (`{page.path}`)."
    if deck:
        say += f' Slides with speaker notes: <a href="{html.escape(_relative(deck, page.path))}">{page.part.id}</a>.'
    if page.role != "lab" and "widgets" in nb.metadata:
        say += (
            " Widgets show the state the run left them in; they need a running kernel to respond, so open the"
            " notebook in JupyterLab to use them."
        )
    if not executed and page.needs_outputs:
        say = (
            f"**Preview without outputs**: no executed copy of `{page.path}` was found (build/executed/); "
            "`make test` or `make site` renders it with its outputs."
        )
    title = next((i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"), None)
    nb.cells.insert(0 if title is None else title + 1, _banner(f"```{{note}}\n{say}\n```"))
    return nb


def ledger_table(nb: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
    """The code cell of the executed wrap-up notebook whose output is the claims ledger's table (None if none)."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            table = str(out.get("data", {}).get("text/html", ""))
            heads = {h.strip().lower() for h in re.findall(r"<th[^>]*>([^<]*)</th>", table)}
            if {"claim", "verdict"} <= heads:
                return cell
    return None


def ledger_page(wrap_up: nbformat.NotebookNode | None) -> tuple[str, str]:
    """The claims ledger page: (site path, content). Its table is copied from the executed wrap-up notebook (nothing is
    run); without one, the page says where the ledger is."""
    cell = ledger_table(wrap_up) if wrap_up is not None else None
    text = template("site_ledger.md.j2").render(table=cell is not None)
    if cell is None:
        return "ledger.md", text
    nb = nbformat.v4.new_notebook(metadata=wrap_up.metadata)
    table = nbformat.from_dict(cell)
    table["id"] = "claims-ledger"
    table.metadata["tags"] = [*table.metadata.get("tags", []), "remove-input", "full-width"]
    # (the full-width table hides the page's contents column, so the page needs one: the second heading)
    nb.cells = [nbformat.v4.new_markdown_cell(text.strip()), table]
    return "ledger.ipynb", nbformat.writes(nb)


def markdown_pages(root: Path = ROOT) -> list[str]:
    """The Markdown pages (repository paths): the data card, docs, the instructor kit with the notes in course order."""
    order = {p.id: i for i, p in enumerate(parts(root))}
    instructor = sorted(
        (p.relative_to(root).as_posix() for p in (root / "instructor").glob("*.md")),
        key=lambda p: (not p.endswith("README.md"), not p.endswith("agendas.md"), p),
    )
    notes = sorted(
        (p.relative_to(root).as_posix() for p in (root / "instructor" / "notes").glob("*.md")),
        key=lambda p: (order.get(Path(p).stem, len(order)), p),
    )
    found = [p for p in [DATA_CARD, *DOCS] if (root / p).exists()]
    return found + instructor + notes


def index_page(pages: Sequence[Notebook], ledger: str, md: Sequence[str], decks: dict[str, str]) -> str:
    """The home page: the course map from course.yml (with slides), and the tables of contents of the sidebar."""
    rows = ["| step | part | you will | slides |", "|---|---|---|---|"]
    seen: set[str] = set()
    for page in pages:
        part = page.part
        if part.id in seen:
            continue
        seen.add(part.id)
        if part.solution:
            name = f"[{part.title}]({part.solution}) ([as you get it]({part.path}))"
        else:
            name = f"[{part.title}]({part.path})"
        deck = decks.get(part.id)
        slides = f'<a href="{html.escape(deck)}">deck</a>' if deck else ""
        rows.append(f"| {len(seen)} | {name} | {part.you_will} | {slides} |")
    course = "\n".join(f"{p.title} <{p.path.removesuffix('.ipynb')}>" for p in pages)
    docs = [p for p in md if not p.startswith("instructor/")]
    titles = {
        DATA_CARD: "The data card",
        "docs/performance.md": "Performance",
        "docs/testing.md": "How the kit is tested",
    }
    titles["docs/site.md"] = "About this site"
    reference = "\n".join(
        [f"The claims ledger <{Path(ledger).stem}>"] + [f"{titles.get(p, p)} <{p[:-3]}>" for p in docs]
    )
    instructor = [p for p in md if p.startswith("instructor/") and not p.startswith("instructor/notes/")]
    kit = "\n".join(p[:-3] for p in instructor)
    if any(p.startswith("instructor/notes/") for p in md):
        kit += "\nFacilitator notes <instructor/notes/index>"
    return template("site_index.md.j2").render(
        rows="\n".join(rows),
        decks=bool(decks),
        slides=SLIDES,
        ledger=ledger,
        data_card=DATA_CARD,
        course=course,
        reference=reference,
        kit=kit,
    )


def notes_index(notes: Sequence[str], root: Path = ROOT) -> str:
    """A page listing the facilitator notes in course order (instructor/README.md links the folder)."""
    titles = {p.id: p.title for p in parts(root)}
    entries = "\n".join(f"{titles.get(Path(n).stem, Path(n).stem)} <{Path(n).stem}>" for n in notes)
    return template("site_notes.md.j2").render(entries=entries)


@dataclass
class Staged:
    """What was staged: the notebook pages, the Markdown pages, the ledger page, the decks, previews, dead links."""

    notebooks: list[Notebook]
    markdown: list[str]
    ledger: str
    decks: dict[str, str]
    previews: list[str]
    unresolved: dict[str, list[str]]


def stage(
    stage_dir: Path = STAGE, executed: Path = EXECUTED, root: Path = ROOT, decks: dict[str, str] | None = None
) -> Staged:
    """Copy the site's sources into `stage_dir` (emptied first): conf.py and _static/, the pages, a generated index."""
    decks = decks or {}
    if stage_dir.exists():
        shutil.rmtree(stage_dir)
    shutil.copytree(CONF, stage_dir, ignore=shutil.ignore_patterns("package*.json", "slides", "node_modules"))
    nb_pages = notebook_pages(root)
    md = markdown_pages(root)
    notes = [p for p in md if p.startswith("instructor/notes/")]
    wrap_up_copy = executed / LEDGER_SOURCE
    wrap_up = nbformat.read(wrap_up_copy, as_version=4) if wrap_up_copy.exists() else None
    ledger, ledger_text = ledger_page(wrap_up)
    site_pages = {p.path for p in nb_pages} | set(md) | {ledger, "index.md"}
    if notes:
        site_pages.add("instructor/notes/index.md")
    links = Links(site_pages, stage_dir, root)
    unresolved: dict[str, list[str]] = {}
    previews = []
    for page in nb_pages:
        copy = executed / page.path
        shown_executed = copy.exists()
        if not shown_executed and page.needs_outputs:
            previews.append(page.path)
        nb = nbformat.read(copy if shown_executed else root / page.path, as_version=4)
        deck = decks.get(page.part.id) if page.role != "lab" and not page.part.is_lab else None
        dead: list[str] = []
        nb = stage_notebook(page, nb, links, shown_executed, deck, dead)
        if dead:
            unresolved[page.path] = dead
        _write(stage_dir / page.path, nbformat.writes(nb))
    for path in md:
        dead = []
        _write(stage_dir / path, links.markdown((root / path).read_text(encoding="utf-8"), path, dead))
        if dead:
            unresolved[path] = dead
    _write(stage_dir / ledger, ledger_text)
    if notes:
        _write(stage_dir / "instructor" / "notes" / "index.md", notes_index(notes, root))
    _write(stage_dir / "index.md", index_page(nb_pages, ledger, md, decks))
    return Staged(nb_pages, md, ledger, decks, previews, unresolved)


# ------------------------------------------------------------------------------------------------------- building


def sphinx(stage_dir: Path = STAGE, out: Path = OUT, jobs: int = 1) -> None:
    """Build the staged pages into `out` with warnings as errors (a fresh build: `out` is emptied first)."""
    for folder in (out, DOCTREES):
        if folder.exists():
            shutil.rmtree(folder)
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q", "-j", str(jobs)]
    done = subprocess.run([*cmd, "-d", str(DOCTREES), str(stage_dir), str(out)], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"sphinx failed (exit {done.returncode}):\n{(done.stdout + done.stderr)[-6000:]}")


REMOTE = re.compile(r"<(?:script|link|img|iframe|source)\b[^>]*?\b(?:src|href)=[\"'](?:https?:)?//[^\"']+", re.I)


def remote_references(out: Path) -> list[str]:
    """Pages that would load something from another host (scripts, styles, images), as "page: tag"."""
    found = []
    for page in sorted(out.rglob("*.html")):
        for m in REMOTE.finditer(page.read_text(encoding="utf-8", errors="replace")):
            if 'rel="canonical"' not in m[0]:
                found.append(f"{page.relative_to(out)}: {m[0][:160]}")
    return found


def deck_links(decks: dict[str, str]) -> Callable[[str], str]:
    """How a deck's links are rewritten: to another deck where there is one, else to the site page."""

    def rewrite(target: str) -> str:
        if SCHEME.match(target) or target.startswith("#"):
            return target
        path, _, fragment = target.partition("#")
        anchor = f"#{fragment}" if fragment else ""
        if path.endswith(".ipynb") and Path(path).stem in decks:
            return f"{Path(path).stem}.slides.html{anchor}"
        if path.endswith((".ipynb", ".md")):  # decks sit in slides/, next to notebooks/ as in the repository
            return posixpath.splitext(posixpath.normpath(posixpath.join("../notebooks", path)))[0] + ".html" + anchor
        return target

    return rewrite


def build_site(
    out: Path = OUT,
    executed: Path = EXECUTED,
    run_missing: bool = True,
    refresh_stale: bool = False,
    jobs: int = 1,
    slides: bool = True,
    timings: dict[str, float] | None = None,
) -> Staged:
    """Every step of `make site`; returns what was staged (raises RuntimeError with the reason on a failure).
    `timings` receives the seconds each step took."""
    timings = {} if timings is None else timings
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[step] = timings.get(step, 0.0) + now - clock
        clock = now

    pages = notebook_pages()
    state = survey(pages, executed)
    for path in state.missing:
        print(f"missing executed copy: {executed / path}", flush=True)
    todo = [*state.missing, *(state.stale if refresh_stale else [])]
    lap("survey")
    if todo and run_missing:
        run_notebooks(todo)
        state = survey(pages, executed)
        lap("running missing notebooks")
    for path in state.stale:
        print(
            f"warning: the executed copy of {path} predates its code; the site shows it as it ran "
            "(--refresh-stale re-runs it)",
            flush=True,
        )
    if state.failed:
        lines = [f"  {p}: {'; '.join(e[:2])}" for p, e in state.failed.items()]
        raise RuntimeError("executed copies with errors (the test run failed there):\n" + "\n".join(lines))
    deck_sources = concept_notebooks() if slides else []
    decks = {p.stem: f"{SLIDES}/{p.stem}.slides.html" for p in deck_sources}
    staged = stage(STAGE, executed, ROOT, decks)
    lap("staging")
    vendor_assets(STAGE / VENDOR, VENDOR_WORK)
    lap("browser assets (npm ci)")
    sphinx(STAGE, out, jobs)
    lap("sphinx")
    if deck_sources:
        copies = [executed / p.relative_to(ROOT) for p in deck_sources]
        copies = [c if c.exists() else p for c, p in zip(copies, deck_sources, strict=True)]  # (--no-run previews)
        build_slides(
            copies, out / SLIDES, vendor=f"../{VENDOR}", notes=NOTES, home="../index.html", links=deck_links(decks)
        )
        lap("slides")
    remote = remote_references(out)
    if remote:
        raise RuntimeError("pages load from another host:\n" + "\n".join(remote[:20]))
    return staged


def main(argv: Sequence[str] | None = None) -> int:
    """Build the site; print what was built, how long it took and what to check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default: build/site)")
    parser.add_argument("--executed", type=Path, default=EXECUTED, help="the test run's executed copies")
    parser.add_argument("--no-run", action="store_true", help="never run a notebook; preview missing ones as source")
    parser.add_argument("--refresh-stale", action="store_true", help="re-run notebooks whose code changed since")
    parser.add_argument("--no-slides", action="store_true", help="skip the reveal.js decks")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="Sphinx processes (default: 1)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    timings: dict[str, float] = {}
    try:
        staged = build_site(
            args.out, args.executed, not args.no_run, args.refresh_stale, args.jobs, not args.no_slides, timings
        )
    except (RuntimeError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    pages = sorted(p for p in args.out.rglob("*.html") if not p.relative_to(args.out).parts[0].startswith("_"))
    decks = [p for p in pages if p.name.endswith(".slides.html")]
    slides = [p for p in pages if p.relative_to(args.out).parts[0] == SLIDES]
    tools = [p for p in pages if p.relative_to(args.out).as_posix() in ("genindex.html", "search.html")]
    print(
        f"built {args.out} in {time.perf_counter() - start:.0f} s: {len(pages)} HTML pages: "
        f"{len(pages) - len(slides) - len(tools)} course pages, search and index, "
        f"{len(decks)} slide decks and their index"
    )
    print("  " + ", ".join(f"{step} {seconds:.0f} s" for step, seconds in timings.items()))
    for path in staged.previews:
        print(f"preview only (no executed copy): {path}")
    for page, dead in sorted(staged.unresolved.items()):
        print(f"note: {page} links files that are not pages, shown as paths: {', '.join(sorted(set(dead)))}")
    print(f"check it: python tools/check_site.py {args.out}   (or: pytest -n 0 tests/test_site.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
