"""The workshop questions that end chapters 2 to 11, declared once for all six languages.

A chapter's questions are declared here: their stable ids (``"ch2.regret"``), their order, the
numbers each one uses and, where the trainer's note works an answer out, the calculator run
that computes it. Only the words live in the catalogues (``locales/<lang>/questions.yml``:
``text`` and ``note`` per question, with ``{placeholders}`` for the numbers), so a trainer with
a mixed-language room can say "question 2" and every participant reads the same task with the
same numbers, formatted as the widget formats them in their language.

>>> [q.id for q in QUESTIONS[4]]
['ch4.benefits', 'ch4.transaction', 'ch4.year-two', 'ch4.negative-value']
>>> values = QUESTIONS[4][2].values()
>>> values["total_cost"], values["net"], round(values["ratio"].value, 2)
(Number(kind='money', value=620.0), Number(kind='money', value=180.0), 1.29)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from calculators.presets import PRESETS
from calculators.registry import CALCULATORS
from calculators.run import run
from calculators.schema import split_key
from sitebuild.formatting import format_number

PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Number:
    kind: str  # a kind of sitebuild/formatting.py: money, ratio, percent, share, hours, number…
    value: float


@dataclass(frozen=True)
class Calculated:
    """Numbers a calculator works out: one of the guide's examples, with some inputs changed.

    ``shows`` maps a placeholder to the result (an output or, as the example states it, an
    input) whose value it prints; the kind comes from the calculator's declaration.
    """

    calculator: str
    example: str | None
    shows: Mapping[str, str]
    changes: Mapping[str, str] = field(default_factory=dict)

    def values(self) -> dict[str, Number]:
        schema = CALCULATORS[self.calculator]
        fields = {**(PRESETS[self.calculator][self.example] if self.example else {}), **self.changes}
        result = run(self.calculator, fields, "en")
        if not result["ok"]:
            raise ValueError(f"{self.calculator}/{self.example} {dict(self.changes)}: {result['errors']}")
        kinds = {o.key: o.kind for o in schema.outputs} | {f.key: f.kind for f in schema.fields}
        found = {**result["inputs"], **result["values"]}
        return {name: Number(kinds[split_key(key)[0]], float(found[key])) for name, key in self.shows.items()}


@dataclass(frozen=True)
class Worked:
    """Numbers worked out by a small rule of the chapter's own (no calculator covers it)."""

    rule: Callable[[Mapping[str, float]], Mapping[str, Number]]

    def values_from(self, given: Mapping[str, Number]) -> dict[str, Number]:
        return dict(self.rule({name: number.value for name, number in given.items()}))


@dataclass(frozen=True)
class Question:
    id: str  # "ch<chapter>.<name>": stable, cited by question_ref, used as the page anchor
    given: Mapping[str, Number] = field(default_factory=lambda: MappingProxyType({}))
    calculated: tuple[Calculated, ...] = ()
    worked: Worked | None = None

    @property
    def chapter(self) -> int:
        return int(self.id.split(".")[0][2:])

    @property
    def anchor(self) -> str:
        return "q-" + self.id.replace(".", "-")

    def values(self) -> dict[str, Number]:
        """Every number the question and its note print, by placeholder."""
        values = dict(self.given)
        for run_ in self.calculated:
            values.update(run_.values())
        if self.worked:
            values.update(self.worked.values_from(values))
        return values


def _hours_given_back(v: Mapping[str, float]) -> Mapping[str, Number]:
    # Chapter 11: 50 questions × 6 minutes = 300 minutes a week; 70 % fewer saves 210 minutes.
    saved_minutes = v["questions"] * v["minutes"] * v["fewer"] / 100
    return {"hours_saved": Number("hours", saved_minutes / 60)}


def _rest_of_trial(v: Mapping[str, float]) -> Mapping[str, Number]:
    return {"rest": Number("percent", 100 - v["converted"])}


def _q(id: str, **given: tuple[str, float]) -> Question:
    return Question(id, MappingProxyType({k: Number(*v) for k, v in given.items()}))


