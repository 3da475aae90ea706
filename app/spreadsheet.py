"""Text cells that open safely in a spreadsheet, and read back exactly as they were typed.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
before one, as OWASP warns) as a formula
(`=HYPERLINK(...)`, `@SUM(1,1)`, `-2+3`). Every CSV the app writes puts a `'` before such a
text (spreadsheets show it as text, and hide the `'`); numbers such as `-5` or `+3.5` stay
numbers. Reading takes one `'` off again. So that this is exact, a text that already starts
with `'`s before one of those signs gets one more `'` (`'=x` is written `''=x`).
"""

from __future__ import annotations

import re

FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")
NEUTRALISED = re.compile(r"^'('*[=+\-@\t\r])")
NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$")
# The same as NEUTRALISED for pyarrow's RE2 (group 1 is what is kept).
NEUTRALISED_RE2 = r"^'('*[=+\-@\t\r])"


def to_cell(text: str) -> str:
    """`text` as a CSV cell a spreadsheet shows as text (see the module docstring)."""
    if FORMULA_START.match(text) and not NUMBER.match(text):
        return "'" + text
    return text


def from_cell(cell: str) -> str:
    """The text `to_cell` was given."""
    return cell[1:] if NEUTRALISED.match(cell) else cell
