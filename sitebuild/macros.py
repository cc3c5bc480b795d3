"""Macros for the guide's pages (mkdocs-macros): calculators, "try it" links, the chapter map.

    {{ calculator("value", example="chapter-4") }}   the live widget, prerendered
    {{ try_it("value", example="chapter-2") }}        a button to the calculator page, filled
    {{ input_table("value") }}                        the declared inputs, as a table
    {{ chapter_map() }}  {{ calculator_cards() }}     the home page's lists
    {{ glossary_table() }}  {{ glossary_definitions() }}  chapter 12's terms (sitebuild/glossary.py)
    {{ scenario_library() }}  {{ compare_room() }}  {{ prepare_device() }}  the trainers' kit
    {{ workshop_questions() }}                        a chapter's questions (sitebuild/questions.py)
    {{ question_ref("ch2.regret") }}                  "chapter 2, question 1", linked
    {{ money(720) }}  {{ percent(30) }}                an amount as the widget writes it, never broken
    {{ figure("iceberg") }}                           a drawn figure, the same in every language (sitebuild/figures.py)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url

from calculators.links import link_fields, link_query, page_text, reading_rules
from calculators.presets import PRESETS
from calculators.registry import CALCULATORS
from calculators.run import data_value, run
from calculators.schema import Field, Schema, split_key
from calculators.sensitivity import HEADLINES
from sitebuild import figures, glossary, questions, runtime, workshop
from sitebuild.chapters import (
    CALCULATOR_CHAPTERS,
    CALCULATOR_PAGE_EXAMPLES,
    CHAPTERS,
    PREDICTIONS,
    TAUGHT_FIELDS,
    Prediction,
    workshop_questions,
)
from sitebuild.formatting import PLACEHOLDER, fill, format_number, plural_text
from sitebuild.languages import BY_CODE, DEFAULT_LANGUAGE
from sitebuild.messages import catalogue
from sitebuild.templating import TEMPLATES

DOCS = Path(__file__).resolve().parent.parent / "docs"


def define_env(env: Any) -> None:
    def lang() -> str:
        return getattr(env.page.file, "locale", None) or DEFAULT_LANGUAGE

    def site_path(target: str) -> str:
        """A link from the current page to a site-relative path (``assets/…``)."""
        return get_relative_url(target, env.page.url) if target else get_relative_url(".", env.page.url)

    def runtime_paths() -> dict[str, Any]:
        """The runtime's files, relative to the page being built (``data-runtime``), and the
        bytes the worker will download (its progress bar)."""
        return {**{name: site_path(url) for name, url in runtime.urls().items()}, "sizes": runtime.download_sizes()}

    def page_path(slug: str, page_lang: str | None = None) -> str:
        page_lang = page_lang or lang()
        prefix = "" if page_lang == DEFAULT_LANGUAGE else f"{page_lang}/"
        return site_path(f"{prefix}{slug}/")

    @env.macro
    def calculator(calculator_id: str, example: str | None = None) -> Markup:
        schema = CALCULATORS[calculator_id]
        standalone = env.page.file.src_uri.endswith(f"calculators/{schema.slug}.md")
        if standalone and example is not None:
            raise ValueError(f"{env.page.file.src_uri}: a calculator's own page takes its example "
                             "from CALCULATOR_PAGE_EXAMPLES (sitebuild/chapters.py)")
        if standalone:
            query = page_example(calculator_id, lang())
            # overrides/main.html starts Python from the page's head (see there).
            env.page.meta["python_runtime"] = runtime_paths()
        else:
            query = resolved_preset(calculator_id, example, lang()) if example else {}
        # The worksheet asks the questions of the chapter the widget sits in, or of the
        # calculator's own chapter on its page.
        chapter = env.page.meta.get("chapter") if not standalone else None
        questions = workshop_questions(lang(), chapter or CALCULATOR_CHAPTERS[calculator_id])
        page = page_path(f"calculators/{schema.slug}")
        embed = None if standalone else embed_of(calculator_id, chapter, page)
        html = render_widget(schema, query, lang(), runtime_paths(), questions, page_examples(lang()), embed)
        marker = ' data-calculator-page=""' if standalone else ""
        html = html.replace(' data-state="prerendered"', f' data-state="prerendered" data-page="{escape(page)}"{marker}', 1)
        return Markup(html)

    @env.macro
    def try_it(calculator_id: str, example: str) -> Markup:
        schema = CALCULATORS[calculator_id]
        link = calculator_link(schema, resolved_preset(calculator_id, example, lang()))
        example_label = catalogue(lang(), calculator_id)["examples"][example]["label"]
        label = catalogue(lang(), "guide")["try_it"].replace("{example}", example_label)
        href = page_path(f"calculators/{schema.slug}") + link
        return Markup(
            f'<p class="cv-try-it"><a class="md-button md-button--primary" href="{escape(href)}">'
            f"{escape(label)}</a></p>"
        )

    @env.macro
    def input_table(calculator_id: str) -> Markup:
        return Markup(render_input_table(CALCULATORS[calculator_id], lang()))

    @env.macro
    def chapter_map() -> Markup:
        guide = catalogue(lang(), "guide")
        # The language's brackets and colon ("首页（本页）", "第 1 章：").
        qualified = str(escape(catalogue(lang(), "widget")["qualified"]))
        rows = []
        for chapter in CHAPTERS:
            title = escape(guide["chapters"][chapter.number])
            label = escape(guide["labelled"].format(label=guide["chapter_label"].format(n=chapter.number), text=""))
            if env.page.file.src_uri.split("/", 1)[-1] == chapter.source:  # "<lang>/index.md"
                # The page the map is on (the home page is chapter 1): said, not linked to itself.
                body = qualified.replace("{name}", f'<strong aria-current="page">{title}</strong>').replace(
                    "{item}", str(escape(guide["this_page"])))
            elif (DOCS / lang() / chapter.source).exists():
                body = f'<a href="{escape(page_path(chapter.slug) if chapter.slug else page_path("").rstrip("/") + "/")}">{title}</a>'
            else:
                body = f'{title} <span class="cv-coming">({escape(guide["coming_soon"])})</span>'
            rows.append(f'<li value="{chapter.number}"><span class="cv-visually-hidden">{label}</span>{body}</li>')
        return Markup('<ol class="cv-chapter-map">' + "".join(rows) + "</ol>")

    @env.macro
    def glossary_table() -> Markup:
        return glossary.render_table(lang(), lambda target_lang, slug: page_path(slug, target_lang))

    @env.macro
    def glossary_definitions() -> Markup:
        return glossary.render_definitions(lang(), lambda target_lang, slug: page_path(slug, target_lang))

    @env.macro
    def scenario_library() -> Markup:
        def link_of(calculator_id: str, example: str) -> str:
            schema = CALCULATORS[calculator_id]
            return page_path(f"calculators/{schema.slug}") + calculator_link(schema, resolved_preset(calculator_id, example, lang()))
        return workshop.render_library(lang(), link_of)

    @env.macro
    def scenario(calculator_id: str, example: str) -> Markup:
        """A scenario's title as the library shows it, linked to its card: a plan that names
        its cases cannot drift from the titles trainers look for."""
        href = page_path("workshop/scenarios") + "#" + workshop.scenario_card(calculator_id, example)
        return Markup(f'<a href="{escape(href)}">{escape(workshop.scenario_title(calculator_id, example, lang()))}</a>')

    @env.macro
    def compare_room() -> Markup:
        specs = {s.slug: compare_spec(s, lang()) for s in CALCULATORS.values()}
        return workshop.render_compare(lang(), specs, runtime_paths())

    @env.macro
    def prepare_device() -> Markup:
        return workshop.render_prepare(lang())

    def questions_section() -> str:
        """The chapter's questions as Markdown: a numbered list, each with the trainer's note."""
        chapter = env.page.meta["chapter"]
        title = catalogue(lang(), "questions")["trainer_note"]
        items = []
        for number, question in enumerate(questions.QUESTIONS[chapter], 1):
            text, note = questions.texts(question, lang())
            items.append(f'{number}. <span id="{question.anchor}"></span>{text}\n\n'
                         f'    ??? note "{title}"\n        {note}\n')
        return "\n".join(items)

    env.macro(questions_section, "workshop_questions")  # the page's name; the worksheet's is taken

    @env.macro
    def question_ref(*question_ids: str) -> Markup:
        """ "chapter 6, questions 1 and 2", each number linked to its question."""
        words = catalogue(lang(), "questions")
        chapters = {questions.position(q)[0] for q in question_ids}
        if len(chapters) != 1:
            raise ValueError(f"question_ref{question_ids}: one chapter at a time")
        chapter = chapters.pop()
        page = page_path(CHAPTERS[chapter - 1].slug)
        links = [Markup(f'<a href="{escape(page)}#{questions.BY_ID[q].anchor}">{questions.position(q)[1]}</a>')
                 for q in question_ids]
        if len(question_ids) == 1:  # the whole "chapter 2, question 1" is the link
            number = questions.position(question_ids[0])[1]
            label = escape(words["ref_one"].format(chapter=chapter, number=number))
            return Markup(f'<a href="{escape(page)}#{questions.BY_ID[question_ids[0]].anchor}">{label}</a>')
        listed = escape(words["list_separator"]).join(links[:-1]) + escape(words["last_separator"]) + links[-1]
        return Markup(escape(words["ref_many"]).replace("{chapter}", str(chapter)).replace("{numbers}", listed))

    @env.macro
    def figure(name: str) -> Markup:
        return figures.FIGURES[name](lang())

    @env.macro
    def money(amount: float, currency: str = "USD") -> Markup:
        return amount_span(format_number("money", amount, lang(), currency))

    @env.macro
    def percent(value: float) -> Markup:
        return amount_span(format_number("percent", value, lang()))

    @env.macro
    def calculator_cards() -> Markup:
        """One card per calculator: its name, one line on what it answers, a button to open it."""
        guide = catalogue(lang(), "guide")
        cards = []
        for calculator_id, schema in CALCULATORS.items():
            card = guide["calculators"][calculator_id]
            href = escape(page_path(f"calculators/{schema.slug}"))
            cards.append(
                f'<li class="cv-calculator-card"><p class="cv-card-title"><strong>{escape(card["title"])}</strong></p>'
                f'<p>{escape(card["summary"])}</p>'
                f'<p><a class="md-button" href="{href}">{escape(guide["open_calculator"])}</a></p></li>'
            )
        return Markup('<div class="grid cards cv-calculator-cards"><ul>' + "".join(cards) + "</ul></div>")


def amount_span(shown: str) -> Markup:
    """A formatted amount that never breaks across lines ("US$ 720", "720 $", "-US$ 10")."""
    unbroken = escape(shown.replace(" ", "\u00a0"))
    return Markup(f'<span class="cv-amount">{unbroken}</span>')


def embed_of(calculator_id: str, chapter: int | None, page: str) -> dict[str, Any]:
    """What a chapter's embed needs: the inputs its chapter taught, its guess, the full page."""
    taught = TAUGHT_FIELDS.get(chapter or 0, {}).get(calculator_id)
    if taught is None:
        raise ValueError(f"chapter {chapter} embeds {calculator_id!r}: declare the inputs it teaches "
                         "in TAUGHT_FIELDS (sitebuild/chapters.py)")
    prediction = PREDICTIONS.get(chapter or 0)
    return {"taught": set(taught), "page": page,
            "prediction": prediction if prediction and prediction.calculator == calculator_id else None}


