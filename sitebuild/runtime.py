"""The Python runtime the calculators run on in the browser, vendored into the built site.

Pyodide comes from the npm package ``pyodide`` (pinned in package-lock.json); the
``calculators`` package is built into a ``py3-none-any`` wheel with the standard PEP 517
build and unpacked by Pyodide from the site. The standard library is trimmed to the modules
the calculators load, and both it and the wheel carry bytecode compiled inside Pyodide
(sourceless ``.pyc``): a page skips compiling Python at start-up. Both live under paths
named by their content, so a static host may cache them for a long time.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tokenize
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
#: What the worker needs of the npm package as it is; the rest (type definitions, consoles) is
#: not served, and the standard library and lock file are trimmed (see :func:`vendor`).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")


@cache
def pyodide_version() -> str:
    manifest = PYODIDE_PACKAGE / "package.json"
    if not manifest.exists():
        raise SystemExit("node_modules/pyodide is missing: run `npm ci` (README's commands do).")
    return json.loads(manifest.read_text())["version"]


#: The build's own code: a change to it changes what the cache holds (see :func:`cache_key`).
BUILD_CODE = ("sitebuild/runtime.py", "sitebuild/pyodide_modules.mjs", "sitebuild/pyodide_compile.mjs")
CACHE = ROOT / ".cache" / "runtime"
#: Modules Pyodide's start-up imports only inside ``try: ... except ImportError`` (asyncio
#: for ssl; zipfile and shutil for the compressors the calculators never meet): left out,
#: they save 30 kB of gzip on every cold page. With them go what only they import (their C
#: parts, base64 for ssl). The build's proof runs without them.
OPTIONAL_MODULES = frozenset({"ssl", "bz2", "lzma", "compression", "compression._common",
                              "compression._common._streams", "compression.zstd",
                              "compression.zstd._zstdfile", "_ssl", "_bz2", "_lzma", "_zstd", "base64"})


def calculators_digest(root: Path = ROOT) -> str:
    """A digest of the package's sources and build declaration."""
    digest = hashlib.sha256()
    for source in sorted((root / "calculators").rglob("*.py")) + [root / "pyproject.toml"]:
        digest.update(source.relative_to(root).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def cache_key(root: Path = ROOT) -> str:
    """What the compiled runtime is a function of: Pyodide's version and standard library,
    the calculators' sources, and the code that trims and compiles them."""
    package = root / "node_modules" / "pyodide"
    inputs = {
        "pyodide": json.loads((package / "package.json").read_text())["version"].encode(),
        "stdlib": hashlib.sha256((package / "python_stdlib.zip").read_bytes()).digest(),
        "calculators": calculators_digest(root).encode(),
        **{name: (root / name).read_bytes() for name in BUILD_CODE},
    }
    digest = hashlib.sha256()
    for name, value in sorted(inputs.items()):
        digest.update(f"{name}:{len(value)}:".encode() + value)
    return digest.hexdigest()[:20]


def _short_digest(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def urls() -> dict[str, str]:
    """Site-relative addresses of the runtime files, for the widget's ``data-runtime``.

    Each folder is named by what it holds (the trimmed standard library depends on the
    calculators; the bytecode on Pyodide's version), so a long-cached copy is never stale,
    and the worker keys its memory snapshot by these addresses.
    """
    return dict(_urls())


@cache
def _urls() -> tuple[tuple[str, str], ...]:
    runtime = compiled_runtime()
    return (
        ("pyodide", f"assets/pyodide/{pyodide_version()}-{_short_digest(runtime.stdlib, shipped_glue_path())}/"),
        ("wheel", f"assets/calculators/{_short_digest(runtime.wheel)}/{runtime.wheel.name}"),
    )


def download_sizes() -> dict[str, int]:
    """The bytes of each runtime file the worker fetches, by file name, as the reader's
    browser receives them (decoded): what start-up counts to show real download progress
    (calculator-worker.js). pyodide.asm.mjs is imported, not fetched, so it is not counted."""
    runtime = compiled_runtime()
    return {"pyodide.asm.wasm": (PYODIDE_PACKAGE / "pyodide.asm.wasm").stat().st_size,
            "python_stdlib.zip": runtime.stdlib.stat().st_size,
            runtime.wheel.name: runtime.wheel.stat().st_size}


def build_wheel(out: Path) -> Path:
    """Build the ``calculators`` wheel (sources as they are) into ``out``.

    It is built from a private copy of the package's sources: setuptools writes ``build/``
    and ``*.egg-info`` beside the sources it builds, and two builds at once (the test
    workers each build the site) would otherwise share and remove each other's files.
    """
    work = Path(tempfile.mkdtemp(prefix="calculators-wheel-"))
    source = work / "source"
    source.mkdir()
    shutil.copyfile(ROOT / "pyproject.toml", source / "pyproject.toml")
    shutil.copytree(ROOT / "calculators", source / "calculators", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    shutil.rmtree(work, ignore_errors=True)
    (wheel,) = out.glob("calculators-*-py3-none-any.whl")
    return wheel


@dataclass(frozen=True)
class CompiledRuntime:
    stdlib: Path  # the trimmed standard library, sourceless .pyc
    wheel: Path   # the calculators wheel, sourceless .pyc


@cache
def compiled_runtime(cache: Path = CACHE) -> CompiledRuntime:
    """The trimmed standard library and the wheel, compiled to bytecode inside Pyodide.

    Made once per :func:`cache_key` (three runs of Pyodide under Node, about half a minute)
    and kept in ``.cache/runtime/<key>/``: a build whose inputs did not change reuses it.
    """
    folder = cache / cache_key()
    if not (folder / "proven").exists():
        work = Path(tempfile.mkdtemp(prefix=f"{folder.name}-", dir=_made(cache)))
        try:
            _compile_into(work)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        (work / "proven").write_text("loaded in Pyodide and computed every calculator\n")
        try:
            work.rename(folder)
        except OSError:  # another build (a parallel test worker) got there first
            shutil.rmtree(work, ignore_errors=True)
        for stale in cache.iterdir():  # what older inputs made: one runtime is kept
            if stale.is_dir() and stale != folder and (stale / "proven").exists():
                shutil.rmtree(stale, ignore_errors=True)
    (wheel,) = folder.glob("*.whl")
    return CompiledRuntime(stdlib=folder / "python_stdlib.zip", wheel=wheel)


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _compile_into(work: Path) -> None:
    wheel = build_wheel(work / "source-wheel")
    _strip_docstrings(wheel)
    loaded = loaded_modules(wheel)
    needed = sorted(set(loaded["modules"]) - OPTIONAL_MODULES - set(loaded["frozen"]))
    sources = work / "stdlib-sources.zip"
    sources.write_bytes(trimmed_stdlib(needed))
    _node("pyodide_compile.mjs", str(PYODIDE_PACKAGE), str(sources), str(wheel), str(work))
    proof = loaded_modules(work / wheel.name, work / "python_stdlib.zip")
    missing = set(needed) - set(proof["modules"])
    if missing:
        raise SystemExit(f"the compiled standard library lost modules: {sorted(missing)}")
    if proof["sources"]:
        raise SystemExit(f"modules still compiled from source in Pyodide: {proof['sources']}")
    sources.unlink()
    shutil.rmtree(work / "source-wheel")


def _node(script: str, *args: str) -> str:
    command = ["node", str(ROOT / "sitebuild" / script), *args]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{script} failed:\n{run.stderr[-3000:]}")
    return run.stdout


def prepare_wheel() -> None:
    pyodide_version()
    compiled_runtime()


#: Pyodide's glue is one async function of 1.2 MB (Emscripten's module factory) declared at the
#: top of its module. V8 compiles such a function lazily: it pre-parses the whole file when the
#: module loads, and parses the factory again, in full, when loadPyodide calls it (40 ms more of
#: the worker's time on every start, traced in Chromium). Wrapped in parentheses, the factory is
#: compiled with its module, once (V8 takes a parenthesized function for one called at once),
#: and Chromium's code cache for the module then holds it too: written on the glue's second
#: load (which costs that load 25-60 ms), it spares every later one the 1.2 MB parse.
GLUE_HEAD = "async function _createPyodideModule(moduleArg={}){"
GLUE_TAIL = "export default _createPyodideModule;"
GLUE_CACHE = ROOT / ".cache" / "glue"


def eagerly_compiled(glue: str) -> str:
    """The glue's module with its factory as a parenthesized function expression."""
    body = glue.rstrip()
    if not (body.startswith(GLUE_HEAD) and body.endswith(GLUE_TAIL)):
        raise SystemExit("pyodide.asm.mjs is no longer one factory function and its export: "
                         "see GLUE_HEAD in sitebuild/runtime.py")
    return f"const _createPyodideModule=({body.removesuffix(GLUE_TAIL)});{GLUE_TAIL}\n"


#: Each JavaScript function whose address C code takes goes into the wasm table through a
#: one-function wasm module that Emscripten compiles for it: 259 compiles on every start, for
#: 52 signatures, and a module's bytes depend on its signature alone. The shipped glue compiles
#: one module per signature and instantiates it for each function: in Chromium, 36-40 ms of
#: the worker's time on a first start became 10-13 ms, and 24-28 ms on a restore 8-15 ms.
WRAPPER_FACTORY = "var convertJsFunctionToWasm=(func,sig)=>{"
WRAPPER_COMPILE = "var module=new WebAssembly.Module(bytes);"
WRAPPER_SHARED = ("var module=wrapperModules.get(sig);"
                  "if(!module){module=new WebAssembly.Module(bytes);wrapperModules.set(sig,module)}")


def with_shared_wrappers(glue: str) -> str:
    """The glue with one compiled wrapper module per signature (see WRAPPER_FACTORY)."""
    factory = glue.find(WRAPPER_FACTORY)
    compile_at = glue.find(WRAPPER_COMPILE, factory)
    if factory < 0 or glue.count(WRAPPER_COMPILE) != 1 or glue.find("}", factory, compile_at) >= 0:
        raise SystemExit("pyodide.asm.mjs compiles its function wrappers in another way: "
                         "see WRAPPER_FACTORY in sitebuild/runtime.py")
    glue = glue.replace(WRAPPER_COMPILE, WRAPPER_SHARED)
    return glue.replace(WRAPPER_FACTORY, "var wrapperModules=new Map;" + WRAPPER_FACTORY)


def shipped_glue(glue: str) -> str:
    """pyodide.asm.mjs as the site ships it: the npm package's, with the two changes above."""
    return with_shared_wrappers(eagerly_compiled(glue))


@cache
def shipped_glue_path() -> Path:
    """pyodide.asm.mjs as the site ships it (:func:`shipped_glue`), kept in ``.cache/glue/``."""
    glue = shipped_glue((PYODIDE_PACKAGE / "pyodide.asm.mjs").read_text(encoding="utf-8")).encode()
    target = _made(GLUE_CACHE / hashlib.sha256(glue).hexdigest()[:16]) / "pyodide.asm.mjs"
    if not target.exists():
        partial = target.with_name(f"{target.name}.{os.getpid()}.part")
        partial.write_bytes(glue)
        partial.replace(target)  # whole or not at all, also with two builds at once
        for stale in GLUE_CACHE.iterdir():  # an older Pyodide's: one glue is kept
            if stale != target.parent:
                shutil.rmtree(stale, ignore_errors=True)
    return target


def pyodide_files() -> list[Path]:
    """Pyodide's files as the site ships them: as the npm package has them, but the glue."""
    return [shipped_glue_path() if name == "pyodide.asm.mjs" else PYODIDE_PACKAGE / name for name in PYODIDE_FILES]


def shipped_files() -> list[Path]:
    """The runtime's files as the build copies them into the site (see :func:`vendor`)."""
    runtime = compiled_runtime()
    return [*pyodide_files(), runtime.stdlib, runtime.wheel]


def vendor(site: Path) -> list[Path]:
    """Copy the runtime into the site; returns the copies."""
    runtime = compiled_runtime()
    target = site / urls()["pyodide"]
    target.mkdir(parents=True, exist_ok=True)
    for source in pyodide_files():
        shutil.copyfile(source, target / source.name)
    shutil.copyfile(runtime.stdlib, target / "python_stdlib.zip")
    (target / "pyodide-lock.json").write_text(json.dumps(empty_lock()))
    wheel_target = site / urls()["wheel"]
    wheel_target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(runtime.wheel, wheel_target)
    return [target / name for name in PYODIDE_FILES] + [target / "python_stdlib.zip", wheel_target]


def loaded_modules(wheel: Path, stdlib: Path | None = None) -> dict[str, list[str]]:
    """After every calculator ran once in Pyodide under Node (with Pyodide's own standard
    library or with ``stdlib`` instead): the modules in ``sys.modules``, and the files of
    those that were compiled from ``.py`` source."""
    output = _node("pyodide_modules.mjs", str(PYODIDE_PACKAGE), str(wheel), *([str(stdlib)] if stdlib else []))
    return json.loads(output)


def trimmed_stdlib(needed: list[str]) -> bytes:
    """The standard library zip with only the ``needed`` modules, without their comments and
    docstrings (source: :func:`_compile_into` compiles and proves it).

    Pyodide downloads the whole zip at start-up; the full one is 2.5 MB even gzipped, the
    trimmed one 0.4 MB as source, 0.82 MB as the bytecode shipped (which spares the reader
    compiling it at every cold start). Python 3.11 cannot compile Pyodide's 3.14 sources,
    so the bytecode is made where it runs, in Pyodide.
    """
    out = io.BytesIO()
    wanted = set(needed)
    with zipfile.ZipFile(PYODIDE_PACKAGE / "python_stdlib.zip") as full, zipfile.ZipFile(out, "w") as trimmed:
        for entry in full.infolist():
            if _module_name(entry.filename) in wanted:
                source = _read_unchecked(full, entry)
                trimmed.writestr(entry.filename, without_comments(source) if entry.filename.endswith(".py") else source)
    return out.getvalue()


def without_comments(source: bytes) -> bytes:
    """Python source with comments and docstrings blanked, line numbers kept.

    A docstring (a string alone on its line as a statement) becomes ``0``, a statement that
    does nothing (a module's first one becomes nothing), followed by the newlines it spanned;
    tracebacks keep their line numbers.
    Source the tokenizer cannot read is returned as it is.
    """
    try:
        tokens = list(tokenize.tokenize(io.BytesIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return source
    cuts: list[tuple[tuple[int, int], tuple[int, int], str]] = []
    before = tokenize.ENCODING
    statement_start = (tokenize.INDENT, tokenize.DEDENT, tokenize.NEWLINE, tokenize.ENCODING)
    for token, following in zip(tokens, tokens[1:] + [None]):
        if token.type == tokenize.COMMENT:
            cuts.append((token.start, token.end, ""))
        elif (token.type == tokenize.STRING and before in statement_start
              and following is not None and following.type in (tokenize.NEWLINE, tokenize.ENDMARKER)):
            # A module's own docstring leaves nothing: `from __future__` must stay first.
            statement = "" if before == tokenize.ENCODING else "0"
            cuts.append((token.start, token.end, statement + "\n" * (token.end[0] - token.start[0])))
        if token.type not in (tokenize.COMMENT, tokenize.NL):
            before = token.type
    lines = source.decode("utf-8").splitlines(keepends=True)
    for (start_line, start_col), (end_line, end_col), replacement in reversed(cuts):
        text = "".join(lines[: start_line - 1]) + lines[start_line - 1][:start_col] + replacement
        text += lines[end_line - 1][end_col:] + "".join(lines[end_line:])
        lines = text.splitlines(keepends=True)
    return "".join(lines).encode("utf-8")


def _strip_docstrings(wheel: Path) -> None:
    """Rewrite the wheel with its modules' comments and docstrings blanked (line numbers
    kept): the worked examples are for readers of the source and for the doctests, not for
    the browser, and they were a third of its bytecode."""
    with zipfile.ZipFile(wheel) as archive:
        entries = [(entry, archive.read(entry)) for entry in archive.infolist()]
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, data in entries:
            archive.writestr(entry, without_comments(data) if entry.filename.endswith(".py") else data)


def _module_name(filename: str) -> str:
    return filename.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def _read_unchecked(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    # Pyodide's zip carries CRCs that do not match its (post-processed) entries; Pyodide's
    # own zipimport does not check them, so neither do we.
    with archive.open(entry) as stream:
        stream._expected_crc = None  # type: ignore[attr-defined]  # ZipExtFile's private CRC check
        return stream.read()


def empty_lock() -> dict:
    """The lock file without its package list: the calculators load no package beyond the
    standard library (and ``loadPackage`` would reach for a CDN)."""
    lock = json.loads((PYODIDE_PACKAGE / "pyodide-lock.json").read_text())
    return {"info": lock["info"], "packages": {}}
