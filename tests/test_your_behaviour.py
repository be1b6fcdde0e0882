"""The optional behaviour part of a study on your own data: LoRA against prompting, on held-out pairs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ftrag import your_behaviour as yb
from ftrag import your_report, yours
from ftrag.stats import Rate
from ftrag.your_data import YourDataError

PAIRS = [(f"Ticket {i}: my order {i} is late.", json.dumps({"team": "delivery", "order": i})) for i in range(12)]


def write(path: Path, rows: list) -> Path:
    """A JSONL file, one row per line (strings are written as they are)."""
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows), encoding="utf-8")
    return path


def test_examples_are_read_and_bad_files_say_what_to_fix(tmp_path: Path) -> None:
    good = write(tmp_path / "b.jsonl", [{"input": x, "output": y} for x, y in PAIRS])
    assert yb.read_examples(good) == PAIRS
    with pytest.raises(YourDataError, match="does not exist"):
        yb.read_examples(tmp_path / "none.jsonl")
    with pytest.raises(YourDataError, match="line 2: not JSON"):
        yb.read_examples(write(tmp_path / "c.jsonl", [{"input": "a", "output": "b"}, "{oops"]))
    with pytest.raises(YourDataError, match="line 1: give 'input' and 'output'"):
        yb.read_examples(write(tmp_path / "d.jsonl", [{"prompt": "a", "completion": "b"}]))
    with pytest.raises(YourDataError, match="holds 3 examples: give at least 12"):
        yb.read_examples(write(tmp_path / "e.jsonl", [{"input": x, "output": y} for x, y in PAIRS[:3]]))


def test_format_is_judged_for_json_outputs_only_and_exact_matches_always() -> None:
    ref = '{"team": "delivery", "order": 3}'
    assert yb.in_format('{"order": 9, "team": "x"}', ref) is True
    assert yb.in_format('{"team": "x"}', ref) is False and yb.in_format("team: x", ref) is False
    assert yb.in_format("anything", "Dear customer, sorry.") is None
    assert yb.same_reply('{"order": 3, "team": "delivery"}', ref) and not yb.same_reply('{"order": 4}', ref)
    assert yb.same_reply("Dear customer, sorry!", "dear customer sorry")


def test_a_study_holds_out_a_quarter_and_scores_both_rows(tokenizer: Any, tiny_llama: Any) -> None:
    found = yb.behaviour_study(tiny_llama(), tokenizer, PAIRS, progress=False)
    assert (found.trained_on, found.held_out) == (8, 4) and found.seconds > 0
    assert list(found.rows) == ["prompt + 2 examples", "LoRA"]
    assert all(set(r) == {"format", "exact"} and r["exact"].n == 4 for r in found.rows.values())
    assert len(found.samples) == 3
    text = [(x, f"Sorry about order {i}.") for i, (x, _) in enumerate(PAIRS)]
    plain = yb.behaviour_study(tiny_llama(), tokenizer, text, progress=False)
    assert all(set(r) == {"exact"} for r in plain.rows.values())


def _found(prompted: tuple[int, int], lora: tuple[int, int]) -> yb.BehaviourStudy:
    """A behaviour study with the given (right, asked) format rows."""
    found = yb.BehaviourStudy(30, 10, 42.0)
    found.rows = {"prompt + 2 examples": {"format": Rate(*prompted)}, "LoRA": {"format": Rate(*lora)}}
    found.samples = [{"input": "in", "expected": "{}", "prompted": "no", "lora": "{}"}]
    return found


def test_the_report_and_the_advice_read_the_comparison() -> None:
    result = yours.Study(1, 3, {}, [], 0.1, 1.0)
    assert "Skipped: no examples of a behaviour were given" in your_report.report(result)
    result.behaviour = _found((1, 10), (10, 10))
    text = your_report.report(result)
    assert "| LoRA: format | 1.00 | 10/10 |" in text and "LoRA trained on 30 examples in 42 s" in text
    assert any("fine-tuning taught the behaviour better" in line for line in yours.advise(result))
    result.behaviour = _found((5, 10), (6, 10))
    assert any("not decided by 10 held-out examples" in line for line in yours.advise(result))


def test_the_command_checks_the_behaviour_file_before_any_model_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    import ftrag.models

    monkeypatch.setattr(ftrag.models, "load_generator", lambda: pytest.fail("loaded a model before checking input"))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n\ntext", encoding="utf-8")
    write(tmp_path / "q.jsonl", [{"question": "Q?", "answer": "A"}])
    bad = write(tmp_path / "b.jsonl", ["{oops"])
    args = [str(tmp_path / "docs"), str(tmp_path / "q.jsonl"), "--behaviour", str(bad)]
    assert yours.main(args) == 2 and "not JSON" in capsys.readouterr().err
