"""Write the workshop agendas and the labs' time boxes from course.yml and the measured run times.

    python tools/make_agendas.py              # rewrite instructor/agendas.md and instructor/time_boxes.md
    python tools/make_agendas.py --check      # exit 1 if either file differs from what would be written
    python tools/make_agendas.py --factor 1 --out /tmp/agendas  # e.g. a room of quiet 2-core laptops

Figures: the order and each part's reading minutes come from course.yml; each notebook's machine time from the
benchmark's JSON for the reference machine (AGENDA_PERF below; `--perf` picks another, e.g. docs/performance.json,
the newest run, which may come from a slower CPU).
A workshop block is `machine time x factor + reading minutes` (plus set-up time for the first notebook), rounded
up to 5 minutes. The factor (1.5 by default) allows for shared CPUs: a room on one hub, Binder, or laptops busy
with other programs. The 90-minute talk runs on the presenter's laptop alone (factor 1) and compresses reading.
Re-run this tool after `tools/benchmark.py` or any change to course.yml or a lab; the tests run `--check`.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from ftrag.course import Part, parts

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = Path(__file__).resolve().parent / "templates"  # the prose of the agendas and the site (Jinja2)


# The run the agendas are planned from: the benchmark's JSON of a full course run on a 2-core AMD EPYC with bf16 units,
# in fp32 (2026-12-07), kept as its own file so that a later run on another CPU does not move the agendas by itself.
# docs/performance.json holds the newest run; on a CPU without bf16 units the course takes about twice as long.
# Change this after re-measuring the course on the reference machine (`make benchmark`).
AGENDA_PERF = "docs/performance-2026-12-07-epyc.json"
NEWEST_PERF = "docs/performance.json"
FACTOR = 1.5  # machine time on shared CPUs: each learner gets about 2 / 1.5 = 1.3 of the 2 measured cores
GRACE_MIN = 0.5  # a block may fall short of its need by less than this (rounding noise on the reading estimates)
SETUP_MIN = 10  # extra minutes on 00_start_here in a workshop: fixing set-ups
MIN_BUFFER = 10  # minutes of slack a workshop keeps for overruns
WRITE_MIN = 5  # minutes a learner writes on one lab TODO (time boxes)
DAY_START = 9 * 60  # 9:00, in minutes after midnight
# Parts that become homework when the half-day is too short, the first one first. Never homework: the rest
# (set-up, base model, RAG, Lab 1, fine-tuning, Lab 2, the decision framework), the core of the question.
HOMEWORK_ORDER = [
    "09_your_data",
    "lab4_knowledge",
    "lab3_embeddings",
    "08_final_quiz",
    "06_using_both",
    "05_cost",
    "07_wrap_up",
]
TALK_MINUTES, TALK_QA = 90, 5
TALK_SKIPS = {
    "08_final_quiz",
    "09_your_data",
}  # learners at keyboards (the quiz; their own data); the talk polls the room in 04
MODES = {"08_final_quiz": "lab", "09_your_data": "lab"}  # concept notebooks are "live", labs "lab", unless named here


@dataclass(frozen=True)
class Measured:
    """One notebook's measured run (tools/benchmark.py)."""

    stem: str
    seconds: float
    peak_bytes: int
    ok: bool
    slowest_cell: str = ""
    slowest_s: float = 0.0


@dataclass
class Perf:
    """The benchmark's figures: where from, when, on what, and one run per notebook stem."""

    source: str
    date: str
    cores: str
    runs: dict[str, Measured] = field(default_factory=dict)
    precision: str = ""  # what the runs computed in (fp32, bf16), where the report says
    bf16_speedup: float | None = None  # the fp32 course time over the bf16 one, where the report measured both


