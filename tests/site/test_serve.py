"""``./dev serve`` (sitebuild/serve.py) sends what a static host would: gzip to a client that
accepts it, the file as it is to one that does not, the wasm typed for streaming compilation."""

from __future__ import annotations

import functools
import gzip
import http.client
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitebuild.serve import SiteHandler


class QuietHandler(SiteHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(site_dir: Path) -> Iterator[int]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site_dir)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def get(port: int, path: str, headers: dict[str, str]) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]  # kept on the response for the tests
    connection.close()
    return response


def wasm(site_dir: Path) -> tuple[str, bytes]:
    (path,) = site_dir.glob("assets/pyodide/*/pyodide.asm.wasm")
    return "/" + path.relative_to(site_dir).as_posix(), path.read_bytes()


def test_wasm_is_gzipped_for_a_client_that_accepts_gzip(served: int, site_dir: Path) -> None:
    path, original = wasm(site_dir)
    response = get(served, path, {"Accept-Encoding": "gzip, deflate, br"})
    assert response.status == 200
    assert response.getheader("Content-Type") == "application/wasm"
    assert response.getheader("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in response.getheader("Vary")
    assert int(response.getheader("Content-Length")) == len(response.body) < len(original) / 2
    assert gzip.decompress(response.body) == original
    assert "immutable" in response.getheader("Cache-Control")


def test_the_file_as_it_is_for_a_client_that_does_not(served: int, site_dir: Path) -> None:
    path, original = wasm(site_dir)
    for headers in ({}, {"Accept-Encoding": "identity"}):
        response = get(served, path, headers)
        assert response.status == 200
        assert response.getheader("Content-Encoding") is None
        assert response.getheader("Content-Type") == "application/wasm"
        assert response.body == original


def test_a_page_is_gzipped_and_an_image_is_not(served: int, site_dir: Path) -> None:
    page = get(served, "/calculators/value/", {"Accept-Encoding": "gzip"})
    assert page.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(page.body) == (site_dir / "calculators/value/index.html").read_bytes()
    images = sorted(site_dir.glob("assets/**/*.png"))
    if images:
        image = get(served, "/" + images[0].relative_to(site_dir).as_posix(), {"Accept-Encoding": "gzip"})
        assert image.getheader("Content-Encoding") is None
        assert image.body == images[0].read_bytes()


def test_the_builds_precompressed_copy_is_what_a_gzip_client_gets(served: int, site_dir: Path) -> None:
    path, original = wasm(site_dir)
    copy = (site_dir / path.lstrip("/")).with_name("pyodide.asm.wasm.gz").read_bytes()
    assert gzip.decompress(copy) == original
    assert len(copy) < len(gzip.compress(original, compresslevel=9))  # zopfli beats gzip -9
    response = get(served, path, {"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"
    assert response.body == copy


def test_a_small_file_has_no_copy_and_is_gzipped_on_the_fly(site_dir: Path) -> None:
    (wheel,) = site_dir.glob("assets/calculators/*/*.whl")
    assert not wheel.with_name(wheel.name + ".gz").exists()
    assert not list(site_dir.glob("*.html.gz")) and not list(site_dir.glob("calculators/*/*.gz"))


def test_a_file_unchanged_since_the_browser_kept_it_is_answered_304_without_a_body(served: int, site_dir: Path) -> None:
    import email.utils

    changed = (site_dir / "assets/js/widget.js").stat().st_mtime
    kept_at = email.utils.formatdate(changed, usegmt=True)
    again = get(served, "/assets/js/widget.js", {"Accept-Encoding": "gzip", "If-Modified-Since": kept_at})
    assert (again.status, again.body) == (304, b"")
    older = email.utils.formatdate(changed - 60, usegmt=True)
    stale = get(served, "/assets/js/widget.js", {"Accept-Encoding": "gzip", "If-Modified-Since": older})
    assert stale.status == 200 and gzip.decompress(stale.body) == (site_dir / "assets/js/widget.js").read_bytes()
    nonsense = get(served, "/assets/js/widget.js", {"Accept-Encoding": "gzip", "If-Modified-Since": "yesterday"})
    assert nonsense.status == 200


def test_one_connection_carries_several_requests(served: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", served, timeout=60)
    try:
        for path in ("/calculators/value/", "/assets/js/widget.js", "/assets/css/guide.css"):
            connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            response.read()
            assert response.status == 200 and not response.will_close, path
    finally:
        connection.close()


def test_materials_content_named_files_are_kept_a_year_and_ours_are_asked_again(served: int, site_dir: Path) -> None:
    (bundle,) = site_dir.glob("assets/javascripts/bundle.*.min.js")
    named = get(served, "/" + bundle.relative_to(site_dir).as_posix(), {"Accept-Encoding": "gzip"})
    assert named.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    # Ours keep their names from build to build: a browser revalidates them (a 304 when unchanged).
    for path in ("/assets/js/widget.js", "/assets/css/guide.css", "/calculators/value/"):
        assert get(served, path, {"Accept-Encoding": "gzip"}).getheader("Cache-Control") is None, path
    assert get(served, "/sw.js", {}).getheader("Cache-Control") == "no-cache"


def test_the_hosts_headers_file_declares_what_serve_sends(served: int, site_dir: Path) -> None:
    lines = (site_dir / "_headers").read_text(encoding="utf-8").splitlines()
    declared = {path: rule.split(": ", 1)[1] for path, rule in zip(lines[::2], lines[1::2], strict=True)}
    assert {"/assets/pyodide/*", "/assets/calculators/*", "/sw.js", "/offline.json"} <= set(declared)
    assert any(path.startswith("/assets/javascripts/bundle.") for path in declared)
    for pattern, control in declared.items():
        # A folder's rule is checked on a file in it.
        path = pattern if not pattern.endswith("*") else "/" + next(
            file for file in site_dir.glob(pattern.strip("/") + "*/*") if file.is_file()).relative_to(site_dir).as_posix()
        sent = get(served, path, {})
        assert (sent.status, sent.getheader("Cache-Control")) == (200, control), path
