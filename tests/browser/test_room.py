"""Compare the room without a server, in Chromium: participants' "my result" QR codes read from
images and from a (fake) camera, one after another, into the table the pasted links build; the
same code read twice counts once; a person removed; the room kept over a reload and cleared.
Two languages each. The QR images are drawn by the site's own generator (share.js)."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

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
    assert [name for name, _ in rows(page)] == ["Bob", words["participant"].replace("{n}", "2")]
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


@pytest.mark.parametrize("lang", ["en", "ru"])
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