@dataclass(frozen=True)
class Need:
    """What one part needs in a workshop: machine minutes (x factor) plus reading, rounded to a block."""

    part: Part
    machine_s: float
    assumed_from: str  # "" when measured; else the stem whose time was assumed
    factor: float
    setup: int = 0

    @property
    def need_min(self) -> float:
        """Unrounded minutes: machine time x factor + reading (+ set-up)."""
        return self.machine_s / 60 * self.factor + self.part.reading + self.setup

    @property
    def block(self) -> int:
        """The block's minutes."""
        return round_block(self.need_min)

    def budget(self) -> str:
        """'2.6 + 40 = 42.6 -> 45': how the block was computed."""
        extra = f" + {self.setup} set-up" if self.setup else ""
        star = "*" if self.assumed_from else ""
        return (
            f"{self.machine_s / 60 * self.factor:.1f}{star} + {self.part.reading}{extra} = "
            f"{self.need_min:.1f} → **{self.block}**"
        )


@dataclass(frozen=True)
class Row:
    """One line of an agenda."""

    start: int
    minutes: int
    block: str
    material: str = ""
    mode: str = ""
    budget: str = ""


# ---------------------------------------------------------------- reading the figures


def _stem(notebook: str) -> str:
    return Path(notebook.strip("` ")).stem


def _name(path: Path) -> str:
    """A path relative to the course kit when it is inside it (docs/performance.md), else as given."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def seconds_by_precision(data: dict) -> dict[str, dict[str, float]]:
    """{precision: {notebook stem: seconds}} of a benchmark JSON's run and its comparison run (if any)."""
    measured: dict[str, dict[str, float]] = {}
    for r in data["runs"] + data.get("compare", []):
        measured.setdefault(r.get("precision", "?"), {})[_stem(r["notebook"])] = float(r["seconds"])
    return measured


def perf_from_json(path: Path) -> Perf:
    """The figures from `tools/benchmark.py --json`."""
    data = json.loads(path.read_text(encoding="utf-8"))
    perf = Perf(_name(path), data.get("date", ""), data.get("machine", {}).get("cores", ""))
    for r in data["runs"]:
        run = Measured(
            _stem(r["notebook"]),
            float(r["seconds"]),
            int(r["peak_bytes"]),
            bool(r["ok"]),
            r.get("slowest_cell", ""),
            float(r.get("slowest_cell_s", 0.0)),
        )
        perf.runs[run.stem] = run
    perf.precision = "/".join(sorted({r.get("precision", "") for r in data["runs"]} - {""}))
    totals = {precision: sum(times.values()) for precision, times in seconds_by_precision(data).items()}
    if totals.get("fp32") and totals.get("bf16"):
        perf.bf16_speedup = totals["fp32"] / totals["bf16"]
    return perf


def load_perf(root: Path = ROOT, path: Path | None = None) -> Perf:
    """The reference run the agendas are planned from (AGENDA_PERF), or the file given."""
    if path is None:
        path = root / AGENDA_PERF
    if path.suffix != ".json":
        raise ValueError(f"{path}: give the benchmark's JSON (tools/benchmark.py --json), e.g. docs/performance.json.")
    return perf_from_json(path)


# ---------------------------------------------------------------- the arithmetic


def round_block(minutes: float) -> int:
    """Up to the next multiple of 5, unless it passes a multiple by less than GRACE_MIN; never below 5."""
    return max(5, 5 * math.ceil((minutes - GRACE_MIN) / 5))


def needs(course: Sequence[Part], perf: Perf, factor: float = FACTOR, setup: int = 0) -> list[Need]:
    """Each part's need. A part without a passing measurement is assumed as slow as the slowest measured part of
    its kind (lab or concept notebook) and flagged."""
    out = []
    for part in course:
        run = perf.runs.get(part.id)
        if run is not None and run.ok:
            out.append(Need(part, run.seconds, "", factor, setup if part.id == course[0].id else 0))
            continue
        kind = [perf.runs[p.id] for p in course if p.is_lab == part.is_lab and p.id in perf.runs]
        pool = [r for r in kind if r.ok] or [r for r in perf.runs.values() if r.ok]
        if not pool:
            raise ValueError(f"No passing measurement in {perf.source} to assume {part.id}'s machine time from.")
        worst = max(pool, key=lambda r: r.seconds)
        out.append(Need(part, worst.seconds, worst.stem, factor, setup if part.id == course[0].id else 0))
    return out


