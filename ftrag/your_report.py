"""The report of a study on your own data (`ftrag.yours.Study`): Markdown, a plot, and one self-contained HTML page."""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any

from ftrag.stats import Rate

TITLE = "Your data: what the course's measurements say"


def _rates(rates: dict[str, Rate]) -> list[str]:
    """A Markdown table of rates with their counts and 95% intervals."""
    return ["| measure | share | count | 95% interval |", "|---|---:|---:|---|"] + [
        f"| {name} | {r.value:.2f} | {r.hits}/{r.n} | {r.interval[0]:.2f}-{r.interval[1]:.2f} |"
        for name, r in rates.items()
    ]


def report(result: Any, image: str | None = None) -> str:
    """The study as Markdown: recommendation, retrieval, knowledge, written answers, the index, notes on the input."""
    lines = [f"# {TITLE}", "", f"{result.documents} documents, {result.questions} questions.", ""]
    if result.advice:
        lines += ["## Recommendation", "", *[f"- {line}" for line in result.advice], ""]
    if image:
        lines += [f"![retrieval and knowledge, with 95% intervals]({image})", ""]
    lines += ["## Retrieval (questions with a source)", ""]
    if result.retrieval:
        lines += _rates(result.retrieval) + ["", f"MRR (mean reciprocal rank of the source): {result.mrr:.2f}"]
    else:
        lines.append("Not measured: no question names its source file.")
    lines += ["", "## Knowledge by option scoring (share of right picks)", ""]
    if result.knowledge:
        lines += _rates(result.knowledge)
        lines += ["", "The generator scores each option by its likelihood; chance is one over the number of options."]
    else:
        lines.append("Not measured: no model was given, or no question has distractors.")
    if result.answers:
        lines += ["", "## Written answers (a sample, 3 retrieved sources)", ""]
        for a in result.answers:
            cited = ", ".join(a["cited"]) or "none"
            lines += [f"- **{a['question']}** expected: {a['expected']} (in {a['source'] or 'no source given'})"]
            lines += [f"  - reply: {' '.join(a['reply'].split())}"]
            lines += [f"  - sources shown: {', '.join(a['shown'])}; cited: {cited}"]
    lines += ["", "## Behaviour: LoRA against prompting with examples (held-out examples)", ""]
    lines += _behaviour(result.behaviour)
    lines += [
        "",
        "## The index",
        "",
        f"- {result.chunks} chunks, {result.index_mb:.1f} MB of vectors; built in {result.index_seconds:.1f} s "
        f"({result.embedded} documents embedded in this run, {result.documents - result.embedded} reused)",
        f"- {result.query_ms:.1f} ms per query",
    ]
    if result.skipped or result.notes:
        lines += ["", "## Notes on your input", ""]
        by_reason: dict[str, list[str]] = {}
        for path, why in result.skipped.items():
            by_reason.setdefault(why, []).append(path)
        lines += [f"- skipped {len(paths)} ({why}): {', '.join(paths)}" for why, paths in by_reason.items()]
        lines += [f"- {note}" for note in result.notes]
    return "\n".join(lines) + "\n"


def _behaviour(found: Any) -> list[str]:
    """The behaviour section's lines: both rows' rates and a few replies, or why it was skipped."""
    if found is None:
        return ["Skipped: no examples of a behaviour were given (--behaviour, a .jsonl of input/output pairs)."]
    lines = [f"LoRA trained on {found.trained_on} examples in {found.seconds:.0f} s; {found.held_out} held out.", ""]
    lines += _rates({f"{row}: {m}": r for row, rates in found.rows.items() for m, r in rates.items()})
    if "format" not in found.rows["LoRA"]:
        lines += ["", "Format not measured: your outputs are not JSON objects, so only exact matches are counted."]
    for s in found.samples:
        lines += ["", f"- input: {s['input']}", f"  - expected: {s['expected']}"]
        lines += [f"  - prompted: {' '.join(s['prompted'].split())}", f"  - LoRA: {' '.join(s['lora'].split())}"]
    return lines


def plot(result: Any) -> Any:
    """Retrieval and knowledge as bars with their 95% intervals, in one figure (None when nothing was measured)."""
    import matplotlib.pyplot as plt

    from ftrag.plots import bars

    panels = [
        (name, rates) for name, rates in (("retrieval", result.retrieval), ("knowledge", result.knowledge)) if rates
    ]
    if not panels:
        return None
    fig, axes = plt.subplots(1, len(panels), figsize=(5.5 * len(panels), 2.6), squeeze=False)
    for ax, (name, rates) in zip(axes[0], panels, strict=True):
        roles = ["rag" if name == "retrieval" or label.startswith("RAG") else "other" for label in rates]
        values = {label: r.value for label, r in rates.items()}
        errors = {label: r.interval for label, r in rates.items()}
        bars(values, roles, errors=errors, title=name, xlabel="share of questions (95% interval)", ax=ax)
    fig.tight_layout()
    return fig


def html(markdown: str, png: bytes | None = None, image: str = "report.png") -> str:
    """One self-contained HTML page from the Markdown report, the plot embedded as data."""
    from markdown_it import MarkdownIt

    if png is not None:
        markdown = markdown.replace(f"]({image})", f"](data:image/png;base64,{base64.b64encode(png).decode()})")
    body = MarkdownIt("commonmark").enable("table").render(markdown)
    style = "body{font-family:sans-serif;max-width:60rem;margin:2rem auto}td,th{padding:2px 8px}img{max-width:100%}"
    return f'<!doctype html><meta charset="utf-8"><title>{TITLE}</title><style>{style}</style>\n{body}'


def write_report(result: Any, out: str | Path) -> dict[str, Path]:
    """Write report.md, report.png (when there is something to plot) and report.html to `out`; return their paths."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"md": folder / "report.md"}
    fig, png = plot(result), None
    if fig is not None:
        import matplotlib.pyplot as plt

        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=110)
        plt.close(fig)
        png = buffer.getvalue()
        paths["png"] = folder / "report.png"
        paths["png"].write_bytes(png)
    text = report(result, "report.png" if png else None)
    paths["md"].write_text(text, encoding="utf-8")
    paths["html"] = folder / "report.html"
    paths["html"].write_text(html(text, png), encoding="utf-8")
    return paths
