"""Reading typed numbers in each language's style, and every error code the pages translate."""

from __future__ import annotations

import json

import pytest

from calculators.errors import CODES
from calculators.numbers import parse_amount, parse_number
from calculators.run import run, run_json


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("1200", "en", 1200), ("1 200", "en", 1200), ("1\u00a0200", "ru", 1200), ("1\u202f200,5", "ru", 1200.5),
    ("1.200,50", "de", 1200.5), ("1200,5", "de", 1200.5), ("1200,5", "nl", 1200.5), ("1,200.50", "en", 1200.5),
    ("１２００", "zh", 1200), ("１，２００", "zh", 1200), ("１２．５", "ko", 12.5), ("0,5", "ru", 0.5),
    ("1.5", "de", 1.5), ("1.500", "de", 1500), ("-3", "en", -3), ("\u22123", "en", -3), (",5", "de", 0.5),
])
def test_accepts_the_page_number_style(text: str, lang: str, expected: float) -> None:
    assert parse_number(text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("abc", "en"), ("1e309", "en"), ("1e3", "en"), ("inf", "en"), ("nan", "de"), ("12abc", "en"),
    ("1,2,3", "de"), ("1.2.3,4", "de"), ("1,20.5", "en"), ("1 2", "en"), ("1,5", "link"), ("1 200", "link"),
    ("--1", "en"),
])
def test_rejects_what_is_not_a_plain_number(text: str, lang: str) -> None:
    with pytest.raises(ValueError, match="not_a_number"):
        parse_number(text, lang)


@pytest.mark.parametrize(("fields", "lang", "key", "code"), [
    ({"economic": "", "price": "1"}, "en", "economic", "required"),
    ({"economic": "ten", "price": "1"}, "de", "economic", "not_a_number"),
    ({"economic": "1e309", "price": "1"}, "en", "economic", "not_a_number"),
    ({"economic": "1" * 101, "price": "1"}, "en", "economic", "too_long"),
    ({"economic": "5", "price": "-1"}, "en", "price", "negative"),
    ({"economic": "5", "price": "1000000001"}, "en", "price", "too_large"),
    ({"economic": "5", "price": "1", "currency": "<b>"}, "en", "currency", "not_a_choice"),
])
def test_each_bad_input_has_a_stable_code_beside_its_field(fields, lang, key, code) -> None:
    result = run("value", fields, lang)
    assert result["ok"] is False
    assert result["errors"][key]["code"] == code
    assert code in CODES


def test_empty_optional_fields_are_zero() -> None:
    result = run("value", {"economic": "10", "price": "4"}, "en")
    assert result["values"]["total_cost"] == 4


def test_unknown_keys_are_ignored() -> None:
    assert run("value", {"economic": "10", "price": "4", "evil": "<script>"}, "en")["ok"] is True


# --- Issue 15: the audit's misreadings, and forms people type.

@pytest.mark.parametrize(("text", "lang"), [
    ("0,125", "en"), ("0,125", "ko"), ("0,125", "zh"), ("0.125", "de"), ("0.125", "nl"), ("0.125", "ru"),
    ("0,125", "de"), ("0.125", "en"),
])
def test_a_group_starting_with_zero_is_never_thousands(text: str, lang: str) -> None:
    # Before the fix 0,125 on an English page read as 125: "0" cannot be a thousands group,
    # so the separator can only be the decimal one: 0 + 125/1000 = 0.125.
    assert parse_number(text, lang) == 0.125


@pytest.mark.parametrize(("text", "lang"), [
    # A space is never a decimal separator and "0" is never a group: no reading exists.
    ("0 125", "en"), ("0 125", "de"), ("0\u00a0125", "ru"), ("0.125,5", "de"), ("0,125.5", "en"),
])
def test_a_leading_zero_group_with_no_decimal_reading_is_rejected(text: str, lang: str) -> None:
    with pytest.raises(ValueError, match="not_a_number"):
        parse_number(text, lang)


