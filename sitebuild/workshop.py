"""The trainers' kit at build time: the scenario library, the room comparison, the offline manifest.

The browser side lives in ``docs/assets/js/`` (``share.js`` for QR codes, presenting,
worksheets and exports; ``compare.js``; ``offline.js`` and ``docs/sw.js`` for the service
worker). What is built here is declared once: which guide examples make the library, which
files a device needs to run the calculators without a network.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from calculators.registry import CALCULATORS
from sitebuild import runtime
from sitebuild.languages import BY_CODE, DEFAULT_LANGUAGE, LANGUAGES
from sitebuild.messages import catalogue
from sitebuild.templating import TEMPLATES

ROOT = Path(__file__).resolve().parent.parent
QRCODE = ROOT / "node_modules" / "qrcode-generator"
#: Where the QR library is served from; share.js imports it relatively.
QRCODE_TARGET = "assets/vendor/qrcode-generator/qrcode.mjs"
JSQR = ROOT / "node_modules" / "jsqr" / "dist" / "jsQR.js"
#: Where the QR reader is served from (Compare the room's scanner); scan.js loads it relatively.
JSQR_TARGET = "assets/vendor/jsqr/jsQR.js"

#: The library's cases, in the order a workshop meets them (calculator, preset name).
SCENARIOS = (
    ("value", "example"),
    ("competition", "breakfast"),
    ("competition", "evening-out"),
    ("lifetime_value", "fitness-club"),
    ("lifetime_value", "subscription"),
    ("competition", "daily-coffee"),
)

#: The result the room comparison sorts by and marks highest and lowest, per calculator: the
#: one a workshop discusses (the value left to the customer, what a customer is worth, and the
#: customer share the daily-coffee case asks about).
COMPARE_MAIN = {"value": "net_value", "lifetime_value": "lifetime_value", "competition": "share_you"}

#: The debrief's charts, one at a time, per calculator: the results whose spread across the
#: room a trainer discusses (each offer's or item's too, when the room's links have them).
DEBRIEF = {
    "value": ("value_ratio", "net_value"),
    "lifetime_value": ("lifetime_value", "ltv_to_cac"),
    "competition": ("share_you", "share_level_1", "share_level_2", "share_level_3"),
}

#: Paths that never change once published (their names carry a version or a digest).
VERSIONED_PREFIXES = ("assets/pyodide/", "assets/calculators/")
#: Material names its scripts and stylesheets by their content (bundle.a5f9d56c.min.js): a
#: changed file gets a new name, so a browser may keep each one for a year too, instead of
#: asking again for every page it loads.
CONTENT_NAMED = re.compile(r"/assets/(javascripts|stylesheets)/(.+/)?[^/]+\.[0-9a-f]{8}\.min\.(js|css)$")
LONG_CACHING = "public, max-age=31536000, immutable"
#: The service worker and its manifest: never taken from a cache without asking.
NEVER_STALE = ("sw.js", "offline.json")


def cache_control(path: str) -> str | None:
    """The Cache-Control a static host should send for a site path (``/guide/assets/...``);
    None: the host's default (revalidation). ``_headers`` and ``./dev serve`` both follow it."""
    if any(f"/{prefix}" in path for prefix in VERSIONED_PREFIXES) or CONTENT_NAMED.search(path):
        return LONG_CACHING
    if path.endswith(tuple(f"/{name}" for name in NEVER_STALE)):
        return "no-cache"
    return None


def scenario_card(calculator_id: str, example: str) -> str:
    """The id of a scenario's card in the library: the anchor a trainer's plan links to."""
    if (calculator_id, example) not in SCENARIOS:
        raise ValueError(f"no scenario {calculator_id}/{example} in the library")
    return calculator_id.replace("_", "-") + "-" + example


def scenario_title(calculator_id: str, example: str, lang: str) -> str:
    """A scenario's title: its example's label in the calculator's catalogue."""
    return catalogue(lang, calculator_id)["examples"][example]["label"]


def render_library(lang: str, link_of: Callable[[str, str], str]) -> Markup:
    """One card per scenario: its title, its question for the room with the trainer's note, its
    link and a QR code.

    ``link_of(calculator_id, example)`` is the relative link to the filled calculator page.
    The QR code is drawn in the browser (share.js) from the link made absolute there, so it
    points wherever the site is published.
    """
    words = catalogue(lang, "workshop")["scenarios"]
    trainer_note = catalogue(lang, "questions")["trainer_note"]
    cards = []
    for calculator_id, example in SCENARIOS:
        title = scenario_title(calculator_id, example, lang)
        item = words["items"][f"{calculator_id}/{example}"]
        href = escape(link_of(calculator_id, example))
        card = escape(scenario_card(calculator_id, example))
        # The link and the code are named alike on every card: each is described by its title.
        cards.append(
            f'<li class="cv-scenario" id="{card}">'
            f'<h2 id="{card}-title">{escape(title)}</h2>'
            f'<p><strong>{escape(words["question"])}</strong>{escape(item["question"])}</p>'
            # What a good answer covers, folded as under each chapter's questions.
            f'<details class="note"><summary>{escape(trainer_note)}</summary><p>{escape(item["note"])}</p></details>'
            f'<p><a class="md-button md-button--primary" href="{href}" aria-describedby="{card}-title">{escape(words["open"])}</a></p>'
            f'<figure class="cv-qr" data-qr-for="{href}" role="img" aria-label="{escape(words["qr"])}" aria-describedby="{card}-title"></figure>'
            "</li>"
        )
    return Markup('<ul class="cv-scenarios">' + "".join(cards) + "</ul>")


