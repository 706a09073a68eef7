"""Check that a virtual environment holds exactly what a lock file pins, and that it imports.

`pip install --no-deps` never re-resolves, so nothing it installs depends on what the package
index serves today; the price is that pip does not notice a dependency the lock forgot. This
closes that gap: every pinned distribution must be installed at its pinned version, `pip check`
must pass (run by the Makefile), and every installed distribution's top-level modules must
import, which catches dependencies asked for through extras that pip check does not see
(justext needs lxml.html.clean through ``lxml[html_clean]``).

    python scripts/check_install.py requirements.lock
"""
from __future__ import annotations

import importlib
import importlib.metadata as md
import re
import sys
import warnings
from pathlib import Path

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")
# Top-level names that are not meant to be imported on their own (test plugins, C helpers,
# private vendored trees, command-line shims).
NOT_IMPORTABLE = {"_pytest", "py", "pytest", "_distutils_hack", "pkg_resources", "setuptools",
                  "distutils-precedence", "__editable__", "_yaml", "pip", "_cffi_backend"}


def pins(lock: Path) -> dict[str, str]:
    found = {}
    for line in lock.read_text().splitlines():
        match = PIN.match(line.strip())
        if match:
            found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


def top_level_modules(dist: md.Distribution) -> set[str]:
    text = dist.read_text("top_level.txt")
    if text:
        return {name.strip() for name in text.split() if name.strip()}
    names = set()
    for file in dist.files or []:
        parts = file.parts
        if not parts or parts[0].endswith((".dist-info", ".data")) or parts[0] == "..":
            continue
        head = parts[0]
        if head.endswith(".py"):
            names.add(head[:-3])
        elif len(parts) > 1 and not head.startswith("__"):
            names.add(head)
    return names


def main(argv: list[str]) -> int:
    lock = Path(argv[1] if len(argv) > 1 else "requirements.lock")
    problems: list[str] = []
    checked = 0
    for name, version in sorted(pins(lock).items()):
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            problems.append(f"{name}=={version} is pinned in {lock} but not installed")
            continue
        if dist.version != version:
            problems.append(f"{name} is {dist.version}, {lock} pins {version}")
            continue
        for module in sorted(top_level_modules(dist) - NOT_IMPORTABLE):
            if not module.isidentifier():
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    importlib.import_module(module)
                checked += 1
            except Exception as exc:  # noqa: BLE001 - every failure is reported below
                problems.append(f"{name}: import {module} failed: {type(exc).__name__}: {exc}")
    for problem in problems:
        print(f"check_install: {problem}", file=sys.stderr)
    if problems:
        print(f"check_install: {len(problems)} problem(s); rebuild the environment "
              f"(rm -rf .venv && make venv)", file=sys.stderr)
        return 1
    print(f"check_install: {len(pins(lock))} pinned distributions installed, "
          f"{checked} modules import")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
