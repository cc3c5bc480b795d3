"""Compare the room without a server, in Chromium: participants' "my result" QR codes read from
images and from a (fake) camera, one after another, into the table the pasted links build; the
same code read twice counts once; a person removed; the room kept over a reload and cleared.
Two languages each. The QR images are drawn by the site's own generator (share.js)."""

from __future__ import annotations

import base64
import re
import urllib.parse
from pathlib import Path

import pytest

from calculators.presets import PRESETS
from calculators.run import run
from sitebuild.messages import catalogue
from tests.browser.pages import goto
from tests.conftest import ROOT

COMPARED = "n => document.querySelector('.cv-compare').dataset.compared === String(n)"

# Three participants of the value calculator; the version's defaults fill the rest
# (psychological 30, social 0, transaction 0, 1 hour at 20 an hour):
#   Anna: (90 + 30) − (80 + 1 × 20) = 20;  Bob: (200 + 30) − (150 + 20) = 60;
#   the unnamed third: (100 + 30) − (100 + 20) = 10.
PARTICIPANTS = (
    ("Anna", "economic=90&psychological=30&price=80&time_hours=1&hourly_value=20", "20"),
    ("Bob", "economic=200&price=150", "60"),
    ("", "economic=100&price=100", "10"),
)


def compare_url(server, lang: str) -> str:
    return f"{server.url}{'' if lang == 'en' else lang + '/'}workshop/compare/"


def lines_for(server, lang: str) -> list[str]:
    base = f"{server.url}{'' if lang == 'en' else lang + '/'}calculators/value/?v=1&"
    return [f"{name}: {base}{query}" if name else base + query for name, query, _ in PARTICIPANTS]


_DRAW = """async ([text, width, height, size]) => {
    const { qrSvg } = await import(new URL("/assets/js/share.js", location.href).href);
    const svg = await qrSvg(text, "code");
    const image = new Image();
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(svg));
    await image.decode();
    const canvas = Object.assign(document.createElement("canvas"), { width, height });
    const context = canvas.getContext("2d");
    context.fillStyle = "#fff";
    context.fillRect(0, 0, width, height);
    if (text) context.drawImage(image, (width - size) / 2, (height - size) / 2, size, size);
    return canvas.toDataURL("image/png");
}"""


def qr_png(page, text: str, path: Path) -> Path:
    """A photo-like PNG (a code on a white page) of ``text``, drawn by the site's generator;
    an empty ``text`` gives a page with no code."""
    data = page.evaluate(_DRAW, [text, 640, 480, 320])
    path.write_bytes(base64.b64decode(data.split(",", 1)[1]))
    return path


def rows(page) -> list[tuple[str, str]]:
    """The table's rows as (name, net value), top to bottom."""
    name = "th => [...th.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('').trim()"
    return [(r.locator("th").evaluate(name), r.locator("td[data-key=net_value]").get_attribute("data-value"))
            for r in page.locator(".cv-compare-grid tbody tr").all()]


