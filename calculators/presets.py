"""The guide's examples as ``v=1`` link values, by calculator and example name.

Numbers are written as in links (a dot, no grouping). A value starting with ``@`` is text to
translate: the page takes it from its message catalogue (``examples.<name>.<key>``), so a
German page's link carries German names.
"""

from __future__ import annotations

PRESETS: dict[str, dict[str, dict[str, str]]] = {
    "value": {
        # Chapter 2: a week of grocery delivery: 90 + 30 = 120 against 80 + 1 h × 20 = 100.
        "chapter-2": {"economic": "90", "psychological": "30", "price": "80", "time_hours": "1", "hourly_value": "20"},
        # Chapter 4: bookkeeping, year one: 600 + 150 + 50 = 800 against 500 + 120 + 4 × 30 = 740.
        "chapter-4": {
            "economic": "600", "psychological": "150", "social": "50",
            "price": "500", "transaction": "120", "time_hours": "4", "hourly_value": "30",
        },
        # The page's lesson: net 250 vs 200 picks offer 1, ratio 1.25 vs 1.5 picks offer 2.
        "example": {
            "economic": "1000", "psychological": "200", "social": "50",
            "price": "900", "transaction": "50", "time_hours": "2", "hourly_value": "25",
            "economic_2": "500", "psychological_2": "100", "social_2": "0",
            "price_2": "350", "transaction_2": "30", "time_hours_2": "1", "hourly_value_2": "20",
        },
    },
    "lifetime_value": {
        # The guide's fitness club: 20 USD × 1 a month × 100 % × 36 months = 720 USD of revenue.
        "fitness-club": {"average_check": "20", "purchases_per_month": "1", "margin_percent": "100",
                         "lifetime_months": "36", "currency": "USD"},
        # A subscription with churn: 30 × 1 × 70 % = 21 a month; 5 % churn → 20 months → 420.
        "subscription": {"average_check": "30", "purchases_per_month": "1", "margin_percent": "70",
                         "lifetime_months": "", "churn_percent": "5", "acquisition_cost": "120",
                         "discount_rate_percent": "10", "currency": "USD"},
        # The fitness club split into segments whose shares add up to 100.
        "fitness-segments": {
            "average_check": "20", "purchases_per_month": "1", "margin_percent": "60", "lifetime_months": "36",
            "acquisition_cost": "60", "currency": "USD",
            "segment_1": "@group", "share_percent_1": "60",
            "segment_2": "@personal", "share_percent_2": "25", "average_check_2": "60",
            "segment_3": "@supplements", "share_percent_3": "15", "average_check_3": "35", "lifetime_months_3": "18",
        },
    },
    "competition": {
        # Chapter 6: the sandwich leaves 6 − 3 = 3 against the corn flakes' 5 − 3 = 2.
        "breakfast": {
            "need": "@need", "name": "@name", "benefit": "5", "cost": "3", "spend": "20",
            "name_1": "@name_1", "same_kind_1": "yes", "same_need_1": "yes", "benefit_1": "4.5", "cost_1": "2.5", "spend_1": "10",
            "name_2": "@name_2", "same_kind_2": "no", "same_need_2": "yes", "benefit_2": "6", "cost_2": "3", "spend_2": "25",
            "name_3": "@name_3", "same_kind_3": "no", "same_need_3": "yes", "benefit_3": "5", "cost_3": "2.5", "spend_3": "15",
            "name_4": "@name_4", "same_kind_4": "no", "same_need_4": "yes", "benefit_4": "3.5", "cost_4": "1.5", "spend_4": "10",
        },
        # Chapter 8: the café is the likely choice (5 − 3 = 2 against 1.5, 1.5 and 1), yet it gets
        # 30 of the 30 + 20 + 10 + 40 = 100 USD this customer spends a month: a 30 % customer share.
        "daily-coffee": {
            "need": "@need", "name": "@name", "benefit": "5", "cost": "3", "spend": "30",
            "name_1": "@name_1", "same_kind_1": "yes", "same_need_1": "yes", "benefit_1": "4.5", "cost_1": "3", "spend_1": "20",
            "name_2": "@name_2", "same_kind_2": "no", "same_need_2": "yes", "benefit_2": "2", "cost_2": "0.5", "spend_2": "10",
            "name_3": "@name_3", "same_kind_3": "no", "same_need_3": "no", "benefit_3": "12", "cost_3": "11", "spend_3": "40",
        },
        # An evening out: the park and the restaurant (level 3) both leave 15 against the cinema's 10.
        "evening-out": {
            "need": "@need", "name": "@name", "benefit": "30", "cost": "20", "spend": "40",
            "name_1": "@name_1", "same_kind_1": "yes", "same_need_1": "yes", "benefit_1": "28", "cost_1": "18", "spend_1": "20",
            "name_2": "@name_2", "same_kind_2": "no", "same_need_2": "yes", "benefit_2": "20", "cost_2": "8", "spend_2": "15",
            "name_3": "@name_3", "same_kind_3": "no", "same_need_3": "no", "benefit_3": "60", "cost_3": "45", "spend_3": "30",
            "name_4": "@name_4", "same_kind_4": "no", "same_need_4": "no", "benefit_4": "50", "cost_4": "35", "spend_4": "35",
        },
    },
}
