"""The trainers' kit in Chromium: QR codes, present mode, worksheets, exports, the scenario
library, the room comparison and working offline — each in at least two languages."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml
from pypdf import PdfReader

from calculators.presets import PRESETS
from calculators.registry import CALCULATORS
from sitebuild.chapters import CALCULATOR_CHAPTERS, workshop_questions
from sitebuild.macros import calculator_link, resolved_preset
from sitebuild.messages import catalogue, lookup
from tests.browser.pages import goto, share
from tests.conftest import ROOT

JSQR = ROOT / "node_modules/jsqr/dist/jsQR.js"
# Null-safe: right after a click, instant navigation may not have swapped the page in yet.
READY = "document.querySelector('[data-calculator]')?.dataset.state === 'ready'"
PRESET_CASES = [(cid, name) for cid, presets in PRESETS.items() for name in presets]


def preset_url(server, lang: str, calculator_id: str, example: str) -> str:
    schema = CALCULATORS[calculator_id]
    prefix = "" if lang == "en" else f"{lang}/"
    return f"{server.url}{prefix}calculators/{schema.slug}/" + calculator_link(schema, resolved_preset(calculator_id, example, lang))


def open_ready(where, url: str):
    """Open ``url`` (by instant navigation where the page is on the site: pages.goto) and wait
    until its calculator is ready; return the page."""
    page = goto(where, url)
    page.wait_for_function(READY, timeout=90_000)
    return page


def decode_qr(page, selector: str) -> str:
    """Read the QR code's SVG the way a phone camera would: as pixels, decoded by jsQR."""
    page.add_script_tag(path=str(JSQR))
    return page.evaluate("""async (selector) => {
        const svg = document.querySelector(selector);
        const image = new Image();
        image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(svg));
        await image.decode();
        const canvas = Object.assign(document.createElement("canvas"), { width: 600, height: 600 });
        const context = canvas.getContext("2d");
        context.drawImage(image, 0, 0, 600, 600);
        const found = jsQR(context.getImageData(0, 0, 600, 600).data, 600, 600);
        return found ? found.data : null;
    }""", selector)


def query_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


# --- Share: the QR code -----------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "de"])
def test_qr_code_decodes_to_the_current_link_without_present(reader, server, lang: str) -> None:
    page = open_ready(reader, preset_url(server, lang, "competition", "breakfast") + "&present=1")
    share(page, "qr")
    page.wait_for_selector(".cv-share-qr:not([hidden]) svg")
    decoded = decode_qr(page, ".cv-share-qr svg")
    assert decoded is not None
    assert urlsplit(decoded).path == urlsplit(page.url).path
    expected = query_of(page.url)
    expected.pop("present")  # the address bar keeps it while presenting; shared links never
    assert query_of(decoded) == expected
    # Change a figure: the code follows the scenario.
    page.fill("input[name=benefit]", "7" if lang == "en" else "7,5")
    page.wait_for_function(f"document.querySelector('output[data-key=net]').dataset.value === '{'4' if lang == 'en' else '4.5'}'")
    page.wait_for_function("document.querySelector('.cv-share-qr .cv-qr-code').dataset.link.includes('benefit=')")
    decoded = decode_qr(page, ".cv-share-qr svg")
    assert query_of(decoded)["benefit"] == ("7" if lang == "en" else "7.5") and "present" not in query_of(decoded)
    # The code is drawn large enough to scan from a projector: at least 300 CSS pixels.
    assert page.locator(".cv-share-qr svg").bounding_box()["width"] >= 300
    # A link's present mode ends with the button, like one switched on by hand.
    share(page, "present")
    assert "present" not in page.url and page.locator(".md-header").is_visible()
    assert reader.errors == []


