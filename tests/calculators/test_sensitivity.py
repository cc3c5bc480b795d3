"""What moves the result (issue 18, part 2): each input ±20 %, and the lifetime value's table.

Hand-worked examples carry their arithmetic in comments; properties use hypothesis. Everything
goes through :func:`calculators.run.run` too, the entry point the page uses.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calculators.presets import PRESETS
from calculators.registry import CALCULATORS
from calculators.run import run
from calculators.schema import Field
from calculators.sensitivity import HEADLINES, grid_values, moved, moves

LTV = CALCULATORS["lifetime_value"]


def ltv_inputs(**given: float | str | None) -> dict[str, float | str | None]:
    """The lifetime value's inputs as run() reads them, the fitness club unless ``given``."""
    inputs: dict[str, float | str | None] = {
        "average_check": 20.0, "purchases_per_month": 1.0, "margin_percent": 100.0, "basis": "lifetime",
        "lifetime_months": 36.0, "churn_percent": None, "acquisition_cost": None,
        "discount_rate_percent": None, "target_ltv_to_cac": 3.0, "currency": "USD",
    }
    inputs.update(given)
    return inputs


def by_key(result: dict) -> dict[str, dict]:
    return {swing["key"]: swing for swing in result["moves"]["swings"]}


def test_every_calculator_declares_a_headline_output() -> None:
    for calculator_id, schema in CALCULATORS.items():
        assert HEADLINES[calculator_id] in {o.key for o in schema.outputs}


def test_value_grocery_delivery_through_run() -> None:
    result = run("value", PRESETS["value"]["chapter-2"], "en")
    moves_ = result["moves"]
    assert moves_["output"] == "net_value" and moves_["result"] == 20.0
    swings = by_key(result)
    # net = 90 + 30 − (80 + 1 × 20) = 20
    # economic 90 × 0.8 = 72 → 72 + 30 − 100 = 2;   × 1.2 = 108 → 38
    assert (swings["economic"]["low"], swings["economic"]["high"]) == (72.0, 108.0)
    assert (swings["economic"]["low_result"], swings["economic"]["high_result"]) == (2.0, 38.0)
    # price 80 × 0.8 = 64 → 120 − 84 = 36;   × 1.2 = 96 → 120 − 116 = 4
    assert (swings["price"]["low_result"], swings["price"]["high_result"]) == (36.0, 4.0)
    # hours 0.8 × 20 = 16 → 24;  1.2 × 20 = 24 → 16: the same as the hourly value 16 / 24
    assert (swings["time_hours"]["low_result"], swings["time_hours"]["high_result"]) == (24.0, 16.0)
    assert [s["key"] for s in moves_["swings"]] == ["economic", "price", "psychological", "time_hours", "hourly_value"]
    assert [s["effect"] for s in moves_["swings"]] == [36.0, 32.0, 12.0, 8.0, 8.0]
    assert moves_["fixed"] == [{"key": "social", "reason": "zero"}, {"key": "transaction", "reason": "zero"},
                               {"key": "currency", "reason": "choice"}]
    assert moves_["grid"] is None


def test_value_moves_offer_one_only() -> None:
    # The example's offer 1: 1000 + 200 + 50 − (900 + 50 + 2 × 25) = 250; offer 2 plays no part.
    result = run("value", PRESETS["value"]["example"], "en")
    swings = by_key(result)
    assert result["moves"]["result"] == 250.0
    # economic 1000 ± 200 → 50 / 450
    assert (swings["economic"]["low_result"], swings["economic"]["high_result"]) == (50.0, 450.0)
    assert not any(s["key"].endswith("_2") for s in result["moves"]["swings"])


def test_lifetime_value_fitness_club_margin_is_clipped_at_100() -> None:
    result = run("lifetime_value", PRESETS["lifetime_value"]["fitness-club"], "en")
    swings = by_key(result)
    # 20 × 1 × 100 % × 36 = 720; each multiplicative input × 0.8 → 576, × 1.2 → 864
    for key in ("average_check", "purchases_per_month", "lifetime_months"):
        assert (swings[key]["low_result"], swings[key]["high_result"]) == (576.0, 864.0)
        assert swings[key]["clipped"] == []
    # the margin cannot pass 100 %: 80 % → 576, and "high" stays 100 % → 720
    margin = swings["margin_percent"]
    assert (margin["low"], margin["high"], margin["low_result"], margin["high_result"]) == (80.0, 100.0, 576.0, 720.0)
    assert margin["clipped"] == ["maximum"]
    assert [s["key"] for s in result["moves"]["swings"]][-1] == "margin_percent"  # 144 < 288
    fixed = {f["key"]: f["reason"] for f in result["moves"]["fixed"]}
    assert fixed == {"basis": "choice", "churn_percent": "not_given", "acquisition_cost": "not_given",
                     "discount_rate_percent": "not_given", "target_ltv_to_cac": "no_effect", "currency": "choice"}


