"""A tiny theme that lives only in the tests: installing it (``INSTALLED_APPS``) must be all
it takes for it to appear on the themes page, the State profile, the API and the review
(``tests/http/test_theme_plugs_in.py``). Nothing shared names it."""
