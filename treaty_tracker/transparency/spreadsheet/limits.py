"""Size limits on an upload, checked before anything is parsed (see ``safety``)."""

from __future__ import annotations

# Limits. A filled-in report is a few dozen kilobytes; these leave a wide margin while
# keeping a hostile file from costing the server memory or time.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # the file as uploaded
MAX_UNCOMPRESSED_BYTES = 40 * 1024 * 1024  # all members of the zip, decompressed
MAX_ZIP_MEMBERS = 200
MAX_ROWS = 5000  # per sheet
MAX_COLUMNS = 200  # per sheet
# The most digits a number in a JSON report may have: a spreadsheet keeps 15 significant
# digits, so a longer number could not survive the template's round trip (and Python
# refuses to read an integer of more than 4,300 digits at all).
MAX_NUMBER_DIGITS = 15
