"""The guide's drawn figures, one template each, the same in every language.

A figure's shape is drawn here; its words come from ``locales/<lang>/figures.yml`` and its
numbers from the calculators (the fitness club's payments are the ``fitness-club`` preset's),
formatted as the widget formats them. Figures draw with ``currentColor`` only, so they follow
the light and dark schemes and print in black; the SVG's ``<title>`` and ``<desc>`` are the
text alternative, the ``<figcaption>`` says the point in one line.

Each figure is drawn twice: wide (540–600 units) and narrow (340 units, for a phone, where the
wide one would shrink its text to 8 px); guide.css shows the one that suits the column.

    {{ figure("grocery") }}    chapter 2: a week of grocery delivery, its benefit against its cost
    {{ figure("steps") }}      chapter 3: the six steps of creating value, as a staircase
    {{ figure("bookkeeping") }}  chapter 4: the bookkeeping service's benefits against its costs
    {{ figure("levels") }}     chapter 6: the three levels of competition around the breakfast's product
    {{ figure("payments") }}   chapter 7: 36 monthly payments of the fitness club, by year
    {{ figure("patterns") }}   chapter 9: the four patterns of innovation, with their examples
    {{ figure("spending") }}   chapter 8: where the coffee customer's money goes (customer share)
    {{ figure("questions") }}  chapter 11: a week of questions before and with the two rules
    {{ figure("iceberg") }}    chapter 10: visible attributes above the water, real quality below
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
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


#: The narrow drawing's width: a 360 px phone's column (328 px) shows it at about 96 %.
NARROW = 340


@dataclass(frozen=True)
class Drawing:
    """One layout of a figure: its size in SVG units and its shapes and texts."""

    width: float
    height: float
    body: list[str]


def _figure(name: str, words: dict[str, Any], fills: dict[str, str], wide: Drawing, narrow: Drawing) -> Markup:
    def svg(drawing: Drawing, layout: str) -> str:
        title_id, desc_id = f"cv-fig-{name}-{layout}-title", f"cv-fig-{name}-{layout}-desc"
        search = " data-search-exclude" if layout == "narrow" else ""  # the same words, indexed once
        return (
            f'<svg class="cv-drawing-{layout}"{search} role="img" aria-labelledby="{title_id} {desc_id}" '
            f'viewBox="0 0 {drawing.width:g} {drawing.height:g}" width="100%" style="max-width:{drawing.width:g}px" '
            f'xmlns="http://www.w3.org/2000/svg" font-size="14">'
            f'<title id="{title_id}">{escape(words["title"].format(**fills))}</title>'
            f'<desc id="{desc_id}">{escape(words["desc"].format(**fills))}</desc>'
            + "".join(drawing.body) + "</svg>"
        )
    caption = escape(words["caption"].format(**fills))
    return Markup(f'<figure class="cv-drawing" data-drawing="{name}">{svg(wide, "wide")}{svg(narrow, "narrow")}'
                  f'<figcaption>{caption}</figcaption></figure>')


#: Letters a line breaks between (Han, kana, full-width forms), and the marks that end a line.
_SQUARE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_TOKEN = re.compile(f"[{_SQUARE}][，。、：；）」』]?|[^\\s{_SQUARE}]+|\\s+")


def _width(words: str, size: float, bold: bool = False) -> float:
    """An estimate, on the safe side, of how wide ``words`` are at ``size``: a Han or Hangul
    letter is square, other letters about 0.6 of the size (checked in Chromium by a test)."""
    def one(ch: str) -> float:
        if re.match(f"[{_SQUARE}\uac00-\ud7af]", ch):
            return 1.0
        return 0.3 if ch.isspace() else 0.62 if bold else 0.58
    return size * sum(one(ch) for ch in words)


def _wrap(words: str, room: float, size: float = 14, bold: bool = False) -> list[str]:
    """``words`` in lines no wider than ``room``: broken at spaces, and between Han letters."""
    lines = [""]
    for token in _TOKEN.findall(words):
        if lines[-1] and not token.isspace() and _width(lines[-1] + token, size, bold) > room:
            lines[-1] = lines[-1].rstrip()
            lines.append("")
        if token.isspace() and not lines[-1]:
            continue
        lines[-1] += token
    return [line.rstrip() for line in lines]


def _paragraph(x: float, y: float, words: str, room: float, size: float = 14, bold: bool = False,
               centred: bool = False) -> tuple[list[str], float]:
    """``words`` wrapped from the baseline ``y`` (``centred`` on ``x``); returns the texts and
    the next free baseline."""
    step = size * 1.3
    attrs = ({"font_size": f"{size:g}"} | ({"font_weight": "bold"} if bold else {})
             | ({"text_anchor": "middle"} if centred else {}))
    lines = _wrap(words, room, size, bold)
    return [_text(x, y + step * i, line, **attrs) for i, line in enumerate(lines)], y + step * len(lines)


def payments(lang: str) -> Markup:
    words = catalogue(lang, "figures")["payments"]
    numbers = fitness_club_payments()
    years = int(numbers["months"] // 12)
    fills = {
        "payment": _money(numbers["payment"], lang), "per_year": _money(numbers["per_year"], lang),
        "total": _money(numbers["total"], lang), "payments": format_number("count", numbers["months"], lang),
        "years": format_number("count", years, lang), "per_row": format_number("count", 12, lang),
    }

    def drawing(width: float, label_above: bool) -> Drawing:
        # A row of 12 squares a year: the year and its sum beside the row (wide) or above it.
        body: list[str] = []
        top = 20.0
        side, pitch = (0.0, (width - 20) / 12) if label_above else (70.0, 32.0)
        square = min(28.0, pitch - 4)
        for year in range(years):
            row = top + 22 if label_above else top
            baseline = top + (14 if label_above else 19)
            body.append(_text(10, baseline, words["year"].format(n=year + 1)))
            body += [f'<rect x="{10 + side + pitch * month:g}" y="{row:g}" width="{square:g}" height="{square:g}" rx="3" '
                     f'fill="currentColor" fill-opacity="0.2" stroke="currentColor"/>' for month in range(12)]
            body.append(_text(width - 10 if label_above else 464, baseline, fills["per_year"],
                              **({"text_anchor": "end"} if label_above else {})))
            top = row + 44
        legend, top = _paragraph(10, top + (2 if label_above else 16), words["legend"].format(**fills), width - 20)
        total, top = _paragraph(10, top + 6, words["total"].format(**fills), width - 20, bold=True)
        return Drawing(width, top - 6, body + legend + total)

    return _figure("payments", words, fills, drawing(560, False), drawing(NARROW, True))


def iceberg(lang: str) -> Markup:
    words = catalogue(lang, "figures")["iceberg"]

    def drawing(width: float, narrow: bool) -> Drawing:
        # Narrow: the visible signs above the drawing, the iceberg pressed into the column.
        if narrow:
            visible = [_text(10, 18, words["visible"], font_weight="bold", font_size="13")]
            listed = " ".join(words["visible_lines"])
            lines, below = _paragraph(10, 36, listed, width - 20, 13)
            visible += lines
            dy, squeeze, shift, centre, room = below - 30, 0.8, -62.0, 154.0, 190.0
        else:
            visible = [_text(340, 40, words["visible"], font_weight="bold", font_size="13")]
            visible += [_text(340, 58 + 16 * i, line, font_size="13") for i, line in enumerate(words["visible_lines"])]
            dy, squeeze, shift, centre, room = 0.0, 1.0, 0.0, 260.0, 520.0
        body = [
            f'<g fill="currentColor" stroke="currentColor" stroke-width="1.5" '
            f'transform="translate({shift:g} {dy:g}) scale({squeeze:g} 1)">'
            '<polygon points="200,95 250,30 290,60 330,95" fill-opacity="0.25"/>'
            '<polygon points="200,95 330,95 400,160 380,240 280,285 170,250 120,170" fill-opacity="0.1"/></g>',
            f'<line x1="10" y1="{95 + dy:g}" x2="{width - 10:g}" y2="{95 + dy:g}" stroke="currentColor" '
            f'stroke-width="1.5" stroke-dasharray="8 5"/>',
            _text(10, 88 + dy, words["waterline"], font_size="13"),
            *visible,
            _text(centre, 160 + dy, words["real"], font_weight="bold", text_anchor="middle", font_size="13"),
        ]
        real = [line for text in words["real_lines"] for line in _wrap(text, room, 13)]
        body += [_text(centre, 180 + dy + 18 * i, line, text_anchor="middle", font_size="13") for i, line in enumerate(real)]
        return Drawing(width, 300 + dy, body)

    return _figure("iceberg", words, {}, drawing(560, False), drawing(NARROW, True))


def steps(lang: str) -> Markup:
    words = catalogue(lang, "figures")["steps"]
    labels: list[list[str]] = words["labels"]
    fills = {"steps": words["separator"].join(words["joiner"].join(lines) for lines in labels)}

    def drawing(width: float, narrow: bool) -> Drawing:
        # A staircase of six steps. Wide, each step's words stand on it; narrow, the steps carry
        # their numbers and the words follow below as a numbered list.
        run, rise = ((width - 2) / len(labels), 24.0) if narrow else (100.0, 30.0)
        floor = (20 if narrow else 70) + rise * len(labels)
        body = []
        for number, lines in enumerate(labels):
            left, top = 1 + run * number, floor - rise * (number + 1)
            body.append(f'<rect x="{left:g}" y="{top:g}" width="{run - 3:g}" height="{rise * (number + 1):g}" '
                        f'fill="currentColor" fill-opacity="0.12" stroke="currentColor"/>')
            body.append(_text(left + (run - 3) / 2, top + 19, str(number + 1), font_weight="bold", font_size="16", text_anchor="middle"))
            if not narrow:
                for row, line in enumerate(lines):
                    body.append(_text(left + 48.5, top - 8 - 14 * (len(lines) - 1 - row), line, font_size="12", text_anchor="middle"))
        if not narrow:
            return Drawing(width, floor + 10, body)
        for number, lines in enumerate(labels):
            body.append(_text(10, floor + 26 + 20 * number, str(number + 1), font_weight="bold"))
            body.append(_text(32, floor + 26 + 20 * number, words["joiner"].join(lines)))
        return Drawing(width, floor + 20 * len(labels) + 14, body)

    return _figure("steps", words, fills, drawing(600, False), drawing(NARROW, True))


def value_example(example: str) -> dict[str, float]:
    """A value-calculator example's parts and results, as the calculator computes them."""
    result = run("value", PRESETS["value"][example], "en")
    found = {**result["inputs"], **result["values"]}
    keys = ("economic", "psychological", "social", "price", "transaction", "time_cost",
            "total_benefit", "total_cost", "net_value", "value_ratio")
    return {key: float(found[key]) for key in keys}


