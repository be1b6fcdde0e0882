"""Build reveal.js slides from the concept notebooks with `jupyter nbconvert --to slides`, into slides/.

    python tools/make_slides.py                 # slides/NN_topic.slides.html + slides/index.html
    python tools/make_slides.py --offline --executed build/executed
                                                # decks with the test run's outputs, viewable without a network
    python tools/make_slides.py --execute       # run the notebooks first, so slides show outputs and plots
    python tools/make_slides.py --tag           # write the derived slide roles into the notebooks (no build)
    python tools/make_slides.py solutions/04_decision_framework.ipynb --out /tmp/slides

Slide roles come from each cell's `slideshow` metadata where present; otherwise they are derived: the title
cell and every `#`/`##` heading start a slide, `###` headings start a sub-slide, the Colab set-up cell is
skipped, code cells appear as fragments, and a cell that would overflow a slide starts a sub-slide.
Speaker notes (press "s" in a deck) are the cells whose role is `notes`; the facilitator notes in
instructor/notes/<notebook>.md are added as such cells (the answers on the "Check your understanding" slide).

By default the HTML loads reveal.js from a CDN (`--reveal-prefix` points it elsewhere). `--offline` (what the course
site uses, `make site`) installs the pinned browser assets from npm (docs/site/package-lock.json, `npm ci`) into
<out>/vendor/ and builds with docs/site/slides/ftrag_reveal, a template that loads nothing from another host:
reveal.js, require.js, jQuery and the ipywidgets manager (widgets render from their saved state) come from there.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import nbformat
from nbhygiene import SETUP_MARKER, clean, dumps

ROOT = Path(__file__).resolve().parents[1]
ROLES = ("slide", "subslide", "fragment", "skip", "notes", "-")
MAX_LINES = 22  # a slide holds about this many lines of text or code before it overflows
NOTES = ROOT / "instructor" / "notes"
SITE = ROOT / "docs" / "site"  # package.json + package-lock.json (the pinned browser assets) and the slide template
TEMPLATES = SITE / "slides"
TEMPLATE = "ftrag_reveal"
THEME = "white"  # a reveal.js theme whose fonts ship with reveal.js (several others @import Google Fonts)


def concept_notebooks(root: Path = ROOT) -> list[Path]:
    """The concept notebooks but the final quiz, as the course runs them (the worked version where there is one)."""
    from ftrag.course import parts

    return [root / p.runs for p in parts(root) if not p.is_lab and "quiz" not in p.id]


def _height(cell: nbformat.NotebookNode) -> int:
    """Rough number of lines a cell takes on a slide, outputs included (a picture counts as 12 lines)."""
    lines = max(1, len(cell.source.splitlines())) + (1 if cell.cell_type == "code" else 0)
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if any(k.startswith("image/") for k in data):
            lines += 12
        else:
            lines += min(15, len(str(out.get("text", data.get("text/plain", ""))).splitlines()))
    return lines


def derive_role(cell: nbformat.NotebookNode, index: int, lines_on_slide: int) -> str:
    """The slide role of a cell without `slideshow` metadata, given how full the current slide is."""
    text = cell.source.lstrip()
    if cell.cell_type == "code" and text.startswith(SETUP_MARKER):
        return "skip"
    if cell.cell_type == "raw":
        return "skip"
    if index == 0:
        return "slide"
    if cell.cell_type == "markdown" and (text.startswith("# ") or text.startswith("## ")):
        return "slide"
    if cell.cell_type == "markdown" and text.startswith("### "):
        return "subslide"
    if lines_on_slide + _height(cell) > MAX_LINES:
        return "subslide"
    return "fragment" if cell.cell_type == "code" else "-"


def roles(nb: nbformat.NotebookNode) -> list[str]:
    """Every cell's role: its own `slideshow.slide_type` if set, else the derived one."""
    out: list[str] = []
    lines = 0
    for i, cell in enumerate(nb.cells):
        own = cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
        if own is not None and own not in ROLES:
            raise ValueError(f"cell {i}: unknown slide_type {own!r} (use one of {', '.join(ROLES)})")
        role = own or derive_role(cell, i, lines)
        if role in ("slide", "subslide"):
            lines = _height(cell)
        elif role in ("fragment", "-"):
            lines += _height(cell)
        out.append(role)
    return out


def tagged(nb: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, int]:
    """A copy of the notebook with `slideshow` metadata on every cell; also how many cells gained it."""
    copy = nbformat.from_dict(nb)
    added = 0
    for cell, role in zip(copy.cells, roles(copy), strict=True):
        if "slide_type" not in cell.metadata.get("slideshow", {}):
            cell.metadata["slideshow"] = {"slide_type": role}
            added += 1
    return copy, added


