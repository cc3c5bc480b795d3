"""Issue 19, the site level in Chromium: navigation in sections, the room comparison with a
full room, and CSV files that open in the reader's spreadsheet."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.browser.pages import share
from tests.browser.test_workshop import open_ready, preset_url

SECTIONS = {"en": ["Learn", "Calculators", "Workshop"], "de": ["Lernen", "Rechner", "Workshop"],
            "zh": ["学习", "计算器", "工作坊"]}


@pytest.mark.parametrize("lang", ["en", "de", "zh"])
def test_navigation_is_in_three_translated_sections(watched, server, lang: str) -> None:
    page = watched.page
    page.goto(f"{server.url}{'' if lang == 'en' else lang + '/'}")
    sections = page.locator(".md-sidebar--primary .md-nav__item--section > label, .md-sidebar--primary .md-nav__item--section > .md-nav__link")
    titles = [re.sub(r"\s+", " ", t).strip() for t in sections.all_inner_texts()]
    assert titles == SECTIONS[lang]
    # Each section lists its pages: 12 chapters' pages, 3 calculators, 3 workshop pages.
    counts = page.evaluate("""() => [...document.querySelectorAll('.md-sidebar--primary .md-nav__item--section')]
        .map(s => s.querySelectorAll('nav a.md-nav__link').length)""")
    assert counts == [12, 3, 3]
    # Instant navigation through a section's link: no full load.
    page.locator(".md-sidebar--primary .md-nav__item--section").nth(2).locator("a.md-nav__link").last.click()
    page.wait_for_url(re.compile(r"/workshop/compare/$"))
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert watched.errors == []


NAMES = ["Anna", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kim", "Lena", "Marta",
         "Nils", "Olga", "Paul", "Quinn", "Rosa", "Sven", "Tara", "Uwe", "Vera", "Wim", "Xu", "Yara"]


def room_links(base: str) -> list[str]:
    """25 participants as a chat copies them: most with a name, every third a bare link.

    Participant i sets economic = 100 + 13·i and price = 80 + (7·i mod 50); the other inputs
    stay at the defaults (psychological 30, time 1 h × 20), so net value = 100 + 13i + 30 −
    (80 + (7i mod 50) + 20) = 30 + 13i − (7i mod 50): i = 0 → 30, i = 24 → 30 + 312 − 18 = 324.
    """
    lines = []
    for i, name in enumerate(NAMES):
        link = f"{base}?v=1&economic={100 + 13 * i}&price={80 + (7 * i) % 50}"
        if i == 4:  # as a Chinese keyboard writes it: a full-width colon, no space
            lines.append(f"{name}：{link}")
        else:
            lines.append(link if i % 3 == 0 else f"[10:{i:02d}] {name}: {link}")
    return lines


@pytest.mark.parametrize(("lang", "width"), [("en", 360), ("ru", 1280)])
def test_compare_a_room_of_25_named_sorted_marked_and_readable(browser, server, lang: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    prefix = "" if lang == "en" else f"{lang}/"
    page.goto(f"{server.url}{prefix}workshop/compare/")
    lines = room_links(f"{server.url}{prefix}calculators/value/")
    # A blank line and a bad line at the end: messages count the lines as pasted.
    page.fill("#cv-compare-links", "\n".join(lines[:10] + [""] + lines[10:] + ["Zoe: no link here"]))
    page.click("[data-action=compare]")
    page.wait_for_function("document.querySelector('.cv-compare').dataset.compared === '25'", timeout=120_000)
    expected = sorted(((30 + 13 * i - (7 * i) % 50, i) for i in range(25)), key=lambda pair: (-pair[0], pair[1]))
    rows = page.locator(".cv-compare-grid tbody tr")
    assert rows.count() == 25
    net = [float(v) for v in page.locator(".cv-compare-grid tbody td[data-key=net_value]").evaluate_all("cs => cs.map(c => c.dataset.value)")]
    assert net == [value for value, _ in expected]
    # Named rows: the name typed before the link, else the participant's number; pasted line
    # numbers (after the blank line 11, participant i sits on line i + 2).
    # (The name's text, without its "remove" button.)
    names = page.locator(".cv-compare-grid tbody th").evaluate_all(
        "ths => ths.map(th => [...th.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('').trim())")
    line_numbers = [int(v) for v in rows.evaluate_all("rs => rs.map(r => r.dataset.line)")]
    for (_value, i), name, line in zip(expected, names, line_numbers):
        assert line == (i + 1 if i < 10 else i + 2)
        assert (name == NAMES[i]) if i % 3 else re.search(rf"\b{line}\b", name), (name, i)  # by its line
    # Highest and lowest are marked in words (not colour alone), once each, at the ends.
    assert rows.first.get_attribute("data-mark") == "highest" and rows.last.get_attribute("data-mark") == "lowest"
    assert page.locator(".cv-compare-mark").count() == 2
    assert "▲" in rows.first.inner_text() and "▼" in rows.last.inner_text()
    messages = page.locator(".cv-compare-messages").inner_text()
    assert re.findall(r"\d+", messages) == ["27"], messages
    # Readable: no sideways scroll of the page, numbers at least 12 px, a row no taller than
    # two lines, and the names stay in view when the table scrolls sideways.
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.cv-compare-grid tbody td[data-key=net_value]')).fontSize)") >= 12
    assert max(rows.evaluate_all("rs => rs.map(r => r.getBoundingClientRect().height)")) <= 48
    page.evaluate("document.querySelector('.cv-compare-table').scrollLeft = 10000")
    name_box = rows.first.locator("th").bounding_box()
    table_box = page.locator(".cv-compare-table").bounding_box()
    assert name_box["x"] >= table_box["x"] - 1
    assert errors == []
    context.close()


@pytest.mark.parametrize(("lang", "delimiter", "ratio"), [("de", ";", "1,25"), ("en", ",", "1.25")])
def test_csv_follows_the_locale(watched, server, lang: str, delimiter: str, ratio: str, tmp_path) -> None:
    page = watched.page
    open_ready(page, preset_url(server, lang, "value", "example"))
    with page.expect_download() as download:
        share(page, "csv")
    path = tmp_path / "scenario.csv"
    download.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads it as UTF-8
    text = data.decode("utf-8-sig")
    assert csv.Sniffer().sniff(text.splitlines()[0]).delimiter == delimiter
    rows = {row[1]: row[3] for row in csv.reader(io.StringIO(text), delimiter=delimiter)}
    # Offer 1 of the example: benefit 1250, cost 1000 → ratio 1.25 (the workshop's figures).
    assert rows["value_ratio"] == ratio
    assert rows["net_value"] == "250"
    assert rows["lang"] == lang and rows["link"].startswith("http")
    assert watched.errors == []


# --- The value calculator's benefit-versus-cost chart ----------------------------------------

@pytest.mark.parametrize(("lang", "width", "scheme"), [("de", 360, "dark"), ("en", 1280, "light")])
def test_value_chart_sets_benefit_beside_cost_for_each_offer(browser, server, lang: str, width: int, scheme: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    open_ready(page, preset_url(server, lang, "value", "example"))
    # The chart is among "more results", as a reader finds it: on a phone the answer bar is
    # opened first, then "more results" (the calculator page folds both since the answer panel).
    toggle = page.locator(".cv-answer-toggle")
    if toggle.is_visible():
        toggle.click()
    page.locator(".cv-more > summary").click()
    bars = page.locator(".cv-figure svg.cv-bars rect")
    widths = {f"{r.get_attribute('data-key')}_{i // 2 + 1}": float(r.get_attribute("width")) for i, r in enumerate(bars.all())}
    # Offer 1: benefit 1250, cost 1000; offer 2: benefit 600, cost 400 — one scale from 0.
    assert widths["total_cost_1"] / widths["total_benefit_1"] == pytest.approx(1000 / 1250, rel=0.01)
    assert widths["total_benefit_2"] / widths["total_benefit_1"] == pytest.approx(600 / 1250, rel=0.01)
    assert widths["total_cost_2"] / widths["total_benefit_1"] == pytest.approx(400 / 1250, rel=0.01)
    # It is drawn within its container and the screen, and differs from the page in dark mode.
    svg_box = page.locator(".cv-figure svg.cv-bars").bounding_box()
    box = page.locator(".cv-figure").bounding_box()
    assert box["x"] <= svg_box["x"] and svg_box["x"] + svg_box["width"] <= min(width, box["x"] + box["width"]) + 0.5
    fill, background = page.evaluate("""() => [getComputedStyle(document.querySelector('.cv-bar-benefit')).fill,
        getComputedStyle(document.body).backgroundColor]""")
    assert fill != background
    # The data table says the same in the page's number style; it follows a changed input.
    table = page.locator(".cv-figure .cv-figure-data")
    first = table.locator("tbody tr").first.text_content().replace("\u00a0", " ")  # folded: text, not rendering
    assert ("1.250 $" if lang == "de" else "$1,250") in first and ("250 $" if lang == "de" else "$250") in first
    page.fill("input[name=economic]", "2000")  # benefit 2000 + 200 + 50 = 2250, net 1250
    page.wait_for_function("document.querySelector('output[data-key=total_benefit]').dataset.value === '2250'")
    first = table.locator("tbody tr").first.text_content().replace("\u00a0", " ")
    assert ("2.250 $" if lang == "de" else "$2,250") in first
    assert errors == []
    context.close()


# --- Present mode on a projector ----------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ru"])
def test_present_mode_is_readable_from_the_back_row_at_1920_by_1080(browser, server, lang: str) -> None:
    from sitebuild.chapters import CALCULATOR_CHAPTERS, workshop_questions
    from tests.browser.test_workshop import decode_qr, query_of

    context = browser.new_context(viewport={"width": 1920, "height": 1080}, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    open_ready(page, preset_url(server, lang, "value", "example"))
    share(page, "present")
    page.wait_for_selector(".cv-present-head", state="visible")
    page.wait_for_selector(".cv-share-qr:not([hidden]) svg")
    head = page.locator(".cv-present-head")
    title = page.evaluate("document.querySelector('article h1').firstChild.textContent.trim()")  # without its ¶ link
    assert head.locator(".cv-present-title").inner_text() == title
    question = workshop_questions(lang, CALCULATOR_CHAPTERS["value"])[0]
    assert re.sub(r"\s+", " ", head.locator(".cv-present-question").inner_text()) == re.sub(r"\s+", " ", question)
    # Every number shown is at least 48 px; so is the title. Names and words ("Offer 1",
    # "positive") are as large as the headline, 30 px: at 48 px they broke letter by letter.
    sizes = page.evaluate("""[...document.querySelectorAll('.cv-presenting .cv-results output')]
        .filter(o => o.offsetParent && o.getBoundingClientRect().width)
        .map(o => [['item', 'category', 'text'].includes(o.dataset.kind), parseFloat(getComputedStyle(o).fontSize)])""")
    numbers = [size for word, size in sizes if not word]
    assert numbers and min(numbers) >= 48, sizes
    assert min(size for _, size in sizes) >= 30, sizes
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.cv-present-title')).fontSize)") >= 48
    # The chart is shown, and the QR code holds the link as Copy link writes it (no present=1).
    assert page.locator(".cv-presenting .cv-figure svg.cv-bars").is_visible()
    decoded = decode_qr(page, ".cv-share-qr svg")
    expected = query_of(page.url)
    expected.pop("present")
    assert decoded is not None and query_of(decoded) == expected and "present" not in decoded
    # The code covers no number, and leaving present mode puts it away again.
    qr = page.locator(".cv-share-qr").bounding_box()
    for box in page.locator(".cv-presenting .cv-results output").evaluate_all(
            "os => os.filter(o => o.offsetParent).map(o => { const r = o.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })"):
        x, y, w, h = box
        assert x + w <= qr["x"] or x >= qr["x"] + qr["width"] or y + h <= qr["y"] or y >= qr["y"] + qr["height"], box
    share(page, "present")
    assert page.locator(".cv-share-qr").is_hidden() and page.locator(".cv-present-head").count() == 0
    assert errors == []
    context.close()
