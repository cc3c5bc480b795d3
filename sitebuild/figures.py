"""The guide's drawn figures, one template each, the same in every language.

A figure's shape is drawn here; its words come from ``locales/<lang>/figures.yml`` and its
numbers from the calculators (the fitness club's payments are the ``fitness-club`` preset's),
formatted as the widget formats them. Figures draw with ``currentColor`` only, so they follow
the light and dark schemes and print in black; the SVG's ``<title>`` and ``<desc>`` are the
text alternative, the ``<figcaption>`` says the point in one line.

    {{ figure("steps") }}      chapter 3: the six steps of creating value, as a staircase
    {{ figure("bookkeeping") }}  chapter 4: the bookkeeping service's benefits against its costs
    {{ figure("payments") }}   chapter 7: 36 monthly payments of the fitness club, by year
    {{ figure("patterns") }}   chapter 9: the four patterns of innovation, with their examples
    {{ figure("spending") }}   chapter 8: where the coffee customer's money goes (customer share)
    {{ figure("questions") }}  chapter 11: a week of questions before and with the two rules
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


def steps(lang: str) -> Markup:
    words = catalogue(lang, "figures")["steps"]
    labels: list[list[str]] = words["labels"]
    fills = {"steps": words["separator"].join(words["joiner"].join(lines) for lines in labels)}
    body = []
    for number, lines in enumerate(labels):
        left, top = 1 + 100 * number, 220 - 30 * number
        body.append(f'<rect x="{left}" y="{top}" width="97" height="{30 + 30 * number}" fill="currentColor" '
                    f'fill-opacity="0.12" stroke="currentColor"/>')
        body.append(_text(left + 48.5, top + 21, str(number + 1), font_weight="bold", font_size="16", text_anchor="middle"))
        for row, line in enumerate(lines):
            body.append(_text(left + 48.5, top - 8 - 14 * (len(lines) - 1 - row), line, font_size="12", text_anchor="middle"))
    return _svg("steps", words, "0 0 600 260", 600, body, fills)


def bookkeeping_year_one() -> dict[str, float]:
    """Chapter 4's bookkeeping example, year one, as the value calculator computes it."""
    result = run("value", PRESETS["value"]["chapter-4"], "en")
    found = {**result["inputs"], **result["values"]}
    keys = ("economic", "psychological", "social", "price", "transaction", "time_cost",
            "total_benefit", "total_cost", "net_value", "value_ratio")
    return {key: float(found[key]) for key in keys}


def bookkeeping(lang: str) -> Markup:
    words = catalogue(lang, "figures")["bookkeeping"]
    n = bookkeeping_year_one()
    fills = {key: _money(value, lang) for key, value in n.items() if key != "value_ratio"}
    fills["value_ratio"] = format_number("ratio", n["value_ratio"], lang)
    scale = 440 / max(n["total_benefit"], n["total_cost"])
    shades = ("0.45", "0.25", "0.1")
    body = []
    for row, (label, parts) in enumerate(((words["benefit"], ("economic", "psychological", "social")),
                                          (words["cost"], ("price", "transaction", "time_cost")))):
        top, left = 14 + 50 * row, 90.0
        body.append(_text(10, top + 22, label, font_weight="bold"))
        for key, shade in zip(parts, shades):
            width = n[key] * scale
            body.append(f'<rect x="{left:g}" y="{top}" width="{width:g}" height="32" fill="currentColor" '
                        f'fill-opacity="{shade}" stroke="currentColor"/>')
            left += width
    body.append(_text(10, 134, words["benefit_sum"].format(**fills)))
    body.append(_text(10, 156, words["cost_sum"].format(**fills)))
    body.append(_text(10, 182, words["result"].format(**fills), font_weight="bold"))
    return _svg("bookkeeping", words, "0 0 560 194", 560, body, fills)


def question_week() -> dict[str, float]:
    """Chapter 11's week, from the numbers its workshop question declares (sitebuild/questions.py)."""
    from sitebuild.questions import BY_ID

    given = {name: number.value for name, number in BY_ID["ch11.own-numbers"].values().items()}
    remaining = given["questions"] * (100 - given["fewer"]) / 100
    return {"questions": given["questions"], "minutes_before": given["questions"] * given["minutes"],
            "remaining": remaining, "minutes_after": remaining * given["minutes"],
            "minutes_saved": (given["questions"] - remaining) * given["minutes"], "hours_saved": given["hours_saved"]}


