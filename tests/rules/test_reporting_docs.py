"""docs/reporting.md stays true: every finding code validation can raise is documented with
its severity (and nothing else is), and every field of the shipped version is listed."""

from __future__ import annotations

import re
from pathlib import Path

from treaty_tracker.rules.reporting import catalogue, load_form_definition

DOC = (Path(__file__).resolve().parents[2] / "docs" / "reporting.md").read_text(encoding="utf-8")
CODE_ROW = re.compile(r"^\| `([a-z0-9_.]+)` \| (error|warning) \|", re.MULTILINE)


def test_it_documents_every_code_with_its_severity() -> None:
    documented = dict(CODE_ROW.findall(DOC))
    assert documented, "no code table found in docs/reporting.md"
    codes = {info.code: info.severity.value for info in catalogue()}
    assert sorted(set(codes) - set(documented)) == [], "undocumented codes"
    assert sorted(set(documented) - set(codes)) == [], "documented codes that do not exist"
    assert documented == codes, "a code's severity differs from the docs"


def test_it_documents_every_field_of_the_shipped_version() -> None:
    definition = load_form_definition("ccm-2010")
    sections = re.split(r"^### ", DOC, flags=re.MULTILINE)
    missing = []
    for form in definition.forms:
        section = next((s for s in sections if s.startswith(f"Form {form.code}: ")), None)
        if section is None:
            missing.append(f"section for Form {form.code}")
            continue
        paths = [f.key for f in form.fields]
        for table in form.tables:
            paths += [f"{table.key}[]", *(f"{table.key}[].{f.key}" for f in table.fields)]
        missing += [f"{form.code}.{path}" for path in paths if f"`{path}`" not in section]
        if form.title not in section.splitlines()[0]:
            missing.append(f"title of Form {form.code}")
    cover = next(s for s in sections if s.startswith("Cover page"))
    keys = [f.key for f in definition.cover.fields]
    keys += [f"contact.{f.key}" for f in definition.cover.contact]
    missing += [key for key in keys if f"`{key}`" not in cover]
    assert missing == []
