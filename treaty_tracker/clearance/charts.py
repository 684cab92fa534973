"""Article 4 charts as SVG (house style rule 7: a renderer over computed results), in the
style of ``themes/charts.py``: ``role="img"`` with a title and a description that says
every figure in words, a legend, a pattern as well as a colour per State, values written
beside the bars. Areas are drawn in km² (1 km² = 1,000,000 m²). A lower bound ("more
than") is hatched and says "at least"; the table on the page stays the accessible source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from treaty_tracker.rules import clearance as rules
from treaty_tracker.themes.charts import INK, MUTED, PAD, WIDTH, number, pattern, svg_open, text

LABEL_WIDTH = 190
NOTE_WIDTH = 190
BAR_X = PAD + LABEL_WIDTH
BAR_WIDTH = WIDTH - BAR_X - NOTE_WIDTH - PAD
ROW = 34
BAR_HEIGHT = 22
# At least 3:1 against white (WCAG 1.4.11), as in themes/charts.py.
COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#6f3c97", "#b35900", "#28676f", "#912b88")
PATTERNS = ("solid", "stripes", "dots", "crosshatch")


@dataclass(frozen=True)
class Segment:
    key: str  # legend key (a State's ISO3)
    value: float  # km²


@dataclass(frozen=True)
class Row:
    label: str
    segments: tuple[Segment, ...]
    note: str
    hatched: bool = False  # a lower bound


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    legend: Mapping[str, str]  # key -> label, in order
    rows: tuple[Row, ...]
    empty: str


def km2(m2: float | int | None) -> str:
    if m2 is None:
        return _("not known")
    return f"{m2 / 1_000_000:,.2f} km²"


def render_area_svg(chart: Chart) -> str:
    keys = list(chart.legend)
    style = {
        key: (COLOURS[i % len(COLOURS)], PATTERNS[(i // len(COLOURS)) % len(PATTERNS)])
        for i, key in enumerate(keys)
    }
    legend_rows = (len(keys) + 3) // 4
    top = PAD + 34 + legend_rows * 22
    height = top + max(len(chart.rows), 1) * ROW + PAD
    largest = max((sum(s.value for s in r.segments) for r in chart.rows), default=0.0)
    scale = BAR_WIDTH / largest if largest else 0.0
    parts = [
        *svg_open(chart.id, chart.title, chart.description, height),
        "<defs>",
        *(
            pattern(f"{chart.id}-{k}", c, p) + pattern(f"{chart.id}-{k}-bound", c, "hatch")
            for k, (c, p) in style.items()
        ),
        "</defs>",
        f'<rect width="{WIDTH}" height="{number(height)}" fill="#fff"/>',
        text(PAD, PAD + 6, chart.title, font_size="15", font_weight="700"),
        '<g class="chart__legend">',
    ]
    for index, key in enumerate(keys):
        x = PAD + (index % 4) * 180
        y = PAD + 22 + (index // 4) * 22
        parts.append(
            f'<rect x="{number(x)}" y="{number(y)}" width="16" height="16"'
            f' fill="url(#{chart.id}-{key})" stroke="{INK}" stroke-width="1"/>'
        )
        parts.append(text(x + 22, y + 12.5, chart.legend[key]))
    parts.append("</g>")
    if not chart.rows:
        parts.append(text(PAD, top + BAR_HEIGHT / 2 + 4.5, chart.empty, fill=MUTED))
    for index, row in enumerate(chart.rows):
        y = top + index * ROW
        middle = y + BAR_HEIGHT / 2 + 4.5
        parts.append('<g class="chart__row">')
        parts.append(text(BAR_X - 10, middle, row.label, text_anchor="end", font_weight="600"))
        x = float(BAR_X)
        for segment in row.segments:
            width = max(segment.value * scale, 1.0 if segment.value else 0.0)
            fill = f"{chart.id}-{segment.key}" + ("-bound" if row.hatched else "")
            name = chart.legend.get(segment.key, segment.key)
            parts.append(
                f'<rect class="chart__segment" x="{number(x)}" y="{number(y)}"'
                f' width="{number(width)}"'
                f' height="{BAR_HEIGHT}" fill="url(#{fill})" stroke="{INK}" stroke-width="1">'
                f"<title>{escape(f'{name}: {segment.value:,.2f} km²')}</title></rect>"
            )
            x += width
        parts.append(text(BAR_X + BAR_WIDTH + 10, middle, row.note))
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def release_chart(
    by_year: Sequence[rules.YearRelease],
    by_state: Mapping[str, Sequence[rules.YearRelease]],
    names: Mapping[str, str],
) -> Chart:
    """Area released per year: one bar per year, a segment per State, the total beside."""
    states = sorted(by_state, key=lambda iso: names.get(iso, iso))
    per = {(iso, y.year): y.total_m2 for iso in states for y in by_state[iso]}
    rows = tuple(
        Row(
            label=str(year.year),
            segments=tuple(
                Segment(iso, per[(iso, year.year)] / 1_000_000)
                for iso in states
                if per.get((iso, year.year))
            ),
            note=_("total %(area)s") % {"area": km2(year.total_m2)},
        )
        for year in by_year
    )
    words = "; ".join(
        f"{y.year}: {km2(y.total_m2)} ("
        + ", ".join(f"{names.get(iso, iso)} {km2(per[(iso, y.year)])}" for iso in y.states)
        + ")"
        for y in by_year
    )
    return Chart(
        id="released",
        title=_("Area released per year, by State (land release on the record)"),
        description=words or _("No land release is on the record for this date."),
        legend={iso: names.get(iso, iso) for iso in states},
        rows=rows,
        empty=_("No land release is on the record for this date."),
    )


def remaining_chart(remaining: Mapping[str, rules.Remaining], names: Mapping[str, str]) -> Chart:
    """Remaining contamination per State: the latest estimate, hatched if a lower bound."""
    known = [r for r in remaining.values() if r.area_m2 is not None]
    known.sort(key=lambda r: -(r.area_m2 or 0))

    def note(r: rules.Remaining) -> str:
        when = r.as_of.iso() if r.dated else _("date not known")
        prefix = _("at least ") if r.bound is rules.Bound.AT_LEAST else ""
        if r.bound is rules.Bound.APPROXIMATELY:
            prefix = _("about ")
        return f"{prefix}{km2(r.area_m2)} ({when})"

    rows = tuple(
        Row(
            label=names.get(r.state, r.state),
            segments=(Segment(r.state, (r.area_m2 or 0) / 1_000_000),),
            note=note(r),
            hatched=r.bound is rules.Bound.AT_LEAST,
        )
        for r in known
    )
    return Chart(
        id="remaining",
        title=_("Remaining contamination (latest estimate on the record)"),
        description="; ".join(f"{names.get(r.state, r.state)}: {note(r)}" for r in known)
        or _("No estimate of remaining contamination is on the record for this date."),
        legend={r.state: names.get(r.state, r.state) for r in known},
        rows=rows,
        empty=_("No estimate of remaining contamination is on the record for this date."),
    )
