"""Serve a built site on loopback with the right types for Pyodide (``.mjs``, ``.wasm``).

    python -m sitebuild.serve site 8000
"""

from __future__ import annotations

import functools
import http.server
import sys


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".whl": "application/zip",
    }

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
