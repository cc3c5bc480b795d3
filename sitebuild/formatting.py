"""Numbers as the page shows them, formatted at build time with Babel.

These rules mirror ``docs/assets/js/format.js`` (``Intl.NumberFormat`` in the browser) rule
for rule, so that the prerendered text reads exactly like the text the browser writes for
the same value; a browser test compares the two on every calculator page.
"""

from __future__ import annotations

import re
from typing import Any

from babel import Locale
from babel.numbers import format_currency, format_decimal, format_percent


def fraction_digits(kind: str, value: float) -> tuple[int, int]:
    """(minimum, maximum) fraction digits for a kind of number; the same table as format.js."""
    if kind == "money":
        return (0, 0) if float(value).is_integer() else (2, 2)
    if kind in ("ratio", "number", "hours", "percent"):
        return (0, 2)
    if kind in ("months", "share"):
        return (0, 1)
    return (0, 0)  # item, level, count


def format_number(kind: str, value: Any, lang: str, currency: str = "USD") -> str:
    low, high = fraction_digits(kind, float(value))
    locale = Locale.parse(lang)
    if kind == "money":
        pattern = _with_fraction(locale.currency_formats["standard"].pattern, low, high)
        return format_currency(value, currency, format=pattern, locale=locale, currency_digits=False)
    if kind in ("share", "percent"):
        pattern = _with_fraction(locale.percent_formats[None].pattern, low, high)
        return format_percent(value if kind == "share" else value / 100, format=pattern, locale=locale)
    pattern = _with_fraction(locale.decimal_formats[None].pattern, low, high)
    return format_decimal(value, format=pattern, locale=locale)


def _with_fraction(pattern: str, low: int, high: int) -> str:
    """The locale's own pattern (its grouping, symbol place and spacing) with our digits."""
    positive = pattern.split(";")[0]
    digits = "0" + ("." + "0" * low + "#" * (high - low) if high else "")
    return re.sub(r"0(?:\.[0#]+)?", digits, positive, count=1)
