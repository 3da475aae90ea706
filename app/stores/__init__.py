"""Where the score log is kept: a CSV file (the default) or a PostgreSQL database.

Pages and commands get a store from `open_store` and never touch the file or the database.
"""

from __future__ import annotations

from pathlib import Path

from app.stores.base import ScoreStore, StoreError

__all__ = ["ScoreStore", "StoreError", "is_database_url", "open_store"]


def is_database_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def open_store(target: str | Path) -> ScoreStore:
    """The store at `target`: a `postgresql://` URL, or the path of a CSV file."""
    if isinstance(target, str) and is_database_url(target):
        from app.stores.postgres import PostgresStore  # psycopg loads only when it is used

        return PostgresStore(target)
    from app.stores.csv_store import CsvStore

    return CsvStore(Path(target))
