"""Unit tests for the environment doctor."""

from __future__ import annotations

from ftrag import doctor


def test_version_tuple() -> None:
    assert doctor._version_tuple("2.13.0+cpu") == (2, 13, 0)
    assert doctor._version_tuple("1.0rc1") == (1, 0)
    assert doctor._version_tuple("4.46.0") > doctor._version_tuple("4.9")


def test_missing_package_fails_with_a_fix() -> None:
    result = doctor.check_package("no_such_module_xyz", "no-such-module-xyz", "1.0")
    assert not result.ok and "pip install 'no-such-module-xyz>=1.0'" in result.fix


def test_too_old_package_fails() -> None:
    result = doctor.check_package("numpy", "numpy", "999.0")
    assert not result.ok and "older than 999.0" in result.detail


def test_this_environment_passes(capsys) -> None:
    assert doctor.main() == 0, capsys.readouterr().out
    assert "[FAIL]" not in capsys.readouterr().out
