"""The generated review: its figures agree with CCM/CONF/2020/13 where the record holds
the data and say "not known" where it does not; every figure is traced; the staff's
narrative is merged in with its history; every format renders, and the PDF is readable.
Tests compare figures, never prose."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from tests.factories import run_cli
from treaty_tracker.review.generate import generate
from treaty_tracker.review.models import Edition, Narrative
from treaty_tracker.review.render import render
from treaty_tracker.themes.document import Paragraph, Period

pytestmark = pytest.mark.django_db
REVIEW = Period(date(2015, 9, 11), date(2020, 9, 28))
PARA_94_OVERDUE = ("Cabo Verde", "Comoros", "Congo", "Guinea", "Madagascar", "Rwanda", "Togo")


@pytest.fixture(scope="module")
def document(django_db_setup: object, django_db_blocker: object) -> object:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return generate(REVIEW, today=date(2026, 11, 28))


def test_it_follows_the_structure_of_the_original(document: object) -> None:
    numbers = [s.number for s in document.sections]  # type: ignore[attr-defined]
    assert numbers == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    parts = {s.number: [p.letter for p in s.parts] for s in document.sections}  # type: ignore[attr-defined]
    assert parts["I"] == ["A"] and parts["IX"] == ["A"]
    assert parts["III"] == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("introduction.states_parties", 110),  # para 3
        ("transparency.initial_due", 107),  # para 94
        ("transparency.initial_submitted", 100),
        ("transparency.initial_rate", 93),
        ("transparency.initial_overdue", PARA_94_OVERDUE),
    ],
)
def test_its_figures_agree_with_the_review(document: object, key: str, value: object) -> None:
    assert document.figure(key).value == value  # type: ignore[attr-defined]


def test_it_says_not_known_where_the_record_cannot_tell(document: object) -> None:
    # No coverage date for annual reports: the rate is not known, never a guess.
    figure = document.figure("transparency.annual_2019_rate")  # type: ignore[attr-defined]
    assert figure.value is None and figure.text == "not known"


def test_every_figure_is_traced(document: object) -> None:
    figures = list(document.figures())  # type: ignore[attr-defined]
    assert len(figures) > 50
    keys = [f.key for f in figures]
    assert all(k and "." in k for k in keys)
    untraced = [f.key for f in figures if f.value is not None and not (f.sources or f.method)]
    assert untraced == []


def test_the_staff_narrative_is_merged_and_kept_with_history(isla: User) -> None:
    edition = Edition.objects.create(period_start=REVIEW.start, period_end=REVIEW.end)
    narrative = Narrative(edition=edition, section="stockpiles", part="C", text="First.\n\nSecond.")
    narrative._history_user = isla  # type: ignore[attr-defined]
    narrative.save()
    narrative.text = "First, corrected.\n\nSecond."
    narrative.save()
    document = generate(REVIEW, edition=edition)
    section = next(s for s in document.sections if s.key == "stockpiles")
    challenges = next(p for p in section.parts if p.letter == "C")
    texts = [b.runs[0] for b in challenges.blocks if isinstance(b, Paragraph)]
    assert texts == ["First, corrected.", "Second."]
    assert narrative.history.count() == 2


def test_it_renders_markdown_html_and_docx_with_the_sources(document: object) -> None:
    from docx import Document as Word

    markdown = render(document, "md").decode()  # type: ignore[arg-type]
    assert "## VII. Transparency and exchange of information measures" in markdown
    assert "107[^" in markdown and "Annex: sources of the figures" in markdown
    html = render(document, "html").decode()  # type: ignore[arg-type]
    assert 'data-key="transparency.initial_due">107</span>' in html
    word = Word(io.BytesIO(render(document, "docx")))  # type: ignore[arg-type]
    text = "\n".join(p.text for p in word.paragraphs)
    assert "VII. Transparency and exchange of information measures" in text
    assert "Annex: sources of the figures" in text


def test_the_pdf_is_readable(document: object, tmp_path: Path) -> None:
    """Render the first page to PNG and read its text back: the PDF is looked at."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(render(document, "pdf"))  # type: ignore[arg-type]
    assert len(pdf) > 5
    first = pdf[0]
    text = first.get_textpage().get_text_range()
    assert "Review of the operation and status" in text
    image = first.render(scale=1).to_pil().convert("L")
    image.save(tmp_path / "page1.png")
    dark = sum(image.histogram()[:128])
    assert 0.002 < dark / (image.width * image.height) < 0.3  # ink on a white page


def test_the_command_writes_each_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for fmt in ("pdf", "docx", "html", "md"):
        output = tmp_path / f"review.{fmt}"
        code, _out, err = run_cli(
            capsys,
            "review",
            "--from",
            "2015-09-11",
            "--to",
            "2020-09-28",
            "--format",
            fmt,
            "--output",
            str(output),
        )
        assert (code, err) == (0, "")
        assert output.stat().st_size > 1000


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "2020-09-28", "--to", "2015-09-11"], "--to: The period ends on 2015-09-11"),
        (["--from", "yesterday", "--to", "2020-09-28"], "--from"),
        (
            ["--from", "2015-09-11", "--to", "2020-09-28", "--format", "pdf"],
            "--output FILE is required",
        ),
        (["--from", "2015-09-11", "--to", "2020-09-28", "--edition", "999"], "no such edition"),
    ],
)
def test_the_command_refuses_bad_input(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run_cli(capsys, "review", *argv)
    assert code == 2 and out == ""
    assert message in err


def test_it_is_generated_in_french_with_the_same_figures(document: object) -> None:
    french = generate(REVIEW, language="fr", today=date(2026, 11, 28))
    assert french.title.startswith("Examen du fonctionnement")
    assert french.sections[1].title == "Universalisation"
    markdown = render(french, "md").decode()
    assert "Période examinée" in markdown and "11 septembre 2015" in markdown
    for key in ("introduction.states_parties", "transparency.initial_due"):
        assert french.figure(key).value == document.figure(key).value  # type: ignore[attr-defined]
