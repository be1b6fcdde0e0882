"""Build reveal.js slides from the concept notebooks with `jupyter nbconvert --to slides`, into slides/.

    python tools/make_slides.py                 # slides/NN_topic.slides.html + slides/index.html
    python tools/make_slides.py --execute       # run the notebooks first, so slides show outputs and plots
    python tools/make_slides.py --tag           # write the derived slide roles into the notebooks (no build)
    python tools/make_slides.py notebooks/04_decision_framework.ipynb --out /tmp/slides

Slide roles come from each cell's `slideshow` metadata where present; otherwise they are derived: the title
cell and every `#`/`##` heading start a slide, `###` headings start a sub-slide, the Colab set-up cell is
skipped, code cells appear as fragments, and a cell that would overflow a slide starts a sub-slide.
The HTML loads reveal.js from a CDN (`--reveal-prefix` points it elsewhere, e.g. a local copy).
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nbhygiene import SETUP_MARKER, clean, dumps  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ROLES = ("slide", "subslide", "fragment", "skip", "notes", "-")
MAX_LINES = 22  # a slide holds about this many lines of text or code before it overflows


def concept_notebooks(root: Path = ROOT) -> list[Path]:
    """The concept notebooks (notebooks/NN_*.ipynb), without the final quiz."""
    return sorted(p for p in (root / "notebooks").glob("[0-9][0-9]_*.ipynb") if "quiz" not in p.stem)


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


def execute_in_place(nb: nbformat.NotebookNode, folder: Path, timeout: int) -> None:
    """Run a notebook in a fresh kernel from `folder` (where relative paths resolve), keeping its outputs."""
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()


def build(
    paths: Sequence[Path], out: Path, execute: bool = False, reveal_prefix: str | None = None, timeout: int = 1200
) -> list[Path]:
    """Convert the notebooks to slides with `jupyter nbconvert --to slides`; return the HTML files written."""
    if not paths:
        raise ValueError("no notebooks to convert")
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise FileNotFoundError(f"not found: {', '.join(missing)}")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ftrag-slides-") as tmp:
        copies = []
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            if execute:  # first, so that outputs count when deciding where a slide overflows
                execute_in_place(nb, path.parent, timeout)
            nb, _ = tagged(nb)
            copy = Path(tmp) / path.name
            nbformat.write(nb, copy)
            copies.append(copy)
        cmd = [sys.executable, "-m", "nbconvert", "--to", "slides", f"--output-dir={out}"]
        if reveal_prefix:
            cmd.append(f"--SlidesExporter.reveal_url_prefix={reveal_prefix}")
        done = subprocess.run([*cmd, *map(str, copies)], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"nbconvert failed:\n{done.stderr[-3000:]}")
    written = [out / f"{p.stem}.slides.html" for p in paths]
    absent = [str(w) for w in written if not w.exists()]
    if absent:
        raise RuntimeError(f"nbconvert wrote no {', '.join(absent)}")
    write_index(written, out)
    return written


def write_index(slides: Sequence[Path], out: Path) -> Path:
    """A small index.html that links every slide deck."""
    items = "\n".join(
        f'<li><a href="{html.escape(s.name)}">{html.escape(s.stem.split(".")[0])}</a></li>' for s in slides
    )
    page = (
        "<!doctype html><meta charset='utf-8'><title>Fine-tune or RAG? slides</title>"
        f"<h1>Fine-tune or RAG? slides</h1><ul>\n{items}\n</ul>\n"
    )
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def main(argv: Sequence[str] | None = None) -> int:
    """Build the slides (default) or, with --tag, write the derived roles into the notebooks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: the concept notebooks in notebooks/")
    parser.add_argument("--out", type=Path, default=ROOT / "slides", help="output folder (default: slides/)")
    parser.add_argument("--tag", action="store_true", help="write slide roles into the notebooks; build nothing")
    parser.add_argument("--execute", action="store_true", help="run the notebooks first so slides show outputs")
    parser.add_argument("--reveal-prefix", help="where reveal.js is loaded from (default: nbconvert's CDN)")
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
    if args.clean and args.out.exists():
        shutil.rmtree(args.out)
    try:
        written = build(paths, args.out, execute=args.execute, reveal_prefix=args.reveal_prefix)
    except (ValueError, FileNotFoundError, RuntimeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    print(f"open {args.out / 'index.html'} (serve with `python -m http.server -d {args.out}` for speaker view)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
