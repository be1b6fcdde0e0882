"""Measure the course: run every notebook in a fresh kernel, record time and peak memory, write docs/performance.md.

    python tools/benchmark.py                        # all notebooks and solutions, in course order
    python tools/benchmark.py --only 00_start_here   # a subset (repeatable; matches the file stem)
    python tools/benchmark.py --cpus 2 --out /tmp/perf.md --json /tmp/perf.json

Notebooks run one at a time, each in a new kernel (nbclient), from their own folder, offline. Peak memory is
the largest sum of RSS over the kernel process and its children, sampled every 0.2 s. Labs' saved figures
(`ftrag.results`) are read from a results folder that starts empty, so the report never shows stale numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from ftrag.results import flatten_numbers
from ftrag.runtime import PeakMemory

ROOT = Path(__file__).resolve().parents[1]
MEMORY_LIMIT = 2 * 1024**3  # Binder's 2 GB
COURSE_TARGET_S = 30 * 60  # the whole course on 2 CPU cores
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")  # colour codes in tracebacks
RESULT_NAMES = ["lab1_rag", "lab2_lora", "lab3_embeddings", "lab4_knowledge"]
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


@dataclass
class Run:
    """The measurement of one notebook."""

    notebook: str
    seconds: float
    peak_bytes: int
    ok: bool
    error: str = ""
    slowest_cell: str = ""
    slowest_cell_s: float = 0.0
    precision: str = ""  # the compute precision it ran in (fp32, bf16, fp16)
    sections: list[tuple[str, float]] = field(default_factory=list)  # seconds per "## " section, in order


@dataclass
class Report:
    """Everything docs/performance.md is written from."""

    runs: list[Run]
    machine: dict[str, str]
    figures: dict[str, dict[str, Any]] = field(default_factory=dict)
    date: str = ""
    method: str = ""
    compare: list[Run] = field(default_factory=list)  # the same notebooks in another precision, same machine
    compare_figures: dict[str, dict[str, Any]] = field(default_factory=dict)
    compare_note: str = ""  # where the other run differs from this one (another day, other code), if it does


# ---------------------------------------------------------------- pure parts (unit-tested)


def course_order(paths: Iterable[Path], root: Path = ROOT) -> list[Path]:
    """Sort notebook paths in course order (course.yml); notebooks not in it follow, alphabetically."""
    from ftrag.course import parts

    rank = {p.runs.removesuffix(".ipynb"): i for i, p in enumerate(parts(root))}

    def key(p: Path) -> tuple[int, str]:
        rel = p.resolve().relative_to(root.resolve()).with_suffix("").as_posix()
        return (rank.get(rel, len(rank)), rel)

    return sorted(paths, key=key)


def _matches(path: Path, name: str) -> bool:
    """True if `name` ('00_start_here', 'lab1_rag.ipynb', 'solutions/lab1_rag') names this notebook."""
    name = name.removesuffix(".ipynb").strip("/")
    stem = path.with_suffix("").as_posix()
    return bool(name) and (stem == name or stem.endswith("/" + name))


def select(paths: Sequence[Path], only: Sequence[str]) -> list[Path]:
    """Keep the notebooks named in `only` (stem or relative path); all of them when `only` is empty."""
    if not only:
        return list(paths)
    missing = [o for o in only if not any(_matches(p, o) for p in paths)]
    if missing:
        names = ", ".join(p.stem for p in paths) or "none"
        raise ValueError(f"No notebook matches {', '.join(missing)}; known: {names}.")
    return [p for p in paths if any(_matches(p, o) for o in only)]


def fmt_bytes(n: int) -> str:
    """1536 * 1024**2 -> '1.50 GB' (binary units, as memory limits are)."""
    if n < 0:
        raise ValueError("a byte count cannot be negative")
    if n >= 1024**3:
        return f"{n / 1024**3:.2f} GB"
    return f"{n / 1024**2:.0f} MB"


def fmt_seconds(s: float) -> str:
    """75.4 -> '1 min 15 s'; 8.26 -> '8.3 s'."""
    if s < 0:
        raise ValueError("a duration cannot be negative")
    if s < 60:
        return f"{s:.1f} s"
    minutes, seconds = divmod(round(s), 60)
    return f"{minutes} min {seconds:02d} s" if seconds else f"{minutes} min"


def fmt_value(value: Any) -> str:
    """Render one saved figure: floats with 4 significant digits, everything else as text."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def misses(runs: Sequence[Run], limit: int = MEMORY_LIMIT, target_s: float = COURSE_TARGET_S) -> list[str]:
    """Every target missed, each with its reason: failed notebooks, memory over the limit, course over time."""
    out = []
    for r in runs:
        if not r.ok:
            out.append(f"`{r.notebook}` failed: {r.error}")
        if r.peak_bytes >= limit:
            out.append(
                f"`{r.notebook}` peaked at {fmt_bytes(r.peak_bytes)} (limit {fmt_bytes(limit)}); "
                f"slowest cell: {r.slowest_cell or 'n/a'}"
            )
    total = sum(r.seconds for r in runs)
    if total >= target_s:
        worst = sorted(runs, key=lambda r: r.seconds, reverse=True)[:3]
        why = "; ".join(f"`{r.notebook}` {fmt_seconds(r.seconds)} (slowest cell {r.slowest_cell})" for r in worst)
        out.append(f"The course took {fmt_seconds(total)}, over the {fmt_seconds(target_s)} target. Largest: {why}")
    return out


