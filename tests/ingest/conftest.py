"""Fixtures for the ingest tests: every input is built in tmp_path."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.config import load_config


@pytest.fixture
def config():
    return load_config()


@pytest.fixture
def write(tmp_path):
    """Write a fixture file under tmp_path (str → UTF-8, bytes as they are); return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
