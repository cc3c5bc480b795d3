"""A calculator page as a reader meets it (issue 19): nothing stale while a link's case
computes, no stray "Try again", start-up that says what it does, the answer beside the inputs
(or pinned to the bottom of a phone), one headline answer with the reader's own names, a
link-key table that folds and fits a phone, and a focus ring that is not the error red."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

from tests.browser.pages import (
    HeldWasm,
    goto,
    goto_calculator,
    text_of,
    value_of,
    wait_for_stillness,
    wait_state,
    wait_value,
)
from tests.conftest import ROOT

CHAPTER_4 = "v=1&economic=600&psychological=150&social=50&price=500&transaction=120&time_hours=4&hourly_value=30"


def messages(lang: str, catalogue: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / f"sitebuild/locales/{lang}/{catalogue}.yml").read_text(encoding="utf-8"))


@pytest.fixture
def phone(browser, server) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
    yield context.new_page()
    context.close()


def test_a_link_shows_computing_not_the_example_until_its_case_is_answered(watched, server) -> None:
    page = watched.page
    runtime = HeldWasm(page.context)
    widget = goto_calculator(watched, server, "de", "value", CHAPTER_4)
    expect(widget).to_have_attribute("data-state", "loading")
    state = messages("de", "widget")["state"]
    pending = widget.locator(".cv-pending")
    expect(pending).to_be_visible()
    assert pending.text_content() == state["computing"]
    # The example's results (net 20) are in the markup for the contract, but not on screen.
    assert value_of(widget, "net_value") == "20"
    assert widget.locator("output[data-key=net_value]").is_hidden()
    assert widget.locator(".cv-headline").is_hidden()
    # Start-up says what it is doing, not "step 1 of 3", and how many of the megabytes have
    # arrived: the standard library may have, the wasm not (it is held), so never all of them
    # (tests/browser/test_download_progress.py counts the bytes).
    megabytes = re.escape(state["downloaded"]).replace(r"\{loaded\}", "([0-9]+,[0-9])").replace(r"\{total\}", "([0-9]+,[0-9])")
    progress = widget.locator(".cv-progress-text")
    expect(progress).to_have_text(re.compile(re.escape(state["steps"][1]) + " " + megabytes))
    loaded, total = (float(n.replace(",", ".")) for n in re.search(megabytes, progress.text_content()).groups())
    assert loaded < total
    assert widget.locator(".cv-retry").is_hidden()
    runtime.release()
    wait_state(widget, "ready")
    assert pending.is_hidden()
    # 600 + 150 + 50 = 800; 500 + 120 + 4 × 30 = 740; net 60, ratio 800 / 740 = 1.08
    assert value_of(widget, "net_value") == "60"
    expect(widget.locator(".cv-headline")).to_have_text(
        "Dieses Angebot schafft Wert für den Kunden: netto 60\u00a0$, Verhältnis 1,08.")
    assert watched.errors == []


def test_a_link_hides_the_example_before_the_widget_script_runs(watched, server) -> None:
    # With the widget's module held back, only the page's own markup decides the first paint.
    watched.page.route("**/assets/js/widget.js", lambda route: route.abort())
    widget = goto_calculator(watched, server, "en", "value", CHAPTER_4)
    assert widget.get_attribute("data-pending") == ""
    assert widget.locator("output[data-key=net_value]").is_hidden()
    watched.page.goto(f"{server.url}calculators/value/")  # no link: the example is the page's
    assert widget.get_attribute("data-pending") is None
    assert widget.locator("output[data-key=net_value]").count() == 1
    watched.errors.clear()  # the held-back module is logged by Chromium


def test_try_again_stays_hidden_on_a_normal_load(watched, server) -> None:
    widget = goto_calculator(watched, server, "en", "lifetime-value")
    wait_state(widget, "ready")
    # Material's .md-button display once beat the hidden attribute: "Try again" on every load.
    assert widget.locator(".cv-retry").is_hidden()
    for element in widget.locator("[hidden]").all():
        assert element.is_hidden()


def test_headline_and_results_use_the_names_the_reader_typed(watched, server) -> None:
    query = ("v=1&name=Corn+flakes&benefit=5&cost=3&name_1=Instant+cereal&same_kind_1=yes&benefit_1=4&cost_1=3"
             "&name_2=Personal+training&same_kind_2=no&benefit_2=9&cost_2=5")
    widget = goto_calculator(watched, server, "en", "competition", query)
    wait_state(widget, "ready")
    # yours 5 − 3 = 2; Instant cereal 4 − 3 = 1 (level 1); Personal training 9 − 5 = 4 (level 2)
    assert value_of(widget, "likely_choice") == "2"
    assert text_of(widget, "likely_choice") == "Personal training"
    assert text_of(widget, "strongest_level_1") == "Instant cereal"
    assert widget.locator("[data-item-row='1'] th").text_content() == "Instant cereal"
    expect(widget.locator(".cv-headline")).to_have_text(
        "Your strongest rival is Personal training, on level 2: it leaves the customer $4, your offer $2.")
    # The other results are folded under "more results".
    more = widget.locator("details.cv-more")
    assert more.locator(":scope > summary").text_content() == messages("en", "widget")["answer"]["more"]
    assert not more.evaluate("details => details.open")


def test_value_headline_names_the_best_offer_and_the_ratio_winner(watched, server) -> None:
    widget = goto_calculator(watched, server, "en", "value", "v=1&economic=600&price=500&economic_2=300&price_2=100")
    wait_state(widget, "ready")
    # Offer 1: 600 + 30 − (500 + 1 × 20) = 110, ratio 630 / 520 = 1.21;
    # offer 2: 300 + 30 − (100 + 20) = 210, ratio 330 / 120 = 2.75: best both ways.
    assert value_of(widget, "net_value_2") == "210"
    expect(widget.locator(".cv-headline")).to_have_text("Offer 2 gives the most value: net $210, ratio 2.75.")
    # Offer 1: 120 − 100 = 20, ratio 1.2; offer 2: 240 − 200 = 40, ratio 1.2. Division names offer
    # 1 (ties go to the lowest number) but cannot tell the two apart: no "by ratio, offer 1 comes
    # first", no "the two methods disagree" (QA).
    widget = goto_calculator(watched, server, "en", "value", "v=1&economic=120&psychological=0&price=100&time_hours=0"
                             "&economic_2=240&psychological_2=0&price_2=200&time_hours_2=0")
    wait_state(widget, "ready")
    assert (value_of(widget, "value_ratio"), value_of(widget, "value_ratio_2"), value_of(widget, "best_by_ratio")) == ("1.2", "1.2", "1")
    expect(widget.locator(".cv-headline")).to_have_text("Offer 2 gives the most value: net $40, ratio 1.2.")
    expect(widget.locator("[data-note='value.methods_disagree']")).to_have_count(0)
    # Offer 1: 1250 − 1000 = 250, ratio 1.25; offer 2: 600 − 400 = 200, ratio 1.5: the two
    # methods disagree, and the headline says which offer division puts first.
    widget = goto_calculator(watched, server, "en", "value", "v=1&economic=1250&psychological=0&price=1000&time_hours=0"
                             "&economic_2=600&psychological_2=0&price_2=400&time_hours_2=0")
    wait_state(widget, "ready")
    expect(widget.locator(".cv-headline")).to_have_text(
        "Offer 1 gives the most value: net $250, ratio 1.25. By ratio, Offer 2 comes first (1.5).")


def test_value_headline_says_so_when_no_offer_gives_value(watched, server) -> None:
    # Offer 1: 50 + 30 − (80 + 1 × 20) = −20, ratio 80 / 100 = 0.8; offer 2: 40 + 30 − 100 = −30,
    # ratio 0.7. Both lose value: the headline said "Offer 1 gives the most value" (QA).
    for lang, headline in (("en", "No offer gives the customer value; Offer 1 comes closest: net -$20, ratio 0.8."),
                           ("ru", "Ни одно предложение не даёт клиенту ценности; ближе всего Предложение 1: "
                                  "чистая ценность -20 $, коэффициент 0,8.")):
        widget = goto_calculator(watched, server, lang, "value", "v=1&economic=50&economic_2=40")
        wait_state(widget, "ready")
        assert value_of(widget, "net_value") == "-20" and value_of(widget, "net_value_2") == "-30"
        expect(widget.locator(".cv-headline")).to_have_text(headline)


def test_the_answer_stays_beside_the_inputs_while_scrolling(watched, server) -> None:
    page = watched.page
    widget = goto_calculator(watched, server, "en", "competition")
    wait_state(widget, "ready")
    widget.locator("input[name=cost_4]").scroll_into_view_if_needed()  # the last alternative
    form, answer = widget.locator(".cv-form").bounding_box(), widget.locator(".cv-answer").bounding_box()
    assert answer["x"] > form["x"] + form["width"] - 1  # on the right of the inputs
    assert 0 <= answer["y"] < 900  # still in view, beside the last alternative
    assert page.locator(".md-sidebar--secondary").is_hidden()  # no table of contents eating the width


def test_on_a_phone_the_answer_is_a_bar_that_opens_to_the_details(phone, server) -> None:
    phone.goto(f"{server.url}ru/calculators/lifetime-value/")
    widget = phone.locator("[data-calculator]").first
    wait_state(widget, "ready")
    bar = widget.locator(".cv-answer")
    box = bar.bounding_box()
    assert abs(box["y"] + box["height"] - 740) < 2 and box["height"] < 120  # pinned to the bottom, small
    expect(widget.locator(".cv-headline")).to_be_visible()
    assert widget.locator("output[data-key=monthly_margin]").is_hidden()
    toggle = widget.locator(".cv-answer-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert toggle.text_content() == messages("ru", "widget")["answer"]["hide"]
    expect(widget.locator("output[data-key=monthly_margin]")).to_be_visible()


@pytest.mark.parametrize("lang", ["de", "ru", "zh"])
def test_the_link_key_table_folds_and_fits_a_phone(phone, server, lang: str) -> None:
    phone.goto(f"{server.url}{lang}/calculators/lifetime-value/")
    box = phone.locator("details.cv-input-table-box")
    expect(box).to_have_count(1)
    assert phone.locator(".cv-input-table").is_hidden()  # folded away until asked for
    box.locator("summary").click()
    expect(phone.locator(".cv-input-table")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    def luminance(rgb: tuple[int, ...]) -> float:
        c = [v / 255 for v in rgb[:3]]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_ring_is_clear_and_not_the_error_red(browser, server, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block", color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{server.url}calculators/value/")
    if scheme == "dark":  # the site follows the reader's choice of palette, not the system's
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    field = page.locator("input[name=price]")
    field.focus()
    page.keyboard.press("End")  # a keyboard focus
    style = field.evaluate("""e => { const s = getComputedStyle(e);
        const bg = getComputedStyle(e.closest('.cv-calculator')).backgroundColor;
        return [s.outlineColor, s.outlineWidth, bg, getComputedStyle(document.body).getPropertyValue('--md-accent-fg-color')]; }""")
    ring = tuple(int(v) for v in style[0].removeprefix("rgb(").rstrip(")").split(","))
    background = tuple(int(float(v)) for v in style[2].split("(")[1].rstrip(")").split(",")[:3])
    error_red = (198, 40, 40)
    assert ring != error_red and not (ring[0] > 150 and ring[1] < 100 and ring[2] < 100)  # not a red
    assert float(style[1].removesuffix("px")) >= 3
    # The calculator's background is translucent in dark mode: measure against the page's.
    if scheme == "dark":
        background = tuple(int(v) for v in page.evaluate(
            "getComputedStyle(document.body).backgroundColor").split("(")[1].rstrip(")").split(",")[:3])
    assert contrast(ring, background) >= 3
    assert style[3].strip().lower() not in ("#bf360c", "#c62828")
    context.close()


@pytest.mark.parametrize(("lang", "slug", "scheme", "width"), [
    ("en", "competition", "light", 1280), ("de", "value", "dark", 1280),
    ("ru", "lifetime-value", "light", 360), ("de", "competition", "dark", 360),
])
def test_the_answer_layout_passes_axe(browser, server, lang: str, slug: str, scheme: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, service_workers="block", color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{server.url}{'' if lang == 'en' else lang + '/'}calculators/{slug}/")
    widget = page.locator("[data-calculator]").first
    wait_state(widget, "ready")
    toggle = widget.locator(".cv-answer-toggle")
    if toggle.is_visible():
        toggle.click()  # the phone's bar, opened to the details
    else:
        widget.locator(".cv-more > summary").click()
    page.locator("details.cv-input-table-box > summary").click()
    page.add_script_tag(path=str(ROOT / "node_modules/axe-core/axe.min.js"))
    wait_for_stillness(page)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"] if v["impact"] in ("serious", "critical")]
    context.close()
    assert serious == []


def test_a_page_without_a_calculator_loads_no_calculator_code_until_the_reader_opens_one(watched, server) -> None:
    goto(watched, f"{server.url}creating-value/")  # a chapter with no calculator, loaded in full
    loaded = "performance.getEntriesByType('resource').some((e) => e.name.endsWith('/assets/js/widget.js'))"
    assert watched.page.evaluate(loaded) is False
    widget = goto_calculator(watched, server, "en", "value", CHAPTER_4)  # by instant navigation
    wait_value(widget, "net_value", "60")  # 600 + 150 + 50 − (500 + 120 + 4 × 30) = 60
    assert watched.page.evaluate(loaded) is True
    assert watched.errors == []


def test_the_answer_beside_the_inputs_covers_nothing_while_scrolling(watched, server) -> None:
    page = watched.page
    widget = goto_calculator(watched, server, "en", "value", CHAPTER_4 + "&economic_2=500&price_2=350")
    wait_state(widget, "ready")
    # While the reader scrolls the inputs, the sticky answer slides down its column: the line
    # that follows it in the markup ("computed in your browser") must not end up under it (it
    # did, placed in the answer's column).
    page.evaluate("scrollBy(0, document.querySelector('.cv-privacy').getBoundingClientRect().top - 120)")
    privacy = widget.locator(".cv-privacy")
    line, answer = privacy.bounding_box(), widget.locator(".cv-answer").bounding_box()
    apart = (line["x"] + line["width"] <= answer["x"] or answer["x"] + answer["width"] <= line["x"]
             or line["y"] + line["height"] <= answer["y"] or answer["y"] + answer["height"] <= line["y"])
    assert apart, (line, answer)
    seen = page.evaluate("([x, y]) => document.elementFromPoint(x, y)?.closest('.cv-privacy') !== null",
                         [line["x"] + 5, line["y"] + line["height"] / 2])
    assert seen


def test_an_answer_taller_than_the_screen_leaves_no_empty_space_under_the_widget(watched, server) -> None:
    # With every section of the answer open, the panel scrolls inside itself (at most the
    # screen's height); the rows it shares with the inputs were sized as if it added its
    # height to theirs: 514-538 px of empty space over the privacy line.
    page = watched.page
    for slug in ("value", "lifetime-value"):
        widget = goto_calculator(watched, server, "en", slug, "" if slug == "value" else "v=1&acquisition_cost=100")
        wait_state(widget, "ready")
        widget.locator(".cv-answer details").evaluate_all("all => all.forEach((d) => { d.open = true; })")
        gap = page.evaluate("""() => { const root = document.querySelector('.cv-calculator');
          const box = (part) => root.querySelector(':scope > ' + part).getBoundingClientRect();
          const answer = root.querySelector(':scope > .cv-answer');
          return [answer.scrollHeight > answer.clientHeight,
                  box('.cv-privacy').top - Math.max(box('.cv-form').bottom, box('.cv-answer').bottom)]; }""")
        assert gap[0], slug  # the answer does scroll inside itself
        assert 0 <= gap[1] <= 24, (slug, gap)  # the privacy line's margin, no more


def test_the_phone_bar_shows_the_whole_headline(phone, server) -> None:
    # German words are long: folded, the bar once cut the value example's headline after four
    # lines ("Nach dem Verhältnis liegt Angebot 2 vorn (1,5)" half under the screen's edge).
    query = ("v=1&economic=1000&psychological=200&social=50&price=900&transaction=50&time_hours=2&hourly_value=25"
             "&economic_2=500&psychological_2=100&price_2=350&transaction_2=30&time_hours_2=1&hourly_value_2=20")
    phone.goto(f"{server.url}de/calculators/value/?{query}")
    widget = phone.locator("[data-calculator]").first
    wait_state(widget, "ready")
    widget.locator("input[name=price]").scroll_into_view_if_needed()
    headline, bar = widget.locator(".cv-headline"), widget.locator(".cv-answer")
    expect(headline).to_contain_text("Angebot 2")
    text, box = headline.bounding_box(), bar.bounding_box()
    assert box["y"] + box["height"] <= 741  # pinned to the bottom of the screen
    assert box["y"] <= text["y"] and text["y"] + text["height"] <= box["y"] + box["height"]
    assert bar.evaluate("e => e.scrollHeight <= e.clientHeight")  # nothing cut off inside it
    assert box["height"] < 0.4 * 740  # and still a bar, the inputs above it in view


def test_a_field_reached_with_tab_is_not_under_the_phone_bar(phone, server) -> None:
    phone.goto(f"{server.url}calculators/competition/")
    widget = phone.locator("[data-calculator]").first
    wait_state(widget, "ready")
    widget.locator("input[name=need]").focus()
    under = []
    for _ in range(30):  # through the offer and three alternatives
        phone.keyboard.press("Tab")
        place = phone.evaluate("""() => { const field = document.activeElement;
            if (!field.closest('.cv-form')) return null;
            const bar = field.closest('[data-calculator]').querySelector('.cv-answer').getBoundingClientRect();
            return [field.name || field.textContent, field.getBoundingClientRect().bottom, bar.top]; }""")
        if place and place[1] > place[2] + 1:
            under.append(place)
    assert under == []  # 9 of 30 fields ended under the bar before


@pytest.mark.parametrize(("lang", "slug"), [("ru", "lifetime-value"), ("de", "lifetime-value"), ("nl", "lifetime-value"),
                                            ("de", "competition")])
def test_every_choice_fits_its_box_on_a_phone(phone, server, lang: str, slug: str) -> None:
    # A select shows its chosen text on one line and cuts the rest: "Я знаю продолжительност".
    phone.goto(f"{server.url}{lang}/calculators/{slug}/")
    cut = phone.evaluate("""() => {
        const cut = [];
        for (const select of document.querySelectorAll('.cv-calculator select')) {
            if (!select.offsetParent) continue;
            const style = getComputedStyle(select);
            const probe = Object.assign(document.createElement('span'), { style: `font: ${style.fontWeight} ${style.fontSize} ${style.fontFamily}; white-space: nowrap; position: absolute` });
            document.body.append(probe);
            // The box's width less its padding and the arrow (about 1.2 em).
            const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 1.2 * parseFloat(style.fontSize);
            for (const option of select.options) {
                probe.textContent = option.text;
                if (probe.getBoundingClientRect().width > room) cut.push(option.text);
            }
            probe.remove();
        }
        return cut; }""")
    assert cut == []


def test_segments_are_named_as_typed_and_the_headline_answers_for_all_of_them(watched, server) -> None:
    query = ("v=1&average_check=20&purchases_per_month=1&margin_percent=60&lifetime_months=36&acquisition_cost=60"
             "&currency=USD&segment_1=Group+classes&share_percent_1=60"
             "&segment_2=Personal+training&share_percent_2=25&average_check_2=60"
             "&segment_3=Supplements&share_percent_3=15&average_check_3=35&lifetime_months_3=18")
    widget = goto_calculator(watched, server, "en", "lifetime-value", query)
    wait_state(widget, "ready")
    # 20 × 1 × 60 % = 12 a month: group 12 × 36 = 432; personal 60 × 0.6 × 36 = 1296;
    # supplements 35 × 0.6 × 18 = 378. Blend 0.6 × 432 + 0.25 × 1296 + 0.15 × 378 = 639.9,
    # ÷ 60 = 10.665 → 10.67 (the table said "Segment 1", the headline the main customer's 432).
    assert value_of(widget, "blended_lifetime_value") == "639.9"
    rows = widget.locator("[data-item-row]:not([hidden]) th")  # under "More results", folded
    expect(rows).to_have_text(["Group classes", "Personal training", "Supplements"])
    expect(widget.locator(".cv-headline")).to_have_text(
        "Across your segments a customer is worth $639.90 on average (LTV:CAC 10.67:1); "
        "Personal training is worth the most: $1,296.")


def test_an_out_of_date_headline_looks_out_of_date(watched, server) -> None:
    widget = goto_calculator(watched, server, "en", "value")
    wait_state(widget, "ready")
    headline = widget.locator(".cv-headline")
    assert headline.evaluate("e => getComputedStyle(e).opacity") == "1"
    widget.locator("input[name=price]").fill("abc")
    wait_state(widget, "invalid")
    # The outputs were struck through, the sentence made of them stood there as if current.
    style = headline.evaluate("e => [getComputedStyle(e).opacity, getComputedStyle(e).textDecorationLine]")
    assert float(style[0]) < 0.6 and style[1] == "line-through"


def test_the_opened_phone_bar_keeps_its_close_button_in_sight(phone, server) -> None:
    phone.goto(f"{server.url}calculators/value/")
    widget = phone.locator("[data-calculator]").first
    wait_state(widget, "ready")
    toggle, bar = widget.locator(".cv-answer-toggle"), widget.locator(".cv-answer")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    bar.evaluate("e => { e.scrollTop = e.scrollHeight; }")  # read to the end of the details
    assert bar.evaluate("e => e.scrollTop") > 0
    button, box = toggle.bounding_box(), bar.bounding_box()
    assert box["y"] <= button["y"] and button["y"] + button["height"] <= box["y"] + box["height"]
    toggle.click()  # it scrolled away with the details before
    expect(toggle).to_have_attribute("aria-expanded", "false")


def test_a_chart_under_folded_results_is_drawn_at_the_width_it_opens_to(phone, server) -> None:
    phone.goto(f"{server.url}calculators/value/")
    widget = phone.locator("[data-calculator]").first
    wait_state(widget, "ready")
    widget.locator(".cv-answer-toggle").click()  # opens the bar and "More results"
    figure = widget.locator(".cv-figure")
    chart = figure.locator("svg")
    expect(chart).to_be_visible()
    # Drawn while folded, it was 640 px wide and shrunk to the phone's ~250 px, its 12 px
    # labels to 5 px; now it is drawn again at the width of its box (280 px at the least).
    expect(chart).to_have_attribute("width", str(max(280, figure.evaluate("e => e.clientWidth"))))
