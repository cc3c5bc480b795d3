"""Reading typed numbers in each language's style, and every error code the pages translate."""

from __future__ import annotations

import pytest

from calculators.errors import CODES
from calculators.numbers import parse_number
from calculators.run import run


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
def test_each_bad_input_has_a_stable_code_beside_its_field(fields, lang, key, code) -> None:  # type: ignore[no-untyped-def]
    result = run("value", fields, lang)
    assert result["ok"] is False
    assert result["errors"][key]["code"] == code
    assert code in CODES


def test_empty_optional_fields_are_zero() -> None:
    result = run("value", {"economic": "10", "price": "4"}, "en")
    assert result["values"]["total_cost"] == 4


def test_unknown_keys_are_ignored() -> None:
    assert run("value", {"economic": "10", "price": "4", "evil": "<script>"}, "en")["ok"] is True
