"""The value calculator in Chromium, against the built site: the page contract at work."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import expect

from sitebuild.messages import catalogue
from tests.browser import pages
from tests.browser.pages import share, value_of, wait_state, wait_value
from tests.conftest import ROOT

CHAPTER_4 = "v=1&economic=600&psychological=150&social=50&price=500&transaction=120&time_hours=4&hourly_value=30"


def open_calculator(watched, server, lang: str, query: str = ""):
    return pages.goto_calculator(watched, server, lang, "value", query)


def test_a_link_opens_computed_in_two_languages(reader, server) -> None:
    for lang, net_text in (("en", "$60"), ("de", "60\u00a0$")):
        widget = open_calculator(reader, server, lang, CHAPTER_4)
        wait_state(widget, "ready")
        # 600 + 150 + 50 = 800; 500 + 120 + 4 × 30 = 740; net 60; ratio 800 / 740 = 1.081081
        assert value_of(widget, "total_benefit") == "800"
        assert value_of(widget, "total_cost") == "740"
        assert value_of(widget, "net_value") == "60"
        assert value_of(widget, "value_ratio") == "1.081081"
        assert widget.locator("output[data-key=net_value]").text_content() == net_text
    assert reader.errors == []
    assert reader.offsite(server.port) == []


def test_decimal_comma_typed_on_the_german_page(reader, server) -> None:
    widget = open_calculator(reader, server, "de")
    wait_state(widget, "ready")
    widget.locator("input[name=economic]").fill("1.200,50")
    wait_value(widget, "total_benefit", "1230.5")
    # 1200.5 + 30 + 0 = 1230.5
    assert value_of(widget, "total_benefit") == "1230.5"
    assert widget.locator("output[data-key=total_benefit]").text_content() == "1.230,50\u00a0$"
    assert "economic=1200.5" in reader.page.url


def test_full_width_digits_on_the_chinese_page(reader, server) -> None:
    widget = open_calculator(reader, server, "zh")
    wait_state(widget, "ready")
    widget.locator("input[name=price]").fill("１，０００")
    wait_value(widget, "total_cost", "1020")
    # cost 1000 + 0 + 1 × 20 = 1020; net 120 − 1020 = −900
    assert value_of(widget, "total_cost") == "1020"
    assert value_of(widget, "net_value") == "-900"
    assert value_of(widget, "verdict") == "negative"


def test_bad_input_shows_a_translated_message_beside_the_field(reader, server) -> None:
    messages = yaml.safe_load((ROOT / "sitebuild/locales/de/widget.yml").read_text())["errors"]
    widget = open_calculator(reader, server, "de")
    wait_state(widget, "ready")
    widget.locator("input[name=price]").fill("zehn")
    wait_state(widget, "invalid")
    error = widget.locator("[data-error-for=price]")
    assert error.is_visible()
    assert error.text_content() == messages["not_a_number"].replace("{example}", "1250,50")
    assert widget.locator("input[name=price]").get_attribute("aria-describedby") == error.get_attribute("id")
    assert widget.locator("output[data-key=net_value]").get_attribute("data-stale") is not None
    for text in widget.locator(".cv-results").all_text_contents():
        assert not re.search(r"NaN|Infinity|undefined", text)
    widget.locator("input[name=price]").fill("")
    wait_state(widget, "invalid")
    assert error.text_content() == messages["required"]


# Each change of the message or the state, with the field's text and the page's clock.
WATCH_PRICE = """() => { window.__seen = []; const w = document.querySelector('[data-calculator-page]');
  const error = w.querySelector('[data-error-for=price]');
  new MutationObserver(() => window.__seen.push([performance.now(), w.querySelector('input[name=price]').value,
    w.dataset.state, error.hidden ? '' : error.textContent])).observe(w, {subtree: true, attributes: true, childList: true}); }"""


def test_a_message_waits_until_the_reader_pauses_or_leaves_the_field(reader, server) -> None:
    widget = open_calculator(reader, server, "ru")
    wait_state(widget, "ready")
    page, price = reader.page, widget.locator("input[name=price]")
    page.evaluate(WATCH_PRICE)
    # "1", "1 2", "1 20", "1 200," are on the way to "1 200,5": no message at any keystroke.
    price.fill("")
    price.press_sequentially("1 200,5", delay=120)
    wait_value(widget, "total_cost", "1220.5")  # 1200.5 + 0 + 1 × 20
    assert [seen for seen in page.evaluate("window.__seen") if seen[3]] == []
    # A pause on a text with no reading (digits grouped by one): the message comes, and goes at
    # once when corrected. ("1 200," reads as 1200: a decimal comma with nothing after it yet.)
    price.fill("1 2")
    error = widget.locator("[data-error-for=price]")
    expect(error).to_be_visible()
    assert error.text_content() == "Введите число, например 1250,50."
    assert widget.get_attribute("data-state") == "invalid"
    price.fill("95")
    expect(error).to_be_hidden()
    wait_value(widget, "net_value", "5")  # 120 − (95 + 0 + 1 × 20)
    # Leaving the field does not wait for a pause.
    page.evaluate(WATCH_PRICE)
    price.fill("abc")
    left = page.evaluate("performance.now()")
    price.press("Tab")
    expect(error).to_be_visible()
    shown = next(at for at, _, _, message in page.evaluate("window.__seen") if message)
    assert shown - left < 800, shown - left  # the pause (TYPING_PAUSE_MS in widget.js) was not waited out
    assert reader.errors == []


def test_hostile_links_are_shown_as_text_and_reported(reader, server) -> None:
    query = "v=1&price=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&economic=1&economic=2&nonsense=1&social=" + "9" * 120
    widget = open_calculator(reader, server, "en", query)
    wait_state(widget, "invalid")
    assert widget.locator("input[name=price]").input_value() == "<img src=x onerror=alert(1)>"
    assert reader.page.locator("img[src=x]").count() == 0
    assert widget.locator("input[name=economic]").input_value() == "2"  # repeated keys: the last wins
    assert widget.locator("[data-error-for=social]").is_visible()


def test_a_rejected_link_leaves_no_nan_or_undefined_anywhere_in_the_widget(reader, server) -> None:
    # Offers 2 and 3 come with the link; the third's economic benefit is empty, so the link is
    # rejected. The example's results, mixed with offers built without any, once made a hidden
    # headline of "方案 undefined 带来的价值最大：净价值 NaN".
    widget = open_calculator(reader, server, "zh", "v=1&price_2=70&economic_3=")
    wait_state(widget, "invalid")
    assert widget.locator("[data-error-for=economic_3]").is_visible()
    assert re.findall(r"NaN|undefined|Infinity|null", widget.evaluate("w => w.textContent")) == []
    assert reader.errors == []


def test_a_link_number_is_read_with_a_dot_and_no_grouping_on_every_page(reader, server) -> None:
    # The contract: in links, numbers have a dot and no grouping. "1,234" was read as 1.234 on
    # the German page (net 98,77 $) and as 1234 on the Chinese one (net −US$1,134): one link,
    # two answers. It is refused beside the field in both.
    # The message says how a link writes numbers (not "for example 1250,50", a form no link has).
    for lang in ("de", "zh"):
        widget = open_calculator(reader, server, lang, "v=1&price=1,234")
        wait_state(widget, "invalid")
        error = widget.locator("[data-error-for=price]")
        assert error.is_visible()
        assert error.text_content() == catalogue(lang, "widget")["errors"]["link_number"]
        assert widget.locator("input[name=price]").input_value() == "1,234"  # as the link wrote it
    # Typed again (on the Chinese page), the number is read: 120 − (80.5 + 20) = 19.5.
    widget.locator("input[name=price]").fill("80.5")
    wait_value(widget, "net_value", "19.5")
    widget = open_calculator(reader, server, "de", "v=1&price=80.5")
    wait_value(widget, "net_value", "19.5")  # 120 − (80.5 + 0 + 1 × 20)
    assert widget.locator("input[name=price]").input_value() == "80,5"
    assert reader.errors == []


def test_a_link_of_an_unknown_version_opens_the_example_and_says_why(reader, server) -> None:
    note_text = yaml.safe_load((ROOT / "sitebuild/locales/de/widget.yml").read_text())["link_unknown"]
    # A v=2 link's price may mean something else, and its defaults are v=2's: reading it as v=1
    # would show a number nobody asked for. The page shows its own example instead, and why.
    widget = open_calculator(reader, server, "de", "v=2&price=95")
    wait_state(widget, "ready")
    note = widget.locator(".cv-link-note")
    expect(note).to_be_visible()
    assert note.text_content() == note_text
    assert widget.locator("input[name=price]").input_value() == "80"
    # The example: 90 + 30 + 0 = 120 against 80 + 0 + 1 × 20 = 100, net 20 (not 120 − 115 = 5).
    assert value_of(widget, "net_value") == "20"
    widget.locator("input[name=price]").fill("95")
    wait_value(widget, "net_value", "5")
    expect(note).to_be_hidden()  # the reader's own numbers now
    # The version's own number, last of repeated keys, or none at all: read as before.
    for query in ("v=2&v=1&price=95", "price=95"):
        widget = open_calculator(reader, server, "de", query)
        wait_value(widget, "net_value", "5")
        assert widget.locator(".cv-link-note").is_hidden()
    assert reader.errors == []


def test_prerendered_text_equals_the_text_pyodide_produces(reader, server) -> None:
    import urllib.request

    for lang in ("en", "de", "ru", "zh"):
        prefix = "" if lang == "en" else f"{lang}/"
        raw = urllib.request.urlopen(f"{server.url}{prefix}calculators/value/").read().decode()
        built = dict(re.findall(r'<output data-key="(\w+)" data-value="[^"]*"[^>]*>([^<]*)</output>', raw))
        assert "value_ratio" in built, lang  # the build wrote the example's answer into the page
        widget = open_calculator(reader, server, lang)
        wait_state(widget, "ready")
        live = {o.get_attribute("data-key"): o.text_content() for o in widget.locator("output").all()}
        shown = {k: v for k, v in live.items() if v}
        assert shown == {k: v for k, v in built.items() if k in shown}, lang


def test_copy_link_and_reset(reader, server) -> None:
    reader.context.grant_permissions(["clipboard-read", "clipboard-write"])
    widget = open_calculator(reader, server, "en")
    wait_state(widget, "ready")
    widget.locator("input[name=price]").fill("95")
    wait_value(widget, "net_value", "5")
    share(widget, "copy-link")
    copied = reader.page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/calculators/value/?v=1&price=95")
    # A refused field: the link read last is of price 95, not what the form shows. Copy link
    # says to correct the field, and the clipboard keeps what it had (QA: "Link copied").
    reader.page.evaluate("navigator.clipboard.writeText('before')")
    widget.locator("input[name=price]").fill("abc")
    widget.locator("input[name=price]").press("Tab")
    wait_state(widget, "invalid")
    share(widget, "copy-link")
    expect(widget.locator(".cv-copied")).to_have_text(catalogue("en", "widget")["actions"]["fix_first"])
    assert reader.page.evaluate("navigator.clipboard.readText()") == "before"
    widget.locator("[data-action=reset]").click()
    wait_state(widget, "ready")
    assert widget.locator("input[name=price]").input_value() == "80"
    assert "price=" not in reader.page.url


def test_runtime_survives_instant_navigation(watched, server) -> None:
    page = watched.page
    widget = open_calculator(watched, server, "en")
    wait_state(widget, "ready")
    document_started = page.evaluate("performance.timeOrigin")  # a full page load changes it
    page.locator(".md-nav a[href$='what-customer-value-is/']").first.click()
    page.wait_for_url(re.compile(r"what-customer-value-is/$"))
    # Material changes the address first and swaps the chapter in once it has fetched it. Going
    # back before that would find this page's widget still there, about to be replaced by a
    # fresh copy of the page (which then knows nothing of an edit typed in between).
    expect(page.locator("[data-calculator-page]")).to_have_count(0)
    page.go_back()
    # The chapter embeds the value calculator too, and instant navigation swaps the page in
    # only after the address changes back: wait for the calculator page's own widget.
    widget = page.locator("[data-calculator=value][data-calculator-page]")
    wait_state(widget, "ready")
    widget.locator("input[name=price]").fill("70")
    wait_value(widget, "net_value", "30")  # 120 − (70 + 20)
    page.locator(".md-nav a[href$='calculators/competition/']").first.click()
    page.wait_for_url(re.compile(r"calculators/competition/"))  # the address then carries its example
    competition = page.locator("[data-calculator=competition]")
    competition.locator("input[name=cost]").fill("4")
    wait_value(competition, "net", "1")  # 5 − 4
    page.locator(".md-nav a[href$='calculators/value/']").first.click()  # by a link, to a page seen before
    page.wait_for_url(re.compile(r"calculators/value/"))
    wait_state(page.locator("[data-calculator=value][data-calculator-page]"), "ready")
    assert page.evaluate("performance.timeOrigin") == document_started
    wasm = [url for url in watched.requests if url.endswith("pyodide.asm.wasm")]
    assert len(wasm) == 1  # one download for the whole visit, Pyodide's own request included
    assert watched.errors == []
    # A whole first visit, the runtime's start included: nothing from another host.
    assert watched.offsite(server.port) == []


def test_calculator_pages_reached_later_show_the_answer_at_once(watched, server) -> None:
    """Once the runtime is up, the other calculator pages' examples are answered ahead: such a
    page goes from prerendered straight to ready, with Pyodide's numbers, without waiting."""
    from calculators.registry import CALCULATORS
    from calculators.run import data_value, link_fields, run
    from sitebuild.macros import page_examples

    page = watched.page
    wait_state(open_calculator(watched, server, "ko"), "ready")
    ahead = page_examples("ko")
    page.wait_for_function(
        """async ([module, requests]) => { const runtime = await import(module);
             return requests.every((request) => runtime.knownAnswer(request) !== undefined); }""",
        arg=[server.url + "assets/js/runtime.js", ahead], polling=100, timeout=30_000)
    page.evaluate("""() => { window.seenStates = [];
        new MutationObserver((records) => records.forEach((r) => window.seenStates.push(
          [r.target.dataset.calculator, r.target.dataset.state]))).observe(document.body,
          { subtree: true, attributeFilter: ["data-state"] }); }""")
    for request in [r for r in ahead if r["calculator"] != "value"]:  # the value page is open
        page.locator(f".md-nav a[href$='calculators/{CALCULATORS[request['calculator']].slug}/']").first.click()
        widget = page.locator(f"[data-calculator={request['calculator']}]")
        wait_state(widget, "ready")
        seen = [state for calculator, state in page.evaluate("window.seenStates") if calculator == request["calculator"]]
        assert seen == ["ready"], seen
        expected = run(request["calculator"], link_fields(request["calculator"], request["fields"]), "link")["values"]
        shown = {key: value_of(widget, key) for key in expected if widget.locator(f"output[data-key={key}]").count()}
        assert shown and shown == {key: data_value(expected[key]) for key in shown}
    assert watched.errors == []


