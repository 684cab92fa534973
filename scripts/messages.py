"""Update, check and compile the translation catalogues (docs/translations.md).

    .venv/bin/python scripts/messages.py update     # makemessages for the five languages,
                                                    # headers fixed, then compilemessages
    .venv/bin/python scripts/messages.py status     # translated / missing / fuzzy per language
    .venv/bin/python scripts/messages.py todo fr    # what is left to translate, as JSON
    .venv/bin/python scripts/messages.py apply fr FILE.json   # fill in translations
    .venv/bin/python scripts/messages.py compile    # compilemessages only

``update`` runs Django's ``makemessages`` from inside ``treaty_tracker/`` (so the references
read ``web/views.py`` and nothing under ``.venv``, ``tests`` or ``bench`` is collected) into
``LOCALE_PATHS[0]`` (``treaty_tracker/locale``). Existing translations are kept; a changed
string comes back marked fuzzy, a new one empty: ``status`` lists both, and
``tests/http/test_i18n.py`` fails on either in French.

The JSON for ``apply`` maps a msgid (with ``"context\\u0004msgid"`` for a msgctxt) to its
translation, or to a list ``[singular, plural]`` for a plural entry; applied entries lose
their fuzzy flag. ``todo`` prints exactly that shape with empty values.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "treaty_tracker"
LOCALE = PACKAGE / "locale"
# The six UN languages: English is the source, the other five get a catalogue each.
# makemessages wants locale names (zh_Hans), settings.LANGUAGES language codes (zh-hans).
LOCALES = ("fr", "es", "ar", "zh_Hans", "ru")
COMPLETE = ("fr",)  # languages whose catalogue must be fully translated (the test checks)
NAMES = {"fr": "French", "es": "Spanish", "ar": "Arabic", "zh_Hans": "Chinese", "ru": "Russian"}
DJANGO_ADMIN = Path(sys.executable).parent / "django-admin"
CTX = "\x04"


@dataclass
class Entry:
    comments: list[str] = field(default_factory=list)  # every "#" line but flags, verbatim
    flags: list[str] = field(default_factory=list)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # index 0 when not plural
    obsolete: bool = False

    @property
    def key(self) -> str:
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}{CTX}{self.msgid}"

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def unquote(text: str) -> str:
    body = text.strip()
    assert body.startswith('"') and body.endswith('"'), text
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), body[1:-1])


def quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    lines = escaped.replace("\n", "\\n\n").split("\n")
    if lines[-1] == "":
        lines.pop()
    if len(lines) <= 1:
        return f'"{escaped.replace(chr(10), "")}"'
    return '""\n' + "\n".join(f'"{line}"' for line in lines)


def parse(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry = Entry()
        target: tuple[str, int] | None = None
        lines = block.strip("\n").splitlines()
        if not lines:
            continue
        if all(line.startswith("#~") for line in lines if not line.startswith("#")) and any(
            line.startswith("#~") for line in lines
        ):
            entry.obsolete = True
        for raw in lines:
            line = raw[2:].lstrip() if raw.startswith("#~") else raw
            if raw.startswith("#,"):
                entry.flags += [flag.strip() for flag in raw[2:].split(",") if flag.strip()]
                continue
            if raw.startswith("#") and not raw.startswith("#~"):
                entry.comments.append(raw)
                continue
            match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
            if match:
                keyword, index, text = match.group(1), match.group(2), match.group(3)
                if keyword.startswith("msgstr"):
                    target = ("msgstr", int(index or 0))
                    entry.msgstr[target[1]] = unquote(text)
                else:
                    target = (keyword, 0)
                    setattr(entry, keyword, unquote(text))
            elif line.startswith('"') and target is not None:
                name, index = target
                if name == "msgstr":
                    entry.msgstr[index] += unquote(line)
                else:
                    setattr(entry, name, (getattr(entry, name) or "") + unquote(line))
        entries.append(entry)
    return entries


def render(entries: list[Entry]) -> str:
    blocks = []
    for entry in entries:
        # Comments, then flags, then the previous msgid ("#|"), as msgmerge writes them.
        out = [c for c in entry.comments if not c.startswith("#|")]
        if entry.flags:
            out.append("#, " + ", ".join(entry.flags))
        out += [c for c in entry.comments if c.startswith("#|")]
        fields = []
        if entry.msgctxt is not None:
            fields.append(f"msgctxt {quote(entry.msgctxt)}")
        fields.append(f"msgid {quote(entry.msgid)}")
        if entry.msgid_plural is not None:
            fields.append(f"msgid_plural {quote(entry.msgid_plural)}")
            fields += [f"msgstr[{i}] {quote(entry.msgstr[i])}" for i in sorted(entry.msgstr)]
        else:
            fields.append(f"msgstr {quote(entry.msgstr.get(0, ''))}")
        text = "\n".join(fields)
        if entry.obsolete:
            text = "\n".join(f"#~ {line}" for line in text.splitlines())
        blocks.append("\n".join([*out, text]))
    return "\n\n".join(blocks) + "\n"


def catalogue(locale: str) -> Path:
    return LOCALE / locale / "LC_MESSAGES" / "django.po"


def _django(*args: str) -> None:
    # From inside the package: the paths in the .po are relative to it, and only the
    # package is scanned. django-admin (not ``python -m``) keeps the package's own
    # folders (api, web, ...) off sys.path.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "treaty_tracker.settings"}
    subprocess.run([str(DJANGO_ADMIN), *args], cwd=PACKAGE, env=env, check=True)


def fix_header(locale: str) -> None:
    """A header marked fuzzy is left out of the .mo, and with it the plural rule."""
    path = catalogue(locale)
    entries = parse(path)
    header = entries[0]
    assert header.msgid == "", path
    header.flags = [flag for flag in header.flags if flag != "fuzzy"]
    header.comments = [
        f"# {NAMES[locale]} translation of the treaty tracker.",
        "# Updated with scripts/messages.py (docs/translations.md).",
        "#",
    ]
    values = {
        "Project-Id-Version": "treaty-tracker",
        "Language-Team": NAMES[locale],
        "Language": locale,
        "Last-Translator": "treaty-tracker translators",
    }
    if "YEAR-MO-DA" in header.msgstr[0]:  # never translated: date it as the template
        created = re.search(r"POT-Creation-Date: ([^\n]*)", header.msgstr[0])
        values["PO-Revision-Date"] = created.group(1) if created else ""
    lines = header.msgstr[0].splitlines(keepends=True)
    for i, line in enumerate(lines):
        name = line.split(":", 1)[0]
        if values.get(name) is not None:
            lines[i] = f"{name}: {values[name]}\n"
    header.msgstr[0] = "".join(lines)
    path.write_text(render(entries), encoding="utf-8")
    _normalise(path)


def _normalise(path: Path) -> None:
    """Wrap as msgmerge does, so that the next makemessages changes only what changed."""
    if shutil.which("msgcat"):
        subprocess.run(["msgcat", "-o", str(path), str(path)], check=True)


def update() -> None:
    _django(
        "makemessages",
        *[arg for locale in LOCALES for arg in ("-l", locale)],
        "--add-location=file",  # no line numbers: fewer conflicts when strings move
    )
    for locale in LOCALES:
        fix_header(locale)
    compile_()


def compile_() -> None:
    _django("compilemessages", *[arg for locale in LOCALES for arg in ("-l", locale)])


def status() -> int:
    incomplete = False
    for locale in LOCALES:
        entries = [e for e in parse(catalogue(locale))[1:] if not e.obsolete]
        done = sum(e.translated and not e.fuzzy for e in entries)
        fuzzy = sum(e.fuzzy for e in entries)
        sys.stdout.write(f"{locale:8} {done:5}/{len(entries)} translated, {fuzzy} fuzzy\n")
        if locale in COMPLETE and done < len(entries):
            incomplete = True
    return 1 if incomplete else 0


def todo(locale: str) -> None:
    out: dict[str, str | list[str]] = {}
    for entry in parse(catalogue(locale))[1:]:
        if entry.obsolete or (entry.translated and not entry.fuzzy):
            continue
        out[entry.key] = ["", ""] if entry.msgid_plural is not None else ""
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")


def apply(locale: str, source: Path) -> None:
    translations: dict[str, str | list[str]] = json.loads(source.read_text(encoding="utf-8"))
    path = catalogue(locale)
    entries = parse(path)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    entries[0].msgstr[0] = re.sub(
        r"PO-Revision-Date: [^\n]*", f"PO-Revision-Date: {now}", entries[0].msgstr[0]
    )
    unknown = set(translations)
    for entry in entries[1:]:
        value = translations.get(entry.key)
        if entry.obsolete or not value:
            continue
        unknown.discard(entry.key)
        if entry.msgid_plural is not None:
            assert isinstance(value, list), entry.msgid
            forms = value + [value[-1]] * (len(entry.msgstr) - len(value))
            entry.msgstr = dict(enumerate(forms[: max(len(entry.msgstr), 1)]))
        else:
            assert isinstance(value, str), entry.msgid
            entry.msgstr = {0: value}
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.comments = [c for c in entry.comments if not c.startswith("#|")]
    path.write_text(render(entries), encoding="utf-8")
    _normalise(path)
    for key in sorted(unknown):
        sys.stderr.write(f"not in {path.relative_to(ROOT)}: {key!r}\n")


def main(argv: list[str]) -> int:
    match argv:
        case ["update"]:
            update()
            return status()
        case ["status"]:
            return status()
        case ["compile"]:
            compile_()
            return 0
        case ["todo", locale] if locale in LOCALES:
            todo(locale)
            return 0
        case ["apply", locale, source] if locale in LOCALES:
            apply(locale, Path(source))
            return 0
    sys.stderr.write(__doc__ or "")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
