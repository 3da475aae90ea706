"""Cells that a spreadsheet would run as formulas: written neutralised, read back as typed."""

from __future__ import annotations

import pytest

from app.spreadsheet import from_cell, to_cell


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(1,1)", "'@SUM(1,1)"),
        ("'=x", "''=x"),
        ("'-5", "''-5"),
        ("-5", "-5"),
        ("+3.5", "+3.5"),
        ("-1,5", "-1,5"),
        ("-.5", "-.5"),
        ("'5", "'5"),
        ("", ""),
        ("Paris", "Paris"),
        (" =x", " =x"),
    ],
)
def test_cells_round_trip(text: str, cell: str) -> None:
    assert to_cell(text) == cell
    assert from_cell(cell) == text