@pytest.mark.parametrize("text", ["10²", "2³", "①②", "١٢", "½", "Ⅻ", "𝟏𝟐"])
def test_superscripts_circled_and_other_script_digits_are_not_digits(text: str) -> None:
    # NFKC turned 10² into 102, 2³ into 23 and ①② into 12.
    for lang in ("en", "zh", "de", "link"):
        with pytest.raises(ValueError, match="not_a_number"):
            parse_number(text, lang)


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("20,-", "de", 20), ("1.250,-", "de", 1250), ("1.250,-", "nl", 1250), ("20,\u2013", "nl", 20),
    ("1'250.50", "en", 1250.5), ("1'250.50", "de", 1250.5), ("1\u2019250", "de", 1250), ("1'250,50", "de", 1250.5),
    ("12。5", "zh", 12.5), ("１２。５", "zh", 12.5),
    # Full-width separators keep their input method's meaning on a decimal-comma page: it was
    # 1.2 on a German page, a thousand times too small (QA).
    ("１，２００", "de", 1200), ("１，２００．５", "ru", 1200.5), ("１２．５", "nl", 12.5), ("+5", "en", 5), ("＋５", "ko", 5), ("+ 5", "de", 5),
    ("1.2万", "zh", 12_000), ("3만", "ko", 30_000), ("2亿", "zh", 200_000_000), ("1억", "ko", 100_000_000),
    ("0.07万", "zh", 700),  # 0.07 × 10 000 = 700 exactly, not 700.0000000000001
    ("-0", "en", 0),
    # A decimal separator with nothing after it yet, typing 5.5 (QA: "5." was refused).
    ("5.", "en", 5), ("1,200.", "en", 1200), ("5,", "de", 5), ("1.250,", "de", 1250), ("１２．", "zh", 12), ("12。", "zh", 12),
])
def test_forms_people_type_are_read(text: str, lang: str, expected: float) -> None:
    value = parse_number(text, lang)
    assert value == expected
    assert str(value) != "-0.0"


@pytest.mark.parametrize(("text", "lang"), [
    ("20,-", "en"),      # the dash for cents is a decimal-comma custom
    ("1.2万", "en"), ("3만", "zh"), ("3万万", "zh"), ("万", "zh"),
    ("+-5", "en"), ("++5", "en"), ("1'25", "en"), ("12。5。5", "zh"),
    # A lone separator is still no number, and a dot after a German number is grouping.
    (".", "en"), (",", "de"), ("-.", "en"), ("5.", "de"), ("5..", "en"), ("5.", "link"),
])
def test_forms_that_still_mean_nothing_are_rejected(text: str, lang: str) -> None:
    with pytest.raises(ValueError, match="not_a_number"):
        parse_number(text, lang)


@pytest.mark.parametrize(("text", "lang", "currency", "expected"), [
    ("20 €", "de", "EUR", 20), ("20€", "en", "EUR", 20), ("€20", "nl", "EUR", 20), ("$20", "en", "USD", 20),
    ("20 $", "ru", "USD", 20), ("US$1,250.50", "ko", "USD", 1250.5), ("20 EUR", "en", "EUR", 20), ("CHF 1'250.50", "de", "CHF", 1250.5),
    ("１２００円", "zh", "JPY", 1200), ("3만 원", "ko", "KRW", 30_000), ("1.2万元", "zh", "CNY", 12_000),
    ("1 234,50 ₽", "ru", "RUB", 1234.5), ("$5", "en", "CAD", 5), ("＄5", "en", "USD", 5),
])
def test_an_amount_may_carry_the_chosen_currency_sign(text, lang, currency, expected) -> None:
    result = run("value", {"economic": text, "price": "1", "currency": currency}, lang)
    assert result["ok"], result["errors"]
    assert result["values"]["total_benefit"] == expected


@pytest.mark.parametrize(("text", "lang", "currency"), [
    ("-$20", "en", "USD"), ("$-20", "en", "USD"), ("-US$\u00a020,00", "nl", "USD"), ("\u221220 €", "de", "EUR"),
])
def test_a_negative_amount_keeps_its_sign_on_either_side_of_the_currency(text: str, lang: str, currency: str) -> None:
    assert parse_amount(text, lang, currency) == -20


@pytest.mark.parametrize(("text", "currency"), [
    ("20 €", "USD"), ("$20", "EUR"), ("CA$20", "USD"), ("20 CHF", "EUR"), ("¥20", "KRW"),
])
def test_another_currency_sign_is_rejected_with_its_own_code(text: str, currency: str) -> None:
    result = run("value", {"economic": text, "price": "1", "currency": currency}, "en")
    assert result["errors"] == {"economic": {"code": "wrong_currency", "params": {"currency": currency}}}