def test_an_answer_arriving_after_the_reader_left_does_not_touch_the_next_page(watched, server) -> None:
    page = watched.page
    # Slow the runtime's answers and the next page's download, so that the value page's last
    # answer arrives after the click, while its widget is still on screen.
    page.context.add_init_script("""(() => { const post = Worker.prototype.postMessage;
        Worker.prototype.postMessage = function (message, ...rest) {
          if (window.slowAnswers && message && message.type === "run") setTimeout(() => post.call(this, message, ...rest), 400);
          else post.call(this, message, ...rest); }; })();""")
    widget = open_calculator(watched, server, "en", "v=1&currency=EUR")
    wait_state(widget, "ready")
    page.route("**/calculators/lifetime-value/", lambda route: (time.sleep(1.0), route.continue_()))
    page.evaluate("window.slowAnswers = true")
    widget.locator("input[name=price]").fill("95")
    page.locator(".md-nav a[href$='calculators/lifetime-value/']").first.click()
    lifetime = page.locator("[data-calculator=lifetime_value]")
    wait_state(lifetime, "ready")
    assert lifetime.locator("select[name=currency]").input_value() == "USD"  # not the value page's EUR
    assert urlsplit(page.url).query == ""
    assert watched.errors == []


def test_blocked_runtime_fails_visibly_and_retry_works(watched, server) -> None:
    page = watched.page
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    widget = open_calculator(watched, server, "de")
    wait_state(widget, "failed")
    messages = yaml.safe_load((ROOT / "sitebuild/locales/de/widget.yml").read_text())["state"]
    assert widget.locator(".cv-progress-text").text_content() == messages["failed"]
    page.unroute("**/pyodide.asm.wasm")
    widget.locator("[data-action=retry]").click()
    wait_state(widget, "ready")
    watched.errors.clear()  # the blocked request itself is logged by Chromium


