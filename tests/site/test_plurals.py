"""Counted words: "over 1 month", "über 1 Monat", "за 21 месяц", never "1 months".

A catalogue writes a number whose words depend on it in ICU's plural form,
``{months, plural, one {# month} other {# months}}``. The browser (``format.js``,
``Intl.PluralRules``) and the build (``sitebuild/formatting.py``, Babel) choose the form from
the number as the page shows it; both are run here on the same shown numbers, in every
language, and must agree.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from babel import Locale

from calculators.languages import BY_CODE
from sitebuild.formatting import PLACEHOLDER, fill, format_number, plural_category
from sitebuild.messages import LOCALES, catalogue
from tests.conftest import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent.parent

# Month counts as the lifetime value calculator shows them: whole, with a decimal, and the
# numbers where Russian changes form (1, 2–4, 5–20, 21, 22, 25, 111).
MONTHS = [0, 1, 2, 4, 5, 11, 12, 21, 22, 25, 111, 1.5, 12.03, 1200]
FORM = re.compile(r"(=?\w+)\s*\{([^{}]*)\}")  # one plural form: its category (or =N), its words
TEMPLATE = "{n, plural, one {# one} few {# few} many {# many} other {# other}}"

NODE_SCRIPT = """
import { fill, pluralCategory } from "./docs/assets/js/format.js";
const [cases, template] = JSON.parse(process.argv[1]);
console.log(JSON.stringify(cases.map(([shown, locale]) =>
  [pluralCategory(shown, locale), fill(template, (name) => (name === "n" ? shown : undefined), locale)])));
"""


def shown_months(lang: str) -> list[str]:
    return [format_number("months", value, lang) for value in MONTHS]


@pytest.fixture(scope="module")
def browser_plurals() -> dict[tuple[str, str], list[str]]:
    cases = [(shown, BY_CODE[lang].number_locale) for lang in LANGUAGES for shown in shown_months(lang)]
    result = subprocess.run(["node", "--input-type=module", "-e", NODE_SCRIPT, json.dumps([cases, TEMPLATE])],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    answers = json.loads(result.stdout)
    keys = [(lang, shown) for lang in LANGUAGES for shown in shown_months(lang)]
    return dict(zip(keys, answers))


def test_the_forms_follow_cldr_in_english_and_russian(browser_plurals: dict[tuple[str, str], list[str]]) -> None:
    # The rules the catalogues rely on, seen in Node: 1 month, 1.5 months (a decimal shown is
    # "other" in English); Russian 1 and 21 месяц, 2 and 22 месяца, 5, 11 and 25 месяцев, 1,5 месяца.
    assert [browser_plurals[("en", s)][0] for s in ("1", "2", "1.5", "0")] == ["one", "other", "other", "other"]
    expected = {"1": "one", "21": "one", "2": "few", "22": "few", "5": "many", "11": "many", "25": "many",
                "111": "many", "1,5": "other", "1\u00a0200": "many"}
    assert {s: browser_plurals[("ru", s)][0] for s in expected} == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_build_chooses_the_form_the_browser_chooses(lang: str, browser_plurals: dict[tuple[str, str], list[str]]) -> None:
    for shown in shown_months(lang):
        built = [plural_category(shown, lang), fill(TEMPLATE, {"n": shown}.get, lang)]
        assert built == browser_plurals[(lang, shown)], f"{lang} {shown!r}: Babel {built} vs Intl {browser_plurals[(lang, shown)]}"


EXACT_NODE = """
import { fill } from "./docs/assets/js/format.js";
const [cases, template] = JSON.parse(process.argv[1]);
console.log(JSON.stringify(cases.map(([shown, locale]) => fill(template, (name) => (name === "n" ? shown : undefined), locale))));
"""


def test_a_form_for_one_number_comes_before_the_category() -> None:
    # ICU's "=2 {…}": Chinese names a level "第二层", not "第 2 层"; other numbers take "other".
    template = "{n, plural, =1 {第一层} =2 {第二层} one {# one} other {第 # 层}}"
    cases = [("2", "zh"), ("1", "zh"), ("4", "zh"), ("1", "en"), ("2", "en")]
    result = subprocess.run(["node", "--input-type=module", "-e", EXACT_NODE, json.dumps([cases, template])],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    expected = ["第二层", "第一层", "第 4 层", "第一层", "第二层"]
    assert json.loads(result.stdout) == expected
    assert [fill(template, {"n": shown}.get, lang) for shown, lang in cases] == expected


def counted_placeholders(texts: Any, where: str = "") -> list[tuple[str, str, str, str]]:
    """(where, name, forms, the character after it) of every placeholder counting months in
    a catalogue's texts."""
    if isinstance(texts, dict):
        return [found for key, value in texts.items() for found in counted_placeholders(value, f"{where}.{key}")]
    if not isinstance(texts, str):
        return []
    return [(where, match.group(1) or match.group(3), match.group(2), texts[match.end():match.end() + 1])
            for match in PLACEHOLDER.finditer(texts) if (match.group(1) or match.group(3)).endswith("months")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_month_count_takes_every_plural_form_its_language_has(lang: str) -> None:
    # English, Dutch, German and Russian change the word with the number: each placeholder of
    # a month count gives a form for each of the language's categories. Korean and Chinese
    # (one category) write the unit after the number as it is.
    categories = set(Locale.parse(BY_CODE[lang].number_locale).plural_form.tags) | {"other"}
    found = [c for path in sorted((LOCALES / lang).glob("*.yml"))
             for c in counted_placeholders(catalogue(lang, path.stem), path.stem)]
    assert len(found) >= 8  # the lifetime value's notes, formulas and headline
    for where, name, forms, after in found:
        # A form is the whole word: "nach {n, plural, … other {# Monate}}n" wrote "1 Monatn".
        assert not (forms and after.isalpha()), f"{lang} {where}: {{{name}}}'s forms are followed by {after!r}"
        if categories == {"other"}:
            continue
        assert forms, f"{lang} {where}: {{{name}}} without plural forms"
        given = {category for category, _ in FORM.findall(forms) if not category.startswith("=")}
        assert given == categories, f"{lang} {where}: forms {sorted(given)}, the language has {sorted(categories)}"