def questions(lang: str) -> Markup:
    words = catalogue(lang, "figures")["questions"]
    week = question_week()
    fills = {key: format_number("hours" if key == "hours_saved" else "count", value, lang) for key, value in week.items()}
    scale = 280 / week["minutes_before"]
    body = []
    for row, (label, minutes, count, shade) in enumerate((
            (words["before"], week["minutes_before"], week["questions"], "0.35"),
            (words["after"], week["minutes_after"], week["remaining"], "0.15"))):
        top = 14 + 50 * row
        body.append(_text(10, top + 22, label, font_weight="bold"))
        body.append(f'<rect x="120" y="{top}" width="{minutes * scale:g}" height="32" fill="currentColor" '
                    f'fill-opacity="{shade}" stroke="currentColor"/>')
        shown = words["bar"].format(count=format_number("count", count, lang), minutes=format_number("count", minutes, lang))
        body.append(_text(128 + minutes * scale, top + 21, shown, font_size="13"))
    body.append(_text(10, 138, words["saved"].format(**fills), font_weight="bold"))
    return _svg("questions", words, "0 0 600 150", 600, body, fills)


def patterns(lang: str) -> Markup:
    words = catalogue(lang, "figures")["patterns"]
    boxes: list[dict[str, Any]] = words["boxes"]
    fills = {"patterns": words["separator"].join(
        words["joiner"].join(box["title"]) + " (" + box["example"] + ")" for box in boxes)}
    body = []
    for index, box in enumerate(boxes):
        left, top = 5 + 298 * (index % 2), 5 + 122 * (index // 2)
        body.append(f'<rect x="{left}" y="{top}" width="290" height="114" rx="6" fill="currentColor" '
                    f'fill-opacity="0.08" stroke="currentColor"/>')
        body.append(_text(left + 14, top + 26, f"{index + 1}", font_weight="bold", font_size="18"))
        for row, line in enumerate(box["title"]):
            body.append(_text(left + 40, top + 26 + 18 * row, line, font_weight="bold", font_size="13"))
        body.append(_text(left + 40, top + 92, box["example"], font_size="13"))
    return _svg("patterns", words, "0 0 600 250", 600, body, fills)


def coffee_spending() -> tuple[list[float], float]:
    """The daily-coffee example's monthly spending per option (ours first) and our customer share."""
    result = run("competition", PRESETS["competition"]["daily-coffee"], "en")
    spend = [float(result["inputs"][key]) for key in ("spend", "spend_1", "spend_2", "spend_3")]
    return spend, float(result["values"]["share_you"])


def spending(lang: str) -> Markup:
    words = catalogue(lang, "figures")["spending"]
    names = catalogue(lang, "competition")["examples"]["daily-coffee"]
    labels = [names[key] for key in ("name", "name_1", "name_2", "name_3")]
    spend, share = coffee_spending()
    total = sum(spend)
    fills = {"total": _money(total, lang), "share": format_number("share", share, lang).replace(" ", "\u00a0"),
             "rest": format_number("share", 1 - share, lang).replace(" ", "\u00a0"),
             "parts": words["separator"].join(words["part"].format(name=n, amount=_money(a, lang)) for n, a in zip(labels, spend))}
    opacity = ("0.6", "0.3", "0.15", "0.06")
    body, left = [], 10.0
    for amount, shade in zip(spend, opacity):
        width = 520 * amount / total
        body.append(f'<rect x="{left:g}" y="14" width="{width:g}" height="36" fill="currentColor" fill-opacity="{shade}" stroke="currentColor"/>')
        left += width
    for row, (label, amount, shade) in enumerate(zip(labels, spend, opacity)):
        top = 70 + 24 * row
        body.append(f'<rect x="10" y="{top}" width="16" height="16" fill="currentColor" fill-opacity="{shade}" stroke="currentColor"/>')
        weight = {"font_weight": "bold"} if row == 0 else {}
        body.append(_text(36, top + 13, f"{label}: {_money(amount, lang)}", **weight))
    body.append(_text(10, 70 + 24 * 4 + 14, words["note"].format(**fills), font_weight="bold"))
    return _svg("spending", words, f"0 0 540 {70 + 24 * 4 + 24}", 540, body, fills)


FIGURES: dict[str, Callable[[str], Markup]] = {"steps": steps, "patterns": patterns, "bookkeeping": bookkeeping, "payments": payments, "spending": spending, "questions": questions, "iceberg": iceberg}
