"""A calculator used by keyboard alone and heard through a screen reader: what is announced and
when, and where focus goes when the control that had it goes away."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser import pages
from tests.browser.pages import wait_state, wait_value

# Every text the announcer ([data-announce]) takes, with its time.
WATCH_ANNOUNCER = """() => {
  const slot = document.querySelector("[data-calculator] [data-announce]");
  window.__said = [];
  new MutationObserver(() => window.__said.push([performance.now(), slot.textContent]))
    .observe(slot, { childList: true, characterData: true, subtree: true });
}"""


def test_an_answer_is_announced_once_the_reader_pauses_not_at_every_keystroke(reader, server) -> None:
    widget = pages.goto_calculator(reader, server, "de", "value")
    wait_state(widget, "ready")
    page = reader.page
    # The results region is announced politely (the page contract), but only its announcer
    # speaks: the rest changes at every keystroke, chart and tables included.
    assert widget.locator(".cv-results").get_attribute("aria-live") == "polite"
    quiet = widget.locator(".cv-results > :not([data-announce])").evaluate_all("es => es.map(e => e.getAttribute('aria-live'))")
    assert set(quiet) == {"off"}
    assert set(widget.locator("output").evaluate_all("os => os.map(o => o.getAttribute('aria-live'))")) == {"off"}
    announcer = widget.locator(".cv-results > [data-announce]")
    assert announcer.get_attribute("role") == "status" and announcer.text_content() == ""  # the page's example: not said
    page.evaluate(WATCH_ANNOUNCER)
    price = widget.locator("input[name=price]")
    price.fill("")
    price.press_sequentially("95", delay=120)
    wait_value(widget, "net_value", "5")  # 120 − (95 + 0 + 1 × 20)
    headline = widget.locator("[data-headline]").text_content()
    expect(announcer).to_have_text(headline)
    assert [text for _, text in page.evaluate("window.__said")] == [headline]  # once, after the pause
    # A field that stops the answer: its label and its message, said once the field is left.
    page.evaluate(WATCH_ANNOUNCER)
    price.fill("abc")
    price.press("Tab")
    label = widget.locator("label[for$='-price']").text_content().strip()
    message = widget.locator("[data-error-for=price]")
    expect(message).to_be_visible()
    expect(announcer).to_have_text(f"{label}: {message.text_content()}")
    assert announcer.text_content() == "Preis: Geben Sie eine Zahl ein, zum Beispiel 1250,50."
    assert reader.errors == []


def choose_by_keyboard(page, widget, action: str) -> None:
    """Open "Share & teach" from its focused button, move to the item, press Enter."""
    page.keyboard.press("Enter")
    widget.locator(f"[data-action={action}]").focus()
    page.keyboard.press("Enter")


def test_share_menu_items_and_present_mode_leave_focus_where_the_keyboard_can_go_on(reader, server) -> None:
    widget = pages.goto_calculator(reader, server, "en", "value")
    wait_state(widget, "ready")
    page = reader.page
    toggle = widget.locator(".cv-share-toggle")
    presenting = page.locator("html.cv-present")
    toggle.focus()
    choose_by_keyboard(page, widget, "present")
    expect(presenting).to_have_count(1)
    # The chosen item was hidden with its menu: focus is back on the menu's button, not the body.
    expect(toggle).to_be_focused()
    page.keyboard.press("Escape")
    expect(presenting).to_have_count(0)
    expect(toggle).to_be_focused()
    # Escape leaves present mode with focus anywhere, the page's body too.
    choose_by_keyboard(page, widget, "present")
    expect(presenting).to_have_count(1)
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("Escape")
    expect(presenting).to_have_count(0)
    expect(toggle).to_be_focused()
    # "My result as a QR code": focus goes on to the name the reader types next.
    choose_by_keyboard(page, widget, "mine")
    expect(widget.locator("[data-my-name]")).to_be_focused()
    assert reader.errors == []


def test_removing_an_offer_leaves_focus_on_the_list_and_says_the_new_answer(reader, server) -> None:
    widget = pages.goto_calculator(reader, server, "en", "value")
    wait_state(widget, "ready")
    add = widget.locator("[data-action=add-item]")
    add.click()
    number = widget.locator("fieldset.cv-item:not([hidden])").last.get_attribute("data-item")
    offer = widget.locator(f"fieldset.cv-item[data-item='{number}']")
    expect(offer.locator("input").first).to_be_focused()
    offer.locator("[data-action=remove-item]").focus()
    reader.page.keyboard.press("Enter")
    expect(offer).to_be_hidden()
    expect(add).to_be_focused()  # not the body: the pressed button went with its offer
    wait_state(widget, "ready")
    expect(widget.locator("[data-announce]")).to_have_text(widget.locator("[data-headline]").text_content())
    assert reader.errors == []


def test_the_phone_answer_bar_closes_with_escape_and_when_focus_moves_on(browser, server) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 640}, service_workers="block")
    page = context.new_page()
    widget = pages.goto_calculator(page, server, "zh", "lifetime-value")
    wait_state(widget, "ready")
    toggle = widget.locator(".cv-answer-toggle")
    bar = widget.locator(".cv-answer")
    toggle.click()
    expect(bar).to_have_class("cv-answer cv-answer-open")
    page.keyboard.press("Escape")
    expect(bar).not_to_have_class("cv-answer cv-answer-open")
    expect(toggle).to_be_focused()
    # Opened, the bar covers half the screen: moving focus to the fields behind it closes it.
    page.keyboard.press("Enter")
    expect(bar).to_have_class("cv-answer cv-answer-open")
    page.keyboard.press("Shift+Tab")
    expect(bar).not_to_have_class("cv-answer cv-answer-open")
    # Closed, the bar still has its announcer in the accessibility tree (never display: none).
    assert widget.locator("[data-announce]").evaluate("e => getComputedStyle(e).display") != "none"
    focused = page.evaluate("document.activeElement.getBoundingClientRect().bottom")
    assert focused <= bar.bounding_box()["y"] + 1  # the focused control is in view, above the bar
    context.close()


def test_every_scrolling_table_the_keyboard_reaches_is_a_named_region(reader, server) -> None:
    # A table wider than a phone scrolls in a box that takes focus (axe asks for that); focused,
    # it must say what it is: a region with a name in the page's language, not an unnamed group.
    for slug in ("value", "lifetime-value", "competition"):
        widget = pages.goto_calculator(reader, server, "nl", slug)
        wait_state(widget, "ready")
        boxes = widget.locator("[tabindex='0']").evaluate_all("""es => es.map(e => [e.className, e.getAttribute('role'),
            e.getAttribute('aria-label') || document.getElementById(e.getAttribute('aria-labelledby') || '')?.textContent || ''])""")
        assert boxes, slug
        for name, role, label in boxes:
            assert role == "region" and label.strip(), (slug, name, role, label)


def test_the_language_list_shuts_with_escape_and_opens_again_from_its_button(reader, server) -> None:
    # Material shows the list while focus is inside the switcher, so Escape alone did nothing:
    # the list stayed over the page. Now it shuts, focus stays on the button, Tab leaves the
    # switcher without walking into links no one sees, and the button opens it again.
    page = pages.goto(reader, pages.site_url(server, "de", "creating-value/"))
    button = page.locator(".md-select > button")
    first_language = page.locator(".md-select__link").first
    button.focus()
    expect(first_language).to_be_visible()
    page.keyboard.press("Tab")
    expect(first_language).to_be_focused()
    page.keyboard.press("Escape")
    expect(button).to_be_focused()
    expect(first_language).not_to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("!document.activeElement.closest('.md-select')")
    page.keyboard.press("Shift+Tab")  # back into the list, its last language: shown again
    expect(page.locator(".md-select__link").last).to_be_focused()
    expect(first_language).to_be_visible()
    page.keyboard.press("Escape")
    expect(button).to_be_focused()
    expect(first_language).not_to_be_visible()
    page.keyboard.press("Enter")
    expect(first_language).to_be_visible()
    # The pointer: Escape shuts a list the pointer opened, and coming back to it opens it again.
    page.locator("h1").first.click()  # focus out of the switcher
    button.hover()
    expect(first_language).to_be_visible()
    page.keyboard.press("Escape")
    expect(first_language).not_to_be_visible()
    page.mouse.move(5, 300)
    button.hover()
    expect(first_language).to_be_visible()
    assert reader.errors == []
