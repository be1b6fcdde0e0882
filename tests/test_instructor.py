"""The instructor kit keeps up with the course: facilitator notes for every notebook, agendas and time boxes that are
what tools/make_agendas.py computes from course.yml and the measured run times, links that resolve, and deployment
configs (deploy/) that still match the chart's schema, binder/ and the measured memory peaks."""

from __future__ import annotations

import copy
import importlib.util
import json
import re
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from types import ModuleType
from typing import Any

import benchmark
import make_agendas as ma
import pytest
import yaml

from ftrag.course import Part, parts

ROOT = Path(__file__).resolve().parents[1]
KIT = ROOT / "instructor"
DEPLOY = ROOT / "deploy"
CHART = DEPLOY / "z2jh-chart-4.4.0"
NOTEBOOKS = sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("solutions/*.ipynb")])


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _section(text: str, heading: str) -> str:
    return text.split(f"## {heading}")[1].split("\n## ")[0]


def _materials(section: str) -> list[str]:
    """The part ids in an agenda table's material column, in order."""
    return re.findall(r"^\| [^|]+ \| [^|]+ \| `(?:notebooks|labs)/([\w-]+)` \|", section, re.M)


# ---------------------------------------------------------------- facilitator notes and links


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_has_facilitator_notes(path: Path) -> None:
    notes = KIT / "notes" / f"{path.stem}.md"
    assert notes.exists(), f"write {notes.relative_to(ROOT)} (key points, mistakes, discussion, answers)"
    text = notes.read_text(encoding="utf-8")
    for section in ("## Key points", "## Common learner mistakes"):
        assert section in text, f"{notes.name} lacks '{section}'"
    assert "PLACEHOLDER" not in text, f"{notes.name} still has a placeholder for a measured figure"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_is_in_the_full_day_agenda(path: Path) -> None:
    full_day = _section((KIT / "agendas.md").read_text(encoding="utf-8"), "Full-day workshop")
    assert path.stem in _materials(full_day), f"{path.stem} has no slot in the full-day agenda"


