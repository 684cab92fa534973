from treaty_tracker.themes.registry import Page, Theme

THEMES = [
    Theme(
        key="demo",
        number="X",
        title="Demonstration theme",
        pages=(Page("web:demo", "Demonstration theme", "A theme the tests plug in."),),
    )
]
