"""The levels-of-competition calculator (issue 6), through the same entry point the page uses.

Hand-worked examples carry their arithmetic in comments; properties use hypothesis.
"""

from __future__ import annotations

import json
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import competition
from calculators.competition import (
    NOTES,
    SCHEMA,
    Alternative,
    CompetitionLevel,
    YourOffer,
    assess,
    level_of,
)
from calculators.errors import CODES
from calculators.registry import CALCULATORS
from calculators.run import data_value, link_fields, run, run_json
from calculators.schema import split_key

BREAKFAST = {
    "v": "1",
    "need": "a quick breakfast",
    "name": "Corn flakes", "benefit": "5", "cost": "3", "spend": "20",
    "name_1": "Instant cereal", "same_kind_1": "yes", "same_need_1": "yes",
    "benefit_1": "4.5", "cost_1": "2.5", "spend_1": "10",
    "name_2": "Sandwich", "same_kind_2": "no", "same_need_2": "yes",
    "benefit_2": "6", "cost_2": "3", "spend_2": "25",
    "name_3": "Fried eggs", "same_kind_3": "no", "same_need_3": "yes",
    "benefit_3": "5", "cost_3": "2.5", "spend_3": "15",
    "name_4": "Yoghurt", "same_kind_4": "no", "same_need_4": "yes",
    "benefit_4": "3.5", "cost_4": "1.5", "spend_4": "10",
}

EVENING = {
    "v": "1",
    "need": "see a new film",
    "name": "Cinema", "benefit": "30", "cost": "20", "spend": "40",
    "name_1": "Another cinema", "same_kind_1": "yes", "same_need_1": "yes",
    "benefit_1": "28", "cost_1": "18", "spend_1": "20",
    "name_2": "Streaming at home", "same_kind_2": "no", "same_need_2": "yes",
    "benefit_2": "20", "cost_2": "8", "spend_2": "15",
    "name_3": "Amusement park", "same_kind_3": "no", "same_need_3": "no",
    "benefit_3": "60", "cost_3": "45", "spend_3": "30",
    "name_4": "Restaurant", "same_kind_4": "no", "same_need_4": "no",
    "benefit_4": "50", "cost_4": "35", "spend_4": "35",
}

HOSTILE = "<img src=x onerror=alert(1)>"


def open_link(query: dict[str, str], lang: str = "en") -> dict:
    """What a page opened by a v=1 link computes: the link's values, defaults for the rest."""
    return run("competition", link_fields("competition", query), lang)


def note(result: dict, key: str) -> dict:
    found = [n for n in result["notes"] if n["key"] == key]
    assert len(found) == 1, (key, result["notes"])
    return {name: value for name, (_kind, value) in found[0]["params"].items()}


def note_keys(result: dict) -> list[str]:
    return [n["key"] for n in result["notes"]]


# --- The breakfast preset, worked by hand.


def test_breakfast_places_each_alternative_on_its_level():
    values = open_link(BREAKFAST)["values"]
    # instant cereal: same kind, same need → 1; sandwich, eggs, yoghurt: other kind, same need → 2
    assert [values[f"level_{n}"] for n in (1, 2, 3, 4)] == [1, 2, 2, 2]


def test_breakfast_net_values_and_ratios():
    values = open_link(BREAKFAST)["values"]
    assert values["net"] == 2.0             # corn flakes 5 − 3
    assert values["ratio"] == 1.666667      # 5 ÷ 3 = 1.6666…
    assert values["net_1"] == 2.0           # instant cereal 4.5 − 2.5
    assert values["ratio_1"] == 1.8         # 4.5 ÷ 2.5
    assert values["net_2"] == 3.0           # sandwich 6 − 3
    assert values["ratio_2"] == 2.0         # 6 ÷ 3
    assert values["net_3"] == 2.5           # fried eggs 5 − 2.5
    assert values["ratio_3"] == 2.0         # 5 ÷ 2.5
    assert values["net_4"] == 2.0           # yoghurt 3.5 − 1.5
    assert values["ratio_4"] == 2.333333    # 3.5 ÷ 1.5 = 2.3333…


def test_breakfast_strongest_per_level_and_likely_choice_is_the_sandwich():
    values = open_link(BREAKFAST)["values"]
    assert values["strongest_level_1"] == 1  # instant cereal, the only one at level 1
    assert values["strongest_level_2"] == 2  # sandwich 3 > eggs 2.5 > yoghurt 2
    assert values["strongest_level_3"] == 0  # nothing at level 3
    assert values["likely_choice"] == 2      # sandwich 3 beats yours 2