def test_kit_links_resolve() -> None:
    for md in [*KIT.rglob("*.md"), *(ROOT / "docs").glob("*.md"), *DEPLOY.rglob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", md.read_text(encoding="utf-8")):
            if target.startswith("../docs/performance.md") or target.endswith("performance.md"):
                continue  # written by tools/benchmark.py at the end
            assert (md.parent / target).exists(), f"{md.relative_to(ROOT)} links to missing {target}"


def test_instructor_readme_links_every_kit_file() -> None:
    readme = (KIT / "README.md").read_text(encoding="utf-8")
    for md in sorted(KIT.glob("*.md")):
        if md.name != "README.md":
            assert f"]({md.name})" in readme, f"instructor/README.md does not link {md.name}"


def test_learner_checklist_follows_the_course() -> None:
    text = (KIT / "learner_checklist.md").read_text(encoding="utf-8")
    ids = [p.id for p in parts()]
    found = [i for i in re.findall(r"\(`([\w-]+)`\)", text) if i in ids]
    assert found == ids, "learner_checklist.md should name every part of course.yml once, in course order"


# ---------------------------------------------------------------- generated agendas and time boxes


def test_agendas_and_time_boxes_are_what_the_tool_writes() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_agendas.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_full_day_holds_every_part_in_course_order() -> None:
    full_day = _section((KIT / "agendas.md").read_text(encoding="utf-8"), "Full-day workshop")
    assert _materials(full_day) == [p.id for p in parts()]


def test_half_day_gives_each_block_its_need_and_names_its_homework() -> None:
    course, perf = parts(), ma.load_perf()
    agenda = ma.half_day(course, perf)
    kept = {n.part.id: n for n in ma.needs(course, perf, setup=ma.SETUP_MIN)}
    in_table = [r for r in agenda.rows if r.material.startswith("`")]
    for row in in_table:
        need = kept[row.material.strip("`").split("/")[1]]
        assert row.minutes >= need.need_min - ma.GRACE_MIN, f"{need.part.id}: {row.minutes} min < {need.need_min:.1f}"
    ids = [r.material.strip("`").split("/")[1] for r in in_table] + [p.id for p in agenda.homework]
    assert sorted(ids) == sorted(p.id for p in course), "every part is either in the half-day or its homework"
    assert agenda.buffer >= ma.MIN_BUFFER
    assert agenda.rows[-1].start + agenda.rows[-1].minutes == ma.DAY_START + 240
    text = (KIT / "agendas.md").read_text(encoding="utf-8")
    for part in agenda.homework:
        assert f"](../{part.path})" in _section(text, "Half-day workshop"), f"homework {part.id} is not named"


def test_full_day_fits_nine_to_five_with_its_breaks() -> None:
    agenda = ma.full_day(parts(), ma.load_perf())
    assert agenda.rows[0].start == ma.DAY_START and agenda.rows[-1].start + agenda.rows[-1].minutes == 17 * 60
    assert [r.block for r in agenda.rows if not r.material and not r.mode][:3] == ["Break", "Lunch", "Break"]
    assert all(a.start + a.minutes == b.start for a, b in zip(agenda.rows, agenda.rows[1:], strict=False))


def test_talk_fits_ninety_minutes() -> None:
    agenda = ma.talk(parts(), ma.load_perf())
    assert agenda.rows[-1].start + agenda.rows[-1].minutes == ma.TALK_MINUTES
    assert not any("labs/" in r.material for r in agenda.rows)


# ---------------------------------------------------------------- the tool's arithmetic


def test_the_benchmark_json_is_what_the_agendas_read(tmp_path: Path) -> None:
    runs = [
        benchmark.Run("notebooks/00_start_here.ipynb", 7.4, 637 * 2**20, True, "", "cell 9: `import pandas`", 5.5),
        benchmark.Run("solutions/lab2_lora.ipynb", 422.0, int(1.46 * 2**30), True, "", "cell 25: `x = 1`", 229.0),
        benchmark.Run("solutions/lab9_broken.ipynb", 12.0, 2**30, False, "boom"),
    ]
    report = benchmark.Report(runs, {"cores": "2 usable"}, {}, "2026-01-02")
    (tmp_path / "p.json").write_text(json.dumps(asdict(report)), encoding="utf-8")
    perf = ma.load_perf(path=tmp_path / "p.json")
    assert perf.date == "2026-01-02" and perf.cores == "2 usable"
    assert {stem: (r.seconds, r.peak_bytes, r.ok) for stem, r in perf.runs.items()} == {
        "00_start_here": (7.4, 637 * 2**20, True),
        "lab2_lora": (422.0, int(1.46 * 2**30), True),
        "lab9_broken": (12.0, 2**30, False),
    }
    assert perf.runs["lab2_lora"].slowest_cell == "cell 25: `x = 1`"
    (tmp_path / "p.md").write_text(benchmark.render(report), encoding="utf-8")
    with pytest.raises(ValueError, match="benchmark's JSON"):
        ma.load_perf(path=tmp_path / "p.md")


def test_the_agendas_read_the_precision_and_the_bf16_speed_up_of_a_report_that_measured_both(tmp_path: Path) -> None:
    fp32 = [benchmark.Run("solutions/lab2_lora.ipynb", 60.0, 2**30, True, precision="fp32")]
    bf16 = [benchmark.Run("solutions/lab2_lora.ipynb", 40.0, 2**30, True, precision="bf16")]
    for runs, other, precision in ((fp32, bf16, "fp32"), (bf16, fp32, "bf16"), (fp32, [], "fp32")):
        report = benchmark.Report(runs, {"cores": "2"}, {}, "2026-12-07", compare=other)
        (tmp_path / "p.json").write_text(json.dumps(asdict(report)), encoding="utf-8")
        perf = ma.load_perf(path=tmp_path / "p.json")
        assert perf.precision == precision and perf.runs["lab2_lora"].seconds == runs[0].seconds
        assert perf.bf16_speedup == (1.5 if other else None)
        said = ma.render_agendas(parts(), perf)
        assert f"The times above are {precision} times." in said
        assert ("1.5 times faster in bf16 than in fp32" in said) == bool(other)


def test_blocks_round_up_to_five_minutes_except_for_seconds_past_a_mark() -> None:
    assert [ma.round_block(m) for m in (0.2, 10.2, 10.6, 12.5, 42.6, 50.4, 50.6)] == [5, 10, 15, 15, 45, 50, 55]


def test_split_minutes_keeps_the_total() -> None:
    assert sum(ma.split_minutes([1.2, 3.3, 0.5, 7.0], 40)) == 40
    assert ma.split_minutes([0, 0], 3) in ([2, 1], [1, 2])
    assert ma.split_minutes([1, 3], 8) == [2, 6]


def test_breaks_go_to_the_boundary_nearest_their_target() -> None:
    rows = [ma.Row(0, m, f"b{i}", "`notebooks/x`", "live") for i, m in enumerate([30, 30, 30, 30])]
    out = ma.with_breaks(rows, 540, [("Break", 15, 540 + 65)])
    assert [r.block for r in out] == ["b0", "b1", "Break", "b2", "b3"]
    assert out[2].start == 600 and out[3].start == 615


def test_an_unmeasured_part_is_assumed_as_slow_as_the_slowest_of_its_kind() -> None:
    course = [Part("00_a", "A", "a", 5), Part("lab1_x", "Lab 1", "x", 30), Part("lab2_y", "Lab 2", "y", 30)]
    runs = {"00_a": ma.Measured("00_a", 600, 0, True), "lab1_x": ma.Measured("lab1_x", 60, 0, True)}
    perf = ma.Perf("t.md", "", "", runs)
    lab2 = ma.needs(course, perf)[2]
    assert lab2.assumed_from == "lab1_x" and lab2.machine_s == 60  # a lab, not the slower concept notebook
    assert "*" in lab2.budget()


def test_half_day_refuses_a_core_that_cannot_fit() -> None:
    course = parts()
    perf = ma.load_perf()
    slow = ma.Perf(perf.source, perf.date, perf.cores, {k: ma.Measured(k, 3600, 0, True) for k in perf.runs})
    with pytest.raises(ValueError, match="cannot hold"):
        ma.half_day(course, slow)


# ---------------------------------------------------------------- deployment configs


def _helm_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Helm's merge of user values into chart defaults: maps merge, anything else replaces, null deletes."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _helm_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _z2jh_errors(values: dict[str, Any]) -> list[str]:
    import jsonschema

    schema = json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))
    defaults = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    merged = _helm_merge(defaults, values)
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(schema).iter_errors(merged)]


