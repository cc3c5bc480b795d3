"""A fresh page per test that records console errors and every request's host."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest


@dataclass
class Watched:
    page: object
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def offsite(self, port: int) -> list[str]:
        return [u for u in self.requests if urlparse(u).scheme in ("http", "https")
                and urlparse(u).netloc != f"127.0.0.1:{port}"]


@pytest.fixture
def watched(browser, server) -> Iterator[Watched]:  # type: ignore[no-untyped-def]
    # No service worker: its requests would escape page.route() (the blocked-runtime test)
    # and its caches would blur what each test loads. tests/browser/test_workshop.py tests it.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    record = Watched(page)
    page.on("console", lambda msg: msg.type == "error" and record.errors.append(msg.text))
    page.on("pageerror", lambda exc: record.errors.append(str(exc)))
    page.on("request", lambda req: record.requests.append(req.url))
    yield record
    context.close()
