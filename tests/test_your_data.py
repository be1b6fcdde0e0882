"""Reading the learner's own documents and questions: every bad input gets a clear message, nothing is lost silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ftrag import your_data as yd


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of documents with one of each kind of file the reader meets."""
    root = tmp_path / "docs"
    (root / "guides").mkdir(parents=True)
    (root / "returns.md").write_text("# Returns policy\n\nYou can return a product within 30 days.\n", encoding="utf-8")
    (root / "guides" / "setup.txt").write_text("Hold the button for 5 seconds to pair.", encoding="utf-8")
    (root / "legacy.txt").write_bytes("Caf\xe9 opens at 9:00 every day.".encode("latin-1"))  # not UTF-8
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    (root / "dump.txt").write_bytes(b"abc\0\0\0def")
    (root / "empty.md").write_text("  \n", encoding="utf-8")
    return root


def write_csv(path: Path, rows: list[dict]) -> Path:
    """A question file in CSV with the columns of the first row."""
    import csv

    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_documents_are_read_recursively_and_every_skipped_file_has_its_reason(folder: Path) -> None:
    docs, skipped = yd.read_documents(folder)
    by_id = {d.id: d for d in docs}
    assert set(by_id) == {"returns.md", "guides/setup.txt", "legacy.txt"}
    assert by_id["returns.md"].title == "Returns policy"
    assert by_id["legacy.txt"].text == "Café opens at 9:00 every day."  # Latin-1 read, not lost
    assert set(skipped) == {"logo.png", "dump.txt", "empty.md"}
    assert "binary" in skipped["dump.txt"] and skipped["empty.md"] == "empty"
    assert "not a document type" in skipped["logo.png"]


def test_an_empty_folder_or_a_missing_one_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(yd.YourDataError, match="not a folder"):
        yd.read_documents(tmp_path / "nowhere")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(yd.YourDataError, match=r"No readable .*photo\.jpg"):
        yd.read_documents(tmp_path)


def test_a_pdf_is_read_and_a_broken_one_skipped_with_its_reason(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure()
    fig.text(0.1, 0.5, "The warranty lasts 2 years.")
    with matplotlib.rc_context({"pdf.fonttype": 42}):  # text a PDF reader can extract
        fig.savefig(tmp_path / "warranty.pdf")
    plt.close(fig)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    docs, skipped = yd.read_documents(tmp_path)
    assert [(d.id, d.text) for d in docs] == [("warranty.pdf", "The warranty lasts 2 years.")]
    assert "unreadable PDF" in skipped["broken.pdf"]


def test_questions_from_csv_with_given_and_drawn_options(folder: Path, tmp_path: Path) -> None:
    docs, _ = yd.read_documents(folder)
    rows = [
        {
            "question": "How many days to return?",
            "answer": "30 days",
            "source": "returns.md",
            "options": "14 days|60 days",
        },
        {
            "question": "How long to hold the button?",
            "answer": "5 seconds",
            "source": "guides/setup.txt",
            "options": "",
        },
        {"question": "When does the café open?", "answer": "9:00", "source": "", "options": ""},
        {"question": "How long is the warranty?", "answer": "2 years", "source": "", "options": ""},
        {"question": "How long does the light blink?", "answer": "10 seconds", "source": "", "options": ""},
        {"question": "What colour is the case?", "answer": "grey", "source": "", "options": "grey|black"},
    ]
    questions, notes = yd.read_questions(write_csv(tmp_path / "q.csv", rows), docs)
    first, hold, cafe, warranty, blink, colour = questions
    assert first.options == ["30 days", "14 days", "60 days"] and not first.drawn
    assert hold.drawn and hold.options[0] == "5 seconds"
    assert hold.options == ["5 seconds", "10 seconds"] and blink.options == [
        "10 seconds",
        "5 seconds",
    ]  # shape N seconds
    assert warranty.options == ["2 years"] and not warranty.drawn  # no other "N years" answer (nor "N days")
    assert cafe.options == ["9:00"]  # no other answer of the shape N:N: not scored by options
    assert colour.options == ["grey", "black"]  # the answer given again as an option is removed
    assert any("'grey' removed (its own answer)" in n for n in notes)
    assert any("no distractor" in n for n in notes) and any("other answers of the same shape" in n for n in notes)
    assert any("only 6 questions" in n for n in notes)  # fewer than 20: wide intervals
    assert warranty.source is None


def test_jsonl_questions_with_list_options_and_duplicates_set_aside(tmp_path: Path) -> None:
    lines = [
        {"question": "Q one?", "answer": "A", "options": ["B", "C", "D"]},
        {"question": "q ONE", "answer": "A"},
        {"question": "", "answer": "x"},
    ] + [{"question": f"Question {i}?", "answer": f"{i} days"} for i in range(25)]
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    questions, notes = yd.read_questions(path)
    assert len(questions) == 26 and questions[0].options == ["A", "B", "C", "D"]
    assert "row 2: the same question as row 1, set aside" in notes
    assert "row 3: no question or no answer, set aside" in notes
    assert not any("only" in n for n in notes)  # 26 questions: no warning
    assert all(len(q.options) == yd.OPTIONS for q in questions[1:])
    assert yd.read_questions(path)[0][5].options == questions[5].options  # seeded: the same draw again


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("prompt,answer\nx,y\n", "q.csv", "no 'question' column"),
        ("question,reply\nx,y\n", "q.csv", "no 'answer' column"),
        ('{"question": "x", "answer": "y"}\nnot json\n', "q.jsonl", "line 2: not JSON"),
        ("question,answer\n", "q.csv", "holds no questions"),
        ("question: x", "q.yaml", "as .csv or .jsonl"),
    ],
)
def test_a_question_file_that_cannot_be_used_says_what_to_fix(
    tmp_path: Path, content: str, name: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(yd.YourDataError, match=message):
        yd.read_questions(path)


def test_a_source_that_is_not_in_the_folder_is_named(folder: Path, tmp_path: Path) -> None:
    docs, _ = yd.read_documents(folder)
    path = write_csv(tmp_path / "q.csv", [{"question": "Q?", "answer": "1 day", "source": "missing.md"}])
    with pytest.raises(yd.YourDataError, match=r"missing\.md.*returns\.md"):
        yd.read_questions(path, docs)


def test_shape_replaces_numbers_and_groups_answers_without_them() -> None:
    assert yd.shape("9.99 EUR") == "N.N EUR"
    assert yd.shape("10:00 to 16:00") == "N:N to N:N"
    assert yd.shape("ready to pair") == yd.shape("grey") == "text"


def test_a_question_file_that_is_not_utf8_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_bytes("question,answer\nWhere is the café?,Rue de la Paix\n".encode("latin-1"))
    questions, _ = yd.read_questions(path)
    assert questions[0].question == "Where is the café?"