def split_minutes(weights: Sequence[float], total: int) -> list[int]:
    """Whole minutes proportional to `weights` that add up to `total` (largest remainder)."""
    if total < 0 or any(w < 0 for w in weights):
        raise ValueError("minutes and weights cannot be negative")
    s = sum(weights)
    if not weights:
        return []
    if s == 0:
        weights, s = [1.0] * len(weights), float(len(weights))
    exact = [w / s * total for w in weights]
    out = [math.floor(x) for x in exact]
    for i in sorted(range(len(exact)), key=lambda i: (out[i] - exact[i], i))[: total - sum(out)]:
        out[i] += 1
    return out


def with_breaks(rows: Sequence[Row], start: int, breaks: Sequence[tuple[str, int, int]]) -> list[Row]:
    """Lay the rows out from `start` and insert each break (name, minutes, target clock time) at the boundary
    between two rows nearest its target (after the earlier breaks)."""
    blocks = [(r.block, r.minutes, r) for r in rows]
    after = 0  # breaks go after this many blocks
    for name, minutes, target in breaks:
        best, best_gap = None, None
        for k in range(max(after, 1), len(blocks)):
            clock = start + sum(m for _, m, _ in blocks[:k])
            if blocks[k - 1][2] is None:  # never two breaks in a row
                continue
            if best_gap is None or abs(clock - target) < best_gap:
                best, best_gap = k, abs(clock - target)
        if best is None:
            raise ValueError(f"no place for {name}: the agenda is too short")
        blocks.insert(best, (name, minutes, None))
        after = best + 1
    out, clock = [], start
    for name, minutes, row in blocks:
        out.append(Row(clock, minutes, name, row.material, row.mode, row.budget) if row else Row(clock, minutes, name))
        clock += minutes
    return out


