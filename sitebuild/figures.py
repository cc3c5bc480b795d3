"""The guide's drawn figures, one template each, the same in every language.

A figure's shape is drawn here; its words come from ``locales/<lang>/figures.yml`` and its
numbers from the calculators (the fitness club's payments are the ``fitness-club`` preset's),
formatted as the widget formats them. Figures draw with ``currentColor`` only, so they follow
the light and dark schemes and print in black; the SVG's ``<title>`` and ``<desc>`` are the
text alternative, the ``<figcaption>`` says the point in one line.

    {{ figure("payments") }}   chapter 7: 36 monthly payments of the fitness club, by year
    {{ figure("iceberg") }}    chapter 10: visible attributes above the water, real quality below
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from calculators.presets import PRESETS
from calculators.run import run
from sitebuild.formatting import format_number
from sitebuild.messages import catalogue


def _money(value: float, lang: str) -> str:
    return format_number("money", value, lang).replace(" ", "\u00a0")


def fitness_club_payments() -> dict[str, float]:
    """The fitness club's numbers, as the calculator computes them: 20 × 36 = 720, 240 a year."""
    preset = PRESETS["lifetime_value"]["fitness-club"]
    result = run("lifetime_value", preset, "en")
    values = result["values"]
    return {
        "payment": values["monthly_margin"],
        "months": values["lifetime_months"],
        "per_year": values["value_per_year"],
        "total": values["lifetime_value"],
    }


def _text(x: float, y: float, words: str, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<text x="{x:g}" y="{y:g}" fill="currentColor"{extra}>{escape(words)}</text>'


def _svg(name: str, words: dict[str, Any], view: str, width: int, body: list[str], fills: dict[str, str]) -> Markup:
    title_id, desc_id = f"cv-fig-{name}-title", f"cv-fig-{name}-desc"
    svg = (
        f'<svg role="img" aria-labelledby="{title_id} {desc_id}" viewBox="{view}" width="100%" '
        f'style="max-width:{width}px" xmlns="http://www.w3.org/2000/svg" font-size="14">'
        f'<title id="{title_id}">{escape(words["title"].format(**fills))}</title>'
        f'<desc id="{desc_id}">{escape(words["desc"].format(**fills))}</desc>'
        + "".join(body) + "</svg>"
    )
    caption = escape(words["caption"].format(**fills))
    return Markup(f'<figure class="cv-drawing" data-drawing="{name}">{svg}<figcaption>{caption}</figcaption></figure>')


def payments(lang: str) -> Markup:
    words = catalogue(lang, "figures")["payments"]
    numbers = fitness_club_payments()
    years = int(numbers["months"] // 12)
    fills = {
        "payment": _money(numbers["payment"], lang), "per_year": _money(numbers["per_year"], lang),
        "total": _money(numbers["total"], lang), "payments": format_number("count", numbers["months"], lang),
        "years": format_number("count", years, lang), "per_row": format_number("count", 12, lang),
    }
    body = []
    for year in range(years):
        top = 20 + 44 * year
        body.append(_text(10, top + 19, words["year"].format(n=year + 1)))
        body += [f'<rect x="{70 + 32 * month}" y="{top}" width="28" height="28" rx="3" fill="currentColor" '
                 f'fill-opacity="0.2" stroke="currentColor"/>' for month in range(12)]
        body.append(_text(464, top + 19, fills["per_year"]))
    bottom = 20 + 44 * years
    body.append(_text(10, bottom + 16, words["legend"].format(**fills)))
    body.append(_text(10, bottom + 40, words["total"].format(**fills), font_weight="bold"))
    return _svg("payments", words, f"0 0 560 {bottom + 52}", 560, body, fills)


def iceberg(lang: str) -> Markup:
    words = catalogue(lang, "figures")["iceberg"]
    body = [
        '<g fill="currentColor" stroke="currentColor" stroke-width="1.5">'
        '<polygon points="200,95 250,30 290,60 330,95" fill-opacity="0.25"/>'
        '<polygon points="200,95 330,95 400,160 380,240 280,285 170,250 120,170" fill-opacity="0.1"/>'
        '<line x1="10" y1="95" x2="550" y2="95" stroke-dasharray="8 5"/></g>',
        _text(10, 88, words["waterline"], font_size="13"),
        _text(340, 40, words["visible"], font_weight="bold", font_size="13"),
    ]
    body += [_text(340, 58 + 16 * i, line, font_size="13") for i, line in enumerate(words["visible_lines"])]
    body.append(_text(260, 160, words["real"], font_weight="bold", text_anchor="middle", font_size="13"))
    body += [_text(260, 180 + 18 * i, line, text_anchor="middle", font_size="13") for i, line in enumerate(words["real_lines"])]
    return _svg("iceberg", words, "0 0 560 300", 560, body, {})


FIGURES: dict[str, Callable[[str], Markup]] = {"payments": payments, "iceberg": iceberg}