def test_breakfast_shares_are_fractions_of_the_80_spent():
    values = open_link(BREAKFAST)["values"]
    # 20 + 10 + 25 + 15 + 10 = 80
    assert values["share_you"] == 0.25       # 20 ÷ 80
    assert values["share_level_1"] == 0.125  # 10 ÷ 80
    assert values["share_level_2"] == 0.625  # (25 + 15 + 10) ÷ 80 = 50 ÷ 80
    assert values["share_level_3"] == 0.0    # nothing listed there


def test_breakfast_notes_name_the_sandwich_its_margin_and_the_ratio_winner():
    result = open_link(BREAKFAST)
    assert note_keys(result) == [
        "competition.likely_choice_alternative",
        "competition.ratio_disagrees",
        "competition.strongest_threat_level_2",
        "competition.no_level_3",
    ]
    # sandwich 3; runner-up fried eggs 2.5 → margin 0.5; yours 2 → shortfall 3 − 2 = 1
    assert note(result, "competition.likely_choice_alternative") == {
        "choice": 2, "choice_name": "Sandwich", "net": 3.0,
        "runner_up": 3, "runner_up_name": "Fried eggs", "margin": 0.5,
        "your_net": 2.0, "shortfall": 1.0,
    }
    # ratios: yours 1.67, cereal 1.8, sandwich 2, eggs 2, yoghurt 2.33 → yoghurt
    assert note(result, "competition.ratio_disagrees") == {
        "by_net": 2, "by_net_name": "Sandwich",
        "by_ratio": 4, "by_ratio_name": "Yoghurt", "ratio": 2.333333,
    }
    assert note(result, "competition.strongest_threat_level_2") == {
        "item": 2, "name": "Sandwich", "net": 3.0, "your_net": 2.0,
    }


def test_breakfast_figure_places_alternatives_on_three_levels():
    figure = open_link(BREAKFAST)["figure"]
    assert figure["levels"] == {"1": [1], "2": [2, 3, 4], "3": []}
    assert figure["need"] == "a quick breakfast"
    assert figure["you"] == {"name": "Corn flakes", "net": 2.0, "ratio": 1.666667, "spend": 20.0}
    assert figure["alternatives"][1] == {
        "number": 2, "name": "Sandwich", "level": 2, "net": 3.0, "ratio": 2.0, "spend": 25.0,
    }
    assert [alt["number"] for alt in figure["alternatives"]] == [1, 2, 3, 4]


# --- The evening-out preset, worked by hand.


def test_evening_levels_put_park_and_restaurant_on_level_3():
    values = open_link(EVENING)["values"]
    # another cinema: same kind, same need → 1; streaming: other kind, same need → 2;
    # amusement park and restaurant: another need → 3
    assert [values[f"level_{n}"] for n in (1, 2, 3, 4)] == [1, 2, 3, 3]


def test_evening_net_values_and_ratios():
    values = open_link(EVENING)["values"]
    assert (values["net"], values["ratio"]) == (10.0, 1.5)          # 30 − 20; 30 ÷ 20
    assert (values["net_1"], values["ratio_1"]) == (10.0, 1.555556)  # 28 − 18; 28 ÷ 18
    assert (values["net_2"], values["ratio_2"]) == (12.0, 2.5)       # 20 − 8; 20 ÷ 8
    assert (values["net_3"], values["ratio_3"]) == (15.0, 1.333333)  # 60 − 45; 60 ÷ 45
    assert (values["net_4"], values["ratio_4"]) == (15.0, 1.428571)  # 50 − 35; 50 ÷ 35


def test_evening_tie_at_the_top_goes_to_the_lowest_number():
    result = open_link(EVENING)
    values = result["values"]
    # park 15 = restaurant 15 > streaming 12 > cinemas 10 → the lower number, 3
    assert values["likely_choice"] == 3
    assert values["strongest_level_1"] == 1
    assert values["strongest_level_2"] == 2
    assert values["strongest_level_3"] == 3
    assert note(result, "competition.likely_choice_tied") == {
        "choice": 3, "choice_name": "Amusement park", "net": 15.0,
        "runner_up": 4, "runner_up_name": "Restaurant", "tied": 2,
    }


def test_a_tie_on_ratio_with_the_likely_choice_is_no_disagreement():
    # yours: 4 − 2 = 2, ratio 2; alternative 1: 8 − 4 = 4, ratio 2. By ratio your offer is
    # named (ties go to the lowest number), but it is only level with the likely choice.
    result = run("competition", link_fields("competition", {"benefit": "4", "cost": "2", "benefit_1": "8", "cost_1": "4"}), "link")
    assert (result["values"]["likely_choice"], result["values"]["ratio"], result["values"]["ratio_1"]) == (1, 2, 2)
    assert "competition.ratio_disagrees" not in [n["key"] for n in result["notes"]]
    # With every ratio 0 (nothing to gain anywhere), ranking by ratio has nothing to say either.
    zero = run("competition", link_fields("competition", {"benefit": "0", "cost": "2", "benefit_1": "0", "cost_1": "1"}), "link")
    assert "competition.ratio_disagrees" not in [n["key"] for n in zero["notes"]]


