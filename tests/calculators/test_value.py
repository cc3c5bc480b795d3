"""The value calculator: hand-worked examples, properties, and its page-facing results."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.run import link_fields, run
from calculators.value import Offer, assess, best_item, compare, value_ratio

money = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)


def test_grocery_delivery_of_chapter_2_by_both_methods() -> None:
    # benefit 90 + 30 = 120; cost 80 + 1 h × 20 = 100; net 120 − 100 = 20; ratio 120 ÷ 100 = 1.2
    result = assess(Offer(economic=90, psychological=30, price=80, time_hours=1, hourly_value=20))
    assert (result.total_benefit, result.time_cost, result.total_cost) == (120, 20, 100)
    assert result.net_value == 20
    assert result.value_ratio == pytest.approx(1.2)
    assert result.verdict == "positive"


def test_bookkeeping_example_of_chapter_4() -> None:
    # benefit 600 + 150 + 50 = 800; cost 500 + 120 + 4 × 30 = 740; net 60; ratio 800/740 ≈ 1.0811
    result = run("value", link_fields("value", {
        "economic": "600", "psychological": "150", "social": "50", "price": "500",
        "transaction": "120", "time_hours": "4", "hourly_value": "30"}), "link")
    assert result["values"]["net_value"] == 60
    assert result["values"]["value_ratio"] == pytest.approx(800 / 740, abs=1e-6)


def test_methods_disagree_on_the_page_example() -> None:
    # offer 1: 1250 − 1000 = 250, ratio 1.25; offer 2: 600 − 400 = 200, ratio 1.5
    result = run("value", link_fields("value", {
        "economic": "1000", "psychological": "200", "social": "50", "price": "900", "transaction": "50",
        "time_hours": "2", "hourly_value": "25", "economic_2": "500", "psychological_2": "100",
        "social_2": "0", "price_2": "350", "transaction_2": "30", "time_hours_2": "1", "hourly_value_2": "20"}), "link")
    values = result["values"]
    assert (values["net_value"], values["net_value_2"]) == (250, 200)
    assert (values["value_ratio"], values["value_ratio_2"]) == (1.25, 1.5)
    assert (values["best_by_subtraction"], values["best_by_ratio"]) == (1, 2)
    assert [n["key"] for n in result["notes"]] == ["value.methods_disagree"]


def test_a_tie_on_ratio_is_no_disagreement() -> None:
    # offer 1: 120 − 100 = 20, ratio 1.2; offer 2: 240 − 200 = 40, ratio 1.2. Division names
    # offer 1 (ties go to the lowest number), yet it has no preference against offer 2.
    result = run("value", link_fields("value", {
        "economic": "120", "psychological": "0", "price": "100", "time_hours": "0",
        "economic_2": "240", "psychological_2": "0", "price_2": "200", "time_hours_2": "0"}), "link")
    values = result["values"]
    assert (values["best_by_subtraction"], values["best_by_ratio"]) == (2, 1)
    assert (values["value_ratio"], values["value_ratio_2"]) == (1.2, 1.2)
    assert "value.methods_disagree" not in [n["key"] for n in result["notes"]]


def test_ratio_does_not_exist_without_cost() -> None:
    result = run("value", {"economic": "50", "price": "0"}, "en")
    assert result["values"]["value_ratio"] is None
    assert result["values"]["verdict"] == "positive"
    assert value_ratio(0, 0) is None


def test_equal_benefit_and_cost_is_break_even() -> None:
    assert assess(Offer(economic=0.1 + 0.2, price=0.3)).verdict == "break_even"


def test_ties_go_to_the_lowest_number() -> None:
    assert best_item([5, 7, 7]) == 2
    assert best_item([None, None]) is None
    assert compare([Offer(economic=2, price=1), Offer(economic=2, price=1)]).best_by_subtraction == 1


@given(st.lists(st.tuples(money, money, money, money, money, st.floats(0, 1000), st.floats(0, 1000)), min_size=1, max_size=4))
def test_results_are_always_finite(offers: list[tuple[float, ...]]) -> None:
    for values in offers:
        result = assess(Offer(*values))
        for number in (result.total_benefit, result.total_cost, result.net_value, result.value_ratio or 0):
            assert math.isfinite(number)


@given(money, money, money, money)
def test_subtraction_and_division_agree_on_whether_there_is_value(benefit, extra, price, transaction) -> None:
    result = assess(Offer(economic=benefit, social=extra, price=price, transaction=transaction))
    if result.value_ratio is not None and result.verdict != "break_even":
        assert (result.net_value > 0) == (result.value_ratio > 1)


@given(money, money, money, st.floats(min_value=0.01, max_value=100))
def test_scaling_money_scales_net_value_and_keeps_the_ratio(benefit, price, transaction, k) -> None:
    base = assess(Offer(economic=benefit, price=price, transaction=transaction))
    scaled = assess(Offer(economic=benefit * k, price=price * k, transaction=transaction * k))
    assert scaled.net_value == pytest.approx(base.net_value * k, rel=1e-9, abs=1e-6)
    if base.value_ratio is not None and scaled.value_ratio is not None:
        assert scaled.value_ratio == pytest.approx(base.value_ratio, rel=1e-9)


# --- Issue 15: the audit's wrong answers.

def test_offers_1_and_3_name_offer_3_not_its_position() -> None:
    # Offer 1: 600 − 400 = 200, ratio 600 ÷ 400 = 1.5. Offer 3: 1250 − 1000 = 250, ratio 1.25.
    # Subtraction picks offer 3 (250 > 200); division picks offer 1 (1.5 > 1.25). Before the
    # fix both were positions: subtraction said "2", an offer that does not exist.
    result = run("value", {"economic": "600", "price": "400", "economic_3": "1250", "price_3": "1000"}, "en")
    assert result["items"] == [3]
    assert result["values"]["best_by_subtraction"] == 3
    assert result["values"]["best_by_ratio"] == 1
    [note] = [n for n in result["notes"] if n["key"] == "value.methods_disagree"]
    assert note["params"] == {"by_subtraction": ["item", 3], "by_ratio": ["item", 1]}


def test_a_link_with_only_offer_3_names_offer_3_by_division() -> None:
    # Offer 1 (defaults): 120 ÷ 100 = 1.2, net 20. Offer 3: 600 ÷ 400 = 1.5, net 200.
    result = run("value", link_fields("value", {"economic_3": "600", "price_3": "400", "time_hours_3": "0"}), "link")
    assert (result["values"]["best_by_subtraction"], result["values"]["best_by_ratio"]) == (3, 3)


def test_best_item_answers_with_the_items_numbers() -> None:
    assert best_item([1.0, 5.0], [1, 3]) == 3
    assert best_item([None, 5.0, 5.0], [2, 4, 7]) == 4  # a tie goes to the lower number
    with pytest.raises(ValueError):
        best_item([1.0], [1, 2])


def test_a_free_offer_with_a_benefit_makes_no_claim_for_division() -> None:
    # Offer 1: 50 − 0 = 50, ratio 50 ÷ 0 does not exist. Offer 2: 120 − 100 = 20, ratio 1.2.
    # Before the fix: "division picks offer 2", as if a benefit for nothing returned less.
    result = run("value", {"economic": "50", "price": "0", "economic_2": "120", "price_2": "100"}, "en")
    values = result["values"]
    assert values["value_ratio"] is None and values["best_by_subtraction"] == 1
    assert values["best_by_ratio"] is None
    assert [n["key"] for n in result["notes"]] == ["value.free_offer"]
    assert result["notes"][0]["params"] == {"item": ["item", 1]}


def test_a_free_offer_without_benefit_leaves_division_to_the_others() -> None:
    # Offer 1 gives and costs nothing (0 ÷ 0): nothing to rank. Offer 2: 1.2, offer 3: 1.5.
    result = run("value", {"economic": "0", "price": "0", "economic_2": "120", "price_2": "100",
                           "economic_3": "60", "price_3": "40"}, "en")
    assert result["values"]["best_by_ratio"] == 3
    assert "value.free_offer" not in [n["key"] for n in result["notes"]]


def test_figure_sets_each_offers_benefit_beside_its_cost():
    # The guide's two offers: offer 1, 1000 + 200 + 50 = 1250 against 900 + 50 + 2 h × 25 = 1000;
    # offer 2, 500 + 100 + 0 = 600 against 350 + 30 + 1 h × 20 = 400.
    from calculators.presets import PRESETS

    result = run("value", link_fields("value", PRESETS["value"]["example"]), "link")
    assert result["figure"] == {"offers": [
        {"number": 1, "total_benefit": 1250, "total_cost": 1000, "net_value": 250},
        {"number": 2, "total_benefit": 600, "total_cost": 400, "net_value": 200},
    ]}


def test_a_tie_for_the_most_value_is_said_and_why_the_lower_number_is_named() -> None:
    # The audit's case, no time spent, the other benefits at their defaults (psychological 30):
    # offer 1 100 + 30 − 50 = 80, offer 2 150 + 30 − 100 = 80, offer 3 60 + 30 − 20 = 70.
    query = {"economic": "100", "price": "50", "time_hours": "0", "economic_2": "150", "price_2": "100",
             "time_hours_2": "0", "economic_3": "60", "price_3": "20", "time_hours_3": "0"}
    result = run("value", link_fields("value", query), "link")
    values = result["values"]
    assert (values["net_value"], values["net_value_2"], values["net_value_3"]) == (80, 80, 70)
    assert values["best_by_subtraction"] == 1
    [tie] = [n for n in result["notes"] if n["key"] == "value.best_tied"]
    assert tie["params"] == {"count": ["count", 2], "net": ["money", 80], "best": ["item", 1]}
    # Offer 2 alone on top: no tie to speak of.
    alone = run("value", link_fields("value", {**query, "price_2": "99"}), "link")
    assert "value.best_tied" not in [n["key"] for n in alone["notes"]]


def test_hours_without_a_value_for_an_hour_are_said_to_cost_nothing() -> None:
    # 90 + 30 − 80 = 40, and 2 h × 0 = 0: the time costs nothing, and the note says why, not
    # a silent $0 beside "Time spent: 2".
    one = run("value", {"economic": "90", "psychological": "30", "price": "80", "time_hours": "2"}, "en")
    assert one["values"]["time_cost"] == 0 and one["values"]["net_value"] == 40
    assert [(n["key"], n["params"]) for n in one["notes"]] == [("value.time_unpriced", {"hours": ["hours", 2]})]
    # With an hour's value (2 × 20 = 40, net 0), or no hours, there is nothing to say.
    priced = run("value", {"economic": "90", "psychological": "30", "price": "80", "time_hours": "2", "hourly_value": "20"}, "en")
    assert priced["values"]["net_value"] == 0 and priced["notes"] == []
    assert run("value", {"economic": "90", "price": "80", "hourly_value": "20"}, "en")["notes"] == []
    # Beside other offers, the note names the offer: offer 2 has 1.5 h and no hour's value.
    two = run("value", {"economic": "90", "price": "80", "time_hours": "1", "hourly_value": "20",
                        "economic_2": "70", "price_2": "50", "time_hours_2": "1.5"}, "en")
    assert [(n["key"], n["params"]) for n in two["notes"] if n["key"].startswith("value.time")] == \
        [("value.time_unpriced_item", {"item": ["item", 2], "hours": ["hours", 1.5]})]


def test_the_verdict_is_break_even_only_where_the_net_value_shown_is_0() -> None:
    # 0.000001 for nothing was "break-even" beside a net value of $0.000001 (QA).
    nothing = {"economic": "0", "psychological": "0", "price": "0", "time_hours": "0"}
    free = run("value", link_fields("value", {**nothing, "economic": "0.000001"}), "link")
    assert free["values"]["net_value"] == 0.000001 and free["values"]["verdict"] == "positive"
    # 0.1 + 0.2 against 0.3: float noise, 5.6e-17 apart, is break-even.
    even = run("value", link_fields("value", {**nothing, "economic": "0.1", "psychological": "0.2", "price": "0.3"}), "link")
    assert even["values"]["verdict"] == "break_even"


def test_a_gain_or_a_loss_never_reads_as_a_ratio_of_one_or_equal_amounts() -> None:
    def shown(query: dict[str, str]) -> dict[str, float]:
        result = run("value", link_fields("value", query), "link")
        assert result["ok"], result["errors"]
        return result["shown"]

    plain = {"psychological": "0", "time_hours": "0"}
    # 80 of benefit against 80.004 of cost: a loss of 0.004. At their usual digits the ratio
    # 80 ÷ 80.004 = 0.99995 reads "1" and the cost "$80.00" beside "$80", under "No value".
    assert shown({**plain, "economic": "80", "price": "80.004"}) == {"value_ratio": 0.99995, "total_cost": 80.004}
    # 1000 ÷ 1000.0004 = 0.9999996 is 1 even at six decimals: seven keep it apart (QA).
    assert shown({**plain, "economic": "1000", "price": "1000.0004"}) == {"value_ratio": 0.9999996, "total_cost": 1000.0004}
    # A gain of 0.01 on 100: 100.01 ÷ 100 = 1.0001 reads "1" at two decimals; the amounts
    # differ already ($100.01 against $100).
    assert shown({**plain, "economic": "100.01", "price": "100"}) == {"value_ratio": 1.0001}
    # Break-even reads as it is; so does the page's example, far from 1 (120 ÷ 100 = 1.2).
    assert shown({**plain, "economic": "80", "price": "80"}) == {}
    assert shown({}) == {}
    # Offer 2 beside the example: 50 against 49.996, ratio 1.00008: "1.00" at two decimals,
    # "1.000" at three, "1.0001" at four, the fewest that tell it from 1.
    offer_2 = {"economic_2": "50", "psychological_2": "0", "price_2": "49.996", "time_hours_2": "0"}
    assert shown(offer_2) == {"value_ratio_2": 1.0001, "total_cost_2": 49.996}
