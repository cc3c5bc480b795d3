"""Driving the site the way a reader does, and waiting for what the page contract promises.

Moving around: ``goto(watched, url)`` and ``goto_calculator(watched, server, lang, slug, query)``.
A reader who has the guide open moves by following links, and Material's instant navigation
swaps the next page in without reloading the document: the Web Worker, and Python (Pyodide)
in it, stay. These helpers do the same. When the page already shows the site in the target's
language, they add a link to the page and click it (Material intercepts the click and fetches
the page); otherwise (a first visit, another language, where the site loads in full by design:
docs/assets/js/language.js) they load the address. A test therefore starts Python once per
browser page and language instead of once per page it opens. ``goto`` checks that a link
click really stayed in the document: if instant navigation broke, the tests say so instead of
silently getting slower.

Which page to use: the ``reader`` fixture (tests/browser/conftest.py) is a browser page kept
for the whole session, one tab per language; use it unless the test needs a first visit of
its own (the runtime failing to load, the service worker, working offline, a script installed
before the page loads, counting every request of a visit): those take ``watched``, a fresh
context per test.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import expect

# The language of a path: its first segment, or English (at the root).
OTHER_LANGUAGES = ("nl", "ko", "ru", "de", "zh")

# Marks the page being left, to see when Material has swapped the next one in.
_LEFT = "data-test-left"

_SITEMAP_LOADED = """() => performance.getEntriesByType("resource")
    .some((entry) => new URL(entry.name).pathname.endsWith("/sitemap.xml") && entry.responseEnd > 0)"""

_FOLLOW = """([url, left]) => {
    document.querySelector("[data-md-component=container]").setAttribute(left, "");
    const link = Object.assign(document.createElement("a"), { href: url, textContent: url });
    document.querySelector("article").append(link);
    link.click();
    link.remove();
}"""

# The path only: a calculator page may rewrite its query at once (history.replaceState).
_ARRIVED = """([url, left]) => location.pathname === new URL(url).pathname
    && document.querySelector(`[data-md-component=container]:not([${left}])`) !== null"""


def language_of(url: str) -> str:
    first = urlsplit(url).path.strip("/").split("/")[0]
    return first if first in OTHER_LANGUAGES else "en"


def site_url(server: Any, lang: str, path: str = "", query: str = "") -> str:
    """``server.url`` + the language's root + ``path`` (``calculators/value/``) + ``?query``."""
    prefix = "" if lang == "en" else f"{lang}/"
    return f"{server.url}{prefix}{path}{'?' + query if query else ''}"


def goto(watched: Any, url: str) -> Any:
    """Open ``url`` by a link where a reader could, else by loading it; return the page used.

    ``watched`` is a ``reader`` (which keeps one page per language), a ``watched`` or a
    Playwright page.
    """
    if hasattr(watched, "page_for"):
        page = watched.page_for(language_of(url))
    else:
        page = watched if hasattr(watched, "goto") else watched.page
    current, target = urlsplit(page.url), urlsplit(url)
    on_site = (current.netloc == target.netloc and language_of(page.url) == language_of(url)
               and page.evaluate("typeof window.document$ !== 'undefined'"))
    if not on_site:
        page.goto(url)
        # Return with Material ready, as after an instant navigation: a click while its
        # instant navigation is still starting up was seen to go nowhere (30 s, no navigation).
        page.wait_for_function(_SITEMAP_LOADED)
        return page
    if current.path == target.path:
        # Instant navigation only fetches a page when the path changes; a reader who wants the
        # same page with other inputs follows a link from elsewhere. Go through the home page.
        prefix = "" if language_of(url) == "en" else f"{language_of(url)}/"
        home = f"{target.scheme}://{target.netloc}/{prefix}"
        if urlsplit(home).path == target.path:  # the home page itself, asked for again: load it
            page.goto(url)
            page.wait_for_function(_SITEMAP_LOADED)
            return page
        goto(watched, home)
    page.wait_for_function(_SITEMAP_LOADED)  # before it, Material lets a click load in full
    document_started = page.evaluate("performance.timeOrigin")
    page.evaluate(_FOLLOW, [url, _LEFT])
    page.wait_for_function(_ARRIVED, arg=[url, _LEFT], timeout=30_000)
    assert page.evaluate("performance.timeOrigin") == document_started, f"{url}: loaded in full, not by instant navigation"
    return page


def goto_calculator(watched: Any, server: Any, lang: str, slug: str, query: str = "") -> Any:
    """Open calculator ``slug`` (``value``, ``lifetime-value``) with ``query``; return its widget."""
    page = goto(watched, site_url(server, lang, f"calculators/{slug}/", query))
    return page.locator("[data-calculator]").first



def wait_state(widget: Any, state: str) -> None:
    # expect() re-finds the widget on every poll: after an instant navigation the element
    # found first may be the old page's, which is then detached.
    expect(widget).to_have_attribute("data-state", state, timeout=90_000)


def wait_value(widget: Any, key: str, expected: str) -> None:
    """Wait until the widget is ready and shows ``expected`` as ``key``'s data-value."""
    expect(widget.locator(f"output[data-key={key}]")).to_have_attribute("data-value", expected, timeout=90_000)
    wait_state(widget, "ready")


def value_of(widget: Any, key: str) -> str:
    return widget.locator(f"output[data-key={key}]").get_attribute("data-value")


def text_of(widget: Any, key: str) -> str:
    return widget.locator(f"output[data-key={key}]").text_content()


def wait_for_stillness(page: Any) -> None:
    """Let the page's finite CSS transitions and animations end. Material fades the header's
    title in as a page arrives, and axe measures colour contrast at the opacity of that moment
    (a 150 ms race that failed once on the home page's title)."""
    page.evaluate("""Promise.all(document.getAnimations()
        .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => {})))""")


def share(scope: Any, action: str) -> None:
    """Choose ``action`` (``copy-link``, ``qr``, ``mine``, ``present``, ``worksheet``, ``csv``,
    ``json``) in the "Share & teach" menu of ``scope`` (a page or a widget), as a reader does:
    open the menu, then click the item."""
    toggle = scope.locator(".cv-share-toggle").first
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    scope.locator(f".cv-share-menu [data-action={action}]").first.click()


class HeldWasm:
    """Holds the wasm download (the largest file) until released, as a slow line would.
    context.route: a worker's requests skip page.route."""

    def __init__(self, context: Any) -> None:
        self.context, self.held = context, []
        context.route("**/pyodide.asm.wasm", self.hold)

    def hold(self, route: Any) -> None:
        self.held.append(route)

    def release(self) -> None:
        for route in self.held:
            route.continue_()
        self.held.clear()
        self.context.unroute("**/pyodide.asm.wasm", self.hold)
