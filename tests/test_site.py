"""The course site (`make site`, docs/site.md): how tools/make_site.py stages the pages, and the built site in a real
browser (tools/check_site.py: headless Chromium, every request off 127.0.0.1 blocked).

The browser check runs when build/site exists; otherwise it is skipped with the reason, except under CI (`CI` set),
where a missing site, Playwright or Chromium fails it. .ci/run runs `make test` with FTRAG_SITE_CHECK=later (the site
is built from that run's executed notebooks), then `make site`, then this file. FTRAG_SITE_SCREENSHOTS=1 also writes
docs/screenshots/site_*.png.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import check_site
import make_site
import nbformat
import pytest

from ftrag.course import parts

ROOT = Path(__file__).resolve().parents[1]


SITE = Path(os.environ.get("FTRAG_SITE_DIR", ROOT / "build" / "site"))
SHOTS = ROOT / "docs" / "screenshots"
md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell


def _in_ci() -> bool:
    """True when the CI environment variable is set to something other than empty/0/false."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _skip_or_fail(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"{reason} (required under CI)", pytrace=False)
    pytest.skip(reason)


# ----------------------------------------------------------------------------------------- staging, no browser


def test_notebook_pages_follow_course_yml() -> None:
    pages = make_site.notebook_pages()
    assert [p.part.id for p in pages if p.role != "lab"] == [p.id for p in parts()]
    for i, page in enumerate(pages):
        if page.role == "solution":  # the worked lab, then the learner's copy
            assert pages[i + 1].role == "lab" and pages[i + 1].path == page.part.path
            assert page.path == f"solutions/{page.part.id}.ipynb"
    assert all((ROOT / p.path).exists() for p in pages)


def test_links_become_links_between_pages(tmp_path: Path) -> None:
    pages = {"instructor/README.md", "instructor/agendas.md", "notebooks/05_cost.ipynb", "instructor/notes/index.md"}
    links = make_site.Links(pages, tmp_path)
    text = (
        "[agendas](agendas.md) [notes](notes/) [cost](../notebooks/05_cost.ipynb#break-even) "
        "[`tools/make_data.py`](../tools/make_data.py) [the map](../course.yml) [web](https://example.org/x.md) "
        "[here](#top) ![shot](../docs/screenshots/decision_widget.png)\n"
        "```\n[kept](../tools/make_data.py)\n```\n"
    )
    dead: list[str] = []
    out = links.markdown(text, "instructor/README.md", dead)
    assert "[agendas](agendas.md)" in out
    assert "[notes](notes/index.md)" in out
    assert "[cost](../notebooks/05_cost.ipynb#break-even)" in out
    assert "`tools/make_data.py`" in out and "](../tools/make_data.py)" not in out.split("```")[0]
    assert "the map (`course.yml` in the course kit)" in out
    assert "[web](https://example.org/x.md)" in out and "[here](#top)" in out
    assert "![shot](../docs/screenshots/decision_widget.png)" in out  # an image: copied along
    assert (tmp_path / "docs" / "screenshots" / "decision_widget.png").exists()
    assert "```\n[kept](../tools/make_data.py)\n```" in out  # fenced code is left alone
    assert sorted(dead) == ["course.yml", "tools/make_data.py"]


def test_links_in_outputs_lead_to_built_pages(tmp_path: Path) -> None:
    links = make_site.Links({"notebooks/01_base_model.ipynb", "labs/lab1_rag.ipynb"}, tmp_path)
    data = {
        "text/markdown": "| [Base model](../notebooks/01_base_model.ipynb) | [Lab](../labs/lab1_rag.ipynb) |",
        "text/html": '<a href="../labs/lab1_rag.ipynb#todo">Lab 1</a> <a href="https://example.org">x</a>',
    }
    links.output(data, "notebooks/00_start_here.ipynb")
    assert "(01_base_model.html)" in data["text/markdown"] and "(../labs/lab1_rag.html)" in data["text/markdown"]
    assert (
        'href="../labs/lab1_rag.html#todo"' in data["text/html"] and 'href="https://example.org"' in data["text/html"]
    )


