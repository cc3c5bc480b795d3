"""Present mode on a projector, 1920 × 1080: every preset of every calculator on one screen,
with the title, the room's question, the headline answer, numbers of at least 48 px, the
chart and the QR code of the link, nothing scrolled. (1280 × 720: tests/browser/test_workshop.py.)"""

from __future__ import annotations

import pytest

from tests.browser.test_workshop import PRESET_CASES, open_ready, preset_url

WIDTH, HEIGHT = 1920, 1080

# What the projected screen shows, measured in the page: the document's size; the smallest
# number among the results (names and words, "A sandwich", are not numbers); and for each
# part the reader must see, the bottom of its box (null when not shown at all).
MEASURE = """() => {
  const numbers = [...document.querySelectorAll('.cv-presenting .cv-results output')]
    .filter((o) => o.checkVisibility() && !['item', 'category', 'text'].includes(o.dataset.kind))
    .map((o) => parseFloat(getComputedStyle(o).fontSize));
  const bottom = (selector) => {
    const element = document.querySelector(selector);
    if (!element || !element.checkVisibility()) return null;
    const box = element.getBoundingClientRect();
    return box.height > 0 && box.width > 0 ? box.bottom : null;
  };
  return {
    width: document.scrollingElement.scrollWidth, height: document.scrollingElement.scrollHeight,
    numbers: numbers.length, smallest: Math.min(...numbers),
    title: parseFloat(getComputedStyle(document.querySelector('.cv-present-title')).fontSize),
    parts: Object.fromEntries(Object.entries({
      title: '.cv-present-title', question: '.cv-present-question', headline: '.cv-presenting .cv-headline',
      chart: '.cv-presenting .cv-figure svg', qr: '.cv-presenting .cv-share-qr svg',
    }).map(([name, selector]) => [name, bottom(selector)])),
  };
}"""


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_preset_fits_a_1920_by_1080_projector(browser, server, lang: str) -> None:
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    wrong = {}
    for calculator_id, example in PRESET_CASES:  # one page: Python starts once (pages.goto)
        open_ready(page, preset_url(server, lang, calculator_id, example))
        page.click("[data-action=present]")
        page.wait_for_selector(".cv-share-qr:not([hidden]) svg")
        page.wait_for_selector(".cv-presenting .cv-figure svg")
        seen = page.evaluate(MEASURE)
        problems = []
        if seen["width"] > WIDTH or seen["height"] > HEIGHT:
            problems.append(f"scrolls: {seen['width']} × {seen['height']}")
        if seen["numbers"] == 0 or seen["smallest"] < 48 or seen["title"] < 48:
            problems.append(f"small: numbers {seen['smallest']} px, title {seen['title']} px")
        for part, bottom in seen["parts"].items():
            if bottom is None or bottom > HEIGHT:
                problems.append(f"{part} not on screen ({bottom})")
        if problems:
            wrong[f"{calculator_id}/{example}"] = problems
        page.click("[data-action=present]")
    context.close()
    assert wrong == {}
    assert errors == []
