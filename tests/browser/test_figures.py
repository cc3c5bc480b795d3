"""The chapters' drawn figures in Chromium: every word inside its drawing, none on another,
and on a phone the narrow drawing, whose words stay readable (sitebuild/figures.py)."""

from __future__ import annotations

import pytest

from sitebuild.figures import FIGURES, NARROW
from tests.browser.pages import goto, site_url
from tests.conftest import LANGUAGES

# Each text's box in its drawing's units, beside the drawing's size; every layout of a figure.
MEASURE = """() => [...document.querySelectorAll("svg")].map((svg) => ({
  figure: svg.closest("figure").dataset.drawing, layout: svg.getAttribute("class"),
  width: svg.viewBox.baseVal.width, height: svg.viewBox.baseVal.height,
  texts: [...svg.querySelectorAll("text")].map((t) => { const b = t.getBBox();
    return { text: t.textContent, x: b.x, y: b.y, right: b.x + b.width, bottom: b.y + b.height }; }),
}))"""


def overlapping(a: dict, b: dict) -> bool:
    # Boxes of text lines touch by a pixel or so above and below (ascenders, descenders).
    return a["x"] < b["right"] - 1 and b["x"] < a["right"] - 1 and a["y"] < b["bottom"] - 2 and b["y"] < a["bottom"] - 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_word_of_a_figure_stays_inside_it_and_off_the_others(browser, lang: str) -> None:
    # The layouts place words by an estimate of their width (figures._width); Chromium's own
    # measure, in every language, is the judge. Both layouts are shown side by side here.
    page = browser.new_page()
    page.set_content("<style>svg { display: block; width: 600px; font-family: sans-serif; }</style>"
                     + "".join(FIGURES[name](lang) for name in FIGURES))
    drawings = page.evaluate(MEASURE)
    page.close()
    assert len(drawings) == 2 * len(FIGURES)
    for drawing in drawings:
        where = f"{lang} {drawing['figure']} {drawing['layout']}"
        if drawing["layout"] == "cv-drawing-narrow":
            assert drawing["width"] == NARROW, where
        for text in drawing["texts"]:
            assert text["x"] >= 0 and text["right"] <= drawing["width"], f"{where}: {text}"
            assert text["y"] >= 0 and text["bottom"] <= drawing["height"], f"{where}: {text}"
        texts = drawing["texts"]
        clashes = [(a["text"], b["text"]) for i, a in enumerate(texts) for b in texts[i + 1:] if overlapping(a, b)]
        assert clashes == [], where


@pytest.mark.parametrize(("lang", "chapter"), [("de", "innovation/"), ("zh", "creating-value/")])
def test_a_phone_shows_the_narrow_figure_with_words_of_a_readable_size(reader, server, lang: str, chapter: str) -> None:
    # 560 units shrunk to a 328 px column made 14 px words 8 px; the narrow drawing keeps them
    # at 12 px and more. A desktop keeps the wide one, at its full size: sized to its caption,
    # Material's figure drew the Chinese staircase with 7 px words.
    page = goto(reader, site_url(server, lang, chapter))
    shown = """() => [...document.querySelectorAll("figure.cv-drawing svg")].filter((svg) => svg.getBoundingClientRect().width > 0)
      .map((svg) => [svg.getAttribute("class"), Math.min(...[...svg.querySelectorAll("text")].map((t) =>
        parseFloat(t.getAttribute("font-size") || "14") * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width))])"""
    [(layout, smallest)] = page.evaluate(shown)
    assert layout == "cv-drawing-wide" and smallest >= 12, smallest
    desktop = page.viewport_size
    page.set_viewport_size({"width": 360, "height": 740})
    try:
        [(layout, smallest)] = page.evaluate(shown)
    finally:
        page.set_viewport_size(desktop)
    assert layout == "cv-drawing-narrow" and smallest >= 12, smallest
    assert reader.errors == []