def prediction_view(prediction: Prediction, lang: str, values: dict[str, Any], currency: str) -> dict[str, Any]:
    """The guess's words and rule as the template and predict.js use them."""
    words = catalogue(lang, "predict")
    own = words["questions"][prediction.key]
    amount = format_number("money", prediction.threshold, lang, currency) if prediction.threshold is not None else ""
    options = [{"value": option, "label": own["options"][option].replace("{amount}", amount)}
               for option in prediction.options]
    rule = {"key": prediction.key, "rule": prediction.rule, "outputs": list(prediction.outputs),
            "threshold": prediction.threshold, "options": list(prediction.options), "labels": {o["value"]: o["label"] for o in options},
            "words": {k: words[k] for k in ("outcome_right", "outcome_wrong", "outcome_unknown")}}
    return {"key": prediction.key, "question": own["question"].replace("{amount}", amount), "options": options,
            "answer": prediction.answer(values), "words": words, "rule_json": json.dumps(rule, ensure_ascii=False)}


def resolved_preset(calculator_id: str, example: str, lang: str) -> dict[str, str]:
    """A preset's link values, with ``@text`` values taken from the page's catalogue."""
    texts = catalogue(lang, calculator_id).get("examples", {}).get(example, {})
    return {
        key: texts[value[1:]] if value.startswith("@") else value
        for key, value in PRESETS[calculator_id][example].items()
    }


