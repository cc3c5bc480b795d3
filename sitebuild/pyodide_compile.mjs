// Compile the trimmed standard library and the calculators wheel to bytecode inside Pyodide,
// so that the bytecode is that of Pyodide's own CPython (its magic number, its compiler):
// a page then imports `.pyc` and skips compiling ~100 modules at every start-up.
//     node sitebuild/pyodide_compile.mjs PYODIDE_DIR STDLIB_ZIP WHEEL OUT_DIR
// writes OUT_DIR/python_stdlib.zip and OUT_DIR/<the wheel's name>, each with `.pyc` in place
// of every `.py` (sourceless). Entries are stored, not deflated: the host's gzip compresses
// across them. sitebuild/runtime.py runs this and then proves the result in a second Pyodide.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, stdlib, wheel, outDir] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/" });
pyodide.FS.writeFile("/tmp/stdlib.zip", new Uint8Array(readFileSync(stdlib)));
pyodide.FS.writeFile("/tmp/wheel.whl", new Uint8Array(readFileSync(wheel)));
pyodide.runPython(`
import base64, hashlib, sys, types, zipfile
from importlib._bootstrap_external import _code_to_timestamp_pyc

def pyc(source, filename):
    # mtime and size 0: with no source beside it, neither zipimport nor the sourceless
    # loader compares them with anything.
    code = without_locations(compile(source, filename, "exec", dont_inherit=True))
    return bytes(_code_to_timestamp_pyc(code, 0, 0))

def compiled(entries, filename_of):
    for name, data in entries:
        if name.endswith(".py"):
            yield name + "c", pyc(data, filename_of(name))
        else:
            yield name, data

# Bytecode without location tables (an empty co_linetable): the standard library gzips to
# 0.61 MB instead of 0.82 MB with line numbers (1.15 MB with columns too), the calculators'
# wheel to about 40 kB instead of 62 kB. The price: a traceback in the browser names files
# and functions but no line. Readers never see one (an error in Python is the widget's
# "failed" state), and the calculators are debugged under pytest, from their sources.
def without_locations(code):
    consts = tuple(without_locations(c) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_linetable=b"", co_consts=consts)

def write(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as out:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            out.writestr(info, data)

def read(path):
    with zipfile.ZipFile(path) as archive:
        return [(e.filename, archive.read(e)) for e in archive.infolist() if not e.is_dir()]

# The filenames tracebacks show: where the source would have been.
stdlib_at = "/lib/python%d%d.zip/" % sys.version_info[:2]
write("/tmp/out-stdlib.zip", compiled(read("/tmp/stdlib.zip"), lambda name: stdlib_at + name))

site = "/lib/python%d.%d/site-packages/" % sys.version_info[:2]
entries = [(n, d) for n, d in compiled(read("/tmp/wheel.whl"), lambda name: site + name) if not n.endswith("/RECORD")]
(record_name,) = [n for n, _ in read("/tmp/wheel.whl") if n.endswith(".dist-info/RECORD")]
def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"
record = "\\n".join([record_line(n, d) for n, d in entries] + [f"{record_name},,"]) + "\\n"
write("/tmp/out-wheel.whl", entries + [(record_name, record.encode())])
`);
writeFileSync(path.join(outDir, "python_stdlib.zip"), pyodide.FS.readFile("/tmp/out-stdlib.zip"));
writeFileSync(path.join(outDir, path.basename(wheel)), pyodide.FS.readFile("/tmp/out-wheel.whl"));
