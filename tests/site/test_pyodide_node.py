"""The calculators inside Pyodide under Node, from the built site's own files: proof that
the browser runs what pytest checked (and that the trimmed standard library suffices)."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from calculators.presets import PRESETS
from calculators.run import link_fields, run
from sitebuild import runtime
from tests.conftest import ROOT

SCRIPT = r"""
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [dir, wheel, cases] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(dir + "pyodide.mjs").href);
const py = await loadPyodide({ indexURL: dir });
py.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
const runJson = py.pyimport("calculators.run").run_json;
const out = JSON.parse(readFileSync(cases, "utf8")).map((c) => JSON.parse(runJson(JSON.stringify(c))));
process.stdout.write(JSON.stringify(out));
"""


def preset_cases() -> list[dict[str, object]]:
    """Every guide example as the worker is asked for it (link form)."""
    return [{"calculator": c, "fields": link_fields(c, {k: v for k, v in q.items() if not v.startswith("@")}), "lang": "link"}
            for c, examples in PRESETS.items() for q in examples.values()]


def run_in_node(script: str, site_dir: Path, tmp_path: Path, cases: list[dict[str, object]]) -> object:
    """Run ``script`` under Node with the built site's Pyodide folder, its wheel and the cases."""
    (tmp_path / "cases.json").write_text(json.dumps(cases))
    (tmp_path / "script.mjs").write_text(script)
    (pyodide_dir,) = (site_dir / "assets/pyodide").iterdir()
    (wheel,) = (site_dir / "assets/calculators").rglob("*.whl")
    result = subprocess.run(["node", str(tmp_path / "script.mjs"), str(pyodide_dir) + "/", str(wheel), str(tmp_path / "cases.json")],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def test_examples_compute_the_same_in_pyodide(site_dir: Path, tmp_path: Path) -> None:
    cases = preset_cases()
    cases += [
        {"calculator": "value", "fields": {"economic": "1.200,50", "price": "１００"}, "lang": "de"},
        {"calculator": "value", "fields": {"economic": "abc", "price": "-1"}, "lang": "zh"},
    ]
    in_pyodide = run_in_node(SCRIPT, site_dir, tmp_path, cases)
    in_python = [json.loads(json.dumps(run(c["calculator"], c["fields"], c["lang"]))) for c in cases]
    assert in_pyodide == in_python
    assert in_pyodide[-2]["values"]["net_value"] == 1200.5 - 100
    assert {e["code"] for e in in_pyodide[-1]["errors"].values()} == {"not_a_number", "negative"}


SNAPSHOT_SCRIPT = r"""
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [dir, wheel, cases] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(dir + "pyodide.mjs").href);
const requests = JSON.parse(readFileSync(cases, "utf8"));
const answers = (py) => requests.map((c) => JSON.parse(py.pyimport("calculators.run").run_json(JSON.stringify(c))));
// As the worker does: a fresh start that may be saved, the answers, the snapshot...
const fresh = await loadPyodide({ indexURL: dir, _makeSnapshot: true });
fresh.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
const before = answers(fresh);
const sources = fresh.runPython(`import sys, json; json.dumps(sorted(
    o for m in list(sys.modules.values()) if (o := getattr(getattr(m, "__spec__", None), "origin", None) or "").endswith(".py")))`);
const snapshot = fresh.makeMemorySnapshot();
// ...and a restore, without the wheel: the modules are in the saved memory.
const restored = await loadPyodide({ indexURL: dir, _loadSnapshot: snapshot });
const files = restored.runPython("import os; json.dumps(os.path.exists(os.path.dirname(sys.modules['calculators'].__file__)))");
process.stdout.write(JSON.stringify({ before, after: answers(restored), sources: JSON.parse(sources), wheelFiles: JSON.parse(files) }));
"""


def test_the_compiled_runtime_computes_from_a_memory_snapshot(site_dir: Path, tmp_path: Path) -> None:
    cases = preset_cases()
    cases.append({"calculator": "value", "fields": {"economic": "abc", "price": "-1"}, "lang": "ko"})
    out = run_in_node(SNAPSHOT_SCRIPT, site_dir, tmp_path, cases)
    assert isinstance(out, dict)
    in_python = [json.loads(json.dumps(run(c["calculator"], c["fields"], c["lang"]))) for c in cases]
    assert out["before"] == out["after"] == in_python
    assert out["sources"] == []  # every module Python imported was bytecode: nothing compiled
    assert out["wheelFiles"] is False  # computed from memory, not from the unpacked wheel


def test_the_runtime_ships_bytecode_only(site_dir: Path) -> None:
    (stdlib,) = site_dir.glob("assets/pyodide/*/python_stdlib.zip")
    (wheel,) = site_dir.glob("assets/calculators/*/*.whl")
    for archive in (stdlib, wheel):
        with zipfile.ZipFile(archive) as names:
            modules = [n for n in names.namelist() if n.endswith((".py", ".pyc"))]
        assert modules and all(n.endswith(".pyc") for n in modules), archive.name
    with zipfile.ZipFile(wheel) as names:
        assert "calculators/run.pyc" in names.namelist()
        assert any(n.endswith(".dist-info/WHEEL") for n in names.namelist())


def test_the_standard_library_leaves_out_what_is_built_into_the_interpreter(site_dir: Path) -> None:
    # os, io, codecs, importlib... are frozen into Pyodide's interpreter: a copy in the zip
    # would never be read. Modules that are not frozen are there.
    (stdlib,) = site_dir.glob("assets/pyodide/*/python_stdlib.zip")
    with zipfile.ZipFile(stdlib) as archive:
        names = set(archive.namelist())
    assert {"os.pyc", "io.pyc", "codecs.pyc", "importlib/_bootstrap.pyc", "zipimport.pyc"}.isdisjoint(names)
    assert {"json/__init__.pyc", "dataclasses.pyc", "decimal.pyc", "asyncio/__init__.pyc"} <= names


def test_the_shipped_glue_is_pyodides_with_its_factory_compiled_with_the_module(site_dir: Path) -> None:
    # The Node tests above load this very file; here: it differs from the npm package's only
    # by the parentheses that make V8 compile the factory eagerly and by one compiled wrapper
    # module per signature (sitebuild/runtime.py).
    (pyodide_dir,) = (site_dir / "assets/pyodide").iterdir()
    shipped = (pyodide_dir / "pyodide.asm.mjs").read_text(encoding="utf-8")
    npm = (runtime.PYODIDE_PACKAGE / "pyodide.asm.mjs").read_text(encoding="utf-8").rstrip()
    wrapped = "const _createPyodideModule=(" + npm.removesuffix(runtime.GLUE_TAIL) + ");" + runtime.GLUE_TAIL + "\n"
    assert npm.startswith(runtime.GLUE_HEAD)
    shared = wrapped.replace(runtime.WRAPPER_COMPILE, runtime.WRAPPER_SHARED).replace(
        runtime.WRAPPER_FACTORY, "var wrapperModules=new Map;" + runtime.WRAPPER_FACTORY)
    assert shipped == shared != wrapped


@pytest.mark.parametrize(("glue", "named"), [
    ("export default async function _createPyodideModule(moduleArg={}){}", "GLUE_HEAD"),
    # Wrappers compiled elsewhere than in the function that makes them: not changed blindly.
    (runtime.GLUE_HEAD + "var module=new WebAssembly.Module(bytes);}" + runtime.GLUE_TAIL, "WRAPPER_FACTORY"),
    (runtime.GLUE_HEAD + runtime.WRAPPER_FACTORY + "return f};var module=new WebAssembly.Module(bytes);}"
     + runtime.GLUE_TAIL, "WRAPPER_FACTORY"),
])
def test_a_glue_of_another_shape_stops_the_build(glue: str, named: str) -> None:
    with pytest.raises(SystemExit, match=named):
        runtime.shipped_glue(glue)