def _executed(tmp_path: Path, relative: str, change: str | None = None, error: bool = False) -> None:
    nb = nbformat.read(ROOT / relative, as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code"]
    if change:
        cells[-1].source += change
    if error:
        cells[0].outputs = [nbformat.v4.new_output("error", ename="ValueError", evalue="boom", traceback=[])]
    target = tmp_path / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)


def test_survey_names_missing_stale_and_failed_copies(tmp_path: Path) -> None:
    pages = make_site.notebook_pages()
    _executed(tmp_path, "solutions/00_start_here.ipynb")
    _executed(tmp_path, "solutions/04_decision_framework.ipynb", change="\n# edited since")
    _executed(tmp_path, "solutions/08_final_quiz.ipynb", error=True)
    state = make_site.survey(pages, tmp_path)
    assert state.stale == ["solutions/04_decision_framework.ipynb"]
    assert (
        list(state.failed) == ["solutions/08_final_quiz.ipynb"]
        and "ValueError: boom" in state.failed["solutions/08_final_quiz.ipynb"][0]
    )
    present = {
        "solutions/00_start_here.ipynb",
        "solutions/04_decision_framework.ipynb",
        "solutions/08_final_quiz.ipynb",
    }
    assert state.missing == [p.path for p in pages if p.needs_outputs and p.path not in present]
    assert not any(p.startswith("labs/") for p in state.missing)  # a learner's copy may be shown unexecuted


