"""Shared test helpers: the smallest valid report, the short form a browser posts for a
report, and running a command in-process."""

from __future__ import annotations

from typing import Any

import pytest

from treaty_tracker.cli import main


def minimal_annual_report(iso3: str, year: int, *, text: str = "") -> dict[str, Any]:
    """The smallest annual report that passes validation for a State with no Article 3,
    4 or 5 obligation: a contact, Form A with one law, every other form not applicable."""
    form_a: dict[str, Any] = {
        "status": "changed",
        "data": {
            "measures": [{"kind": "legislation", "title": "Act No. 83/2015", "status": "in_force"}]
        },
    }
    if text:
        form_a["text"] = text
    return {
        "form_version": "ccm-2010",
        "kind": "annual",
        "state": iso3,
        "period": {"from": f"{year}-01-01", "to": f"{year}-12-31"},
        "contact": {"organization": "Ministry for Foreign Affairs", "email": "mfa@example.is"},
        "forms": {code: {"status": "not_applicable"} for code in "BCDEFGHIJ"} | {"A": form_a},
    }


def short_form_data(content: dict[str, Any], **changes: str) -> dict[str, str]:
    """The short form (the draft page) as the browser posts it for ``content``."""
    contact = content.get("contact") or {}
    data = {
        f"contact-{key}": contact.get(key, "")
        for key in ("organization", "person", "telephone", "fax", "email")
    }
    for code in "ABCDEFGHIJ":
        form = content["forms"][code]
        data[f"{code}-status"] = form["status"]
        if code != "C":  # Form C has no free text
            data[f"{code}-text"] = form.get("text", "")
    data.update(changes)
    return data


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``treaty-tracker ARGV`` in-process: its exit code, stdout and stderr."""
    try:
        main(list(argv))
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
