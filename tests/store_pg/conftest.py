"""A throwaway PostgreSQL for the PostgreSQL store's tests: one server per test session (started
by pg_server.py, stopped at the end), a fresh database per test module. The tests skip, saying
why, when PostgreSQL or the psycopg driver is not available here (.ci/run installs PostgreSQL).
"""
from __future__ import annotations

import re

import pytest

from store_pg.pg_server import PgServer, PgUnavailable


@pytest.fixture(scope="session")
def pg_server():
    pytest.importorskip("psycopg", reason="the psycopg driver is not installed (make venv)")
    try:
        server = PgServer().start()
    except PgUnavailable as exc:
        pytest.skip(f"no throwaway PostgreSQL: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def pg_module_db(pg_server, request) -> str:
    """The URL of a fresh database for this test module."""
    name = re.sub(r"\W", "_", request.module.__name__.rsplit(".", 1)[-1]).lower()[:50]
    return pg_server.create_database(name)


@pytest.fixture
def pg_db(pg_server, request) -> str:
    """The URL of a fresh database for this one test."""
    name = re.sub(r"\W", "_", request.node.name).lower()[:55]
    return pg_server.create_database(name)
