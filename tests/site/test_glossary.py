"""The glossary (chapter 12): every term in every language, marked and linked to its section."""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from sitebuild.glossary import TERMS
from sitebuild.languages import LANGUAGES
from sitebuild.messages import LOCALES
from tests.site.test_chapters import Node, ids_in, page_file, parse, text_of


@functools.cache  # read for every cell of every row: parse each file once
def own_catalogue(lang: str) -> dict:
    # The file itself, not the merged catalogue: an English fallback would hide a gap.
    return yaml.safe_load((LOCALES / lang / "glossary.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_term_has_its_own_name_and_definition_in_every_language(lang: str) -> None:
    terms = own_catalogue(lang)["terms"]
    assert set(terms) == {term.key for term in TERMS}
    for key, entry in terms.items():
        assert entry["name"].strip() and len(entry["definition"]) > 20, f"{lang}: {key}"
    if lang != "en":
        english = own_catalogue("en")["terms"]
        same = [key for key in terms if terms[key]["definition"] == english[key]["definition"]]
        assert not same, f"{lang}: definitions left in English: {same}"


def target(site: Path, page: Path, href: str) -> tuple[Path, str]:
    url = urlsplit(urljoin("http://site/" + page.relative_to(site).as_posix(), href))
    return site / url.path.lstrip("/") / "index.html", url.fragment


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_rows_show_each_term_in_six_marked_languages_linked_to_their_section(site_dir: Path, lang: str) -> None:
    page = page_file(site_dir, lang, "glossary")
    table = parse(page).find(lambda n: n.tag == "table" and n.parent is not None and "cv-glossary" in n.parent.classes())
    assert table is not None, f"{lang}: no glossary table"
    rows = [n for n in table.walk() if n.tag == "tr" and n.attrs.get("id", "").startswith("term-")]
    assert len(rows) == len(TERMS)
    for row, term in zip(rows, TERMS):
        cells = [n for n in row.children if isinstance(n, Node)]
        assert [c.attrs.get("lang") for c in cells] == [lang, *(x for x in LANGUAGES if x != lang)]
        for cell in cells:
            cell_lang = cell.attrs["lang"]
            assert text_of(cell) == own_catalogue(cell_lang)["terms"][term.key]["name"]
            link = cell.find(lambda n: n.tag == "a")
            path, fragment = target(site_dir, page, link.attrs["href"])
            # The section in that language's own version of the chapter, and it exists there.
            assert path == page_file(site_dir, cell_lang, term.slug), f"{lang}: {term.key} → {path}"
            assert fragment == term.anchor and fragment in ids_in(path), f"{lang}: {term.key} #{fragment}"
            assert (link.attrs.get("hreflang") == cell_lang) == (cell_lang != lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_definitions_link_to_the_chapter_in_the_page_language(site_dir: Path, lang: str) -> None:
    page = page_file(site_dir, lang, "glossary")
    definitions = parse(page).find(lambda n: n.tag == "dl" and "cv-definitions" in n.classes())
    links = [n for n in definitions.walk() if n.tag == "a"]
    assert len(links) == len(TERMS)
    for link, term in zip(links, TERMS):
        path, fragment = target(site_dir, page, link.attrs["href"])
        assert path == page_file(site_dir, lang, term.slug) and fragment in ids_in(path), f"{lang}: {term.key}"
