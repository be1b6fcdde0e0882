"""The slide builder: derived slide roles, and real reveal.js decks built from the concept notebooks."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import make_slides
import nbformat
import nbhygiene
import pytest

ROOT = Path(__file__).resolve().parents[1]


md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell


class Sections(HTMLParser):
    """Collect the headings (h1-h3) of each top-level reveal.js <section>, and fragment count."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.slides, self.fragments, self._heading = 0, [], 0, False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self.depth += 1
            if self.depth == 1:
                self.slides.append([])
        elif tag in ("h1", "h2", "h3") and self.depth:
            self._heading = True
            self.slides[-1].append("")
        elif "fragment" in (dict(attrs).get("class") or "").split():
            self.fragments += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self.depth -= 1
        elif tag in ("h1", "h2", "h3"):
            self._heading = False

    def handle_data(self, data: str) -> None:
        if self._heading:
            self.slides[-1][-1] += data.replace("¶", "").strip()


def _parse(path: Path) -> Sections:
    parser = Sections()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _toy() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        md("# Toy deck\n\n**What you will learn**\n- slides"),
        code(nbhygiene.SETUP_CELL),
        md("## First idea\n\nSome words."),
        code("x = 1"),
        md("### A detail"),
        code("\n".join(f"y{i} = {i}" for i in range(30))),  # too long for the slide: a sub-slide
        md("## Second idea"),
        md("Speaker remark"),
    ]
    nb.cells[-1].metadata["slideshow"] = {"slide_type": "notes"}
    return nb


def test_derived_roles() -> None:
    assert make_slides.roles(_toy()) == ["slide", "skip", "slide", "fragment", "subslide", "subslide", "slide", "notes"]


def test_unknown_slide_type_is_an_error() -> None:
    nb = _toy()
    nb.cells[3].metadata["slideshow"] = {"slide_type": "sideways"}
    with pytest.raises(ValueError, match="sideways"):
        make_slides.roles(nb)


def test_tag_keeps_own_roles_and_survives_hygiene(tmp_path: Path) -> None:
    path = tmp_path / "toy.ipynb"
    path.write_text(nbhygiene.dumps(nbhygiene.clean(_toy())), encoding="utf-8")
    assert make_slides.tag_in_place([path]) == [path]
    nb = nbformat.read(path, as_version=4)
    assert [c.metadata["slideshow"]["slide_type"] for c in nb.cells][-1] == "notes"
    assert nbhygiene.main(["--check", str(path)]) == 0
    assert make_slides.tag_in_place([path]) == []  # idempotent


def test_toy_deck_builds_with_the_expected_sections(tmp_path: Path) -> None:
    src = tmp_path / "toy.ipynb"
    nbformat.write(_toy(), src)
    (html,) = make_slides.build([src], tmp_path / "out")
    text = html.read_text(encoding="utf-8")
    deck = _parse(html)
    assert [s[0] for s in deck.slides] == ["Toy deck", "First idea", "Second idea"]
    assert "A detail" in deck.slides[1] and deck.fragments >= 1
    assert "Course set-up" not in text  # the set-up cell is skipped
    assert (tmp_path / "out" / "index.html").read_text().count("<li>") == 1


CONCEPT = make_slides.concept_notebooks()


