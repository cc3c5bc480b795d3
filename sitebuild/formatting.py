"""Numbers as the page shows them, formatted at build time with Babel.

These rules mirror ``docs/assets/js/format.js`` (``Intl.NumberFormat`` in the browser) rule
for rule, so that the prerendered text reads exactly like the text the browser writes for
the same value; a browser test compares the two on every calculator page, and
``tests/site/test_rounding.py`` formats tie values (0.625, 1.005) both ways.

One rounding rule: ``Intl`` rounds the shortest decimal that reads back as the float
(``1.005``, not the binary 1.00499…) half away from zero. Babel reads a float the same way
(``Decimal(str(value))``) but quantizes under the decimal context, whose default is half to
even; :func:`format_number` sets ``ROUND_HALF_UP`` (half away from zero) around it.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Callable
from typing import Any

from babel import Locale
from babel.numbers import format_currency, format_decimal, format_percent, get_currency_symbol, get_decimal_symbol

from calculators.languages import BY_CODE
from calculators.schema import APART_DECIMALS, MOST_DECIMALS, SHOWN_DECIMALS

#: The decimals a number in a formula shows at least room for: all a result carries
#: (calculators.run.DECIMALS); more where the number has them (an input typed with seven, a
#: result kept apart from a threshold), up to APART_DECIMALS.
EXACT_DIGITS = MOST_DECIMALS


def own_decimals(value: float) -> int:
    """The decimals of the shortest text that reads back as ``value``: 2.9999995 → 7, 1e-07 → 7."""
    exponent = decimal.Decimal(repr(float(value))).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def fraction_digits(kind: str, value: float, exact: bool = False, most: int = APART_DECIMALS) -> tuple[int, int]:
    """(minimum, maximum) fraction digits for a kind of number; the same table as format.js.

    ``exact`` is for the numbers of a formula: every digit they carry, so that the parts
    shown add up to the total shown (``$1.125 + $1.125 = $2.25``, never ``$1.13 + $1.13``).
    """
    if exact and kind not in ("item", "level", "count"):
        return (fraction_digits(kind, value)[0], min(max(EXACT_DIGITS, own_decimals(value)), most))
    if kind == "money":
        return (0, 0) if float(value).is_integer() else (SHOWN_DECIMALS[kind],) * 2
    return (0, SHOWN_DECIMALS.get(kind, 0))  # item, level, count: none


def format_number(kind: str, value: Any, lang: str, currency: str = "USD", exact: bool = False) -> str:
    """``value`` as the browser shows it: ``format_number("money", 0.625, "en")`` → ``$0.63``
    (``exact``: a number in a formula, see :func:`fraction_digits`).

    A number that is not zero never reads as zero: ``format_number("percent", 0.001, "en")``
    → ``0.001%``, not ``0%``. One that rounds to zero even at six decimals shows as 0, never
    ``-0`` (format.js asks Intl for the same with ``signDisplay: "negative"``).
    """
    with decimal.localcontext(rounding=decimal.ROUND_HALF_UP):
        text = _format(kind, value, lang, currency, exact)
        if not _reads_as_zero(text):
            return text
        # A number that is not zero never reads as zero (a churn of 0.001 % is not "0%"): it
        # takes the digits it needs, up to six (a result carries no more), as format.js does.
        if not exact and value != 0 and fraction_digits(kind, float(value))[1] > 0:
            text = _format(kind, value, lang, currency, True, most=EXACT_DIGITS)
            if not _reads_as_zero(text):
                return text
        return _format(kind, abs(value), lang, currency, exact)


def _reads_as_zero(text: str) -> bool:
    return not any(ch in "123456789" for ch in text)


def _format(kind: str, value: Any, lang: str, currency: str, exact: bool, most: int = APART_DECIMALS) -> str:
    low, high = fraction_digits(kind, float(value), exact, most)
    locale = Locale.parse(BY_CODE[lang].number_locale)
    if kind == "money":
        pattern = _with_fraction(locale.currency_formats["standard"].pattern, low, high)
        text = format_currency(value, currency, format=pattern, locale=locale, currency_digits=False)
        return _currency_spacing(text, get_currency_symbol(currency, locale))
    if kind in ("share", "percent"):
        pattern = _with_fraction(locale.percent_formats[None].pattern, low, high)
        return format_percent(value if kind == "share" else value / 100, format=pattern, locale=locale)
    pattern = _with_fraction(locale.decimal_formats[None].pattern, low, high)
    return format_decimal(value, format=pattern, locale=locale)


def _currency_spacing(text: str, symbol: str) -> str:
    """CLDR's currency spacing, which ``Intl`` applies and Babel does not: a symbol that meets
    the digits with a letter is kept from them by a no-break space ("CHF\u00a095,304.60", as
    the browser writes it, not "CHF95,304.60"); "US$720" and "720 €" stay as they are.

    >>> _currency_spacing("CHF95,304.60", "CHF"), _currency_spacing("-CHF5.00", "CHF"), _currency_spacing("US$720", "US$")
    ('CHF\xa095,304.60', '-CHF\xa05.00', 'US$720')
    """
    at = text.find(symbol)
    if at < 0:
        return text
    end = at + len(symbol)
    if symbol[-1].isalpha() and end < len(text) and text[end].isdigit():
        text = text[:end] + "\u00a0" + text[end:]
    if symbol[0].isalpha() and at > 0 and text[at - 1].isdigit():
        text = text[:at] + "\u00a0" + text[at:]
    return text


def _with_fraction(pattern: str, low: int, high: int) -> str:
    """The locale's own pattern (its grouping, symbol place and spacing) with our digits.

    A negative subpattern is kept: Dutch writes ``€ -0,63``, not ``-€ 0,63``.
    """
    digits = "0" + ("." + "0" * low + "#" * (high - low) if high else "")
    return ";".join(re.sub(r"0(?:\.[0#]+)?", digits, part, count=1) for part in pattern.split(";"))


#: A placeholder, or one that chooses its words by the number it shows, in ICU's plural form:
#: ``{months, plural, one {# month} other {# months}}``, ``#`` standing for the number as
#: shown; ``=2 {…}`` is the form for a number shown as 2, before any category. The same syntax
#: as PLACEHOLDER in format.js.
PLACEHOLDER = re.compile(r"\{(\w+), plural,((?:\s*=?\w+\s*\{[^{}]*\})+)\s*\}|\{(\w+)\}")


def fill(template: str, lookup: Callable[[str], str | None], lang: str) -> str:
    """``template`` with each placeholder replaced by ``lookup(name)``; unknown ones (``None``)
    stay. ``fill("over {n, plural, one {# month} other {# months}}", lambda _: "1", "en")``
    → ``over 1 month``."""
    def replace(match: re.Match[str]) -> str:
        counted, forms, name = match.groups()
        text = lookup(counted or name)
        if text is None:
            return match.group(0)
        return plural_text(forms, text, lang) if counted else text
    return PLACEHOLDER.sub(replace, template)


def plural_text(forms: str, shown: str, lang: str) -> str:
    """The form of ``forms`` (``one {# Monat} other {# Monate}``) that suits ``shown``."""
    by_category: dict[str, str] = dict(re.findall(r"(=?\w+)\s*\{([^{}]*)\}", forms))
    form = by_category.get("=" + shown) or by_category.get(plural_category(shown, lang)) or by_category.get("other", "#")
    return form.replace("#", shown)


def plural_category(shown: str, lang: str) -> str:
    """CLDR's plural category of a number as the page shows it: ``"1"`` is ``one`` in English,
    ``"1.0"`` and ``"1.5"`` are ``other`` (the decimals shown count), as Intl.PluralRules
    decides in format.js."""
    locale = Locale.parse(BY_CODE[lang].number_locale)
    whole, _, fraction = shown.partition(get_decimal_symbol(locale))
    whole, fraction = re.sub(r"\D", "", whole) or "0", re.sub(r"\D", "", fraction)
    return str(locale.plural_form(decimal.Decimal(f"{whole}.{fraction}" if fraction else whole)))
