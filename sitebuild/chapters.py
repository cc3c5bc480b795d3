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


#: The inputs each chapter has taught where it embeds a calculator (chapter → calculator →
#: input keys; an item's keys without their ``_N``). A chapter's embed shows only these: the
#: others keep the example's values, hidden yet computed, and the embed's link to the full
#: calculator carries them. Every embed's chapter must be listed (sitebuild/macros.py).
TAUGHT_FIELDS: dict[int, dict[str, tuple[str, ...]]] = {
    # Benefit (economic, less stress) against price and time, by subtraction and division.
    2: {"value": ("economic", "psychological", "price", "time_hours", "hourly_value")},
    # The three kinds of benefit and of cost, the owner's time included.
    4: {"value": ("economic", "psychological", "social", "price", "transaction", "time_hours", "hourly_value")},
    # Net value (benefit − cost), the levels (same kind? same need?) and, for level 3, the
    # same money: what the customer spends on each option.
    6: {"competition": ("need", "name", "benefit", "cost", "spend", "same_kind", "same_need")},
    # LTV = S × C × P × t.
    7: {"lifetime_value": ("average_check", "purchases_per_month", "margin_percent", "lifetime_months")},
}


@dataclass(frozen=True)
class Prediction:
    """A guess the reader may commit before an embedded calculator shows its answer.

    ``rule`` says how the answer is read from the results (the same in Python and in
    docs/assets/js/predict.js): ``"output"``: the categorical output ``outputs[0]``'s value is
    the option; ``"largest"``: the option is the output (of ``outputs``) with the largest
    value, ties to the first; ``"threshold"``: ``"above"`` when ``outputs[0]`` is at least
    ``threshold``, else ``"below"``. The question and the options' words live in the
    catalogue ``predict.yml`` under the chapter's key.
    """

    key: str
    calculator: str
    rule: str
    outputs: tuple[str, ...]
    options: tuple[str, ...]
    threshold: float | None = None

    def answer(self, values: dict[str, object]) -> str | None:
        """The option these results make true; ``None`` when they do not say.

        >>> Prediction("x", "value", "threshold", ("lifetime_value",), ("above", "below"), 500).answer({"lifetime_value": 720})
        'above'
        >>> Prediction("x", "c", "largest", ("a", "b"), ("a", "b")).answer({"a": 0.2, "b": 0.2})
        'a'
        """
        found = [values.get(key) for key in self.outputs]
        if any(value is None for value in found):
            return None
        if self.rule == "output":
            return str(found[0]) if str(found[0]) in self.options else None
        if self.rule == "largest":
            numbers = [float(value) for value in found]  # type: ignore[arg-type]
            return self.options[numbers.index(max(numbers))]
        return "above" if float(found[0]) >= float(self.threshold or 0) else "below"  # type: ignore[arg-type]


#: Predict first (issue 18): the guess each chapter asks before its embed's answer.
PREDICTIONS: dict[int, Prediction] = {
    # Two offers: offer 1 leaves more by subtraction (250 against 200), offer 2 wins by
    # division (1.5 against 1.25): the two measures disagree.
    2: Prediction("ch2", "value", "output", ("best_by_ratio",), ("1", "2")),
    # Breakfast money: you 20, level 1 10, level 2 25 + 15 + 10 = 50 of 80: level 2 holds most.
    6: Prediction("ch6", "competition", "largest",
                  ("share_you", "share_level_1", "share_level_2", "share_level_3"), ("you", "1", "2", "3")),
    # The fitness member: 20 × 1 × 100 % × 36 = 720 USD, above 500.
    7: Prediction("ch7", "lifetime_value", "threshold", ("lifetime_value",), ("above", "below"), 500),
}


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
