"""The site in Chromium: languages, search, a sub-path, accessibility."""

from __future__ import annotations

import re
import urllib.parse

import pytest

from sitebuild.messages import catalogue
from tests.browser.conftest import CONTEXT
from tests.browser.pages import goto, wait_for_stillness
from tests.conftest import LANGUAGES, ROOT
from tests.site.test_build import PAGES, url_path

AXE = ROOT / "node_modules/axe-core/axe.min.js"


def switch_language(page, lang: str) -> None:
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(f".md-select__link[hreflang={lang}]").first.click()


def test_language_switch_keeps_the_page_and_query(watched, server) -> None:
    page = watched.page
    page.goto(f"{server.url}calculators/value/?v=1&price=70")
    switch_language(page, "de")
    page.wait_for_url(re.compile(r"/de/calculators/value/\?v=1&price=70$"))
    assert page.locator("html").get_attribute("lang") == "de"


def test_the_switcher_s_links_carry_the_inputs_on_screen_before_any_hover(watched, server) -> None:
    # A reader who copies a language's link (or a trainer who opens it in a new tab) gets the
    # numbers typed, not those the page was opened with.
    page = watched.page
    page.goto(f"{server.url}calculators/value/?v=1&price=70")
    page.wait_for_function("document.querySelector('[data-calculator]').dataset.state === 'ready'")
    page.fill("[data-calculator] input[name=price]", "85")
    page.wait_for_function("location.search.includes('price=85')")
    german = page.locator(".md-select__link[hreflang=de]").first.get_attribute("href")
    assert german.endswith("/de/calculators/value/?v=1&price=85")
    assert watched.errors == []


def test_a_page_showing_its_example_switches_to_that_example_in_the_other_language(watched, server) -> None:
    # The competition page opens with the breakfast table, and its address then names that
    # example's link, English names and all. The German page shows the same table in German.
    page = watched.page
    page.goto(f"{server.url}calculators/competition/")
    page.wait_for_function("location.search.includes('name_1=')")
    german = page.locator(".md-select__link[hreflang=de]").first
    assert german.get_attribute("href").endswith("/de/calculators/competition/")
    switch_language(page, "de")
    page.wait_for_url(re.compile(r"/de/calculators/competition/"))
    names = catalogue("de", "competition")["examples"]["breakfast"]
    widget = page.locator("[data-calculator]")
    for key in ("name", "name_1", "name_4"):
        assert widget.locator(f"input[name={key}]").input_value() == names[key]
    # Once the reader changes the case, it is theirs: the switcher carries it, names included.
    page.goto(f"{server.url}calculators/competition/")
    page.fill("[data-calculator] input[name=spend_1]", "12")
    page.wait_for_function("location.search.includes('spend_1=12')")
    carried = urllib.parse.urlsplit(german.get_attribute("href")).query
    assert "spend_1=12" in carried and "name_1=Instant+cereal" in carried, carried
    assert watched.errors == []


def test_language_switch_after_instant_navigation(watched, server) -> None:
    page = watched.page
    page.goto(f"{server.url}nl/")
    page.locator("article a[href$='what-customer-value-is/']").first.click()
    page.wait_for_url(re.compile(r"/nl/what-customer-value-is/$"))
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1  # no full load
    # The address changes before Material has swapped the new page in; a reader sees the new
    # page (and its head) before reaching for the switcher.
    page.wait_for_function("document.head.querySelector('link[hreflang=ru]')?.href.includes('what-customer-value-is')")
    switch_language(page, "ru")
    page.wait_for_url(re.compile(r"/ru/what-customer-value-is/$"))
    assert watched.errors == []


def test_the_site_works_under_a_sub_path(browser, subpath_server) -> None:
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


# Every page with its own template or widget is checked in every language (a long word can push
# it sideways on a phone), and the pages that share the chapter template are spread over the
# languages: each is checked in one language, a different one for each.
OWN_TEMPLATE = ["index.md", "glossary.md", *(p for p in PAGES if p.startswith(("calculators/", "workshop/")))]
PROSE = [p for p in PAGES if p not in OWN_TEMPLATE]


def pages_to_check(lang: str) -> list[str]:
    return OWN_TEMPLATE + PROSE[LANGUAGES.index(lang)::len(LANGUAGES)]


# Axe checks what a page's template decides (landmarks, labels, names, contrast, ARIA) and what
# its Markdown adds (tables, images, links): the pages with their own template in half the
# languages, alternately (en, ko, de or nl, ru, zh: a Latin and a non-Latin script in each
# half), and the chapters as above. A translation missing from a catalogue fails tests/site
# first, and the calculators' answers are checked by axe in more states in
# test_calculator_page.py. 19 pages x 6 languages = 114 runs became 8 x 3 + 11 = 35 (59 until
# the suite neared its 6 minutes), every page in at least one language.
def axe_pages(lang: str) -> list[str]:
    return OWN_TEMPLATE[LANGUAGES.index(lang) % 2::2] + PROSE[LANGUAGES.index(lang)::len(LANGUAGES)]


def test_axe_checks_every_page_in_some_language() -> None:
    checked = {page for lang in LANGUAGES for page in axe_pages(lang)}
    assert checked == set(PAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_pass_axe(reader, server, lang: str) -> None:
    problems = {}
    for page_file in axe_pages(lang):
        page = goto(reader, server.url + url_path(lang, page_file))
        if page.evaluate("typeof window.axe === 'undefined'"):  # once per document
            page.add_script_tag(path=str(AXE))
        wait_for_stillness(page)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            problems[page_file] = serious
    assert problems == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_scrolls_sideways_on_a_320_px_phone(reader, server, lang: str) -> None:
    # A grid column of minmax(18rem, 1fr) is 360 px wide whatever the screen: the workshop's
    # scenario cards once pushed the page 56 px past a 320 px phone, in every language.
    page = reader.page_for(lang)
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        too_wide = {}
        for page_file in pages_to_check(lang):
            page = goto(reader, server.url + url_path(lang, page_file))
            width = page.evaluate("document.scrollingElement.scrollWidth")
            if width > 320:
                too_wide[page_file] = width
        assert too_wide == {}
    finally:
        page.set_viewport_size(CONTEXT["viewport"])


def test_korean_breaks_between_words_and_chinese_emphasis_stands_upright(reader, server) -> None:
    # Korean set like English broke words mid-syllable-block ("시/간과"); a slanted Han character
    # reads as a broken font.
    page = goto(reader, server.url + "ko/")
    assert page.evaluate("getComputedStyle(document.querySelector('article p')).wordBreak") == "keep-all"
    page = goto(reader, server.url + "zh/calculators/value/")
    style = page.evaluate("(({fontStyle, fontWeight}) => [fontStyle, fontWeight])(getComputedStyle(document.querySelector('article em')))")
    assert style == ["normal", "700"]


def test_the_home_page_s_two_paths_end_with_their_buttons_level(watched, server) -> None:
    # Material lays a card out as a block, over the guide's column: the German cards' buttons
    # sat 21 px apart, each under its own text (visual QA).
    page = watched.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{server.url}de/")
    bottoms = page.evaluate("""[...document.querySelectorAll('.cv-paths > ul > li')]
      .map((card) => [...card.querySelectorAll('.md-button')].at(-1).getBoundingClientRect().bottom)""")
    assert len(bottoms) == 2 and abs(bottoms[0] - bottoms[1]) <= 1, bottoms
