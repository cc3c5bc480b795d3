"""Search in each language finds a word of every page in that language, and only there.

The words were chosen by the writers of each language: ordinary words of the language that
occur in the page's own prose and on no other page of that language.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from sitebuild.chapters import CHAPTERS
from tests.conftest import LANGUAGES

SLUGS = [chapter.slug for chapter in CHAPTERS]  # "" is the home page

WORDS = {
    "en": "engineer assumption airbags repair airline shelf startups audit kiosks whiteboard salespeople learners translation",
    "nl": "prijslijst aanname bouwsteen uurtarief klantbinding speelveld leadkwalificatie portemonnee waardesysteem ijsberg verkoopbeleid moedertalen oorspronkelijke",
    "ko": "브라우저 베이징 에어백 계약서 로밍 금요일 단백질 보온병 혈당 화이트보드 대변인 활용법 원제",
    "ru": "инженер Пекин подушки парикмахер авиакомпания яичница витамины кофемашина глюкометр айсберг брошюра столбце рубрике",
    "de": "selbstständig Zahlungsbereitschaft Airbags Inhaberin Fluggesellschaft Spiegeleier Quartal Absatzweg Öffnungszeiten Lehrbuch Pressestelle Muttersprache Originaltitel",
    "zh": "自学 核实 报表 跑腿 账单 迫切 教练 节流 太空 白板 政策 释义 网页",
}


def result_paths(page) -> list[str]:
    # Read in one go: Material re-renders the list as results arrive, and a locator taken
    # from one rendering (nth(2)) may wait for an item the next rendering no longer has.
    hrefs = page.evaluate("[...document.querySelectorAll('.md-search-result__item > a')].map((a) => a.href)")
    return [urlsplit(urljoin(page.url, href)).path for href in hrefs]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_a_word_of_every_chapter_in_its_own_language(browser, server, lang: str) -> None:
    words = WORDS[lang].split()
    assert len(words) == len(SLUGS)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    root = "/" if lang == "en" else f"/{lang}/"
    page.goto(f"{server.url}{root.lstrip('/')}")
    search = page.locator("input.md-search__input")
    search.click()
    if lang != "en":
        assert search.get_attribute("placeholder") != "Search"  # Material's own words, translated
    missing = {}
    for word, slug in zip(words, SLUGS):
        expected = root + (f"{slug}/" if slug else "")
        search.fill(word)  # fill(): non-ASCII cannot be typed
        page.keyboard.press("End")  # Material searches on key events, which fill() does not send
        try:
            page.wait_for_function(
                "path => [...document.querySelectorAll('.md-search-result__item > a')]"
                ".some(a => new URL(a.href).pathname === path)", arg=expected, timeout=15_000)
        except Exception:  # noqa: BLE001 — report every word that failed, not only the first
            missing[word] = result_paths(page)
            continue
        paths = result_paths(page)
        outside = [p for p in paths if not p.startswith(root) or any(p.startswith(f"/{o}/") for o in LANGUAGES if o != lang and lang == "en")]
        assert not outside, f"{lang} {word!r}: results from another language: {outside}"
    # The count of results is a status a screen reader hears, in the page's language.
    meta = page.locator(".md-search-result__meta")
    assert meta.get_attribute("role") == "status"
    assert meta.text_content().strip() and "matching" not in meta.text_content() or lang == "en"
    context.close()
    assert not missing, f"{lang}: words not found on their page: {missing}"