def _precision_of(runs: Sequence[Run]) -> str:
    """The precision a set of runs ran in ("mixed" if they differ, "?" if unrecorded)."""
    found = {r.precision or "?" for r in runs}
    return found.pop() if len(found) == 1 else "mixed"


def render_comparison(runs: Sequence[Run], other: Sequence[Run], note: str = "") -> list[str]:
    """Markdown lines: each notebook's time and peak in both precisions, with the 16-bit run's speed-up over fp32."""
    mine, theirs = _precision_of(runs), _precision_of(other)
    by_name = {r.notebook: r for r in other}
    paired = [(r, by_name[r.notebook]) for r in runs if r.notebook in by_name]
    if mine != "fp32":  # put the fp32 run second in every pair: (16-bit, fp32)
        mine, theirs = theirs, mine
    else:
        paired = [(o, r) for r, o in paired]
    low, full = theirs, mine  # the 16-bit precision and fp32
    lines = [
        "",
        f"## {full} and {low} on this machine",
        "",
        note or "The same notebooks, run the same way, once in each precision (`FTRAG_DTYPE` set for the other run).",
        "",
        f"| notebook | {low} time | {full} time | {low} speed-up | {low} peak | {full} peak | both pass |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for half, whole in paired:
        both = "yes" if half.ok and whole.ok else "**no**"
        lines.append(
            f"| `{half.notebook}` | {fmt_seconds(half.seconds)} | {fmt_seconds(whole.seconds)} | "
            f"{whole.seconds / half.seconds:.2f}x | {fmt_bytes(half.peak_bytes)} | {fmt_bytes(whole.peak_bytes)} "
            f"| {both} |"
        )
    if paired:
        t_half, t_whole = sum(h.seconds for h, _ in paired), sum(w.seconds for _, w in paired)
        lines += [
            f"| **total** | **{fmt_seconds(t_half)}** | **{fmt_seconds(t_whole)}** | **{t_whole / t_half:.2f}x** | "
            f"{fmt_bytes(max(h.peak_bytes for h, _ in paired))} | "
            f"{fmt_bytes(max(w.peak_bytes for _, w in paired))} | |",
        ]
        higher = [h.notebook for h, w in paired if h.peak_bytes > w.peak_bytes]
        lines += [
            "",
            f"Notebooks whose {low} peak is above their {full} peak: "
            + (", ".join(f"`{n}`" for n in higher) if higher else "none")
            + ".",
        ]
    return lines


def render(report: Report, limit: int = MEMORY_LIMIT, target_s: float = COURSE_TARGET_S) -> str:
    """The Markdown of docs/performance.md."""
    runs = report.runs
    total = sum(r.seconds for r in runs)
    lines = [
        "# Measured performance",
        "",
        "Written by `python tools/benchmark.py` (do not edit by hand). "
        + (report.method or "Each notebook ran top to bottom in a fresh kernel, one at a time, offline, on CPU.")
        + " Peak memory is the largest RSS of the kernel and its children, sampled every 0.2 s.",
        "",
        f"Measured on {report.date}.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v} |" for k, v in report.machine.items()]
    lines += [
        "",
        "## Notebooks",
        "",
        f"| notebook | time | peak memory | result | under {limit / 1024**3:g} GB | slowest cell |",
        "|---|---:|---:|---|---|---|",
    ]
    for r in runs:
        result = "pass" if r.ok else "**FAIL**"
        fits = "yes" if r.peak_bytes < limit else "**no**"
        slow = f"{fmt_seconds(r.slowest_cell_s)}: {r.slowest_cell}" if r.slowest_cell else ""
        lines.append(
            f"| `{r.notebook}` | {fmt_seconds(r.seconds)} | {fmt_bytes(r.peak_bytes)} | {result} | {fits} | {slow} |"
        )
    peak = max((r.peak_bytes for r in runs), default=0)
    verdict = "within" if total < target_s else "**over**"
    lines += [
        "",
        f"**Total: {fmt_seconds(total)}** for {len(runs)} notebook{'s' * (len(runs) != 1)}, "
        f"{verdict} the {fmt_seconds(target_s)} target. "
        f"Largest peak memory: {fmt_bytes(peak)}. Passed: {sum(r.ok for r in runs)}/{len(runs)}.",
        "",
    ]
    if report.compare:
        lines += render_comparison(runs, report.compare, report.compare_note)
    lines += render_ledger(runs, report.compare)
    lines += ["", "## Key figures saved by the labs", ""]
    if report.figures and report.compare_figures:
        mine, theirs = _precision_of(runs), _precision_of(report.compare)
        lines += [f"| lab | figure | {mine} | {theirs} |", "|---|---|---:|---:|"]
        for lab, figs in report.figures.items():
            other = flatten_numbers(report.compare_figures.get(lab, {}))
            lines += [
                f"| {lab} | `{k}` | {fmt_value(v)} | {fmt_value(other[k]) if k in other else ''} |"
                for k, v in flatten_numbers(figs).items()
            ]
    elif report.figures:
        lines += ["| lab | figure | value |", "|---|---|---:|"]
        for lab, figs in report.figures.items():
            lines += [f"| {lab} | `{k}` | {fmt_value(v)} |" for k, v in flatten_numbers(figs).items()]
    else:
        lines.append("No lab saved figures in this run (run the solutions to get them).")
    throughput = ROOT / "docs" / "throughput.md"
    if throughput.exists():
        lines += ["", "## How close to the machine's limit", "", throughput.read_text(encoding="utf-8").strip()]
    found = misses(runs, limit, target_s)
    lines += ["", "## Targets missed", ""]
    lines += [f"- {m}" for m in found] if found else ["None: every notebook passed and fits the memory limit."]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- measuring


def _kernel_pid(client: Any) -> int | None:
    """The pid of the nbclient's kernel process, once it has started."""
    km = getattr(client, "km", None)
    provisioner = getattr(km, "provisioner", None) if km is not None else None
    return getattr(provisioner, "pid", None) if provisioner is not None else None


def cell_seconds(nb: Any) -> list[tuple[int, float]]:
    """(index, seconds) of every executed code cell, from nbclient's timing metadata."""
    found = []
    for i, cell in enumerate(nb.cells):
        timing = cell.get("metadata", {}).get("execution", {})
        start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        if cell.cell_type == "code" and start and end:
            delta = dt.datetime.fromisoformat(end.rstrip("Z")) - dt.datetime.fromisoformat(start.rstrip("Z"))
            found.append((i, delta.total_seconds()))
    return found


def section_seconds(nb: Any) -> list[tuple[str, float]]:
    """Seconds per '## ' section of an executed notebook, in order (cells before the first one: 'setup')."""
    timed = dict(cell_seconds(nb))
    found: dict[str, float] = {}
    title = "setup"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            heading = next((ln for ln in cell.source.splitlines() if ln.startswith("## ")), None)
            title = heading[3:].strip() if heading else title
        elif i in timed:
            found[title] = found.get(title, 0.0) + timed[i]
    return list(found.items())


LEDGER_MIN_S = 30.0  # sections shorter than this are summed in one line


def render_ledger(runs: Sequence[Run], other: Sequence[Run] = (), least: float = LEDGER_MIN_S) -> list[str]:
    """Markdown lines: every section that took `least` seconds or more, longest first, with its share of the course."""
    mine, theirs = _precision_of(runs), _precision_of(other)
    other_s = {(r.notebook, t): s for r in other for t, s in r.sections}
    rows = [(s, r.notebook, t) for r in runs for t, s in r.sections]
    if not rows:
        return []
    total = sum(r.seconds for r in runs)
    long = sorted((row for row in rows if row[0] >= least), reverse=True)
    head = (
        f"| notebook | section | {mine} |"
        + (f" {theirs} |" if other else "")
        + " share of the course | running share |"
    )
    lines = ["", "## Where the minutes go", "", head, "|---|---|---:|" + ("---:|" if other else "") + "---:|---:|"]
    running = 0.0
    for secs, notebook, title in long:
        running += secs
        then = other_s.get((notebook, title))
        lines.append(
            f"| `{Path(notebook).stem}` | {title.replace('|', '/')} | {fmt_seconds(secs)} |"
            + (f" {fmt_seconds(then) if then is not None else ''} |" if other else "")
            + f" {secs / total:.0%} | {running / total:.0%} |"
        )
    rest = sum(row[0] for row in rows) - running
    lines += [
        "",
        f"{len(long)} sections of {least:g} s or more take {fmt_seconds(running)} of the {fmt_seconds(total)}; "
        f"the other {len(rows) - len(long)} sections {fmt_seconds(rest)}, and starting kernels the rest.",
    ]
    return lines


def _first_line(cell: Any, skip_note: bool = False) -> str:
    """A cell's first non-empty line (with `skip_note`, the first after its '# Takes about ...' line)."""
    lines = [ln.strip() for ln in cell.source.splitlines() if ln.strip()]
    return next((ln for ln in lines if not (skip_note and ln.startswith(TIME_NOTE))), "")


def _slowest_cell(nb: Any) -> tuple[str, float]:
    """The slowest code cell from nbclient's timing metadata: ('cell 7: first line', seconds)."""
    timed = cell_seconds(nb)
    if not timed:
        return "", 0.0
    i, secs = max(timed, key=lambda t: t[1])
    return f"cell {i}: `{_first_line(nb.cells[i], skip_note=True)[:60].replace('|', '/').replace('`', '')}`", secs


LONG_CELL_S = 60.0  # a cell that runs longer says so first
TIME_NOTE = "# Takes about"


def unannounced_long_cells(nb: Any, limit: float = LONG_CELL_S) -> list[str]:
    """Cells that ran over `limit` seconds without a first line saying how long they take ('# Takes about ...')."""
    return [
        f"cell {i} ({secs:.0f} s): {_first_line(nb.cells[i])[:60]}"
        for i, secs in cell_seconds(nb)
        if secs > limit and not _first_line(nb.cells[i]).startswith(TIME_NOTE)
    ]


def _error_line(error: Exception | None) -> str:
    """One line for the report: 'NotImplementedError: Exercise: ...' or the kind of failure."""
    if error is None:
        return ""
    if hasattr(error, "ename"):
        return ANSI.sub("", f"{error.ename}: {error.evalue}").strip()[:200]
    lines = ANSI.sub("", str(error)).strip().splitlines() or [""]
    return f"{type(error).__name__}: {lines[0]}"[:200]


def execute_notebook(path: Path, timeout: int, root: Path = ROOT) -> tuple[Run, Any, Exception | None]:
    """Execute one notebook in a fresh kernel from its folder: its measurement, the executed notebook, the error.

    The one notebook runner: `tests/test_notebooks.py` (the course run) and `run_notebook` below both use it.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    error: Exception | None = None
    start = time.perf_counter()
    with PeakMemory(interval=0.2, pid_of=lambda: _kernel_pid(client)) as memory:
        try:
            client.execute()
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            error = exc
    seconds = time.perf_counter() - start
    slow, slow_s = _slowest_cell(nb)
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    run = Run(rel, seconds, memory.peak_bytes, error is None, _error_line(error), slow, slow_s, current_precision())
    run.sections = section_seconds(nb)
    return run, nb, error


def run_notebook(path: Path, timeout: int, root: Path = ROOT, executed: Path | None = None) -> Run:
    """Execute one notebook and measure it; with `executed`, write its executed copy there (for `make site`)."""
    import nbformat

    run, nb, _ = execute_notebook(path, timeout, root)
    if executed is not None:
        (executed / run.notebook).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, executed / run.notebook)
    return run


def current_precision() -> str:
    """The compute precision the notebooks of this process's environment run in (as `ftrag.runtime` chooses it)."""
    from ftrag.runtime import choose_precision

    return choose_precision()[0]


def describe_machine(cpus: int | None = None) -> dict[str, str]:
    """CPU model, cores, RAM, OS, Python and key library versions."""
    import psutil

    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cores = f"{usable} usable ({os.cpu_count()} logical, {psutil.cpu_count(logical=False)} physical)"
    if cpus:
        cores += f"; limited to {cpus} by CPU affinity"
    info = {
        "CPU": model,
        "cores": cores,
        "RAM": fmt_bytes(psutil.virtual_memory().total),
        "OS": platform.platform(),
        "Python": platform.python_version(),
    }
    for dist in ("torch", "transformers", "peft", "sentence-transformers", "faiss-cpu"):
        try:
            info[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            info[dist] = "not installed"
    from ftrag.runtime import choose_precision

    chosen, why = choose_precision("cpu")
    info["compute precision"] = f"{chosen} ({why})"
    return info


def collect_figures(names: Sequence[str] = RESULT_NAMES) -> dict[str, dict[str, Any]]:
    """Every result set the labs saved (`ftrag.results`), by name; sets not saved are left out."""
    from ftrag.results import load_results, results_dir

    found = {n: r for n in names if (r := load_results(n)) is not None}
    folder = results_dir()
    if folder.is_dir():  # result sets saved under other names too
        for extra in sorted(folder.glob("*.json")):
            if extra.stem not in found and (r := load_results(extra.stem)) is not None:
                found[extra.stem] = r
    return found


FROM_RUN = (
    "The figures come from a `make test` run (`--from-run`): after the unit tests, pytest executed the notebooks in "
    "course order, one at a time in a fresh kernel each, with nothing else running, offline, on CPU."
)


def runs_from_test(path: Path) -> list[Run]:
    """The runs tests/test_notebooks.py recorded (one JSON line per notebook; the last one counts), in course order."""
    import nbformat

    found: dict[str, Run] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            found[row["notebook"]] = Run(**row)
    for run in found.values():  # runs recorded before sections were: read them from the executed copy beside
        executed = path.parent / run.notebook
        if not run.sections and executed.is_file():
            run.sections = section_seconds(nbformat.read(executed, as_version=4))
    order = [p.relative_to(ROOT).as_posix() for p in all_notebooks()]
    return sorted(found.values(), key=lambda r: order.index(r.notebook) if r.notebook in order else len(order))


def merge(old: dict[str, Any], runs: list[Run], figures: dict[str, Any]) -> tuple[list[Run], dict[str, Any]]:
    """An earlier report's runs and figures, this run's replacing theirs, in course order (gone notebooks dropped)."""
    fresh = {r.notebook for r in runs}
    order = [p.relative_to(ROOT).as_posix() for p in all_notebooks()]
    kept = [Run(**r) for r in old["runs"] if r["notebook"] not in fresh and r["notebook"] in order]  # still run
    merged = [*runs, *kept]
    merged.sort(key=lambda r: order.index(r.notebook) if r.notebook in order else len(order))
    return merged, {**old.get("figures", {}), **figures}


def all_notebooks(root: Path = ROOT) -> list[Path]:
    """Every notebook the course runs (a worked version in solutions/, else the one in notebooks/), in course order."""
    worked = {p.stem for p in root.glob("solutions/*.ipynb")}
    unworked = [p for p in root.glob("notebooks/*.ipynb") if p.stem not in worked]  # the others are learner copies
    return course_order([*root.glob("solutions/*.ipynb"), *unworked], root)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen notebooks, print a line per notebook, write the Markdown report (and JSON if asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[], help="notebook stem to run (repeatable)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md", help="Markdown report path")
    parser.add_argument(
        "--json", type=Path, default=ROOT / "docs" / "performance.json", help="the raw measurements as JSON"
    )
    parser.add_argument("--timeout", type=int, default=1200, help="seconds allowed per cell")
    parser.add_argument("--cpus", type=int, help="pin the kernels to the first N CPU cores (Linux)")
    parser.add_argument(
        "--keep-results", action="store_true", help="use the existing results folder instead of an empty one"
    )
    parser.add_argument("--executed", type=Path, help="keep the executed copies there (build/executed: the site)")
    parser.add_argument(
        "--from-run",
        type=Path,
        help="write the report from what `make test` measured (build/executed/timings.jsonl), running nothing",
    )
    parser.add_argument(
        "--compare-run",
        type=Path,
        help="with --from-run: a run of the same notebooks in another precision (its timings.jsonl), shown beside it",
    )
    parser.add_argument(
        "--compare-results", type=Path, help="the lab results folder of the --compare-run run (FTRAG_RESULTS_DIR)"
    )
    parser.add_argument("--compare-note", default="", help="say how the --compare-run run differs (day, commit)")
    parser.add_argument(
        "--merge",
        action="store_true",
        help="with --only: keep the other notebooks' runs and figures from the existing --json report",
    )
    args = parser.parse_args(argv)
    if args.merge and not (args.only and args.json and args.json.is_file()):
        parser.error("--merge needs --only and an existing --json report")

    if args.from_run:
        runs = runs_from_test(args.from_run)
        if not runs:
            parser.error(f"{args.from_run} holds no runs")
        compare = runs_from_test(args.compare_run) if args.compare_run else []
        compare_figures = {}
        if args.compare_results:
            os.environ["FTRAG_RESULTS_DIR"], mine = str(args.compare_results), os.environ.get("FTRAG_RESULTS_DIR")
            compare_figures = collect_figures()
            os.environ.pop("FTRAG_RESULTS_DIR") if mine is None else os.environ.update(FTRAG_RESULTS_DIR=mine)
        return write_report(args, runs, collect_figures(), FROM_RUN, compare, compare_figures)
    try:
        paths = select(all_notebooks(), args.only)
    except ValueError as err:
        parser.error(str(err))
    if not paths:
        parser.error("no notebooks found in notebooks/ or solutions/")
    if args.cpus:
        if not hasattr(os, "sched_setaffinity"):
            parser.error("--cpus needs Linux (os.sched_setaffinity)")
        available = sorted(os.sched_getaffinity(0))
        if not 1 <= args.cpus <= len(available):
            parser.error(f"--cpus must be between 1 and {len(available)}")
        os.sched_setaffinity(0, available[: args.cpus])  # kernels inherit it
    os.environ.update(OFFLINE_ENV)
    with tempfile.TemporaryDirectory(prefix="ftrag-bench-results-") as tmp:
        if not args.keep_results:
            os.environ["FTRAG_RESULTS_DIR"] = tmp
        runs = []
        for i, path in enumerate(paths, 1):
            print(f"[{i}/{len(paths)}] {path.relative_to(ROOT)} ...", flush=True)
            run = run_notebook(path, args.timeout, executed=args.executed)
            runs.append(run)
            status = "pass" if run.ok else f"FAIL ({run.error})"
            print(f"    {fmt_seconds(run.seconds)}, peak {fmt_bytes(run.peak_bytes)}, {status}", flush=True)
        figures = collect_figures()
    if args.merge:
        runs, figures = merge(json.loads(args.json.read_text(encoding="utf-8")), runs, figures)
    return write_report(args, runs, figures)


def write_report(
    args: argparse.Namespace,
    runs: list[Run],
    figures: dict[str, Any],
    method: str = "",
    compare: list[Run] | None = None,
    compare_figures: dict[str, Any] | None = None,
) -> int:
    """Write docs/performance.md (and the JSON) from the runs; print the figures and the misses; 0 if all passed."""
    report = Report(
        runs,
        describe_machine(args.cpus),
        figures,
        dt.date.today().isoformat(),
        method,
        compare or [],
        compare_figures or {},
        getattr(args, "compare_note", ""),
    )
    for lab, figs in figures.items():
        print(f"{lab}: " + ", ".join(f"{k}={fmt_value(v)}" for k, v in flatten_numbers(figs).items()))
    if not figures:
        print("No lab saved figures in this run.")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(report), encoding="utf-8")
    print(f"Total {fmt_seconds(sum(r.seconds for r in runs))}; wrote {args.out}")
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2, default=str), encoding="utf-8")
    for line in misses(runs):
        print(f"MISS: {line}")
    return 0 if all(r.ok for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