def test_evening_ranking_by_ratio_would_pick_streaming():
    result = open_link(EVENING)
    # ratios 1.5, 1.56, 2.5, 1.33, 1.43 → streaming (2)
    assert note(result, "competition.ratio_disagrees") == {
        "by_net": 3, "by_net_name": "Amusement park",
        "by_ratio": 2, "by_ratio_name": "Streaming at home", "ratio": 2.5,
    }


def test_evening_strongest_threat_sits_at_level_3():
    result = open_link(EVENING)
    assert note(result, "competition.strongest_threat_level_3") == {
        "item": 3, "name": "Amusement park", "net": 15.0, "your_net": 10.0,
    }
    assert "competition.no_level_2" not in note_keys(result)
    assert "competition.no_level_3" not in note_keys(result)


def test_evening_shares_are_fractions_of_the_140_spent():
    values = open_link(EVENING)["values"]
    # 40 + 20 + 15 + 30 + 35 = 140
    # To 0.1 %, as shown: 28.6 + 14.3 + 10.7 + 46.4 = 100 (no remainder needs moving).
    assert values["share_you"] == 0.286      # 40 ÷ 140 = 0.285714
    assert values["share_level_1"] == 0.143  # 20 ÷ 140 = 0.142857
    assert values["share_level_2"] == 0.107  # 15 ÷ 140 = 0.107143
    assert values["share_level_3"] == 0.464  # (30 + 35) ÷ 140 = 65 ÷ 140 = 0.464286


# --- Rules and edge cases.


@pytest.mark.parametrize(
    ("same_kind", "same_need", "level"),
    [(True, True, 1), (False, True, 2), (False, False, 3), (True, False, 3)],
)
def test_level_follows_the_rule_including_same_kind_for_another_need(same_kind, same_need, level):
    assert level_of(same_kind, same_need) == level
    flags = {"same_kind_1": "yes" if same_kind else "no", "same_need_1": "yes" if same_need else "no"}
    assert open_link(flags)["values"]["level_1"] == level


def test_level_enum_values_are_the_published_numbers():
    assert [(m.name, int(m)) for m in CompetitionLevel] == [
        ("SAME_KIND_SAME_NEED", 1), ("OTHER_KIND_SAME_NEED", 2), ("OTHER_NEED", 3),
    ]


def test_your_offer_wins_a_tie_with_an_alternative():
    # yours 5 − 3 = 2; alternative 7 − 5 = 2 → tie, yours (0) wins
    result = open_link({"name": "Corn flakes", "benefit_1": "7", "cost_1": "5"})
    assert result["values"]["likely_choice"] == 0
    assert note(result, "competition.likely_choice_tied") == {
        "choice": 0, "choice_name": "Corn flakes", "net": 2.0,
        "runner_up": 1, "runner_up_name": "", "tied": 2,
    }


def test_your_offer_leading_gives_the_margin_over_the_runner_up():
    # yours 5 − 3 = 2; alternatives 3 − 2 = 1 and 4 − 2.5 = 1.5 → yours by 2 − 1.5 = 0.5
    result = open_link({"name": "Corn flakes", "name_1": "Tea", "benefit_1": "3", "cost_1": "2",
                        "name_2": "Toast", "benefit_2": "4", "cost_2": "2.5"})
    assert result["values"]["likely_choice"] == 0
    assert note(result, "competition.likely_choice_yours") == {
        "choice": 0, "choice_name": "Corn flakes", "net": 2.0,
        "runner_up": 2, "runner_up_name": "Toast", "margin": 0.5,
    }


def test_your_unnamed_offer_is_not_named_twice_as_the_likely_choice():
    # "choose your offer, your offer: …" for an offer without a name: the note without a name.
    # yours 5 − 3 = 2 against Tea 4 − 3 = 1: yours by 1.
    query = {"name": "", "benefit": "5", "cost": "3", "name_1": "Tea", "benefit_1": "4", "cost_1": "3"}
    assert note(open_link(query), "competition.likely_choice_yours_unnamed") == {
        "choice": 0, "net": 2.0, "runner_up": 1, "runner_up_name": "Tea", "margin": 1.0}
    assert "competition.likely_choice_yours" in note_keys(open_link({**query, "name": "Tea bags"}))