# --- The "Share & teach" menu ------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ru"])
def test_share_and_teach_menu_works_by_keyboard_and_passes_axe(reader, server, lang: str) -> None:
    from sitebuild.messages import catalogue

    page = open_ready(reader, preset_url(server, lang, "lifetime_value", "fitness-club"))
    words, widget_words = catalogue(lang, "workshop")["actions"], catalogue(lang, "widget")["actions"]
    toggle, menu = page.locator(".cv-share-toggle"), page.locator(".cv-share-menu")
    assert toggle.inner_text().strip() == words["share"]
    assert menu.is_hidden() and toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == menu.get_attribute("id")
    toggle.focus()
    page.keyboard.press("Enter")
    assert menu.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    labels = [b.inner_text().strip() for b in menu.locator("button").all()]
    assert labels == [widget_words["copy_link"], words["mine"], words["qr"], words["present"],
                      words["worksheet"], words["csv"], words["json"]]
    page.add_script_tag(path=str(ROOT / "node_modules/axe-core/axe.min.js"))
    violations = page.evaluate("axe.run('.cv-share', {resultTypes: ['violations']}).then(r => r.violations.map(v => v.id))")
    assert violations == []
    # Tab walks the items in their order; Escape closes the menu and gives focus back.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "copy-link"
    page.keyboard.press("Escape")
    assert menu.is_hidden() and page.evaluate("document.activeElement.classList.contains('cv-share-toggle')")
    # Choosing an item by keyboard does it and closes the menu; a click elsewhere closes it too.
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "My result as a QR code"
    page.wait_for_selector(".cv-my-qr:not([hidden]) svg")
    assert menu.is_hidden() and page.locator("[data-action=mine]").get_attribute("aria-expanded") == "true"
    toggle.click()
    page.locator("article h1").click()
    assert menu.is_hidden()
    share(page, "mine")  # and closed again
    assert page.locator(".cv-my-qr").is_hidden()
    assert reader.errors == []


# --- My result as a QR code ------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "de"])
def test_my_result_qr_code_holds_my_link_and_my_name(reader, server, lang: str) -> None:
    page = open_ready(reader, preset_url(server, lang, "value", "example"))
    page.fill("input[name=price]", "95")
    page.wait_for_function("document.querySelector('[data-calculator]').dataset.state === 'ready' && location.search.includes('price=95')")
    share(page, "mine")
    page.wait_for_selector(".cv-my-qr:not([hidden]) svg")
    link = page.url  # the address bar follows the inputs with the link Copy link writes
    assert query_of(link)["price"] == "95"
    assert decode_qr(page, ".cv-my-qr svg") == link
    # With a name, the code holds the line compare.js reads: "name: link".
    page.fill("[data-my-name]", "Anna Müller")
    page.wait_for_function("document.querySelector('.cv-my-qr .cv-qr-code').dataset.link.startsWith('Anna')")
    assert decode_qr(page, ".cv-my-qr svg") == f"Anna Müller: {link}"
    # Edits redraw it; the name is no input of the calculator and never enters the link.
    page.fill("input[name=price]", "96")
    page.wait_for_function("document.querySelector('.cv-my-qr .cv-qr-code').dataset.link.includes('price=96')")
    assert "Anna" not in page.url
    # Large enough to scan from a phone held up to a laptop camera: wider than 300 CSS px here,
    # and the phone's full width at 360 px (test_room.py's screenshots).
    assert page.locator(".cv-my-qr svg").bounding_box()["width"] >= 300
    # The name is kept on this device for the next calculator.
    other = open_ready(reader, preset_url(server, lang, "lifetime_value", "fitness-club"))
    share(other, "mine")
    other.wait_for_selector(".cv-my-qr:not([hidden]) svg")
    assert other.locator("[data-my-name]").input_value() == "Anna Müller"
    other.evaluate("localStorage.removeItem('cv-my-name')")
    assert reader.errors == []


# --- Present mode ----------------------------------------------------------------------------

# Every preset on a 1280 × 720 screen and a 1920 × 1080 projector: tests/browser/test_present.py.

def test_present_mode_ends_when_the_reader_leaves_the_page(reader, server) -> None:
    page = open_ready(reader, preset_url(server, "en", "value", "example") + "&present=1")
    assert page.evaluate("document.documentElement.classList.contains('cv-present')")
    goto(reader, f"{server.url}what-customer-value-is/")  # instant navigation: the same document
    assert not page.evaluate("document.documentElement.classList.contains('cv-present')")
    assert page.locator(".md-header").is_visible()
    assert reader.errors == []


