"""Copy a score log into another (CSV to PostgreSQL and back) without doubling any answer."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from app.log import with_answer_id
from app.stores import is_database_url
from app.stores.base import ScoreStore

BATCH_ROWS = 50_000


@dataclass(frozen=True)
class CopyResult:
    copied: int
    already_there: int
    skipped: int  # damaged lines of the source, left out


def copy_scores(source: ScoreStore, target: ScoreStore) -> CopyResult:
    """Append to `target` every answer of `source` it does not hold yet, in order.

    Rows from logs older than answer ids get an id made from their content, so copying the
    same log again finds them already there.
    """
    present = target.answer_ids()
    copied = already_there = 0
    rows = (with_answer_id(row) for row in source.all_rows())
    while batch := list(islice(rows, BATCH_ROWS)):
        new = []
        for row in batch:
            if row.answer_id in present:
                already_there += 1
            else:
                present.add(row.answer_id)
                new.append(row)
        target.append(new)
        copied += len(new)
    return CopyResult(copied, already_there, source.skipped)


def shown(target: str) -> str:
    """A log's name for messages: a database without its password, or a file's path."""
    if is_database_url(target):
        from app.stores.postgres import describe

        return describe(target)
    return target
