"""The formulas a calculator page shows with the reader's numbers add up (issue 15).

Before: ``$1.13 + $1.13 + $0 = $2.25`` and ``0.33 h × $30 = $9.99``, each number rounded
on its own. Now every number in a formula shows all the digits it carries (up to 6
decimals), and only a quotient is rounded as everywhere on the page.
"""

from __future__ import annotations

import html
import re

import pytest

from calculators.registry import CALCULATORS
from sitebuild.macros import render_widget


def formulas(calculator_id: str, query: dict[str, str], lang: str = "en") -> dict[str, str]:
    page = render_widget(CALCULATORS[calculator_id], query, lang, {})
    found = {}
    for key, body in re.findall(r'<li data-formula="(\w+)"[^>]*>(.*?)</li>', page, flags=re.S):
        found.setdefault(key, html.unescape(re.sub(r"<[^>]+>", "", body)))
    return found


def test_parts_of_a_sum_add_up_to_the_total_shown() -> None:
    # 1.125 + 1.125 + 0 = 2.25
    shown = formulas("value", {"economic": "1.125", "psychological": "1.125", "social": "0", "price": "1"})
    assert shown["total_benefit"] == "$1.125 + $1.125 + $0 = $2.25"


def test_a_product_shows_the_hours_as_given() -> None:
    # 0.333 h × 30 = 9.99 (0.33 × 30 would be 9.90)
    shown = formulas("value", {"economic": "20", "price": "1", "time_hours": "0.333", "hourly_value": "30"})
    assert shown["time_cost"] == "0.333 h × $30 = $9.99"
    assert shown["total_cost"] == "$1 + $0 + $9.99 = $10.99"


def test_a_quotient_is_rounded_as_everywhere_and_its_parts_are_exact() -> None:
    # 800 ÷ 740 = 1.081081…, shown 1.08 as in the results
    shown = formulas("value", {"economic": "600", "psychological": "150", "social": "50", "price": "500",
                               "transaction": "120", "time_hours": "4", "hourly_value": "30"})
    assert shown["value_ratio"] == "$800 ÷ $740 = 1.08"


def test_ltv_formula_shows_the_lifetime_from_churn_with_its_digits() -> None:
    # 9 × 33.333333 months = 300 (the lifetime 100 ÷ 3, to 6 decimals); payback 100 ÷ 9 = 11.1
    shown = formulas("lifetime_value", {"average_check": "15", "margin_percent": "60", "lifetime_months": "",
                                        "churn_percent": "3", "acquisition_cost": "100"})
    assert shown["lifetime_value"] == "$9 × 33.333333 months = $300"
    assert shown["payback_months"] == "$100 ÷ $9 = 11.1 months"


@pytest.mark.parametrize("lang", ["de", "ru", "zh"])
def test_formulas_use_the_page_number_style(lang: str) -> None:
    shown = formulas("value", {"economic": "1.125", "psychological": "1.125", "price": "1"}, lang)
    assert "1,125" in shown["total_benefit"] if lang in ("de", "ru") else "1.125" in shown["total_benefit"]