def test_a_lead_under_a_cent_is_stated_with_the_digits_that_show_it():
    # yours 5 − 3 = 2; Tea 5 − 3.004 = 1.996 → yours by 0.004, which would read "$0.00" in
    # cents: the note carries 0.004, and the page says "$0.004 more" (a number that is not
    # zero never reads as zero: tests/site/test_rounding.py).
    result = open_link({"name": "Corn flakes", "name_1": "Tea", "benefit_1": "5", "cost_1": "3.004"})
    assert note(result, "competition.likely_choice_yours")["margin"] == 0.004
    # Tea 5 − 2.004 = 2.996 leads Toast 5 − 2.008 = 2.992 by 0.004; yours 2 is 0.996 behind.
    result = open_link({"name": "Corn flakes", "name_1": "Tea", "benefit_1": "5", "cost_1": "2.004",
                        "name_2": "Toast", "benefit_2": "5", "cost_2": "2.008"})
    assert note(result, "competition.likely_choice_alternative")["margin"] == 0.004  # 2.996 − 2.992
    assert note(result, "competition.likely_choice_alternative")["shortfall"] == 0.996


def test_no_alternatives_leaves_your_offer_the_choice_and_every_level_empty():
    result = open_link({})
    values = result["values"]
    assert values["likely_choice"] == 0
    assert [values[f"strongest_level_{k}"] for k in (1, 2, 3)] == [0, 0, 0]
    assert values["share_you"] == 1.0  # 20 ÷ 20
    assert note_keys(result) == ["competition.no_alternatives"]
    assert result["figure"]["levels"] == {"1": [], "2": [], "3": []}


def test_ratio_is_none_at_cost_zero():
    result = open_link({"cost": "0", "benefit_1": "4", "cost_1": "0"})
    assert result["values"]["ratio"] is None
    assert result["values"]["ratio_1"] is None
    assert data_value(result["values"]["ratio_1"]) == "none"
    assert result["figure"]["you"]["ratio"] is None
    # ratios exist for nobody, so ranking by ratio has nothing to disagree with
    assert "competition.ratio_disagrees" not in note_keys(result)


def test_alternatives_keep_the_numbers_of_their_keys():
    result = open_link({"name_5": "Porridge", "same_kind_5": "yes", "benefit_5": "9", "cost_5": "1"})
    assert result["items"] == [5]
    assert result["values"]["level_5"] == 1
    assert result["values"]["likely_choice"] == 5        # 9 − 1 = 8 > 2
    assert result["values"]["strongest_level_1"] == 5
    assert result["figure"]["levels"]["1"] == [5]
    assert "level_1" not in result["values"]


def test_keys_beyond_eight_alternatives_and_unknown_keys_are_ignored():
    result = open_link({"name_9": "Ninth", "benefit_9": "99", "colour": "red", "name_0": "x"})
    assert result["ok"] and result["items"] == []
    assert "level_9" not in result["values"]


def test_shares_are_absent_when_no_spending_is_given():
    result = open_link({"spend": "", "benefit_1": "1"})
    assert not any(key.startswith("share_") for key in result["values"])
    assert not any("shares" in key for key in note_keys(result))


def test_shares_do_not_exist_when_the_spending_totals_zero():
    result = open_link({"spend": "0", "spend_1": "0"})
    for key in ("share_you", "share_level_1", "share_level_2", "share_level_3"):
        assert result["values"][key] is None
    assert "competition.shares_zero_total" in note_keys(result)


def test_shares_cover_only_the_spending_given_and_say_so():
    # yours 20, alternative 1 (level 2) not given, alternative 2 (level 3) 60 → total 80
    result = open_link({"spend_1": "", "same_need_2": "no", "spend_2": "60"})
    values = result["values"]
    assert values["share_you"] == 0.25       # 20 ÷ 80
    assert values["share_level_2"] == 0.0    # not given, counts for nothing
    assert values["share_level_3"] == 0.75   # 60 ÷ 80
    assert note(result, "competition.shares_partial") == {"given": 2, "listed": 3}


def test_your_share_is_zero_when_only_alternatives_have_spending():
    values = open_link({"spend": "", "spend_1": "30"})["values"]
    assert values["share_you"] == 0.0
    assert values["share_level_2"] == 1.0    # 30 ÷ 30


def test_numbers_are_read_in_the_page_language():
    german = open_link({"benefit": "5,5", "benefit_1": "1.200,5", "spend_1": "1 000"}, "de")["values"]
    assert german["net"] == 2.5        # 5.5 − 3
    assert german["net_1"] == 1200.5   # 1200.5 − 0
    chinese = open_link({"benefit": "１２", "cost": "２"}, "zh")["values"]
    assert chinese["net"] == 10.0      # 12 − 2