def clock(minutes: int) -> str:
    """540 -> '9:00' (a time of day), 8 -> '0:08' (time into a talk)."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def part_row(need: Need, mode: str | None = None) -> Row:
    """An agenda row for one part."""
    p = need.part
    what = f"**{p.title}**: {p.you_will}" if p.is_lab else f"{p.title}: {p.you_will}"
    return Row(
        0,
        need.block,
        what,
        f"`{p.path.removesuffix('.ipynb')}`",
        mode or MODES.get(p.id, "lab" if p.is_lab else "live"),
        need.budget(),
    )


# ---------------------------------------------------------------- the three formats


@dataclass
class Agenda:
    """A laid-out agenda and what it left out."""

    rows: list[Row]
    homework: list[Part] = field(default_factory=list)
    buffer: int = 0
    scale: float = 1.0


def talk(course: Sequence[Part], perf: Perf) -> Agenda:
    """90 minutes, one laptop, concept notebooks only: reading compressed by one factor to fit, then questions."""
    chosen = [n for n in needs(course, perf, factor=1.0) if not n.part.is_lab and n.part.id not in TALK_SKIPS]
    raw = [n.need_min for n in chosen]
    budget = TALK_MINUTES - TALK_QA
    scale = min(1.0, budget / sum(raw))
    minutes = split_minutes(raw, round(sum(raw) * scale))
    rows, t = [], 0
    for n, m in zip(chosen, minutes, strict=True):
        rows.append(Row(t, m, f"{n.part.title}: {n.part.you_will}", f"`{n.part.path.removesuffix('.ipynb')}`", "live"))
        t += m
    rows.append(Row(t, TALK_MINUTES - t, "Questions; where the labs are and what they measure", "", "talk"))
    return Agenda(rows, scale=scale)


def workshop(
    course: Sequence[Part],
    perf: Perf,
    length: int,
    breaks: Sequence[tuple[str, int, int]],
    welcome: int,
    close: int,
    factor: float = FACTOR,
    homework_order: Sequence[str] = (),
) -> Agenda:
    """A day (or half) from DAY_START: welcome, every part not moved to homework, a buffer, feedback; breaks placed
    nearest their target times. Parts move to homework in `homework_order` until MIN_BUFFER minutes are left."""
    all_needs = needs(course, perf, factor, setup=SETUP_MIN)
    homework: list[Part] = []
    order = [p for p in homework_order if any(n.part.id == p for n in all_needs)]
    while True:
        kept = [n for n in all_needs if n.part not in homework]
        used = welcome + close + sum(n.block for n in kept) + sum(b[1] for b in breaks)
        buffer = length - used
        if buffer >= (MIN_BUFFER if homework_order else 0):
            break
        if not order:
            what = "half-day" if homework_order else "day"
            raise ValueError(
                f"The {what} ({length} min) cannot hold its core ({used} min with breaks) with {MIN_BUFFER} min to "
                "spare: lengthen it or lower the factor."
            )
        drop = order.pop(0)
        homework.append(next(n.part for n in all_needs if n.part.id == drop))
    rows = [
        Row(
            0,
            welcome,
            "Welcome: goals, how the day runs, helpers and sticky notes",
            "[`sticky_notes.md`](sticky_notes.md)",
            "talk",
        )
    ]
    rows += [part_row(n) for n in kept]
    if buffer:
        rows.append(Row(0, buffer, "Buffer: catch up where the room fell behind, questions, the learners' own cases"))
    rows.append(
        Row(0, close, "Feedback form, learner checklist, close", "[`feedback_form.md`](feedback_form.md)", "talk")
    )
    return Agenda(with_breaks(rows, DAY_START, breaks), homework, buffer)


def half_day(course: Sequence[Part], perf: Perf, factor: float = FACTOR) -> Agenda:
    """Four hours, one break: the core, then as much as fits; the rest becomes homework."""
    return workshop(course, perf, 240, [("Break", 15, DAY_START + 120)], 5, 5, factor, HOMEWORK_ORDER)


def full_day(course: Sequence[Part], perf: Perf, factor: float = FACTOR) -> Agenda:
    """9:00-17:00 with two breaks and lunch: every part of the course, in course order."""
    breaks = [("Break", 15, 10 * 60 + 30), ("Lunch", 60, 12 * 60 + 30), ("Break", 15, 15 * 60)]
    return workshop(course, perf, 8 * 60, breaks, 10, 10, factor)


# ---------------------------------------------------------------- Markdown


def _table(rows: Sequence[Row], budget: bool) -> list[str]:
    head = "| time | block | material | mode |" + (
        " minutes: machine x factor + reading = need → block |" if budget else ""
    )
    sep = "|---|---|---|---|" + ("---|" if budget else "")
    out = [head, sep]
    for r in rows:
        span = f"{clock(r.start)}-{clock(r.start + r.minutes)}"
        block = r.block if r.material or r.mode else f"*{r.block}*"
        out.append(f"| {span} | {block} | {r.material} | {r.mode} |" + (f" {r.budget} |" if budget else ""))
    return out


_BLOCK_START = re.compile(r"([-+*>#]|\d+[.)])(\s|$)")  # a line starting like this would open a list, quote, heading


def para(text: str) -> list[str]:
    """A Markdown paragraph wrapped at about 115 characters; no line starts like a list item, quote or heading."""
    out: list[str] = []
    for line in textwrap.wrap(text, width=115, break_long_words=False, break_on_hyphens=False):
        if out and _BLOCK_START.match(line):
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def _fmt_s(s: float) -> str:
    return f"{s:.0f} s" if s < 60 else f"{int(s // 60)} min {round(s % 60):02d} s"


def template(name: str) -> Any:
    """One of tools/templates/, with the filters the prose uses (`para` wraps a paragraph, `g` formats a factor)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown, not HTML
    )
    env.filters["para"] = lambda text: "\n".join(para(" ".join(text.split()))) + "\n"
    env.filters["g"] = lambda x: f"{x:g}"
    return env.get_template(name)


