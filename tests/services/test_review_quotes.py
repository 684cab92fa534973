"""Every quote the reference data attributes to the review (``ref: review2020``) stands
in CCM/CONF/2020/13 word for word (white space folded: the text is a PDF extraction).

The review's text is kept in ``tests/samples/CCM-CONF-2020-13.txt`` (the plain text of the
UN document, as in the project's shared documents), so the check runs on every clone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from treaty_tracker.reference.loader import DATA_DIR

REVIEW_TEXT = Path(__file__).resolve().parents[1] / "samples" / "CCM-CONF-2020-13.txt"


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


REVIEW = _fold(REVIEW_TEXT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_every_quote_from_the_review_is_in_it_word_for_word(path: Path) -> None:
    facts = yaml.safe_load(path.read_text(encoding="utf-8")).get("facts") or []
    quotes = [
        (index, fact["source"].get("paragraph"), _fold(str(fact["source"].get("quote") or "")))
        for index, fact in enumerate(facts, start=1)
        if isinstance(fact.get("source"), dict) and fact["source"].get("ref") == "review2020"
    ]
    missing = [
        (index, paragraph, quote) for index, paragraph, quote in quotes if quote not in REVIEW
    ]
    assert missing == []
