"""The PostgreSQL score store (`QUIZ_SCORES_URL=postgresql://...`): several app servers, one class.

One table, created on first use, keyed by `answer_id` so that an answer saved twice (a retry,
a second server) is one row; `seq` keeps the order rows arrived in, so "the first answer in the
log" means the same here as in a CSV file. Reads go through the indexes on attempt and student.
Timestamps are stored as `timestamptz` and read back in the log's format (UTC, milliseconds).
PostgreSQL text cannot hold NUL characters, so a NUL typed by a student is stored as U+FFFD.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import psycopg
from psycopg import sql
from psycopg_pool import ConnectionPool, PoolTimeout

from app.log import COLUMNS, AnswerRow, Mode, timestamp_of, with_answer_id
from app.stores.base import StoreError

# The pool logs each failed connection attempt; the store reports them as a StoreError instead.
logging.getLogger("psycopg.pool").addHandler(logging.NullHandler())

TABLE = "quiz_answers"
CONNECT_TIMEOUT_S = 3
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    seq bigint GENERATED ALWAYS AS IDENTITY,
    timestamp timestamptz NOT NULL,
    student text NOT NULL,
    bank_id text NOT NULL,
    question_id text NOT NULL,
    question_hash text NOT NULL,
    attempt_id text NOT NULL,
    mode text NOT NULL,
    response text NOT NULL,
    correct boolean NOT NULL,
    score double precision NOT NULL CHECK (score >= 0 AND score <= 1),
    elapsed_ms bigint NOT NULL,
    rating text NOT NULL,
    answer_id text PRIMARY KEY
);
CREATE INDEX IF NOT EXISTS {TABLE}_attempt ON {TABLE} (attempt_id, seq);
CREATE INDEX IF NOT EXISTS {TABLE}_student ON {TABLE} (student, seq);
"""
_SELECT = sql.SQL("SELECT {} FROM {}").format(
    sql.SQL(", ").join(map(sql.Identifier, COLUMNS)), sql.Identifier(TABLE)
)
_INSERT = sql.SQL("INSERT INTO {} ({}) VALUES ({}) ON CONFLICT (answer_id) DO NOTHING").format(
    sql.Identifier(TABLE),
    sql.SQL(", ").join(map(sql.Identifier, COLUMNS)),
    sql.SQL(", ").join(sql.Placeholder() * len(COLUMNS)),
)


_COLUMN_LIST = sql.SQL(", ").join(map(sql.Identifier, COLUMNS))
_INCOMING = sql.SQL(
    "CREATE TEMP TABLE incoming ON COMMIT DROP AS "
    "SELECT 0::bigint AS number, {} FROM {} WITH NO DATA"
).format(_COLUMN_LIST, sql.Identifier(TABLE))
_COPY_IN = sql.SQL("COPY incoming (number, {}) FROM STDIN").format(_COLUMN_LIST)
_INSERT_INCOMING = sql.SQL(
    "INSERT INTO {} ({}) SELECT {} FROM incoming ORDER BY number ON CONFLICT (answer_id) DO NOTHING"
).format(sql.Identifier(TABLE), _COLUMN_LIST, _COLUMN_LIST)
BULK_ROWS = 500