# --- The worksheet ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["de", "ru"])
def test_worksheet_of_every_preset_prints_on_one_a4_page(browser, server, lang: str, tmp_path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    problems = {}
    for calculator_id, example in PRESET_CASES:  # one page: Python starts once (pages.goto)
        open_ready(page, preset_url(server, lang, calculator_id, example))
        page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
        share(page, "worksheet")
        page.wait_for_function("window.printed === 1 && document.querySelector('.cv-worksheet-qr svg')")
        pdf = tmp_path / f"{calculator_id}-{example}.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
        reader = PdfReader(pdf)
        text = re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))
        first_question = re.sub(r"\s+", "", workshop_questions(lang, CALCULATOR_CHAPTERS[calculator_id])[0])
        net = page.locator("output[data-key]").first.inner_text()
        # No button on paper (QA: the answer's "Show details" was printed beside the headline).
        button = re.sub(r"\s+", "", catalogue(lang, "widget")["answer"]["show"])
        if len(reader.pages) != 1 or first_question[:20] not in text or re.sub(r"\s+", "", net) not in text or button in text:
            problems[f"{calculator_id}/{example}"] = (len(reader.pages), first_question[:20] in text, net, button in text)
    context.close()
    assert problems == {}


# --- Export -----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ko"])
def test_csv_and_json_exports_round_trip_and_neutralise_formulas(reader, server, lang: str, tmp_path) -> None:
    hostile = '=HYPERLINK("http://example.com","win")'
    url = preset_url(server, lang, "competition", "breakfast").replace("name_1=", "name_1=%3DHYPERLINK%28%22http%3A%2F%2Fexample.com%22%2C%22win%22%29&x=")
    page = open_ready(reader, url + "&name_2=%40SUM%281%29")
    exported = {}
    for kind in ("csv", "json"):
        with page.expect_download() as download:
            share(page, kind)
        path = tmp_path / f"scenario.{kind}"
        download.value.save_as(path)
        assert download.value.suggested_filename == f"competition-scenario.{kind}"
        exported[kind] = path.read_bytes()
    record = json.loads(exported["json"])
    rows = list(csv.reader(io.StringIO(exported["csv"].decode("utf-8-sig"))))
    assert exported["csv"].startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets read UTF-8 then
    about = {row[1]: row[3] for row in rows[1:] if row[1] in ("calculator", "lang", "link")}
    assert about == {"calculator": "competition", "lang": lang, "link": record["link"]}
    csv_inputs = {row[1]: row[3] for row in rows if row[1] in record["inputs"] and row[0] != rows[1][0]}
    csv_results = {row[1]: row[3] for row in rows if row[1] in record["results"]}
    # Formula-looking text gets an apostrophe in the CSV; JSON keeps the text as typed.
    assert record["inputs"]["name_1"] == hostile and csv_inputs["name_1"] == "'" + hostile
    assert record["inputs"]["name_2"] == "@SUM(1)" and csv_inputs["name_2"] == "'@SUM(1)"
    # Round trip: the CSV and the JSON say the same, and both match the page.
    for key, value in record["inputs"].items():
        assert csv_inputs[key].lstrip("'") == ("" if value is None else str(value) if not isinstance(value, float) or not value.is_integer() else str(int(value))), key
    page.locator(".cv-more > summary").first.click()  # every result but the headline is under "More results"
    shown = {o.get_attribute("data-key"): o.get_attribute("data-value") for o in page.locator("output[data-key]").all()
             if o.is_visible()}
    for key, value in record["results"].items():
        assert csv_results[key] == shown[key], key
        assert (str(value) if not isinstance(value, float) or not value.is_integer() else str(int(value))) == shown[key] or value is None
    assert record["results"]["net_2"] == 3  # the sandwich: 6 − 3
    # The exported link opens the same scenario.
    page = open_ready(reader, record["link"])
    assert page.locator("input[name=name_1]").input_value() == hostile
    assert page.locator("output[data-key=net_2]").get_attribute("data-value") == "3"
    assert reader.errors == []


