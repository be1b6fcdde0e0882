"""Unit tests for the pure parts of tools/benchmark.py and its memory sampler (the full run is the lead's job)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import benchmark
import pytest

from ftrag.runtime import PeakMemory

ROOT = Path(__file__).resolve().parents[1]


GB = 1024**3


def _run(name: str, seconds: float = 10.0, peak: int = GB // 2, ok: bool = True, error: str = "") -> benchmark.Run:
    return benchmark.Run(name, seconds, peak, ok, error, "cell 3: `train()`", seconds / 2)


def test_formats() -> None:
    assert benchmark.fmt_bytes(3 * GB // 2) == "1.50 GB"
    assert benchmark.fmt_bytes(300 * 1024**2) == "300 MB"
    assert benchmark.fmt_seconds(8.26) == "8.3 s"
    assert benchmark.fmt_seconds(75.4) == "1 min 15 s"
    assert benchmark.fmt_seconds(1800) == "30 min"
    assert benchmark.fmt_value(0.123456) == "0.1235" and benchmark.fmt_value(True) == "True"
    with pytest.raises(ValueError):
        benchmark.fmt_bytes(-1)
    with pytest.raises(ValueError):
        benchmark.fmt_seconds(-0.5)


def test_course_order_interleaves_labs_and_appends_unknown_notebooks(tmp_path: Path) -> None:
    (tmp_path / "course.yml").write_text((benchmark.ROOT / "course.yml").read_text())
    names = ["notebooks/07_wrap_up", "solutions/lab1_rag", "notebooks/00_start_here", "notebooks/99_extra"]
    paths = [tmp_path / f"{n}.ipynb" for n in names]
    ordered = [p.relative_to(tmp_path).with_suffix("").as_posix() for p in benchmark.course_order(paths, tmp_path)]
    assert ordered == ["notebooks/00_start_here", "solutions/lab1_rag", "notebooks/07_wrap_up", "notebooks/99_extra"]


def test_select_by_stem_or_path_and_reject_unknown_names() -> None:
    paths = [Path("/r/notebooks/00_start_here.ipynb"), Path("/r/solutions/lab1_rag.ipynb")]
    assert benchmark.select(paths, []) == paths
    assert benchmark.select(paths, ["00_start_here"]) == paths[:1]
    assert benchmark.select(paths, ["solutions/lab1_rag.ipynb"]) == paths[1:]
    with pytest.raises(ValueError, match="start"):
        benchmark.select(paths, ["start"])  # a fragment is not a name


def test_misses_name_failures_memory_and_total_time() -> None:
    runs = [_run("a.ipynb", 100), _run("b.ipynb", 100, peak=3 * GB), _run("c.ipynb", 10, ok=False, error="boom")]
    found = benchmark.misses(runs, limit=2 * GB, target_s=150)
    assert any("`c.ipynb` failed: boom" in m for m in found)
    assert any("`b.ipynb` peaked at 3.00 GB" in m for m in found)
    assert any("over the" in m and "`a.ipynb`" in m for m in found)
    assert benchmark.misses(runs[:1], limit=2 * GB, target_s=150) == []


def test_render_shows_every_notebook_machine_figures_and_misses() -> None:
    report = benchmark.Report(
        [_run("solutions/00_start_here.ipynb", 5), _run("solutions/lab2_lora.ipynb", 90, peak=3 * GB)],
        {"CPU": "Test CPU", "cores": "2"},
        {"lab2_lora": {"train_seconds": 42.25}},
        "2026-01-01",
    )
    text = benchmark.render(report)
    assert "| CPU | Test CPU |" in text
    assert "| `solutions/00_start_here.ipynb` | 5.0 s | 512 MB | pass | yes |" in text
    assert "| `solutions/lab2_lora.ipynb` | 1 min 30 s | 3.00 GB | pass | **no** |" in text
    assert "| lab2_lora | `train_seconds` | 42.25 |" in text
    assert "**Total: 1 min 35 s** for 2 notebooks, within" in text
    assert "peaked at 3.00 GB" in text.split("## Targets missed")[1]


def test_render_without_misses_or_figures() -> None:
    text = benchmark.render(benchmark.Report([_run("x.ipynb")], {}, {}, "2026-01-01"))
    assert "No lab saved figures" in text and "None: every notebook passed" in text


def test_peak_memory_sees_a_child_process_allocate_memory() -> None:
    code = "import time; b = bytearray(200 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096]); time.sleep(1.5)"
    parent = subprocess.Popen(
        [sys.executable, "-c", f"import subprocess, sys; subprocess.run([sys.executable, '-c', {code!r}])"]
    )
    try:
        with PeakMemory(interval=0.05, pid_of=lambda: parent.pid) as sampler:
            time.sleep(0.5)
            parent.wait(timeout=60)
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
    assert sampler.peak_bytes > 180 * 1024**2, benchmark.fmt_bytes(sampler.peak_bytes)


def test_cli_rejects_an_unknown_notebook(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        benchmark.main(["--only", "no_such_notebook", "--out", "/dev/null"])
    assert "No notebook matches no_such_notebook" in capsys.readouterr().err


def test_merge_replaces_rerun_notebooks_keeps_the_rest_in_course_order_and_drops_gone_ones() -> None:
    old = {
        "runs": [
            asdict(_run("solutions/lab4_knowledge.ipynb", ok=False)),
            asdict(_run("solutions/00_start_here.ipynb")),
            asdict(_run("notebooks/01_base_model.ipynb")),  # now run as solutions/01_base_model.ipynb: dropped
        ],
        "figures": {"lab1_rag": {"a": 1}, "lab4_knowledge": {"b": 1}},
    }
    runs, figures = benchmark.merge(old, [_run("solutions/lab4_knowledge.ipynb")], {"lab4_knowledge": {"b": 2}})
    assert [(r.notebook, r.ok) for r in runs] == [
        ("solutions/00_start_here.ipynb", True),
        ("solutions/lab4_knowledge.ipynb", True),
    ]
    assert figures == {"lab1_rag": {"a": 1}, "lab4_knowledge": {"b": 2}}


def test_runs_from_a_test_run_keep_the_last_line_per_notebook_in_course_order(tmp_path: Path) -> None:
    lines = [_run("solutions/lab4_knowledge.ipynb", ok=False), _run("solutions/00_start_here.ipynb")]
    lines.append(_run("solutions/lab4_knowledge.ipynb", seconds=3.0))
    path = tmp_path / "timings.jsonl"
    path.write_text("".join(json.dumps(asdict(r)) + "\n" for r in lines), encoding="utf-8")
    runs = benchmark.runs_from_test(path)
    assert [(r.notebook, r.ok, r.seconds) for r in runs] == [
        ("solutions/00_start_here.ipynb", True, 10.0),
        ("solutions/lab4_knowledge.ipynb", True, 3.0),
    ]


def test_two_precisions_side_by_side_with_speed_up_and_higher_peaks() -> None:
    fast = [_run("a.ipynb", 50, peak=GB // 2), _run("b.ipynb", 100, peak=GB)]
    slow = [_run("a.ipynb", 100, peak=GB // 4), _run("b.ipynb", 200, peak=GB)]
    for r in fast:
        r.precision = "bf16"
    for r in slow:
        r.precision = "fp32"
    report = benchmark.Report(fast, {"CPU": "test"}, {"lab": {"x": 0.5}}, "2026-12-06", "", slow, {"lab": {"x": 0.25}})
    text = benchmark.render(report)
    assert "## fp32 and bf16 on this machine" in text
    assert "| `a.ipynb` | 50.0 s | 1 min 40 s | 2.00x | 512 MB | 256 MB | yes |" in text
    assert "**2.00x**" in text  # 300 s against 150 s
    assert "whose bf16 peak is above their fp32 peak: `a.ipynb`." in text  # b's peaks are equal: not listed
    assert "| lab | `x` | 0.5 | 0.25 |" in text
    slow[1].precision = "bf16"
    assert "mixed" in benchmark.render(report).split("on this machine")[0].splitlines()[-1]


def _timed(source: str, seconds: int) -> Any:
    """A code cell with nbclient's timing metadata saying it ran `seconds` (under an hour)."""
    import nbformat

    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["execution"] = {
        "iopub.execute_input": "2026-12-06T08:00:00.000000Z",
        "shell.execute_reply": f"2026-12-06T08:{seconds // 60:02d}:{seconds % 60:02d}.000000Z",
    }
    return cell