QUESTIONS: Mapping[int, tuple[Question, ...]] = MappingProxyType({
    2: (
        Question("ch2.regret"),
        # The grocery week (90 + 30 against 80 + 1 h × 20) for a customer who enjoys the shop:
        # the whole benefit is 90, so 90 − 100 = −10 and 90 ÷ 100 = 0.9.
        Question("ch2.other-customer", calculated=(Calculated(
            "value", "chapter-2", changes={"economic": "90", "psychological": "0"},
            shows={"benefit": "total_benefit", "cost": "total_cost", "net": "net_value", "ratio": "value_ratio"}),)),
        Question("ch2.assumed"),
        # A small offer (120 for 100: 20 left, 1.2) against a large one (330 for 300: 30 left, 1.1).
        Question("ch2.division", calculated=(Calculated(
            "value", None,
            changes={"economic": "120", "psychological": "0", "price": "100", "time_hours": "0",
                     "economic_2": "330", "psychological_2": "0", "price_2": "300", "time_hours_2": "0"},
            shows={"small_net": "net_value", "small_cost": "total_cost", "small_ratio": "value_ratio",
                   "large_net": "net_value_2", "large_cost": "total_cost_2", "large_ratio": "value_ratio_2"}),)),
    ),
    3: (
        Question("ch3.utility"),
        Question("ch3.warranty"),
        Question("ch3.buyer-types"),
        Question("ch3.stew"),
        Question("ch3.ask"),
    ),
    4: (
        Question("ch4.benefits"),
        Question("ch4.transaction"),
        # Bookkeeping, year two: the 120 of transaction costs fall away, so the cost is
        # 500 + 4 × 30 = 620 against a benefit of 800: net 180, ratio 800 ÷ 620 ≈ 1.29.
        Question("ch4.year-two", calculated=(
            Calculated("value", "chapter-4", shows={"transaction": "transaction"}),
            Calculated("value", "chapter-4", changes={"transaction": "0"},
                       shows={"total_cost": "total_cost", "net": "net_value", "ratio": "value_ratio"}),
        )),
        Question("ch4.negative-value"),
    ),
    5: (
        Question("ch5.free"),
        Question("ch5.leader"),
        Question("ch5.extras"),
        Question("ch5.time"),
        Question("ch5.satisfaction"),
    ),
    6: (
        Question("ch6.need"),
        # The sandwich (level 2) leaves 6 − 3 = 3: the corn flakes must leave more.
        Question("ch6.beat-sandwich", calculated=(Calculated(
            "competition", "breakfast", shows={"sandwich": "net_2"}),)),
        Question("ch6.market-share"),
        Question("ch6.level-two"),
    ),
    7: (
        Question("ch7.estimate"),
        # The fitness club: 20 a month × 36 months at a margin of 100 % = 720 of revenue.
        Question("ch7.revenue", calculated=(Calculated(
            "lifetime_value", "fitness-club", shows={"revenue": "lifetime_value"}),)),
        Question("ch7.segments"),
        Question("ch7.five-ways"),
    ),
    8: (
        Question("ch8.departments"),
        Question("ch8.stay"),
        # The café gets 30 of the 100 this customer spends a month: 30 %.
        Question("ch8.coffee", calculated=(Calculated(
            "competition", "daily-coffee", shows={"share": "share_you"}),)),
        Question("ch8.measure"),
        Question("ch8.loyalty"),
    ),
    9: (
        Question("ch9.value-system"),
        Question("ch9.improvements"),
        Question("ch9.patterns"),
        Question("ch9.pens"),
        Question("ch9.blockbuster"),
    ),
    10: (
        Question("ch10.attributes"),
        Question("ch10.touchpoints"),
        _q("ch10.remembered", per_slide=("money", 10_000), deal=("money", 250_000)),
        Question("ch10.newsletter"),
        Question("ch10.trial", given=MappingProxyType({"converted": Number("percent", 20)}),
                 worked=Worked(_rest_of_trial)),
    ),
    11: (
        Question("ch11.map"),
        Question("ch11.document"),
        _q("ch11.rules", fewer=("percent", 70)),
        # 50 questions × 6 minutes = 300 minutes; 70 % of them is 210 minutes = 3.5 hours.
        Question("ch11.own-numbers",
                 given=MappingProxyType({"questions": Number("count", 50), "minutes": Number("number", 6),
                                         "fewer": Number("percent", 70)}),
                 worked=Worked(_hours_given_back)),
        Question("ch11.attitudes"),
    ),
})

BY_ID: Mapping[str, Question] = MappingProxyType({q.id: q for qs in QUESTIONS.values() for q in qs})


def position(question_id: str) -> tuple[int, int]:
    """(chapter, number within the chapter) of a question: what "chapter 2, question 1" says."""
    question = BY_ID[question_id]
    return question.chapter, QUESTIONS[question.chapter].index(question) + 1


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def formatted(question: Question, lang: str) -> dict[str, str]:
    """The question's numbers as the widget writes them in ``lang``; never broken across lines."""
    return {name: format_number(n.kind, n.value, lang).replace(" ", "\u00a0")
            for name, n in question.values().items()}


def texts(question: Question, lang: str) -> tuple[str, str]:
    """(question, trainer's note) in ``lang``, Markdown, numbers filled in."""
    from sitebuild.messages import catalogue

    entry: dict[str, Any] = catalogue(lang, "questions")["chapters"][question.chapter][question.id.split(".", 1)[1]]
    numbers = formatted(question, lang)
    return entry["text"].format(**numbers), entry["note"].format(**numbers)
