"""A repeat visit starts Python from a memory snapshot (docs/assets/js/calculator-worker.js):
the first page saves it, a second page in the same browser restores it and computes; a stale,
corrupt or unstorable snapshot means a normal start, and the page still computes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from tests.browser.pages import value_of, wait_value

CHAPTER_4 = "v=1&economic=600&psychological=150&social=50&price=500&transaction=120&time_hours=4&hourly_value=30"
SNAPSHOT_FILE = "python-snapshot"  # the worker's file in the origin's private file system
#: The file as the page sees it: {size, header} (the header: the runtime's key, the memory's
#: size, the check answer, the bytes of pages stored), or null when there is none.
READ_SNAPSHOT = f"""async () => {{
    const folder = await navigator.storage.getDirectory();
    let file;
    try {{ file = await (await folder.getFileHandle("{SNAPSHOT_FILE}")).getFile(); }} catch {{ return null; }}
    const bytes = new Uint8Array(await file.arrayBuffer());
    const length = new DataView(bytes.buffer).getUint32(0, true);
    return {{ size: bytes.length, header: JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) }};
}}"""


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


def page_runtime(page: Any) -> dict[str, str]:
    """The runtime a calculator page names (its data-runtime), as absolute addresses."""
    return page.evaluate("""() => {
        const paths = JSON.parse(document.querySelector("[data-runtime]").dataset.runtime);
        return { pyodide: new URL(paths.pyodide, document.baseURI).href, wheel: new URL(paths.wheel, document.baseURI).href };
    }""")


def saved_snapshot(page: Any) -> dict[str, Any] | None:
    return page.evaluate(READ_SNAPSHOT)


def rewrite_snapshot(page: Any, change: str) -> None:
    """Rewrite the saved file's bytes (``bytes``) with ``change``, a JavaScript statement."""
    page.evaluate(f"""async () => {{
        const file = await (await navigator.storage.getDirectory()).getFileHandle("{SNAPSHOT_FILE}", {{ create: true }});
        let bytes = new Uint8Array(await (await file.getFile()).arrayBuffer());
        {change};
        const writing = await file.createWritable();
        await writing.write(bytes);
        await writing.close();
    }}""")


def test_a_second_tab_restores_the_snapshot_and_computes(context, server) -> None:
    first = visit(context, server)
    assert started_from(first) == "fresh"
    wait_snapshot(first)
    saved = saved_snapshot(first)
    assert json.loads(saved["header"]["key"]) == page_runtime(first)  # keyed by the runtime
    # Kept without its pages of zeros: less than half of Pyodide's memory is stored.
    assert 0 < saved["size"] < saved["header"]["memory"] / 2
    second = visit(context, server)
    assert started_from(second) == "snapshot"
    assert saved_snapshot(second) == saved  # read, not written again


def no_room(context: Any, page: Any, server: Any) -> None:
    """A full disk, as Chromium reports it: no quota left for this origin. A snapshot cannot
    be saved; one already there can still be read and deleted."""
    cdp = context.new_cdp_session(page)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": server.url.rstrip("/"), "quotaSize": 1})  # 0 would reset it


def test_a_stale_snapshot_is_deleted_and_python_starts_normally(context, server) -> None:
    page = context.new_page()
    page.goto(server.url)
    # What an older build left: another runtime's key, in a well-formed file.
    header = json.dumps({"key": json.dumps({"pyodide": "assets/pyodide/0.0.1-000000000000/", "wheel": "old.whl"}),
                         "memory": 4096, "check": "x", "stored": 0})
    rewrite_snapshot(page, f"""const header = new TextEncoder().encode({json.dumps(header)});
        bytes = new Uint8Array(4 + header.length + 1);
        new DataView(bytes.buffer).setUint32(0, header.length, true);
        bytes.set(header, 4)""")
    assert saved_snapshot(page)["header"]["check"] == "x"
    no_room(context, page, server)  # so that only the start can have deleted it, not a new save
    second = visit(context, server)
    assert started_from(second) == "fresh"
    wait_snapshot(second, "failed")
    assert saved_snapshot(second) is None


@pytest.mark.parametrize("damage", [
    # The middle of the saved memory overwritten, header and length as they were: Pyodide
    # fails, or answers differently.
    "bytes.fill(0xA5, bytes.length >> 3, bytes.length >> 1)",
    # Cut short (a disk that filled up while writing): the header's length says so.
    "bytes = bytes.slice(0, bytes.length >> 1)",
], ids=["overwritten", "truncated"])
def test_a_corrupt_snapshot_is_deleted_and_python_starts_normally(context, server, damage: str) -> None:
    first = visit(context, server)
    wait_snapshot(first)
    rewrite_snapshot(first, damage)
    assert saved_snapshot(first) is not None
    no_room(context, first, server)
    second = visit(context, server)
    assert started_from(second) == "fresh"
    wait_snapshot(second, "failed")
    assert saved_snapshot(second) is None


def test_a_page_without_room_to_store_computes_and_starts_normally_again(context, server) -> None:
    page = context.new_page()
    page.goto(server.url)
    no_room(context, page, server)
    first = visit(context, server)
    assert started_from(first) == "fresh"
    wait_snapshot(first, "failed")
    second = visit(context, server)
    assert started_from(second) == "fresh"


def test_an_origin_without_storage_computes(browser, server) -> None:
    """Plain http on a name other than localhost (a trainer's laptop on the room's Wi-Fi) is
    not a secure context: no private file system (nor Cache Storage), so no snapshot."""
    # Another Chromium (the name mapping is a browser-wide switch), from the same Playwright.
    chromium = browser.browser_type.launch(
        executable_path="/usr/bin/chromium",
        args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--host-resolver-rules=MAP trainer-laptop.test 127.0.0.1"])
    try:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        served = SimpleNamespace(url=server.url.replace("127.0.0.1", "trainer-laptop.test"))  # same server
        first = visit(context, served)
        assert first.evaluate("[window.isSecureContext, 'storage' in navigator]") == [False, False]
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
    (worker,) = workers
    assert worker["documentState"] == "loading"
    # Its address names the runtime it starts (after the #): the page's data-runtime.
    script, runtime = worker["url"].split("#")
    assert script == f"{server.url}assets/js/calculator-worker.js"
    named = json.loads(unquote(runtime))
    assert {"pyodide": named["pyodide"], "wheel": named["wheel"]} == page_runtime(page)
    assert page.evaluate("window.cvPython") is None  # adopted


def test_a_chapter_with_a_calculator_starts_python_only_when_the_reader_nears_it(context, server) -> None:
    context.add_init_script(COUNT_WORKERS)
    page = context.new_page()
    page.goto(f"{server.url}benefits-and-costs/")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__workers") == []
    page.locator("[data-calculator]").first.scroll_into_view_if_needed()
    page.wait_for_function("window.__workers.length === 1")
