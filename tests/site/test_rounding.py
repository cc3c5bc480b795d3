"""One rounding rule: the build (Babel) rounds ties as the browser (``Intl``) does.

``Intl.NumberFormat`` rounds half away from zero, on the shortest decimal that reads back as
the float (1.005 → 1.01 although the binary value is 1.00499…); Babel's default was half to
even (0.625 USD prerendered as $0.62 while the page showed $0.63). Each tie below is
formatted by ``sitebuild/formatting.py`` and by ``docs/assets/js/format.js`` under Node, in
every language, and the two texts must be equal.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from calculators.value import CURRENCIES
from sitebuild.formatting import format_number
from tests.conftest import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent.parent

# Ties at the last digit each kind shows: money and ratio 2 decimals, percent 2 (of the
# percent number), share 1 (of the percent the fraction makes), months 1.
TIES = {
    "money": [0.625, 1.005, 2.675, 0.125, 0.615, -0.625, 1234.565, 8.345, 1000000.005],
    "ratio": [0.625, 1.005, 2.675, 0.125, 0.615, -0.625, 1234.565, 8.345],
    "percent": [12.345, 0.625, 50.005, 1.005, 33.335, -0.125, 2.675],
    "share": [0.12345, 0.0625, 0.00125, 0.50005],
    "months": [0.25, 2.45, 36.05, 0.15],
}
CASES = [(kind, value, lang) for kind, values in TIES.items() for value in values for lang in LANGUAGES]

FORMAT_SCRIPT = """
import { formatNumber } from "./docs/assets/js/format.js";
const cases = JSON.parse(process.argv[1]);
console.log(JSON.stringify(cases.map(([kind, value, lang, currency]) => formatNumber(kind, value, lang, currency))));
"""


def in_node(script: str, argument: Any) -> Any:
    """What ``script`` (an ES module run from the repository's root) prints as JSON, given
    ``argument`` as JSON."""
    result = subprocess.run(["node", "--input-type=module", "-e", script, json.dumps(argument)],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def browser_format(cases: list[tuple[str, float, str, str]]) -> list[str]:
    """format.js's text for each (kind, value, language, currency), under Node."""
    return in_node(FORMAT_SCRIPT, cases)


@pytest.fixture(scope="module")
def browser_texts() -> dict[tuple[str, float, str], str]:
    return dict(zip(CASES, browser_format([(*case, "EUR") for case in CASES])))


def test_intl_rounds_ties_half_away_from_zero(browser_texts: dict[tuple[str, float, str], str]) -> None:
    # The rule this file relies on, seen in Node itself: 0.625 → 0.63, 2.675 → 2.68.
    assert browser_texts[("ratio", 0.625, "en")] == "0.63"
    assert browser_texts[("ratio", 2.675, "en")] == "2.68"
    assert browser_texts[("ratio", -0.625, "en")] == "-0.63"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_build_rounds_ties_like_the_browser(lang: str, browser_texts: dict[tuple[str, float, str], str]) -> None:
    differ = {(kind, value): (format_number(kind, value, lang, "EUR"), text)
              for (kind, value, case_lang), text in browser_texts.items()
              if case_lang == lang and format_number(kind, value, lang, "EUR") != text}
    assert differ == {}, "Babel vs Intl: " + repr(differ)


# Every kind a number may be (calculators/schema.py OutputKind and FieldKind), whole and not.
KINDS = ["money", "number", "ratio", "months", "percent", "share", "hours", "count", "item", "level"]

DIGITS_SCRIPT = """
import { fractionDigits, formatNumber } from "./docs/assets/js/format.js";
const [kinds, exact] = JSON.parse(process.argv[1]);
console.log(JSON.stringify({
  digits: kinds.flatMap((kind) => [fractionDigits(kind, 0.5), fractionDigits(kind, 2)]),
  exact: exact.map(([kind, value, lang]) => formatNumber(kind, value, lang, "USD", true)),
}));
"""

# A note's numbers kept apart from a threshold (calculators.schema.shown_apart), shown with
# every digit: 12.03 months "longer than 12", LTV:CAC 2.996 "below 3", $0.004 "more".
EXACT = [("months", 12.03, lang) for lang in LANGUAGES] + [("ratio", 2.996, lang) for lang in LANGUAGES] \
    + [("money", 0.004, lang) for lang in LANGUAGES] + [("money", 1.0, "de")] \
    + [("ratio", 2.9999995, lang) for lang in LANGUAGES] + [("percent", 1.0000004, "ru"), ("money", 1000.0004, "zh")]


# Numbers that are not zero but read as zero at their kind's usual digits (a churn of 0.001 %,
# a lead of $0.004, a share of 0.0004), and ones that are zero even at six decimals.
NEAR_ZERO = [(kind, value, lang) for lang in LANGUAGES for kind, value in (
    ("percent", 0.001), ("money", 0.004), ("money", -0.004), ("ratio", 0.0012), ("share", 0.0004),
    ("months", 0.04), ("money", 1e-9), ("percent", -1e-9), ("number", 0.0))]



def test_a_number_that_is_not_zero_never_reads_as_zero() -> None:
    browser = browser_format([(*case, "USD") for case in NEAR_ZERO])
    built = [format_number(kind, value, lang, "USD") for kind, value, lang in NEAR_ZERO]
    assert browser == built
    english = dict(zip(((k, v) for k, v, lang in NEAR_ZERO if lang == "en"), (t for (_, _, lang), t in zip(NEAR_ZERO, built) if lang == "en")))
    assert english[("percent", 0.001)] == "0.001%" and english[("money", 0.004)] == "$0.004"
    assert english[("money", -0.004)] == "-$0.004" and english[("months", 0.04)] == "0.04"
    assert english[("money", 1e-9)] == "$0.00" and english[("percent", -1e-9)] == "0%"  # zero at six decimals: no sign


def test_the_browser_shows_the_decimals_the_build_declares() -> None:
    from sitebuild.formatting import fraction_digits
    found = in_node(DIGITS_SCRIPT, [KINDS, EXACT])
    declared = [list(fraction_digits(kind, value)) for kind in KINDS for value in (0.5, 2)]
    assert found["digits"] == declared
    built = [format_number(kind, value, lang, "USD", exact=True) for kind, value, lang in EXACT]
    assert found["exact"] == built
    assert built[0] == "12.03" and built[len(LANGUAGES)] == "2.996" and built[2 * len(LANGUAGES)] == "$0.004"
    # Past six decimals where the number has them (a ratio kept apart from 3, a typed input).
    assert built[3 * len(LANGUAGES) + 1] == "2.9999995" and built[-2:] == ["1,0000004\u00a0%", "US$1,000.0004"]


# Every currency the calculators offer, in every language: a symbol written in letters ("CHF",
# "SEK", "RUB" on an English page) is kept from the digits by a no-break space in Intl (CLDR's
# currency spacing), which Babel does not apply (QA: "CHF95,304.60" against "CHF 95,304.60").
CURRENCY_CASES = [("money", value, lang, code) for code in CURRENCIES for lang in LANGUAGES for value in (95304.6, -5.0, 0.5)]


def test_every_currency_reads_as_the_browser_writes_it() -> None:
    browser = dict(zip(CURRENCY_CASES, browser_format(CURRENCY_CASES)))
    assert browser[("money", 95304.6, "en", "CHF")] == "CHF\u00a095,304.60"  # the rule, seen in Node itself
    differ = {case: (format_number(*case), text) for case, text in browser.items() if format_number(*case) != text}
    assert differ == {}, "Babel vs Intl: " + repr(differ)