def _z2jh_values() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "z2jh-values.yaml").read_text(encoding="utf-8"))


def test_z2jh_values_validate_against_the_chart_schema() -> None:
    assert _z2jh_errors(_z2jh_values()) == []


def test_z2jh_schema_check_catches_mistakes() -> None:
    values = _z2jh_values()
    typo = copy.deepcopy(values)
    typo["singleuser"]["memroy"] = typo["singleuser"].pop("memory")
    assert any("memroy" in e for e in _z2jh_errors(typo))
    wrong_type = copy.deepcopy(values)
    wrong_type["cull"]["timeout"] = "90m"
    assert any("cull.timeout" in e for e in _z2jh_errors(wrong_type))


def test_z2jh_schema_copy_is_the_one_recorded() -> None:
    import hashlib

    source = (CHART / "SOURCE.md").read_text(encoding="utf-8")
    for name in ("values.schema.json", "values.yaml"):
        digest = hashlib.sha256((CHART / name).read_bytes()).hexdigest()
        assert digest in source, f"{name} differs from the copy SOURCE.md records (sha256 {digest})"


def _gigabytes(value: str | float) -> float:
    m = re.fullmatch(r"([\d.]+)([KMGT]?)", str(value))
    assert m, f"not a size: {value}"
    return float(m[1]) * {"": 2**-30, "K": 2**-20, "M": 2**-10, "G": 1, "T": 2**10}[m[2]]


