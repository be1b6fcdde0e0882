"""Generate the learner copies from the worked notebooks in solutions/ (the single source).

    python tools/make_labs.py           # write labs/ and the concept notebooks that have exercises
    python tools/make_labs.py --check   # exit 1 if a learner copy differs from what would be written

A lab's copy goes to labs/<id>.ipynb; a concept notebook's to notebooks/<id>.ipynb (`ftrag.course.learner_path`).

In a solution notebook, mark what the learner writes:
- a region inside a code cell, between `### BEGIN SOLUTION <what to do>` and `### END SOLUTION`,
  becomes `# TODO: <what to do>` plus `raise NotImplementedError(...)` at the same indentation;
- a code cell tagged `solution` becomes such a stub as a whole (its first comment is the TODO text);
- a cell tagged `solution-only` (e.g. an instructor's remark) is left out of the lab.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

# nbhygiene re-runs this script in the course venv when this python lacks nbformat
from nbhygiene import clean, dumps, nbformat

from ftrag.course import learner_path

ROOT = Path(__file__).resolve().parents[1]
BEGIN = re.compile(r"^(?P<indent>\s*)### BEGIN SOLUTION\b[:\s]*(?P<todo>.*)$")
END = re.compile(r"^\s*### END SOLUTION\b")
BANNER = (
    "> **Learner version.** Generated from `solutions/{name}` by `tools/make_labs.py`; "
    "edit the solution, not this file. Fill in each `TODO`, then run the self-check below it."
)


LINE_LENGTH = 120  # pyproject.toml [tool.ruff]


def stub(indent: str, todo: str) -> list[str]:
    """The lines that replace one solution region."""
    todo = todo.strip() or "write your code here"
    message = json.dumps(f"Exercise: {todo}", ensure_ascii=False)  # quotes in the text stay valid Python
    if '"' in todo and "'" not in todo:  # the quoting `ruff format` prefers, so the generated copies stay formatted
        message = "'" + message[1:-1].replace('\\"', '"') + "'"
    line = f"{indent}raise NotImplementedError({message})"
    if len(line) <= LINE_LENGTH:
        return [f"{indent}# TODO: {todo}", line]
    # the layout `ruff format` gives a call too long for one line, so the generated labs stay formatted
    return [f"{indent}# TODO: {todo}", f"{indent}raise NotImplementedError(", f"{indent}    {message}", f"{indent})"]


_EMPTY = re.compile(r"^\s*(?P<name>\w+)\s*(?::[^=]+)?=\s*(?:\"\"|''|None)\s*(?:#.*)?$")
_ANSWER = re.compile(r"^(answer_\w+|q\d+)$")  # the names of "Check your understanding" answers
_ASSIGN = re.compile(r"^\s*(?P<name>\w+)\s*(?::[^=]+)?=[^=]")


def _answers_only(lines: list[str], empty: set[str]) -> bool:
    """Whether a region only fills in answers (answer_*, q1, ...) the cell already set to "" or None above it."""
    code = [ln for ln in lines if ln.strip() and not ln.strip().startswith("#")]
    return bool(code) and all(
        (m := _ASSIGN.match(ln)) and m["name"] in empty and _ANSWER.match(m["name"]) for ln in code
    )


def strip_regions(source: str, where: str) -> str:
    """Replace every BEGIN/END SOLUTION region of a cell's source with a TODO stub.

    A region marked `### BEGIN SOLUTION (answers)`, or one that only fills in answers the cell first sets to "" or
    None (a "Check your understanding" cell), is dropped without a stub: the learner's copy starts with empty
    answers that the checks report as open.
    """
    out: list[str] = []
    region: re.Match[str] | None = None
    body: list[str] = []
    empty: set[str] = set()
    for line in source.splitlines():
        if region is None and (m := BEGIN.match(line)):
            region, body = m, []
        elif region is not None and END.match(line):
            if not (region["todo"].strip().lower() == "(answers)" or _answers_only(body, empty)):
                out += stub(region["indent"], region["todo"])
            region = None
        elif region is not None and BEGIN.match(line):
            raise ValueError(f"{where}: nested '### BEGIN SOLUTION'")
        elif region is None and END.match(line):
            raise ValueError(f"{where}: '### END SOLUTION' without BEGIN")
        elif region is None:
            if m := _EMPTY.match(line):
                empty.add(m["name"])
            out.append(line)
        else:
            body.append(line)
    if region is not None:
        raise ValueError(f"{where}: '### BEGIN SOLUTION' without END")
    return "\n".join(out)


def make_lab(solution: Path, filled: bool = False) -> str:
    """Build the learner notebook text for one solution notebook (`filled`: with the solutions left in the TODOs)."""
    nb = nbformat.read(solution, as_version=4)
    cells = []
    for i, cell in enumerate(nb.cells):
        tags = set(cell.get("metadata", {}).get("tags", []))
        where = f"{solution.name} cell {i}"
        if "solution-only" in tags:
            continue
        if filled and cell.cell_type == "code":
            cell.source = "\n".join(ln for ln in cell.source.splitlines() if not BEGIN.match(ln) and not END.match(ln))
        elif cell.cell_type == "code" and "solution" in tags:
            first = cell.source.splitlines()[0] if cell.source else ""
            todo = first.lstrip("# ").strip() if first.lstrip().startswith("#") else ""
            cell.source = "\n".join(stub("", todo))
            cell.metadata["tags"] = sorted(tags - {"solution"})
        elif cell.cell_type == "code":
            cell.source = strip_regions(cell.source, where)
        cells.append(cell)
    banner = nbformat.v4.new_markdown_cell(BANNER.format(name=solution.name))
    nb.cells = cells[:1] + [banner] + cells[1:]
    return dumps(clean(nb, solution))


def main(argv: list[str] | None = None) -> int:
    """Write labs/ from solutions/, or with --check report labs that are missing, stale or orphaned."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if labs/ is out of sync")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sol_dir, lab_dir = args.root / "solutions", args.root / "labs"
    problems = []
    wanted = {}  # the learner copy's path -> its text
    for solution in sorted(sol_dir.glob("*.ipynb")):
        wanted[learner_path(solution.stem)] = make_lab(solution)
    for relative, text in wanted.items():
        target = args.root / relative
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            problems.append(f"{'stale' if target.exists() else 'missing'}: {relative}")
            if not args.check:
                target.parent.mkdir(exist_ok=True)
                target.write_text(text, encoding="utf-8")
    for orphan in sorted({f"labs/{p.name}" for p in lab_dir.glob("*.ipynb")} - wanted.keys()):
        problems.append(f"orphaned (no solution): {orphan}")
        if not args.check:
            (args.root / orphan).unlink()
    for line in problems:
        print(line if args.check else f"fixed {line}")
    if args.check and problems:
        print("The learner copies are out of sync with solutions/: run `python tools/make_labs.py`.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
