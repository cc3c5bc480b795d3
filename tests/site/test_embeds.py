"""Chapters' embedded calculators: only the inputs the chapter taught, a link to the full
calculator, and (chapters 2, 6, 7) a guess asked first. Read from the built HTML."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from calculators.links import link_fields
from calculators.run import run
from calculators.schema import split_key
from sitebuild.chapters import CHAPTERS, PREDICTIONS, TAUGHT_FIELDS
from sitebuild.messages import catalogue
from tests.conftest import LANGUAGES
from tests.site.html_tree import Node, text_of
from tests.site.test_widgets import form_fields, widgets

CHAPTER_OF = {chapter.slug: chapter.number for chapter in CHAPTERS}


def embeds(site: Path, lang: str) -> list[tuple[int, Node]]:
    prefix = "" if lang == "en" else f"{lang}/"
    found = []
    for page_lang, page, node in widgets(site):
        if page_lang == lang and not page.startswith(f"{prefix}calculators/"):
            found.append((CHAPTER_OF[page.removeprefix(prefix)], node))
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_embed_shows_only_the_inputs_its_chapter_taught(site_dir: Path, lang: str) -> None:
    found = embeds(site_dir, lang)
    assert sorted(chapter for chapter, _ in found) == [2, 4, 6, 7]
    for chapter, widget in found:
        calculator = widget.attrs["data-calculator"]
        taught = set(TAUGHT_FIELDS[chapter][calculator])
        fields = [n for n in widget.walk() if "cv-field" in n.classes()]
        shown = {split_key(n.attrs["data-field"])[0] for n in fields if "data-untaught" not in n.attrs}
        hidden = {split_key(n.attrs["data-field"])[0] for n in fields if "data-untaught" in n.attrs}
        assert shown <= taught and shown, (chapter, shown - taught)
        assert hidden and not hidden & taught, (chapter, hidden)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_embeds_full_link_carries_every_input_the_untaught_ones_too(site_dir: Path, lang: str) -> None:
    for chapter, widget in embeds(site_dir, lang):
        calculator = widget.attrs["data-calculator"]
        link = widget.find(lambda n: "data-full-link" in n.attrs)
        assert link is not None, chapter
        href = urlsplit(link.attrs["href"])
        assert href.path.endswith(f"calculators/{calculator.replace('_', '-')}/"), href
        # What the embed computes (its hidden inputs included) is what the link opens.
        typed = run(calculator, form_fields(widget), lang)
        opened = run(calculator, link_fields(calculator, dict(parse_qsl(href.query))), "link")
        assert typed["ok"] and opened["values"] == typed["values"], chapter
        assert text_of(link).strip() == catalogue(lang, "widget")["actions"]["full_calculator"]
    # Chapter 2's offer 1 has a social benefit of 50 and transaction costs of 50: untaught,
    # hidden, and in the link.
    chapter_2 = dict(embeds(site_dir, lang))[2]
    query = dict(parse_qsl(urlsplit(chapter_2.find(lambda n: "data-full-link" in n.attrs).attrs["href"]).query))
    assert query["social"] == "50" and query["transaction"] == "50"


# The answers worked by hand (sitebuild/chapters.py): chapter 2, offer 1 by subtraction
# (1250 − 1000 = 250 against 600 − 400 = 200) but offer 2 by division (1250 ÷ 1000 = 1.25
# against 600 ÷ 400 = 1.5); chapter 6, breakfast money 20 + 10 + 50 = 80, level 2 holds 50;
# chapter 7, 20 × 1 × 100 % × 36 = 720 ≥ 500.
EXPECTED = {2: "2", 6: "2", 7: "above"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chapters_2_6_and_7_ask_their_guess_first(site_dir: Path, lang: str) -> None:
    asked = {}
    for chapter, widget in embeds(site_dir, lang):
        box = widget.find(lambda n: "data-predict" in n.attrs)
        if box is None:
            continue
        rule = json.loads(box.attrs["data-predict"])
        prediction = PREDICTIONS[chapter]
        assert rule["key"] == prediction.key and widget.attrs["data-calculator"] == prediction.calculator
        values = {n.attrs["data-key"]: n.attrs["data-value"] for n in widget.walk() if n.tag == "output"}
        answer = prediction.answer({k: None if v == "none" else v for k, v in values.items() if k in prediction.outputs})
        radios = [n.attrs["value"] for n in box.walk() if n.attrs.get("type") == "radio"]
        assert answer == EXPECTED[chapter] and answer in radios, chapter
        words = catalogue(lang, "predict")["questions"][prediction.key]
        assert text_of(box).count(words["question"].split("{")[0].strip()[:12]) >= 1
        asked[chapter] = answer
    assert set(asked) == {2, 6, 7}