def test_limits_exceed_the_measured_peaks_and_agree_between_configs() -> None:
    peak_gb = max(r.peak_bytes for r in ma.load_perf().runs.values() if r.ok) / 2**30
    single = _z2jh_values()["singleuser"]
    guarantee, limit = _gigabytes(single["memory"]["guarantee"]), _gigabytes(single["memory"]["limit"])
    assert peak_gb * 1.25 <= guarantee <= limit, f"memory {guarantee}-{limit} GB vs measured peak {peak_gb:.2f} GB"
    assert single["cpu"]["guarantee"] >= 2 / ma.FACTOR, "the agendas' factor assumes this share of the 2 cores"
    script = (DEPLOY / "tljh-setup.sh").read_text(encoding="utf-8")
    assert f"MEMORY_LIMIT=${{MEMORY_LIMIT:-{single['memory']['limit']}}}" in script
    assert f"CPU_LIMIT=${{CPU_LIMIT:-{single['cpu']['limit']}}}" in script
    assert f"CULL_TIMEOUT=${{CULL_TIMEOUT:-{_z2jh_values()['cull']['timeout']}}}" in script
    assert single["extraEnv"]["OMP_NUM_THREADS"] == "2"


def test_tljh_script_parses_and_its_snippet_sets_the_environment() -> None:
    assert subprocess.run(["bash", "-n", str(DEPLOY / "tljh-setup.sh")]).returncode == 0
    from traitlets import Dict, Unicode
    from traitlets.config import Config, Configurable

    class Spawner(Configurable):
        environment = Dict(config=True)
        default_url = Unicode(config=True)

    config = Config()
    code = compile((DEPLOY / "tljh-ftrag-course.py").read_text(encoding="utf-8"), "tljh-ftrag-course.py", "exec")
    exec(code, {"get_config": lambda: config})
    spawner = Spawner(config=config)
    assert spawner.environment["FTRAG_GENERATOR"] == "/srv/ftrag-models/smollm2-135m-instruct"
    assert spawner.environment["OMP_NUM_THREADS"] == "2"
    assert spawner.default_url.endswith("notebooks/00_start_here.ipynb")


def test_repo2docker_dockerfile_matches_binder() -> None:
    tool = _module(DEPLOY / "make_dockerfile.py")
    assert tool.check() == [], "binder/ changed: regenerate deploy/repo2docker.Dockerfile (see its header)"
    text = (DEPLOY / "repo2docker.Dockerfile").read_text(encoding="utf-8")
    assert text.startswith("# GENERATED")
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in text
    assert "./binder/postBuild" in text
    python = (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8").strip().removeprefix("python-")
    assert f"environment-2epy-2d{python.replace('.', '-2e')}-2d" in text, "the image's Python is not runtime.txt's"


def test_dockerfile_check_notices_a_changed_binder_file(tmp_path: Path) -> None:
    tool = _module(DEPLOY / "make_dockerfile.py")
    (tmp_path / "binder").mkdir()
    for f in (ROOT / "binder").iterdir():
        if f.is_file():
            (tmp_path / "binder" / f.name).write_bytes(f.read_bytes())
    out = tmp_path / "Dockerfile"
    out.write_text((DEPLOY / "repo2docker.Dockerfile").read_text(encoding="utf-8"), encoding="utf-8")
    assert tool.check(tmp_path, out) == []
    (tmp_path / "binder" / "apt.txt").write_text("git\n", encoding="utf-8")
    (tmp_path / "binder" / "postBuild").write_text("echo changed\n", encoding="utf-8")
    assert sorted(tool.check(tmp_path, out)) == ["binder/apt.txt is new", "binder/postBuild changed"]