class PostgresStore:
    """The score log in a PostgreSQL table, through a pool of connections."""

    def __init__(self, url: str) -> None:
        self.where = describe(url)
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=8,
            kwargs={"connect_timeout": CONNECT_TIMEOUT_S, "autocommit": True},
            timeout=CONNECT_TIMEOUT_S + 1,
            open=False,
            configure=_utc,
        )
        self._pool.open(wait=False)
        self._schema_ready = False

    def __repr__(self) -> str:
        return f"PostgresStore({self.where!r})"

    def append(self, rows: Sequence[AnswerRow]) -> None:
        values = [_values(with_answer_id(row)) for row in rows]
        if not values:
            return
        with self._cursor() as cursor:
            if len(values) <= BULK_ROWS:
                cursor.executemany(_INSERT, values)
                return
            with cursor.connection.transaction():  # a whole log: COPY, then keep the new ones
                cursor.execute(_INCOMING)
                with cursor.copy(_COPY_IN) as copy:
                    for number, row in enumerate(values):
                        copy.write_row((number, *row))
                cursor.execute(_INSERT_INCOMING)

    def attempt_rows(self, attempt_id: str) -> list[AnswerRow]:
        return self._select(sql.SQL("WHERE attempt_id = %s ORDER BY seq"), [attempt_id])

    def student_rows(self, student: str) -> list[AnswerRow]:
        return self._select(sql.SQL("WHERE student = %s ORDER BY seq"), [student])

    def answer_ids(self) -> set[str]:
        with self._cursor() as cursor:
            cursor.execute(sql.SQL("SELECT answer_id FROM {}").format(sql.Identifier(TABLE)))
            return {answer_id for (answer_id,) in cursor}

    def all_rows(self) -> Iterator[AnswerRow]:
        with self._cursor() as cursor:
            cursor.execute(sql.SQL("{} ORDER BY seq").format(_SELECT))
            while batch := cursor.fetchmany(10_000):
                yield from (_row(values) for values in batch)

    def frame(
        self,
        *,
        bank_id: str | None = None,
        modes: Iterable[Mode] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> pd.DataFrame:
        conditions, parameters = [sql.SQL("TRUE")], []
        for condition, value in (
            ("bank_id = %s", bank_id),
            ("mode = ANY(%s)", None if modes is None else [Mode(m).value for m in modes]),
            ("timestamp >= %s", since),
            ("timestamp < %s", until),
        ):
            if value is not None:
                conditions.append(sql.SQL(condition))
                parameters.append(value)
        query = sql.SQL("{} WHERE {} ORDER BY seq").format(
            _SELECT, sql.SQL(" AND ").join(conditions)
        )
        with self._cursor() as cursor:
            cursor.execute(query, parameters)
            records = cursor.fetchall()
        frame = pd.DataFrame.from_records(records, columns=list(COLUMNS))
        frame["timestamp"] = pd.to_datetime(frame["timestamp"], utc=True).dt.as_unit("ms")
        return frame.astype({"correct": bool, "score": float, "elapsed_ms": "int64"})

    @property
    def skipped(self) -> int:
        return 0

    def close(self) -> None:
        self._pool.close()

    def _select(self, where: sql.Composable, parameters: list[Any]) -> list[AnswerRow]:
        with self._cursor() as cursor:
            cursor.execute(sql.SQL("{} {}").format(_SELECT, where), parameters)
            return [_row(values) for values in cursor.fetchall()]

    def _cursor(self) -> _Cursor:
        return _Cursor(self)


class _Cursor:
    """A cursor from the pool; any database failure becomes a StoreError naming the server."""

    def __init__(self, store: PostgresStore) -> None:
        self._store = store
        self._connection: Any = None

    def __enter__(self) -> psycopg.Cursor[Any]:
        try:
            self._connection = self._store._pool.getconn()
            if not self._store._schema_ready:
                with self._connection.transaction():
                    self._connection.execute("SELECT pg_advisory_xact_lock(7361)")
                    self._connection.execute(SCHEMA)
                self._store._schema_ready = True
            return self._connection.cursor()
        except (psycopg.Error, PoolTimeout) as error:
            self._give_back()
            raise _store_error(error, self._store.where) from error

    def __exit__(self, kind: Any, error: BaseException | None, trace: Any) -> None:
        self._give_back()
        if isinstance(error, psycopg.Error):
            raise _store_error(error, self._store.where) from error

    def _give_back(self) -> None:
        if self._connection is not None:
            self._store._pool.putconn(self._connection)
            self._connection = None


def describe(url: str) -> str:
    """Where a database is, for messages: host, port and name, never the password."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = parts.port or 5432
    return f"PostgreSQL at {host}:{port}{parts.path or '/'}"


def _store_error(error: Exception, where: str) -> StoreError:
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    reason = re.sub(r"password=\S+", "password=***", reason)
    if isinstance(error, PoolTimeout | psycopg.OperationalError):
        return StoreError(f"the score database cannot be reached ({reason})", where=where)
    return StoreError(f"the score database refused the request ({reason})", where=where)


def _utc(connection: psycopg.Connection[Any]) -> None:
    connection.execute("SET TIME ZONE 'UTC'")


def _values(row: AnswerRow) -> tuple[Any, ...]:
    values = [
        value.replace("\x00", "\ufffd") if isinstance(value, str) else value
        for value in (getattr(row, column) for column in COLUMNS)
    ]
    values[0] = datetime.fromisoformat(row.timestamp)
    return tuple(values)


def _row(values: Sequence[Any]) -> AnswerRow:
    return AnswerRow(timestamp_of(values[0]), *values[1:])