def test_an_added_offer_opens_empty_even_where_one_was_removed(reader, server) -> None:
    widget = open_calculator(reader, server, "en")
    wait_state(widget, "ready")
    add = widget.locator("[data-action=add-item]")
    add.click()
    widget.locator("input[name=economic_2]").fill("200")
    widget.locator("input[name=price_2]").fill("150")
    # Offer 2: 200 + 30 + 0 − (150 + 0 + 1 × 20) = 60 beats offer 1's 120 − 100 = 20.
    wait_value(widget, "best_by_subtraction", "2")
    widget.locator("fieldset[data-item='2'] [data-action=remove-item]").click()
    wait_value(widget, "net_value", "20")
    add.click()  # offer 2 comes back as a new offer: empty, as on a fresh page, not 200 and 150
    for key in ("economic_2", "price_2"):
        assert widget.locator(f"input[name={key}]").input_value() == ""
    # Nor do its results come back (they did, struck through: net $60), and the fields the
    # reader has not reached yet are not reported while they fill the offer in.
    assert widget.locator("output[data-key=net_value_2]").text_content() == ""
    widget.page.wait_for_timeout(1500)  # past the pause after which a typed field's message shows
    expect(widget.locator("[data-error-for=price_2]")).to_be_hidden()
    assert widget.get_attribute("data-state") == "loading"
    widget.locator("input[name=economic_2]").fill("120")
    widget.page.keyboard.press("Tab")  # on to its price, still inside the new offer
    widget.page.wait_for_timeout(1500)
    expect(widget.locator("[data-error-for=price_2]")).to_be_hidden()
    widget.locator("input[name=economic]").focus()  # the offer left without a price: now it is asked for
    wait_state(widget, "invalid")
    expect(widget.locator("[data-error-for=price_2]")).to_be_visible()
    widget.locator("input[name=price_2]").fill("100")
    # A blank offer's other fields are 0: 120 + 0 + 0 − (100 + 0 + 0 h) = 20
    wait_value(widget, "net_value_2", "20")
    assert reader.errors == []


