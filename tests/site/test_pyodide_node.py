"""The calculators inside Pyodide under Node, from the built site's own files: proof that
the browser runs what pytest checked (and that the trimmed standard library suffices)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from calculators.presets import PRESETS
from calculators.run import link_fields, run
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


def test_examples_compute_the_same_in_pyodide(site_dir: Path, tmp_path: Path) -> None:
    cases = [{"calculator": c, "fields": link_fields(c, {k: v for k, v in q.items() if not v.startswith("@")}), "lang": "link"}
             for c, examples in PRESETS.items() for q in examples.values()]
    cases += [
        {"calculator": "value", "fields": {"economic": "1.200,50", "price": "１００"}, "lang": "de"},
        {"calculator": "value", "fields": {"economic": "abc", "price": "-1"}, "lang": "zh"},
    ]
    (tmp_path / "cases.json").write_text(json.dumps(cases))
    (tmp_path / "run.mjs").write_text(SCRIPT)
    (pyodide_dir,) = (site_dir / "assets/pyodide").iterdir()
    (wheel,) = (site_dir / "assets/calculators").rglob("*.whl")
    result = subprocess.run(["node", str(tmp_path / "run.mjs"), str(pyodide_dir) + "/", str(wheel), str(tmp_path / "cases.json")],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    in_pyodide = json.loads(result.stdout)
    in_python = [json.loads(json.dumps(run(c["calculator"], c["fields"], c["lang"]))) for c in cases]
    assert in_pyodide == in_python
    assert in_pyodide[-2]["values"]["net_value"] == 1200.5 - 100
    assert {e["code"] for e in in_pyodide[-1]["errors"].values()} == {"not_a_number", "negative"}
