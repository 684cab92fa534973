"""Docs stay true: the CLI reference is the commands' own help, every setting is documented,
and the README starts with the two commands."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_it_keeps_the_cli_reference_equal_to_the_commands_help() -> None:
    code = (
        "import sys; sys.path.insert(0, 'scripts'); import cli_reference;"
        "print(cli_reference.render(), end='')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout == (ROOT / "docs" / "cli.md").read_text(encoding="utf-8"), (
        "docs/cli.md is stale: run .venv/bin/python scripts/cli_reference.py"
    )


def test_it_documents_every_environment_setting() -> None:
    settings = (ROOT / "treaty_tracker" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', settings))
    names |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', settings))
    deploy = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert names, "no settings found"
    assert sorted(n for n in names if f"`{n}`" not in deploy) == []


def test_it_opens_the_readme_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", readme, flags=re.S)
    assert blocks and blocks[0].split() == ["make", "run"]
    assert blocks[1].split() == ["make", "test"]
