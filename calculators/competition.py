"""Three levels of competition: judge by the customer's need, not by look-alike products.

Every alternative the customer could turn to instead of your offer sits on one of three
levels, decided by two questions alone: is it the same kind of product, and does it meet
the same need?

* Level 1: the same kind of product for the same need (two brands of corn flakes for a
  quick breakfast).
* Level 2: another kind of product for the same need (a sandwich, fried eggs, yoghurt) —
  the source calls this the most serious contest.
* Level 3: an offer aimed at another need that competes for the same money or time (an
  amusement park against a cinema) — often not considered at all. A product of your kind
  bought for another need is level 3 too: the need decides, not the look.

The customer takes what leaves them the most value for what it costs them, measured as in
:mod:`calculators.value`: ``net value = benefit − cost`` (the subtraction method) decides the
likely choice, ties going to the lowest number and your offer (number 0) winning any tie;
``ratio = benefit ÷ cost`` (the division method) is shown beside it. With the customer's
monthly spending given, each share is a fraction of the spending listed (the guide's
"customer share", not market share); an item whose spending is not given counts for nothing.

Worked example (the guide's breakfast table, USD per breakfast): corn flakes (yours) 5 − 3 =
2; instant cereal (level 1) 4.5 − 2.5 = 2; a sandwich (level 2) 6 − 3 = 3; fried eggs (level 2)
5 − 2.5 = 2.5; yoghurt (level 2) 3.5 − 1.5 = 2. The sandwich, alternative 2, leaves the most,
3, which is 0.5 more than the fried eggs. Spending 20 + 10 + 25 + 15 + 10 = 80 a month: your
share 20 ÷ 80 = 0.25; level 1 10 ÷ 80 = 0.125; level 2 50 ÷ 80 = 0.625; level 3 0.

>>> a = assess(
...     YourOffer("Corn flakes", benefit=5, cost=3, spend=20),
...     [
...         Alternative("Instant cereal", same_kind=True, same_need=True, benefit=4.5, cost=2.5, spend=10),
...         Alternative("Sandwich", same_kind=False, same_need=True, benefit=6, cost=3, spend=25),
...         Alternative("Fried eggs", same_kind=False, same_need=True, benefit=5, cost=2.5, spend=15),
...         Alternative("Yoghurt", same_kind=False, same_need=True, benefit=3.5, cost=1.5, spend=10),
...     ],
... )
>>> [int(alt.level) for alt in a.alternatives], [alt.net for alt in a.alternatives]
([1, 2, 2, 2], [2.0, 3.0, 2.5, 2.0])
>>> a.likely_choice, a.runner_up, a.margin, a.strongest
(2, 3, 0.5, (1, 2, 0))
>>> a.best_by_ratio  # yoghurt: 3.5 ÷ 1.5 ≈ 2.33, the highest ratio
4
>>> a.shares
Shares(you=0.25, level_1=0.125, level_2=0.625, level_3=0.0, given=5, listed=5)

The page's sentences are :class:`~calculators.schema.Note` keys with their parameters, listed
in :data:`NOTES`; the calculator chooses which, the page's catalogue words them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from .schema import Evaluation, Field, Inputs, ItemGroup, Note, Output, Schema, shown_equal
from .value import CURRENCIES, MAX_MONEY, best_item, free_items, net_value, value_ratio

#: Up to eight alternatives, ``_1`` … ``_8``.
MAX_ALTERNATIVES = 8
#: The number that stands for your own offer wherever an item number is due.
YOURS = 0


class CompetitionLevel(IntEnum):
    SAME_KIND_SAME_NEED = 1
    OTHER_KIND_SAME_NEED = 2
    OTHER_NEED = 3


def level_of(same_kind: bool, same_need: bool) -> CompetitionLevel:
    """The level of an alternative, from the two questions alone.

    >>> [int(level_of(kind, need)) for kind, need in ((True, True), (False, True), (False, False), (True, False))]
    [1, 2, 3, 3]
    """
    if not same_need:
        return CompetitionLevel.OTHER_NEED
    return CompetitionLevel.SAME_KIND_SAME_NEED if same_kind else CompetitionLevel.OTHER_KIND_SAME_NEED


@dataclass(frozen=True)
class YourOffer:
    """Your offer: money figures the customer would put on it, and what they spend on it
    per month now (``None``: not given)."""

    name: str = ""
    benefit: float = 0.0
    cost: float = 0.0
    spend: float | None = None


@dataclass(frozen=True)
class Alternative:
    """Something else the customer could take instead, with the two flags that place it."""

    name: str = ""
    same_kind: bool = False
    same_need: bool = True
    benefit: float = 0.0
    cost: float = 0.0
    spend: float | None = None

    @property
    def level(self) -> CompetitionLevel:
        return level_of(self.same_kind, self.same_need)


@dataclass(frozen=True)
class Assessed:
    """One item measured: ``number`` 0 is your offer, ``level`` is ``None`` for it."""

    number: int
    name: str
    level: CompetitionLevel | None
    net: float
    ratio: float | None
    spend: float | None


@dataclass(frozen=True)
class Shares:
    """Fractions of the spending listed (``None`` each when it totals 0), and how many of
    the ``listed`` items had their spending ``given``."""

    you: float | None
    level_1: float | None
    level_2: float | None
    level_3: float | None
    given: int
    listed: int


@dataclass(frozen=True)
class Assessment:
    """Your offer and the alternatives side by side.

    ``strongest`` holds the number of the alternative with the highest net value on levels
    1, 2 and 3 (0 where a level is empty). ``likely_choice`` is 0 for yours, else an
    alternative's number; ``runner_up`` is the best of the others (``None`` when there are no
    alternatives) and ``margin`` the net value between the two. ``tied`` counts the items
    sharing the top net value (1 when nothing ties).
    """

    you: Assessed
    alternatives: tuple[Assessed, ...]
    strongest: tuple[int, int, int]
    strongest_overall: int | None
    likely_choice: int
    runner_up: int | None
    margin: float | None
    tied: int
    best_by_ratio: int | None
    shares: Shares | None
    #: Items with a benefit for nothing: no ratio exists for them, so none ranks by ratio.
    free: tuple[int, ...] = ()

    def item(self, number: int) -> Assessed:
        """The assessed item with this number (0: yours)."""
        for found in (self.you, *self.alternatives):
            if found.number == number:
                return found
        raise KeyError(number)


def measure(number: int, name: str, benefit: float, cost: float, spend: float | None,
            level: CompetitionLevel | None = None) -> Assessed:
    """Net value and ratio of one item, with the value calculator's two methods.

    >>> measure(1, "Another cinema", 28, 18, 20, CompetitionLevel.SAME_KIND_SAME_NEED).net
    10.0
    >>> measure(2, "Free concert", 10, 0, None, CompetitionLevel.OTHER_NEED).ratio is None
    True
    """
    benefit, cost = float(benefit), float(cost)
    return Assessed(number, name, level, net_value(benefit, cost), value_ratio(benefit, cost), spend)


def ranked(scores: Sequence[float | None], numbers: Sequence[int]) -> int | None:
    """The number of the best score (ties to the first listed), or ``None`` without scores.

    >>> ranked([2.0, 3.0, 3.0], [0, 4, 7])
    4
    >>> ranked([None, None], [1, 2]) is None
    True
    """
    return best_item(scores, numbers)


def strongest_by_level(alternatives: Sequence[Assessed]) -> tuple[int, int, int]:
    """For levels 1, 2 and 3: the alternative with the highest net value there, 0 if none.

    >>> alts = [measure(1, "", 4.5, 2.5, None, CompetitionLevel(1)), measure(2, "", 6, 3, None, CompetitionLevel(2))]
    >>> strongest_by_level(alts)
    (1, 2, 0)
    """
    found = []
    for level in CompetitionLevel:
        scores = [a.net if a.level == level else None for a in alternatives]
        found.append(ranked(scores, [a.number for a in alternatives]) or 0)
    return found[0], found[1], found[2]


#: Shares are given to a thousandth (0.1 %), the precision the page shows them in (the
#: ``share`` kind in sitebuild/formatting.py; a test compares them).
SHARE_UNITS = 1000


def largest_remainder(parts: Sequence[float], units: int = SHARE_UNITS) -> list[float]:
    """Fractions that add up to 1, rounded to ``1 / units`` so that the rounded ones still
    add up to exactly 1: each gets its whole units, and the units left over go to the
    largest remainders (ties to the first). Three equal spends show 33.4 % + 33.3 % + 33.3 %
    = 100 %, never 99.9 %.

    >>> largest_remainder([1 / 3, 1 / 3, 1 / 3, 0.0])
    [0.334, 0.333, 0.333, 0.0]
    >>> largest_remainder([40 / 140, 20 / 140, 15 / 140, 65 / 140])
    [0.286, 0.143, 0.107, 0.464]
    """
    scaled = [p * units for p in parts]
    # float noise (0.125 × 1000 = 124.99999999999999) is no remainder
    whole = [math.floor(x + 1e-9) for x in scaled]
    left = units - sum(whole)
    order = sorted(range(len(parts)), key=lambda i: -(scaled[i] - whole[i]))
    for i in order[:max(0, left)]:
        whole[i] += 1
    return [w / units for w in whole]


def customer_shares(you: Assessed, alternatives: Sequence[Assessed]) -> Shares | None:
    """Your share and each level's share of the spending listed; ``None`` if none is given.

    Items whose spending is not given count for nothing; with a total of 0 no share exists.
    The four shares are rounded to 0.1 % together (:func:`largest_remainder`), so that the
    shares the page shows add up to exactly 100 %.

    >>> alts = [measure(1, "", 0, 0, 30, CompetitionLevel(3)), measure(2, "", 0, 0, None, CompetitionLevel(1))]
    >>> customer_shares(measure(0, "", 0, 0, 10), alts)
    Shares(you=0.25, level_1=0.0, level_2=0.0, level_3=0.75, given=2, listed=3)
    >>> customer_shares(measure(0, "", 0, 0, None), alts[1:]) is None
    True
    """
    items = (you, *alternatives)
    given = [i.spend for i in items if i.spend is not None]
    if not given:
        return None
    total = math.fsum(given)
    if total == 0:
        return Shares(None, None, None, None, given=len(given), listed=len(items))

    def part(spends: list[float | None]) -> float:
        return math.fsum(s for s in spends if s is not None) / total

    by_level = [part([a.spend for a in alternatives if a.level == level]) for level in CompetitionLevel]
    you_share, level_1, level_2, level_3 = largest_remainder([part([you.spend]), *by_level])
    return Shares(you_share, level_1, level_2, level_3, given=len(given), listed=len(items))


def assess(yours: YourOffer, alternatives: Sequence[Alternative], numbers: Sequence[int] | None = None) -> Assessment:
    """Place and measure every alternative and find the customer's likely choice.

    ``numbers`` are the alternatives' numbers (from their ``_N`` keys), 1, 2, … by default;
    they must be ascending so that ties go to the lowest number.

    An evening out: two level-3 offers tie at the top, the lowest number wins, and the
    division method would pick streaming.

    >>> a = assess(YourOffer("Cinema", 30, 20), [
    ...     Alternative("Another cinema", True, True, 28, 18),
    ...     Alternative("Streaming at home", False, True, 20, 8),
    ...     Alternative("Amusement park", False, False, 60, 45),
    ...     Alternative("Restaurant", False, False, 50, 35),
    ... ])
    >>> a.likely_choice, a.runner_up, a.margin, a.tied, a.best_by_ratio, a.strongest_overall
    (3, 4, 0.0, 2, 2, 3)
    """
    numbers = list(range(1, len(alternatives) + 1)) if numbers is None else list(numbers)
    if len(numbers) != len(alternatives) or numbers != sorted(set(numbers)) or YOURS in numbers:
        raise ValueError("alternative numbers must be distinct, ascending and not 0")
    you = measure(YOURS, yours.name, yours.benefit, yours.cost, yours.spend)
    alts = tuple(
        measure(n, alt.name, alt.benefit, alt.cost, alt.spend, alt.level)
        for n, alt in zip(numbers, alternatives)
    )
    items = (you, *alts)
    all_numbers = [i.number for i in items]
    nets = [i.net for i in items]
    choice = ranked(nets, all_numbers)
    assert choice is not None  # your offer always has a net value
    others = [None if i.number == choice else i.net for i in items]
    runner_up = ranked(others, all_numbers)
    top = nets[all_numbers.index(choice)]
    margin = None if runner_up is None else top - nets[all_numbers.index(runner_up)]
    # Where no ratio exists the cost is (next to) 0, so the net value is the benefit.
    free = free_items([i.net for i in items], [i.ratio for i in items], all_numbers)
    return Assessment(
        you=you,
        alternatives=alts,
        strongest=strongest_by_level(alts),
        strongest_overall=ranked([a.net for a in alts], [a.number for a in alts]),
        likely_choice=choice,
        runner_up=runner_up,
        # Ties as calculators.value.best_item sees them: as the page shows the numbers.
        margin=0.0 if margin is not None and shown_equal(margin, 0.0) else margin,
        tied=sum(1 for n in nets if shown_equal(n, top)),
        best_by_ratio=None if free else ranked([i.ratio for i in items], all_numbers),
        shares=customer_shares(you, alts),
        free=free,
    )


# --- The sentences: which note, with which parameters; the page's catalogue words them.

#: Every note key this calculator emits, with the names of its parameters. Parameter kinds:
#: ``item`` (0 is your offer, else an alternative's number), ``text`` (a name the reader
#: typed: show as text, never as HTML; may be empty), ``money``, ``ratio``, ``level``
#: (1, 2 or 3) and ``count``.
NOTES: dict[str, tuple[str, ...]] = {
    "competition.no_alternatives": (),
    "competition.likely_choice_yours": ("choice", "choice_name", "net", "runner_up", "runner_up_name", "margin"),
    # Your offer without a name: "choose your offer: …", not "choose your offer, your offer: …".
    "competition.likely_choice_yours_unnamed": ("choice", "net", "runner_up", "runner_up_name", "margin"),
    "competition.likely_choice_alternative": (
        "choice", "choice_name", "net", "runner_up", "runner_up_name", "margin", "your_net", "shortfall",
    ),
    "competition.likely_choice_tied": ("choice", "choice_name", "net", "runner_up", "runner_up_name", "tied"),
    # Every option leaves the customer worse off: the likely choice is only the least bad.
    "competition.none_worth_it": ("loss",),
    # No alternatives listed, and your offer already leaves the customer worse off than nothing.
    "competition.yours_below_zero": ("loss",),
    "competition.ratio_disagrees": ("by_net", "by_net_name", "by_ratio", "by_ratio_name", "ratio"),
    "competition.strongest_threat_level_1": ("item", "name", "net", "your_net"),
    "competition.strongest_threat_level_2": ("item", "name", "net", "your_net"),
    "competition.strongest_threat_level_3": ("item", "name", "net", "your_net"),
    "competition.no_level_2": (),
    "competition.no_level_3": (),
    "competition.free_item": ("item", "name"),
    "competition.free_item_yours": ("name",),
    "competition.free_item_yours_unnamed": (),  # "Your offer, , gives…" without a name
    "competition.shares_partial": ("given", "listed"),
    "competition.shares_zero_total": (),
}


def _ratio_leader(a: Assessment) -> Assessed | None:
    """The option that ranking by ratio would put first instead of the likely choice, or
    ``None`` when it agrees. It does not disagree by naming a lower-numbered option only level
    with the likely choice on ratio (QA: "ranked by ratio instead, your offer would come first"
    beside 4 ÷ 2 and 8 ÷ 4, both 2).

    >>> _ratio_leader(assess(YourOffer("", 4, 2), [Alternative("", False, True, 8, 4)])) is None
    True
    >>> _ratio_leader(assess(YourOffer("", 4, 1), [Alternative("", False, True, 8, 4)])).number
    0
    """
    if a.best_by_ratio is None or a.best_by_ratio == a.likely_choice:
        return None
    chosen, leader = a.item(a.likely_choice), a.item(a.best_by_ratio)
    if chosen.ratio is not None and leader.ratio is not None and shown_equal(chosen.ratio, leader.ratio):
        return None
    return leader


def notes_for(a: Assessment) -> tuple[Note, ...]:
    """The sentences for an assessment, most important first.

    >>> [n.key for n in notes_for(assess(YourOffer("Tea", 3, 1), []))]
    ['competition.no_alternatives']
    >>> [n.key for n in notes_for(assess(YourOffer("Tea", 3, 1), [Alternative("Coffee", False, True, 4, 1)]))]
    ['competition.likely_choice_alternative', 'competition.strongest_threat_level_2', 'competition.no_level_3']
    """
    notes: list[Note] = []
    if not a.alternatives:
        notes.append(Note("competition.no_alternatives"))
        your_net = _tidy(a.you.net)
        if your_net is not None and your_net < 0:
            notes.append(Note("competition.yours_below_zero", {"loss": ("money", -your_net)}))
    else:
        notes.append(_choice_note(a))
        best_net = _tidy(a.item(a.likely_choice).net)
        if best_net is not None and best_net < 0:
            # A customer who weighs every option may buy none: the "likely choice" above is
            # the least bad of them, not a purchase (the guide: value below zero).
            notes.append(Note("competition.none_worth_it", {"loss": ("money", -best_net)}))
        by_ratio = _ratio_leader(a)
        if by_ratio is not None:
            notes.append(Note("competition.ratio_disagrees", {
                "by_net": ("item", a.likely_choice),
                "by_net_name": ("text", a.item(a.likely_choice).name),
                "by_ratio": ("item", by_ratio.number),
                "by_ratio_name": ("text", by_ratio.name),
                "ratio": ("ratio", _tidy(by_ratio.ratio)),
            }))
        for number in a.free:
            free = a.item(number)
            if number == YOURS and not free.name.strip():
                notes.append(Note("competition.free_item_yours_unnamed"))
            elif number == YOURS:
                notes.append(Note("competition.free_item_yours", {"name": ("text", free.name)}))
            else:
                notes.append(Note("competition.free_item", {"item": ("item", number), "name": ("text", free.name)}))
        assert a.strongest_overall is not None
        threat = a.item(a.strongest_overall)
        notes.append(Note(f"competition.strongest_threat_level_{int(threat.level or 0)}", {
            "item": ("item", threat.number),
            "name": ("text", threat.name),
            "net": ("money", _tidy(threat.net)),
            "your_net": ("money", _tidy(a.you.net)),
        }))
        levels = {alt.level for alt in a.alternatives}
        for level in (CompetitionLevel.OTHER_KIND_SAME_NEED, CompetitionLevel.OTHER_NEED):
            if level not in levels:
                notes.append(Note(f"competition.no_level_{int(level)}"))
    if a.shares is not None:
        if a.shares.you is None:
            notes.append(Note("competition.shares_zero_total"))
        if a.shares.given < a.shares.listed:
            notes.append(Note("competition.shares_partial", {
                "given": ("count", a.shares.given), "listed": ("count", a.shares.listed),
            }))
    return tuple(notes)


def _choice_note(a: Assessment) -> Note:
    # Called only with alternatives listed: yours and one more, so a runner-up always exists.
    assert a.runner_up is not None
    choice, runner_up = a.item(a.likely_choice), a.item(a.runner_up)
    params: dict[str, tuple[str, Any]] = {
        "choice": ("item", choice.number),
        "choice_name": ("text", choice.name),
        "net": ("money", _tidy(choice.net)),
        "runner_up": ("item", runner_up.number),
        "runner_up_name": ("text", runner_up.name),
    }
    if a.tied > 1:
        return Note("competition.likely_choice_tied", {**params, "tied": ("count", a.tied)})
    # A lead of $0.004 reads "$0.004 more", never "$0.00 more": a number that is not zero
    # never reads as zero (sitebuild/formatting.py, format.js).
    params["margin"] = ("money", _tidy(a.margin))
    if choice.number == YOURS and not choice.name.strip():
        del params["choice_name"]
        return Note("competition.likely_choice_yours_unnamed", params)
    if choice.number == YOURS:
        return Note("competition.likely_choice_yours", params)
    return Note("competition.likely_choice_alternative", {
        **params,
        "your_net": ("money", _tidy(a.you.net)),
        "shortfall": ("money", _tidy(choice.net - a.you.net)),
    })


def figure_for(a: Assessment, need: str = "") -> dict[str, Any]:
    """JSON-ready data for the diagram of the three levels and its table.

    ``levels`` lists the alternatives' numbers on each level (as strings ``"1"``–``"3"``,
    numbers ascending); ``you`` and ``alternatives`` carry names, net values and ratios.

    >>> f = figure_for(assess(YourOffer("Tea", 3, 1), [Alternative("Coffee", False, True, 4, 1)]), "wake up")
    >>> f["levels"], f["you"]
    ({'1': [], '2': [1], '3': []}, {'name': 'Tea', 'net': 2.0, 'ratio': 3.0, 'spend': None})
    >>> f["alternatives"]
    [{'number': 1, 'name': 'Coffee', 'level': 2, 'net': 3.0, 'ratio': 4.0, 'spend': None}]
    """
    return {
        "need": need,
        "levels": {
            str(int(level)): [alt.number for alt in a.alternatives if alt.level == level]
            for level in CompetitionLevel
        },
        "you": {"name": a.you.name, "net": _tidy(a.you.net), "ratio": _tidy(a.you.ratio),
                "spend": _tidy(a.you.spend)},
        "alternatives": [
            {"number": alt.number, "name": alt.name, "level": int(alt.level or 0), "net": _tidy(alt.net),
             "ratio": _tidy(alt.ratio), "spend": _tidy(alt.spend)}
            for alt in a.alternatives
        ],
    }


def _tidy(value: float | None) -> float | None:
    """Round as :func:`calculators.run.clean` does for values (notes and figures bypass it)."""
    if value is None:
        return None
    rounded = round(float(value), 6)
    return 0.0 if rounded == 0 else rounded


# --- The declaration: inputs, outputs and limits, read by the widget, links, docs and tests.

_YES_NO = ("yes", "no")

_MAIN_FIELDS = (
    # Text defaults stay empty: a default in one language would show on every page.
    Field("need", "text", default="", empty=""),
    Field("name", "text", default="", empty=""),
    Field("benefit", "money", default=5, required=True, maximum=MAX_MONEY),
    Field("cost", "money", default=3, required=True, maximum=MAX_MONEY),
    Field("spend", "money", default=20, maximum=MAX_MONEY, empty=None),
    Field("currency", "choice", default="USD", choices=CURRENCIES, empty="USD"),
)
_ALTERNATIVE_FIELDS = (
    Field("name", "text", default="", empty=""),
    Field("same_kind", "choice", default="no", choices=_YES_NO, empty="no"),
    Field("same_need", "choice", default="yes", choices=_YES_NO, empty="yes"),
    Field("benefit", "money", default=0, required=True, maximum=MAX_MONEY),
    Field("cost", "money", default=0, required=True, maximum=MAX_MONEY),
    Field("spend", "money", default=None, maximum=MAX_MONEY, empty=None),
)
_ALTERNATIVE_OUTPUTS = (
    Output("level", "level"),
    Output("net", "money"),
    Output("ratio", "ratio"),
)
_MAIN_OUTPUTS = (
    Output("net", "money"),
    Output("ratio", "ratio"),
    Output("strongest_level_1", "item"),
    Output("strongest_level_2", "item"),
    Output("strongest_level_3", "item"),
    Output("likely_choice", "item"),
    Output("share_you", "share"),
    Output("share_level_1", "share"),
    Output("share_level_2", "share"),
    Output("share_level_3", "share"),
)


def _evaluate(inputs: Inputs, items: tuple[int, ...]) -> Evaluation:
    yours = YourOffer(inputs["name"], inputs["benefit"], inputs["cost"], inputs["spend"])
    alternatives = [
        Alternative(
            name=inputs[f"name_{n}"],
            same_kind=inputs[f"same_kind_{n}"] == "yes",
            same_need=inputs[f"same_need_{n}"] == "yes",
            benefit=inputs[f"benefit_{n}"],
            cost=inputs[f"cost_{n}"],
            spend=inputs[f"spend_{n}"],
        )
        for n in items
    ]
    a = assess(yours, alternatives, items)
    values: dict[str, float | int | str | None] = {}
    for alt in a.alternatives:
        values[f"level_{alt.number}"] = int(alt.level or 0)
        values[f"net_{alt.number}"] = alt.net
        values[f"ratio_{alt.number}"] = alt.ratio
    values["net"] = a.you.net
    values["ratio"] = a.you.ratio
    for level, number in zip(CompetitionLevel, a.strongest):
        values[f"strongest_level_{int(level)}"] = number
    values["likely_choice"] = a.likely_choice
    if a.shares is not None:
        values["share_you"] = a.shares.you
        values["share_level_1"] = a.shares.level_1
        values["share_level_2"] = a.shares.level_2
        values["share_level_3"] = a.shares.level_3
    return Evaluation(values=values, notes=notes_for(a), figure=figure_for(a, inputs["need"]))


SCHEMA = Schema(
    id="competition",
    slug="competition",
    version=1,
    fields=_MAIN_FIELDS,
    outputs=_MAIN_OUTPUTS,
    group=ItemGroup("alternative", first=1, last=MAX_ALTERNATIVES, fields=_ALTERNATIVE_FIELDS,
                    outputs=_ALTERNATIVE_OUTPUTS),
    evaluate=_evaluate,
)
