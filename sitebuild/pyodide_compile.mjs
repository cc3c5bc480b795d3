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

def pyc(source, filename, columns):
    # mtime and size 0: with no source beside it, neither zipimport nor the sourceless
    # loader compares them with anything.
    code = compile(source, filename, "exec", dont_inherit=True)
    if not columns:
        code = lines_only(code)
    return bytes(_code_to_timestamp_pyc(code, 0, 0))

def compiled(entries, filename_of, columns=True):
    for name, data in entries:
        if name.endswith(".py"):
            yield name + "c", pyc(data, filename_of(name), columns)
        else:
            yield name, data

# The location table without columns: a traceback still names the line, not the columns
# under it (the carets). The standard library's bytecode gzips to 0.87 MB instead of 1.23.
# Format: CPython's InternalDocs/code_objects.md, "Format of the locations table".
def varint(value):
    out = bytearray()
    while value >= 64:
        out.append(0x40 | (value & 63))
        value >>= 6
    out.append(value)
    return bytes(out)

def svarint(value):
    return varint((-value << 1) | 1 if value < 0 else value << 1)

NO_COLUMNS, NO_LOCATION = 13, 15

def lines_only(code):
    table, line = bytearray(), code.co_firstlineno
    for start, end, lineno in code.co_lines():
        units = (end - start) // 2
        while units:
            n = min(units, 8)
            units -= n
            if lineno is None:
                table.append(0x80 | NO_LOCATION << 3 | n - 1)
            else:
                table.append(0x80 | NO_COLUMNS << 3 | n - 1)
                table += svarint(lineno - line)
                line = lineno
    consts = tuple(lines_only(c) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    out = code.replace(co_linetable=bytes(table), co_consts=consts)
    if list(out.co_lines()) != list(code.co_lines()):
        raise AssertionError(f"line table rewrite changed the lines of {code.co_qualname} in {code.co_filename}")
    return out

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
write("/tmp/out-stdlib.zip", compiled(read("/tmp/stdlib.zip"), lambda name: stdlib_at + name, columns=False))

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