def test_a_currency_sign_is_not_a_number_where_no_money_is_due() -> None:
    result = run("value", {"economic": "5", "price": "1", "time_hours": "$2"}, "en")
    assert result["errors"]["time_hours"]["code"] == "not_a_number"


@pytest.mark.parametrize(("calculator", "lang", "key", "code"), [
    ("nope", "en", "calculator", "unknown_calculator"),
    ("value", "fr", "lang", "unknown_language"),
    ("value", "", "lang", "unknown_language"),
])
def test_an_unknown_calculator_or_language_is_a_typed_error(calculator: str, lang: str, key: str, code: str) -> None:
    # Both raised KeyError before.
    assert run(calculator, {}, lang)["errors"] == {key: {"code": code, "params": {}}}
    answer = json.loads(run_json(json.dumps({"calculator": calculator, "fields": {}, "lang": lang})))
    assert answer["ok"] is False and answer["errors"] == {key: {"code": code, "params": {}}}


@pytest.mark.parametrize("request_text", ["not json", "[]", '{"calculator": "value", "lang": "en", "fields": []}',
                                          '{"calculator": "value", "fields": {}}', '{"calculator": "nope", "lang": "link"}'])
def test_a_malformed_worker_request_is_a_typed_error(request_text: str) -> None:
    answer = json.loads(run_json(request_text))
    assert answer["ok"] is False
    assert all(error["code"] in CODES for error in answer["errors"].values())


# --- Every number the pages show reads back as itself (Babel formats as the browser does).

from decimal import Decimal  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from calculators.schema import Field, read_field  # noqa: E402
from calculators.value import CURRENCIES  # noqa: E402
from sitebuild.formatting import format_number, fraction_digits  # noqa: E402
from sitebuild.languages import LANGUAGES  # noqa: E402

_INPUT_KINDS = ("money", "number", "percent", "months", "hours", "count")


@settings(max_examples=400, deadline=None)
@given(
    kind=st.sampled_from(_INPUT_KINDS),
    lang=st.sampled_from([language for language in LANGUAGES]),
    currency=st.sampled_from(CURRENCIES),
    value=st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
)
def test_every_number_a_page_shows_reads_back_as_itself(kind: str, lang: str, currency: str, value: Decimal) -> None:
    shown_value = float(value)
    digits = fraction_digits(kind, shown_value)[1]
    text = format_number(kind, shown_value, lang, currency)
    read = read_field(Field("x", kind, minimum=None), "x", text, lang, currency)  # type: ignore[arg-type]  # kind: a FieldKind from the parametrize list
    # The text's own number: it shows the same text again, and lies within half a last digit.
    assert isinstance(read, float)
    assert format_number(kind, read, lang, currency) == text
    assert abs(read - shown_value) <= 0.5 * 10**-digits + 1e-15 * abs(shown_value) + 1e-12, text  # float noise


@pytest.mark.parametrize(("kind", "value", "lang", "expected"), [
    ("money", -0.0, "en", "$0"), ("money", -1e-9, "en", "$0.00"), ("money", -1e-9, "de", "0,00\u00a0$"),
    ("months", -1e-8, "en", "0"), ("percent", -1e-9, "ru", "0\u00a0%"), ("share", -1e-9, "zh", "0%"),
    ("ratio", -0.0, "ko", "0"),
])
def test_a_number_that_rounds_to_zero_shows_as_0_never_minus_0(kind: str, value: float, lang: str, expected: str) -> None:
    # Zero even at six decimals. Babel wrote "-$0", "-0"; the browser asks Intl for
    # signDisplay "negative", the same.
    assert format_number(kind, value, lang) == expected


@pytest.mark.parametrize(("kind", "value", "lang", "expected"), [
    ("money", -0.001, "en", "-$0.001"), ("money", 0.004, "de", "0,004\u00a0$"), ("months", -0.01, "en", "-0.01"),
    ("percent", 0.001, "ru", "0,001\u00a0%"), ("share", 0.0001, "zh", "0.01%"),
])
def test_a_number_that_is_not_zero_never_reads_as_zero(kind: str, value: float, lang: str, expected: str) -> None:
    # "0%" for a churn of 0.001 % was a silently wrong number: it takes the digits it needs.
    assert format_number(kind, value, lang) == expected
