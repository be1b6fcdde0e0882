"""Unit tests for the environment doctor: its ranges come from the kit's own metadata, and it names each fix."""

from __future__ import annotations

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ftrag import doctor


def test_ranges_are_the_kits_declared_requirements() -> None:
    import tomllib

    declared = tomllib.loads(doctor.PYPROJECT.read_text())["project"]["dependencies"]
    got = {canonicalize_name(r.name): str(r.specifier) for r in doctor.requirements()}
    assert got == {canonicalize_name(Requirement(d).name): str(Requirement(d).specifier) for d in declared}


def test_missing_package_fails_with_a_fix() -> None:
    result = doctor.check_requirement(Requirement("no-such-module-xyz>=1.0"))
    assert not result.ok and result.detail == "not installed" and "pip install 'no-such-module-xyz>=1.0'" in result.fix


def test_a_version_outside_the_range_fails() -> None:
    result = doctor.check_requirement(Requirement("numpy>=999.0"))
    assert not result.ok and "outside the tested range >=999.0" in result.detail
    capped = doctor.check_requirement(Requirement("numpy<1.0"))
    assert not capped.ok and "pip install 'numpy<1.0'" in capped.fix


def test_local_build_tags_are_ignored() -> None:
    assert doctor.in_range("2.13.0+cpu", Requirement("torch>=2.2"))
    assert doctor.in_range("5.23.0", Requirement("transformers>=4.49,<5.24"))
    assert not doctor.in_range("5.24.0", Requirement("transformers>=4.49,<5.24"))


def test_transformers_newer_than_its_peft_fails_with_the_fix() -> None:
    clash = doctor.check_peft_pair("5.24.0", "0.21.2", "0.22.0")
    assert not clash.ok and "needs peft>=0.22.0" in clash.detail
    assert "pip install 'transformers<5.24'" in clash.fix
    assert doctor.check_peft_pair("5.23.0", "0.21.2", None).ok
    assert doctor.check_peft_pair("5.24.0", "0.22.1", "0.22.0").ok


def test_this_environment_passes(capsys) -> None:
    assert doctor.main() == 0, capsys.readouterr().out
    assert "[FAIL]" not in capsys.readouterr().out
    assert doctor.version_clashes() == []
