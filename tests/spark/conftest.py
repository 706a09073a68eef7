"""Fixtures of the Spark tests: one local[2] session on loopback for the whole test session.

The tests that need PySpark are skipped when the Spark extra is not installed (the default
install); `make test-spark` installs it and runs them, and so does CI."""
from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    if os.environ.get("NEWSWEAVE_REQUIRE_SPARK"):  # `make test-spark`: a skip would hide a gap
        import pyspark  # noqa: F401
    pytest.importorskip("pyspark", reason="the Spark extra is not installed (make spark-venv)")
    from newsweave.spark.session import local_session

    session = local_session(cores=2, local_dir=str(tmp_path_factory.mktemp("spark-local")))
    yield session
    session.stop()