def test_the_room_table_s_headings_stay_a_few_lines_tall_on_a_phone(browser, server) -> None:
    # Russian inputs' labels with their examples and their offer ("Транзакционные издержки
    # (поиск, переговоры, …) (Предложение 2)") wrapped to seven lines in 8rem columns: a sticky
    # header row of 145 px over a 390 × 800 phone's table. Long headings get wider columns.
    context = browser.new_context(viewport={"width": 390, "height": 800}, service_workers="block")
    page = context.new_page()
    page.goto(compare_url(server, "ru"))
    page.fill("#cv-compare-links", "\n".join([*lines_for(server, "ru"), lines_for(server, "ru")[1] + "&economic_2=50&price_2=40"]))
    page.click("[data-action=compare]")
    page.wait_for_function(COMPARED, arg=4, timeout=90_000)
    lines = page.evaluate("""() => {
      const row = document.querySelector('.cv-compare-grid thead tr');
      const th = row.querySelector('th');
      return row.getBoundingClientRect().height / parseFloat(getComputedStyle(th).lineHeight);
    }""")
    assert page.locator(".cv-compare-grid thead th[data-key=transaction_2]").count() == 1
    assert lines <= 4
    context.close()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_codes_read_from_images_build_the_room_once_each(watched, server, lang: str, tmp_path) -> None:
    words = catalogue(lang, "workshop")["compare"]
    page = goto(watched, compare_url(server, lang))
    assert page.evaluate("typeof window.jsQR") == "undefined"  # loaded only when a code is read
    anna, bob, third = (qr_png(page, line, tmp_path / f"p{i}.png") for i, line in enumerate(lines_for(server, lang)))
    files = page.locator("#cv-compare-images")
    files.set_input_files([str(anna), str(bob)])
    page.wait_for_function(COMPARED, arg=2, timeout=90_000)
    status = page.locator(".cv-compare-scan-status")
    page.wait_for_function("t => document.querySelector('.cv-compare-scan-status').textContent.includes(t)",
                           arg=words["added"].replace("{name}", "Bob"))
    assert words["count"].replace("{n}", "2") in status.inner_text()
    # The same code read again counts once, and says so.
    files.set_input_files(str(anna))
    page.wait_for_function("t => document.querySelector('.cv-compare-scan-status').textContent.includes(t)",
                           arg=words["again"].replace("{name}", "Anna"))
    assert page.locator(".cv-compare-grid tbody tr").count() == 2
    files.set_input_files(str(third))
    page.wait_for_function(COMPARED, arg=3)
    # Sorted by net value, highest first, as pasted links are; the unnamed one by its number.
    unnamed = words["participant"].replace("{n}", "3")
    assert rows(page) == [("Bob", "60"), ("Anna", "20"), (unnamed, "10")]
    # The room is the box of links: a scan adds exactly the line a chat would paste.
    assert page.locator("#cv-compare-links").input_value().split("\n") == lines_for(server, lang)
    # An image without a code, and a code of another calculator, are named and left out.
    files.set_input_files(str(qr_png(page, "", tmp_path / "blank.png")))
    page.wait_for_function("t => document.querySelector('.cv-compare-scan-status').textContent === t",
                           arg=words["no_code"].replace("{file}", "blank.png"))
    other = f"Eve: {server.url}{'' if lang == 'en' else lang + '/'}calculators/competition/?v=1"
    files.set_input_files(str(qr_png(page, other, tmp_path / "other.png")))
    title = catalogue(lang, "guide")["calculators"]["competition"]["title"]
    page.wait_for_function("t => document.querySelector('.cv-compare-scan-status').textContent === t",
                           arg=words["scan_other"].replace("{calculator}", title))
    assert page.locator(".cv-compare-grid tbody tr").count() == 3
    # Remove a person: the button carries the name.
    page.get_by_role("button", name=words["remove"].replace("{name}", "Anna")).click()
    page.wait_for_function(COMPARED, arg=2)
    # The unnamed third keeps its number: the line it was pasted on (Anna's line is emptied).
    assert [name for name, _ in rows(page)] == ["Bob", words["participant"].replace("{n}", "3")]
    # The room survives a reload (this page only), until it is cleared.
    page.reload()
    page.wait_for_function(COMPARED, arg=2, timeout=90_000)
    assert [value for _, value in rows(page)] == ["60", "10"]
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('cv-room:'))") == [
        "cv-room:" + re.sub(r"^https?://[^/]+", "", compare_url(server, lang))]
    page.get_by_role("button", name=words["clear"]).click()
    assert page.locator(".cv-compare-grid").count() == 0
    page.reload()
    page.wait_for_selector(".cv-compare[data-mounted]")
    assert page.locator("#cv-compare-links").input_value() == "" and page.locator(".cv-compare-grid").count() == 0
    # Nothing left the device; the reader came from the site itself.
    assert watched.offsite(server.port) == []
    assert any(url.endswith("/assets/vendor/jsqr/jsQR.js") for url in watched.requests)
    assert watched.errors == []


