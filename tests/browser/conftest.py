"""Browser pages for the tests, each recording console errors and every request's address.

``watched``: a fresh browser context per test, for tests that need a first visit of their own.
``reader``: pages kept for the whole session (one per language, as a reader with a tab per
language), so that Python starts once per language and worker instead of once per test; moved
around with tests/browser/pages.py's ``goto`` and ``goto_calculator``. Its records start empty
for every test; after a failed test its pages are closed, so one failure cannot spill over.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import pytest

# No service worker: its requests would escape page.route() (the blocked-runtime test)
# and its caches would blur what each test loads. tests/browser/test_workshop.py tests it.
CONTEXT = {"viewport": {"width": 1280, "height": 900}, "service_workers": "block"}
# Pages the reader keeps open at once, each with its own running Python (~0.3 GB): one per
# language, so that a worker starts Python at most once per language for these tests.
KEPT_PAGES = 6

_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.failed:
        item.stash[_FAILED] = True
    return report


@dataclass
class Watched:
    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def offsite(self, port: int) -> list[str]:
        return [u for u in self.requests if urlparse(u).scheme in ("http", "https")
                and urlparse(u).netloc != f"127.0.0.1:{port}"]


def _record(page: Any, record: Any) -> None:
    """Send ``page``'s errors and requests to ``record()`` (a function: the reader's changes)."""
    page.on("console", lambda msg: msg.type == "error" and record().errors.append(msg.text))
    page.on("pageerror", lambda exc: record().errors.append(str(exc)))
    page.on("request", lambda req: record().requests.append(req.url))


@pytest.fixture
def watched(browser, server) -> Iterator[Watched]:
    context = browser.new_context(**CONTEXT)
    page = context.new_page()
    record = Watched(page)
    _record(page, lambda: record)
    yield record
    context.close()


class Reader(Watched):
    """A ``Watched`` whose ``page`` is the tab ``goto`` used last, one tab per language."""

    def __init__(self, context: Any) -> None:
        super().__init__(page=None)
        self.context = context
        self.tabs: OrderedDict[str, Any] = OrderedDict()

    def page_for(self, lang: str) -> Any:
        if lang not in self.tabs:
            if len(self.tabs) >= KEPT_PAGES:
                self.tabs.popitem(last=False)[1].close()  # the tab used longest ago
            self.tabs[lang] = self.context.new_page()
            _record(self.tabs[lang], lambda: self)
        self.tabs.move_to_end(lang)
        self.page = self.tabs[lang]
        return self.page

    def start_test(self) -> None:
        self.errors, self.requests = [], []
        self.page = None


@pytest.fixture(scope="session")
def _reader_context(browser, server) -> Iterator[dict[str, Any]]:
    kept: dict[str, Any] = {}
    yield kept
    if kept:
        kept["reader"].context.close()


@pytest.fixture
def reader(browser, _reader_context: dict[str, Any], request: pytest.FixtureRequest) -> Iterator[Reader]:
    if not _reader_context:
        _reader_context["reader"] = Reader(browser.new_context(**CONTEXT))
    kept: Reader = _reader_context["reader"]
    kept.start_test()
    yield kept
    if request.node.stash.get(_FAILED, False):
        kept.context.close()
        _reader_context.clear()
