"""Money and percent in prose read as the widget writes them ({{ money() }}, {{ percent() }})."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitebuild.formatting import format_number
from tests.conftest import LANGUAGES, ROOT

#: A chapter whose worked example the test reads back as the widget writes it.
CONVERTED = ("customer-lifetime-value",)
#: An amount typed by hand: a number followed by a currency word or a percent sign (not an
#: attribute such as an SVG's width="100%").
TYPED = re.compile(r'(?<!["\d.,])\d[\d.,\u00a0 ]*[\u00a0 ]?(?:USD|美元|%)')
#: Every page of the guide, in English's names (the same in every language).
PAGES = sorted(p.relative_to(ROOT / "docs" / "en").with_suffix("").as_posix() for p in (ROOT / "docs" / "en").rglob("*.md"))


def page_file(site: Path, lang: str, slug: str) -> Path:
    return site / ("" if lang == "en" else lang) / slug / "index.html"


@pytest.mark.parametrize("slug", CONVERTED)
def test_amounts_in_prose_are_the_widget_s_and_unbreakable(site_dir: Path, slug: str) -> None:
    expected = {"en": "$720", "nl": "US$\u00a0720", "ko": "US$720", "ru": "720\u00a0$", "de": "720\u00a0$", "zh": "US$720"}
    for lang in LANGUAGES:
        assert format_number("money", 720, lang).replace(" ", "\u00a0") == expected[lang]
        html = page_file(site_dir, lang, slug).read_text(encoding="utf-8").replace("&nbsp;", "\u00a0")
        amounts = re.findall(r'<span class="cv-amount">([^<]*)</span>', html)
        assert expected[lang] in amounts, f"{lang}/{slug}: {amounts}"
        assert all(" " not in a for a in amounts), f"{lang}/{slug}: an amount can break: {amounts}"


@pytest.mark.parametrize("slug", PAGES)
def test_no_amount_typed_by_hand_in_prose(slug: str) -> None:
    for lang in LANGUAGES:
        body = (ROOT / "docs" / lang / f"{slug}.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
        prose = [line for line in body.splitlines() if not line.lstrip().startswith(("|", "{{"))]
        typed = [m.group(0) for line in prose for m in TYPED.finditer(line)]
        assert not typed, f"{lang}/{slug}: amounts typed by hand: {typed}"


def test_amounts_do_not_wrap() -> None:
    css = (ROOT / "docs" / "assets" / "css" / "guide.css").read_text(encoding="utf-8")
    assert re.search(r"\.cv-amount\s*\{[^}]*white-space:\s*nowrap", css)
