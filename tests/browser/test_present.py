"""Present mode on a laptop screen, 1280 × 720, and on a projector, 1920 × 1080: every preset of
every calculator on one screen, nothing scrolled; on the projector with the title, the room's
question, the headline answer, numbers of at least 48 px, the chart and the QR code of the link.
(What the projected screen says: tests/browser/test_site_sections.py.)"""

from __future__ import annotations

import re

import pytest

from tests.browser.pages import share
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


# The columns (inputs, results) that reach under the share menu's button, fixed in a corner.
UNDER_SHARE = """() => {
  const button = document.querySelector('.cv-presenting .cv-share-toggle').getBoundingClientRect();
  return [...document.querySelectorAll('.cv-presenting > :is(.cv-form, .cv-answer)')].filter((column) => {
    const box = column.getBoundingClientRect();
    return box.left < button.right && box.right > button.left && box.bottom > button.top + 0.5;
  }).map((column) => column.className);
}"""


SMALLEST_RESULT = """Math.min(...[...document.querySelectorAll('.cv-results output')]
  .filter((o) => o.offsetParent).map((o) => parseFloat(getComputedStyle(o).fontSize)))"""


def projector_problems(seen: dict) -> list[str]:
    problems = []
    if seen["width"] > WIDTH or seen["height"] > HEIGHT:
        problems.append(f"scrolls: {seen['width']} × {seen['height']}")
    if seen["numbers"] == 0 or seen["smallest"] < 48 or seen["title"] < 48:
        problems.append(f"small: numbers {seen['smallest']} px, title {seen['title']} px")
    for part, bottom in seen["parts"].items():
        if bottom is None or bottom > HEIGHT:
            problems.append(f"{part} not on screen ({bottom})")
    return problems


# Russian has the longest words and figures (1 296 $), Chinese other glyphs; English text fits
# wherever they do (tests/browser/test_site_sections.py presents it too).
@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_every_preset_fits_a_720p_screen_and_a_1080p_projector(browser, server, lang: str) -> None:
    """Each preset is presented twice without reloading: on a 1280 × 720 laptop screen (fits,
    no site navigation, results at least 20 px and never smaller than on the page, nothing under
    the share menu's button), then, with
    the window widened, on a 1920 × 1080 projector (MEASURE above)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    wrong = {}
    for calculator_id, example in PRESET_CASES:  # one page: Python starts once (pages.goto)
        page.set_viewport_size({"width": 1280, "height": 720})
        open_ready(page, preset_url(server, lang, calculator_id, example))
        on_the_page = page.evaluate(SMALLEST_RESULT)
        share(page, "present")
        assert re.search(r"[?&]present=1", page.url)
        size = page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.scrollHeight]")
        header_shown = page.locator(".md-header").is_visible()
        presented = page.evaluate(SMALLEST_RESULT)
        under_share = page.evaluate(UNDER_SHARE)
        if size[0] > 1280 or size[1] > 720 or header_shown or presented < max(20, on_the_page) or under_share:
            wrong[f"{calculator_id}/{example} at 1280"] = [size, header_shown, presented, under_share]
        share(page, "present")
        # The QR code opens with present mode where the screen is a projector's: enter again.
        page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
        share(page, "present")
        page.wait_for_selector(".cv-share-qr:not([hidden]) svg")
        page.wait_for_selector(".cv-presenting .cv-figure svg")
        problems = projector_problems(page.evaluate(MEASURE))
        if problems:
            wrong[f"{calculator_id}/{example} at 1920"] = problems
        share(page, "present")
        assert "present" not in page.url and page.locator(".md-header").is_visible()
    context.close()
    assert wrong == {}
    assert errors == []


# The selects whose box is narrower than their chosen option (measured with the box made as
# wide as its content, then put back): a choice cut mid-word ("…을 압니[").
CUT_SELECTS = """() => [...document.querySelectorAll('.cv-presenting select')].filter((select) => {
  const shown = select.getBoundingClientRect().width;
  select.style.width = 'max-content';
  const needed = select.getBoundingClientRect().width;
  select.style.width = '';
  return shown + 0.5 < needed;
}).map((select) => select.name + ': ' + select.selectedOptions[0].text)"""


def test_a_small_case_fills_a_720p_screen_and_still_fits_as_its_answer_grows(browser, server) -> None:
    """Present mode at 1280 × 720 is laid out for the largest case; a smaller one is zoomed to
    fill the screen (labels were 11 px under half an empty screen), shrinks when an answer
    needs more room, and a projector's own layout is never zoomed."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, service_workers="block")
    page = context.new_page()
    page.goto(f"{server.url}ko/calculators/lifetime-value/?present=1")
    page.wait_for_function("document.querySelector('[data-calculator]').dataset.state === 'ready'", timeout=90_000)
    zoom = lambda: float(page.evaluate("document.querySelector('.cv-presenting').style.zoom") or 1)  # noqa: E731
    fits = "document.scrollingElement.scrollHeight <= innerHeight && document.scrollingElement.scrollWidth <= innerWidth"
    label = "parseFloat(getComputedStyle(document.querySelector('.cv-field label')).fontSize) * (parseFloat(document.querySelector('.cv-presenting').style.zoom) || 1)"
    first = zoom()
    assert first > 1.5 and page.evaluate(fits)
    assert page.evaluate(label) >= 16  # 10 px labels × at least 1.5
    assert page.evaluate(CUT_SELECTS) == []  # Korean's "how long customers stay" was cut
    # A cost of winning adds ten results and four notes: smaller, and still one screen, clear
    # of the share menu's button in the corner.
    page.fill("input[name=acquisition_cost]", "100")
    page.wait_for_function("document.querySelector('output[data-key=ltv_to_cac]').dataset.value === '7.2'")
    page.wait_for_function(f"parseFloat(document.querySelector('.cv-presenting').style.zoom || 1) < {first}")
    assert page.evaluate(fits)
    assert page.evaluate(UNDER_SHARE) == []
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.wait_for_function("document.querySelector('.cv-presenting').style.zoom === ''")
    context.close()
