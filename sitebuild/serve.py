"""Serve a built site on loopback with the right types for Pyodide (``.mjs``, ``.wasm``).

    python -m sitebuild.serve site 8000
"""

from __future__ import annotations

import functools
import http.server
import sys

from sitebuild.workshop import VERSIONED_PREFIXES


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".whl": "application/zip",
    }

    def end_headers(self) -> None:
        # As a static host should be configured (the build writes the same rules to _headers):
        # versioned runtime files for a year; the service worker and its manifest never stale.
        path = self.path.split("?", 1)[0]
        if any(f"/{prefix}" in path for prefix in VERSIONED_PREFIXES):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        elif path.endswith(("/sw.js", "/offline.json")):
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def handle(self) -> None:
        # A reader who navigates away mid-download (a page leaving while Pyodide loads)
        # is not a server error.
        try:
            super().handle()
        except (ConnectionResetError, BrokenPipeError):
            pass


def main() -> None:
    directory, port = sys.argv[1], int(sys.argv[2])
    handler = functools.partial(SiteHandler, directory=directory)
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        httpd.serve_forever()


if __name__ == "__main__":
    main()
