"""Reading the numbers a reader types, in the number style of the page's language.

Accepted: ``1200``, ``+1200``, ``1 200`` (also with no-break and narrow no-break spaces),
``1.200,50`` and ``1200,5`` where the language writes a decimal comma (de, nl, ru), with
``20,-`` and ``1.250,-`` for whole amounts there, ``1,200.50`` on the others, Swiss grouping
``1'250.50`` everywhere, full-width digits, separators and signs (``１２００``, ``１，２００``),
the ideographic full stop a Chinese input method types for the decimal point (``12。5``),
and in Chinese and Korean the myriad words (``1.2万`` = 12 000, ``3만`` = 30 000,
``2亿`` = 200 000 000). Amounts may carry the sign of the chosen currency before or after
the number (``$20``, ``20 €``), see :func:`parse_amount`. Links always use :data:`LINK`: a
dot for decimals and no grouping.

A group that starts with 0 is never thousands grouping: ``0,125`` on an English page and
``0.125`` on a German one are 0.125 (the separator can only be the decimal one), and
``0 125`` is rejected, since a space is never a decimal separator and so no reading exists.

Unicode normalisation is not used: it turns ``10²`` into ``102`` and ``①②`` into ``12``.
Only the characters a keyboard or input method types for digits and separators are mapped.

>>> parse_number("1.200,50", "de")
1200.5
>>> parse_number("１，２００", "zh"), parse_number("１，２００", "de")
(1200.0, 1200.0)
>>> parse_number("0,125", "en"), parse_number("0.125", "de"), parse_number("1.2万", "zh")
(0.125, 0.125, 12000.0)
>>> parse_amount("20 €", "de", "EUR"), parse_amount("$1,250.50", "en", "USD")
(20.0, 1250.5)
>>> parse_number("1e309", "en")
Traceback (most recent call last):
...
ValueError: not_a_number
>>> parse_number("10²", "en")
Traceback (most recent call last):
...
ValueError: not_a_number
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from .languages import LANGUAGES


@dataclass(frozen=True)
class NumberStyle:
    decimal: str
    group: str
    allow_grouping: bool = True


LINK = NumberStyle(decimal=".", group="", allow_grouping=False)

#: Languages of the site and how each writes numbers (declared in :mod:`calculators.languages`).
STYLES: dict[str, NumberStyle] = {
    **{language.code: NumberStyle(decimal=language.decimal, group=language.group) for language in LANGUAGES},
    "link": LINK,
}

#: Words for ten thousand and a hundred million that Chinese and Korean readers put after a
#: number (``1.2万``, ``3만``); only on those pages, where they cannot mean anything else.
MYRIADS: dict[str, dict[str, int]] = {
    "zh": {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000},
    "ko": {"만": 10_000, "억": 100_000_000},
}

#: The signs a reader may type for each currency (Babel's and Intl's symbols in the site's
#: languages among them), besides the ISO code itself. ``$`` and ``¥`` are shared.
CURRENCY_SIGNS: dict[str, tuple[str, ...]] = {
    "USD": ("$", "US$"),
    "EUR": ("€",),
    "GBP": ("£",),
    "CHF": ("Fr.", "fr."),
    "JPY": ("¥", "JP¥", "円"),
    "KRW": ("₩", "원"),
    "CNY": ("¥", "CN¥", "元", "RMB"),
    "RUB": ("₽", "руб.", "руб", "р."),
    "INR": ("₹", "Rs.", "Rs"),
    "CAD": ("$", "CA$", "C$"),
    "AUD": ("$", "A$", "AU$"),
    "SEK": ("kr",),
    "PLN": ("zł",),
    "BRL": ("R$",),
}

# Full-width forms a CJK keyboard types, mapped one by one (never NFKC, which also turns
# superscripts and circled digits into digits). Their separators and the ideographic full
# stop are handled apart (_typed): they keep the meaning the input method gives them.
_FULL_WIDTH = str.maketrans({
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    "－": "-", "＋": "+", "＇": "'", "％": "%", "＄": "$", "￥": "¥", "￦": "₩",
    "\u2019": "'",  # the typographic apostrophe, as Swiss grouping
})
_IDEOGRAPHIC_FULL_STOPS = ("。", "｡")
# Spaces people (and Intl.NumberFormat) put between digit groups: plain, no-break,
# narrow no-break, thin, and the ideographic space a full-width keyboard types.
_SPACES = re.compile(r"[ \u00a0\u202f\u2009\u3000]+")
_MINUS = ("-", "\u2212")
_SIGNS = ("+", *_MINUS)
_PLAIN = re.compile(r"[0-9]+(\.[0-9]+)?|\.[0-9]+")
# Whole amounts written with a dash for the cents in decimal-comma countries: 20,- and 20,–.
_NO_CENTS = (",-", ",\u2013", ",\u2014")


def parse_number(text: str, lang: str) -> float:
    """The number ``text`` means on a page in ``lang``; ValueError(code) when it means none.

    The error's single argument is a stable code: ``not_a_number`` for anything that is not
    a plain decimal number in that style (so ``1e5``, ``inf``, ``12abc`` and ``10²`` are
    rejected). Empty text is the caller's business (see :func:`calculators.schema.read_field`).
    """
    negative, body = _sign(_typed(text, lang))
    return _signed(negative, _unsigned(body, lang))


def parse_amount(text: str, lang: str, currency: str) -> float:
    """An amount of money, with or without the sign of ``currency`` before or after it.

    ValueError(``wrong_currency``) when the text carries another currency's sign: amounts
    are never converted, so ``20 €`` on a calculator set to USD has no reading.

    >>> parse_amount("-US$\\u00a01.234,50", "nl", "USD"), parse_amount("1 234,50 ₽", "ru", "RUB")
    (-1234.5, 1234.5)
    >>> parse_amount("20 €", "en", "USD")
    Traceback (most recent call last):
    ...
    ValueError: wrong_currency
    """
    typed = _typed(text, lang)
    negative, body = _sign(typed)
    sign, body = _currency_sign(body)
    if sign is not None and not negative:
        negative, body = _sign(body)
    if sign is None:
        sign, body = _currency_sign(body, at_end=True)
    if sign is not None and not _is_sign_of(sign, currency):
        raise ValueError("wrong_currency")
    return _signed(negative, _unsigned(body, lang))


def _typed(text: str, lang: str) -> str:
    """``text`` in the page's own characters. A CJK input method's full-width comma groups
    digits and its full stops (``．``, ``。``) mark decimals, on any page: ``１，２００`` is 1200
    on a German page too, never 1.2. (A link has no grouping: there the comma stays a comma,
    and is refused.)

    >>> _typed("１，２００．５", "de"), _typed("１，２００．５", "en"), _typed("12。5", "ru")
    ('1.200,5', '1,200.5', '12,5')
    """
    style = STYLES[lang]
    typed = text.replace("，", style.group or ",").replace("．", style.decimal)
    for stop in _IDEOGRAPHIC_FULL_STOPS:
        typed = typed.replace(stop, style.decimal)
    return typed.translate(_FULL_WIDTH).strip()


def _sign(text: str) -> tuple[bool, str]:
    if text.startswith(_SIGNS):
        return text[0] in _MINUS, text[1:].lstrip()
    return False, text


def _signed(negative: bool, value: float) -> float:
    return -value if negative and value != 0 else value  # never -0


def _currency_sign(text: str, at_end: bool = False) -> tuple[str | None, str]:
    """A currency sign or ISO code at the start (or end) of ``text``, and the rest."""
    for sign in _ALL_SIGNS:
        if at_end and text.endswith(sign):
            return sign, text[: -len(sign)].rstrip()
        if not at_end and text.startswith(sign):
            return sign, text[len(sign):].lstrip()
    return None, text


def _is_sign_of(sign: str, currency: str) -> bool:
    return sign == currency or sign in CURRENCY_SIGNS.get(currency, ())


_ALL_SIGNS = sorted({*CURRENCY_SIGNS, *(s for signs in CURRENCY_SIGNS.values() for s in signs)},
                    key=len, reverse=True)


def _unsigned(text: str, lang: str) -> float:
    style = STYLES[lang]
    multiplier = 1
    for word, factor in MYRIADS.get(lang, {}).items():
        if text.endswith(word):
            text, multiplier = text[: -len(word)].rstrip(), factor
            break
    if style.allow_grouping:
        if style.decimal == "," and text.endswith(_NO_CENTS):
            text = text[:-2]
        text = _SPACES.sub(" ", text)
        if "'" in text:
            text = _swiss(text, style)
        text = _ungroup(text, style)
    if not _PLAIN.fullmatch(text):
        raise ValueError("not_a_number")
    value = float(Decimal(text) * multiplier)
    if not math.isfinite(value):
        raise ValueError("not_a_number")
    return value


def _swiss(text: str, style: NumberStyle) -> str:
    """``1'250.50``: apostrophes group like spaces, and a dot after them is the decimal
    point even on a decimal-comma page (the Swiss way of writing)."""
    text = text.replace("'", " ")
    if style.decimal == "," and "," not in text and text.count(".") == 1:
        text = text.replace(".", ",")
    return text


def _ungroup(text: str, style: NumberStyle) -> str:
    """Remove digit grouping and turn the decimal separator into a dot.

    Grouping must be regular (groups of three after the first, the first not starting with
    0); a lone separator that cannot be grouping (``1.5`` or ``0.125`` on a German page,
    ``12,5`` or ``0,125`` on an English one) is read as the decimal separator, since no
    other reading exists. A decimal separator with no digits after it (``5.``, ``1,200.`` and
    ``5,`` on a German page) is what a reader has typed so far of ``5.5``: the whole number.
    """
    if style.decimal in text:
        whole, _, fraction = text.rpartition(style.decimal) if text.count(style.decimal) == 1 else ("", "", "x")
        if fraction == "" and whole != "":
            return _ungroup_whole(whole, style)  # "5." on the way to "5.5": 5 meanwhile
        if not _digits(fraction):
            raise ValueError("not_a_number")
        return _ungroup_whole(whole, style) + "." + fraction
    if " " not in text and text.count(style.group) == 1:
        whole, _, tail = text.partition(style.group)
        if _digits(whole) and _digits(tail) and (len(tail) != 3 or whole.startswith("0")):
            return whole + "." + tail  # the only possible reading
    return _ungroup_whole(text, style)


def _ungroup_whole(text: str, style: NumberStyle) -> str:
    if text == "":
        return ""
    separators = {" ", style.group}
    used = {ch for ch in text if ch in separators}
    if len(used) > 1:
        raise ValueError("not_a_number")
    if not used:
        return text
    groups = text.split(used.pop())
    if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        raise ValueError("not_a_number")
    if not all(_digits(g) for g in groups) or groups[0].startswith("0"):
        raise ValueError("not_a_number")  # 0,125 or 0 125 is no grouping
    return "".join(groups)


def _digits(text: str) -> bool:
    """ASCII digits only: ``str.isdigit`` also takes ``²`` and ``①``."""
    return text != "" and text.isascii() and text.isdigit()
