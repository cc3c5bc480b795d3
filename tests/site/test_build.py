"""The built site as files: every page in every language, languages marked, search split."""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path

import pytest
import yaml

from sitebuild.messages import lookup
from tests.conftest import LANGUAGES, ROOT
from tests.site.test_languages import mkdocs_config

PAGES = sorted(p.relative_to(ROOT / "docs/en").as_posix() for p in (ROOT / "docs/en").rglob("*.md"))


def url_path(lang: str, page: str) -> str:
    """Where a page is served, relative to the site: ``de/workshop/`` for workshop/index.md."""
    slug = page.removesuffix(".md").removesuffix("index").rstrip("/")
    return ("" if lang == "en" else f"{lang}/") + (slug + "/" if slug else "")


def html_path(site: Path, lang: str, page: str) -> Path:
    return site / url_path(lang, page) / "index.html"


def test_strict_build_has_no_warnings(built_site) -> None:
    assert "WARNING" not in built_site[2]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_exists_in_every_language_with_its_lang(site_dir: Path, page: str) -> None:
    for lang in LANGUAGES:
        assert (ROOT / "docs" / lang / page).exists(), f"{lang}/{page} is missing"
        html = html_path(site_dir, lang, page).read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{lang}"', html)
        hreflangs = set(re.findall(r'<link rel="alternate" href="[^"]+#" hreflang="(\w+)">', html))
        assert hreflangs == set(LANGUAGES)
        # Material fetches sitemap.xml beside each alternate: it must exist (no 404).
        assert (html_path(site_dir, lang, page).parent / "sitemap.xml").exists()
        # The switcher names each language in that language's voice, and marks this one.
        switcher = re.findall(r'<a href="[^"]*" hreflang="(\w+)" lang="(\w+)" class="md-select__link"( aria-current="true")?>', html)
        assert sorted(h for h, _, _ in switcher) == sorted(LANGUAGES) and all(h == code for h, code, _ in switcher)
        assert [h for h, _, current in switcher if current] == [lang]


@pytest.mark.parametrize("page", PAGES)
def test_the_themes_own_words_are_in_the_pages_language(site_dir: Path, page: str) -> None:
    for lang in LANGUAGES:
        html = html_path(site_dir, lang, page).read_text(encoding="utf-8")
        words = lookup(lang, "guide", "theme_words")
        titles = set(re.findall(r'<a class="headerlink" href="#[^"]*" title="([^"]*)">', html))
        assert titles == {words["permalink"]}, (lang, page)
        toggles = re.findall(r'<input class="md-option"[^>]* aria-label="([^"]*)"', html)
        toggles += re.findall(r'<label class="md-header__button md-icon" title="([^"]*)" for="__palette', html)
        assert sorted(toggles) == sorted([words["to_dark"], words["to_light"]] * 2), (lang, page)
        assert "Made with" not in html, (lang, page)  # Material's English footer line is off