def y4m(frames: list[bytes], width: int, height: int, path: Path) -> Path:
    """A raw video (YUV4MPEG2, 4:2:0) of grey frames: what Chromium's fake camera plays, looped."""
    grey = bytes([128]) * (width // 2) * (height // 2) * 2  # no colour
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F5:1 Ip A1:1 C420jpeg\n".encode())
        for frame in frames:
            out.write(b"FRAME\n" + frame + grey)
    return path


_GREY = """async ([png, width, height]) => {
    const image = new Image();
    image.src = png;
    await image.decode();
    const canvas = Object.assign(document.createElement("canvas"), { width, height });
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0, width, height);
    const rgba = context.getImageData(0, 0, width, height).data;
    let grey = "";
    for (let i = 0; i < rgba.length; i += 4) grey += String.fromCharCode(Math.round(0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2]));
    return btoa(grey);
}"""


# One language: the camera's path is the same in all of them, and Russian's words (read from
# its catalogue) show that the status speaks the page's language. A second run cost 10-19 s of
# a suite that must stay under 6 minutes on 2 cores.
@pytest.mark.parametrize("lang", ["ru"])
def test_the_camera_reads_codes_one_after_another(browser, watched, server, lang: str, tmp_path) -> None:
    words = catalogue(lang, "workshop")["compare"]
    # The participants' codes, each held up for two seconds, as a video for the fake camera.
    page = goto(watched, compare_url(server, lang))
    width, height = 640, 480
    frames = []
    for i, line in enumerate(lines_for(server, lang)):
        png = "data:image/png;base64," + base64.b64encode(qr_png(page, line, tmp_path / f"c{i}.png").read_bytes()).decode()
        frames += [base64.b64decode(page.evaluate(_GREY, [png, width, height]))] * 10  # 2 s at 5 frames/s
    video = y4m(frames, width, height, tmp_path / "codes.y4m")
    camera = browser.browser_type.launch(
        executable_path="/usr/bin/chromium",
        args=["--no-sandbox", "--disable-gpu", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
              f"--use-file-for-fake-video-capture={video}"],
    )
    try:
        context = camera.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        trainer = context.new_page()
        errors: list[str] = []
        trainer.on("pageerror", lambda exc: errors.append(str(exc)))
        trainer.goto(compare_url(server, lang))
        trainer.get_by_role("button", name=words["scan"]).click()
        trainer.locator(".cv-compare-camera").wait_for(state="visible")
        trainer.wait_for_function(COMPARED, arg=3, timeout=120_000)
        # The looped video may start at any of the codes: the unnamed one's number is its turn.
        unnamed = {words["participant"].replace("{n}", str(n)) for n in (1, 2, 3)}
        (bob, anna, third) = rows(trainer)
        assert (bob, anna, third[1]) == (("Bob", "60"), ("Anna", "20"), "10") and third[0] in unnamed
        # The video loops: Anna's code comes round again and counts once.
        trainer.wait_for_function("t => document.querySelector('.cv-compare-scan-status').textContent.includes(t)",
                                  arg=words["again"].replace("{name}", "Anna"), timeout=60_000)
        assert trainer.locator(".cv-compare-grid tbody tr").count() == 3
        assert words["count"].replace("{n}", "3") in trainer.locator(".cv-compare-scan-status").inner_text()
        stop = trainer.get_by_role("button", name=words["scan_stop"])
        assert stop.get_attribute("aria-pressed") == "true"
        stop.click()
        assert trainer.locator(".cv-compare-camera").is_hidden()
        assert trainer.evaluate("document.querySelector('.cv-compare-camera').srcObject") is None
        assert errors == []
    finally:
        camera.close()


def test_the_qr_reader_is_vendored_and_kept_for_offline_use(site_dir) -> None:
    import json

    assert (site_dir / "assets/vendor/jsqr/jsQR.js").read_bytes() == (ROOT / "node_modules/jsqr/dist/jsQR.js").read_bytes()
    assert "assets/vendor/jsqr/jsQR.js" in json.loads((site_dir / "offline.json").read_text())["assets"]


def debrief_keys(page) -> list[str]:
    """The debrief's charts in order, by the result each draws, read by pressing → round."""
    keys = [page.locator(".cv-debrief-chart").get_attribute("data-key")]
    while True:
        page.keyboard.press("ArrowRight")
        key = page.locator(".cv-debrief-chart").get_attribute("data-key")
        if key == keys[0]:
            return keys
        keys.append(key)


def bars(page) -> list[tuple[str, str]]:
    """The drawn chart's bars as (name, value as written), top to bottom."""
    return [(g.locator("text").nth(0).text_content(), g.locator("text").nth(1).text_content())
            for g in page.locator(".cv-debrief-chart svg .cv-bar-group").all()]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_debrief_shows_the_room_one_chart_at_a_time_and_exports_it(watched, server, lang: str, tmp_path) -> None:
    import csv
    import io

    words = catalogue(lang, "workshop")["compare"]
    page = goto(watched, compare_url(server, lang))
    page.fill("#cv-compare-links", "\n".join(lines_for(server, lang)))
    page.click("[data-action=compare]")
    page.wait_for_function(COMPARED, arg=3, timeout=90_000)
    page.get_by_role("button", name=words["debrief"]).click()
    # Present mode: the site's header and the room's table give way to the chart.
    assert page.evaluate("document.documentElement.classList.contains('cv-present')")
    assert page.locator(".md-header").is_hidden() and page.locator(".cv-compare-grid").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('cv-debrief-title')")
    assert debrief_keys(page) == ["value_ratio", "net_value"]
    # Value ratios, highest first: Bob 230 ÷ 170 = 1.35, Anna 120 ÷ 100 = 1.2, the third 130 ÷ 120 = 1.08.
    unnamed = words["participant"].replace("{n}", "3")
    decimal = "," if lang == "nl" else "."
    assert bars(page) == [("Bob", f"1{decimal}35"), ("Anna", f"1{decimal}2"), (unnamed, f"1{decimal}08")]
    assert page.locator(".cv-debrief-position").inner_text() == words["position"].replace("{i}", "1").replace("{n}", "2")
    page.get_by_role("button", name=words["next"]).click()
    net = [value.replace("\u00a0", " ") for _, value in bars(page)]
    assert net == (["$60", "$20", "$10"] if lang == "en" else ["US$ 60", "US$ 20", "US$ 10"]), net
    # The chart is drawn at the container's width, with its numbers as a table.
    width = page.evaluate("[document.querySelector('.cv-debrief-chart svg').getAttribute('width'), document.querySelector('.cv-debrief-chart').clientWidth]")
    assert abs(int(width[0]) - width[1]) <= 1
    table = [[c.text_content() for c in r.locator("th, td").all()] for r in page.locator(".cv-debrief-chart tbody tr").all()]
    assert [row[0] for row in table] == ["Bob", "Anna", unnamed]
    page.add_script_tag(path=str(ROOT / "node_modules/axe-core/axe.min.js"))
    assert page.evaluate("axe.run('.cv-debrief', {resultTypes: ['violations']}).then(r => r.violations.map(v => v.id))") == []
    page.keyboard.press("Escape")
    assert not page.evaluate("document.documentElement.classList.contains('cv-present')")
    assert page.locator(".md-header").is_visible() and page.locator(".cv-debrief").is_hidden()
    # The room as CSV, by the locale's rules (share.js): a semicolon and a decimal comma in Dutch.
    with page.expect_download() as download:
        page.get_by_role("button", name=words["download"]).click()
    assert download.value.suggested_filename == "room-value.csv"
    path = tmp_path / "room.csv"
    download.value.save_as(path)
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if lang == "nl" else ","))
    assert rows[0][:2] == [words["line"], words["name"]]
    header = rows[0]
    value_labels = catalogue(lang, "value")["outputs"]
    by_name = {row[1]: dict(zip(header, row)) for row in rows[1:]}
    assert list(by_name) == ["Bob", "Anna", unnamed]  # as the table sorts them
    assert by_name["Bob"][value_labels["net_value"]] == "60"
    # 230 ÷ 170 = 1.352941…: the full number, with the locale's decimal mark.
    assert by_name["Bob"][value_labels["value_ratio"]].startswith(f"1{decimal}3529")
    assert by_name["Anna"][words["line"]] == "1"
    assert watched.errors == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_room_names_what_the_calculator_names_and_counts_a_line_once(watched, server, lang: str, tmp_path) -> None:
    import csv
    import io

    words = catalogue(lang, "workshop")["compare"]
    texts = catalogue(lang, "competition")
    page = goto(watched, compare_url(server, lang))
    base = f"{server.url}{'' if lang == 'en' else lang + '/'}calculators/competition/?"
    # The breakfast table, the customer spending 50 (QA: the room said "Alternative 2" where the
    # calculator said "A sandwich"), and the same table untouched; the first line pasted twice.
    breakfast = {**PRESETS["competition"]["breakfast"], **{k: v for k, v in texts["examples"]["breakfast"].items() if k != "label"}}
    mine = {**breakfast, "spend": "50"}
    anna = f"Anna: {base}{urllib.parse.urlencode(mine)}"
    lines = [anna, f"Bob: {base}{urllib.parse.urlencode(breakfast)}", anna]
    page.fill("#cv-compare-links", "\n".join(lines))
    page.click("[data-action=compare]")
    page.wait_for_function(COMPARED, arg=2, timeout=90_000)
    assert words["repeated"].replace("{n}", "3").replace("{first}", "1") in page.locator(".cv-compare-messages").inner_text()
    # The alternative the calculator picks, by the name typed for it.
    computed = run("competition", mine, "link")
    choice = computed["values"]["likely_choice"]
    assert choice > 0  # an alternative, not the reader's own offer
    row = page.locator(".cv-compare-grid tbody tr[data-line='1']")
    assert row.locator("td[data-key=likely_choice]").inner_text() == mine[f"name_{choice}"]
    # An item's label in the language's brackets: "花费（备选方案 1）" in Chinese.
    spend_1 = page.locator(".cv-compare-grid th[data-key=spend_1]").inner_text()
    assert spend_1 == catalogue(lang, "widget")["qualified"].replace("{name}", texts["fields"]["spend"]).replace(
        "{item}", texts["group"]["item"].replace("{n}", "1"))
    # The CSV says what the table says: the main result first, words for choices and names.
    with page.expect_download() as download:
        page.get_by_role("button", name=words["download"]).click()
    path = tmp_path / "room.csv"
    download.value.save_as(path)
    table = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    header, first = table[0], dict(zip(table[0], table[1]))
    assert header[2] == texts["outputs"]["share_you"]
    assert first[texts["outputs"]["likely_choice"]] == mine[f"name_{choice}"]
    assert first[spend_1] == breakfast["spend_1"]  # a number stays a number
    kind_1 = page.locator(".cv-compare-grid th[data-key=same_kind_1]").inner_text()
    assert first[kind_1] == texts["choices"]["same_kind"]["yes"]
    # Cleared, the room is gone from the debrief and the CSV too.
    page.get_by_role("button", name=words["clear"]).click()
    page.get_by_role("button", name=words["debrief"]).click()
    assert page.locator(".cv-compare-messages").inner_text() == words["empty"]
    downloads: list = []
    page.on("download", lambda download: downloads.append(download))
    page.get_by_role("button", name=words["download"]).click()
    page.wait_for_timeout(500)
    assert downloads == []
    assert watched.errors == []