def render_compare(lang: str, specs: dict[str, dict], runtime_urls: dict[str, Any]) -> Markup:
    """The comparison form; ``specs`` say how to label and format each calculator, by page slug."""
    words = dict(catalogue(lang, "workshop")["compare"], failed=catalogue(lang, "widget")["state"]["failed"])
    data = escape(json.dumps({"lang": lang, "calculators": specs, "words": words}, ensure_ascii=False))
    return Markup(
        f'<div class="cv-compare" data-compare="{data}" data-runtime="{escape(json.dumps(runtime_urls))}">'
        f'<label for="cv-compare-links">{escape(words["label"])}</label>'
        f'<p class="cv-compare-hint" id="cv-compare-hint">{escape(words["hint"])}</p>'
        '<textarea id="cv-compare-links" rows="6" spellcheck="false" autocomplete="off" aria-describedby="cv-compare-hint"></textarea>'
        f'<p><button type="button" class="md-button md-button--primary" data-action="compare">{escape(words["button"])}</button> '
        f'<button type="button" class="md-button" data-action="clear">{escape(words["clear"])}</button></p>'
        # Participants' "my result" QR codes: by the camera, or from images (compare.js, scan.js).
        '<div class="cv-compare-scan">'
        f'<button type="button" class="md-button" data-action="scan" aria-pressed="false">{escape(words["scan"])}</button>'
        # The file input's own button speaks the browser's language, not the page's: it is
        # hidden (still focusable) and its label, styled as a button, opens it.
        '<input id="cv-compare-images" class="cv-visually-hidden cv-compare-file" type="file" accept="image/*" multiple>'
        f'<label for="cv-compare-images" class="md-button">{escape(words["images"])}</label>'
        f'<video class="cv-compare-camera" muted playsinline hidden aria-label="{escape(words["camera"])}"></video>'
        '<p class="cv-compare-scan-status" role="status"></p>'
        "</div>"
        '<p class="cv-compare-messages" role="status"></p>'
        # The table is rebuilt at every comparison, 16 columns a row: not read out whole each
        # time; the hidden status line says how many are in the room (compare.js).
        '<p class="cv-visually-hidden cv-compare-count" role="status"></p>'
        '<div class="cv-compare-table"></div>'
        # The debrief: the room's spread, one chart at a time, in present mode (debrief.js).
        f'<p class="cv-compare-after"><button type="button" class="md-button" data-action="debrief" aria-expanded="false" aria-controls="cv-compare-debrief">{escape(words["debrief"])}</button> '
        f'<button type="button" class="md-button" data-action="room-csv">{escape(words["download"])}</button></p>'
        '<section class="cv-debrief" id="cv-compare-debrief" hidden aria-labelledby="cv-debrief-title">'
        '<h2 class="cv-debrief-title" id="cv-debrief-title" tabindex="-1"></h2>'
        '<figure class="cv-debrief-chart"></figure>'
        '<p class="cv-debrief-nav">'
        f'<button type="button" class="md-button" data-action="debrief-previous">{escape(words["previous"])}</button> '
        '<span class="cv-debrief-position" aria-live="polite"></span> '
        f'<button type="button" class="md-button md-button--primary" data-action="debrief-next">{escape(words["next"])}</button> '
        f'<button type="button" class="md-button" data-action="debrief-exit">{escape(words["debrief_exit"])}</button>'
        "</p></section>"
        f'<p class="cv-privacy">{escape(words["note"])}</p>'
        "</div>"
    )


def render_prepare(lang: str) -> Markup:
    words = catalogue(lang, "workshop")["prepare"]
    texts = escape(json.dumps(words, ensure_ascii=False))
    return Markup(
        f'<div class="cv-prepare" data-lang="{lang}" data-words="{texts}">'
        f'<button type="button" class="md-button md-button--primary" data-action="prepare">{escape(words["button"])}</button>'
        '<p class="cv-prepare-status" role="status"></p></div>'
    )


# --- After the build ---------------------------------------------------------------------------

