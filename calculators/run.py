"""One entry point for every caller: raw field text in, JSON-ready results out.

The browser worker, the build (prerendering a page's example) and the tests all call
:func:`run`, so what the page shows is what pytest checked.

>>> result = run("value", {"economic": "120", "price": "100"}, "en")
>>> result["values"]["net_value"], result["values"]["value_ratio"]
(20.0, 1.2)
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .errors import CalculatorError
from .links import link_fields, write_link
from .numbers import STYLES
from .registry import CALCULATORS
from .schema import APART_DECIMALS, Schema, read_field, split_key
from .sensitivity import moves

#: Results are rounded so that ``data-value`` reads the same from Python and from
#: JavaScript's ``String(number)`` (no float noise such as 0.30000000000000004).
DECIMALS = 6


def run(calculator_id: str, fields: Mapping[str, str], lang: str) -> dict[str, Any]:
    """Read ``fields`` (raw text by input key) in ``lang``'s number style and evaluate.

    Keys the calculator does not know are ignored. Returns ``{"ok", "items", "values",
    "shown", "notes", "figure", "moves", "errors", "inputs", "link"}``; ``shown`` are results
    with the digits a note keeps them apart from a threshold with (``Evaluation.shown``), to be
    shown in place of their usual rounding; ``moves`` is what moves the
    headline result (:mod:`calculators.sensitivity`), ``{}`` where nothing can; ``errors`` maps an input key to ``{"code",
    "params"}``; ``link`` is the ``v=1`` query that opens these inputs again (the page's Copy
    link, address bar and QR code), ``None`` while an input cannot be read. An unknown
    calculator or language is such an error too, under the key ``calculator`` or ``lang``.

    >>> run("nope", {}, "en")["errors"]
    {'calculator': {'code': 'unknown_calculator', 'params': {}}}
    """
    refused = _refused(calculator_id, lang)
    if refused is not None:
        return refused
    schema = CALCULATORS[calculator_id]
    items = schema.items_in(list(fields))
    inputs, errors = read_inputs(schema, fields, lang, items)
    result: dict[str, Any] = {
        "ok": False, "items": list(items), "values": {}, "shown": {}, "notes": [], "figure": {}, "moves": {}, "errors": errors,
        "inputs": {key: clean(value) for key, value in inputs.items()},
        "link": None if errors else write_link(schema, inputs, fields, items),
    }
    if errors:
        return result
    try:
        evaluation = schema.evaluate(inputs, items)
    except CalculatorError as error:
        result["errors"] = {error.key: {"code": error.code, "params": error.params}}
        return result
    result.update(
        ok=True,
        values={key: clean(value) for key, value in evaluation.values.items()},
        shown={key: clean(value, APART_DECIMALS) for key, value in evaluation.shown.items()},
        notes=[note.as_json() for note in evaluation.notes],
        figure=evaluation.figure,
    )
    found = moves(schema, inputs, items)
    result["moves"] = {} if found is None else found.as_json()
    return result


def read_inputs(
    schema: Schema, fields: Mapping[str, str], lang: str, items: tuple[int, ...]
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    inputs: dict[str, Any] = {}
    errors: dict[str, dict[str, Any]] = {}
    currency = _currency(schema, fields, lang)
    for key in schema.input_keys(items):
        declared = schema.field(key)
        try:
            inputs[key] = read_field(declared, key, str(fields.get(key, "")), lang, currency)
        except CalculatorError as error:
            errors[key] = {"code": error.code, "params": error.params}
    for key, value in list(inputs.items()):
        if value is None:
            inputs[key] = _empty_value(schema, key, inputs)
    return inputs, errors


def _currency(schema: Schema, fields: Mapping[str, str], lang: str) -> str:
    """The chosen currency, which amounts may name (``$20``); USD when there is none."""
    try:
        declared = schema.field("currency")
    except KeyError:
        return "USD"
    try:
        value = read_field(declared, "currency", str(fields.get("currency", "")), lang)
    except CalculatorError:
        return "USD"  # reported beside the currency field; amounts are read without a sign
    return str(value if value is not None else declared.empty)


def _refused(calculator_id: Any, lang: Any) -> dict[str, Any] | None:
    """The error result for a request no calculator can answer, else ``None``."""
    if not isinstance(calculator_id, str) or calculator_id not in CALCULATORS:
        return _error_result("calculator", "unknown_calculator")
    if not isinstance(lang, str) or lang not in STYLES:
        return _error_result("lang", "unknown_language")
    return None


def _error_result(key: str, code: str) -> dict[str, Any]:
    return {"ok": False, "items": [], "values": {}, "shown": {}, "notes": [], "figure": {}, "moves": {}, "inputs": {},
            "errors": {key: {"code": code, "params": {}}}}


def _empty_value(schema: Schema, key: str, inputs: Mapping[str, Any]) -> Any:
    base, number = split_key(key)
    declared = schema.field(key)
    if number is not None and schema.group is not None and schema.group.inherit and declared.inherit:
        return inputs.get(base)
    return declared.empty


def clean(value: Any, decimals: int = DECIMALS) -> Any:
    """Round floats for display keys (to ``decimals``: more for a result kept apart from a
    threshold); refuse NaN and infinities, which are bugs here."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise AssertionError("a calculator produced a non-finite number")
        value = round(value, decimals)
        return 0.0 if value == 0 else value
    return value


def data_value(value: Any) -> str:
    """``data-value`` text: a plain number with a dot and no grouping, a key, or ``none``.

    Written the way JavaScript's ``String(number)`` writes the same number: the shortest
    decimal that reads back as it, never in exponent form. Not a fixed number of places, which
    wrote 13406401047.84792 as "13406401047.847919" (QA).

    >>> data_value(13406401047.84792), data_value(0.000001), data_value(20.0), data_value(-0.0)
    ('13406401047.84792', '0.000001', '20', '0')
    """
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        text = format(Decimal(repr(float(value))), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    return str(value)


def run_json(request: str) -> str:
    """The worker's call: ``{"calculator", "fields", "lang"}`` as JSON in, results out.

    With ``"lang": "link"`` the fields are a ``v=1`` link's values (the room comparison reads
    participants' links): missing keys take the version's defaults, as when the link opens.
    """
    try:
        message = json.loads(request)
    except ValueError:
        message = None
    if not isinstance(message, dict) or not isinstance(message.get("fields", {}), dict):
        return json.dumps(_error_result("request", "bad_request"))
    calculator_id, lang, fields = message.get("calculator"), message.get("lang"), message.get("fields", {})
    refused = _refused(calculator_id, lang)
    if refused is not None:
        return json.dumps(refused)
    assert isinstance(calculator_id, str) and isinstance(lang, str)  # _refused checked both
    if lang == "link":
        fields = link_fields(calculator_id, fields)
    return json.dumps(run(calculator_id, fields, lang))

