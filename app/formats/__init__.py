"""Import and export of banks in other formats; each module handles one format.

`EXPORTERS` maps a format name to a function that turns a loaded bank into the file's
content: text (str) or binary (bytes).
"""

from __future__ import annotations

from collections.abc import Callable

from app.bank import LoadedBank
from app.formats.json_export import bank_to_json

EXPORTERS: dict[str, Callable[[LoadedBank], str | bytes]] = {
    "json": bank_to_json,
}
