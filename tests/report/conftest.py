"""Make ``newsweave`` importable from ``src/`` when the package is not installed in the venv."""
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))
