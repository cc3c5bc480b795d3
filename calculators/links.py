"""``v=1`` links, read and written in one place: the page's Copy link, its address bar and QR
codes (through :func:`calculators.run.run`'s ``"link"``) and the build's try-it links,
scenario library and worksheets all come from :func:`link_query`.

The rules (the page contract): numbers with a dot and no grouping; keys of the Nth item of a
list end in ``_N``; inputs a link leaves out take the version's frozen defaults, so a link
writes ``v`` and only the inputs that differ from them. An item the link keeps but whose
values are all defaults is marked by its first field. Values are the inputs' exact values
(the shortest text that reads back as the same float: ``1.0000004``), never the 6-decimal
rounding of the results.

>>> link_query("value", link_fields("value", {"price": "70", "time_hours": "1.0000004"}))
'v=1&price=70&time_hours=1.0000004'
>>> link_query("value", link_fields("value", {"price_2": "70"}))
'v=1&price_2=70'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .errors import CalculatorError
from .languages import BY_CODE
from .registry import CALCULATORS
from .schema import ITEM_KEY, Field, Schema, implied_choice, split_key


def reading_rules(lang: str) -> dict[str, str]:
    """What a page in ``lang`` needs to read a link (part of each widget's spec, read by
    ``docs/assets/js/links.js``): the item key pattern, and the decimal separator its readers
    type, with which a link's ``1.5`` opens as ``1,5`` on a German page."""
    return {"item_key": ITEM_KEY.pattern, "decimal": BY_CODE[lang].decimal}


def page_text(field: Field, text: str, lang: str) -> str:
    """A link value as the reader would type it on a page in ``lang`` (``1.5`` → ``1,5`` in
    German): the text the build writes into an input; links.js does the same in the page.

    >>> page_text(CALCULATORS["value"].field("price"), "1.5", "de")
    '1,5'
    """
    decimal = BY_CODE[lang].decimal
    if field.numeric and re.fullmatch(r"-?\d+(\.\d+)?", text) and decimal != ".":
        return text.replace(".", decimal)
    return text


def link_fields(calculator_id: str, query: Mapping[str, str]) -> dict[str, str]:
    """The field text a ``v=1`` link opens with: the link's values, defaults for the rest."""
    schema = CALCULATORS[calculator_id]
    items = schema.items_in(list(query))
    found: dict[str, str] = {}
    hidden = _hidden_by_choice(schema, query)
    for key in schema.input_keys(items):
        if key in query:
            found[key] = query[key]
        elif key in hidden:
            found[key] = ""  # basis=churn: the lifetime it hides is not given (not its default, 36)
        elif _inherits(schema, key):
            found[key] = ""  # an item's field left empty takes the main input's value
        elif schema.field(key).implied_by:
            found[key] = implied_choice(schema.field(key), query) or ""  # churn alone means churn
        else:
            found[key] = link_text(schema.field(key).default)
    return found


def link_query(calculator_id: str, fields: Mapping[str, str], lang: str = "link") -> str:
    """``v=1&…``: the link that opens ``fields`` (raw text in ``lang``'s style) again.

    Raises :class:`CalculatorError` for the first field that cannot be read; a page only asks
    for the link of inputs it could read (``run`` returns ``"link": None`` otherwise).
    """
    from .run import read_inputs  # run imports this module

    schema = CALCULATORS[calculator_id]
    items = schema.items_in(list(fields))
    inputs, errors = read_inputs(schema, fields, lang, items)
    if errors:
        key, error = next(iter(errors.items()))
        raise CalculatorError(error["code"], key, error["params"])
    return write_link(schema, inputs, fields, items)


