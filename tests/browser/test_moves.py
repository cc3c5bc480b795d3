"""What moves it (issue 18, part 2) in Chromium: the tornado's order and the lifetime value's
two-way table follow every answer, in English and German, and the section passes axe."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from sitebuild.messages import catalogue
from tests.browser.pages import goto_calculator, wait_state, wait_value

ROOT = Path(__file__).resolve().parents[2]

# Chapter 2's grocery delivery: 90 + 30 − (80 + 1 h × 20) = 20.
GROCERY = "v=1&economic=90&psychological=30&price=80&time_hours=1&hourly_value=20"
# A subscription: 30 × 1 × 70 % = 21 a month, 5 % churn → 20 months → 420.
SUBSCRIPTION = "v=1&average_check=30&purchases_per_month=1&margin_percent=70&churn_percent=5"


def tornado_order(widget) -> list[str]:
    return widget.locator(".cv-moves .cv-tornado-row").evaluate_all("rows => rows.map((r) => r.dataset.key)")


def table_row(widget, key: str) -> list[str]:
    return widget.locator(f".cv-moves-table tr[data-key={key}] td").all_text_contents()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_tornado_follows_an_edit(reader, server, lang: str) -> None:
    widget = goto_calculator(reader, server, lang, "value", GROCERY)
    wait_value(widget, "net_value", "20")
    # economic ± 18 → net 2 / 38 (spread 36); price ± 16 → 36 / 4 (32); psychological ± 6 (12);
    # hours 0.8 / 1.2 × 20 and hourly value 16 / 24 × 1 (8 each, in the page's order)
    assert tornado_order(widget) == ["economic", "price", "psychological", "time_hours", "hourly_value"]
    labels = catalogue(lang, "value")["fields"]
    first_label = widget.locator(".cv-moves .cv-tornado-row").first.locator(".cv-tornado-label").all_text_contents()
    assert " ".join(first_label) == labels["economic"]
    widget.locator("input[name=price]").fill("100")
    # net 120 − 120 = 0; price 80 / 120 → net 20 / −20: a spread of 40, now above economic's 36
    wait_value(widget, "net_value", "0")
    assert tornado_order(widget) == ["price", "economic", "psychological", "time_hours", "hourly_value"]
    expected = {"en": ["$80 → $20", "$120 → -$20", "$40"], "de": ["80 $ → 20 $", "120 $ → -20 $", "40 $"]}[lang]
    assert [cell.replace("\u00a0", " ") for cell in table_row(widget, "price")] == expected
    # social and transaction are 0: said, not drawn
    reasons = widget.locator(".cv-moves-remarks li[data-reason=zero]").text_content()
    assert labels["social"] in reasons and labels["transaction"] in reasons
    assert reader.errors == []


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_lifetime_table_marks_the_readers_case(reader, server, lang: str) -> None:
    widget = goto_calculator(reader, server, lang, "lifetime-value", SUBSCRIPTION)
    wait_value(widget, "lifetime_value", "420")
    # churn 4 % → 25 months → 525, 6 % → 350 (175); the check, purchases and margin 336 / 504 (168)
    assert tornado_order(widget) == ["churn_percent", "average_check", "purchases_per_month", "margin_percent"]
    mine = widget.locator(".cv-moves-grid td[data-mine]")
    expect(mine).to_have_count(1)
    assert mine.text_content().replace("\u00a0", " ") == {"en": "★ $420 (your case)", "de": "★ 420 $ (Ihr Fall)"}[lang]
    # rows are the churn (the reader's basis): 4, 4.5, 5, 5.5, 6 %; the reader's is the middle one
    rows = widget.locator(".cv-moves-grid tbody tr")
    assert rows.nth(2).locator("td[data-mine]").count() == 1
    assert rows.nth(2).locator("th").text_content().replace("\u00a0", " ") == {"en": "5%", "de": "5 %"}[lang]
    widget.locator("input[name=margin_percent]").fill("90")
    # 30 × 90 % = 27 a month × 20 months = 540. Margin columns 90 % ± 10 %, 20 %: 108 % is
    # past the limit, so the steps go down instead: 63, 72, 81, 90, 99, the reader's 4th.
    wait_value(widget, "lifetime_value", "540")
    headers = widget.locator(".cv-moves-grid thead tr").nth(1).locator("th").all_text_contents()
    assert [h.replace("\u00a0", " ") for h in headers] == (
        ["63%", "72%", "81%", "90%", "99%"] if lang == "en" else ["63 %", "72 %", "81 %", "90 %", "99 %"])
    cells = rows.nth(2).locator("td")
    assert cells.nth(3).get_attribute("data-mine") == ""
    assert "540" in cells.nth(3).text_content()
    # churn 4 % (25 months) at 99 %: 30 × 0.99 × 25 = 742.5
    assert rows.nth(0).locator("td").nth(4).text_content().replace("\u00a0", " ") == {"en": "$742.50", "de": "742,50 $"}[lang]
    # the margin's higher side is held at 100 %: 108 % → 100 %, LTV 30 × 20 = 600
    margin = table_row(widget, "margin_percent")
    assert margin[1].replace("\u00a0", " ") == {"en": "100% (limit) → $600", "de": "100 % (Grenze) → 600 $"}[lang]
    # churn 0: the customer never leaves, no lifetime value exists, and nothing can move it
    widget.locator("input[name=churn_percent]").fill("0")
    wait_value(widget, "lifetime_value", "none")
    expect(widget.locator(".cv-moves")).to_be_hidden()
    assert widget.locator(".cv-moves-body").inner_html() == ""
    assert reader.errors == []


@pytest.mark.parametrize(("lang", "scheme", "width"), [("en", "light", 1280), ("de", "dark", 360)])
def test_the_section_passes_axe(browser, server, lang: str, scheme: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, service_workers="block", color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{server.url}{'' if lang == 'en' else lang + '/'}calculators/lifetime-value/")
    widget = page.locator("[data-calculator]").first
    wait_state(widget, "ready")
    toggle = widget.locator(".cv-answer-toggle")
    if toggle.is_visible():
        toggle.click()
    else:
        widget.locator(".cv-more > summary").click()
    widget.locator(".cv-moves-data > summary").click()
    expect(widget.locator(".cv-moves-table")).to_be_visible()
    expect(widget.locator(".cv-moves-grid td[data-mine]")).to_be_visible()
    # Drawn again at the section's width once the answer opened: not shrunk, not cut off.
    body_width = widget.locator(".cv-moves-body").evaluate("b => b.clientWidth")
    expect(widget.locator(".cv-tornado")).to_have_attribute("width", str(max(240, body_width)))
    # The reader's cell is in view inside the table's box, also where the table is wider
    # than a phone (the fitness club's margin, 100 %, is the last column). The box scrolls in
    # the frame after the table is drawn: wait for it.
    page.wait_for_function("""() => {
        const td = document.querySelector(".cv-moves-grid td[data-mine]");
        const box = td.closest(".cv-table-wrap").getBoundingClientRect(), cell = td.getBoundingClientRect();
        return cell.left >= box.left - 1 && cell.right <= box.right + 1; }""", timeout=5_000)
    # The columns' input stays in view beside the corner, wrapped to the room left, where its
    # cell, spanning every column, slides under the corner as the box scrolls.
    across = page.evaluate("""() => {
        const box = document.querySelector(".cv-moves-grid .cv-table-wrap");
        const corner = box.querySelector(".cv-moves-corner").getBoundingClientRect();
        const label = box.querySelector(".cv-moves-across").getBoundingClientRect();
        const outer = box.getBoundingClientRect();
        return {scrolled: box.scrollLeft > 0, clear: label.left >= corner.right - 1, inside: label.right <= outer.right + 1}; }""")
    assert across == {"scrolled": width < 700, "clear": True, "inside": True}
    page.add_script_tag(path=str(ROOT / "node_modules/axe-core/axe.min.js"))
    result = page.evaluate("axe.run('.cv-moves', {resultTypes: ['violations']})")
    found = [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in result["violations"]]
    context.close()
    assert found == []


def test_beside_another_offer_the_tornado_names_offer_one(reader, server) -> None:
    widget = goto_calculator(reader, server, "en", "value", GROCERY + "&economic_2=50&price_2=20")
    # offer 2 takes the link's defaults, psychological 30 and 1 h × 20: 50 + 30 − (20 + 20) = 40
    wait_value(widget, "net_value_2", "40")
    texts = catalogue("en", "value")
    intro = widget.locator(".cv-moves-intro").text_content()
    assert f"{texts['outputs']['net_value']} (Offer 1)" in intro
    # offer 1 still: economic, price, psychological, time, hourly value; offer 2's inputs never
    assert tornado_order(widget) == ["economic", "price", "psychological", "time_hours", "hourly_value"]
    assert reader.errors == []
