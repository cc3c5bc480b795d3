"""Links that last: ``v=1`` links handed out today must open the same numbers for good.

Each link below is written exactly as a trainer would have copied it on 2026-11-27; the
expected results are worked by hand in the comments. If a change to a calculator moves any of
these numbers, ``v=1`` links in trainers' slides would silently change meaning: such a change
needs ``v=2``, with ``v=1`` links still read the old way.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest

from calculators.run import data_value, link_fields, run

KEPT_LINKS = [
    # Two offers where the methods disagree.
    # Offer 1: 1000 + 200 + 50 = 1250; 900 + 50 + 2 h × 25 = 1000; net 250; ratio 1250 ÷ 1000 = 1.25.
    # Offer 2: 500 + 100 + 0 = 600; 350 + 30 + 1 h × 20 = 400; net 200; ratio 600 ÷ 400 = 1.5.
    ("value", "v=1&economic=1000&psychological=200&social=50&price=900&transaction=50&time_hours=2&hourly_value=25"
              "&economic_2=500&psychological_2=100&social_2=0&price_2=350&transaction_2=30&time_hours_2=1&hourly_value_2=20",
     {"total_benefit": "1250", "total_cost": "1000", "net_value": "250", "value_ratio": "1.25",
      "net_value_2": "200", "value_ratio_2": "1.5", "best_by_subtraction": "1", "best_by_ratio": "2"}),
    # Defaults for the rest: (90 + 30 + 0) − (70 + 0 + 1 h × 20) = 120 − 90 = 30.
    ("value", "v=1&price=70", {"total_benefit": "120", "total_cost": "90", "net_value": "30", "verdict": "positive"}),
    # A bad deal: 50 − (80 + 0 h) = −30; ratio 50 ÷ 80 = 0.625.
    ("value", "v=1&economic=50&psychological=0&price=80&time_hours=0",
     {"net_value": "-30", "value_ratio": "0.625", "verdict": "negative"}),
    # Decimal point in links whatever the page's language: 0.5 h × 20 = 10; 120 − (80 + 10) = 30.
    ("value", "v=1&time_hours=0.5", {"time_cost": "10", "net_value": "30"}),
    # The fitness club: 20 × 1 × 100 % × 36 months = 720; 720 ÷ 3 years = 240 a year.
    ("lifetime_value", "v=1", {"monthly_margin": "20", "lifetime_value": "720", "value_per_year": "240"}),
    # Subscription with churn: 30 × 1 × 70 % = 21 a month; 1 ÷ 5 % = 20 months; 21 × 20 = 420;
    # 420 ÷ 120 = 3.5; payback 120 ÷ 21 = 5.71 months (rounded as links write numbers).
    ("lifetime_value", "v=1&average_check=30&margin_percent=70&lifetime_months=&churn_percent=5&acquisition_cost=120",
     {"monthly_margin": "21", "lifetime_months": "20", "lifetime_value": "420", "ltv_to_cac": "3.5"}),
    # Breakfast: corn flakes 5 − 3 = 2; sandwich 6 − 3 = 3 wins; spending 20 of 80 = 25 %.
    ("competition", "v=1&need=a+quick+breakfast&name=Corn+flakes&benefit=5&cost=3&spend=20"
                    "&name_1=Instant+cereal&same_kind_1=yes&same_need_1=yes&benefit_1=4.5&cost_1=2.5&spend_1=10"
                    "&name_2=A+sandwich&same_kind_2=no&same_need_2=yes&benefit_2=6&cost_2=3&spend_2=25"
                    "&name_3=Fried+eggs&same_kind_3=no&same_need_3=yes&benefit_3=5&cost_3=2.5&spend_3=15"
                    "&name_4=Yoghurt&same_kind_4=no&same_need_4=yes&benefit_4=3.5&cost_4=1.5&spend_4=10",
     {"net": "2", "net_2": "3", "level_2": "2", "likely_choice": "2", "share_you": "0.25", "share_level_2": "0.625"}),
    # Coffee on a working day: the café leaves 5 − 3 = 2, the most, yet gets 30 of 100 = 30 %.
    ("competition", "v=1&need=coffee&name=Our+caf%C3%A9&benefit=5&cost=3&spend=30"
                    "&name_1=Chain&same_kind_1=yes&same_need_1=yes&benefit_1=4.5&cost_1=3&spend_1=20"
                    "&name_2=Machine&same_kind_2=no&same_need_2=yes&benefit_2=2&cost_2=0.5&spend_2=10"
                    "&name_3=Lunch&same_kind_3=no&same_need_3=no&benefit_3=12&cost_3=11&spend_3=40",
     {"likely_choice": "0", "share_you": "0.3", "share_level_3": "0.4", "level_3": "3"}),
]


@pytest.mark.parametrize(("calculator_id", "query", "expected"), KEPT_LINKS)
def test_kept_link_opens_the_same_results(calculator_id: str, query: str, expected: dict[str, str]) -> None:
    result = run(calculator_id, link_fields(calculator_id, dict(parse_qsl(query, keep_blank_values=True))), "link")
    assert result["ok"], result["errors"]
    assert {key: data_value(result["values"].get(key)) for key in expected} == expected
