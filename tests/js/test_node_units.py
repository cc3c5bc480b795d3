"""The browser modules' unit tests (``tests/js/*.test.mjs``), run by Node's own test runner.

They import the ES modules from ``docs/assets/js/`` directly (modules that touch no DOM at
import), so the link rules are checked without a browser. Run here so that ``./dev test``
counts them in pytest's closing line; ``node --test tests/js`` runs them alone.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_node_unit_tests_pass() -> None:
    files = sorted(str(p) for p in HERE.glob("*.test.mjs"))
    assert files, "no Node unit tests found"
    result = subprocess.run(["node", "--test", *files], capture_output=True, text=True, cwd=HERE.parent.parent)
    assert result.returncode == 0, result.stdout + result.stderr
