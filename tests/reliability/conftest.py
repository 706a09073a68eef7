"""The reliability suite: generated hostile inputs through the real readers and the CLI, a
kill -9 loop during ingest, and XSS payloads rendered in headless Chromium. `make test` runs a
fast subset; `make fuzz` (benchmarks/reliability.py) runs the full counts and prints a table."""
from __future__ import annotations

import sys
from pathlib import Path

# The helper modules beside this file (uniquely named, as in tests/ingest and tests/serve).
sys.path.insert(0, str(Path(__file__).resolve().parent))
