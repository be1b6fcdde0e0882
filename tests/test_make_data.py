"""Unit tests for tools/make_data.py: data/source regenerates the committed data files byte for byte."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
MAKE_DATA = ROOT / "tools" / "make_data.py"


def run_make_data(*args: str) -> subprocess.CompletedProcess[str]:
    """Run tools/make_data.py with the test's interpreter."""
    return subprocess.run([sys.executable, str(MAKE_DATA), *args], capture_output=True, text=True, timeout=120)


def test_regenerates_the_committed_data_byte_for_byte(tmp_path: Path) -> None:
    res = run_make_data("--out", str(tmp_path))
    assert res.returncode == 0, res.stderr
    generated = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    committed = {
        p.relative_to(DATA).as_posix() for p in DATA.rglob("*.jsonl") if p.relative_to(DATA).parts[0] != "source"
    }
    assert generated == committed
    for name in sorted(generated):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), (
            f"data/{name} differs from what data/source generates: run python tools/make_data.py"
        )


def _drop_title(src: Path) -> None:
    path = src / "kb" / "man-mini.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Halvard Cam Mini user manual\n", ""), "utf-8")


def _unquote_price(src: Path) -> None:
    path = src / "tickets.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("['3.99', '39']", "[3.99, '39']"), "utf-8")


def _wrong_answer(src: Path) -> None:
    path = src / "kb" / "man-pro.md"
    path.write_text(path.read_text(encoding="utf-8").replace("answer: 355 degrees", "answer: 360 degrees"), "utf-8")


def _unlisted_doc(src: Path) -> None:
    shutil.copy(src / "kb" / "man-mini.md", src / "kb" / "man-extra.md")


def _reader_on_eval_sentence(src: Path) -> None:
    path = src / "kb" / "man-mini.md"
    path.write_text(path.read_text(encoding="utf-8").replace("answer: FAT32 or exFAT", "answer: 8 metres"), "utf-8")


def _paraphrase_drops_answer(src: Path) -> None:
    path = src / "kb" / "man-mini.md"
    text = path.read_text(encoding="utf-8").replace("selling the camera for 59 EUR", "selling the camera cheaply")
    path.write_text(text, "utf-8")


def _no_distractors(src: Path) -> None:
    path = src / "kb" / "pol-support.md"
    path.write_text(path.read_text(encoding="utf-8").replace("    distractors: [HH, HA, HL]\n", ""), "utf-8")


@pytest.mark.parametrize(
    ("break_it", "file", "words"),
    [
        (_drop_title, "man-mini.md", "missing field 'title'"),
        (_unquote_price, "tickets.yaml", "quote values"),
        (_unlisted_doc, "man-extra.md", "not listed"),
        (_wrong_answer, "man-pro.md", "'360 degrees'"),
        (_reader_on_eval_sentence, "man-mini.md", "sentence with an evaluation answer"),
        (_paraphrase_drops_answer, "man-mini.md", "drops the answer"),
        (_no_distractors, "pol-support.md", "write 3 'distractors'"),
    ],
)
def test_a_malformed_source_fails_naming_the_file(tmp_path: Path, break_it, file: str, words: str) -> None:
    src = tmp_path / "source"
    shutil.copytree(DATA / "source", src)
    break_it(src)
    res = run_make_data("--source", str(src), "--out", str(tmp_path / "out"))
    assert res.returncode != 0
    assert file in res.stderr and words in res.stderr, res.stderr
    assert "Traceback" not in res.stderr, res.stderr
    assert not (tmp_path / "out").exists()
