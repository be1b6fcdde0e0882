"""course.yml is the one table of contents: every notebook is in it, and the Next links, the README's course map
and the start notebook follow it."""

from __future__ import annotations

from pathlib import Path

import nbformat
import nbhygiene
import pytest

from ftrag.course import course_map, learner_path, next_part, parts

ROOT = Path(__file__).resolve().parents[1]


PARTS = parts()


def test_every_notebook_is_in_the_course_and_every_part_exists() -> None:
    on_disk = {p.stem for folder in ("notebooks", "solutions") for p in (ROOT / folder).glob("*.ipynb")}
    assert on_disk == {p.id for p in PARTS}
    for part in PARTS:
        assert (ROOT / part.path).exists(), part.path
        assert part.solution is None or (ROOT / part.solution).exists(), part.solution


def test_labs_sit_where_they_are_needed() -> None:
    order = [p.id for p in PARTS]
    assert order.index("lab1_rag") == order.index("02_what_is_rag") + 1
    assert order.index("lab2_lora") == order.index("03_what_is_finetuning") + 1
    assert order.index("lab3_embeddings") > order.index("06_using_both")
    assert order.index("07_wrap_up") > max(order.index(p.id) for p in PARTS if p.is_lab)


@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.id)
def test_the_next_link_follows_the_course(part) -> None:
    for path in filter(None, (part.path, part.solution)):
        nb = nbformat.read(ROOT / path, as_version=4)
        assert nb.cells[-1].source == nbhygiene.next_cell(ROOT / path), f"{path}: run tools/nbhygiene.py"
        following = next_part(part.id)
        if following is not None:
            assert f"(../{following.path})" in nb.cells[-1].source


def test_readme_course_map_is_the_course() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- course map: written from course.yml; tests/test_course.py checks it -->\n")[1]
    assert block.split("\n<!-- end of course map -->")[0] == course_map(), "README's course map differs from course.yml"


def test_start_notebook_renders_the_map_from_course_yml() -> None:
    nb = nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4)
    assert any("course_map(" in c.source for c in nb.cells if c.cell_type == "code")


def test_the_test_run_executes_the_worked_version_where_there_is_one() -> None:
    runs = {p.id: p.runs for p in parts()}
    assert runs["lab1_rag"] == "solutions/lab1_rag.ipynb" and runs["00_start_here"] == "solutions/00_start_here.ipynb"
    assert all(runs[p.id] == p.solution for p in parts() if p.worked)
    assert (
        learner_path("lab1_rag") == "labs/lab1_rag.ipynb"
        and learner_path("02_what_is_rag") == "notebooks/02_what_is_rag.ipynb"
    )


def test_every_concept_notebook_with_a_worked_version_is_generated_from_it() -> None:
    for part in PARTS:
        if part.solution and not part.is_lab:
            assert part.path == f"notebooks/{part.id}.ipynb"
            assert "Learner version" in (ROOT / part.path).read_text(encoding="utf-8"), part.path
