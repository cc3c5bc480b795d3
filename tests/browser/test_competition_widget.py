"""The competition calculator in Chromium: translated examples, the levels diagram, names as text."""

from __future__ import annotations

import re

from tests.browser.pages import goto, goto_calculator, site_url, value_of, wait_state


def test_the_breakfast_link_opens_in_two_languages(reader, server) -> None:
    for lang, sandwich in (("en", "A sandwich"), ("de", "Sandwich")):
        page = goto(reader, site_url(server, lang, "levels-of-competition/"))
        # As a reader would: the chapter's own calculator, just above the link, comes into view
        # and starts first; the link is clicked once the page has settled around it.
        embedded = page.locator("[data-calculator=competition]").first
        embedded.scroll_into_view_if_needed()
        wait_state(embedded, "ready")
        link = page.locator("a.md-button[href*='calculators/competition/']").first
        link.click()
        page.wait_for_url(re.compile(r"/calculators/competition/\?v=1&"))
        widget = page.locator("[data-calculator=competition][data-calculator-page]")
        wait_state(widget, "ready")
        # yours 5 − 3 = 2; the sandwich 6 − 3 = 3 (level 2) is the likely choice
        assert value_of(widget, "level_2") == "2"
        assert value_of(widget, "net_2") == "3"
        assert value_of(widget, "likely_choice") == "2"
        assert value_of(widget, "share_you") == "0.25"  # 20 of 20 + 10 + 25 + 15 + 10 = 80
        assert widget.locator("input[name=name_2]").input_value() == sandwich
    assert reader.errors == []


def test_an_added_alternative_opens_with_the_choices_a_link_leaving_it_out_gives(reader, server) -> None:
    # A link's alternative without same_kind is another kind of product for the same need
    # (level 2); one added on the page opened as the same kind (level 1) (QA).
    widget = goto_calculator(reader, server, "en", "competition", "v=1&benefit_1=4&cost_1=1")
    wait_state(widget, "ready")
    assert value_of(widget, "level_1") == "2"
    widget.locator("[data-action=add-item]").click()
    assert widget.locator("select[name=same_kind_2]").input_value() == "no"
    assert widget.locator("select[name=same_need_2]").input_value() == "yes"
    widget.locator("input[name=benefit_2]").fill("4")
    widget.locator("input[name=cost_2]").fill("1")
    wait_state(widget, "ready")
    assert value_of(widget, "level_2") == "2"


def test_the_levels_diagram_and_its_table(reader, server) -> None:
    widget = goto_calculator(reader, server, "en", "competition")
    wait_state(widget, "ready")
    diagram = widget.locator(".cv-figure svg.cv-levels")
    assert diagram.get_attribute("role") == "img"
    assert diagram.locator(".cv-level").count() == 3
    assert "★" in diagram.locator(".cv-level-2 .cv-likely").text_content()
    rows = widget.locator(".cv-figure-data tbody tr")
    assert rows.count() == 5  # yours and four alternatives
    assert rows.nth(2).locator("td").first.text_content() == "2"  # the sandwich's level
    assert value_of(widget, "strongest_level_3") == "0"  # breakfast has no level-3 alternative
    assert widget.locator("output[data-key=strongest_level_3]").text_content() == "nobody on this level"


def test_a_name_is_text_and_runs_nothing(reader, server) -> None:
    hostile = "%3Cimg%20src%3Dx%20onerror%3D%22window.hacked%3D1%22%3E"
    widget = goto_calculator(reader, server, "en", "competition", f"v=1&name_1={hostile}&benefit_1=9&cost_1=1")
    wait_state(widget, "ready")
    assert value_of(widget, "likely_choice") == "1"  # 9 − 1 = 8 beats 5 − 3 = 2
    assert "<img" in widget.locator(".cv-figure-data").text_content()
    assert reader.page.evaluate("window.hacked === undefined")
    assert reader.page.locator("[data-calculator] img").count() == 0


def test_the_chinese_headline_names_the_level_as_the_page_does(reader, server) -> None:
    # yours 5 − 3 = 2; tea 6 − 3 = 3 on level 2 (another kind, same need): "第二层", as the
    # results, notes and diagram write it, not "第 2 层". Every option worse off than nothing
    # (yours 3 − 5, tea 4 − 7) adds the note that the likely choice is only the least bad.
    widget = goto_calculator(reader, server, "zh", "competition",
                             "v=1&name=咖啡&benefit=5&cost=3&name_1=茶&same_kind_1=no&same_need_1=yes&benefit_1=6&cost_1=3")
    wait_state(widget, "ready")
    assert widget.locator("[data-headline]").text_content().startswith("您最强的对手是第二层的茶：")
    widget.locator("input[name=benefit]").fill("3")
    widget.locator("input[name=cost]").fill("5")
    widget.locator("input[name=benefit_1]").fill("4")
    widget.locator("input[name=cost_1]").fill("7")
    wait_state(widget, "ready")
    notes = widget.locator("[data-note='competition.none_worth_it']")
    assert notes.count() == 1 and "亏损 US$2" in notes.text_content()
    assert reader.errors == []