def test_a_debrief_of_one_chart_offers_no_other(watched, server) -> None:
    # The fitness club without a cost of winning: LTV only (no LTV:CAC to chart).
    words = catalogue("en", "workshop")["compare"]
    page = goto(watched, compare_url(server, "en"))
    page.fill("#cv-compare-links", "\n".join(f"P{i}: {server.url}calculators/lifetime-value/?v=1&average_check={20 + i}" for i in range(2)))
    page.click("[data-action=compare]")
    page.wait_for_function(COMPARED, arg=2, timeout=90_000)
    page.get_by_role("button", name=words["debrief"]).click()
    assert debrief_keys(page) == ["lifetime_value"]
    assert page.get_by_role("button", name=words["next"]).is_hidden()
    assert page.get_by_role("button", name=words["previous"]).is_hidden()
    assert watched.errors == []


def test_debrief_charts_follow_each_calculator(watched, server) -> None:
    """Lifetime value: LTV and LTV:CAC; competition: each level's customer share."""
    page = goto(watched, compare_url(server, "en"))
    for slug, queries, expected in (
        ("lifetime-value", ["v=1", "v=1&average_check=30&margin_percent=70&lifetime_months=&churn_percent=5&acquisition_cost=120"],
         ["lifetime_value", "ltv_to_cac"]),
        ("competition", ["v=1&name_1=Chain&same_kind_1=yes&same_need_1=yes&benefit_1=4.5&cost_1=3&spend_1=20", "v=1"],
         ["share_you", "share_level_1", "share_level_2", "share_level_3"]),
    ):
        page.fill("#cv-compare-links", "\n".join(f"P{i}: {server.url}calculators/{slug}/?{q}" for i, q in enumerate(queries)))
        page.click("[data-action=compare]")
        page.wait_for_function(f"document.querySelector('.cv-compare-grid caption')?.textContent.includes({catalogue('en', 'guide')['calculators'][slug.replace('-', '_')]['title']!r})", timeout=90_000)
        page.get_by_role("button", name=catalogue("en", "workshop")["compare"]["debrief"]).click()
        assert debrief_keys(page) == expected
        if slug == "lifetime-value":
            page.keyboard.press("ArrowRight")  # LTV:CAC: the fitness club has no acquisition cost
            # 420 ÷ 120 = 3.5 for P1; P0 has no number and is named below the chart, not drawn as 0.
            assert bars(page) == [("P1", "3.5")]
            assert "P0" in page.locator(".cv-debrief-chart .cv-legend-note").inner_text()
        page.keyboard.press("Escape")
    assert watched.errors == []


