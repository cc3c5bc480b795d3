"""Reading the numbers a reader types, in the number style of the page's language.

Accepted: ``1200``, ``1 200`` (also with no-break and narrow no-break spaces), ``1.200,50``
and ``1200,5`` where the language writes a decimal comma (de, nl, ru), ``1,200.50`` on the
others, and full-width digits and separators (``１２００``, ``１，２００``). Links always use
:data:`LINK`: a dot for decimals and no grouping.

>>> parse_number("1.200,50", "de")
1200.5
>>> parse_number("１，２００", "zh")
1200.0
>>> parse_number("1e309", "en")
Traceback (most recent call last):
...
ValueError: not_a_number
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

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

# Spaces people (and Intl.NumberFormat) put between digit groups: plain, no-break,
# narrow no-break, thin, and the ideographic space a full-width keyboard types.
_SPACES = re.compile(r"[ \u00a0\u202f\u2009\u3000]")
_MINUS = ("-", "\u2212")


def parse_number(text: str, lang: str) -> float:
    """The number ``text`` means on a page in ``lang``; ValueError(code) when it means none.

    The error's single argument is a stable code: ``not_a_number`` for anything that is not
    a plain decimal number in that style (so ``1e5``, ``inf`` and ``12abc`` are rejected).
    Empty text is the caller's business (see :func:`calculators.schema.read_field`).
    """
    style = STYLES[lang]
    cleaned = unicodedata.normalize("NFKC", text).strip()
    negative = cleaned.startswith(_MINUS)
    if negative:
        cleaned = cleaned[1:].lstrip()
    if style.allow_grouping:
        cleaned = _SPACES.sub(" ", cleaned)
        cleaned = _ungroup(cleaned, style)
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", cleaned):
        raise ValueError("not_a_number")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError("not_a_number")
    return -value if negative else value


def _ungroup(text: str, style: NumberStyle) -> str:
    """Remove digit grouping and turn the decimal separator into a dot.

    Grouping must be regular (groups of three after the first); a lone separator that cannot
    be grouping (``1.5`` on a German page, ``12,5`` on an English one) is read as the decimal
    separator, since no other reading exists.
    """
    if style.decimal in text:
        whole, _, fraction = text.rpartition(style.decimal) if text.count(style.decimal) == 1 else ("", "", "x")
        if not fraction.isdigit():
            raise ValueError("not_a_number")
        return _ungroup_whole(whole, style) + "." + fraction
    if " " not in text and text.count(style.group) == 1:
        whole, _, tail = text.partition(style.group)
        if whole.isdigit() and tail.isdigit() and len(tail) != 3:
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
    if not all(g.isdigit() for g in groups):
        raise ValueError("not_a_number")
    return "".join(groups)
