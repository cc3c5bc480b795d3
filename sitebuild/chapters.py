"""The guide's chapters in reading order; titles live in the catalogues."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"


@dataclass(frozen=True)
class Chapter:
    number: int
    slug: str  # "" for the home page

    @property
    def source(self) -> str:
        return f"{self.slug}.md" if self.slug else "index.md"


CHAPTERS = (
    Chapter(1, ""),
    Chapter(2, "what-customer-value-is"),
    Chapter(3, "creating-value"),
    Chapter(4, "benefits-and-costs"),
    Chapter(5, "four-myths"),
    Chapter(6, "levels-of-competition"),
    Chapter(7, "customer-lifetime-value"),
    Chapter(8, "customer-worth"),
    Chapter(9, "innovation"),
    Chapter(10, "showing-value"),
    Chapter(11, "internal-customers"),
    Chapter(12, "glossary"),
    Chapter(13, "sources"),
)

#: The chapter whose workshop questions a calculator's own page prints on its worksheet (an
#: embedded calculator prints the questions of the chapter it sits in).
CALCULATOR_CHAPTERS = {"value": 2, "lifetime_value": 7, "competition": 6}

#: The example each calculator's own page opens with: a preset of calculators/presets.py (a
#: calculator not listed opens with the version's defaults). Declared here, not in the pages,
#: because every widget carries the list: the runtime answers these examples ahead, so that a
#: calculator page reached later in the visit shows Pyodide's answer at once.
CALCULATOR_PAGE_EXAMPLES: dict[str, str] = {"competition": "breakfast"}


def workshop_questions(lang: str, number: int) -> list[str]:
    """The questions (plain text, without the trainer's notes) that end chapter ``number``.

    They come from the one declaration (sitebuild/questions.py) with the words of ``lang``'s
    catalogue, so the worksheet asks exactly what the chapter's page asks.
    """
    from sitebuild.questions import QUESTIONS, texts

    return [_plain(texts(question, lang)[0]) for question in QUESTIONS.get(number, ())]


def _plain(markdown: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", markdown)  # [text](link) → text
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"[*_`]+", "", text).strip()