def render_agendas(course: Sequence[Part], perf: Perf, factor: float = FACTOR) -> str:
    """The whole of instructor/agendas.md (prose in tools/templates/agendas.md.j2, figures from here)."""
    ns = needs(course, perf, factor, setup=SETUP_MIN)
    t, h, f = talk(course, perf), half_day(course, perf, factor), full_day(course, perf, factor)
    rows = []
    for n in ns:
        run = perf.runs.get(n.part.id)
        rows.append(
            {
                "id": n.part.id,
                "measured": _fmt_s(n.machine_s) + ("*" if n.assumed_from else ""),
                "scaled": f"{n.machine_s / 60 * factor:.1f}",
                "reading": f"{n.part.reading}" + (f" + {n.setup} set-up" if n.setup else ""),
                "need": f"{n.need_min:.1f}",
                "block": n.block,
                "peak": f"{run.peak_bytes / 2**30:.2f} GB" if run and run.ok else "not measured",
            }
        )
    assumed = [
        {"id": n.part.id, "assumed_from": n.assumed_from, "kind": "lab" if n.part.is_lab else "notebook"}
        for n in ns
        if n.assumed_from
    ]
    stale = sorted(set(perf.runs) - {p.id for p in course})
    homework = [p for p in course if p in h.homework]
    return template("agendas.md.j2").render(
        perf=perf,
        factor=factor,
        grace_min=GRACE_MIN,
        setup_min=SETUP_MIN,
        min_buffer=MIN_BUFFER,
        first_part=course[0].id,
        newest_perf=NEWEST_PERF,
        parts=rows,
        assumed=assumed,
        stale=", ".join(f"`{s}`" for s in stale),
        talk=t,
        talk_table="\n".join(_table(t.rows, budget=False)),
        half_day_hours=clock(240),
        half_day_table="\n".join(_table(h.rows, budget=True)),
        homework=", ".join(f"[{p.title}](../{p.path})" for p in homework),
        day_span=f"{clock(DAY_START)}-{clock(DAY_START + 8 * 60)}",
        full_day_table="\n".join(_table(f.rows, budget=True)),
    )


# ---------------------------------------------------------------- time boxes per lab


@dataclass
class Section:
    """One `##` section of a learner's lab: its words, code cells and TODOs."""

    title: str
    words: int = 0
    code_cells: int = 0
    todos: list[str] = field(default_factory=list)
    first_lines: list[str] = field(default_factory=list)


def _first_line(source: str) -> str:
    """A code cell's first line the way tools/benchmark.py names the slowest cell."""
    first = next((ln.strip() for ln in source.splitlines() if ln.strip()), "")[:60]
    return first.replace("|", "/").replace("`", "")


