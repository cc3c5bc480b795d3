// Which standard-library modules do the calculators need in Pyodide? Load the full runtime
// under Node, unpack the wheel, run every calculator (valid and invalid input), and print
// the names in sys.modules. The build ships only those (see sitebuild/runtime.py), and runs
// this again with the trimmed standard library (STDLIB_ZIP) to prove it still suffices.
//     node sitebuild/pyodide_modules.mjs PYODIDE_DIR WHEEL [STDLIB_ZIP]
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, wheel, stdlib] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/", ...(stdlib ? { stdLibURL: stdlib } : {}) });
pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
const names = pyodide.runPython(`
import json, sys
from calculators.registry import CALCULATORS
from calculators.run import link_fields, run_json
for calculator in CALCULATORS:
    fields = link_fields(calculator, {})
    run_json(json.dumps({"calculator": calculator, "fields": fields, "lang": "de"}))
    bad = {key: "x" for key in fields}
    run_json(json.dumps({"calculator": calculator, "fields": bad, "lang": "zh"}))
json.dumps({
    "modules": sorted(sys.modules),
    # origin, not __file__: the frozen modules (os, io, ...) name a .py file they never read.
    "sources": sorted(o for m in list(sys.modules.values()) if (o := getattr(getattr(m, "__spec__", None), "origin", None) or "").endswith(".py")),
    # Built into the interpreter (os, io, codecs, importlib, ...): a copy in the zip is never read.
    "frozen": sorted(n for n, m in list(sys.modules.items()) if getattr(getattr(m, "__spec__", None), "origin", None) == "frozen"),
})
`);
process.stdout.write(names);
