"""The offline rules are declared once for the browser (``docs/assets/js/offline-rules.js``,
shared by the service worker and offline.js); the build's long-cache headers must name the
same versioned folders."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from sitebuild.workshop import VERSIONED_PREFIXES

ROOT = Path(__file__).resolve().parent.parent.parent


def test_cache_headers_and_service_worker_agree_on_versioned_folders() -> None:
    script = ('import { VERSIONED_PREFIXES, cacheFor } from "./docs/assets/js/offline-rules.js";'
              'console.log(JSON.stringify([VERSIONED_PREFIXES, cacheFor("/guide/assets/pyodide/314.0.7/pyodide.asm.wasm"),'
              ' cacheFor("/guide/assets/js/widget.js")]))')
    out = subprocess.run(["node", "--input-type=module", "-e", script], cwd=ROOT, capture_output=True, text=True, check=True)
    prefixes, runtime_file, page_file = json.loads(out.stdout)
    assert tuple(prefixes) == VERSIONED_PREFIXES
    assert (runtime_file, page_file) == ("cv-runtime", "cv-pages")