def bookkeeping_year_one() -> dict[str, float]:
    """Chapter 4's bookkeeping example, year one: 600 + 150 + 50 = 800 against 740."""
    return value_example("chapter-4")


def _benefit_and_cost(name: str, example: str, lang: str) -> Markup:
    """Two bars to scale, a benefit's parts against a cost's, the net value a dashed gap."""
    words = catalogue(lang, "figures")[name]
    n = value_example(example)
    fills = {key: _money(value, lang) for key, value in n.items() if key != "value_ratio"}
    fills["value_ratio"] = format_number("ratio", n["value_ratio"], lang)
    shades = ("0.45", "0.25", "0.1")

    def drawing(width: float, narrow: bool) -> Drawing:
        # Labels beside the bars (wide) or above them (narrow); a part of 0 draws nothing.
        start = 10.0 if narrow else 90.0
        scale = (width - 10 - start if narrow else 440) / max(n["total_benefit"], n["total_cost"])
        body: list[str] = []
        top = 14.0
        for label, parts, gap in ((words["benefit"], ("economic", "psychological", "social"), 0.0),
                                  (words["cost"], ("price", "transaction", "time_cost"), n["net_value"])):
            body.append(_text(10, top + (14 if narrow else 22), label, font_weight="bold"))
            bar, left = top + (20 if narrow else 0), start
            for key, shade in zip(parts, shades):
                if n[key]:
                    body.append(f'<rect x="{left:g}" y="{bar:g}" width="{n[key] * scale:g}" height="32" '
                                f'fill="currentColor" fill-opacity="{shade}" stroke="currentColor"/>')
                left += n[key] * scale
            if gap > 0:  # after the costs, what the customer keeps
                body.append(f'<rect x="{left:g}" y="{bar:g}" width="{gap * scale:g}" height="32" '
                            'fill="none" stroke="currentColor" stroke-dasharray="5 4"/>')
            top = bar + 50
        benefits, top = _paragraph(10, top + (6 if narrow else 20), words["benefit_sum"].format(**fills), width - 20)
        costs, top = _paragraph(10, top + 4, words["cost_sum"].format(**fills), width - 20)
        result, top = _paragraph(10, top + 8, words["result"].format(**fills), width - 20, bold=True)
        return Drawing(width, top - 6, body + benefits + costs + result)

    return _figure(name, words, fills, drawing(560, False), drawing(NARROW, True))