def vendor_qr_libraries(site: Path) -> None:
    """The QR code writer (share.js) and reader (scan.js, loaded only when a trainer scans)."""
    target = site / QRCODE_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(QRCODE / "dist" / "qrcode.mjs", target)
    reader = site / JSQR_TARGET
    reader.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(JSQR, reader)


def language_pages(site: Path, lang: str) -> list[str]:
    """Every page of ``lang`` in the built site, by its address from the site's root ("de/",
    "de/innovation/"), the language's home page first."""
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    other_languages = tuple(f"{code}/" for code in LANGUAGES if code not in (lang, DEFAULT_LANGUAGE))
    pages = []
    for index in (site / prefix).rglob("index.html"):
        folder = index.parent.relative_to(site).as_posix()
        page = "" if folder == "." else folder + "/"
        if not page.startswith(other_languages):
            pages.append(page)
    return sorted(pages, key=lambda page: (page != prefix, page))


#: Each language's page for a page this device has not kept, offline (docs/sw.js serves it).
OFFLINE_PAGE = "offline.html"


def write_offline_pages(site: Path, base_path: str) -> list[str]:
    """Write each language's :data:`OFFLINE_PAGE`; returns their addresses from the site's root.
    ``base_path`` is the site's path on its host ("/" or "/guide/"): the page is shown at the
    address of the page asked for, so its links start from the language's root."""
    written = []
    for lang in LANGUAGES:
        prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
        titles = catalogue(lang, "guide")["calculators"]
        pages = [{"path": f"calculators/{schema.slug}/", "title": titles[key]["title"]} for key, schema in CALCULATORS.items()]
        html = TEMPLATES.get_template(OFFLINE_PAGE).render(
            lang=lang, root=base_path + prefix, words=catalogue(lang, "workshop")["prepare"],
            site_name=BY_CODE[lang].site_name, pages=pages)
        (site / prefix / OFFLINE_PAGE).write_text(html, encoding="utf-8")
        written.append(prefix + OFFLINE_PAGE)
    return written


def language_sitemaps() -> list[str]:
    """Each language's sitemap, by its address from the site's root: Material's instant
    navigation follows only the links its language's sitemap lists, offline too."""
    return [("" if lang == DEFAULT_LANGUAGE else f"{lang}/") + "sitemap.xml" for lang in LANGUAGES]


def write_offline_manifest(site: Path, offline_pages: list[str]) -> None:
    """``offline.json``: the files a device needs to run the calculators with no network.

    ``runtime`` is Pyodide and the wheel (versioned paths); ``assets`` the theme's and the
    guide's scripts, styles and the QR library; ``pages`` every page of each language: the
    calculators, the workshop pages, and the chapters the workshop plan sends the room to
    (QA: a prepared device showed the browser's error page for them). Search indexes and
    fonts are left out.
    """
    def files_under(folder: str, suffixes: tuple[str, ...] = ()) -> list[str]:
        base = site / folder
        # Not the precompressed .gz copies: a browser asks for the file, the host picks the copy.
        return sorted(p.relative_to(site).as_posix() for p in base.rglob("*")
                      if p.is_file() and p.suffix != ".gz" and (not suffixes or p.suffix in suffixes))

    pyodide_dir = runtime.urls()["pyodide"]
    manifest = {
        "runtime": files_under(pyodide_dir) + [runtime.urls()["wheel"]],
        "assets": (files_under("assets/javascripts", (".js",)) + files_under("assets/stylesheets", (".css",))
                   + files_under("assets/js") + files_under("assets/css") + files_under("assets/vendor")),
        "pages": {lang: language_pages(site, lang) for lang in LANGUAGES},
        # Kept with the runtime (offline.js), what navigating offline needs: the page shown for
        # a page not kept (sw.js), and the sitemaps that keep instant navigation (and with it
        # Python) going from page to page.
        "navigation": offline_pages + language_sitemaps(),
    }
    manifest["assets"] = [a for a in manifest["assets"] if "/workers/" not in a and "/lunr/" not in a]
    (site / "offline.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def write_cache_headers(site: Path) -> None:
    """``_headers`` (Netlify, Cloudflare Pages), the rules of :func:`cache_control`: versioned
    runtime folders and Material's content-named files cached for a year (each file by its
    name: the format has no patterns but a trailing ``*``), the service worker never."""
    named = sorted("/" + file.relative_to(site).as_posix() for file in site.glob("assets/**/*.min.*"))
    paths = [f"/{prefix}*" for prefix in VERSIONED_PREFIXES] + [path for path in named if CONTENT_NAMED.search(path)]
    paths += [f"/{name}" for name in NEVER_STALE]
    text = "".join(f"{path}\n  Cache-Control: {cache_control(path)}\n" for path in paths)
    (site / "_headers").write_text(text, encoding="utf-8")


def finish(site: Path, base_path: str = "/") -> None:
    vendor_qr_libraries(site)
    write_offline_manifest(site, write_offline_pages(site, base_path))
    write_cache_headers(site)
