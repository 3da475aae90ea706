"""Import and export of banks in other formats; each module handles one format.

`EXPORTERS` maps a format name to a function that turns a loaded bank into the file's
content: text (str) or binary (bytes). `IMPORTERS` maps a format name to a pure function
`(text, file name) -> ImportResult`: the questions it could read and a located notice for
everything else (see importing.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.bank import LoadedBank
from app.formats.anki import bank_to_apkg
from app.formats.anki_text import parse_anki_text
from app.formats.csv_format import bank_to_csv, parse_csv
from app.formats.gift_parse import parse_gift
from app.formats.gift_write import bank_to_gift
from app.formats.importing import ImportResult, decode
from app.formats.json_export import bank_to_json
from app.formats.yaml_writer import bank_to_yaml

EXPORTERS: dict[str, Callable[[LoadedBank], str | bytes]] = {
    "json": bank_to_json,
    "gift": bank_to_gift,
    "anki": bank_to_apkg,
    "csv": bank_to_csv,
}

IMPORTERS: dict[str, Callable[[str, str], ImportResult]] = {
    "gift": parse_gift,
    "anki-text": parse_anki_text,
    "csv": parse_csv,
}


def import_to_yaml(
    raw: bytes, file: str, format_name: str, bank_id: str, title: str | None = None
) -> tuple[str | None, ImportResult]:
    """Read a file in `format_name` and return (bank YAML, result); YAML is None when no
    question could be imported. The bank has no `source`, so it needs no quotes."""
    text, problem = decode(raw, file)
    if text is None:
        return None, ImportResult(notices=[problem] if problem else [])
    result = IMPORTERS[format_name](text, file)
    if not result.questions:
        return None, result
    name = Path(file).stem.replace("_", " ").replace("-", " ").strip() or bank_id
    bank = {
        "id": bank_id,
        "title": title or result.title or name,
        "questions": result.questions,
    }
    header = (
        f"Imported from {Path(file).name} ({format_name}) by python -m app import.\n"
        "The format is explained in questions/README.md; check this file with\n"
        "python -m app validate."
    )
    return bank_to_yaml(bank, header=header), result
