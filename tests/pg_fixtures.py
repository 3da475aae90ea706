"""pytest fixtures for a real PostgreSQL: one cluster per session, one empty database per test.

Register them by importing the fixture functions (in tests/conftest.py or a test module):

    from tests.pg_fixtures import pg_cluster_fixture, pg_url_fixture  # noqa: F401

then ask for `pg_cluster` (a `PgCluster`, see tests/pg_server.py) or `pg_url` (the
`postgresql://` URL of a fresh empty database, dropped after the test). The tests fail, never
skip, when PostgreSQL 15 is not installed: `make test` installs it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from tests.pg_server import PgCluster, PgServerError, postgres_cluster

_numbers = itertools.count(1)


@pytest.fixture(scope="session", name="pg_cluster")
def pg_cluster_fixture() -> Iterator[PgCluster]:
    """A PostgreSQL 15 cluster shared by the session; `stop()` and `start()` it at will."""
    with ExitStack() as stack:
        try:
            cluster = stack.enter_context(postgres_cluster())
        except PgServerError as error:
            pytest.fail(str(error), pytrace=False)
        yield cluster


@pytest.fixture(name="pg_url")
def pg_url_fixture(pg_cluster: PgCluster, request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of a new empty database for this test alone, owned by the test user."""
    test_name = re.sub(r"[^a-z0-9]+", "_", request.node.name.lower()).strip("_")
    name = f"t{next(_numbers)}_{test_name}"[:63]
    if not pg_cluster.running:
        pg_cluster.start()
    yield pg_cluster.new_database(name)
    if not pg_cluster.running:  # the test took the database down and left it down
        pg_cluster.start()
    pg_cluster.drop_database(name)
