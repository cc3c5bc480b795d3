"""Every calculator widget in the built site, read as the browser reads it.

While its inputs are untouched, a widget asks the runtime for its example in link form
(``spec.example``), the form in which other pages ask for it ahead (``spec.ahead``), so that
a calculator page reached later in the visit has its answer waiting. Both forms must mean
exactly what the page's own fields say in the page's number style: else a page would show
the answer to another example.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from calculators.run import link_fields, run
from tests.conftest import LANGUAGES
from tests.site.html_tree import Node, parse


def page_language(site: Path, page: Path) -> str:
    first = page.relative_to(site).parts[0]
    return first if first in LANGUAGES else "en"


def form_fields(widget: Node) -> dict[str, str]:
    """What widget.js sends: every named control of its form that is not disabled, with its value."""
    fields: dict[str, str] = {}
    form = widget.find(lambda node: "cv-form" in node.classes())  # not a guess's radio buttons
    assert form is not None
    for node in form.walk():
        if "name" not in node.attrs or "disabled" in node.attrs:
            continue
        if node.tag == "input":
            fields[node.attrs["name"]] = node.attrs.get("value", "")
        elif node.tag == "select":
            options = [o for o in node.walk() if o.tag == "option"]
            chosen = next((o for o in options if "selected" in o.attrs), options[0])
            fields[node.attrs["name"]] = chosen.attrs["value"]
    return fields


@functools.cache
def widgets(site: Path) -> list[tuple[str, str, Node]]:
    """(language, page, widget) for every calculator widget of the site."""
    found = []
    for page in sorted(site.rglob("index.html")):
        if 'data-calculator="' not in page.read_text(encoding="utf-8"):
            continue
        for node in parse(page).walk():
            if "data-calculator" in node.attrs and "data-spec" in node.attrs:
                found.append((page_language(site, page), page.parent.relative_to(site).as_posix(), node))
    return found


def test_every_language_has_its_calculator_widgets(site_dir: Path) -> None:
    pages = {(lang, page) for lang, page, _ in widgets(site_dir)}
    for lang in LANGUAGES:
        prefix = "" if lang == "en" else f"{lang}/"
        for slug in ("value", "lifetime-value", "competition"):
            assert (lang, f"{prefix}calculators/{slug}") in pages


def test_an_untouched_widget_asks_for_exactly_what_its_fields_say(site_dir: Path) -> None:
    checked = 0
    for lang, page, widget in widgets(site_dir):
        spec = json.loads(widget.attrs["data-spec"])
        typed = run(spec["id"], form_fields(widget), lang)
        asked = run(spec["id"], link_fields(spec["id"], spec["example"]), "link")
        assert typed["ok"], (page, typed["errors"])
        assert asked == typed, page
        checked += 1
    assert checked >= 6 * 6  # three calculator pages and three chapters, in six languages


@pytest.mark.parametrize("lang", LANGUAGES)
def test_answers_asked_ahead_are_the_examples_the_calculator_pages_open_with(site_dir: Path, lang: str) -> None:
    found = [(page, json.loads(node.attrs["data-spec"])) for page_lang, page, node in widgets(site_dir) if page_lang == lang]
    prefix = "" if lang == "en" else f"{lang}/"
    opened_with = [
        {"calculator": spec["id"], "fields": spec["example"], "lang": "link"}
        for page, spec in found if page.startswith(f"{prefix}calculators/")
    ]
    assert len(opened_with) == 3
    for page, spec in found:
        assert sorted(spec["ahead"], key=str) == sorted(opened_with, key=str), page
