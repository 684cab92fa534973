"""Article 7 form definitions: versioned data read into frozen dataclasses.

A definition (``forms/<version>.yaml``, e.g. ``ccm-2010``) says which forms a report has,
which status each form may take on the cover page, and the fields and tables of each form.
It is data, so the 10MSP's adapted form is a second file, not a code change. The file format
is described in docs/reporting.md; :func:`parse_definition` checks it strictly, so a typo
in a definition fails loudly when it is loaded instead of silently accepting bad reports.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

from treaty_tracker.rules.treaty import TREATIES

FORMS_PACKAGE = "treaty_tracker.rules.reporting.forms"
VERSION_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
CODE_PATTERN = re.compile(r"^[A-Z]$")
# Keys of a form's content; a data field may not take one of these names, so a path such
# as "B.status" always means the form's status.
FORM_PARTS = ("status", "unchanged_since", "data", "text")


_E = TypeVar("_E", bound=StrEnum)


class DefinitionError(ValueError):
    """A form definition that cannot be used; the message names the file and the place."""


class FieldType(StrEnum):
    INTEGER = "integer"  # a count: munitions, submunitions, people
    DECIMAL = "decimal"  # an amount, e.g. of money
    AREA_M2 = "area_m2"  # an area in square metres
    TEXT = "text"
    DATE = "date"  # ISO 8601, YYYY-MM-DD
    BOOLEAN = "boolean"
    CHOICE = "choice"  # one of the field's choices (by value)
    STATE = "state"  # ISO 3166-1 alpha-3
    CURRENCY = "currency"  # ISO 4217, e.g. EUR

    @property
    def is_numeric(self) -> bool:
        return self in (FieldType.INTEGER, FieldType.DECIMAL, FieldType.AREA_M2)


class FormStatus(StrEnum):
    """The cover page tick box of each form."""

    CHANGED = "changed"
    UNCHANGED = "unchanged"  # "unchanged (last reporting: yyyy)"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Dimension:
    """A category a count is broken down by (sex, age, civilian or military)."""

    key: str
    label: str
    choices: tuple[Choice, ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    type: FieldType
    required: bool = False
    # Required whenever this sibling field has a value (a currency once an amount is given).
    required_with: str = ""
    unit: str = ""
    min: Decimal | None = None
    choices: tuple[Choice, ...] = ()
    # A count broken down by these dimensions: the value is {"total": n, "by": {...}}.
    disaggregation: tuple[Dimension, ...] = ()
    help: str = ""

    @property
    def choice_values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)


@dataclass(frozen=True)
class TableSpec:
    """A repeating group of rows, e.g. Form B's stockpile by type."""

    key: str
    label: str
    fields: tuple[FieldSpec, ...]
    required: bool = False  # at least one row when the form is "changed"
    voluntary: bool = False  # shaded grey on the paper form
    help: str = ""

    def field(self, key: str) -> FieldSpec | None:
        return next((spec for spec in self.fields if spec.key == key), None)


@dataclass(frozen=True)
class TextSpec:
    label: str
    required: bool = False


@dataclass(frozen=True)
class FormSpec:
    code: str
    title: str
    articles: tuple[str, ...]
    status_options: tuple[FormStatus, ...]
    fields: tuple[FieldSpec, ...] = ()
    tables: tuple[TableSpec, ...] = ()
    text: TextSpec | None = None
    # Articles whose active obligation rules out "not applicable" (B: "3", F and G: "4").
    obligations: tuple[str, ...] = ()
    voluntary: bool = False

    def field(self, key: str) -> FieldSpec | None:
        return next((spec for spec in self.fields if spec.key == key), None)

    def table(self, key: str) -> TableSpec | None:
        return next((spec for spec in self.tables if spec.key == key), None)


@dataclass(frozen=True)
class CoverSpec:
    fields: tuple[FieldSpec, ...]
    contact: tuple[FieldSpec, ...]  # Art. 7(1)(l)


@dataclass(frozen=True)
class Adoption:
    meeting: str
    place: str
    year: int
    document: str


