"""Shared fixtures: the site built once per test run (also under xdist), served on loopback, one browser.

Speed and size targets are not tested here; these tests assert
behaviour only.
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Server:
    """Serves a folder at http://127.0.0.1:PORT/PREFIX (PREFIX "" or "guide/").

    The folder may not exist yet: each request reads the disk (xdist's controller starts the
    server before the site is built into it).
    """

    def __init__(self, root: Path, prefix: str = "", port: int = 0) -> None:
        serve_dir = root
        if prefix:
            serve_dir = root.parent / "subpath"
            target = serve_dir / prefix.strip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                target.symlink_to(root, target_is_directory=True)
            except FileExistsError:  # the other worker made it (the build is shared)
                pass
        handler = functools.partial(_SiteHandler, directory=str(serve_dir))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass(frozen=True)
class _SharedServer:
    """The controller's server, as a worker sees it: where to reach it; the controller closes it."""

    url: str
    port: int


# --- One build and one server per run, also with `pytest -n 2` ---------------------------------
#
# The site is built with its address (SITE_URL) baked in: Material's instant navigation only
# follows links listed in the sitemap at that address, port included. So the run serves one
# build from one server at one port. Under xdist the controller process (which runs no tests)
# starts the server, tells each worker its port and folder, and starts the build there at once,
# under a file lock: the workers collect and run the tests that need no site meanwhile
# (testpaths lists them first), and a worker that needs the site waits for the lock and reuses
# the build. Without xdist the test process does both itself.

_SITE = "customer_value_guide_site"  # the key in xdist's workerinput


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist's controller, once per worker: start the shared server once, hand out its address."""
    config = node.config
    shared = getattr(config, "_customer_value_guide_server", None)
    if shared is None:
        # The workers' own temporary folders are made under the controller's (popen-gwN).
        folder = config._tmp_path_factory.getbasetemp() / "shared-build"
        folder.mkdir(exist_ok=True)
        shared = (_Server(folder / "site"), folder)
        config._customer_value_guide_server = shared
        builder = threading.Thread(target=_build_once, args=(folder / "site", shared[0].port), daemon=True)
        builder.start()
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
        config.add_cleanup(shared[0].close)  # cleanups run last first: join, close, then remove
        config.add_cleanup(builder.join)
    server, folder = shared
    node.workerinput[_SITE] = json.dumps({"folder": str(folder), "port": server.port})


def _build_once(site: Path, port: int) -> dict[str, Any]:
    """Build the site into ``site`` for ``port`` unless another process already has.

    The lock is held for the whole build, so a second process waits here and then finds the
    result (return code and log) the first one recorded.
    """
    record = site.parent / "build.json"
    with open(site.parent / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            env = dict(os.environ, SITE_URL=f"http://127.0.0.1:{port}/", NO_MKDOCS_2_WARNING="1")
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                cwd=ROOT, env=env, capture_output=True, text=True,
            )
            record.write_text(json.dumps({"returncode": result.returncode, "log": result.stdout + result.stderr}))
        return json.loads(record.read_text())


@pytest.fixture(scope="session")
def built_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int, str]]:
    """The strict build, once per run, with site_url matching the port it is served on."""
    shared = getattr(request.config, "workerinput", {}).get(_SITE)
    if shared:
        folder, port = Path(json.loads(shared)["folder"]), json.loads(shared)["port"]
    else:
        folder, port = tmp_path_factory.mktemp("build"), _free_port()
    site = folder / "site"
    build = _build_once(site, port)
    assert build["returncode"] == 0, build["log"]
    yield site, port, build["log"]
    if not shared:  # the controller's folder goes with pytest's own temporary folders
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def site_dir(built_site: tuple[Path, int, str]) -> Path:
    return built_site[0]


@pytest.fixture(scope="session")
def server(request: pytest.FixtureRequest, built_site: tuple[Path, int, str]) -> Iterator[_Server | _SharedServer]:
    site, port, _ = built_site
    if _SITE in getattr(request.config, "workerinput", {}):
        yield _SharedServer(f"http://127.0.0.1:{port}/", port)
        return
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
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  # Wasm from the baseline compiler only: on two cores the optimising tier's
                  # background compiles of Pyodide's 9.6 MB wasm, in every new context, slowed
                  # the whole suite by a tenth (5:02 → 4:36). Behaviour is the same; speed is
                  # measured by scripts/benchmark.py, in a browser with default settings.
                  "--js-flags=--liftoff-only"],
        )
        yield chromium
        chromium.close()
