"""Each chapter's "try it" button opens its calculator filled with the chapter's example."""

from __future__ import annotations

import re

import pytest

from tests.browser.pages import goto, site_url, wait_value


@pytest.mark.parametrize(("lang", "chapter", "calculator", "slug", "key", "expected"), [
    # chapter 4: 800 − 740 = 60
    ("en", "benefits-and-costs", "value", "value", "net_value", "60"),
    # chapter 7: 20 × 1 × 100 % × 36 = 720
    ("de", "customer-lifetime-value", "lifetime_value", "lifetime-value", "lifetime_value", "720"),
    # chapter 6: the sandwich (alternative 2) leaves 3 against the corn flakes' 2
    ("zh", "levels-of-competition", "competition", "competition", "likely_choice", "2"),
])
def test_try_it_opens_the_chapter_example(reader, server, lang, chapter, calculator, slug, key, expected) -> None:  # type: ignore[no-untyped-def]
    page = goto(reader, site_url(server, lang, f"{chapter}/"))
    page.locator(f"article a.md-button[href*='calculators/{slug}/?v=1']").first.click()
    page.wait_for_url(re.compile(rf"/calculators/{slug}/\?v=1"))
    wait_value(page.locator(f"[data-calculator={calculator}][data-calculator-page]"), key, expected)
    assert reader.errors == []