def test_blank_choices_and_names_take_their_meaning_when_empty():
    fields = link_fields("competition", {"benefit_1": "1"})
    fields.update(same_kind_1="", same_need_1="", name_1="", name="", need="")
    result = run("competition", fields, "en")
    assert result["values"]["level_1"] == 2  # empty same_kind → no, same_need → yes
    assert result["figure"]["need"] == ""
    assert result["figure"]["you"]["name"] == ""


# --- Errors: every code this calculator can raise, from raw text.

ERROR_CASES = [
    ({"benefit": ""}, "benefit", "required"),
    ({"cost": ""}, "cost", "required"),
    ({"benefit_2": ""}, "benefit_2", "required"),
    ({"cost": "abc"}, "cost", "not_a_number"),
    ({"spend": "1e309"}, "spend", "not_a_number"),
    ({"spend_1": "12abc"}, "spend_1", "not_a_number"),
    ({"benefit": "NaN"}, "benefit", "not_a_number"),
    ({"name": "x" * 101}, "name", "too_long"),
    ({"need": "y" * 101}, "need", "too_long"),
    ({"cost_1": "1" * 101}, "cost_1", "too_long"),
    ({"cost": "-1"}, "cost", "negative"),
    ({"spend_3": "−5"}, "spend_3", "negative"),
    ({"benefit": "1000000001"}, "benefit", "too_large"),
    ({"spend_8": "2000000000"}, "spend_8", "too_large"),
    ({"spend_2": "0.0000004"}, "spend_2", "too_fine"),  # would read "0" while it counts
    ({"same_kind_1": "maybe"}, "same_kind_1", "not_a_choice"),
    ({"same_need_4": "YES"}, "same_need_4", "not_a_choice"),
    ({"currency": "XYZ"}, "currency", "not_a_choice"),
    ({"cost": "3 €"}, "cost", "wrong_currency"),  # the link's currency is USD (the default)
]


@pytest.mark.parametrize(("override", "key", "code"), ERROR_CASES)
def test_bad_input_is_reported_beside_its_field_with_a_stable_code(override, key, code):
    result = open_link({**BREAKFAST, **override})
    assert result["ok"] is False
    assert result["values"] == {}
    assert list(result["errors"]) == [key]
    assert result["errors"][key]["code"] == code
    assert code in CODES


def test_every_code_a_field_can_cause_is_tested_and_the_rest_cannot_occur():
    tested = {code for _, _, code in ERROR_CASES}
    assert tested == {"required", "not_a_number", "too_long", "negative", "too_large", "too_fine", "not_a_choice",
                      "wrong_currency"}
    fields = SCHEMA.fields + SCHEMA.group.fields
    # too_small needs a positive lower limit and shares_sum belongs to segments: neither here
    assert all(f.minimum in (0, None) for f in fields)
    # the last three belong to the request, not to a field (tests/calculators/test_numbers.py);
    # link_number to a link's number read in link form (tests/calculators/test_links.py)
    assert set(CODES) - tested == {"too_small", "shares_sum", "unknown_calculator", "unknown_language", "bad_request",
                                   "link_number"}


def test_each_bad_field_is_reported_at_once():
    fields = link_fields("competition", BREAKFAST)
    fields.update(cost="abc", benefit_2="-3")
    assert set(run("competition", fields, "en")["errors"]) == {"cost", "benefit_2"}


# --- Names are text.


def test_markup_in_names_comes_back_unchanged_as_plain_text():
    result = open_link({**BREAKFAST, "need": HOSTILE, "name": HOSTILE, "name_2": HOSTILE})
    assert result["ok"]
    assert result["figure"]["need"] == HOSTILE
    assert result["figure"]["you"]["name"] == HOSTILE
    assert result["figure"]["alternatives"][1]["name"] == HOSTILE
    params = result["notes"][0]["params"]
    assert params["choice_name"] == ["text", HOSTILE]  # the sandwich, now named by markup
    # names never become output values: those are numbers, keys or none
    assert all(v is None or isinstance(v, (int, float)) for v in result["values"].values())
    assert json.loads(json.dumps(result))["figure"]["you"]["name"] == HOSTILE


def test_name_params_are_declared_as_text_so_pages_show_them_as_text():
    result = open_link({**EVENING, "name_2": HOSTILE})
    for n in result["notes"]:
        for name, (kind, value) in n["params"].items():
            if name.endswith("name"):
                assert kind == "text"
            if value == HOSTILE:
                assert kind == "text"


# --- The declaration.


def test_registered_with_the_issue_id_slug_and_link_version():
    assert CALCULATORS["competition"] is SCHEMA
    assert (SCHEMA.id, SCHEMA.slug, SCHEMA.version) == ("competition", "competition", 1)
    assert (SCHEMA.group.first, SCHEMA.group.last) == (1, 8)