@dataclass(frozen=True)
class FormDefinition:
    version: str
    treaty: str  # a key of treaty_tracker.rules.treaty.TREATIES
    title: str
    adopted: Adoption
    source: str
    dimensions: tuple[Dimension, ...]
    cover: CoverSpec
    forms: tuple[FormSpec, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(form.code for form in self.forms)

    def form(self, code: str) -> FormSpec | None:
        return next((form for form in self.forms if form.code == code), None)

    def has_path(self, path: str) -> bool:
        """Whether ``B``, ``H.focal_point``, ``B.stockpile`` or ``B.stockpile.munitions``
        exists in this version (rules declare the paths they read)."""
        code, _, rest = path.partition(".")
        form = self.form(code)
        if form is None:
            return False
        if not rest:
            return True
        key, _, column = rest.partition(".")
        if form.field(key) is not None:
            return not column
        table = form.table(key)
        return table is not None and (not column or table.field(column) is not None)


# -- loading -------------------------------------------------------------------------------


def available_versions() -> tuple[str, ...]:
    """The versions shipped with the package, e.g. ``("ccm-2010",)``."""
    folder = resources.files(FORMS_PACKAGE)
    return tuple(
        sorted(
            entry.name.removesuffix(".yaml")
            for entry in folder.iterdir()
            if entry.name.endswith(".yaml") and entry.is_file()
        )
    )


@cache
def load_form_definition(version: str) -> FormDefinition:
    """The definition of ``version`` (e.g. ``"ccm-2010"``), read once and then cached."""
    if not VERSION_PATTERN.match(version):
        raise DefinitionError(f"{version!r} is not a form version name")
    resource = resources.files(FORMS_PACKAGE).joinpath(f"{version}.yaml")
    if not resource.is_file():
        known = ", ".join(available_versions()) or "none"
        raise DefinitionError(f"no form definition {version!r} (available: {known})")
    definition = _parse_text(resource.read_text(encoding="utf-8"), source=f"{version}.yaml")
    if definition.version != version:
        raise DefinitionError(
            f"{version}.yaml: version: {definition.version!r} does not match the file name"
        )
    return definition


def load_definition_file(path: Path) -> FormDefinition:
    """Read a definition from any file (not cached): a draft of a new version, or a test's."""
    return _parse_text(path.read_text(encoding="utf-8"), source=path.name)


def _parse_text(text: str, *, source: str) -> FormDefinition:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise DefinitionError(f"{source}: not valid YAML: {error}") from error
    return parse_definition(document, source=source)


def parse_definition(document: object, *, source: str = "<definition>") -> FormDefinition:
    """Build a :class:`FormDefinition` from parsed YAML/JSON, or raise
    :class:`DefinitionError` naming ``source`` and the place of the first problem."""
    return _Reader(source).definition(document)


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.dimensions: dict[str, Dimension] = {}

    def fail(self, where: str, problem: str) -> DefinitionError:
        return DefinitionError(f"{self.source}: {where}: {problem}")

    def mapping(
        self, value: object, where: str, *, required: set[str], optional: set[str]
    ) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, f"expected a mapping, found {type(value).__name__}")
        keys = {str(key) for key in value}
        if missing := sorted(required - keys):
            raise self.fail(where, f"missing {', '.join(missing)}")
        if unknown := sorted(keys - required - optional):
            allowed = ", ".join(sorted(required | optional))
            raise self.fail(where, f"unknown key {', '.join(unknown)} (allowed: {allowed})")
        return value

    def text(self, value: object, where: str, *, empty: bool = False) -> str:
        if not isinstance(value, str) or (not empty and not value.strip()):
            raise self.fail(where, "expected a non-empty text")
        return value.strip()

    def flag(self, value: object, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, "expected true or false")
        return value

    def enum(self, kind: type[_E], value: object, where: str) -> _E:
        allowed = ", ".join(member.value for member in kind)
        if not isinstance(value, str) or value not in {member.value for member in kind}:
            raise self.fail(where, f"{value!r} is not one of {allowed}")
        return kind(value)

    def sequence(self, value: object, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, found {type(value).__name__}")
        return value

    def key(self, value: object, where: str, seen: set[str]) -> str:
        if not isinstance(value, str) or not KEY_PATTERN.match(value):
            raise self.fail(where, f"key {value!r} is not lower_snake_case")
        if value in seen:
            raise self.fail(where, f"key {value!r} is used twice")
        seen.add(value)
        return value

    def choices(self, value: object, where: str) -> tuple[Choice, ...]:
        if not isinstance(value, Mapping) or not value:
            raise self.fail(where, "expected a mapping of value: label")
        result = []
        for raw, label in value.items():
            if not isinstance(raw, str) or not raw:
                raise self.fail(where, f"choice value {raw!r} must be a text (quote numbers)")
            result.append(Choice(raw, self.text(label, f"{where}.{raw}")))
        return tuple(result)

    # -- the parts, outside in ---------------------------------------------------------

    def definition(self, document: object) -> FormDefinition:
        top = self.mapping(
            document,
            "(top)",
            required={"version", "treaty", "title", "adopted", "source", "cover", "forms"},
            optional={"dimensions"},
        )
        version = top["version"]
        if not isinstance(version, str) or not VERSION_PATTERN.match(version):
            raise self.fail("version", f"{version!r} is not a version name such as ccm-2010")
        treaty = self.text(top["treaty"], "treaty")
        if treaty not in TREATIES:
            raise self.fail("treaty", f"unknown treaty {treaty!r} (known: {', '.join(TREATIES)})")
        adopted = self.mapping(
            top["adopted"],
            "adopted",
            required={"meeting", "place", "year", "document"},
            optional=set(),
        )
        if not isinstance(adopted["year"], int) or isinstance(adopted["year"], bool):
            raise self.fail("adopted.year", "expected a year")
        dimensions = top.get("dimensions") or {}
        if not isinstance(dimensions, Mapping):
            raise self.fail("dimensions", "expected a mapping of name: {label, choices}")
        for key, raw in dimensions.items():
            where = f"dimensions.{key}"
            spec = self.mapping(raw, where, required={"label", "choices"}, optional=set())
            self.dimensions[str(key)] = Dimension(
                self.key(key, where, set()),
                self.text(spec["label"], f"{where}.label"),
                self.choices(spec["choices"], f"{where}.choices"),
            )
        cover = self.mapping(top["cover"], "cover", required={"fields", "contact"}, optional=set())
        forms: list[FormSpec] = []
        codes: set[str] = set()
        for index, raw in enumerate(self.sequence(top["forms"], "forms")):
            form = self.form(raw, f"forms[{index}]")
            if form.code in codes:
                raise self.fail(f"forms[{index}].code", f"form {form.code} is defined twice")
            codes.add(form.code)
            forms.append(form)
        if not forms:
            raise self.fail("forms", "a definition needs at least one form")
        return FormDefinition(
            version=version,
            treaty=treaty,
            title=self.text(top["title"], "title"),
            adopted=Adoption(
                meeting=self.text(adopted["meeting"], "adopted.meeting"),
                place=self.text(adopted["place"], "adopted.place"),
                year=adopted["year"],
                document=self.text(adopted["document"], "adopted.document"),
            ),
            source=self.text(top["source"], "source"),
            dimensions=tuple(self.dimensions.values()),
            cover=CoverSpec(
                fields=self.fields(cover["fields"], "cover.fields"),
                contact=self.fields(cover["contact"], "cover.contact"),
            ),
            forms=tuple(forms),
        )

    def form(self, raw: object, where: str) -> FormSpec:
        spec = self.mapping(
            raw,
            where,
            required={"code", "title", "articles", "status_options"},
            optional={"fields", "tables", "text", "obligations", "voluntary"},
        )
        code = spec["code"]
        if not isinstance(code, str) or not CODE_PATTERN.match(code):
            raise self.fail(f"{where}.code", f"{code!r} is not a form code (one capital letter)")
        where = f"form {code}"
        options = []
        for option in self.sequence(spec["status_options"], f"{where}.status_options"):
            options.append(self.enum(FormStatus, option, f"{where}.status_options"))
        if FormStatus.CHANGED not in options or FormStatus.UNCHANGED not in options:
            raise self.fail(f"{where}.status_options", "every form offers changed and unchanged")
        seen = set(FORM_PARTS)  # a field named "status" would make "B.status" ambiguous
        fields = self.fields(spec.get("fields") or [], f"{where}.fields", seen)
        tables = []
        for index, table in enumerate(self.sequence(spec.get("tables") or [], f"{where}.tables")):
            tables.append(self.table(table, f"{where}.tables[{index}]", seen))
        text = None
        if "text" in spec:
            raw_text = self.mapping(
                spec["text"], f"{where}.text", required={"label"}, optional={"required"}
            )
            text = TextSpec(
                self.text(raw_text["label"], f"{where}.text.label"),
                self.flag(raw_text.get("required", False), f"{where}.text.required"),
            )
        if not fields and not tables and text is None:
            raise self.fail(where, "a form needs fields, tables or text")
        return FormSpec(
            code=code,
            title=self.text(spec["title"], f"{where}.title"),
            articles=tuple(
                self.text(a, f"{where}.articles")
                for a in self.sequence(spec["articles"], f"{where}.articles")
            ),
            status_options=tuple(options),
            fields=fields,
            tables=tuple(tables),
            text=text,
            obligations=tuple(
                self.text(a, f"{where}.obligations")
                for a in self.sequence(spec.get("obligations") or [], f"{where}.obligations")
            ),
            voluntary=self.flag(spec.get("voluntary", False), f"{where}.voluntary"),
        )

    def table(self, raw: object, where: str, seen: set[str]) -> TableSpec:
        spec = self.mapping(
            raw,
            where,
            required={"key", "label", "fields"},
            optional={"required", "voluntary", "help"},
        )
        key = self.key(spec["key"], f"{where}.key", seen)
        where = f"{where} ({key})"
        fields = self.fields(spec["fields"], f"{where}.fields")
        if not fields:
            raise self.fail(f"{where}.fields", "a table needs at least one field")
        return TableSpec(
            key=key,
            label=self.text(spec["label"], f"{where}.label"),
            fields=fields,
            required=self.flag(spec.get("required", False), f"{where}.required"),
            voluntary=self.flag(spec.get("voluntary", False), f"{where}.voluntary"),
            help=self.text(spec.get("help", ""), f"{where}.help", empty=True),
        )

    def fields(
        self, raw: object, where: str, seen: set[str] | None = None
    ) -> tuple[FieldSpec, ...]:
        seen = set() if seen is None else seen
        result = [
            self.field(item, f"{where}[{index}]", seen)
            for index, item in enumerate(self.sequence(raw, where))
        ]
        keys = {spec.key for spec in result}
        for spec in result:
            if spec.required_with and spec.required_with not in keys:
                raise self.fail(
                    f"{where} ({spec.key}).required_with",
                    f"{spec.required_with!r} is not a field beside it",
                )
        return tuple(result)

    def field(self, raw: object, where: str, seen: set[str]) -> FieldSpec:
        spec = self.mapping(
            raw,
            where,
            required={"key", "label", "type"},
            optional={
                "required",
                "required_with",
                "unit",
                "min",
                "choices",
                "disaggregation",
                "help",
            },
        )
        key = self.key(spec["key"], f"{where}.key", seen)
        where = f"{where} ({key})"
        kind = self.enum(FieldType, spec["type"], f"{where}.type")
        choices: tuple[Choice, ...] = ()
        if kind is FieldType.CHOICE:
            if "choices" not in spec:
                raise self.fail(where, "a choice field needs choices")
            choices = self.choices(spec["choices"], f"{where}.choices")
        elif "choices" in spec:
            raise self.fail(f"{where}.choices", f"only a choice field has choices, not {kind}")
        minimum = None
        if "min" in spec:
            value = spec["min"]
            if not kind.is_numeric:
                raise self.fail(f"{where}.min", f"only a number has a minimum, not {kind}")
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise self.fail(f"{where}.min", f"{value!r} is not a number")
            minimum = Decimal(str(value))
        unit = self.text(spec.get("unit", ""), f"{where}.unit", empty=True)
        if kind is FieldType.AREA_M2:
            if unit not in ("", "m2"):
                raise self.fail(f"{where}.unit", "an area_m2 field is in m2")
            unit = "m2"
        dimensions = []
        for name in self.sequence(spec.get("disaggregation") or [], f"{where}.disaggregation"):
            if not isinstance(name, str) or name not in self.dimensions:
                known = ", ".join(self.dimensions) or "none defined"
                raise self.fail(
                    f"{where}.disaggregation", f"unknown dimension {name!r} (known: {known})"
                )
            dimensions.append(self.dimensions[name])
        if dimensions and kind is not FieldType.INTEGER:
            raise self.fail(f"{where}.disaggregation", "only an integer count is disaggregated")
        required_with = spec.get("required_with", "")
        if required_with:
            required_with = self.text(required_with, f"{where}.required_with")
        return FieldSpec(
            key=key,
            label=self.text(spec["label"], f"{where}.label"),
            type=kind,
            required=self.flag(spec.get("required", False), f"{where}.required"),
            required_with=required_with,
            unit=unit,
            min=minimum,
            choices=choices,
            disaggregation=tuple(dimensions),
            help=self.text(spec.get("help", ""), f"{where}.help", empty=True),
        )