def grocery(lang: str) -> Markup:
    return _benefit_and_cost("grocery", "chapter-2", lang)


def bookkeeping(lang: str) -> Markup:
    return _benefit_and_cost("bookkeeping", "chapter-4", lang)


def levels(lang: str) -> Markup:
    """Chapter 6's three levels around the breakfast table's product, its rivals named as the
    competition calculator's example names them."""
    words = catalogue(lang, "figures")["levels"]
    names = catalogue(lang, "competition")["examples"]["breakfast"]
    rings = [
        (words["level_3"], words["level_3_note"]),
        (words["level_2"], words["separator"].join(names[k] for k in ("name_2", "name_3", "name_4"))),
        (words["level_1"], names["name_1"]),
        (words["you"], names["name"]),
    ]
    fills = {"you": names["name"]}

    def drawing(width: float, inset: float) -> Drawing:
        # Nested boxes, each one's heading (bold) and examples wrapped at its top, the next box
        # below them; the boxes' lower edges 18 units apart.
        texts: list[str] = []
        tops: list[float] = []
        y = 10.0
        for depth, (heading, example) in enumerate(rings):
            room = width - 2 * (10 + inset * depth) - 20
            tops.append(y)
            lines, y = _paragraph(width / 2, y + 24, heading, room, bold=depth < 3, centred=True)
            more, y = _paragraph(width / 2, y, example, room, bold=depth == 3, centred=True)
            texts += lines + more
            y += 4
        inner_bottom = y + 8
        boxes = []
        for depth, top in enumerate(tops):
            left, bottom = 10 + inset * depth, inner_bottom + 18 * (len(tops) - 1 - depth)
            edge = ' stroke-width="2"' if depth == len(tops) - 1 else ""  # yours
            boxes.append(f'<rect x="{left:g}" y="{top:g}" width="{width - 2 * left:g}" height="{bottom - top:g}" '
                         f'rx="{20 - 4 * depth}" fill="currentColor" fill-opacity="{0.04 + 0.05 * depth:.2f}" '
                         f'stroke="currentColor"{edge}/>')
        return Drawing(width, inner_bottom + 18 * (len(tops) - 1) + 10, boxes + texts)

    return _figure("levels", words, fills, drawing(560, 40), drawing(NARROW, 14))


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

    def drawing(width: float, narrow: bool) -> Drawing:
        # Two bars to scale, minutes a week; narrow, the label and the count above each bar.
        start = 10.0 if narrow else 120.0
        scale = (width - 10 - start if narrow else 280) / week["minutes_before"]
        body: list[str] = []
        top = 14.0
        for label, minutes, count, shade in (
                (words["before"], week["minutes_before"], week["questions"], "0.35"),
                (words["after"], week["minutes_after"], week["remaining"], "0.15")):
            shown = words["bar"].format(count=format_number("count", count, lang), minutes=format_number("count", minutes, lang))
            body.append(_text(10, top + (14 if narrow else 22), label, font_weight="bold"))
            bar = top + (20 if narrow else 0)
            body.append(f'<rect x="{start:g}" y="{bar:g}" width="{minutes * scale:g}" height="32" fill="currentColor" '
                        f'fill-opacity="{shade}" stroke="currentColor"/>')
            if narrow:
                body.append(_text(width - 10, top + 14, shown, font_size="13", text_anchor="end"))
            else:
                body.append(_text(128 + minutes * scale, top + 21, shown, font_size="13"))
            top = bar + 50
        saved, top = _paragraph(10, top + (8 if narrow else 24), words["saved"].format(**fills), width - 20, bold=True)
        return Drawing(width, top - 6, body + saved)

    return _figure("questions", words, fills, drawing(600, False), drawing(NARROW, True))


