"""SVG charts over computed results (house style rule 7): one renderer per format.

:func:`render_svg` draws a :class:`StackedBarChart`, plain data with its words already
chosen, as SVG text: no models, no JavaScript, the same bytes for the same chart. Each
theme builds its charts from its computed results (``transparency.charts``,
``stockpiles.charts``, ...), so a page, its download and the golden files in
``tests/samples/charts/`` draw the same thing.

Accessibility: ``role="img"`` with a ``<title>`` and a ``<desc>`` that says every figure
in words; a visible legend; every category has its own pattern as well as its colour
(each colour is at least 3:1 against white, WCAG 1.4.11), and counts are written on the
bars. A count the record cannot tell ("not known") is drawn as its own hatched grey
segment, never left out so that the bar looks shorter; a row with nothing due says so in
words instead of drawing an empty bar. The data table on the page stays the accessible
source of the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

# -- the chart, as data ------------------------------------------------------------------


@dataclass(frozen=True)
class Category:
    """One kind of segment: its key (CSS class and pattern id), legend label and style."""

    key: str
    label: str
    colour: str
    pattern: str  # "solid", "dots", "stripes", "crosshatch" or "hatch"


@dataclass(frozen=True)
class Bar:
    """One row: a count per category (in the chart's order) and a note on its right."""

    label: str
    counts: tuple[int, ...]
    note: str
    empty: str = ""  # said in place of the bar when every count is 0


@dataclass(frozen=True)
class StackedBarChart:
    title: str
    description: str
    categories: tuple[Category, ...]
    bars: tuple[Bar, ...]
    id: str = "chart"  # prefixes every id, so two charts can share a page


# -- layout (SVG user units; the picture scales to its box) ------------------------------

WIDTH = 760
PAD = 16
LABEL_WIDTH = 170  # row labels, right-aligned against the bars
NOTE_WIDTH = 215  # the rate, left-aligned after the bars
BAR_X = PAD + LABEL_WIDTH
BAR_WIDTH = WIDTH - BAR_X - NOTE_WIDTH - PAD
ROW = 40
BAR_HEIGHT = 26
FONT = "'Noto Sans','Helvetica Neue',Arial,sans-serif"
INK = "#1b1f23"
MUTED = "#505a5f"
LEGEND_ROW = 24
LEGEND_SWATCH = 16
CHAR = 6.5  # an average character at 13px, to lay out the legend without a font
MIN_LABEL = 24  # the narrowest segment a count is written on


def number(value: float) -> str:
    """A coordinate, written the same way every time (no float noise)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def pattern(pid: str, colour: str, kind: str) -> str:
    """A fill that does not rely on colour alone: solid, dots, stripes, crosshatch, or the
    pale ``hatch`` of an uncertain part."""
    inner = {
        "solid": f'<rect width="8" height="8" fill="{colour}"/>',
        "dots": f'<rect width="8" height="8" fill="{colour}"/>'
        '<circle cx="4" cy="4" r="1.3" fill="#fff"/>',
        "stripes": f'<rect width="8" height="8" fill="{colour}"/>'
        '<path d="M0 8L8 0M-2 2L2 -2M6 10L10 6" stroke="#fff" stroke-width="1.5"/>',
        "crosshatch": f'<rect width="8" height="8" fill="{colour}"/>'
        '<path d="M0 0L8 8M8 0L0 8" stroke="#fff" stroke-width="1.2"/>',
        "hatch": '<rect width="8" height="8" fill="#f3f5f7"/>'
        f'<path d="M0 8L8 0M-2 2L2 -2M6 10L10 6" stroke="{colour}" stroke-width="1.5"/>',
    }[kind]
    return (
        f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">{inner}</pattern>'
    )


def _pattern(chart: StackedBarChart, category: Category) -> str:
    return pattern(f"{chart.id}-{category.key}", category.colour, category.pattern)


def svg_open(chart_id: str, title: str, description: str, height: float) -> list[str]:
    """The start of every chart: the ``svg`` element with its title and description for
    screen readers (``role="img"``)."""
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"'
        f' viewBox="0 0 {WIDTH} {number(height)}" width="{WIDTH}" height="{number(height)}"'
        f' aria-labelledby="{title_id} {desc_id}" font-family="{FONT}" font-size="13"'
        f' fill="{INK}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
    ]


def text(x: float, y: float, text: str, **attrs: str) -> str:
    """An SVG ``text`` element, escaped."""
    extra = "".join(f" {k.replace('_', '-')}={quoteattr(v)}" for k, v in attrs.items())
    return f'<text x="{number(x)}" y="{number(y)}"{extra}>{escape(text)}</text>'


def _legend(chart: StackedBarChart, top: float) -> tuple[list[str], float]:
    """The legend, wrapped to the chart's width; returns its lines and its bottom."""
    parts = ['<g class="chart__legend">']
    x, y = float(PAD), top
    for category in chart.categories:
        width = LEGEND_SWATCH + 6 + len(category.label) * CHAR + 16
        if x + width > WIDTH - PAD and x > PAD:
            x, y = float(PAD), y + LEGEND_ROW
        parts.append(
            f'<rect x="{number(x)}" y="{number(y)}"'
            f' width="{LEGEND_SWATCH}" height="{LEGEND_SWATCH}"'
            f' fill="url(#{chart.id}-{category.key})" stroke="{INK}" stroke-width="1"/>'
        )
        parts.append(text(x + LEGEND_SWATCH + 6, y + 12.5, category.label))
        x += width
    parts.append("</g>")
    return parts, y + LEGEND_ROW


def _bar(chart: StackedBarChart, bar: Bar, y: float, scale: float) -> list[str]:
    parts = ['<g class="chart__row">']
    middle = y + BAR_HEIGHT / 2 + 4.5
    parts.append(text(BAR_X - 10, middle, bar.label, text_anchor="end", font_weight="600"))
    total = sum(bar.counts)
    if total == 0:
        parts.append(text(BAR_X, middle, bar.empty, fill=MUTED, font_style="italic"))
        parts.append("</g>")
        return parts
    x = float(BAR_X)
    for category, count in zip(chart.categories, bar.counts, strict=True):
        if count == 0:
            continue
        width = count * scale
        parts.append(
            f'<rect class="chart__segment chart__segment--{category.key}" x="{number(x)}"'
            f' y="{number(y)}" width="{number(width)}" height="{BAR_HEIGHT}"'
            f' fill="url(#{chart.id}-{category.key})" stroke="{INK}" stroke-width="1">'
            f"<title>{escape(f'{category.label}: {count}')}</title></rect>"
        )
        if width >= MIN_LABEL:
            # A white halo keeps the count readable on every colour and pattern.
            parts.append(
                text(
                    x + width / 2,
                    middle,
                    str(count),
                    text_anchor="middle",
                    font_weight="700",
                    stroke="#fff",
                    stroke_width="3.5",
                    paint_order="stroke",
                )
            )
        x += width
    # The notes line up in a column, as a table's would.
    parts.append(text(BAR_X + BAR_WIDTH + 10, middle, bar.note))
    parts.append("</g>")
    return parts


def render_svg(chart: StackedBarChart) -> str:
    """The chart as an SVG element (no XML declaration: it is inlined in pages too)."""
    legend, legend_bottom = _legend(chart, PAD + 22)
    top = legend_bottom + 8
    height = top + ROW * len(chart.bars) + PAD - (ROW - BAR_HEIGHT)
    largest = max((sum(b.counts) for b in chart.bars), default=0)
    scale = BAR_WIDTH / largest if largest else 0.0
    parts = [
        *svg_open(chart.id, chart.title, chart.description, height),
        "<defs>",
        *(_pattern(chart, c) for c in chart.categories),
        "</defs>",
        f'<rect width="{WIDTH}" height="{number(height)}" fill="#fff"/>',
        text(PAD, PAD + 6, chart.title, font_size="15", font_weight="700"),
        *legend,
    ]
    for index, bar in enumerate(chart.bars):
        parts.extend(_bar(chart, bar, top + index * ROW, scale))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def svg_document(chart: StackedBarChart) -> str:
    """A standalone ``.svg`` file."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + render_svg(chart)