def test_lifetime_value_churn_is_the_strongest_lever_of_the_subscription() -> None:
    result = run("lifetime_value", PRESETS["lifetime_value"]["subscription"], "en")
    # 30 × 1 × 70 % = 21 a month; churn 5 % → 20 months → 420.
    # churn 4 % → 25 months → 525; churn 6 % → 16.67 months → 350: a spread of 175,
    # against 420 × 0.4 = 168 for each of the check, the purchases and the margin.
    churn = result["moves"]["swings"][0]
    assert churn["key"] == "churn_percent"
    assert (churn["low"], churn["high"], churn["low_result"], churn["high_result"]) == (4.0, 6.0, 525.0, 350.0)
    assert churn["effect"] == 175.0
    assert [s["effect"] for s in result["moves"]["swings"][1:]] == [168.0, 168.0, 168.0]
    fixed = {f["key"]: f["reason"] for f in result["moves"]["fixed"]}
    # LTV is undiscounted and does not depend on what winning the customer costs
    assert fixed["acquisition_cost"] == fixed["discount_rate_percent"] == "no_effect"
    assert fixed["lifetime_months"] == "not_given"


def test_lifetime_value_table_follows_the_basis_churn() -> None:
    grid = run("lifetime_value", PRESETS["lifetime_value"]["subscription"], "en")["moves"]["grid"]
    assert (grid["rows_key"], grid["columns_key"]) == ("churn_percent", "margin_percent")
    # churn 5 % in steps of 10 %: 4, 4.5, 5, 5.5, 6; margin 70 %: 56, 63, 70, 77, 84
    assert grid["rows"] == [4.0, 4.5, 5.0, 5.5, 6.0]
    assert grid["columns"] == [56.0, 63.0, 70.0, 77.0, 84.0]
    assert (grid["row"], grid["column"]) == (2, 2)
    assert grid["cells"][2][2] == 420.0                 # the reader's case
    assert grid["cells"][0][4] == 630.0                 # 30 × 84 % = 25.2 a month × 100 / 4 = 630
    assert grid["cells"][4][0] == 280.0                 # 30 × 56 % = 16.8 × 100 / 6 = 280
    assert grid["cells"][1][0] == 373.333333            # 16.8 × 100 / 4.5 = 373.33…


def test_lifetime_value_table_at_full_margin_keeps_the_reader_in_it() -> None:
    grid = run("lifetime_value", PRESETS["lifetime_value"]["fitness-club"], "en")["moves"]["grid"]
    assert grid["rows_key"] == "lifetime_months"
    # 36 months ± 10 %, 20 %: 28.8, 32.4, 36, 39.6, 43.2; the margin cannot pass 100 %, so
    # its columns go down: 60, 70, 80, 90, 100, the reader's last
    assert grid["rows"] == [28.8, 32.4, 36.0, 39.6, 43.2]
    assert grid["columns"] == [60.0, 70.0, 80.0, 90.0, 100.0]
    assert (grid["row"], grid["column"]) == (2, 4)
    assert grid["cells"][2][4] == 720.0
    assert grid["cells"][0][0] == 345.6                 # 20 × 60 % × 28.8 = 345.6


def test_competition_moves_your_net_value() -> None:
    result = run("competition", PRESETS["competition"]["breakfast"], "en")
    swings = by_key(result)
    # net 5 − 3 = 2; benefit 4 / 6 → 1 / 3; cost 2.4 / 3.6 → 2.6 / 1.4
    assert result["moves"]["output"] == "net"
    assert (swings["benefit"]["low_result"], swings["benefit"]["high_result"]) == (1.0, 3.0)
    assert (swings["cost"]["low_result"], swings["cost"]["high_result"]) == (2.6, 1.4)
    assert [s["key"] for s in result["moves"]["swings"]] == ["benefit", "cost"]
    fixed = {f["key"]: f["reason"] for f in result["moves"]["fixed"]}
    assert fixed == {"need": "text", "name": "text", "spend": "no_effect", "currency": "choice"}


def test_no_moves_without_a_headline_result_or_with_errors() -> None:
    # churn 0: the customer never leaves, the lifetime value does not exist, nothing moves it
    endless = run("lifetime_value", {"average_check": "20", "purchases_per_month": "1", "margin_percent": "50",
                                     "basis": "churn", "churn_percent": "0"}, "en")
    assert endless["ok"] and endless["moves"] == {}
    bad = run("value", {"economic": "abc", "price": "80"}, "en")
    assert not bad["ok"] and bad["moves"] == {}
    assert run("nope", {}, "en")["moves"] == {}


def test_a_result_beyond_the_range_is_none_at_that_end() -> None:
    # 1e9 × 1000 × 100 % × 1000 months = 1e15, at the limit; × 1.2 passes it and is no result
    result = run("lifetime_value", {"average_check": "1000000000", "purchases_per_month": "1000",
                                    "margin_percent": "100", "lifetime_months": "1000"}, "en")
    check = by_key(result)["average_check"]
    assert check["high"] == 1e9  # the money limit held it
    assert check["clipped"] == ["maximum"]
    months = by_key(result)["lifetime_months"]
    assert months["high_result"] is None and months["low_result"] == 8e14
    assert months["effect"] == 0.0