def lab_sections(path: Path) -> list[Section]:
    """The sections of a learner's lab notebook (labs/<id>.ipynb), in order."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    sections = [Section("Introduction")]
    for cell in nb["cells"]:
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            for line in src.splitlines():
                if line.startswith("## "):
                    sections.append(Section(line[3:].strip()))
            if src.lstrip().startswith("**Next:**"):
                continue
            sections[-1].words += len(re.findall(r"\w+", src))
        elif cell["cell_type"] == "code":
            sec = sections[-1]
            sec.code_cells += 1
            sec.words += len(re.findall(r"\w+", src))
            sec.first_lines.append(_first_line(src))
            sec.todos += [m[1].strip() for m in re.finditer(r"#\s*TODO:\s*(.*)", src)]
    return [s for s in sections if s.words or s.code_cells]


def _todo_text(todo: str) -> str:
    """The TODO without its way-on note, shortened."""
    core = todo.split("(stuck?")[0].strip().rstrip(";,")
    return core if len(core) <= 90 else core[:87].rstrip() + "..."


def time_boxes(need: Need, run: Measured | None, sections: Sequence[Section]) -> list[tuple[Section, float, int]]:
    """(section, machine minutes x factor, time box in minutes) per section; the boxes add up to the lab's block.
    Writing: WRITE_MIN per TODO; reading: the rest of the reading minutes by words; machine time: the slowest cell's
    in its section, the rest by code cells."""
    machine = need.machine_s / 60 * need.factor
    slow_min = 0.0
    slow_at = None
    if run is not None and run.ok and not need.assumed_from and run.slowest_cell:
        text = run.slowest_cell.split(": ", 1)[-1].strip("`")
        slow_at = next((i for i, s in enumerate(sections) if text in s.first_lines), None)
        if slow_at is not None:
            slow_min = run.slowest_s / 60 * need.factor
    cells = sum(s.code_cells for s in sections) or 1
    todos = sum(len(s.todos) for s in sections)
    write = min(WRITE_MIN, need.part.reading / max(todos, 1) / 2)  # at most half the minutes go to writing
    reading = need.part.reading - write * todos
    words = sum(s.words for s in sections) or 1
    parts = []
    for i, s in enumerate(sections):
        m = (machine - slow_min) * s.code_cells / cells + (slow_min if i == slow_at else 0.0)
        parts.append((s, m, m + write * len(s.todos) + reading * s.words / words))
    boxes = split_minutes([p[2] for p in parts], need.block)
    return [(s, m, b) for (s, m, _), b in zip(parts, boxes, strict=True)]


def render_time_boxes(course: Sequence[Part], perf: Perf, root: Path = ROOT, factor: float = FACTOR) -> str:
    """The whole of instructor/time_boxes.md (prose in tools/templates/time_boxes.md.j2, figures from here)."""
    labs = []
    for need in needs(course, perf, factor):
        if not need.part.is_lab:
            continue
        run = perf.runs.get(need.part.id)
        sections = lab_sections(root / need.part.path)
        wait = ""
        if need.assumed_from:
            wait = f"Not measured yet: machine time assumed as `{need.assumed_from}`'s and spread over the code cells."
        elif run is not None and run.slowest_cell:
            text = run.slowest_cell.split(": ", 1)[-1].strip("`")
            if any(text in s.first_lines for s in sections):
                wait = f"The longest wait: `{text}` ({_fmt_s(run.slowest_s)} measured). Start it, then talk."
            else:
                wait = "The measured slowest cell is no longer in the lab; its time is spread over the code cells."
        rows, done = [], 0
        for s, m, b in time_boxes(need, run, sections):
            done += b
            todo = "<br>".join(_todo_text(t) + (" (way on: `use_reference`)" if "stuck?" in t else "") for t in s.todos)
            rows.append(
                {
                    "title": s.title.replace("|", "\\|"),
                    "todo": todo.replace("|", "\\|") or "(read, run, look)",
                    "machine": f"{m:.1f}",
                    "box": b,
                    "done": clock(done),
                }
            )
        labs.append(
            {
                "title": need.part.title,
                "path": need.part.path,
                "block": need.block,
                "budget": need.budget(),
                "wait": wait,
                "rows": rows,
            }
        )
    return template("time_boxes.md.j2").render(factor=factor, write_min=WRITE_MIN, labs=labs)


# ---------------------------------------------------------------- command line


def outputs(root: Path = ROOT, perf_path: Path | None = None, factor: float = FACTOR) -> dict[str, str]:
    """File name -> the text this tool writes."""
    course = parts(root)
    perf = load_perf(root, perf_path)
    return {
        "agendas.md": render_agendas(course, perf, factor),
        "time_boxes.md": render_time_boxes(course, perf, root, factor),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or --check) instructor/agendas.md and instructor/time_boxes.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the files differ from what would be written")
    parser.add_argument("--perf", type=Path, help=f"the benchmark JSON; default {AGENDA_PERF}")
    parser.add_argument("--factor", type=float, default=FACTOR, help=f"machine-time factor (default {FACTOR})")
    parser.add_argument("--out", type=Path, default=ROOT / "instructor", help="folder to write to")
    args = parser.parse_args(argv)
    if args.factor <= 0:
        parser.error("--factor must be positive")
    try:
        texts = outputs(ROOT, args.perf, args.factor)
    except (ValueError, FileNotFoundError) as err:
        print(f"make_agendas: {err}", file=sys.stderr)
        return 2
    if args.check:
        stale = [n for n, t in texts.items() if not (args.out / n).exists() or (args.out / n).read_text("utf-8") != t]
        for name in stale:
            print(f"{args.out / name} is not what tools/make_agendas.py writes: run `python tools/make_agendas.py`.")
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (args.out / name).write_text(text, encoding="utf-8")
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
