"""Each language's termbase (sitebuild/terms/<lang>.yml) holds over its pages and catalogues."""

from __future__ import annotations

import pytest

from sitebuild.languages import LANGUAGES
from sitebuild.terms import language_files, misuses, termbase, variant_pattern


def uses(lang: str, term: str) -> bool:
    pattern = variant_pattern(term)
    return any(pattern.search(path.read_text(encoding="utf-8")) for path in language_files(lang))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_and_catalogues_use_only_the_preferred_terms(lang: str) -> None:
    found = misuses(lang)
    assert not found, "\n".join(map(str, found))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_a_termbase_whose_preferred_terms_are_in_use(lang: str) -> None:
    terms = termbase(lang)
    assert terms, f"{lang}: empty termbase"
    for term in terms:
        assert term.preferred not in term.forbidden, f"{lang}: {term.concept}"
        assert not any(variant_pattern(v).search(term.preferred) for v in term.forbidden), (
            f"{lang}: {term.concept}: a forbidden variant is part of the preferred term"
        )
        assert uses(lang, term.preferred), f"{lang}: '{term.preferred}' ({term.concept}) is used nowhere"


def test_a_forbidden_variant_is_found_whole_word_in_latin_and_anywhere_in_hangul() -> None:
    assert variant_pattern("average check").search("The Average check is")
    assert not variant_pattern("check").search("checkout")
    assert variant_pattern("트레이너").search("트레이너가")  # Korean attaches particles to the word
    assert variant_pattern("你").search("你们")