def patterns(lang: str) -> Markup:
    words = catalogue(lang, "figures")["patterns"]
    qualified = catalogue(lang, "widget")["qualified"]  # the language's brackets
    boxes: list[dict[str, Any]] = words["boxes"]
    fills = {"patterns": words["separator"].join(
        qualified.format(name=words["joiner"].join(box["title"]), item=box["example"]) for box in boxes)}

    def drawing(width: float, columns: int) -> Drawing:
        # Four boxes: two by two (wide) or one above the other (narrow).
        box_width, box_height = (width - 10 - 8 * (columns - 1)) / columns, (114 if columns == 2 else 98)
        body = []
        for index, box in enumerate(boxes):
            left, top = 5 + (box_width + 8) * (index % columns), 5 + (box_height + 8) * (index // columns)
            body.append(f'<rect x="{left:g}" y="{top:g}" width="{box_width:g}" height="{box_height}" rx="6" '
                        f'fill="currentColor" fill-opacity="0.08" stroke="currentColor"/>')
            body.append(_text(left + 14, top + 26, f"{index + 1}", font_weight="bold", font_size="18"))
            for row, line in enumerate(box["title"]):
                body.append(_text(left + 40, top + 26 + 18 * row, line, font_weight="bold", font_size="13"))
            body.append(_text(left + 40, top + box_height - 22, box["example"], font_size="13"))
        rows = -(-len(boxes) // columns)
        return Drawing(width, 10 + (box_height + 8) * rows - 8, body)

    return _figure("patterns", words, fills, drawing(600, 2), drawing(NARROW, 1))


def coffee_spending() -> tuple[list[float], float]:
    """The daily-coffee example's monthly spending per option (ours first) and our customer share."""
    result = run("competition", PRESETS["competition"]["daily-coffee"], "en")
    spend = [float(result["inputs"][key]) for key in ("spend", "spend_1", "spend_2", "spend_3")]
    return spend, float(result["values"]["share_you"])


def spending(lang: str) -> Markup:
    words = catalogue(lang, "figures")["spending"]
    names = catalogue(lang, "competition")["examples"]["daily-coffee"]
    labels = [names[key] for key in ("name", "name_1", "name_2", "name_3")]
    labelled = catalogue(lang, "guide")["labelled"]  # the key's "Our café: $30", in the language's colon
    spend, share = coffee_spending()
    total = sum(spend)
    fills = {"total": _money(total, lang), "share": format_number("share", share, lang).replace(" ", "\u00a0"),
             "rest": format_number("share", 1 - share, lang).replace(" ", "\u00a0"),
             "parts": words["separator"].join(words["part"].format(name=n, amount=_money(a, lang)) for n, a in zip(labels, spend))}
    opacity = ("0.6", "0.3", "0.15", "0.06")

    def drawing(width: float) -> Drawing:
        # One bar of the month's spending split by option, its key below it, the point last.
        body, left = [], 10.0
        for amount, shade in zip(spend, opacity):
            part = (width - 20) * amount / total
            body.append(f'<rect x="{left:g}" y="14" width="{part:g}" height="36" fill="currentColor" '
                        f'fill-opacity="{shade}" stroke="currentColor"/>')
            left += part
        for row, (label, amount, shade) in enumerate(zip(labels, spend, opacity)):
            top = 70 + 24 * row
            body.append(f'<rect x="10" y="{top}" width="16" height="16" fill="currentColor" fill-opacity="{shade}" stroke="currentColor"/>')
            weight = {"font_weight": "bold"} if row == 0 else {}
            body.append(_text(36, top + 13, labelled.format(label=label, text=_money(amount, lang)), **weight))
        note, bottom = _paragraph(10, 70 + 24 * len(spend) + 14, words["note"].format(**fills), width - 20, bold=True)
        return Drawing(width, bottom - 8, body + note)

    return _figure("spending", words, fills, drawing(540), drawing(NARROW))


FIGURES: dict[str, Callable[[str], Markup]] = {
    "grocery": grocery, "steps": steps, "bookkeeping": bookkeeping, "levels": levels, "payments": payments,
    "spending": spending, "patterns": patterns, "questions": questions, "iceberg": iceberg}