def test_only_the_missing_notebooks_are_run(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[list[str]] = []

    class Done:
        returncode = 0

    monkeypatch.setattr(make_site.subprocess, "run", lambda cmd, **kw: ran.append(cmd) or Done())
    make_site.run_notebooks(["notebooks/03_what_is_finetuning.ipynb", "solutions/lab1_rag.ipynb"])
    (cmd,) = ran
    assert cmd[cmd.index("-k") + 1] == "top_to_bottom and (03_what_is_finetuning or lab1_rag)"
    assert "tests/test_notebooks.py" in cmd


def test_widget_views_without_saved_state_fall_back_to_text() -> None:
    nb = nbformat.v4.new_notebook()
    view = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    nb.cells = [code("bar")]
    nb.cells[0].outputs = [
        nbformat.v4.new_output("display_data", data={make_site.WIDGET_VIEW: view, "text/plain": "0%|  | 0/3"})
    ]
    assert make_site.drop_stateless_views(nb) == 1
    assert nb.cells[0].outputs[0]["data"] == {"text/plain": "0%|  | 0/3"}
    nb.metadata["widgets"] = {make_site.WIDGET_STATE: {"state": {"abc": {}}}}
    nb.cells[0].outputs[0]["data"][make_site.WIDGET_VIEW] = view
    assert make_site.drop_stateless_views(nb) == 0


def test_ledger_page_copies_the_table_without_running_anything() -> None:
    table = "<table class='dataframe'><thead><tr><th></th><th>claim</th><th>verdict</th></tr></thead></table>"
    nb = nbformat.v4.new_notebook()
    nb.cells = [md("# 07"), code("table(ledger())")]
    nb.cells[1].outputs = [nbformat.v4.new_output("execute_result", data={"text/html": table}, execution_count=1)]
    path, text = make_site.ledger_page(nb)
    page = nbformat.reads(text, as_version=4)
    assert path == "ledger.ipynb" and page.cells[0].source.startswith("# The claims ledger")
    assert page.cells[1].outputs[0]["data"]["text/html"] == table
    assert "remove-input" in page.cells[1].metadata["tags"]
    path, text = make_site.ledger_page(None)  # no executed wrap-up: a page that points to it
    assert path == "ledger.md" and "notebooks/07_wrap_up.ipynb" in text


def test_stage_writes_every_page_in_course_order(tmp_path: Path) -> None:
    executed = tmp_path / "executed"
    _executed(executed, "solutions/04_decision_framework.ipynb")
    decks = {"04_decision_framework": "slides/04_decision_framework.slides.html"}
    staged = make_site.stage(tmp_path / "src", executed, ROOT, decks)
    src = tmp_path / "src"
    assert (src / "conf.py").exists() and (src / "_static" / "widgets-assets-path.js").exists()
    for page in staged.notebooks:
        assert (src / page.path).exists(), page.path
    for page in staged.markdown:
        assert (src / page).exists(), page
    index = (src / "index.md").read_text(encoding="utf-8")
    course = index.split(":caption: Course")[1].split("```")[0]
    toc = [line.split("<")[1].rstrip(">") for line in course.splitlines() if "<" in line]
    assert toc == [p.path.removesuffix(".ipynb") for p in make_site.notebook_pages()]
    assert 'href="slides/04_decision_framework.slides.html"' in index and 'href="slides/index.html"' in index
    assert "solutions/04_decision_framework.ipynb" not in staged.previews
    assert "solutions/05_cost.ipynb" in staged.previews  # no executed copy here: shown as its source, and said so
    shown = nbformat.read(src / "solutions" / "04_decision_framework.ipynb", as_version=4)
    banner = next(c for c in shown.cells if "site-banner" in c.metadata.get("tags", []))
    assert "../slides/04_decision_framework.slides.html" in banner.source
    setup = [c for c in shown.cells if c.cell_type == "code" and c.source.startswith(make_site.SETUP_MARKER)]
    assert all("remove-cell" in c.metadata["tags"] for c in setup)


def test_deck_links_lead_to_decks_or_site_pages() -> None:
    rewrite = make_site.deck_links({"05_cost": "slides/05_cost.slides.html"})
    assert rewrite("../notebooks/05_cost.ipynb") == "05_cost.slides.html"
    assert rewrite("../labs/lab1_rag.ipynb") == "../labs/lab1_rag.html"
    assert rewrite("../docs/performance.md#x") == "../docs/performance.html#x"
    assert rewrite("https://example.org/a.ipynb") == "https://example.org/a.ipynb"


def test_remote_references_are_found(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<script src="https://cdn.example.org/x.js"></script><img src="_images/p.png">')
    (tmp_path / "b.html").write_text('<link rel="stylesheet" href="_static/x.css"><a href="https://example.org">a</a>')
    assert [r.split(":")[0] for r in make_site.remote_references(tmp_path)] == ["a.html"]


# --------------------------------------------------------------------------------------------- the built site


def test_built_site_in_a_browser() -> None:
    """Every page of build/site, offline: no console errors, images load, internal links resolve, the decision widget
    renders from its saved state, the decks initialise reveal.js and one speaker view shows its notes."""
    if os.environ.get("FTRAG_SITE_CHECK", "").lower() == "later":
        pytest.skip("FTRAG_SITE_CHECK=later: .ci/run checks the site after `make site`")
    if not (SITE / "index.html").exists():
        _skip_or_fail(f"no built site in {SITE}: run `make site` (after the notebooks ran: `make test`)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _skip_or_fail("playwright is not installed (pip install -e '.[dev]')")
    if not (Path(check_site.CHROMIUM).exists() or shutil.which(check_site.CHROMIUM)):
        _skip_or_fail(f"no Chromium at {check_site.CHROMIUM} (Debian: apt-get install chromium; or set FTRAG_CHROMIUM)")
    shots = SHOTS if os.environ.get("FTRAG_SITE_SCREENSHOTS", "") == "1" else None
    report = check_site.check(SITE, screenshots=shots)
    assert not report.problems, "\n".join(report.problems[:60])
    expected = {p.path.replace(".ipynb", ".html") for p in make_site.notebook_pages()}
    assert expected <= set(report.pages), sorted(expected - set(report.pages))
    assert report.pages[check_site.DECISION_PAGE].get("decision_widget"), "no decision widget on the 04 page"
    decks = [p for p, seen in report.pages.items() if "slides" in seen]
    assert decks and all(report.pages[d]["slides"] >= 2 for d in decks)
    assert report.pages.get(f"{check_site.SPEAKER_DECK} (speaker view)", {}).get("notes"), "no speaker notes seen"
    assert report.links_checked > len(expected)
