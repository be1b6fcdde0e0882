"""Keep notebooks clean: no outputs, no execution counts, and the same Colab set-up cell first.

python tools/nbhygiene.py            # fix every notebook in notebooks/, solutions/, labs/
python tools/nbhygiene.py --check    # exit 1 and list problems instead of fixing
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

try:
    import nbformat
except ModuleNotFoundError:  # run with a python that lacks the dev tools: use the course venv if there is one
    import os

    _venv = Path(__file__).resolve().parents[1] / ".venv"
    if (_venv / "bin" / "python").exists() and Path(sys.prefix).resolve() != _venv.resolve():
        os.execv(str(_venv / "bin" / "python"), [str(_venv / "bin" / "python"), *sys.argv])
    sys.exit("nbformat is missing: run `make setup` (or pip install -r requirements.txt) first.")

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("notebooks", "solutions", "labs")
SETUP_MARKER = "# Colab only: fetch the course kit once"
SETUP_CELL = f"""{SETUP_MARKER} (nothing happens on your machine, Binder or JupyterHub).
import sys

if "google.colab" in sys.modules:
    !git clone -q --depth=1 https://github.com/fine-tune-or-rag/course-kit /content/course-kit 2>/dev/null || true
    sys.path.insert(0, "/content/course-kit")
    from ftrag.doctor import colab_setup

    colab_setup()"""
NEXT_MARKER = "**Next:**"
KEEP_NB_METADATA = ("kernelspec", "language_info")
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}


def notebooks(root: Path = ROOT) -> list[Path]:
    """All course notebooks, sorted."""
    return sorted(p for folder in FOLDERS for p in (root / folder).glob("*.ipynb"))


def next_cell(path: Path) -> str | None:
    """The closing "Next" cell of a course notebook, from course.yml (None for notebooks outside the course)."""
    from ftrag.course import next_part, parts

    if path.stem not in {p.id for p in parts(ROOT)}:
        return None
    after = next_part(path.stem, ROOT)
    if after is None:
        return f"{NEXT_MARKER} that was the last part. Back to the [course map](../notebooks/00_start_here.ipynb)."
    return f"{NEXT_MARKER} [{after.title}](../{after.path}): {after.you_will}."


def clean(nb: nbformat.NotebookNode, path: Path | None = None) -> nbformat.NotebookNode:
    """Strip outputs, counts and stray metadata; put the set-up cell first and the "Next" cell last."""
    nb.metadata = {k: v for k, v in nb.metadata.items() if k in KEEP_NB_METADATA}
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        cell.metadata = {k: v for k, v in cell.metadata.items() if k in ("tags", "slideshow")}
        cell.pop("id", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    code = [c for c in nb.cells if c.cell_type == "code"]
    if code and code[0].source.startswith(SETUP_MARKER):
        code[0].source = SETUP_CELL
    else:
        first_md = next((i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"), -1)
        nb.cells.insert(first_md + 1, nbformat.v4.new_code_cell(SETUP_CELL))
    following = next_cell(path) if path is not None else None
    if following is not None:
        last = nb.cells[-1] if nb.cells else None
        if last is not None and last.cell_type == "markdown" and last.source.startswith(NEXT_MARKER):
            last.source = following
        else:
            nb.cells.append(nbformat.v4.new_markdown_cell(following))
    nb.nbformat, nb.nbformat_minor = 4, 4
    for cell in nb.cells:
        cell.pop("id", None)
    return nb


def dumps(nb: nbformat.NotebookNode) -> str:
    """Serialise a notebook the one way this repository stores them."""
    return nbformat.writes(nb, version=4) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Fix (default) or check (`--check`) every course notebook."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report problems, change nothing")
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all)")
    args = parser.parse_args(argv)
    bad = []
    for path in args.paths or notebooks():
        text = path.read_text(encoding="utf-8")
        fixed = dumps(clean(nbformat.reads(text, as_version=4), path))
        if fixed != text:
            bad.append(path)
            if not args.check:
                path.write_text(fixed, encoding="utf-8")
    for path in bad:
        print(f"{'not clean' if args.check else 'cleaned'}: {path}")
    return 1 if (bad and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
