"""A repeat visit starts Python from a memory snapshot (docs/assets/js/calculator-worker.js):
the first page saves it, a second page in the same browser restores it and computes; a stale,
corrupt or unstorable snapshot means a normal start, and the page still computes."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.pages import value_of, wait_value

CHAPTER_4 = "v=1&economic=600&psychological=150&social=50&price=500&transaction=120&time_hours=4&hourly_value=30"
SNAPSHOTS = "cv-python-snapshot"  # the worker's Cache Storage name


@pytest.fixture
def context(browser) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    yield context
    context.close()


def visit(context: Any, server: Any) -> Any:
    """A new tab on the value calculator; the reader edits a field and Python answers."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{server.url}calculators/value/?{CHAPTER_4}")
    widget = page.locator("[data-calculator]").first
    wait_value(widget, "net_value", "60")  # 600 + 150 + 50 − (500 + 120 + 4 × 30) = 60
    widget.locator("input[name=economic]").fill("700")
    # 700 + 150 + 50 = 900; 900 − 740 = 160: computed now, not prerendered
    wait_value(widget, "net_value", "160")
    assert value_of(widget, "total_benefit") == "900"
    assert errors == []
    return page


def started_from(page: Any) -> str:
    return page.evaluate("document.documentElement.dataset.pythonStart")


def wait_snapshot(page: Any, outcome: str = "stored") -> None:
    expect(page.locator("html")).to_have_attribute("data-python-snapshot", outcome, timeout=60_000)


def snapshot_keys(page: Any) -> list[str]:
    return page.evaluate(f"""async () => (await (await caches.open("{SNAPSHOTS}")).keys()).map((r) => r.url)""")


def test_a_second_tab_restores_the_snapshot_and_computes(context, server) -> None:
    first = visit(context, server)
    assert started_from(first) == "fresh"
    wait_snapshot(first)
    (key,) = snapshot_keys(first)
    assert "python-snapshot" in key
    # Kept without its pages of zeros: less than half of Pyodide's memory is stored.
    stored, memory = first.evaluate(f"""async () => {{
        const response = await (await caches.open("{SNAPSHOTS}")).match("{key}");
        return [(await response.arrayBuffer()).byteLength, Number(response.headers.get("x-snapshot-memory"))];
    }}""")
    assert 0 < stored < memory / 2
    second = visit(context, server)
    assert started_from(second) == "snapshot"
    assert snapshot_keys(second) == [key]


def no_room(context: Any, page: Any, server: Any) -> None:
    """A full disk, as Chromium reports it: no quota left for this origin. A snapshot cannot
    be saved; one already there can still be read and deleted."""
    cdp = context.new_cdp_session(page)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": server.url.rstrip("/"), "quotaSize": 1})  # 0 would reset it


def test_a_stale_snapshot_is_deleted_and_python_starts_normally(context, server) -> None:
    page = context.new_page()
    page.goto(server.url)
    # What an older build left: another runtime's address.
    page.evaluate(f"""async () => (await caches.open("{SNAPSHOTS}")).put(
        new URL("assets/pyodide/0.0.1-000000000000/python-snapshot?old=1", location.href).href,
        new Response(new Uint8Array(1000), {{ headers: {{ "x-snapshot-bytes": "1000", "x-snapshot-check": "x" }} }}))""")
    assert len(snapshot_keys(page)) == 1
    no_room(context, page, server)  # so that only the start can have deleted it, not a new save
    second = visit(context, server)
    assert started_from(second) == "fresh"
    wait_snapshot(second, "failed")
    assert snapshot_keys(second) == []


@pytest.mark.parametrize("damage", [
    # The middle of the saved memory overwritten, headers and length as they were: Pyodide
    # fails, or answers differently.
    "bytes.fill(0xA5, bytes.length >> 3, bytes.length >> 1)",
    # Cut short (a disk that filled up while writing): the length header says so.
    "bytes = bytes.slice(0, bytes.length >> 1)",
], ids=["overwritten", "truncated"])
def test_a_corrupt_snapshot_is_deleted_and_python_starts_normally(context, server, damage: str) -> None:
    first = visit(context, server)
    wait_snapshot(first)
    first.evaluate(f"""async () => {{
        const cache = await caches.open("{SNAPSHOTS}");
        const [request] = await cache.keys();
        const response = await cache.match(request);
        let bytes = new Uint8Array(await response.arrayBuffer());
        {damage};
        await cache.put(request, new Response(bytes, {{ headers: response.headers }}));
    }}""")
    assert len(snapshot_keys(first)) == 1
    no_room(context, first, server)
    second = visit(context, server)
    assert started_from(second) == "fresh"
    wait_snapshot(second, "failed")
    assert snapshot_keys(second) == []


def test_a_page_without_room_to_store_computes_and_starts_normally_again(context, server) -> None:
    page = context.new_page()
    page.goto(server.url)
    no_room(context, page, server)
    first = visit(context, server)
    assert started_from(first) == "fresh"
    wait_snapshot(first, "failed")
    second = visit(context, server)
    assert started_from(second) == "fresh"


def test_an_origin_without_cache_storage_computes(browser, server) -> None:
    """Plain http on a name other than localhost (a trainer's laptop on the room's Wi-Fi) is
    not a secure context: no Cache Storage in the page or the worker, so no snapshot."""
    # Another Chromium (the name mapping is a browser-wide switch), from the same Playwright.
    chromium = browser.browser_type.launch(
        executable_path="/usr/bin/chromium",
        args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--host-resolver-rules=MAP trainer-laptop.test 127.0.0.1"])
    try:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        served = SimpleNamespace(url=server.url.replace("127.0.0.1", "trainer-laptop.test"))  # same server
        first = visit(context, served)
        assert first.evaluate("[window.isSecureContext, 'caches' in window]") == [False, False]
        assert started_from(first) == "fresh"
        first.wait_for_timeout(3000)  # past the worker's idle wait: nothing to save to
        assert first.evaluate("document.documentElement.dataset.pythonSnapshot") is None
        second = visit(context, served)
        assert started_from(second) == "fresh"
    finally:
        chromium.close()


COUNT_WORKERS = """
window.__workers = [];
const Native = window.Worker;
window.Worker = class extends Native {
  constructor(url, options) {
    super(url, options);
    // Material's search has a worker too: only Python's are counted.
    if (String(url).includes("calculator-worker")) window.__workers.push({ url: String(url), documentState: document.readyState });
  }
};
"""


def test_a_calculator_page_starts_python_from_its_head_and_the_widget_adopts_that_worker(context, server) -> None:
    context.add_init_script(COUNT_WORKERS)
    page = visit(context, server)
    workers = page.evaluate("window.__workers")
    # One worker for the page, made while the document was still being parsed (before the
    # widget module could run), and it is the one that answered: no second start.
    assert workers == [{"url": f"{server.url}assets/js/calculator-worker.js", "documentState": "loading"}]
    assert page.evaluate("window.cvPython") is None  # adopted


def test_a_chapter_with_a_calculator_starts_python_only_when_the_reader_nears_it(context, server) -> None:
    context.add_init_script(COUNT_WORKERS)
    page = context.new_page()
    page.goto(f"{server.url}benefits-and-costs/")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__workers") == []
    page.locator("[data-calculator]").first.scroll_into_view_if_needed()
    page.wait_for_function("window.__workers.length === 1")
