"""The compiled runtime (sitebuild/runtime.py) is cached by its inputs: any input changed, a
new key; nothing changed, the same key, and a build finds it without running Node."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitebuild import runtime
from tests.conftest import ROOT


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A copy of everything the key reads: Pyodide's manifest and stdlib, the calculators'
    sources and pyproject.toml, the build code."""
    package = tmp_path / "node_modules/pyodide"
    package.mkdir(parents=True)
    for name in ("package.json", "python_stdlib.zip"):
        shutil.copyfile(runtime.PYODIDE_PACKAGE / name, package / name)
    shutil.copytree(ROOT / "calculators", tmp_path / "calculators", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for name in runtime.BUILD_CODE:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, tmp_path / name)
    return tmp_path


def test_the_key_is_the_same_for_the_same_inputs(inputs: Path) -> None:
    assert runtime.cache_key(inputs) == runtime.cache_key(inputs) == runtime.cache_key(ROOT)


@pytest.mark.parametrize("change", [
    "node_modules/pyodide/package.json",     # another Pyodide version
    "node_modules/pyodide/python_stdlib.zip",  # its standard library
    "calculators/value.py",                  # a calculator's code
    "pyproject.toml",                        # the wheel's declaration
    *runtime.BUILD_CODE,                     # how the stdlib is trimmed and compiled
])
def test_any_input_changed_changes_the_key(inputs: Path, change: str) -> None:
    before = runtime.cache_key(inputs)
    path = inputs / change
    if path.name == "package.json":
        path.write_text(path.read_text().replace('"version": "', '"version": "9'))
    else:
        path.write_bytes(path.read_bytes() + b"\n")
    assert runtime.cache_key(inputs) != before


def test_a_calculator_added_changes_the_key(inputs: Path) -> None:
    before = runtime.cache_key(inputs)
    (inputs / "calculators/new_one.py").write_text("VALUE = 1\n")
    assert runtime.cache_key(inputs) != before


def test_a_cached_runtime_is_used_without_node(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / runtime.cache_key()
    folder.mkdir()
    (folder / "python_stdlib.zip").write_bytes(b"compiled before")
    (folder / "calculators-0.1.0-py3-none-any.whl").write_bytes(b"compiled before")
    (folder / "proven").write_text("")

    def no_node(*args: object) -> str:
        raise AssertionError("Node ran although the cache holds the runtime")

    monkeypatch.setattr(runtime, "_node", no_node)
    monkeypatch.setattr(runtime, "build_wheel", no_node)
    found = runtime.compiled_runtime(tmp_path)
    assert found.stdlib == folder / "python_stdlib.zip"
    assert found.wheel.read_bytes() == b"compiled before"


def test_docstrings_and_comments_go_but_lines_stay_and_a_future_import_stays_first() -> None:
    source = b'''"""The module's own words,
over two lines."""

from __future__ import annotations  # a comment


def only_a_docstring():
    """Nothing else in the body."""


def answer():
    """Forty-two."""
    return 1 / 0
'''
    stripped = runtime.without_comments(source)
    assert b"own words" not in stripped and b"comment" not in stripped and b"Forty" not in stripped
    namespace: dict = {}
    exec(compile(stripped, "module.py", "exec"), namespace)  # a SyntaxError if the import were not first
    assert namespace["only_a_docstring"]() is None
    with pytest.raises(ZeroDivisionError) as raised:
        namespace["answer"]()
    assert raised.traceback[-1].lineno + 1 == 13  # `return 1 / 0` is line 13 of the source
