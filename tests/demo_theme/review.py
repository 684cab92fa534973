from __future__ import annotations

from treaty_tracker.themes.document import Paragraph, Period, ReviewSection, SectionContent


def build(period: Period) -> SectionContent:
    return SectionContent(status=(Paragraph(("The demonstration theme's part A.",)),), theme="demo")


SECTION = ReviewSection(number="X", key="demo", title="Demonstration theme", build=build)
