"""Unit tests for ftrag.your_report: the report on a learner's own data, as Markdown, a plot and one HTML page."""

from __future__ import annotations

from pathlib import Path

from saved_figures import study

from ftrag import your_report, yours


def test_the_report_files_hold_the_figures_the_plot_and_grouped_skips(tmp_path: Path) -> None:
    result = study(closed_book=(8, 40), **{"RAG k=3": (30, 40)})
    paths = your_report.write_report(result, tmp_path)
    assert set(paths) == {"md", "png", "html"} and paths["png"].read_bytes()[:4] == b"\x89PNG"
    text = paths["md"].read_text(encoding="utf-8")
    assert "| RAG k=3 | 0.75 | 30/40 | 0.60-0.86 |" in text and "![" in text
    assert "skipped 2 (not a document type): a.png, b.png" in text
    page = paths["html"].read_text(encoding="utf-8")
    assert "<table>" in page and "data:image/png;base64," in page and "report.png" not in page


def test_nothing_measured_gives_no_plot_and_says_why(tmp_path: Path) -> None:
    result = yours.Study(1, 3, {}, [], 0.1, 1.0)
    paths = your_report.write_report(result, tmp_path)
    assert "png" not in paths and "no question names its source" in paths["md"].read_text(encoding="utf-8")
