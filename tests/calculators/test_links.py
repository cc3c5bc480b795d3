"""Links written in one place (``calculators/links.py``): short, exact, and read back the same."""

from __future__ import annotations

from urllib.parse import parse_qsl

from hypothesis import given
from hypothesis import strategies as st

from calculators.links import link_fields, link_query, link_text
from calculators.run import run


def reopened(calculator_id: str, link: str) -> dict[str, object]:
    """The inputs a link opens with, as the calculator reads them."""
    return run(calculator_id, link_fields(calculator_id, dict(parse_qsl(link, keep_blank_values=True))), "link")["inputs"]


def test_a_link_writes_only_what_differs_from_the_defaults() -> None:
    # Lifetime value's defaults: 20 a month, once, 100 %, 36 months; only the check differs.
    assert link_query("lifetime_value", link_fields("lifetime_value", {"average_check": "30"})) == "v=1&average_check=30"
    # Typed on a German page, written with a dot and no grouping.
    fields = {**link_fields("lifetime_value", {}), "average_check": "1.234,5"}
    assert link_query("lifetime_value", fields, "de") == "v=1&average_check=1234.5"


def test_a_link_value_longer_than_six_decimals_keeps_its_meaning() -> None:
    # churn 1.0000004 % a month: the results round to 6 decimals, the link must not.
    fields = {**link_fields("lifetime_value", {}), "basis": "churn", "lifetime_months": "", "churn_percent": "1,0000004"}
    result = run("lifetime_value", fields, "de")
    # The lifetime is not the reader's choice here, so the link leaves it out.
    assert result["link"] == "v=1&basis=churn&churn_percent=1.0000004"
    assert reopened("lifetime_value", result["link"])["churn_percent"] == 1.0  # shown rounded…
    reread = run("lifetime_value", link_fields("lifetime_value", dict(parse_qsl(result["link"], keep_blank_values=True))), "link")
    assert reread["link"] == result["link"] and reread["values"] == result["values"]  # …meant exactly


def test_an_item_left_at_its_defaults_is_kept_by_its_first_field() -> None:
    # Offer 2 with every value as the defaults still exists in the link.
    assert link_query("value", link_fields("value", {"price_2": "80"})) == "v=1&economic_2=90"


def test_an_empty_item_field_that_takes_the_main_value_is_left_out() -> None:
    # Segment 1 names itself and its share; its check is empty, so it is the main check (20).
    link = link_query("lifetime_value", link_fields("lifetime_value", {"segment_1": "Gym", "share_percent_1": "100"}))
    assert link == "v=1&segment_1=Gym&share_percent_1=100"
    # Typed, even as the same number, it is written: the reader fixed it.
    fields = {**link_fields("lifetime_value", {"segment_1": "Gym", "share_percent_1": "100"}), "average_check_1": "20"}
    assert link_query("lifetime_value", fields) == "v=1&segment_1=Gym&share_percent_1=100&average_check_1=20"


def test_no_link_while_an_input_cannot_be_read() -> None:
    result = run("value", {**link_fields("value", {}), "price": "12abc"}, "en")
    assert result["link"] is None


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False))
def test_link_numbers_read_back_as_the_same_float(value: float) -> None:
    text = link_text(value)
    assert "e" not in text and "," not in text
    assert float(text) == value


def test_a_link_number_in_a_page_style_is_refused_with_the_link_rule() -> None:
    # "1,234" is neither 1.234 nor 1234 in a link: it is refused with its own code, whose
    # message says how links write numbers (not "enter a number such as 1250,50", the page's
    # own style, which a link cannot have either). Typed on a page, it is a number there.
    for text in ("1,234", "1.234,5", "1 234", "12.5.1"):
        result = run("value", link_fields("value", {"price": text}), "link")
        assert result["errors"]["price"]["code"] == "link_number", text
    assert run("value", link_fields("value", {"price": "abc"}), "link")["errors"]["price"]["code"] == "link_number"
    assert run("value", {**link_fields("value", {}), "price": "1,234"}, "en")["inputs"]["price"] == 1234.0
    assert run("value", {**link_fields("value", {}), "price": "1,234"}, "de")["inputs"]["price"] == 1.234
    # Full-width digits are digits in a link too (a phone's keyboard may type them).
    assert run("value", link_fields("value", {"price": "１２３４"}), "link")["inputs"]["price"] == 1234.0
