"""Text as it enters and leaves the record: one cleaning rule for input, one last line of
defence for output. No Django import: the upload parsers and the renderers use it too.

Input (:func:`clean_text`, applied by every project form through ``CleanTextMixin``, the
narrative page and the XLSX and JSON upload parsers): control characters other than tab,
newline and carriage return are dropped. Nobody types them on purpose (Word's Shift+Enter
pastes a vertical tab; a copy from a PDF can carry a NUL), PostgreSQL refuses NUL in text
and jsonb, and XML (XLSX, DOCX) can hold none of the C0 controls. A vertical tab or a form
feed is a line or page break pasted from a word processor: it becomes a newline, so the
break the writer saw is kept.

Output (:func:`xml_safe`, applied by the XLSX downloads and the review's renderers): the
characters XML 1.0 cannot hold are dropped, for text stored before the input rule.
"""

from __future__ import annotations

import re

# Every Unicode control character (category Cc: C0, DEL, C1) but tab, newline and CR,
# and the UTF-16 surrogates, which only a broken file holds (a lone one cannot be encoded).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_BREAK = re.compile("[\x0b\x0c]")
# What XML 1.0 cannot hold (its Char production): C0 controls but tab, newline and CR,
# UTF-16 surrogates (a lone one cannot even be encoded) and the non-characters U+FFFE/F.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` with control characters (and lone surrogates) dropped: tab, newline and CR
    kept; a vertical tab or form feed becomes a newline."""
    if text.isprintable():  # the common case, at C speed
        return text
    return _CONTROL.sub("", _BREAK.sub("\n", text))


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 (so openpyxl, python-docx and WeasyPrint)
    cannot hold."""
    return _NOT_XML.sub("", text)


def unstorable(text: str) -> str | None:
    """The first character of ``text`` no database can keep as text (NUL: PostgreSQL
    refuses it; a lone UTF-16 surrogate: not encodable as UTF-8), named; None if none."""
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    char = found.group()
    return (
        "a NUL character (\\u0000)" if char == "\x00" else f"a lone surrogate (\\u{ord(char):04x})"
    )
