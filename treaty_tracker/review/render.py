"""Print a generated review (``themes.document.Document``) as Markdown, HTML, PDF or
DOCX. Paragraphs are numbered across the document like the original; every figure gets a
note number that leads to the annex, "Sources of the figures", where its sources and its
method are listed. Charts are SVG in HTML and PDF, PNG in DOCX.
"""

from __future__ import annotations

import base64
import dataclasses
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from treaty_tracker.sources.text import xml_safe
from treaty_tracker.themes.document import (
    Block,
    Chart,
    Document,
    Figure,
    Paragraph,
    Run,
    Table,
)

FORMATS = {
    "html": ("text/html; charset=utf-8", "html"),
    "md": ("text/markdown; charset=utf-8", "md"),
    "pdf": ("application/pdf", "pdf"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
}


@dataclass(frozen=True)
class Note:
    number: int
    figure: Figure


class Numbering:
    """Paragraph numbers and figure note numbers, in reading order, for one rendering."""

    def __init__(self, document: Document) -> None:
        self.paragraphs: dict[int, int] = {}
        self.figures: dict[int, int] = {}
        self.notes: list[Note] = []
        paragraph = 0
        for block in _blocks(document):
            if isinstance(block, Paragraph):
                paragraph += 1
                self.paragraphs[id(block)] = paragraph
                runs = [*block.runs, *(r for item in block.items for r in item)]
            elif isinstance(block, Table):
                runs = [cell for row in block.rows for cell in row]
            else:
                runs = []
            for run in runs:
                if isinstance(run, Figure) and id(run) not in self.figures:
                    self.notes.append(Note(len(self.notes) + 1, run))
                    self.figures[id(run)] = len(self.notes)

    def note(self, figure: Figure) -> int:
        return self.figures[id(figure)]


def _blocks(document: Document) -> Iterator[Block]:
    for section in document.sections:
        for part in section.parts:
            yield from part.blocks


def filename(document: Document, fmt: str) -> str:
    return f"review-{document.period.start}-{document.period.end}.{FORMATS[fmt][1]}"


def render(document: Document, fmt: str, *, style_nonce: str = "") -> bytes:
    """``fmt``: ``html``, ``md``, ``pdf`` or ``docx``. ``style_nonce``: the response's
    Content-Security-Policy nonce, when the HTML is served as a page (its stylesheet is
    inline, so that the file stands alone when saved)."""
    document = _xml_safe(document)
    with translation.override(document.language):
        if fmt == "md":
            return markdown(document).encode("utf-8")
        if fmt == "html":
            return html(document, style_nonce=style_nonce).encode("utf-8")
        if fmt == "pdf":
            return pdf(document)
        if fmt == "docx":
            return docx(document)
    raise ValueError(f"unknown format {fmt!r} (one of: {', '.join(FORMATS)})")


def _xml_safe(document: Document) -> Document:
    """The document with every text made fit for XML (``sources.text.xml_safe``): a
    narrative or a fact stored before input was cleaned may hold a control character
    (a vertical tab pasted from Word) that python-docx and WeasyPrint refuse. A block or
    figure used twice stays one object, so it keeps one number."""
    done: dict[int, Any] = {}

    def safe(value: Any) -> Any:
        if isinstance(value, str):
            return xml_safe(value)
        if isinstance(value, tuple):
            return tuple(safe(item) for item in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            if id(value) not in done:
                changes = {f.name: safe(getattr(value, f.name)) for f in dataclasses.fields(value)}
                done[id(value)] = dataclasses.replace(value, **changes)
            return done[id(value)]
        return value

    result: Document = safe(document)
    return result


# -- Markdown ------------------------------------------------------------------------------


def _md_runs(runs: tuple[Run, ...], numbering: Numbering) -> str:
    return "".join(
        run if isinstance(run, str) else f"{run.text}[^{numbering.note(run)}]" for run in runs
    )


def markdown(document: Document) -> str:
    numbering = Numbering(document)
    lines = [f"# {document.title}", ""]
    if document.symbol:
        lines += [document.symbol, ""]
    lines += [_period_line(document), ""]
    for section in document.sections:
        lines += [f"## {section.number}. {section.title}", ""]
        for part in section.parts:
            lines += [f"### {part.letter}. {part.title}", ""]
            for block in part.blocks:
                lines += [*_md_block(block, numbering), ""]
    lines += [f"## {_('Annex: sources of the figures')}", ""]
    for note in numbering.notes:
        lines.append(f"[^{note.number}]: {_note_text(note.figure)}")
    return "\n".join(lines) + "\n"


def _md_block(block: Block, numbering: Numbering) -> list[str]:
    if isinstance(block, Paragraph):
        lines = [f"{numbering.paragraphs[id(block)]}. {_md_runs(block.runs, numbering)}"]
        for letter, item in zip("abcdefghijklmnopqrstuvwxyz", block.items, strict=False):
            lines.append(f"    ({letter}) {_md_runs(item, numbering)}")
        return lines
    if isinstance(block, Table):
        lines = [f"**{block.caption}**", ""]
        lines.append("| " + " | ".join(block.header) + " |")
        lines.append("|" + "---|" * len(block.header))
        for row in block.rows:
            cells = [_md_runs((cell,), numbering).replace("|", "\\|") for cell in row]
            lines.append("| " + " | ".join(cells) + " |")
        if block.note:
            lines += ["", f"*{block.note}*"]
        return lines
    encoded = base64.b64encode(block.svg.encode("utf-8")).decode("ascii")
    return [f"![{block.title}](data:image/svg+xml;base64,{encoded})", "", f"*{block.description}*"]


def _period_line(document: Document) -> str:
    return _("Period reviewed: %(start)s to %(end)s. Generated on %(today)s from the record.") % {
        "start": _day(document.period.start),
        "end": _day(document.period.end),
        "today": _day(document.generated),
    }


def _day(day: object) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y")


def _note_text(figure: Figure) -> str:
    sources = "; ".join(figure.sources) if figure.sources else _("no source: not known")
    method = f" {_('Computed:')} {figure.method}." if figure.method else ""
    return f"{figure.text} ({figure.key}).{method} {_('Sources:')} {sources}."


# -- HTML and PDF ---------------------------------------------------------------------------


def html(document: Document, *, for_pdf: bool = False, style_nonce: str = "") -> str:
    numbering = Numbering(document)
    return render_to_string(
        "review/document.html",
        {
            "document": document,
            "period_line": _period_line(document),
            "sections": [
                {
                    "section": section,
                    "parts": [
                        {"part": part, "blocks": [_html_block(b, numbering) for b in part.blocks]}
                        for part in section.parts
                    ],
                }
                for section in document.sections
            ],
            "notes": [
                {"number": n.number, "figure": n.figure, "text": _note_text(n.figure)}
                for n in numbering.notes
            ],
            "for_pdf": for_pdf,
            "style_nonce": style_nonce,
        },
    )


def _html_block(block: Block, numbering: Numbering) -> dict[str, object]:
    if isinstance(block, Paragraph):
        return {
            "kind": "paragraph",
            "number": numbering.paragraphs[id(block)],
            "runs": _html_runs(block.runs, numbering),
            "items": [_html_runs(item, numbering) for item in block.items],
        }
    if isinstance(block, Table):
        return {
            "kind": "table",
            "table": block,
            "rows": [_html_runs(row, numbering) for row in block.rows],
        }
    return {"kind": "chart", "chart": block}


def _html_runs(runs: tuple[Run, ...], numbering: Numbering) -> list[dict[str, object]]:
    return [
        {"text": run}
        if isinstance(run, str)
        else {"text": run.text, "note": numbering.note(run), "key": run.key}
        for run in runs
    ]


def pdf(document: Document) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=html(document, for_pdf=True)).write_pdf())