def test_moved_values_stay_within_limits_and_counts_stay_whole() -> None:
    seats = Field("seats", "count", minimum=1, maximum=10)
    assert moved(7, seats, 0.2) == (8.0, None, True)     # 8.4 → 8
    assert moved(7, seats, -0.2) == (6.0, None, True)    # 5.6 → 6
    assert moved(1, seats, -0.2) == (1.0, "minimum", True)
    with pytest.raises(ValueError):
        moved(5, seats, 1.5)
    with pytest.raises(ValueError):
        moves(LTV, ltv_inputs(), step=0)


positive = st.floats(0.01, 1e4, allow_nan=False)


@given(check=positive, purchases=st.floats(0.01, 100), margin=st.floats(1, 83), months=st.floats(1, 1000))
@settings(max_examples=60)
def test_a_multiplicative_input_moves_ltv_by_exactly_20_percent(check: float, purchases: float, margin: float,
                                                                   months: float) -> None:
    # LTV = S × C × P × t: 20 % less of any factor is 20 % less LTV, and 20 % more is 20 % more
    # (a margin below 83.3 % can rise by 20 % without passing 100 %).
    inputs = ltv_inputs(average_check=check, purchases_per_month=purchases, margin_percent=margin, lifetime_months=months)
    found = moves(LTV, inputs)
    assert found is not None
    ltv = check * purchases * margin / 100 * months
    assume(ltv * 1.2 <= 1e15)
    assert {s.key for s in found.swings} == {"average_check", "purchases_per_month", "margin_percent", "lifetime_months"}
    for swing in found.swings:
        assert swing.low_result is not None and swing.high_result is not None
        assert math.isclose(swing.low_result, 0.8 * ltv, rel_tol=1e-9)
        assert math.isclose(swing.high_result, 1.2 * ltv, rel_tol=1e-9)
        assert not swing.clipped


@given(churn=st.floats(0.1, 80), margin=st.floats(1, 100))
@settings(max_examples=60)
def test_churn_moves_ltv_by_its_inverse(churn: float, margin: float) -> None:
    # t = 100 / c: churn × 0.8 gives LTV ÷ 0.8 = 1.25 × LTV; × 1.2 gives LTV ÷ 1.2
    inputs = ltv_inputs(basis="churn", lifetime_months=None, churn_percent=churn, margin_percent=margin)
    found = moves(LTV, inputs)
    assert found is not None
    swing = next(s for s in found.swings if s.key == "churn_percent")
    assert math.isclose(swing.low_result or 0, found.result / 0.8, rel_tol=1e-9)
    assert math.isclose(swing.high_result or 0, found.result / 1.2, rel_tol=1e-9)
    assert found.grid is not None and found.grid.rows_key == "churn_percent"


@given(data=st.data())
@settings(max_examples=40)
def test_swings_are_sorted_and_the_table_holds_the_readers_case(data: st.DataObject) -> None:
    inputs = ltv_inputs(
        average_check=data.draw(st.floats(0, 1e5)), purchases_per_month=data.draw(st.floats(0, 1000)),
        margin_percent=data.draw(st.floats(0, 100)), lifetime_months=data.draw(st.floats(0, 1200)),
    )
    found = moves(LTV, inputs)
    assert found is not None  # a lifetime is given: LTV always exists within these limits
    effects = [s.effect for s in found.swings]
    # largest first; equal effects (float noise apart) keep the page's order
    assert all(a >= b * (1 - 1e-9) for a, b in zip(effects, effects[1:]))
    for swing in found.swings:
        declared = LTV.field(swing.key)
        assert declared.minimum is None or swing.low >= declared.minimum
        assert declared.maximum is None or swing.high <= declared.maximum
    grid = found.grid
    assert grid is not None
    assert grid.rows[grid.row] == inputs["lifetime_months"] and grid.columns[grid.column] == inputs["margin_percent"]
    assert grid.cells[grid.row][grid.column] == pytest.approx(found.result, rel=1e-12, abs=1e-9)
    assert list(grid.rows) == sorted(set(grid.rows)) and all(0 <= c <= 100 for c in grid.columns)


@given(st.floats(0.001, 1e6), st.sampled_from(["money", "percent", "number", "months"]))
def test_grid_values_are_five_ascending_steps_around_the_value(value: float, kind: str) -> None:
    declared = Field("x", kind, maximum=100 if kind == "percent" else None)  # type: ignore[arg-type]
    assume(declared.maximum is None or value <= declared.maximum)
    values, position = grid_values(value, declared)
    assert len(values) == 5 and values[position] == value
    assert list(values) == sorted(values)
