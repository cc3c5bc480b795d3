"""Serve a built site on loopback as a static host would: the right types for Pyodide
(``.mjs``, ``.wasm``), long caching for versioned runtime files, and gzip for a client that
accepts it (a room of readers on one laptop's Wi-Fi pulls 3.4 MB of wasm each, not 9.6): the
build's precompressed ``.gz`` copy where there is one, else gzip made on the fly.

    python -m sitebuild.serve site 8000
"""

from __future__ import annotations

import email.utils
import functools
import gzip
import http.server
import io
import os
import sys
import threading
import urllib.parse

from sitebuild.workshop import cache_control

#: Formats that are compressed already; a static host sends them as they are.
NOT_COMPRESSED = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/avif",
                  "font/woff", "font/woff2", "application/gzip")
#: As a static host that compresses its files once, ahead of time (nginx's gzip_static, a
#: CDN's cache): the slowest level costs time once per file and saves 30 kB per reader.
GZIP_LEVEL = 9


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    # Connections kept open between requests, as a static host keeps them (HTTP/1.0 would
    # open one per file, and a browser opens at most six at a time).
    protocol_version = "HTTP/1.1"
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".whl": "application/zip",
    }
    # Each file gzipped once per version of it (path, mtime, size), shared by all requests.
    compressed: dict[tuple[str, float, int], bytes] = {}
    compressed_lock = threading.Lock()

    @classmethod
    def gzipped(cls, path: str) -> bytes:
        stat = os.stat(path)
        key = (path, stat.st_mtime, stat.st_size)
        with cls.compressed_lock:
            body = cls.compressed.get(key)
        if body is None:
            with open(path, "rb") as source:
                body = gzip.compress(source.read(), compresslevel=GZIP_LEVEL, mtime=0)
            with cls.compressed_lock:
                cls.compressed[key] = body
        return body

    @staticmethod
    def precompressed(path: str) -> bytes | None:
        """The build's ``.gz`` copy (sitebuild/precompress.py), if it has one."""
        try:
            with open(path + ".gz", "rb") as copy:
                return copy.read()
        except FileNotFoundError:
            return None

    def send_head(self):
        self.gzip_sent = False
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not urllib.parse.urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the slash
            path = os.path.join(path, "index.html")
        accepts = any(coding.split(";")[0].strip() in ("gzip", "*")
                      for coding in self.headers.get("Accept-Encoding", "").split(","))
        if not accepts or not os.path.isfile(path) or self.guess_type(path) in NOT_COMPRESSED:
            return super().send_head()
        if self.unchanged_since_asked(path):
            self.send_response(304)
            self.send_header("Last-Modified", self.date_time_string(int(os.path.getmtime(path))))
            self.end_headers()
            return None
        body = self.precompressed(path) or self.gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(os.path.getmtime(path))))
        self.end_headers()
        self.gzip_sent = True
        return io.BytesIO(body)

    def unchanged_since_asked(self, path: str) -> bool:
        """A revalidation (If-Modified-Since) of a file not changed since: 304, no body."""
        asked = self.headers.get("If-Modified-Since")
        if not asked or self.headers.get("If-None-Match"):
            return False
        try:
            since = email.utils.parsedate_to_datetime(asked)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        return since.tzinfo is not None and int(os.path.getmtime(path)) <= since.timestamp()

    def end_headers(self) -> None:
        # As a static host should be configured (the build writes the same rules to _headers).
        control = cache_control(self.path.split("?", 1)[0])
        if control:
            self.send_header("Cache-Control", control)
        # Every file's body depends on Accept-Encoding, so every response says so, gzipped or not.
        self.send_header("Vary", "Accept-Encoding")
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
