"""Each chapter's "try it" button opens its calculator filled with the chapter's example."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import HeldWasm, goto, share, site_url, wait_state, wait_value


@pytest.mark.parametrize(("lang", "chapter", "calculator", "slug", "key", "expected"), [
    # chapter 4: 800 − 740 = 60
    ("en", "benefits-and-costs", "value", "value", "net_value", "60"),
    # chapter 7: 20 × 1 × 100 % × 36 = 720
    ("de", "customer-lifetime-value", "lifetime_value", "lifetime-value", "lifetime_value", "720"),
    # chapter 6: the sandwich (alternative 2) leaves 3 against the corn flakes' 2
    ("zh", "levels-of-competition", "competition", "competition", "likely_choice", "2"),
])
def test_try_it_opens_the_chapter_example(reader, server, lang, chapter, calculator, slug, key, expected) -> None:
    page = goto(reader, site_url(server, lang, f"{chapter}/"))
    page.locator(f"article a.md-button[href*='calculators/{slug}/?v=1']").first.click()
    # A link to the page's own example ("?v=1" alone) is tidied to the bare address once it is
    # answered, which can be before a wait for the address would first look: poll for either.
    expect(page).to_have_url(re.compile(rf"/calculators/{slug}/(\?v=1|$)"))
    wait_value(page.locator(f"[data-calculator={calculator}][data-calculator-page]"), key, expected)
    assert reader.errors == []


@pytest.mark.parametrize(("lang", "calculator", "slug", "example"), [
    # Segments: the links were 549 (try it) and 260 (Copy link) characters long for one state.
    ("en", "lifetime_value", "lifetime-value", "fitness-segments"),
    # Korean text, percent-encoded, and alternatives with their own choices.
    ("ko", "competition", "competition", "evening-out"),
])
def test_copy_link_gives_the_try_it_link_itself(watched, server, lang, calculator, slug, example) -> None:
    from calculators.registry import CALCULATORS
    from sitebuild.macros import calculator_link, resolved_preset

    page = watched.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    try_it = calculator_link(CALCULATORS[calculator], resolved_preset(calculator, example, lang))
    prefix = "" if lang == "en" else lang + "/"
    page.goto(f"{server.url}{prefix}calculators/{slug}/")
    button = page.locator(f"article a.md-button[href$='{try_it}']")
    assert button.count() == 1  # the page's own try-it button for this example
    href = button.evaluate("a => a.href")
    # The page's own widget may be ready with its example before the click: mark it, and wait
    # for the widget the link brings (a new element, whichever way the page is replaced).
    page.evaluate("document.querySelector('[data-calculator]').dataset.beforeClick = ''")
    button.click()
    widget = page.locator(f"[data-calculator={calculator}][data-calculator-page]:not([data-before-click])")
    wait_state(widget, "ready")
    share(widget, "copy-link")
    assert page.evaluate("navigator.clipboard.readText()") == href
    assert page.url == href  # the address bar follows the same link
    assert watched.errors == []


def test_a_link_clicked_while_the_page_computes_keeps_its_own_numbers(watched, server) -> None:
    """The page's answer arriving between the click on a try-it link (to this same page) and
    the new page's arrival must not write the page's example back into the address bar, from
    where the next page would read it."""
    from calculators.registry import CALCULATORS
    from sitebuild.macros import calculator_link, resolved_preset

    page = watched.page
    held_wasm = HeldWasm(page.context)  # the page's own answer waits for Python
    page.goto(f"{server.url}calculators/competition/")
    page.wait_for_function("typeof window.document$ !== 'undefined'")
    try_it = calculator_link(CALCULATORS["competition"], resolved_preset("competition", "evening-out", "en"))
    button = page.locator(f"article a.md-button[href$='{try_it}']")
    href = button.evaluate("a => a.href")
    held_pages = []
    page.route(lambda url: url == href, lambda route: held_pages.append(route))  # the next page waits
    old = page.locator("[data-calculator]")
    old.evaluate("root => { root.dataset.beforeClick = ''; }")
    button.click()
    page.wait_for_function("() => location.search.startsWith('?v=1')")  # the click's address
    held_wasm.release()
    wait_state(page.locator("[data-calculator][data-before-click]"), "ready")  # the old page answers
    assert page.url == href
    for route in held_pages:
        route.continue_()
    widget = page.locator("[data-calculator][data-calculator-page]:not([data-before-click])")
    wait_state(widget, "ready")
    assert widget.locator("input[name=need]").input_value() == "see a new film"  # evening out, not breakfast
    assert page.url == href
    assert watched.errors == []