def page_example(calculator_id: str, lang: str) -> dict[str, str]:
    """The link values a calculator's own page opens with (``{}``: the version's defaults)."""
    example = CALCULATOR_PAGE_EXAMPLES.get(calculator_id)
    return resolved_preset(calculator_id, example, lang) if example else {}


def page_examples(lang: str) -> list[dict[str, Any]]:
    """The examples the calculator pages of ``lang`` open with, as the runtime's requests."""
    return [{"calculator": calculator_id, "fields": page_example(calculator_id, lang), "lang": "link"}
            for calculator_id in CALCULATORS]


def calculator_link(schema: Schema, query: dict[str, str]) -> str:
    """``?v=1&…`` for a preset's link values: the link the page's Copy link writes for them."""
    return "?" + link_query(schema.id, link_fields(schema.id, query))


def compare_spec(schema: Schema, lang: str) -> dict[str, Any]:
    """What the room comparison needs to label and format a calculator's inputs and results."""
    texts = catalogue(lang, schema.id)
    fields = {**{f.key: f for f in schema.fields}, **({f.key: f for f in schema.group.fields} if schema.group else {})}
    outputs = {o.key: o.kind for o in (*schema.outputs, *(schema.group.outputs if schema.group else ()))}
    return {
        "id": schema.id, "version": schema.version, "main": workshop.COMPARE_MAIN[schema.id], "debrief": workshop.DEBRIEF[schema.id],
        "title": catalogue(lang, "guide")["calculators"][schema.id]["title"],
        "group": None if schema.group is None else {
            "first": schema.group.first, "last": schema.group.last,
            # The field that names an item (an alternative's name, a segment's), if any.
            "name": next((f.key for f in schema.group.fields if f.kind == "text"), None)},
        "fields": {key: {"label": texts["fields"][key], "kind": f.kind,
                         "choices": texts.get("choices", {}).get(key, {})} for key, f in fields.items()},
        "outputs": {key: {"label": texts["outputs"][key], "kind": kind} for key, kind in outputs.items()},
        "messages": script_texts(texts, ("values", "none", "group", "item_zero")),
        "none": catalogue(lang, "widget")["none"],
        # "Price (Offer 2)" and lists of names, in the language's brackets and commas.
        "qualified": catalogue(lang, "widget")["qualified"],
        "list_separator": catalogue(lang, "widget")["list_separator"],
    }


