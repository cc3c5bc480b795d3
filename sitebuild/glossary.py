"""The glossary (chapter 12): each key term, and the chapter section that explains it.

Where a term lives is declared once, here; what it is called and what it means live in each
language's ``glossary.yml``. Every language's glossary shows every language's name for the
term side by side, each marked with its ``lang`` and linked to that language's own version of
the section, so a reader can cross to the explanation in the language they read best.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from sitebuild.chapters import CHAPTERS
from sitebuild.languages import AUTONYMS, LANGUAGES
from sitebuild.messages import catalogue


@dataclass(frozen=True)
class Term:
    key: str  # the key in glossary.yml
    chapter: int
    anchor: str  # the explaining heading's id, the same in every language ({#id} in the Markdown)

    @property
    def slug(self) -> str:
        return CHAPTERS[self.chapter - 1].slug


TERMS = (
    Term("customer_value", 2, "judged-by-the-customer"),
    Term("subtraction_method", 2, "subtraction"),
    Term("division_method", 2, "division"),
    Term("use_value", 2, "consumer-value"),
    Term("exchange_value", 2, "consumer-value"),
    Term("utility", 3, "utility"),
    Term("warranty", 3, "warranty"),
    Term("perceived_value", 3, "perception"),
    Term("value_proposition", 3, "strategy"),
    Term("return_on_investment", 3, "return"),
    Term("customer_benefit", 4, "benefits"),
    Term("transaction_costs", 4, "transaction-costs"),
    Term("satisfaction_index", 5, "satisfaction"),
    Term("levels_of_competition", 6, "needs-not-competitors"),
    Term("lifetime_value", 7, "formula"),
    Term("relationship_marketing", 8, "stakeholders"),
    Term("value_of_future_sales", 8, "future-sales"),
    Term("switching_barriers", 8, "repeat-purchases"),
    Term("market_share", 8, "customer-share"),
    Term("customer_share", 8, "customer-share"),
    Term("customer_loyalty", 8, "loyalty"),
    Term("innovation", 9, "innovation-or-improvement"),
    Term("design_thinking", 9, "design-thinking"),
    Term("touchpoint", 10, "touchpoints"),
    Term("internal_customer", 11, "internal-customers"),
)

#: ``link(lang, slug)``: the relative address, from the page being built, of ``lang``'s page.
PageLink = Callable[[str, str], str]


def columns(page_lang: str) -> tuple[str, ...]:
    """The page's own language first, then the others in the switcher's order."""
    return (page_lang, *(lang for lang in LANGUAGES if lang != page_lang))


def term_name(lang: str, term: Term) -> str:
    return catalogue(lang, "glossary")["terms"][term.key]["name"]


def render_table(page_lang: str, link: PageLink) -> Markup:
    langs = columns(page_lang)
    head = "".join(f'<th scope="col" lang="{lang}">{escape(AUTONYMS[lang])}</th>' for lang in langs)
    rows = []
    for term in TERMS:
        cells = []
        for position, lang in enumerate(langs):
            href = escape(f"{link(lang, term.slug)}#{term.anchor}")
            # A link into another language carries hreflang: language.js loads it in full,
            # so the new page gets its own language's search and switcher.
            hreflang = "" if lang == page_lang else f' hreflang="{lang}"'
            tag = "th" if position == 0 else "td"
            scope = ' scope="row"' if position == 0 else ""
            cells.append(f'<{tag}{scope} lang="{lang}"><a href="{href}"{hreflang}>{escape(term_name(lang, term))}</a></{tag}>')
        rows.append(f'<tr id="term-{term.key.replace("_", "-")}">{"".join(cells)}</tr>')
    caption = escape(catalogue(page_lang, "glossary")["table_caption"])
    return Markup(
        f'<div class="cv-glossary" data-search-exclude><table><caption>{caption}</caption><thead><tr>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>'
    )


def render_definitions(page_lang: str, link: PageLink) -> Markup:
    words = catalogue(page_lang, "glossary")
    guide = catalogue(page_lang, "guide")
    entries = []
    for term in TERMS:
        entry = words["terms"][term.key]
        chapter = guide["labelled"].format(label=guide["chapter_label"].format(n=term.chapter), text=guide["chapters"][term.chapter])
        where = f'<a href="{escape(link(page_lang, term.slug))}#{term.anchor}">{escape(chapter)}</a>'
        explained = str(escape(words["explained_in"])).replace("{chapter}", where)
        entries.append(
            f'<dt id="{term.key.replace("_", "-")}">{escape(entry["name"])}</dt>'
            f'<dd><p>{escape(entry["definition"])}</p><p class="cv-explained-in">{explained}</p></dd>'
        )
    return Markup(f'<dl class="cv-definitions">{"".join(entries)}</dl>')
