"""The throwaway PostgreSQL cluster the store tests run against (tests/pg_server.py)."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from tests import pg_server
from tests.pg_server import PgCluster, PgServerError, postgres_cluster


def test_the_url_logs_in_over_tcp_as_the_test_user(pg_cluster: PgCluster) -> None:
    url = urlsplit(pg_cluster.url)
    assert (url.scheme, url.hostname, url.port) == ("postgresql", "127.0.0.1", pg_cluster.port)
    assert (url.username, url.password) == ("quiz_test", pg_cluster.password)
    assert pg_cluster.password
    with psycopg.connect(pg_cluster.url) as conn:
        row = conn.execute(
            "SELECT current_user, current_database(), inet_server_addr()::text,"
            " current_setting('server_version_num')::int,"
            " (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"
        ).fetchone()
    assert row is not None
    user, dbname, address, version, superuser = row
    assert (user, dbname, address, superuser) == ("quiz_test", "quiz", "127.0.0.1/32", False)
    assert 150000 <= version < 160000


@pytest.mark.parametrize("password", ["wrong", ""])
def test_a_wrong_password_is_refused(
    pg_cluster: PgCluster, password: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(
            host=pg_cluster.host,
            port=pg_cluster.port,
            user=pg_cluster.user,
            password=password,
            dbname=pg_cluster.dbname,
            connect_timeout=5,
        )


def test_the_superuser_cannot_log_in_over_tcp(pg_cluster: PgCluster) -> None:
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(f"postgresql://postgres:@{pg_cluster.host}:{pg_cluster.port}/postgres")


@pytest.mark.parametrize("turn", ["first", "second"])
def test_each_test_gets_a_fresh_empty_database(pg_url: str, turn: str) -> None:
    with psycopg.connect(pg_url) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
        assert tables == (0,)
        conn.execute("CREATE TABLE answers (id text PRIMARY KEY)")  # the test user owns it
        conn.execute("INSERT INTO answers VALUES (%s)", (turn,))


def test_new_database_refuses_names_that_need_quoting(pg_cluster: PgCluster) -> None:
    with pytest.raises(ValueError, match="database name"):
        pg_cluster.new_database('x"; DROP DATABASE quiz; --')


def test_stop_and_start_keep_the_data_and_cleanup_removes_everything() -> None:
    with postgres_cluster() as cluster:
        url = cluster.new_database("kept")
        with psycopg.connect(url) as conn:
            conn.execute("CREATE TABLE answers (id text PRIMARY KEY)")
            conn.execute("INSERT INTO answers VALUES ('a1')")
        cluster.stop()
        assert not cluster.running
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(url, connect_timeout=5)
        cluster.start()
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT id FROM answers").fetchall() == [("a1",)]
        base, port = cluster.base, cluster.port
        assert base.is_dir()
    assert not base.exists()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_missing_binaries_fail_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pg_server, "PG_BIN", tmp_path)
    with pytest.raises(PgServerError, match="`make test` installs"), postgres_cluster():
        pass
