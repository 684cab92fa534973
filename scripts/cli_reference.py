"""Write docs/cli.md from the commands' own --help (tests/services/test_docs.py checks it).

Run: .venv/bin/python scripts/cli_reference.py
"""

from __future__ import annotations

import io
import os
import sys
from contextlib import redirect_stdout
from pathlib import Path

COMMANDS = [
    "setup",
    "serve",
    "summary",
    "state",
    "deadlines",
    "reporting",
    "indicators",
    "review",
    "roles",
    "remind",
    "uploads",
    "backup",
    "restore",
]
TARGET = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def render() -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treaty_tracker.settings")
    os.environ["COLUMNS"] = "96"
    import django
    from django.core.management import get_commands, load_command_class

    django.setup()
    parts = [
        "# CLI reference\n",
        "Generated from each command's `--help` by `scripts/cli_reference.py`; a test fails "
        "when this file and the commands disagree. Every command is also "
        "`python -m treaty_tracker COMMAND` and `django-admin COMMAND`. Errors go to stderr "
        "with exit code 2 for bad input (unknown State, malformed date, date before 2008).\n",
    ]
    for name in COMMANDS:
        command = load_command_class(get_commands()[name], name)  # roles is in accounts
        parser = command.create_parser("treaty-tracker", name)
        buffer = io.StringIO()
        with redirect_stdout(buffer):
            parser.print_help()
        text = buffer.getvalue()
        # Django's own options are the same on every command: keep the reference short.
        text = text.split("  --version")[0].rstrip() + "\n  (and Django's common options)\n"
        parts.append(f"## `treaty-tracker {name}`\n\n```\n{text}```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    sys.stderr.write(f"wrote {TARGET}\n")
