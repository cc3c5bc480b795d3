"""The 60-minute plan names its cases by the scenario library's own titles (the ``scenario``
macro), linked to their cards, so a trainer finds each word for word in every language."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from sitebuild.workshop import SCENARIOS
from tests.conftest import LANGUAGES, ROOT
from tests.site.html_tree import parse, text_of
from tests.site.test_questions import find_all, page_file

SCENARIO_CALL = re.compile(r'scenario\("(\w+)", "([\w-]+)"\)')


def named(lang: str) -> list[tuple[str, str]]:
    text = (ROOT / "docs" / lang / "workshop" / "index.md").read_text(encoding="utf-8")
    return SCENARIO_CALL.findall(text)


def test_every_plan_names_the_same_cases_in_the_same_order() -> None:
    english = named("en")
    # The list of cases to pick names all six; the steps open five of them again.
    assert set(english) == set(SCENARIOS) and len(english) == 11
    for lang in LANGUAGES:
        assert named(lang) == english, f"{lang}/workshop names other cases than en"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_case_the_plan_names_reads_as_its_card_title_and_links_to_the_card(site_dir: Path, lang: str) -> None:
    plan = page_file(site_dir, lang, "workshop")
    base = "http://site/" + plan.relative_to(site_dir).as_posix()
    links = find_all(parse(plan), lambda n: n.tag == "a" and "/scenarios/#" in urljoin(base, n.attrs.get("href") or ""))
    assert len(links) == len(named(lang))
    library = parse(page_file(site_dir, lang, "workshop/scenarios"))
    for link in links:
        target = urlsplit(urljoin(base, link.attrs["href"]))
        assert target.path == urlsplit(urljoin(base, "scenarios/")).path
        card = library.find(lambda n, card=target.fragment: n.attrs.get("id") == card)
        assert card is not None, f"{lang}: no card #{target.fragment}"
        title = card.find(lambda n: n.tag == "h2")
        assert text_of(link) == text_of(title)