# -- DOCX ------------------------------------------------------------------------------------


def docx(document: Document) -> bytes:
    import cairosvg
    from docx import Document as Word
    from docx.shared import Cm, Pt

    numbering = Numbering(document)
    word = Word()
    style = word.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    word.add_heading(document.title, level=0)
    if document.symbol:
        word.add_paragraph(document.symbol)
    word.add_paragraph(_period_line(document))

    def runs(paragraph: object, items: tuple[Run, ...]) -> None:
        for run in items:
            if isinstance(run, str):
                paragraph.add_run(run)  # type: ignore[attr-defined]
            else:
                paragraph.add_run(run.text)  # type: ignore[attr-defined]
                mark = paragraph.add_run(str(numbering.note(run)))  # type: ignore[attr-defined]
                mark.font.superscript = True

    for section in document.sections:
        word.add_heading(f"{section.number}. {section.title}", level=1)
        for part in section.parts:
            word.add_heading(f"{part.letter}. {part.title}", level=2)
            for block in part.blocks:
                if isinstance(block, Paragraph):
                    paragraph = word.add_paragraph(f"{numbering.paragraphs[id(block)]}.\t")
                    runs(paragraph, block.runs)
                    for letter, item in zip(
                        "abcdefghijklmnopqrstuvwxyz", block.items, strict=False
                    ):
                        sub = word.add_paragraph(f"\t({letter})\t")
                        sub.paragraph_format.left_indent = Cm(1.25)
                        runs(sub, item)
                elif isinstance(block, Table):
                    word.add_paragraph(block.caption).runs[0].bold = True
                    table = word.add_table(rows=1, cols=len(block.header))
                    table.style = "Table Grid"
                    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                        cell.text = text
                    for row in block.rows:
                        cells = table.add_row().cells
                        for cell, value in zip(cells, row, strict=False):
                            runs(cell.paragraphs[0], (value,))
                    if block.note:
                        word.add_paragraph(block.note).runs[0].italic = True
                elif isinstance(block, Chart):
                    png = cairosvg.svg2png(bytestring=block.svg.encode("utf-8"), output_width=1400)
                    word.add_picture(io.BytesIO(png), width=Cm(16))
                    word.add_paragraph(block.description).runs[0].italic = True
    word.add_heading(_("Annex: sources of the figures"), level=1)
    for note in numbering.notes:
        word.add_paragraph(f"{note.number}. {_note_text(note.figure)}")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
