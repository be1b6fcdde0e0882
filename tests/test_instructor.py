"""The instructor kit keeps up with the course: every notebook has facilitator notes and a slot in the agendas."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KIT = ROOT / "instructor"
NOTEBOOKS = sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("solutions/*.ipynb")])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_has_facilitator_notes(path: Path) -> None:
    notes = KIT / "notes" / f"{path.stem}.md"
    assert notes.exists(), f"write {notes.relative_to(ROOT)} (key points, mistakes, discussion, answers)"
    text = notes.read_text(encoding="utf-8")
    for section in ("## Key points", "## Common learner mistakes"):
        assert section in text, f"{notes.name} lacks '{section}'"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_is_in_the_full_day_agenda(path: Path) -> None:
    agendas = (KIT / "agendas.md").read_text(encoding="utf-8")
    full_day = agendas.split("## Full-day workshop")[1].split("\n## ")[0]
    assert path.stem in full_day, f"{path.stem} has no slot in the full-day agenda"


def test_kit_links_resolve() -> None:
    for md in [*KIT.rglob("*.md"), *(ROOT / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", md.read_text(encoding="utf-8")):
            if target.startswith("../docs/performance.md") or target.endswith("performance.md"):
                continue  # written by tools/benchmark.py at the end
            assert (md.parent / target).exists(), f"{md.relative_to(ROOT)} links to missing {target}"