def test_a_loss_of_a_fraction_of_a_cent_reads_as_a_loss_everywhere(reader, server) -> None:
    # 80 − 80.004 = −0.004: the ratio 80 ÷ 80.004 = 0.99995 and the cost keep the digits that
    # tell them from "1" and from the benefit of $80, in their rows and in the headline.
    widget = open_calculator(reader, server, "en", "v=1&economic=80&psychological=0&price=80.004&time_hours=0")
    wait_value(widget, "verdict", "negative")
    assert pages.text_of(widget, "value_ratio") == "0.99995"
    assert pages.text_of(widget, "total_cost") == "$80.004"
    assert pages.text_of(widget, "total_benefit") == "$80"
    assert value_of(widget, "value_ratio") == "0.99995"  # data-value: the number as computed, to six places
    headline = widget.locator("[data-headline]").text_content()
    assert "0.99995" in headline and "$0.004" in headline
    assert reader.errors == []


def test_a_link_s_unknown_currency_is_refused_and_never_written_on_the_numbers(reader, server) -> None:
    widget = open_calculator(reader, server, "en", "v=1&currency=XYZ")
    wait_state(widget, "invalid")
    expect(widget.locator("[data-error-for=currency]")).to_be_visible()
    # The results shown are the example's, in its dollars: 90 + 30 + 0 = 120.
    assert pages.text_of(widget, "total_benefit") == "$120"
    assert "XYZ" not in widget.locator(".cv-results").text_content()
    widget.locator("select[name=currency]").select_option("EUR")
    wait_value(widget, "net_value", "20")
    assert pages.text_of(widget, "total_benefit") == "€120"
    assert reader.errors == []


def test_an_amount_too_near_zero_to_show_is_refused_in_the_page_s_number_style(reader, server) -> None:
    # 0.0000004 hours read "0 h" in a note while they counted; now it is refused, and the
    # message writes the smallest number a page shows as the page writes numbers.
    for lang, typed, smallest in (("de", "0,0000004", "0,000001"), ("en", "0.0000009", "0.000001")):
        widget = open_calculator(reader, server, lang, "v=1&hourly_value=0")
        wait_state(widget, "ready")
        widget.locator("input[name=time_hours]").fill(typed)
        widget.locator("input[name=time_hours]").blur()
        wait_state(widget, "invalid")
        message = widget.locator("[data-error-for=time_hours]")
        expect(message).to_be_visible()
        assert smallest in message.text_content()
        widget.locator("input[name=time_hours]").fill(smallest)
        wait_state(widget, "ready")
        # 90 + 30 − (80 + 0.000001 h × 0) = 40; the note names the hours as typed, not "0 h"
        assert value_of(widget, "net_value") == "40"
        expect(widget.locator("[data-note='value.time_unpriced']")).to_contain_text(f"({smallest}")
    assert reader.errors == []
