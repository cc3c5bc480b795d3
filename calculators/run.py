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
from typing import Any

from .errors import CalculatorError
from .links import link_fields, write_link
from .registry import CALCULATORS
from .schema import Schema, read_field, split_key

#: Results are rounded so that ``data-value`` reads the same from Python and from
#: JavaScript's ``String(number)`` (no float noise such as 0.30000000000000004).
DECIMALS = 6


def run(calculator_id: str, fields: Mapping[str, str], lang: str) -> dict[str, Any]:
    """Read ``fields`` (raw text by input key) in ``lang``'s number style and evaluate.

    Keys the calculator does not know are ignored. Returns ``{"ok", "items", "values",
    "notes", "errors", "inputs", "link"}``; ``errors`` maps an input key to ``{"code",
    "params"}``; ``link`` is the ``v=1`` query that opens these inputs again (the page's Copy
    link, address bar and QR code), ``None`` while an input cannot be read.
    """
    schema = CALCULATORS[calculator_id]
    items = schema.items_in(list(fields))
    inputs, errors = read_inputs(schema, fields, lang, items)
    result: dict[str, Any] = {
        "ok": False, "items": list(items), "values": {}, "notes": [], "figure": {}, "errors": errors,
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
        notes=[note.as_json() for note in evaluation.notes],
        figure=evaluation.figure,
    )
    return result


def read_inputs(
    schema: Schema, fields: Mapping[str, str], lang: str, items: tuple[int, ...]
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    inputs: dict[str, Any] = {}
    errors: dict[str, dict[str, Any]] = {}
    for key in schema.input_keys(items):
        declared = schema.field(key)
        try:
            inputs[key] = read_field(declared, key, str(fields.get(key, "")), lang)
        except CalculatorError as error:
            errors[key] = {"code": error.code, "params": error.params}
    for key, value in list(inputs.items()):
        if value is None:
            inputs[key] = _empty_value(schema, key, inputs)
    return inputs, errors


def _empty_value(schema: Schema, key: str, inputs: Mapping[str, Any]) -> Any:
    base, number = split_key(key)
    if number is not None and schema.group is not None and schema.group.inherit:
        return inputs.get(base)
    return schema.field(key).empty


def clean(value: Any) -> Any:
    """Round floats for display keys; refuse NaN and infinities, which are bugs here."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise AssertionError("a calculator produced a non-finite number")
        value = round(value, DECIMALS)
        return 0.0 if value == 0 else value
    return value


def data_value(value: Any) -> str:
    """``data-value`` text: a plain number with a dot and no grouping, a key, or ``none``.

    Written the way JavaScript's ``String(number)`` writes the same rounded number.
    """
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        text = f"{float(value):.{DECIMALS}f}".rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    return str(value)


def run_json(request: str) -> str:
    """The worker's call: ``{"calculator", "fields", "lang"}`` as JSON in, results out.

    With ``"lang": "link"`` the fields are a ``v=1`` link's values (the room comparison reads
    participants' links): missing keys take the version's defaults, as when the link opens.
    """
    message = json.loads(request)
    fields = message["fields"]
    if message["lang"] == "link":
        fields = link_fields(message["calculator"], fields)
    return json.dumps(run(message["calculator"], fields, message["lang"]))