def test_version_1_defaults_are_frozen():
    main = {f.key: f.default for f in SCHEMA.fields}
    # Text defaults are empty: any wording would be one language on every page.
    assert main == {"need": "", "name": "", "benefit": 5, "cost": 3,
                    "spend": 20, "currency": "USD"}
    item = {f.key: f.default for f in SCHEMA.group.fields}
    assert item == {"name": "", "same_kind": "no", "same_need": "yes", "benefit": 0, "cost": 0,
                    "spend": None}


def test_outputs_are_exactly_the_issues_keys():
    assert [(o.key, o.kind) for o in SCHEMA.outputs] == [
        ("net", "money"), ("ratio", "ratio"),
        ("strongest_level_1", "item"), ("strongest_level_2", "item"), ("strongest_level_3", "item"),
        ("likely_choice", "item"),
        ("share_you", "share"), ("share_level_1", "share"), ("share_level_2", "share"),
        ("share_level_3", "share"),
    ]
    assert [(o.key, o.kind) for o in SCHEMA.group.outputs] == [
        ("level", "level"), ("net", "money"), ("ratio", "ratio"),
    ]


def test_every_value_and_note_is_declared():
    main = {o.key for o in SCHEMA.outputs}
    per_item = {o.key for o in SCHEMA.group.outputs}
    for query in (BREAKFAST, EVENING, {}, {"spend": "0"}, {"spend_2": "", "benefit_1": "9"}):
        result = open_link(query)
        for key in result["values"]:
            base, number = split_key(key)
            assert key in main or (base in per_item and number in result["items"]), key
        for n in result["notes"]:
            assert tuple(n["params"]) == NOTES[n["key"]], n


# --- Properties.

money = st.integers(min_value=0, max_value=100_000_000_000).map(lambda cents: cents / 100)
small_money = st.integers(min_value=0, max_value=2_000).map(lambda tenths: tenths / 10)
alternatives = st.lists(
    st.builds(
        Alternative,
        name=st.sampled_from(["", "A", "B", HOSTILE]),
        same_kind=st.booleans(),
        same_need=st.booleans(),
        benefit=st.one_of(money, small_money),
        cost=st.one_of(money, small_money),
        spend=st.one_of(st.none(), money, small_money),
    ),
    max_size=8,
)
yours = st.builds(
    YourOffer,
    name=st.just("Yours"),
    benefit=st.one_of(money, small_money),
    cost=st.one_of(money, small_money),
    spend=st.one_of(st.none(), money, small_money),
)
SETTINGS = settings(max_examples=60, deadline=None)


def as_fields(you: YourOffer, alts: list[Alternative]) -> dict[str, str]:
    """The raw text a page would send for these items."""
    def text(x: float | None) -> str:
        return "" if x is None else data_value(x)

    fields = {"need": "n", "name": you.name, "benefit": text(you.benefit), "cost": text(you.cost),
              "spend": text(you.spend), "currency": "USD"}
    for n, alt in enumerate(alts, start=1):
        fields.update({
            f"name_{n}": alt.name, f"same_kind_{n}": "yes" if alt.same_kind else "no",
            f"same_need_{n}": "yes" if alt.same_need else "no", f"benefit_{n}": text(alt.benefit),
            f"cost_{n}": text(alt.cost), f"spend_{n}": text(alt.spend),
        })
    return fields


def net_of(values: dict, number: int) -> float:
    return values["net"] if number == 0 else values[f"net_{number}"]


@SETTINGS
@given(alternatives, st.data())
def test_levels_follow_from_the_two_flags_alone(alts, data):
    a = assess(YourOffer(), alts)
    for alt, found in zip(alts, a.alternatives):
        assert found.level == level_of(alt.same_kind, alt.same_need)
    # changing everything but the flags moves no alternative to another level
    changed = [
        Alternative(name="other", same_kind=alt.same_kind, same_need=alt.same_need,
                    benefit=data.draw(money), cost=data.draw(money), spend=data.draw(st.none() | money))
        for alt in alts
    ]
    assert [x.level for x in assess(YourOffer(benefit=7), changed).alternatives] == [x.level for x in a.alternatives]


@SETTINGS
@given(yours, alternatives)
def test_shares_add_up_to_one_when_spending_is_given(you, alts):
    result = run("competition", as_fields(you, alts), "en")
    values = result["values"]
    spends = [s for s in [you.spend, *(alt.spend for alt in alts)] if s is not None]
    if not spends:
        assert "share_you" not in values
    elif sum(spends) == 0:
        assert values["share_you"] is None
    else:
        keys = ("share_you", "share_level_1", "share_level_2", "share_level_3")
        assert all(0 <= values[k] <= 1 for k in keys)
        assert math.isclose(sum(values[k] for k in keys), 1, abs_tol=4e-6)  # rounded to 6 places
        shares = assess(you, alts).shares
        assert math.isclose(shares.you + shares.level_1 + shares.level_2 + shares.level_3, 1, rel_tol=1e-12)


