"""The layers of treaty_tracker/ hold (import-linter, configured in pyproject.toml):
rules <- sources <- states <- themes <- accounts <- the domain apps <- presentation. A
change that makes a lower package import a higher one, even inside a function, fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_the_packages_keep_their_layers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename="pyproject.toml", no_cache=True, no_logo=True) == 0


def test_a_lower_package_importing_a_higher_one_breaks_the_contract(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The contract, applied to a package whose lowest layer imports its highest.
    package = tmp_path / "layered"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "low.py").write_text("def f():\n    from layered import high\n")
    (package / "high.py").write_text("from layered import low\n")
    config = tmp_path / "setup.cfg"
    config.write_text(
        "[importlinter]\nroot_package = layered\n\n"
        "[importlinter:contract:layers]\nname = layers\ntype = layers\n"
        "layers =\n    layered.high\n    layered.low\n"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert lint_imports(config_filename=str(config), no_cache=True, no_logo=True) == 1