def render_widget(schema: Schema, query: dict[str, str], lang: str, runtime_urls: dict[str, Any],
                  questions: list[str] | tuple[str, ...] = (), ahead: list[dict[str, Any]] | None = None,
                  embed: dict[str, Any] | None = None) -> str:
    """A calculator widget with ``query``'s example computed (link values; ``{}``: defaults).

    ``ahead`` are runtime requests to answer once the runtime is idle (the language's
    calculator pages' examples), so that the next page has its answer waiting. ``embed``
    (a chapter's embed, from :func:`embed_of`): only the inputs ``taught`` show, with a link to
    the full calculator ``page``, and the chapter's ``prediction`` asks its guess first.
    """
    widget, texts = catalogue(lang, "widget"), catalogue(lang, schema.id)
    fields = link_fields(schema.id, query)
    result = run(schema.id, fields, "link")
    if not result["ok"]:
        raise ValueError(f"the example of {schema.id} does not compute: {result['errors']}")
    values = result["values"]
    currency = str(values.get("currency") or fields.get("currency") or "USD")
    shown = {1, *result["items"]} if schema.group and schema.group.first == 2 else set(result["items"])
    group = schema.group

    def label_of(field: Field) -> dict[str, Any]:
        choices = [
            {"value": c, "label": texts.get("choices", {}).get(field.key, {}).get(c, c)} for c in field.choices
        ]
        return {"key": field.key, "kind": field.kind, "required": field.required,
                "label": texts["fields"][field.key], "choices": choices}

    def item(number: int, item_fields: tuple[Field, ...], suffix: str, legend: str) -> dict[str, Any]:
        return {
            "number": number, "suffix": suffix, "legend": legend,
            # Its name as the reader typed it, which names its row of results (view.js showNames).
            "name": next((fields.get(f.key + suffix, "").strip() for f in item_fields if f.kind == "text"), ""),
            "shown": number in shown or number == 0 or (number == 1 and suffix == ""),
            "removable": bool(suffix),
            "fields": [label_of(f) for f in item_fields],
            "texts": {f.key + suffix: page_text(f, fields.get(f.key + suffix, ""), lang) for f in item_fields},
            # A choice shows only the input it chose (lifetime or churn); widget.js keeps it so.
            "off": {key + suffix for f in item_fields for choice, key in f.implied_by
                    if choice != fields.get(f.key + suffix)},
        }

    items: list[dict[str, Any]] = []
    if group and group.first == 2:  # bare keys are item 1 (the value calculator's offers)
        items.append(item(1, schema.fields, "", texts["group"]["item"].format(n=1)))
    else:
        items.append(item(0, schema.fields, "", texts.get("main_legend", widget["inputs_heading"])))
    if group:
        for n in group.numbers():
            items.append(item(n, group.fields, f"_{n}", texts["group"]["item"].format(n=n)))

    apart = result.get("shown", {})  # digits a note keeps a result apart from a threshold with (view.js)

    def shown_text(kind: str, key: str, value: Any) -> str:
        base = split_key(key)[0]
        if value is None:
            return texts.get("none", {}).get(base, widget["none"])
        if key in apart:
            return format_number(kind, apart[key], lang, currency, exact=True)
        if kind == "category":
            return texts["values"][base][value]
        word = texts.get("values", {}).get(base, {}).get(value)  # e.g. strongest_level 0: nobody there
        if word is not None:
            return word
        if kind == "item" and value and fields.get(f"name_{value}", "").strip():
            return fields[f"name_{value}"].strip()  # the name the reader gave it (view.js: itemName)
        if kind == "item":
            return texts.get("item_zero", "") if value == 0 and "item_zero" in texts else texts["group"]["item"].format(n=value)
        if kind == "text":
            return str(value)
        return format_number(kind, value, lang, currency)

    kinds = {o.key: o.kind for o in schema.outputs}
    if group:
        for n in group.numbers():
            kinds.update({f"{o.key}_{n}": o.kind for o in group.outputs})
    if group and group.first == 2:
        kinds.update({f"{o.key}_1": o.kind for o in group.outputs})
    outputs: dict[str, dict[str, Any]] = {
        key: {"data_value": data_value(values.get(key)), "missing": key not in values, "kind": kind,
              "text": shown_text(kind, key, values.get(key)) if key in values else ""}
        for key, kind in kinds.items()
    }
    # Numbers in a formula show every digit they carry, so that its parts add up to the total
    # it shows; only a quotient (a ratio, the payback months) is rounded as everywhere.
    quotients = {key for key in texts.get("formulas", {}) if kinds.get(key) in ("ratio", "months")}

    def exact(key: str) -> bool:
        return split_key(key)[0] not in quotients

    refs = {key: format_number(schema.field(key).kind, float(text), lang, currency, exact=True)
            for key, text in fields.items() if schema.field(key).numeric and text != ""}
    refs.update({key: o["text"] for key, o in outputs.items()})
    refs.update({key: format_number(kind, apart.get(key, values[key]), lang, currency, exact=exact(key) or key in apart)
                 for key, kind in kinds.items()
                 if isinstance(values.get(key), (int, float)) and not isinstance(values.get(key), bool)
                 and kind not in ("item", "category", "level", "text") and texts.get("values", {}).get(split_key(key)[0], {}).get(values[key]) is None})

    group_output_keys = {o.key for o in group.outputs} if group else set()
    item_outputs = [{"key": o.key, "label": texts["outputs"][o.key]} for o in (group.outputs if group else ())]
    if group and group.first == 2:
        main_outputs = [{"key": o.key, "label": texts["outputs"][o.key]} for o in schema.outputs if o.key not in group_output_keys]
        layout = "columns"
    else:
        main_outputs = [{"key": o.key, "label": texts["outputs"][o.key]} for o in schema.outputs]
        layout = "rows"
    formulas = [
        {"key": key, "parts": [{**part, "exact": exact(part["ref"])} if "ref" in part else part
                               for part in _split_template(template)]}
        for key, template in texts.get("formulas", {}).items()
    ]
    notes = [{"key": n["key"], "text": fill_note(texts["notes"][n["key"].split(".", 1)[1]], n["params"], texts, lang, currency,
                                                  n.get("exact", ()))}
             for n in result["notes"]]
    spec = {
        "id": schema.id, "version": schema.version, "lang": lang,
        # How this page reads a link (links.js): the page's decimal separator, item keys.
        # The example's own link: what Copy link gives before the runtime has answered.
        "link": {**reading_rules(lang), "example": result["link"]},
        "locale": BY_CODE[lang].number_locale,
        # The example in link form: while the inputs are untouched, the runtime is asked for it
        # in this form, the form in which ``ahead`` answered it.
        "example": query, "ahead": ahead or [],
        "fields": [_field_json(f) for f in schema.fields],
        "group": None if group is None else {
            "first": group.first, "last": group.last, "inherit": group.inherit,
            "fields": [_field_json(f) for f in group.fields], "outputs": {o.key: o.kind for o in group.outputs},
        },
        "outputs": {o.key: o.kind for o in schema.outputs},
        "messages": {"widget": widget, "calculator": script_texts(texts, ("values", "none", "notes", "group", "item_zero", "figure", "headline")),
                     "workshop": {k: catalogue(lang, "workshop")[k] for k in ("actions", "qr", "mine", "export")}},
        # For exports: the calculator's name and every input's and result's label.
        "title": catalogue(lang, "guide")["calculators"][schema.id]["title"],
        "labels": {"fields": texts["fields"], "outputs": texts["outputs"]},
    }
    taught: set[str] | None = embed["taught"] if embed else None
    embedded = None if embed is None or taught is None else {
        "href": embed["page"] + "?" + result["link"],
        # Adding an item shows its inputs: only where the chapter taught every one of them.
        "can_add": group is not None and all(f.key in taught for f in group.fields),
        "prediction": embed["prediction"] and prediction_view(embed["prediction"], lang, values, currency),
    }
    return TEMPLATES.get_template("calculator.html").render(
        taught=taught, embedded=embedded,
        calc=schema, lang=lang, layout=layout, items=items, group=group,
        outputs=outputs, item_outputs=item_outputs, main_outputs=main_outputs,
        formulas=formulas, refs=refs, notes=notes,
        has_figure="figure" in texts, figure_json=json.dumps(result["figure"], ensure_ascii=False),
        moves_json=json.dumps(result["moves"], ensure_ascii=False),
        moves_output=moves_output(schema, texts, result["moves"], widget["qualified"]),
        m={"widget": widget, "calc": texts, "workshop": catalogue(lang, "workshop")}, questions=questions,
        counted=lambda forms, shown: plural_text(forms, shown, lang),
        # As view.js: no formula for a result not given, or with a part that does not exist.
        formula_shown=lambda formula, suffix: not outputs[formula["key"] + suffix]["missing"] and all(
            values.get(part["ref"] + suffix, 0) is not None for part in formula["parts"] if "ref" in part),
        runtime_json=json.dumps(runtime_urls), spec_json=json.dumps(spec, ensure_ascii=False),
    )


