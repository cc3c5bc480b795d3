"""Start-up shows real download progress: the bytes of the runtime the worker has received,
of the total the build declared, on an accessible progress bar (Chromium, a held download)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from sitebuild import runtime
from sitebuild.messages import catalogue
from tests.browser.pages import HeldWasm, site_url


@pytest.mark.parametrize("lang", ["en", "de"])
def test_start_up_counts_the_runtimes_bytes(watched, server, lang: str) -> None:
    page = watched.page
    held = HeldWasm(page.context)
    page.goto(site_url(server, lang, "calculators/value/"))
    widget = page.locator("[data-calculator]")
    bar = widget.locator("progress.cv-progress")
    sizes = runtime.download_sizes()
    total = sum(sizes.values())
    # The standard library and the wheel arrive while the wasm is held: the bar stands at
    # their bytes, no more, of the declared total.
    expect(bar).to_have_attribute("max", str(total), timeout=60_000)
    arrived = sizes["python_stdlib.zip"]
    page.wait_for_function("(least) => document.querySelector('progress.cv-progress').value >= least", arg=arrived, timeout=60_000)
    value = float(bar.evaluate("bar => bar.value"))
    assert arrived <= value <= total - sizes["pyodide.asm.wasm"], (value, sizes)
    # Said in megabytes, to the eye and to a screen reader (role progressbar, named by its text).
    words = catalogue(lang, "widget")["state"]
    decimal = "," if lang == "de" else "."
    figures = re.escape(words["downloaded"]).replace(r"\{loaded\}", rf"(\d+{re.escape(decimal)}\d)").replace(r"\{total\}", rf"(\d+{re.escape(decimal)}\d)")
    said = bar.get_attribute("aria-valuetext")
    found = re.fullmatch(figures, said)
    assert found, said
    assert float(found.group(2).replace(",", ".")) == round(total / 1e6, 1)
    expect(widget.locator(".cv-progress-text")).to_contain_text(said)
    expect(page.get_by_role("progressbar", name=widget.locator(".cv-progress-text").text_content())).to_be_visible()
    held.release()
    expect(widget).to_have_attribute("data-state", "ready", timeout=90_000)
    expect(widget.locator(".cv-status")).to_be_hidden()
    assert watched.errors == []