# --- The scenario library ---------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "nl", "zh"])
def test_scenario_library_cards_have_a_question_a_link_and_a_matching_qr_code(reader, server, lang: str) -> None:
    from sitebuild.workshop import SCENARIOS

    lead = lookup(lang, "workshop", "scenarios")["question"]  # "Question for the room: ", "讨论题："
    assert lead.endswith("：" if lang == "zh" else ": ")

    page = goto(reader, f"{server.url}{'' if lang == 'en' else lang + '/'}workshop/scenarios/")
    cards = page.locator(".cv-scenario")
    assert cards.count() == len(SCENARIOS)
    page.wait_for_function(f"document.querySelectorAll('.cv-scenario svg').length === {len(SCENARIOS)}")
    for index, (calculator_id, example) in enumerate(SCENARIOS):
        card = cards.nth(index)
        link = card.locator("a.md-button").evaluate("a => a.href")
        assert query_of(link) == query_of(preset_url(server, lang, calculator_id, example))
        assert decode_qr(page, f".cv-scenario:nth-child({index + 1}) svg") == link
        question = card.locator("p").first.inner_text()
        assert question.startswith(lead) and len(question) > len(lead) + 20 and question[len(lead)] != " "
        # The trainer's note, folded as under each chapter's questions: what a good answer covers.
        note = card.locator("details.note")
        assert note.locator("summary").inner_text() == lookup(lang, "questions", "trainer_note")
        assert not note.evaluate("d => d.open")
        expected = lookup(lang, "workshop", "scenarios")["items"][f"{calculator_id}/{example}"]["note"]
        assert note.locator("p").text_content() == expected and len(expected) > 40  # a sentence or two (Chinese: 78 characters)
        # Every card's link and code are named alike; each is described by its card's title.
        title = card.locator("h2").inner_text()
        for described in (card.locator("a.md-button"), card.locator("figure.cv-qr")):
            assert page.locator("#" + described.get_attribute("aria-describedby")).inner_text() == title
    card = cards.nth(0)
    card.locator("a.md-button").click()
    page.wait_for_function(READY, timeout=90_000)
    assert page.locator("output[data-key=best_by_subtraction]").get_attribute("data-value") == "1"
    assert page.locator("output[data-key=best_by_ratio]").get_attribute("data-value") == "2"
    assert reader.errors == []


# --- Compare the room ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ru"])
def test_compare_shows_participants_side_by_side_and_names_bad_lines(reader, server, lang: str) -> None:
    prefix = "" if lang == "en" else f"{lang}/"
    page = goto(reader, f"{server.url}{prefix}workshop/compare/")
    base = f"{server.url}{prefix}calculators/value/"
    links = [
        base + "?v=1&economic=90&psychological=30&price=80&time_hours=1&hourly_value=20",  # 120 − 100 = 20
        # Defaults fill the rest: (200 + 30 + 0) − (150 + 0 + 1 h × 20) = 230 − 170 = 60.
        base + "?v=1&economic=200&price=150",
        "not a link at all",
        f"{server.url}{prefix}calculators/competition/?v=1",
        base + "?v=1&price=-5",
        base + "?v=2&price=95",  # a link format this guide does not read
    ]
    page.fill("#cv-compare-links", "\n".join(links))
    page.click("[data-action=compare]")
    page.wait_for_function("document.querySelector('.cv-compare').dataset.compared === '3'", timeout=90_000)
    # One row per participant, sorted by the net value, highest first; the invalid link last.
    lines = [r.get_attribute("data-line") for r in page.locator(".cv-compare-grid tbody tr").all()]
    assert lines == ["2", "1", "5"]
    net = [c.get_attribute("data-value") for c in page.locator(".cv-compare-grid tbody td[data-key=net_value]").all()]
    assert net == ["60", "20", None]  # the fifth line's price fails: no result
    price = page.locator("tr[data-line='1'] td[data-key=price]").inner_text()
    assert price.replace("\u00a0", " ") == ("$80" if lang == "en" else "80 $")  # as the calculator writes money
    # Lines 3, 4 and 6 are set aside by number, and so is line 5, whose price fails.
    messages = page.locator(".cv-compare-messages").inner_text()
    price_label = page.locator(".cv-compare-grid thead th[data-key=price]").inner_text()
    assert re.findall(r"\d+", messages) == ["3", "4", "6", "5"] and messages.rstrip(".").endswith(price_label), messages
    words = yaml.safe_load((ROOT / f"sitebuild/locales/{lang}/workshop.yml").read_text(encoding="utf-8"))["compare"]
    assert words["other_version"].replace("{n}", "6") in messages  # not "no link": another format
    # For a screen reader: the table is not read out whole at each comparison (no live region),
    # a status line says how many are in the room, and a row's header is the name alone (its
    # "remove" button would otherwise be read before every cell: "Remove Anna Anna").
    assert page.locator(".cv-compare-table").get_attribute("aria-live") is None
    assert page.locator(".cv-compare-count").text_content() == words["count"].replace("{n}", "3")
    headers = page.locator(".cv-compare-grid tbody th").evaluate_all("ths => ths.map(th => th.getAttribute('aria-label'))")
    # Unnamed, each is numbered by its line, as the "Line" column and the messages are.
    assert headers == [words["participant"].replace("{n}", str(n)) for n in (2, 1, 5)]
    assert reader.errors == []


