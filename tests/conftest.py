"""Shared fixtures: the site built once per test run, served on loopback, one browser.

Speed and size targets are not tested here; these tests assert
behaviour only.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from calculators.languages import CODES
from sitebuild.serve import SiteHandler


class _SiteHandler(SiteHandler):
    def log_message(self, *args: object) -> None:  # keep test output readable
        pass

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = CODES  # declared once in calculators/languages.py

# CI must be deterministic: the same examples on every run.
settings.register_profile("ci", derandomize=True, max_examples=60, deadline=None)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


class _Server:
    """Serves a folder at http://127.0.0.1:PORT/PREFIX (PREFIX "" or "guide/")."""

    def __init__(self, root: Path, prefix: str = "", port: int = 0) -> None:
        serve_dir = root
        if prefix:
            serve_dir = root.parent / "subpath"
            target = serve_dir / prefix.strip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                target.symlink_to(root, target_is_directory=True)
        handler = functools.partial(_SiteHandler, directory=str(serve_dir))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int, str]]:
    """Build once (strict) with site_url matching the port it will be served on."""
    port = _free_port()
    site = tmp_path_factory.mktemp("build") / "site"
    env = dict(os.environ, SITE_URL=f"http://127.0.0.1:{port}/", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    yield site, port, result.stdout + result.stderr
    shutil.rmtree(site.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def site_dir(built_site: tuple[Path, int, str]) -> Path:
    return built_site[0]


@pytest.fixture(scope="session")
def server(built_site: tuple[Path, int, str]) -> Iterator[_Server]:
    site, port, _ = built_site
    srv = _Server(site, port=port)  # the port the site was built for (instant navigation)
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def subpath_server(site_dir: Path) -> Iterator[_Server]:
    srv = _Server(site_dir, prefix="guide/")
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield chromium
        chromium.close()