@SETTINGS
@given(yours, alternatives)
def test_the_likely_choice_has_the_largest_net_value(you, alts):
    values = run("competition", as_fields(you, alts), "en")["values"]
    choice = values["likely_choice"]
    numbers = [0, *range(1, len(alts) + 1)]
    assert choice in numbers
    best = max(net_of(values, n) for n in numbers)
    assert math.isclose(net_of(values, choice), best, rel_tol=1e-9, abs_tol=1e-6)
    # and it is the lowest number among those that leave that much
    a = assess(you, alts)
    nets = {item.number: item.net for item in (a.you, *a.alternatives)}
    top = max(nets.values())
    assert a.likely_choice == min(n for n, v in nets.items() if math.isclose(v, top, rel_tol=1e-12, abs_tol=1e-9))


@SETTINGS
@given(yours, alternatives, st.randoms(use_true_random=False))
def test_reordering_alternatives_changes_no_result_but_their_numbers(you, alts, rnd: random.Random):
    order = list(range(len(alts)))
    rnd.shuffle(order)
    shuffled = [alts[i] for i in order]
    before = run("competition", as_fields(you, alts), "en")["values"]
    after = run("competition", as_fields(you, shuffled), "en")["values"]
    moved = {i + 1: order.index(i) + 1 for i in range(len(alts))}  # old number → new number
    for old, new in moved.items():
        for key in ("level", "net", "ratio"):
            assert before[f"{key}_{old}"] == after[f"{key}_{new}"]
    for key in ("net", "ratio", "share_you", "share_level_1", "share_level_2", "share_level_3"):
        assert before.get(key, "absent") == after.get(key, "absent")
    # the chosen and the strongest leave the same net value; without a tie they are the same item
    for key, level in (("likely_choice", None), ("strongest_level_1", 1), ("strongest_level_2", 2),
                       ("strongest_level_3", 3)):
        old, new = before[key], after[key]
        if old == 0 and level is not None:
            assert new == 0  # an empty level stays empty
            continue
        assert net_of(before, old) == net_of(after, new)
        rivals = [0, *moved] if level is None else [n for n in moved if before[f"level_{n}"] == level]
        tied = [n for n in rivals if net_of(before, n) == net_of(before, old)]
        if len(tied) == 1:
            assert (0 if old == 0 else moved[old]) == new


@SETTINGS
@given(yours, alternatives)
def test_results_are_never_nan_or_infinite(you, alts):
    response = json.loads(run_json(json.dumps({"calculator": "competition", "fields": as_fields(you, alts), "lang": "en"})))
    assert response["ok"], response["errors"]
    json.dumps(response, allow_nan=False)  # raises on NaN or infinity anywhere, figure included
    for value in response["values"].values():
        assert value is None or math.isfinite(value)
        assert data_value(value) not in ("nan", "inf", "-inf", "")


@SETTINGS
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=100).filter(lambda s: s == s.strip()))
def test_any_name_comes_back_as_the_same_text(name):
    result = open_link({"name": name, "name_1": name, "benefit_1": "9"})
    assert result["figure"]["you"]["name"] == name
    assert result["figure"]["alternatives"][0]["name"] == name
    assert result["notes"][0]["params"]["choice_name"] == ["text", name]


def test_module_declares_no_name_of_the_value_calculator_again():
    # net value and ratio come from the value calculator, not a second copy
    from calculators import value

    assert competition.net_value is value.net_value
    assert competition.value_ratio is value.value_ratio
    assert competition.best_item is value.best_item


# --- Issue 15: a free item has no ratio, so ranking by ratio makes no claim.

def test_a_free_alternative_stops_the_ratio_claim():
    # Yours 5 − 3 = 2, ratio 1.67; no. 1 free: 4 − 0 = 4, no ratio; no. 2: 6 − 2 = 4, ratio 3.
    # Before the fix: "ranked by ratio, no. 2 would come first", as if 4 for nothing were less.
    result = open_link({"benefit": "5", "cost": "3", "benefit_1": "4", "cost_1": "0",
                        "benefit_2": "6", "cost_2": "2"})
    assert result["values"]["ratio_1"] is None
    assert "competition.ratio_disagrees" not in note_keys(result)
    assert note(result, "competition.free_item")["item"] == 1