def write_link(schema: Schema, inputs: Mapping[str, Any], fields: Mapping[str, str], items: tuple[int, ...]) -> str:
    """The link of read ``inputs`` (by key) whose raw text was ``fields``."""
    written: dict[str, str] = {}
    unchosen = _unchosen(schema, inputs)
    for key in schema.input_keys(items):
        if key in unchosen:
            continue  # the reader chose another input (lifetime or churn): it has no meaning
        if _inherits(schema, key):
            # Empty means "as the main input", whatever that is then: written only when typed.
            if str(fields.get(key, "")).strip() != "":
                written[key] = link_text(inputs[key])
        elif not _same(inputs[key], schema.field(key).default):
            written[key] = link_text(inputs[key])
    for number in items:  # an item kept with all its defaults is named by its first field
        if schema.group is not None and not any(split_key(key)[1] == number for key in written):
            first = f"{schema.group.fields[0].key}_{number}"
            written[first] = link_text(inputs[first])
    ordered = {key: written[key] for key in schema.input_keys(items) if key in written}
    return form_encoded({"v": str(schema.version), **ordered})


def link_text(value: Any) -> str:
    """A value as a link writes it: ``None`` → ``""``; numbers with a dot, no grouping, no
    exponent, and every digit the float needs to read back the same (``1200``, ``0.0000004``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return _plain(repr(float(value)))
    return str(value)


def form_encoded(pairs: Mapping[str, str]) -> str:
    """``key=value&…`` exactly as the browser's ``URLSearchParams`` writes it (WHATWG
    urlencoded): letters, digits and ``*-._`` as they are, a space as ``+``, every other
    byte of the UTF-8 text as ``%XX``. The page puts this text in the address bar as it is.

    >>> form_encoded({"name": "Our café", "note": "a~b*c"})
    'name=Our+caf%C3%A9&note=a%7Eb*c'
    """
    return "&".join(_form_part(key) + "=" + _form_part(value) for key, value in pairs.items())


def _form_part(text: str) -> str:
    safe = b"*-._"
    return "".join(
        chr(byte) if chr(byte).isascii() and (chr(byte).isalnum() or byte in safe) else "+" if byte == 0x20 else f"%{byte:02X}"
        for byte in text.encode("utf-8")
    )


def _plain(shortest: str) -> str:
    """Python's shortest float text (``4e-07``, ``1e+16``, ``1200.0``) without an exponent or
    a trailing ``.0`` (``0.0000004``, ``10000000000000000``, ``1200``)."""
    sign = "-" if shortest.startswith("-") else ""
    mantissa, _, exponent = shortest.lstrip("-").partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits, point = whole + fraction, len(whole) + int(exponent or 0)
    if point <= 0:
        digits, point = "0" * (1 - point) + digits, 1
    elif point > len(digits):
        digits += "0" * (point - len(digits))
    whole, fraction = digits[:point].lstrip("0") or "0", digits[point:].rstrip("0")
    text = whole + ("." + fraction if fraction else "")
    return "0" if text == "0" else sign + text


def _same(value: Any, default: Any) -> bool:
    if isinstance(value, (int, float)) and isinstance(default, (int, float)):
        return float(value) == float(default)
    return link_text(value) == link_text(default)


def _hidden_by_choice(schema: Schema, query: Mapping[str, str]) -> set[str]:
    """Inputs a link's choice (given or implied) turns off: ``basis=churn`` hides the lifetime.
    Filled with its default, the lifetime read as given: "You gave both a monthly churn and a
    lifetime (36 months)" beside "no lifetime given"."""
    chosen = {declared.key: query.get(declared.key) or implied_choice(declared, query)
              for declared in schema.fields if declared.implied_by}
    return _unchosen(schema, chosen)


def _unchosen(schema: Schema, inputs: Mapping[str, Any]) -> set[str]:
    """Inputs that a choice turns off: with ``basis=churn`` the lifetime is not read."""
    return {key for declared in schema.fields for choice, key in declared.implied_by
            if inputs.get(declared.key) not in (None, choice)}


def _inherits(schema: Schema, key: str) -> bool:
    return split_key(key)[1] is not None and schema.group is not None and schema.group.inherit