def _norm(text: str) -> str:
    """Heading text without Markdown syntax, case or punctuation, to compare source with HTML."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[^a-z0-9]", "", text.lower())


def test_concept_notebooks_build_into_decks_with_every_section(tmp_path: Path) -> None:
    written = make_slides.build(CONCEPT, tmp_path)
    assert [p.name for p in written] == [f"{p.stem}.slides.html" for p in CONCEPT]
    for path, html in zip(CONCEPT, written, strict=True):
        nb = nbformat.read(path, as_version=4)
        shown = [c for c, r in zip(nb.cells, make_slides.roles(nb), strict=True) if r not in ("skip", "notes")]
        wanted = [c.source.lstrip().splitlines()[0] for c in shown if c.cell_type == "markdown"]
        wanted = [_norm(w.lstrip("#")) for w in wanted if re.match(r"#{1,2} ", w)]
        deck = _parse(html)
        assert len(deck.slides) >= len(wanted) >= 2, (path.name, len(deck.slides), len(wanted))
        headings = [_norm(h) for slide in deck.slides for h in slide]
        missing = [w for w in wanted if w not in headings]
        assert not missing, (path.name, missing)
        assert "Course set-up" not in html.read_text(encoding="utf-8"), path.name


def test_outputs_count_towards_overflow() -> None:
    nb = _toy()
    plot = nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"})
    nb.cells[3].outputs = [plot]
    nb.cells.insert(4, code("z = 2"))
    assert make_slides.roles(nb)[3:5] == ["fragment", "fragment"]
    nb.cells[4].source = "\n".join(f"z{i} = {i}" for i in range(8))  # with the picture, too much for one slide
    assert make_slides.roles(nb)[3:5] == ["fragment", "subslide"]
    nb.cells[3].outputs = []
    assert make_slides.roles(nb)[3:5] == ["fragment", "fragment"]


def test_offline_deck_loads_nothing_from_another_host(tmp_path: Path) -> None:
    src = tmp_path / "toy.ipynb"
    nbformat.write(_toy(), src)
    (html,) = make_slides.build([src], tmp_path / "out", vendor="../_static/vendor")
    text = html.read_text(encoding="utf-8")
    loaded = re.findall(r"""<(?:script|link)\b[^>]*\b(?:src|href)=["']([^"']+)""", text)
    loaded += re.findall(r'"([^"]+\.js)"', text)  # the modules require.js loads (reveal.js and its notes plugin)
    assert loaded and not [u for u in loaded if "//" in u], loaded
    for asset in ("reveal.js/dist/reveal.js", "reveal.js/plugin/notes/notes.js", "require.js", "jquery.min.js"):
        assert f"../_static/vendor/{asset}" in text, asset
    assert "reveal.js/dist/theme/white.css" in text
    assert "mermaid" not in text.lower() and "cdnjs" not in text and "unpkg" not in text


def test_facilitator_notes_become_speaker_notes(tmp_path: Path) -> None:
    nb = _toy()
    nb.cells.insert(-1, md("## Check your understanding\n\nWhich question comes first?"))
    src = tmp_path / "toy.ipynb"
    nbformat.write(nb, src)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "toy.md").write_text(
        "# Facilitator notes: toy\n\n**Time:** 5 min.\n\n## Key points\n- say this first\n\n"
        '## Answers to "Check your understanding"\n1. **Does the knowledge change?**\n',
        encoding="utf-8",
    )
    (html,) = make_slides.build([src], tmp_path / "out", notes=notes)
    asides = re.findall(r'<aside class="notes">(.*?)</aside>', html.read_text(encoding="utf-8"), re.S)
    assert len(asides) == 3  # the toy's own notes cell, the general notes, the answers
    general = next(a for a in asides if "say this first" in a)
    answers = next(a for a in asides if "Does the knowledge change?" in a)
    assert "Facilitator notes: toy" not in general and "Does the knowledge change?" not in general
    deck = _parse(html)  # the notes add no slide, and their headings became bold lines
    assert [s[0] for s in deck.slides] == ["Toy deck", "First idea", "Second idea", "Check your understanding"]
    assert "Key points" not in [h for s in deck.slides for h in s]
    text = html.read_text(encoding="utf-8")
    assert text.index("Check your understanding") < text.index(answers)


def test_links_between_converted_notebooks_lead_to_their_decks(tmp_path: Path) -> None:
    first, second = _toy(), _toy()
    first.cells.append(
        md("**Next:** [the second](../notebooks/second.ipynb), then [elsewhere](../labs/lab1_rag.ipynb)")
    )
    nbformat.write(first, tmp_path / "first.ipynb")
    nbformat.write(second, tmp_path / "second.ipynb")
    written = make_slides.build([tmp_path / "first.ipynb", tmp_path / "second.ipynb"], tmp_path / "out")
    text = written[0].read_text(encoding="utf-8")
    assert 'href="second.slides.html"' in text and 'href="../labs/lab1_rag.ipynb"' in text
