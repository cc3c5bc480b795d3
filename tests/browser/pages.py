"""Driving a calculator page the way a reader does, and waiting for what the contract promises."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect


def open_calculator(watched: Any, server: Any, lang: str, slug: str, query: str = "") -> Any:
    prefix = "" if lang == "en" else f"{lang}/"
    watched.page.goto(f"{server.url}{prefix}calculators/{slug}/{'?' + query if query else ''}")
    return watched.page.locator("[data-calculator]").first


def wait_state(widget: Any, state: str) -> None:
    # expect() re-finds the widget on every poll: after an instant navigation the element
    # found first may be the old page's, which is then detached.
    expect(widget).to_have_attribute("data-state", state, timeout=90_000)


def wait_value(widget: Any, key: str, expected: str) -> None:
    """Wait until the widget is ready and shows ``expected`` as ``key``'s data-value."""
    expect(widget.locator(f"output[data-key={key}]")).to_have_attribute("data-value", expected, timeout=90_000)
    wait_state(widget, "ready")


def value_of(widget: Any, key: str) -> str:
    return widget.locator(f"output[data-key={key}]").get_attribute("data-value")


def text_of(widget: Any, key: str) -> str:
    return widget.locator(f"output[data-key={key}]").text_content()