# --- A room on one Wi-Fi: cacheable files, the service worker, "prepare this device" ------------

def test_runtime_files_are_served_for_long_caching_under_versioned_names(server) -> None:
    import urllib.request

    offline = json.loads(urllib.request.urlopen(server.url + "offline.json").read())
    for file in offline["runtime"]:
        # Pyodide's folder: its version and the digest of the (compiled, trimmed) standard library.
        assert re.match(r"assets/(pyodide/\d+\.\d+\.\d+-[0-9a-f]{12}|calculators/[0-9a-f]{12})/", file), file
        with urllib.request.urlopen(server.url + file) as response:
            assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    with urllib.request.urlopen(server.url + "sw.js") as response:
        assert response.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize(("first", "second"), [("calculators/value/", "de/calculators/competition/")])
def test_after_one_visit_the_calculators_work_with_the_network_cut(browser, server, first: str, second: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    for path in (first, second):
        open_ready(page, server.url + path)
        page.wait_for_function("'offlineReady' in document.documentElement.dataset", timeout=60_000)
    context.set_offline(True)
    # The value page's example: 120 − (70 + 1 h × 20) = 30; the breakfast: 7.5 − 3 = 4.5.
    for path, field, typed, key, expected in ((first, "price", "70", "net_value", "30"),
                                              (second, "benefit", "7,5", "net", "4.5")):
        page.goto(server.url + path)
        page.wait_for_function(READY, timeout=90_000)
        page.fill(f"input[name={field}]", typed)
        page.wait_for_function(f"document.querySelector('output[data-key={key}]').dataset.value === '{expected}'")
    context.close()


def test_a_page_reached_by_instant_navigation_is_kept_and_links_work_offline(browser, server) -> None:
    context = browser.new_context()
    page = context.new_page()
    open_ready(page, server.url + "nl/calculators/value/")
    page.wait_for_function("'offlineReady' in document.documentElement.dataset", timeout=60_000)
    timeline = page.evaluate("performance.timeOrigin")
    page.locator(".md-nav a[href$='calculators/lifetime-value/']").first.click()
    page.wait_for_function("document.querySelector('[data-calculator=lifetime_value]')?.dataset.state === 'ready'", timeout=30_000)
    assert page.evaluate("performance.timeOrigin") == timeline  # an instant navigation
    page.wait_for_function("async (url) => Boolean(await caches.match(url))",
                           arg=server.url + "nl/calculators/lifetime-value/", polling=200, timeout=60_000)
    context.set_offline(True)
    # Offline, the service worker answers the instant navigation from what the visit kept.
    page.locator(".md-nav a[href$='calculators/value/']").first.click()
    page.wait_for_function("document.querySelector('[data-calculator=value]')?.dataset.state === 'ready'", timeout=90_000)
    assert page.evaluate("performance.timeOrigin") == timeline
    page.goto(server.url + "nl/calculators/lifetime-value/")
    page.wait_for_function(READY, timeout=90_000)
    page.fill("input[name=average_check]", "30")
    # 30 × 1 × 100 % × 36 months = 1.080
    page.wait_for_function("document.querySelector('output[data-key=lifetime_value]').dataset.value === '1080'")
    context.close()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_prepare_this_device_keeps_every_calculator_for_offline_use(browser, server, lang: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    prefix = "" if lang == "en" else f"{lang}/"
    page.goto(f"{server.url}{prefix}workshop/")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
    page.click("[data-action=prepare]")
    page.wait_for_function("document.querySelector('.cv-prepare').dataset.prepared", timeout=120_000)
    assert page.locator(".cv-prepare-status").inner_text().strip()
    context.set_offline(True)
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    # Never visited before, and the network is gone.
    page.goto(f"{server.url}{prefix}calculators/lifetime-value/?v=1&average_check=30")
    page.wait_for_function(READY, timeout=90_000)
    # 30 × 1 × 100 % × 36 months = 1,080
    assert page.locator("output[data-key=lifetime_value]").get_attribute("data-value") == "1080"
    # Material's sitemap probes beside the page's six alternates are answered as online, with
    # an empty sitemap (QA: six failed requests on every page).
    page.wait_for_load_state("networkidle")
    assert [url for url in failed if url.endswith("sitemap.xml")] == []
    # The language's sitemap was kept: a click is an instant navigation, and Python stays up.
    timeline = page.evaluate("performance.timeOrigin")
    page.locator(".md-nav a[href$='calculators/value/']").first.click()
    page.wait_for_function("document.querySelector('[data-calculator=value]')?.dataset.state === 'ready'", timeout=30_000)
    assert page.evaluate("performance.timeOrigin") == timeline
    # The chapters the workshop plan sends the room to open too (QA: the browser's error page),
    # with the calculator a chapter embeds.
    page.goto(f"{server.url}{prefix}levels-of-competition/")
    assert page.locator("html").get_attribute("lang").startswith(lang)
    assert page.locator("article h1").count() == 1
    page.goto(f"{server.url}{prefix}customer-lifetime-value/")
    page.wait_for_function("document.querySelector('[data-calculator]') !== null")
    context.close()


def test_offline_a_page_not_kept_says_so_in_its_language(browser, server) -> None:
    # QA: a page neither the network nor the device had showed the browser's own error page.
    context = browser.new_context()
    page = context.new_page()
    # A visit to a calculator keeps the runtime and, with it, every language's notice.
    page.goto(f"{server.url}ko/calculators/value/")
    page.wait_for_function("document.documentElement.dataset.offlineReady !== undefined", timeout=90_000)
    context.set_offline(True)
    for lang in ("ko", "en"):  # a language's folder, and the default language's at the root
        prefix = "" if lang == "en" else f"{lang}/"
        page.goto(f"{server.url}{prefix}innovation/")  # never visited, never prepared
        assert page.locator("h1").inner_text() == catalogue(lang, "workshop")["prepare"]["offline_title"]
        assert page.locator("html").get_attribute("lang") == lang
        # Its links lead to the language's calculators, from wherever it is shown.
        assert page.locator("main li a").first.evaluate("a => a.href") == f"{server.url}{prefix}calculators/value/"
    context.close()


# --- Links that last, in the browser ----------------------------------------------------------

@pytest.mark.parametrize("lang", ["de", "zh"])
def test_kept_links_open_the_same_numbers_in_the_browser(reader, server, lang: str) -> None:
    from tests.calculators.test_kept_links import KEPT_LINKS

    prefix = "" if lang == "en" else f"{lang}/"
    wrong = {}
    for calculator_id, query, expected in KEPT_LINKS:
        page = open_ready(reader, f"{server.url}{prefix}calculators/{CALCULATORS[calculator_id].slug}/?{query}")
        shown = {key: page.locator(f"output[data-key={key}]").get_attribute("data-value") for key in expected}
        if shown != expected:
            wrong[query[:40]] = shown
    assert wrong == {}
    assert reader.errors == []