def test_long_cells_must_say_how_long_they_take() -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        _timed("train()", 90),  # long and silent
        _timed("# Takes about 2 min on a 2-core CPU.\ntrain()", 120),  # long, announced
        _timed("quick()", 5),
    ]
    assert benchmark.cell_seconds(nb) == [(1, 90.0), (2, 120.0), (3, 5.0)]
    assert benchmark.unannounced_long_cells(nb) == ["cell 1 (90 s): train()"]
    assert benchmark.unannounced_long_cells(nb, limit=100) == []
    assert benchmark._slowest_cell(nb) == ("cell 2: `train()`", 120.0)  # the code, not its note


def test_comparison_gives_the_16_bit_speed_up_over_fp32_whichever_run_is_first() -> None:
    fp32 = [benchmark.Run("solutions/lab1_rag.ipynb", 202.0, 1_700_000_000, True, precision="fp32")]
    bf16 = [benchmark.Run("solutions/lab1_rag.ipynb", 101.0, 1_800_000_000, True, precision="bf16")]
    for runs, other in ((fp32, bf16), (bf16, fp32)):
        text = "\n".join(benchmark.render_comparison(runs, other))
        assert "| bf16 time | fp32 time | bf16 speed-up |" in text
        assert "| `solutions/lab1_rag.ipynb` | 1 min 41 s | 3 min 22 s | 2.00x |" in text
        assert "**2.00x**" in text and "whose bf16 peak is above their fp32 peak: `solutions/lab1_rag.ipynb`" in text
        assert "run the same way, once in each precision" in text
    noted = "\n".join(benchmark.render_comparison(fp32, bf16, "The bf16 run is from another day."))
    assert "The bf16 run is from another day." in noted and "run the same way" not in noted  # never claims sameness


