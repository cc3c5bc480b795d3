"""Chapters' embeds in Chromium: the inputs the chapter taught, the full calculator one link
away with the embed's numbers, and predict first (a guess before the answer, kept in this
browser only, answered from the build's results when the runtime cannot load)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from sitebuild.formatting import format_number
from sitebuild.messages import catalogue
from tests.browser.pages import HeldWasm, goto, site_url, value_of, wait_value

# Chapter 7 embeds the fitness club: 20 × 1 × 100 % × 36 = 720 USD.
CH7 = "customer-lifetime-value/"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_an_embed_shows_the_taught_inputs_and_links_to_the_full_calculator(reader, server, lang: str) -> None:
    page = goto(reader, site_url(server, lang, CH7))
    widget = page.locator("[data-calculator]")
    skip = widget.locator("[data-predict-skip]")
    if skip.is_visible():  # a guess first: not this test's subject
        skip.click()
    shown = widget.locator(".cv-field:visible")
    expect(shown).to_have_count(4)  # S, C, P, t: LTV = S × C × P × t
    assert [f.get_attribute("data-field") for f in shown.all()] == [
        "average_check", "purchases_per_month", "margin_percent", "lifetime_months"]
    expect(widget.locator("[data-field=acquisition_cost]")).to_be_hidden()
    # The reader's own numbers: a check of 30 and 70 % margin, so 30 × 1 × 0.7 × 36 = 756.
    decimal = "," if lang == "de" else "."
    widget.locator("input[name=average_check]").fill("30")
    widget.locator("input[name=margin_percent]").fill("70")
    wait_value(widget, "lifetime_value", "756")
    link = widget.locator("[data-full-link]")
    expect(link).to_have_text(catalogue(lang, "widget")["actions"]["full_calculator"])
    href = link.get_attribute("href")
    assert "average_check=30" in href and "margin_percent=70" in href and "v=1" in href, href
    link.click()
    full = page.locator("[data-calculator][data-calculator-page]")
    wait_value(full, "lifetime_value", "756")
    # The full calculator shows every input, the untaught ones with the embed's values.
    expect(full.locator("input[name=acquisition_cost]")).to_be_visible()
    expect(full.locator("input[name=margin_percent]")).to_have_value("70")
    assert decimal  # numbers typed without decimals read alike in both languages


def blocked_runtime(context: Any) -> None:
    # context.route: a Web Worker's requests do not pass page.route.
    context.route("**/assets/pyodide/**", lambda route: route.abort())


@pytest.mark.parametrize(("lang", "chapter", "guess", "answer"), [
    # Chapter 7: 720 USD is above 500, the reader guesses below.
    ("en", CH7, "below", "above"),
    # Chapter 6: breakfast money 20 (yours) + 10 (level 1) + 25 + 15 + 10 (level 2) = 80; level 2.
    ("de", "levels-of-competition/", "2", "2"),
])
def test_predict_first_without_the_runtime(watched, server, lang: str, chapter: str, guess: str, answer: str) -> None:
    page = watched.page
    blocked_runtime(page.context)
    page.goto(site_url(server, lang, chapter))
    widget = page.locator("[data-calculator]")
    widget.scroll_into_view_if_needed()
    expect(widget).to_have_attribute("data-predicting", "")
    expect(widget.locator(".cv-results")).to_be_hidden()
    words = catalogue(lang, "predict")
    submit = widget.locator(".cv-predict-form [type=submit]")
    expect(submit).to_be_disabled()  # nothing guessed yet
    widget.locator(f".cv-predict-form input[value='{guess}']").check()
    submit.click()
    expect(widget).not_to_have_attribute("data-predicting", "")
    expect(widget.locator(".cv-results")).to_be_visible()
    expect(widget).to_have_attribute("data-state", "failed")  # the runtime never loaded
    outcome = widget.locator(".cv-predict-outcome")
    labels = words["questions"]["ch7" if chapter == CH7 else "ch6"]["options"]
    amount = format_number("money", 500, lang, "USD")
    template = words["outcome_right" if guess == answer else "outcome_wrong"]
    expected = template.replace("{guess}", labels[guess]).replace("{answer}", labels[answer]).replace("{amount}", amount)
    expect(outcome).to_have_text(expected)
    expect(outcome).to_be_focused()
    # Kept in this browser only: a reload shows the outcome, not the question again.
    stored = page.evaluate("JSON.parse(localStorage.getItem('cv-predict'))")
    assert stored == {"ch7" if chapter == CH7 else "ch6": {"guess": guess}}
    page.reload()
    expect(widget.locator(".cv-results")).to_be_visible()
    expect(widget.locator(".cv-predict-form")).to_be_hidden()
    expect(outcome).to_have_text(expected)
    assert not [u for u in watched.offsite(server.port)]


def test_skipping_the_guess_is_one_click_and_the_answer_follows_the_inputs(watched, server) -> None:
    page = watched.page
    page.goto(site_url(server, "en", "what-customer-value-is/"))
    widget = page.locator("[data-calculator]")
    widget.scroll_into_view_if_needed()
    expect(widget.locator(".cv-results")).to_be_hidden()
    widget.locator("[data-predict-skip]").click()
    expect(widget.locator(".cv-results")).to_be_visible()
    expect(widget.locator(".cv-predict-outcome")).to_be_empty()
    # Offer 2 wins by division (600 ÷ 400 = 1.5 against 1250 ÷ 1000 = 1.25).
    wait_value(widget, "best_by_ratio", "2")
    assert value_of(widget, "best_by_subtraction") == "1"
    assert page.evaluate("JSON.parse(localStorage.getItem('cv-predict'))") == {"ch2": {"skipped": True}}


# --- A chapter's calculator starts without moving the chapter ----------------------------------

# Every height the embed takes and every place the try-it button below it takes, recorded in
# the page at each change of the embed (its state, its progress box, its results).
WATCH_LAYOUT = """() => {
  const root = document.querySelector('[data-calculator]');
  const button = document.querySelector("article a.md-button[href*='?v=1']");
  const seen = window.cvLayout = [];
  const note = () => seen.push([root.dataset.state, root.offsetHeight, Math.round(button.getBoundingClientRect().top + scrollY)]);
  note();
  new MutationObserver(note).observe(root, { subtree: true, childList: true, attributes: true });
}"""


def test_a_chapter_calculator_starts_quietly_without_moving_the_text_below_it(browser, server) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    held = HeldWasm(context)
    page.goto(site_url(server, "en", "benefits-and-costs/"))  # chapter 4: the value calculator
    widget = page.locator("[data-calculator]").first
    page.evaluate(WATCH_LAYOUT)
    widget.scroll_into_view_if_needed()  # the reader nears it: Python starts
    expect(widget).to_have_attribute("data-state", "loading")
    page.wait_for_timeout(300)  # progress arrives meanwhile (the wasm is held)
    expect(widget.locator(".cv-status")).to_be_hidden()
    # The reader types while Python is still on its way: now the progress shows.
    before_typing = page.evaluate("window.cvLayout.length")
    widget.locator("input[name=price]").fill("460")
    expect(widget.locator(".cv-status")).to_be_visible()
    held.release()
    wait_value(widget, "net_value", "100")  # (600 + 150 + 50) − (460 + 120 + 4 × 30) = 800 − 700
    expect(widget.locator(".cv-status")).to_be_hidden()
    seen = page.evaluate("window.cvLayout")
    assert "loading" in [state for state, _, _ in seen[:before_typing]]
    assert len({(height, place) for _, height, place in seen[:before_typing]}) == 1, seen
    context.close()


def test_a_chapter_calculator_that_starts_quietly_keeps_its_place_until_ready(reader, server) -> None:
    page = goto(reader, site_url(server, "en", "benefits-and-costs/"))
    widget = page.locator("[data-calculator]").first
    page.evaluate(WATCH_LAYOUT)
    widget.scroll_into_view_if_needed()
    expect(widget).to_have_attribute("data-state", "ready", timeout=90_000)
    seen = page.evaluate("window.cvLayout")
    assert [state for state, _, _ in seen][-1] == "ready"
    assert len({(height, place) for _, height, place in seen}) == 1, seen  # not a pixel moved
