"""The declared limits never let a result past what a page can show (issue 15).

Every numeric input takes one of its extremes (0, its maximum, the smallest positive amount a
reader may type, and nearer zero: a 100-character 0.000…1, refused) and every result, note parameter and figure number must stay finite,
within :data:`~calculators.schema.RESULT_LIMIT`, and ``data-value`` must be a plain number:
no exponent (JavaScript's ``String`` writes one from 10^21 and below 10^-6).
"""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.registry import CALCULATORS
from calculators.run import data_value, link_fields, run
from calculators.schema import RESULT_LIMIT

TINY_TEXT = "0." + "0" * 97 + "1"  # 100 characters: the longest value a link may carry


def extremes(maximum: float | None) -> st.SearchStrategy[str]:
    top = [data_value(maximum)] if maximum is not None else ["1000000000"]
    return st.sampled_from(["0", "0.000001", "0.0000001", TINY_TEXT, "1", *top])


def numbers_in(thing: Any) -> list[float]:
    if isinstance(thing, bool) or thing is None or isinstance(thing, str):
        return []
    if isinstance(thing, (int, float)):
        return [float(thing)]
    if isinstance(thing, dict):
        return [n for v in thing.values() for n in numbers_in(v)]
    if isinstance(thing, (list, tuple)):
        return [n for v in thing for n in numbers_in(v)]
    return []


@st.composite
def requests(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    calculator_id = draw(st.sampled_from(sorted(CALCULATORS)))
    schema = CALCULATORS[calculator_id]
    items = (2,) if schema.group and schema.group.first == 2 else (1,) if schema.group else ()
    fields = link_fields(calculator_id, {})
    for key in schema.input_keys(items):
        declared = schema.field(key)
        if declared.numeric and draw(st.booleans()):
            fields[key] = draw(extremes(declared.maximum))
    if calculator_id == "lifetime_value":
        fields.update(segment_1="", share_percent_1="")  # shares must add up; tested elsewhere
    return calculator_id, fields


@settings(max_examples=400, deadline=None)
@given(requests())
def test_extreme_inputs_give_results_a_page_can_show(request: tuple[str, dict[str, str]]) -> None:
    calculator_id, fields = request
    result = run(calculator_id, fields, "link")
    if not result["ok"]:
        return
    for key, value in result["values"].items():
        text = data_value(value)
        assert "e" not in text.lower() or not text[0].isdigit(), (key, text)
        if isinstance(value, float):
            assert math.isfinite(value) and abs(value) <= RESULT_LIMIT, (key, value)
    for number in numbers_in([n["params"] for n in result["notes"]]) + numbers_in(result["figure"]):
        assert math.isfinite(number) and abs(number) <= RESULT_LIMIT, number


def test_a_link_s_number_nearer_zero_than_a_page_shows_is_refused() -> None:
    # 10^9 ÷ 10^-98 = 10^107 once reached the page (JavaScript wrote 1e+107); such a number
    # is now refused beside its field, whatever it would be divided into.
    for calculator_id, key in (("value", "price"), ("competition", "cost"), ("lifetime_value", "churn_percent")):
        result = run(calculator_id, link_fields(calculator_id, {key: TINY_TEXT}), "link")
        assert result["errors"] == {key: {"code": "too_fine", "params": {"smallest": 1e-06}}}


def test_a_ratio_over_a_cost_too_small_to_divide_by_is_none() -> None:
    # 10^9 ÷ (0 + 0.000001 h × $0.000001) = 10^21, past RESULT_LIMIT (10^15).
    result = run("value", link_fields("value", {"economic": "1000000000", "price": "0", "time_hours": "0.000001",
                                                "hourly_value": "0.000001"}), "link")
    assert result["ok"]
    assert result["values"]["value_ratio"] is None
    # The competition's cost is one field: 10^9 ÷ 0.000001 = 10^15 is the most it can divide.
    result = run("competition", link_fields("competition", {"benefit": "1000000000", "cost": "0.000001"}), "link")
    assert result["values"]["ratio"] == 1e15