def tag_in_place(paths: Sequence[Path]) -> list[Path]:
    """Write derived slide roles into the notebooks that lack some; return the notebooks changed."""
    changed = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        nb, added = tagged(nbformat.reads(text, as_version=4))
        new = dumps(clean(nb))
        if added and new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def _notes_sections(text: str) -> tuple[str, str]:
    """Facilitator notes as speaker notes: (everything but the answers, the answers), headings made bold lines."""
    body = re.sub(r"\A\s*# [^\n]*\n", "", text)  # the page title ("Facilitator notes: ...")
    parts = re.split(r"(?m)^(?=## )", body)
    answers = [p for p in parts if re.match(r"## Answers\b", p)]
    rest = [p for p in parts if p not in answers]

    def bold(chunk: str) -> str:
        return re.sub(r"(?m)^#{2,6} +(.*?)\s*$", r"**\1**", chunk).strip()

    return "\n\n".join(bold(p) for p in rest if p.strip()), "\n\n".join(bold(p) for p in answers)


def with_speaker_notes(nb: nbformat.NotebookNode, notes: str) -> nbformat.NotebookNode:
    """A copy of the notebook with the facilitator notes as `notes` cells: after the title cell, and the answers
    after the "Check your understanding" heading (or also after the title when there is none)."""
    copy = nbformat.from_dict(nb)
    general, answers = _notes_sections(notes)

    def cell(text: str) -> nbformat.NotebookNode:
        note = nbformat.v4.new_markdown_cell(text)
        note.metadata["slideshow"] = {"slide_type": "notes"}
        return note

    check = next(
        (
            i
            for i, c in enumerate(copy.cells)
            if c.cell_type == "markdown" and re.match(r"#{1,3} +check your understanding", c.source.lstrip(), re.I)
        ),
        None,
    )
    if answers and check is not None:
        copy.cells.insert(check + 1, cell(answers))
    elif answers:
        general = f"{general}\n\n{answers}"
    if general and copy.cells:
        copy.cells.insert(1, cell(general))
    return copy


def vendor_assets(dest: Path, work: Path = ROOT / "build" / "site-vendor") -> Path:
    """Install the pinned browser assets with `npm ci` (in `work`, reused while the lock is unchanged) and copy what
    the site and the decks load into `dest`:

        require.js, jquery.min.js, @jupyter-widgets/html-manager/dist/embed-amd.js (+ its font files),
        reveal.js/dist/{reveal.js,reveal.css,theme/white.css,theme/fonts/}, reveal.js/plugin/notes/notes.js
    """
    lock = (SITE / "package-lock.json").read_bytes()
    stamp = work / ".installed"
    digest = hashlib.sha256(lock + (SITE / "package.json").read_bytes()).hexdigest()
    modules = work / "node_modules"
    if not (modules.is_dir() and stamp.exists() and stamp.read_text() == digest):
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is needed to fetch the site's pinned browser assets (Debian: apt-get install npm)")
        work.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(SITE / name, work / name)
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
            cwd=work,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"npm ci failed in {work}:\n{(done.stdout + done.stderr)[-3000:]}")
        stamp.write_text(digest)
    if dest.exists():
        shutil.rmtree(dest)
    manager = modules / "@jupyter-widgets" / "html-manager" / "dist"
    fonts = [p for p in manager.iterdir() if p.suffix in (".woff2", ".woff", ".ttf", ".eot", ".svg")]
    reveal = modules / "reveal.js"
    copies = {
        modules / "requirejs" / "require.js": dest / "require.js",
        modules / "jquery" / "dist" / "jquery.min.js": dest / "jquery.min.js",
        manager / "embed-amd.js": dest / "@jupyter-widgets" / "html-manager" / "dist" / "embed-amd.js",
        reveal / "dist" / "reveal.js": dest / "reveal.js" / "dist" / "reveal.js",
        reveal / "dist" / "reveal.css": dest / "reveal.js" / "dist" / "reveal.css",
        reveal / "dist" / "theme" / f"{THEME}.css": dest / "reveal.js" / "dist" / "theme" / f"{THEME}.css",
        reveal / "plugin" / "notes" / "notes.js": dest / "reveal.js" / "plugin" / "notes" / "notes.js",
    }
    for source, target in copies.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    # webpack resolves the widget manager's font files against its AMD module id: "@jupyter-widgets/<hash>.woff2"
    # for the widget CSS that embed-amd injects, "@jupyter-widgets/html-manager/dist/<hash>.woff2" for the rest.
    for font in fonts:
        shutil.copyfile(font, dest / "@jupyter-widgets" / "html-manager" / "dist" / font.name)
        shutil.copyfile(font, dest / "@jupyter-widgets" / font.name)
    shutil.copytree(
        reveal / "dist" / "theme" / "fonts",
        dest / "reveal.js" / "dist" / "theme" / "fonts",
        ignore=shutil.ignore_patterns("league-gothic"),  # used by the themes not copied
    )
    return dest


