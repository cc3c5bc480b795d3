"""The Python runtime the calculators run on in the browser, vendored into the built site.

Pyodide comes from the npm package ``pyodide`` (pinned in package-lock.json); the
``calculators`` package is built into a ``py3-none-any`` wheel with the standard PEP 517
build and unpacked by Pyodide from the site. Both live under versioned paths, so a static
host may cache them for a long time.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
import tokenize
import zipfile
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


@cache
def calculators_digest() -> str:
    """A digest of the package's sources: the wheel's address changes when its code does."""
    digest = hashlib.sha256()
    for source in sorted((ROOT / "calculators").rglob("*.py")):
        digest.update(source.relative_to(ROOT).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def urls() -> dict[str, str]:
    """Site-relative addresses of the runtime files, for the widget's ``data-runtime``."""
    return {
        "pyodide": f"assets/pyodide/{pyodide_version()}/",
        "wheel": f"assets/calculators/{calculators_digest()}/{wheel_path().name}",
    }


@cache
def wheel_path() -> Path:
    """Build the wheel once per process (static-i18n builds each language in the same one).

    It is built from a private copy of the package's sources: setuptools writes ``build/``
    and ``*.egg-info`` beside the sources it builds, and two builds at once (the test
    workers each build the site) would otherwise share and remove each other's files.
    """
    work = Path(tempfile.mkdtemp(prefix="calculators-wheel-"))
    source, out = work / "source", work / "dist"
    source.mkdir()
    shutil.copyfile(ROOT / "pyproject.toml", source / "pyproject.toml")
    shutil.copytree(ROOT / "calculators", source / "calculators", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("calculators-*-py3-none-any.whl")
    return wheel


def prepare_wheel() -> None:
    wheel_path()
    pyodide_version()


def vendor(site: Path) -> None:
    target = site / urls()["pyodide"]
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(PYODIDE_PACKAGE / name, target / name)
    (target / "python_stdlib.zip").write_bytes(trimmed_stdlib())
    (target / "pyodide-lock.json").write_text(json.dumps(empty_lock()))
    wheel_target = site / urls()["wheel"]
    wheel_target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(wheel_path(), wheel_target)


def loaded_modules(stdlib: Path | None = None) -> frozenset[str]:
    """The modules in ``sys.modules`` after every calculator ran once in Pyodide under Node,
    with Pyodide's own standard library or with ``stdlib`` instead."""
    command = ["node", str(ROOT / "sitebuild" / "pyodide_modules.mjs"), str(PYODIDE_PACKAGE), str(wheel_path())]
    probe = subprocess.run(command + ([str(stdlib)] if stdlib else []), check=True, capture_output=True, text=True)
    return frozenset(json.loads(probe.stdout))


@cache
def trimmed_stdlib() -> bytes:
    """The standard library zip with only the modules the calculators load, without their
    comments and docstrings.

    Pyodide downloads the whole zip at start-up; the full one is 2.5 MB even gzipped, the
    trimmed one about 0.4 MB. The entries are stored, not deflated, so that the host's gzip
    compresses across them. Python 3.11 cannot compile Pyodide's 3.14 sources, so the
    result is proven where it runs: Pyodide loads it and must reach the same modules.
    """
    needed = loaded_modules()
    out = io.BytesIO()
    with zipfile.ZipFile(PYODIDE_PACKAGE / "python_stdlib.zip") as full, zipfile.ZipFile(out, "w") as trimmed:
        for entry in full.infolist():
            if _module_name(entry.filename) in needed or entry.filename.startswith("_sysconfigdata"):
                source = _read_unchecked(full, entry)
                trimmed.writestr(entry.filename, without_comments(source) if entry.filename.endswith(".py") else source)
    with tempfile.NamedTemporaryFile(suffix=".zip") as candidate:
        candidate.write(out.getvalue())
        candidate.flush()
        missing = needed - loaded_modules(Path(candidate.name))
    if missing:
        raise SystemExit(f"the trimmed standard library lost modules: {sorted(missing)}")
    return out.getvalue()


def without_comments(source: bytes) -> bytes:
    """Python source with comments and docstrings blanked, line numbers kept.

    A docstring (a string alone on its line as a statement) becomes ``0``, a statement that
    does nothing, followed by the newlines it spanned; tracebacks keep their line numbers.
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
            cuts.append((token.start, token.end, "0" + "\n" * (token.end[0] - token.start[0])))
        if token.type not in (tokenize.COMMENT, tokenize.NL):
            before = token.type
    lines = source.decode("utf-8").splitlines(keepends=True)
    for (start_line, start_col), (end_line, end_col), replacement in reversed(cuts):
        text = "".join(lines[: start_line - 1]) + lines[start_line - 1][:start_col] + replacement
        text += lines[end_line - 1][end_col:] + "".join(lines[end_line:])
        lines = text.splitlines(keepends=True)
    return "".join(lines).encode("utf-8")


def _module_name(filename: str) -> str:
    return filename.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def _read_unchecked(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    # Pyodide's zip carries CRCs that do not match its (post-processed) entries; Pyodide's
    # own zipimport does not check them, so neither do we.
    with archive.open(entry) as stream:
        stream._expected_crc = None  # type: ignore[attr-defined]
        return stream.read()


def empty_lock() -> dict:
    """The lock file without its package list: the calculators load no package beyond the
    standard library (and ``loadPackage`` would reach for a CDN)."""
    lock = json.loads((PYODIDE_PACKAGE / "pyodide-lock.json").read_text())
    return {"info": lock["info"], "packages": {}}