def test_sections_sum_their_cells_and_the_ledger_lists_the_long_ones_longest_first() -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        _timed("import x", 4),
        nbformat.v4.new_markdown_cell("# Lab\n\n## 1. Train\n\nText."),
        _timed("train()", 90),
        nbformat.v4.new_markdown_cell("Still section 1: no heading here."),
        _timed("score()", 30),
        nbformat.v4.new_markdown_cell("## 2. Write | answer"),
        _timed("write()", 20),
        nbformat.v4.new_code_cell("never_ran()"),
    ]
    assert benchmark.section_seconds(nb) == [("setup", 4.0), ("1. Train", 120.0), ("2. Write | answer", 20.0)]
    run = benchmark.Run("solutions/lab9.ipynb", 150.0, GB, True, precision="fp32")
    run.sections = benchmark.section_seconds(nb)
    other = benchmark.Run("solutions/lab9.ipynb", 75.0, GB, True, precision="bf16", sections=[("1. Train", 60.0)])
    text = "\n".join(benchmark.render_ledger([run], [other]))
    assert "| notebook | section | fp32 | bf16 | share of the course | running share |" in text
    assert "| `lab9` | 1. Train | 2 min | 1 min | 80% | 80% |" in text
    assert "Write" not in text  # 20 s: under the 30 s line, summed below
    assert "1 sections of 30 s or more take 2 min of the 2 min 30 s; the other 2 sections 24.0 s" in text
    assert benchmark.render_ledger([benchmark.Run("a.ipynb", 1.0, 1, True)]) == []  # nothing recorded: no section
