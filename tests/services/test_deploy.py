"""Production settings pass Django's deployment checks, and bad settings fail loudly."""

from __future__ import annotations

import os
import subprocess
import sys

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 64 + "-production-like-secret-for-the-check-only",
    "ALLOWED_HOSTS": "treaty.example.org",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # Only the settings under test: nothing another test put in the environment (the
    # browser tests set DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy warns about).
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment = {**inherited, **env}
    return subprocess.run(
        [sys.executable, "-m", "treaty_tracker", *args],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_passes_check_deploy_in_production_settings() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_in_production() -> None:
    result = _manage("check", DEBUG="false", SECRET_KEY="", ALLOWED_HOSTS="x")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_refuses_a_malformed_boolean() -> None:
    result = _manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr
