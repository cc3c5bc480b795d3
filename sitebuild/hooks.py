"""Build hooks: what MkDocs, Material and static-i18n need to work together here.

* Silence static-i18n's one known warning about ``navigation.instant`` (we make the language
  switcher follow instant navigation ourselves, in ``docs/assets/js/language.js``).
* Keep a whole ``data-search-exclude`` block out of the search index (calculators, glossary).
* After every language is built: give each language its own search index and sitemap (static-i18n
  leaves one index for all), answer Material's sitemap probes next to each alternate page, and
  keep the root sitemap to its addresses.
* Vendor the Python runtime (from the npm package ``pyodide``) and the ``calculators`` wheel
  into the site, so that no request ever leaves it, with gzip copies of its big files
  (``sitebuild/precompress.py``).

MkDocs loads this file (and mkdocs-macros ``sitebuild/macros.py``) by path; the imports below
work because ``sitebuild`` and ``calculators`` are installed packages (``pyproject.toml``,
``pip install -e .``), not because of the working directory.
"""

from __future__ import annotations

import gzip
import html
import json
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from sitebuild import precompress, runtime, workshop
from sitebuild.languages import DEFAULT_LANGUAGE, LANGUAGES
from sitebuild.messages import lookup

log = logging.getLogger("mkdocs.hooks.sitebuild")


class _KnownI18nWarning(logging.Filter):
    """static-i18n warns that its contextual switcher and instant navigation clash; we fix
    the clash in the browser, so the warning would only fail ``--strict``."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "not compatible with theme.features = navigation.instant" not in record.getMessage()


logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(_KnownI18nWarning())


def _exclude_whole_blocks_from_search() -> None:
    """Material's search parser (9.8) tells the elements it is inside apart by tag name only, so
    the first ``</div>`` within a ``<div data-search-exclude>`` ended the exclusion. Every
    calculator's labels, buttons, messages and example results went into the search index (a
    fifth of each language's index, parsed on every first page load), and a search for "QR
    code" listed eleven English pages, seven of them for a calculator's button alone. Here an
    element equals only itself; against a tag name it still compares by name (the parser asks
    ``"pre" in context`` and keeps scripts and styles out by name)."""
    from material.plugins.search.plugin import Element

    def same(element: Element, other: object) -> bool:
        return element is other if isinstance(other, Element) else element.tag == other

    Element.__eq__ = same  # its __hash__ (by tag) stays: equal elements still hash alike


_exclude_whole_blocks_from_search()


_ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"#]*)(" hreflang=")')


#: The English words the theme writes into attributes on every page (guide.yml theme_words).
_THEME_KEYS = {word: key for key, word in lookup(DEFAULT_LANGUAGE, "guide", "theme_words").items()}
_THEME_ATTRIBUTE = re.compile(r'(title|aria-label)="(' + "|".join(map(re.escape, _THEME_KEYS)) + r')"')


def in_page_language(output: str, lang: str) -> str:
    """The theme's own English words (¶ links' titles, the palette toggle's names) in ``lang``."""
    words = lookup(lang, "guide", "theme_words")
    return _THEME_ATTRIBUTE.sub(lambda m: f'{m[1]}="{html.escape(words[_THEME_KEYS[m[2]]], quote=True)}"', output)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Say the theme's words in the page's language, and end each page's hreflang links with
    an empty fragment (``…/de/page/#``).

    Material remembers every ``<link rel="alternate">`` URL it sees (without its trailing
    slash) and takes over any later click on a link starting with one, doing a full page
    load of the address without the slash. With static-i18n's per-page alternates that hits
    every link back to a page already visited, and reloads the Python runtime. Crawlers
    ignore fragments, so the hreflang targets stay the pages' canonical addresses.
    """
    return _ALTERNATE.sub(r"\1\2#\3", in_page_language(output, language_of(page.url)))


#: Han characters and CJK punctuation (full-width forms included); not Hangul: Korean spaces words.
_HAN = "\u2e80-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
#: A line break between two of them (a list item's next line indented), emphasis marks (``**``)
#: on either side allowed.
_HAN_LINE_BREAK = re.compile(f"([{_HAN}]\\**)\n[ \t]*(\\**[{_HAN}])")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: object) -> str:
    """Join the lines of a Chinese paragraph: Markdown makes a line break inside a paragraph a
    space, and Chinese sets none between its characters ("都折算成钱。 计算器")."""
    if language_of(page.url) != "zh":
        return markdown
    return _HAN_LINE_BREAK.sub(r"\1\2", markdown)


def on_pre_build(config: MkDocsConfig) -> None:
    # In the background: Pyodide's own files first, beside the compile of the standard library
    # and the wheel (a fresh clone's build compresses the wasm for about 20 s), then those two
    # while the pages render.
    precompress.start(runtime.pyodide_files())
    runtime.prepare_wheel()
    precompress.start(runtime.shipped_files())


@event_priority(-200)  # after static-i18n (-100) has built the other languages
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # a nested per-language build; the outer one finishes the site
    site = Path(config.site_dir)
    split_search_index(site)
    write_language_sitemaps(site)
    precompress.write(runtime.vendor(site))
    base_path = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    workshop.finish(site, base_path)  # after vendoring: the offline manifest lists the runtime's files


def split_search_index(site: Path) -> None:
    """One search index per language, at ``<language root>/search/search_index.json``.

    Each page's ``__config.base`` points at its language root (``overrides/main.html``), so
    Material's search loads only that language's pages, with that language's stemmer.
    """
    combined = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
        docs = [
            dict(doc, location=doc["location"][len(prefix):])
            for doc in combined["docs"]
            if language_of(doc["location"]) == lang
        ]
        config = dict(combined["config"], lang=[lang])
        target = site / prefix / "search/search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False), encoding="utf-8")


def language_of(location: str) -> str:
    first = location.split("/", 1)[0]
    return first if first in LANGUAGES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XHTML_NS = "http://www.w3.org/1999/xhtml"
_EMPTY_SITEMAP = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_SITEMAP_NS}"></urlset>\n'


def write_language_sitemaps(site: Path) -> None:
    """``<lang>/sitemap.xml`` for each language, and an empty one beside every other page.

    Material's instant navigation only follows links listed in the sitemap at its base (the
    language root here). Material also fetches ``sitemap.xml`` relative to every
    ``<link rel="alternate">`` in the head; those would 404 beside ordinary pages.
    """
    ElementTree.register_namespace("", _SITEMAP_NS)
    ElementTree.register_namespace("xhtml", _XHTML_NS)
    root_map = ElementTree.parse(site / "sitemap.xml")
    by_lang: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for url in root_map.getroot().iter(f"{{{_SITEMAP_NS}}}url"):
        for alternate in url.iter(f"{{{_XHTML_NS}}}link"):
            by_lang[alternate.get("hreflang", "")].append(alternate.get("href", ""))
    for lang, locations in by_lang.items():
        if lang == DEFAULT_LANGUAGE:
            continue
        entries = "".join(f"<url><loc>{loc}</loc></url>" for loc in locations)
        (site / lang / "sitemap.xml").write_text(
            f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_SITEMAP_NS}">{entries}</urlset>\n',
            encoding="utf-8",
        )
    for page in site.rglob("index.html"):
        probe = page.parent / "sitemap.xml"
        if not probe.exists():
            probe.write_text(_EMPTY_SITEMAP, encoding="utf-8")
    write_root_sitemap(site, root_map.getroot())


def write_root_sitemap(site: Path, urlset: ElementTree.Element) -> None:
    """The root sitemap without static-i18n's hreflang alternates (six per address).

    Material parses the sitemap at its base on every full load of an English page and makes a
    URL of every address in it: with the 684 alternates that took 40 ms of the main thread
    (87 kB of XML; 16 kB without). Every page's head declares the same alternates, which is
    what search engines read; the sitemap keeps every language's addresses.
    """
    for url in urlset.iter(f"{{{_SITEMAP_NS}}}url"):
        for alternate in url.findall(f"{{{_XHTML_NS}}}link"):
            url.remove(alternate)
    ElementTree.indent(urlset)
    xml = ElementTree.tostring(urlset, encoding="unicode")
    text = f'<?xml version="1.0" encoding="UTF-8"?>\n{xml}\n'
    (site / "sitemap.xml").write_text(text, encoding="utf-8")
    with gzip.GzipFile(site / "sitemap.xml.gz", "wb", mtime=0) as packed:  # MkDocs writes both
        packed.write(text.encode("utf-8"))
