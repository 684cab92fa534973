"""The reporting rules import no Django (STYLE rule 2), in every module of the subpackage:
tests/rules/test_no_django.py only scans the modules directly in treaty_tracker/rules/."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPORTING = Path(__file__).resolve().parents[2] / "treaty_tracker" / "rules" / "reporting"


def test_it_imports_no_django_in_any_reporting_module() -> None:
    paths = sorted(REPORTING.rglob("*.py"))
    assert len(paths) >= 8, "the scan found no modules: has the package moved?"
    offenders = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.relative_to(REPORTING)}: {n}" for n in names if n.split(".")[0] == "django"
            ]
    assert offenders == []


def test_it_validates_a_report_without_loading_django() -> None:
    code = (
        "import sys\n"
        "from treaty_tracker.rules.reporting import ReportContext, load_form_definition, "
        "validate_report\n"
        "definition = load_form_definition('ccm-2010')\n"
        "validate_report({}, definition, context=ReportContext())\n"
        "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