def test_your_free_offer_says_so():
    result = open_link({"name": "Sample", "benefit": "5", "cost": "0", "benefit_1": "6", "cost_1": "2"})
    assert note(result, "competition.free_item_yours") == {"name": "Sample"}
    assert "competition.ratio_disagrees" not in note_keys(result)
    # Unnamed, the sentence has no name to give ("Your offer, , gives…" before).
    unnamed = open_link({"name": "", "benefit": "5", "cost": "0", "benefit_1": "6", "cost_1": "2"})
    assert "competition.free_item_yours_unnamed" in note_keys(unnamed)
    assert "competition.free_item_yours" not in note_keys(unnamed)


def test_three_equal_spends_show_shares_that_add_up_to_100_percent():
    # 10 + 10 + 10 = 30: each 1/3 = 33.333… %, shown 33.3 % three times = 99.9 % before the fix.
    # Largest remainder: the leftover 0.1 % goes to the first (yours): 33.4 + 33.3 + 33.3 = 100.
    result = open_link({"spend": "10", "same_kind_1": "yes", "benefit_1": "1", "cost_1": "1", "spend_1": "10",
                        "same_need_2": "no", "benefit_2": "1", "cost_2": "1", "spend_2": "10"})
    values = result["values"]
    shares = [values["share_you"], values["share_level_1"], values["share_level_2"], values["share_level_3"]]
    assert shares == [0.334, 0.333, 0.0, 0.333]
    from sitebuild.formatting import format_number
    assert [format_number("share", v, "en") for v in shares] == ["33.4%", "33.3%", "0%", "33.3%"]


@given(st.lists(st.integers(0, 10**6), min_size=4, max_size=4).filter(lambda xs: sum(xs) > 0))
def test_rounded_shares_always_add_up_to_exactly_one(spends):
    total = sum(spends)
    rounded = competition.largest_remainder([x / total for x in spends])
    assert sum(round(r * 1000) for r in rounded) == 1000
    assert all(abs(r - x / total) < 0.001 for r, x in zip(rounded, spends))


def test_share_units_are_the_precision_the_page_shows():
    from sitebuild.formatting import fraction_digits
    # a share of 1 is 100 %: one decimal of a percent is a thousandth
    assert 10 ** (2 + fraction_digits("share", 0.5)[1]) == competition.SHARE_UNITS


def test_when_every_option_leaves_the_customer_worse_off_the_choice_is_called_the_least_bad():
    # yours 3 − 5 = −2, Tea 4 − 7 = −3: yours is the likely choice, and still $2 worse off than
    # buying nothing; the note says so, with the loss as a positive amount.
    query = {"name": "Corn flakes", "benefit": "3", "cost": "5", "name_1": "Tea", "benefit_1": "4", "cost_1": "7"}
    result = open_link(query)
    assert result["values"]["likely_choice"] == 0
    assert note(result, "competition.none_worth_it") == {"loss": 2.0}
    assert note_keys(result).index("competition.none_worth_it") == 1  # right after the choice
    # The best leaves exactly nothing (5 − 5 = 0): not a loss, no note.
    assert "competition.none_worth_it" not in note_keys(open_link({**query, "benefit": "5"}))
    # A loss under a cent is still a loss: 4.996 − 5 = −0.004.
    assert note(open_link({**query, "benefit": "4.996"}), "competition.none_worth_it") == {"loss": 0.004}


def test_your_offer_alone_below_zero_is_said_to_leave_the_customer_worse_off():
    # No alternatives listed: 1 − 2 = −1, a loss of $1 against buying nothing; at 2 − 2 = 0 none.
    alone = open_link({"name": "Tea", "benefit": "1", "cost": "2"})
    assert note_keys(alone)[:2] == ["competition.no_alternatives", "competition.yours_below_zero"]
    assert note(alone, "competition.yours_below_zero") == {"loss": 1.0}
    assert "competition.yours_below_zero" not in note_keys(open_link({"name": "Tea", "benefit": "2", "cost": "2"}))


def test_nets_that_read_the_same_are_a_tie_in_the_notes_as_in_the_headline() -> None:
    # Yours 5 − 3 = 2; alternative 1: 5.0000001 − 3 = 2.0000001; alternative 2: 5.0000004 − 3 =
    # 2.0000004. All read $2. Ranked apart, the notes named alternative 2 the strongest rival
    # ("…$0 behind the leader") and the headline, comparing what the page shows, alternative 1.
    result = run("competition", link_fields("competition", {
        "benefit_1": "5.0000001", "cost_1": "3", "same_kind_1": "yes", "benefit_2": "5.0000004", "cost_2": "3"}), "link")
    notes = {note["key"]: note["params"] for note in result["notes"]}
    assert notes["competition.likely_choice_tied"]["tied"] == ["count", 3]
    assert result["values"]["likely_choice"] == 0  # a tie goes to the lowest number: yours
    assert notes["competition.strongest_threat_level_1"]["item"] == ["item", 1]
