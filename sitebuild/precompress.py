"""The runtime's big files gzipped once, ahead of time, as a static host serves them.

A static host that precompresses (nginx's ``gzip_static``, most CDNs) keeps a ``.gz`` beside
each file and sends it to every browser that accepts gzip. Zopfli writes such gzip streams
(any browser reads them) about 5 % smaller than ``gzip -9``: on the 9.6 MB wasm that is
170 kB less for every cold reader. It is slow (about 20 s for the wasm), so each result is
kept in ``.cache/gzip/`` by the digest of what it compresses, and the work runs in separate
processes started before MkDocs renders the pages (:func:`start`) and collected after
(:func:`write`). ``sitebuild/serve.py`` sends the ``.gz`` where there is one and gzips the
rest on the fly.

    python -m sitebuild.precompress SOURCE TARGET   # one file, as the build runs it
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "gzip"
#: Smaller files gain a few kB at most; serve.py gzips them on the fly.
MIN_BYTES = 200_000
ITERATIONS = 1  # more buys under 0.2 % for several times the time

_running: dict[Path, subprocess.Popen[bytes]] = {}


def cached(source: Path) -> Path:
    return CACHE / f"{hashlib.sha256(source.read_bytes()).hexdigest()[:24]}.gz"


def start(sources: list[Path]) -> None:
    """Compress each large source not compressed yet, in the background."""
    CACHE.mkdir(parents=True, exist_ok=True)
    for source in sources:
        target = cached(source)
        if source.stat().st_size >= MIN_BYTES and not target.exists() and target not in _running:
            _running[target] = subprocess.Popen([sys.executable, "-m", "sitebuild.precompress", str(source), str(target)])


def write(files: list[Path]) -> None:
    """Put ``<file>.gz`` beside each large file (waiting for its compression if it runs)."""
    start(files)
    for file in files:
        if file.stat().st_size < MIN_BYTES:
            continue
        target = cached(file)
        process = _running.pop(target, None)
        if process is not None and process.wait() != 0:
            raise SystemExit(f"precompressing {file} failed")
        (file.parent / (file.name + ".gz")).write_bytes(target.read_bytes())


def compress(source: Path, target: Path) -> None:
    import zopfli.gzip  # only here: the build's processes import it, nothing else needs it

    body = zopfli.gzip.compress(source.read_bytes(), numiterations=ITERATIONS)
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    partial.write_bytes(body)
    partial.replace(target)  # whole or not at all, also with two builds at once


if __name__ == "__main__":
    compress(Path(sys.argv[1]), Path(sys.argv[2]))
