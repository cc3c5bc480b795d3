"""The site in Chromium: languages, search, a sub-path, accessibility."""

from __future__ import annotations

import re


from tests.conftest import LANGUAGES, ROOT
from tests.site.test_build import PAGES, url_path

AXE = ROOT / "node_modules/axe-core/axe.min.js"


def switch_language(page, lang: str) -> None:  # type: ignore[no-untyped-def]
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(f".md-select__link[hreflang={lang}]").first.click()


def test_language_switch_keeps_the_page_and_query(watched, server) -> None:  # type: ignore[no-untyped-def]
    page = watched.page
    page.goto(f"{server.url}calculators/value/?v=1&price=70")
    switch_language(page, "de")
    page.wait_for_url(re.compile(r"/de/calculators/value/\?v=1&price=70$"))
    assert page.locator("html").get_attribute("lang") == "de"


def test_language_switch_after_instant_navigation(watched, server) -> None:  # type: ignore[no-untyped-def]
    page = watched.page
    page.goto(f"{server.url}nl/")
    page.locator("article a[href$='what-customer-value-is/']").first.click()
    page.wait_for_url(re.compile(r"/nl/what-customer-value-is/$"))
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1  # no full load
    switch_language(page, "ru")
    page.wait_for_url(re.compile(r"/ru/what-customer-value-is/$"))
    assert watched.errors == []


def test_the_site_works_under_a_sub_path(browser, subpath_server) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
    page.goto(f"{subpath_server.url}de/calculators/value/?v=1&price=70")
    page.wait_for_function("document.querySelector('[data-calculator]').dataset.state === 'ready'", timeout=90_000)
    assert page.locator("output[data-key=net_value]").get_attribute("data-value") == "30"
    page.goto(f"{subpath_server.url}zh/")
    assert failed == []
    context.close()


def all_pages() -> list[str]:
    return [url_path(lang, page) for lang in LANGUAGES for page in PAGES]


def test_every_page_passes_axe(browser, server) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    problems = {}
    for path in all_pages():
        page.goto(server.url + path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            problems[path] = serious
    context.close()
    assert problems == {}