def test_two_options_with_one_name_are_told_apart_by_their_numbers(reader, server) -> None:
    # Tea 6 − 3 = 3 leads Tea 5.5 − 3 = 2.5 by 0.5; yours 5 − 3 = 2. "choose Tea … the next
    # best option, Tea" named one word for two things; each now carries its legend.
    widget = goto_calculator(reader, server, "en", "competition",
                             "v=1&name=Coffee&benefit=5&cost=3&name_1=Tea&same_kind_1=no&same_need_1=yes&benefit_1=6&cost_1=3"
                             "&name_2=tea&same_kind_2=no&same_need_2=yes&benefit_2=5.5&cost_2=3")
    wait_state(widget, "ready")
    assert widget.locator("[data-headline]").text_content().startswith("Your strongest rival is Tea (Alternative 1), on level 2")
    choice = widget.locator("[data-note='competition.likely_choice_alternative']").text_content()
    assert "choose Tea (Alternative 1), which" in choice and "next best option, tea (Alternative 2), is $0.50" in choice
    widget.locator("input[name=name_2]").fill("Green tea")
    wait_state(widget, "ready")
    assert widget.locator("[data-headline]").text_content().startswith("Your strongest rival is Tea, on level 2")
    assert "next best option, Green tea, is" in widget.locator("[data-note='competition.likely_choice_alternative']").text_content()
    # Your offer named like an alternative: the alternative carries its legend, your offer not
    # ("your offer, tea", never "tea (your offer)": the sentences already say whose it is).
    widget.locator("input[name=name]").fill("tea")
    wait_state(widget, "ready")
    assert widget.locator("[data-headline]").text_content().startswith("Your strongest rival is Tea (Alternative 1), on level 2")
    assert "(your offer)" not in widget.locator(".cv-notes").text_content()
    # A name that is another option's legend: "Alternative 2" typed for alternative 1, beside an
    # unnamed alternative 2, is told apart too ("Alternative 2 (Alternative 1)").
    widget.locator("input[name=name_1]").fill("Alternative 2")
    widget.locator("input[name=name_2]").fill("")
    wait_state(widget, "ready")
    assert widget.locator("[data-headline]").text_content().startswith(
        "Your strongest rival is Alternative 2 (Alternative 1), on level 2")
    assert reader.errors == []


def test_the_levels_diagram_names_options_as_the_sentences_do(reader, server) -> None:
    # Two alternatives called "Tea" and "tea": the diagram and its table carry the legends as
    # the headline does ("Tea（备选方案 1）"), and your offer's label uses the page's colon.
    widget = goto_calculator(reader, server, "zh", "competition",
                             "v=1&name=咖啡&benefit=5&cost=3&name_1=Tea&benefit_1=4&cost_1=1&name_2=tea&benefit_2=6&cost_2=1")
    wait_state(widget, "ready")
    widget.locator(".cv-more > summary").click()
    diagram = widget.locator(".cv-figure svg.cv-levels").text_content()
    assert "Tea（备选方案 1）" in diagram and "tea（备选方案 2）" in diagram
    assert "您的产品：咖啡" in diagram
    table = widget.locator(".cv-figure-data tbody").text_content()
    assert "Tea（备选方案 1）" in table and "您的产品：咖啡" in table
    assert reader.errors == []


def test_the_address_bar_reopens_what_a_link_of_unknown_keys_shows(reader, server) -> None:
    # Unknown keys are ignored (an alternative 9 where 8 is the last; an item 0), so each link
    # opens v=1's defaults: no alternatives, unlike the page's own example (the breakfast table).
    # The address bar must then keep "?v=1": bare, it would reopen the breakfast table.
    for query in ("v=1&benefit_9=5&cost_9=1&name_9=Nine", "v=1&benefit_0=5"):
        widget = goto_calculator(reader, server, "en", "competition", query)
        wait_state(widget, "ready")
        page = widget.page
        shown = {o.get_attribute("data-key"): o.get_attribute("data-value") for o in widget.locator("output[data-key]").all()}
        assert shown["share_you"] == "1"  # yours alone: 5 of 5
        page.wait_for_url(re.compile(r"/calculators/competition/\?v=1$"))
        page.goto(page.url)
        again = page.locator("[data-calculator]").first
        wait_state(again, "ready")
        assert {o.get_attribute("data-key"): o.get_attribute("data-value") for o in again.locator("output[data-key]").all()} == shown
    # The page's own example, the breakfast table, is not v=1's defaults: the address names it
    # by its versioned link (as a trainer may copy it from there), never by a bare address.
    widget = goto_calculator(reader, server, "en", "competition")
    wait_state(widget, "ready")
    assert value_of(widget, "share_you") == "0.25"
    widget.page.wait_for_url(re.compile(r"/calculators/competition/\?v=1&need="))
    assert reader.errors == []