def script_texts(texts: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """The parts of a calculator's catalogue a page's script reads. A part the catalogue lacks
    is an empty table, except ``item_zero``, a word ("your offer"): as ``{}`` it would read as
    a word in JavaScript (the lifetime value has none), so it is left out."""
    return {k: texts.get(k, {}) for k in keys if k in texts or k != "item_zero"}


def moves_output(schema: Schema, texts: dict[str, Any], moves: dict[str, Any], qualified: str) -> str:
    """The result "What moves it" is about, by its label; beside other offers the value
    calculator's bare keys are offer 1, and the label says so in the language's brackets
    (``qualified``: «净价值（减法）（方案 1）»), as moves.js does."""
    label = str(texts["outputs"].get(HEADLINES.get(schema.id, ""), ""))
    if label and schema.group is not None and schema.group.first == 2 and moves.get("items"):
        label = qualified.replace("{name}", label).replace("{item}", texts["group"]["item"].format(n=1))
    return label


def fill_note(template: str, params: dict[str, list[Any]], texts: dict[str, Any], lang: str, currency: str,
              exact: Sequence[str] = ()) -> str:
    """A note's sentence with its numbers in the page's style (the same rule as view.js);
    ``exact`` names the numbers shown with every digit they carry."""
    def one(name: str) -> str:
        kind, value = params[name]
        item = params.get("item" if name == "name" else name.removesuffix("_name"))
        if item and kind == "text" and not str(value).strip():  # unnamed: the item's legend
            return texts.get("item_zero", "") if item[1] == 0 else texts["group"]["item"].format(n=item[1])
        if kind in ("item", "category", "text"):
            return str(value)
        if kind == "fields":  # input keys, named by this page's labels
            return catalogue(lang, "widget")["list_separator"].join(texts["fields"][key] for key in value)
        return format_number(kind, value, lang, currency, exact=name in exact)
    return fill(template, lambda name: one(name) if name in params else None, lang)


def _split_template(template: str) -> list[dict[str, Any]]:
    """A formula's template as its parts: text, and the numbers the page fills in (``ref``),
    with their plural forms where the words after them count (``plural``: ICU's forms)."""
    parts: list[dict[str, Any]] = []
    at = 0
    for match in PLACEHOLDER.finditer(template):
        if match.start() > at:
            parts.append({"text": template[at:match.start()]})
        counted, forms, name = match.groups()
        parts.append({"ref": counted or name, "plural": forms})
        at = match.end()
    if at < len(template):
        parts.append({"text": template[at:]})
    return parts


def _field_json(field: Field) -> dict[str, Any]:
    return {"key": field.key, "kind": field.kind, "default": field.default, "required": field.required,
            "numeric": field.numeric, "minimum": field.minimum, "maximum": field.maximum,
            "implied_by": [list(pair) for pair in field.implied_by]}


def render_input_table(schema: Schema, lang: str) -> str:
    widget, texts = catalogue(lang, "widget"), catalogue(lang, schema.id)
    table = widget["input_table"]
    fields = list(schema.fields) + ([f for f in schema.group.fields if f.key not in {g.key for g in schema.fields}] if schema.group else [])
    rows = []
    for field in fields:
        if field.kind == "choice":
            limits = table["choices"].format(choices=", ".join(field.choices))
        elif field.kind == "text":
            limits = table["text"]
        else:
            limits = table["from_to"].format(
                minimum=format_number("number", field.minimum or 0, lang),
                maximum=format_number("number", field.maximum, lang) if field.maximum is not None else "∞")
        default = table["empty"] if field.default is None else (
            format_number("number", field.default, lang) if field.numeric else str(field.default))
        cells = (f"<code>{escape(field.key)}</code>", escape(texts["fields"][field.key]),
                 escape(table["yes"] if field.required else table["no"]), escape(default), escape(limits))
        # data-label: on a phone each row stacks into a card that names its cells (guide.css).
        rows.append("<tr>" + "".join(f'<td data-label="{escape(table[k])}">{cell}</td>' for k, cell in zip(COLUMNS, cells)) + "</tr>")
    head = "".join(f"<th scope=\"col\">{escape(table[k])}</th>" for k in COLUMNS)
    # Folded away: the reader of a calculator page wants the calculator; trainers open this.
    return (f'<details class="cv-input-table-box"><summary>{escape(table["caption"])}</summary>'
            f'<table class="cv-input-table"><caption class="cv-visually-hidden">{escape(table["caption"])}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></details>")


COLUMNS = ("key", "input", "required", "default", "limits")  # the link-key table's columns