def article_text(page_html: str) -> str:
    """The words of a page's article as a reader sees them: no code, scripts, drawings or tags."""
    article = re.search(r"<article.*?</article>", page_html, re.S)
    body = re.sub(r"<(script|style|pre|code|svg|textarea)\b.*?</\1>", " ", article.group(0) if article else "", flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_prose_has_typographic_quotes_and_apostrophes(site_dir: Path, lang: str) -> None:
    # Straight quotes are a typewriter's: “customer”, the customer’s, ‘당연히’. Pages typed
    # with straight ones get them from smarty (mkdocs.yml); catalogues carry their own.
    for page in PAGES:
        text = article_text(html_path(site_dir, lang, page).read_text(encoding="utf-8"))
        straight = re.findall(r".{0,20}(?:[\"]|\w'\w|(?<!\w)'\w|\w'(?!\w)).{0,20}", text)
        assert straight == [], (lang, page, straight[:3])


HAN = "[\u3400-\u9fff\uff01-\uff1f\u3001-\u3002]"


def test_chinese_paragraphs_join_their_source_lines(site_dir: Path) -> None:
    # Markdown makes a line break inside a paragraph a space; Chinese sets none. The source of
    # the value calculator's page breaks "…衡量价值：" / "**减法**…" over two lines.
    breaks = {}
    for page in PAGES:
        text = html_path(site_dir, "zh", page).read_text(encoding="utf-8")
        found = re.findall(f"{HAN}(?:</?(?:strong|em)>)*\\n\\s*(?:</?(?:strong|em)>)*{HAN}", text)
        if found:
            breaks[page] = found
    assert breaks == {}
    value = html_path(site_dir, "zh", "calculators/value.md").read_text(encoding="utf-8")
    assert "衡量价值：<strong>减法</strong>" in value
    assert "在计算器中试一试：" in html_path(site_dir, "zh", "what-customer-value-is.md").read_text(encoding="utf-8")


def test_mkdocs_names_the_palette_toggles_as_the_english_catalogue_does() -> None:
    names = [scheme["toggle"]["name"] for scheme in mkdocs_config()["theme"]["palette"]]
    words = lookup("en", "guide", "theme_words")
    assert names == [words["to_dark"], words["to_light"]]


def search_index(site: Path, lang: str) -> dict:
    """The search index Material loads for ``lang``'s pages (at its language root)."""
    return json.loads((site / ("" if lang == "en" else lang) / "search/search_index.json").read_text())


def test_each_language_has_its_own_search_index(site_dir: Path) -> None:
    for lang in LANGUAGES:
        index = search_index(site_dir, lang)
        assert index["config"]["lang"] == [lang]
        assert index["docs"], lang
        assert not any(doc["location"].split("/")[0] in LANGUAGES for doc in index["docs"])


def test_calculators_stay_out_of_the_search_index(site_dir: Path) -> None:
    """Only the guide's prose is searched: a calculator's own words (what it says while it
    starts or when it cannot) are no page's text, in any language."""
    for lang in LANGUAGES:
        index = search_index(site_dir, lang)
        texts = [html.unescape(doc["title"] + doc["text"]).replace("\u200b", "") for doc in index["docs"]]
        for words in (lookup(lang, "widget", "state.computing"), lookup(lang, "widget", "state.failed")):
            assert not [text for text in texts if words.replace("\u200b", "") in text], (lang, words)
        # The calculator pages' own prose is still found.
        pages = {doc["location"] for doc in index["docs"]}
        assert {"calculators/value/", "calculators/lifetime-value/", "calculators/competition/"} <= pages, lang


def test_a_figure_drawn_twice_is_searched_once(site_dir: Path) -> None:
    # Each chapter figure has a wide and a narrow drawing with the same words (figures.py);
    # the search index takes them from one: the payments legend is in chapter 7's text once.
    legend = lookup("en", "figures", "payments.legend").split("{")[0]  # "Each square is one monthly payment of "
    texts = [html.unescape(doc["text"]) for doc in search_index(site_dir, "en")["docs"]]
    assert sum(text.count(legend) for text in texts) == 1, legend


def test_chinese_index_is_segmented_into_words(site_dir: Path) -> None:
    assert any("\u200b" in doc["text"] for doc in search_index(site_dir, "zh")["docs"])


def test_pages_point_material_at_their_language_root(site_dir: Path) -> None:
    html = (site_dir / "de/what-customer-value-is/index.html").read_text()
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert config["base"] == "../../de/"
    assert (site_dir / "de/sitemap.xml").read_text().count("<loc>") >= len(PAGES)


def test_root_sitemap_lists_every_language_without_its_alternates(site_dir: Path) -> None:
    # Material parses it on every full load of an English page; the heads carry the alternates.
    text = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>[^<]*?//[^/]+/([^<]*)</loc>", text)
    assert sorted(locations) == sorted(url_path(lang, page) for lang in LANGUAGES for page in PAGES)
    assert "hreflang" not in text and "xhtml" not in text
    assert gzip.decompress((site_dir / "sitemap.xml.gz").read_bytes()).decode("utf-8") == text


def test_no_page_loads_anything_from_another_host(site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        # Anchors may point elsewhere (a reader's choice); nothing may be loaded from elsewhere.
        for url in re.findall(r'src="(https?://[^"]+)"|<link rel="(?:stylesheet|preload|icon|modulepreload)"[^>]*href="(https?://[^"]+)"', html):
            assert not any(url), f"{page}: {url}"
        assert "fonts.googleapis" not in html and "cdn." not in html


def test_guide_pages_reference_no_runtime(site_dir: Path) -> None:
    html = (site_dir / "creating-value/index.html").read_text()
    assert "pyodide" not in html and 'data-calculator="' not in html  # no widget, no runtime address


def _key_paths(node: object, prefix: str = "") -> set[str]:
    if isinstance(node, dict):
        return set().union(*(_key_paths(v, f"{prefix}.{k}") for k, v in node.items())) | {prefix}
    return {prefix}


@pytest.mark.parametrize("part", sorted(p.stem for p in (ROOT / "sitebuild/locales/en").glob("*.yml")))
def test_every_catalogue_key_exists_in_every_language(part: str) -> None:
    english = _key_paths(yaml.safe_load((ROOT / f"sitebuild/locales/en/{part}.yml").read_text()))
    for lang in LANGUAGES:
        own = _key_paths(yaml.safe_load((ROOT / f"sitebuild/locales/{lang}/{part}.yml").read_text()))
        assert own == english, f"{lang}/{part}.yml differs: {sorted(own ^ english)[:5]}"


def test_every_error_code_has_a_message() -> None:
    from calculators.errors import CODES

    for lang in LANGUAGES:
        errors = yaml.safe_load((ROOT / f"sitebuild/locales/{lang}/widget.yml").read_text())["errors"]
        assert set(CODES) <= set(errors), lang