@pytest.mark.parametrize("lang", ["zh"])
def test_without_a_camera_the_page_says_so_and_images_still_work(watched, server, lang: str, tmp_path) -> None:
    words = catalogue(lang, "workshop")["compare"]
    page = goto(watched, compare_url(server, lang))
    # This browser has no camera (no fake device): getUserMedia fails, and the page says why.
    page.get_by_role("button", name=words["scan"]).click()
    before = words["no_camera"].split("{reason}")[0]
    page.wait_for_function("t => document.querySelector('.cv-compare-scan-status').textContent.startsWith(t)", arg=before)
    assert page.locator(".cv-compare-camera").is_hidden()
    assert page.locator("[data-action=scan]").get_attribute("aria-pressed") == "false"
    name = "小王"  # a name in Chinese survives the code (UTF-8) and heads the row
    line = f"{name}：{lines_for(server, lang)[1].split(': ', 1)[1]}"
    page.set_input_files("#cv-compare-images", str(qr_png(page, line, tmp_path / "code.png")))
    page.wait_for_function(COMPARED, arg=1, timeout=90_000)
    assert rows(page) == [(name, "60")]
    assert watched.errors == []


def test_a_prepared_device_scans_the_room_with_the_network_cut(browser, server, tmp_path) -> None:
    """"Prepare this device" keeps the QR reader too: offline, codes still join the room."""
    context = browser.new_context()  # with the service worker
    page = context.new_page()
    page.goto(f"{server.url}workshop/")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
    page.click("[data-action=prepare]")
    page.wait_for_function("document.querySelector('.cv-prepare').dataset.prepared", timeout=120_000)
    bob = qr_png(page, lines_for(server, "en")[1], tmp_path / "bob.png")
    context.set_offline(True)
    page.goto(compare_url(server, "en"))
    assert page.evaluate("typeof window.jsQR") == "undefined"
    page.set_input_files("#cv-compare-images", str(bob))
    page.wait_for_function(COMPARED, arg=1, timeout=90_000)
    assert rows(page) == [("Bob", "60")]
    context.close()