def execute_in_place(nb: nbformat.NotebookNode, folder: Path, timeout: int) -> None:
    """Run a notebook in a fresh kernel from `folder` (where relative paths resolve), keeping its outputs."""
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()


LINK = re.compile(r"\]\(([^)\s]+)\)")
HREF = re.compile(r"""\bhref=(["'])([^"']+)\1""")


def relink(nb: nbformat.NotebookNode, links: Callable[[str], str]) -> None:
    """Rewrite, in place, the link targets of Markdown cells and of Markdown/HTML outputs with `links`."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = LINK.sub(lambda m: f"]({links(m[1])})", cell.source)
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/markdown" in data:
                data["text/markdown"] = LINK.sub(lambda m: f"]({links(m[1])})", "".join(data["text/markdown"]))
            if "text/html" in data:
                data["text/html"] = HREF.sub(lambda m: f"href={m[1]}{links(m[2])}{m[1]}", "".join(data["text/html"]))


def _to_decks(stems: set[str]) -> Callable[[str], str]:
    """Links to the notebooks being converted lead to their decks; other links stay as written."""

    def rewrite(target: str) -> str:
        path, _, fragment = target.partition("#")
        if path.endswith(".ipynb") and "://" not in path and Path(path).stem in stems:
            return f"{Path(path).stem}.slides.html" + (f"#{fragment}" if fragment else "")
        return target

    return rewrite


def build(
    paths: Sequence[Path],
    out: Path,
    execute: bool = False,
    reveal_prefix: str | None = None,
    timeout: int = 1200,
    vendor: str | None = None,
    notes: Path | None = None,
    home: str | None = None,
    links: Callable[[str], str] | None = None,
) -> list[Path]:
    """Convert the notebooks to slides with `jupyter nbconvert --to slides`; return the HTML files written.

    `vendor`: the URL (relative to the decks) of a folder made by `vendor_assets`; the decks then load nothing from
    another host. `notes`: a folder of facilitator notes, `<notebook>.md`, added as speaker notes. `home`: a link
    from the decks' index back to the course site. `links`: how a Markdown link's target is rewritten (default: a
    link to another notebook converted here leads to its deck).
    """
    if not paths:
        raise ValueError("no notebooks to convert")
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise FileNotFoundError(f"not found: {', '.join(missing)}")
    out.mkdir(parents=True, exist_ok=True)
    links = links or _to_decks({p.stem for p in paths})
    with tempfile.TemporaryDirectory(prefix="ftrag-slides-") as tmp:
        copies = []
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            if execute:  # first, so that outputs count when deciding where a slide overflows
                execute_in_place(nb, path.parent, timeout)
            if notes is not None and (notes / f"{path.stem}.md").exists():
                nb = with_speaker_notes(nb, (notes / f"{path.stem}.md").read_text(encoding="utf-8"))
            nb, _ = tagged(nb)
            relink(nb, links)
            copy = Path(tmp) / path.name
            nbformat.write(nb, copy)
            copies.append(copy)
        cmd = [sys.executable, "-m", "nbconvert", "--to", "slides", f"--output-dir={out}"]
        if vendor is not None:
            vendor = vendor.rstrip("/")
            cmd += [
                f"--TemplateExporter.extra_template_basedirs={TEMPLATES}",
                f"--template={TEMPLATE}",
                f"--SlidesExporter.reveal_url_prefix={vendor}/reveal.js",
                f"--SlidesExporter.reveal_theme={THEME}",
                f"--HTMLExporter.require_js_url={vendor}/require.js",
                f"--HTMLExporter.jquery_url={vendor}/jquery.min.js",
                f"--HTMLExporter.widget_renderer_url={vendor}/@jupyter-widgets/html-manager/dist/embed-amd.js",
            ]
        elif reveal_prefix:
            cmd.append(f"--SlidesExporter.reveal_url_prefix={reveal_prefix}")
        done = subprocess.run([*cmd, *map(str, copies)], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"nbconvert failed:\n{done.stderr[-3000:]}")
    written = [out / f"{p.stem}.slides.html" for p in paths]
    absent = [str(w) for w in written if not w.exists()]
    if absent:
        raise RuntimeError(f"nbconvert wrote no {', '.join(absent)}")
    write_index(written, out, home=home)
    return written


def _titles() -> dict[str, str]:
    """Part titles from course.yml, by notebook name (empty if the course map cannot be read)."""
    try:
        from ftrag.course import parts

        return {p.id: p.title for p in parts(ROOT)}
    except Exception:  # a deck of any notebook still gets an index entry, under its file name
        return {}


def write_index(slides: Sequence[Path], out: Path, home: str | None = None) -> Path:
    """A small index.html that links every slide deck (titled from course.yml), and the site if `home` is given."""
    titles = _titles()
    items = "\n".join(
        f'<li><a href="{html.escape(s.name)}">{html.escape(titles.get(s.name.split(".")[0], s.name.split(".")[0]))}'
        f"</a> <small>{html.escape(s.name)}</small></li>"
        for s in slides
    )
    back = f'<p><a href="{html.escape(home)}">Back to the course site</a></p>' if home else ""
    page = (
        "<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>Fine-tune or RAG? slides</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
        "small{color:#666}</style></head><body>\n"
        f"<h1>Fine-tune or RAG? slides</h1>\n{back}\n"
        "<p>One reveal.js deck per concept notebook, with the outputs of the test run. Arrow keys move; "
        "<kbd>s</kbd> opens the speaker view with the facilitator notes; <kbd>Esc</kbd> shows every slide.</p>\n"
        f"<ul>\n{items}\n</ul>\n</body></html>\n"
    )
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def executed_copies(paths: Sequence[Path], executed: Path) -> list[Path]:
    """The executed copies (build/executed/<path>) of the given notebooks; an error names those missing."""
    copies = [executed / p.resolve().relative_to(ROOT) for p in paths]
    missing = [str(p.resolve().relative_to(ROOT)) for p, c in zip(paths, copies, strict=True) if not c.exists()]
    if missing:
        names = " or ".join(Path(m).stem for m in missing)
        raise FileNotFoundError(
            f"no executed copy in {executed} of {', '.join(missing)}; run "
            f'`pytest -n 0 tests/test_notebooks.py -k "top_to_bottom and ({names})"` (or `make test`) first'
        )
    return copies


def main(argv: Sequence[str] | None = None) -> int:
    """Build the slides (default) or, with --tag, write the derived roles into the notebooks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: the concept notebooks in notebooks/")
    parser.add_argument("--out", type=Path, default=ROOT / "slides", help="output folder (default: slides/)")
    parser.add_argument("--tag", action="store_true", help="write slide roles into the notebooks; build nothing")
    parser.add_argument("--execute", action="store_true", help="run the notebooks first so slides show outputs")
    parser.add_argument(
        "--executed",
        type=Path,
        metavar="DIR",
        help="use the executed copies the test run kept there (build/executed) instead of running anything",
    )
    parser.add_argument(
        "--offline", action="store_true", help="vendor reveal.js etc. from npm into <out>/vendor; no CDN at view time"
    )
    parser.add_argument("--reveal-prefix", help="where reveal.js is loaded from (default: nbconvert's CDN)")
    parser.add_argument("--notes", type=Path, default=NOTES, help="facilitator notes folder (default: %(default)s)")
    parser.add_argument("--no-notes", action="store_true", help="no speaker notes from the facilitator notes")
    parser.add_argument("--clean", action="store_true", help="empty the output folder first")
    args = parser.parse_args(argv)
    paths = args.notebooks or concept_notebooks()
    if not paths:
        parser.error("no concept notebooks found in notebooks/")
    if args.tag:
        changed = tag_in_place(paths)
        for path in changed:
            print(f"tagged: {path}")
        print(f"{len(changed)} notebook(s) tagged; run `python tools/nbhygiene.py --check` to confirm they are clean.")
        return 0
    if args.execute and args.executed:
        parser.error("--execute runs the notebooks; --executed uses copies already run: choose one")
    if args.clean and args.out.exists():
        shutil.rmtree(args.out)
    try:
        if args.executed:
            paths = executed_copies(paths, args.executed)
        vendor = None
        if args.offline:
            vendor_assets(args.out / "vendor")
            vendor = "vendor"
        notes = None if args.no_notes else args.notes
        written = build(
            paths, args.out, execute=args.execute, reveal_prefix=args.reveal_prefix, vendor=vendor, notes=notes
        )
    except (ValueError, FileNotFoundError, RuntimeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    print(f"open {args.out / 'index.html'} (serve with `python -m http.server -d {args.out}` for speaker view)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
