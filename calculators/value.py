"""Customer value measured two ways: by subtraction and by division.

The customer puts a money figure on what an offer gives them (economic, psychological and
social benefits) and pays for it in money (the price and the transaction costs of searching,
negotiating, contracting and checking) and in time (hours × what an hour is worth to them).

* Subtraction: ``net value = total benefit − total cost``; positive means value.
* Division: ``value ratio = total benefit ÷ total cost``; above 1 means value. It does not
  exist when the total cost is 0.

Worked example (the guide's grocery delivery): benefits 90 + 30 = 120; costs 80 + 1 h × 20
= 100; net value 120 − 100 = 20; ratio 120 ÷ 100 = 1.2.

>>> assess(Offer(economic=90, psychological=30, price=80, time_hours=1, hourly_value=20))
OfferValue(total_benefit=120.0, time_cost=20.0, total_cost=100.0, net_value=20.0, value_ratio=1.2, verdict='positive')

With two offers the two methods can disagree: a big offer can leave more value in money while
a small one returns more per unit of cost.

>>> big = Offer(economic=1250, price=1000)
>>> small = Offer(economic=600, price=400)
>>> c = compare([big, small])
>>> c.best_by_subtraction, c.best_by_ratio, c.methods_disagree
(1, 2, True)

Offers keep their numbers when one is removed: offers 1 and 3 name offer 3, never "2".

>>> compare([small, big], numbers=(1, 3)).best_by_subtraction
3

An offer that gives a benefit for nothing has no ratio (benefit ÷ 0 does not exist), so
division cannot rank the offers at all; subtraction still can.

>>> c = compare([Offer(economic=50), big])
>>> c.best_by_subtraction, c.best_by_ratio, c.free, c.methods_disagree
(2, None, (1,), False)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .schema import (
    RESULT_LIMIT,
    SHOWN_DECIMALS,
    Evaluation,
    Field,
    Inputs,
    ItemGroup,
    Note,
    Output,
    Schema,
    rounded,
    shown_apart,
    shown_equal,
)

Verdict = Literal["positive", "negative", "break_even"]

#: Money figures beyond a billion are not a customer's valuation but a typing accident.
MAX_MONEY = 1e9
CURRENCIES = ("USD", "EUR", "GBP", "CHF", "JPY", "KRW", "CNY", "RUB", "INR", "CAD", "AUD", "SEK", "PLN", "BRL")


@dataclass(frozen=True)
class Offer:
    """What one offer gives and costs the customer, in money figures they would put on it."""

    economic: float = 0.0
    psychological: float = 0.0
    social: float = 0.0
    price: float = 0.0
    transaction: float = 0.0
    time_hours: float = 0.0
    hourly_value: float = 0.0


@dataclass(frozen=True)
class OfferValue:
    total_benefit: float
    time_cost: float
    total_cost: float
    net_value: float
    value_ratio: float | None
    verdict: Verdict


@dataclass(frozen=True)
class Comparison:
    """Offers assessed side by side, by their numbers; ties go to the lowest number.

    ``free`` holds the numbers of offers with a benefit and a total cost of 0: their ratio
    does not exist, so with one of them ``best_by_ratio`` is ``None``.
    """

    offers: tuple[OfferValue, ...]
    best_by_subtraction: int
    best_by_ratio: int | None
    free: tuple[int, ...] = ()
    numbers: tuple[int, ...] = ()  # the offers' own numbers, in order; 1, 2, … when empty

    def offer(self, number: int) -> OfferValue:
        numbers = self.numbers or tuple(range(1, len(self.offers) + 1))
        return self.offers[numbers.index(number)]

    @property
    def methods_disagree(self) -> bool:
        """Whether division puts another offer first than subtraction does. Not when it only
        names a lower-numbered offer level with subtraction's on ratio: 120 for 100 and 240 for
        200 both return 1.2, and a ratio that cannot tell them apart has nothing to disagree
        with (QA: "the two methods disagree" beside two ratios of 1.2).

        >>> compare([Offer(economic=120, price=100), Offer(economic=240, price=200)]).methods_disagree
        False
        """
        if self.best_by_ratio is None or self.best_by_ratio == self.best_by_subtraction:
            return False
        winner_ratio = self.offer(self.best_by_subtraction).value_ratio
        best_ratio = self.offer(self.best_by_ratio).value_ratio
        return winner_ratio is None or best_ratio is None or not shown_equal(winner_ratio, best_ratio)

    def tied(self) -> int:
        """How many offers leave as much net value as the best one, as :func:`best_item` sees a
        tie; 1 when the best stands alone.

        >>> offer = lambda net: OfferValue(net, 0, 0, net, None, "positive")
        >>> Comparison((offer(80), offer(80), offer(40)), 1, 3).tied()
        2
        """
        best = self.offer(self.best_by_subtraction).net_value
        return sum(1 for o in self.offers if shown_equal(o.net_value, best))


def net_value(benefit: float, cost: float) -> float:
    """The subtraction method: what is left to the customer. ``net_value(120, 100)`` → 20."""
    return benefit - cost


def value_ratio(benefit: float, cost: float) -> float | None:
    """The division method: benefit per unit of cost; ``None`` when nothing is paid, or so
    little that the ratio passes :data:`~calculators.schema.RESULT_LIMIT` (a cost of
    0.0000001 is no cost to divide by, and no page could show the quotient).

    >>> value_ratio(120, 100)
    1.2
    >>> value_ratio(50, 0) is None, value_ratio(1e9, 1e-91) is None
    (True, True)
    """
    if cost == 0:
        return None
    ratio = benefit / cost
    return ratio if abs(ratio) <= RESULT_LIMIT else None


def verdict(benefit: float, cost: float) -> Verdict:
    """``positive`` when the benefit exceeds the cost; break-even when the net value the page
    shows is 0, so that the verdict never contradicts it (a benefit of 0.000001 for nothing
    is a gain, shown as one; float noise such as 0.1 + 0.2 − 0.3 is not).

    >>> verdict(120, 100), verdict(0.000001, 0), verdict(0.1 + 0.2, 0.3)
    ('positive', 'positive', 'break_even')
    """
    if shown_equal(net_value(benefit, cost), 0.0):  # the net value the page shows is 0
        return "break_even"
    return "positive" if benefit > cost else "negative"


def assess(offer: Offer) -> OfferValue:
    """Both measures for one offer."""
    benefit = float(offer.economic + offer.psychological + offer.social)
    time_cost = float(offer.time_hours * offer.hourly_value)
    cost = float(offer.price + offer.transaction + time_cost)
    return OfferValue(
        total_benefit=benefit,
        time_cost=time_cost,
        total_cost=cost,
        net_value=net_value(benefit, cost),
        value_ratio=value_ratio(benefit, cost),
        verdict=verdict(benefit, cost),
    )


def compare(offers: Sequence[Offer], numbers: Sequence[int] | None = None) -> Comparison:
    """Assess offers and name the best one by each method, by the offers' ``numbers``
    (1, 2, … by default; ascending, so that ties go to the lowest)."""
    numbers = tuple(range(1, len(offers) + 1)) if numbers is None else tuple(numbers)
    assessed = tuple(assess(o) for o in offers)
    free = free_items([a.total_benefit for a in assessed], [a.value_ratio for a in assessed], numbers)
    return Comparison(
        offers=assessed,
        best_by_subtraction=best_item([a.net_value for a in assessed], numbers) or numbers[0],
        best_by_ratio=None if free else best_item([a.value_ratio for a in assessed], numbers),
        free=free,
        numbers=numbers,
    )


def free_items(benefits: Sequence[float], ratios: Sequence[float | None], numbers: Sequence[int]) -> tuple[int, ...]:
    """The numbers of the items that give a benefit for a cost of 0 (or one too small to
    divide by). Division cannot rank a list with one of them: its ratio does not exist (it
    is no number, however large), and ranking the others alone would wrongly say division
    prefers one of them.

    >>> free_items([50, 120, 0], [None, 1.2, None], [1, 3, 4])
    (1,)
    """
    return tuple(n for b, r, n in zip(benefits, ratios, numbers) if r is None and b > 0)


def best_item(scores: Sequence[float | None], numbers: Sequence[int] | None = None) -> int | None:
    """The number of the highest score, the lowest number on a tie; ``None`` if no score
    exists. ``numbers`` are the items' own numbers (ascending), 1, 2, … by default: the
    answer is an item's number, never its position in the list. Shared by the calculators
    that rank things.

    >>> best_item([2.0, 3.0, 3.0]), best_item([2.0, 3.0, 3.0], [1, 3, 4])
    (2, 3)
    """
    numbers = list(range(1, len(scores) + 1)) if numbers is None else list(numbers)
    if len(numbers) != len(scores):
        raise ValueError("one number per score")
    best: int | None = None
    for position, score in enumerate(scores):
        if score is None:
            continue
        top = None if best is None else scores[best]
        if top is None or score > top and not shown_equal(score, top):
            best = position
    return None if best is None else numbers[best]


def benefit_cost_chart(comparison: Comparison, numbers: Sequence[int]) -> dict[str, Any]:
    """Each offer's total benefit beside its total cost, for the chart and its data table.

    >>> two = compare([Offer(economic=120, price=100), Offer(economic=50, price=20)], (1, 3))
    >>> benefit_cost_chart(two, (1, 3))["offers"][1]
    {'number': 3, 'total_benefit': 50.0, 'total_cost': 20.0, 'net_value': 30.0}
    """
    return {"offers": [
        {"number": n, "total_benefit": o.total_benefit, "total_cost": o.total_cost, "net_value": o.net_value}
        for n, o in zip(numbers, comparison.offers)
    ]}


# --- The declaration: inputs, outputs and limits, read by the widget, links, docs and tests.

_OFFER_FIELDS = (
    Field("economic", "money", default=90, required=True, maximum=MAX_MONEY),
    Field("psychological", "money", default=30, maximum=MAX_MONEY),
    Field("social", "money", default=0, maximum=MAX_MONEY),
    Field("price", "money", default=80, required=True, maximum=MAX_MONEY),
    Field("transaction", "money", default=0, maximum=MAX_MONEY),
    Field("time_hours", "hours", default=1, maximum=10_000),
    Field("hourly_value", "money", default=20, maximum=1_000_000),
)
_OFFER_OUTPUTS = (
    Output("total_benefit", "money"),
    Output("time_cost", "money"),
    Output("total_cost", "money"),
    Output("net_value", "money"),
    Output("value_ratio", "ratio"),
    Output("verdict", "category"),
)
MAX_OFFERS = 4


def _evaluate(inputs: Inputs, items: tuple[int, ...]) -> Evaluation:
    suffixes = [""] + [f"_{n}" for n in items]
    offers = [Offer(**{f.key: inputs[f.key + s] for f in _OFFER_FIELDS}) for s in suffixes]
    comparison = compare(offers, (1, *items))
    values: dict[str, float | int | str | None] = {}
    for suffix, result in zip(suffixes, comparison.offers):
        for output in _OFFER_OUTPUTS:
            values[output.key + suffix] = getattr(result, output.key)
    notes = list(_unpriced_time(offers, (1, *items)))
    if len(offers) > 1:
        values["best_by_subtraction"] = comparison.best_by_subtraction
        values["best_by_ratio"] = comparison.best_by_ratio
        if comparison.methods_disagree:
            notes.append(Note("value.methods_disagree", {
                "by_subtraction": ("item", comparison.best_by_subtraction),
                "by_ratio": ("item", comparison.best_by_ratio),
            }))
        notes += [Note("value.free_offer", {"item": ("item", n)}) for n in comparison.free]
        tied = comparison.tied()
        if tied > 1:
            # "Offer 1 gives the most value" beside offer 2's equal net: say it is a tie, and why
            # offer 1 is the one named.
            best = comparison.best_by_subtraction
            notes.insert(0, Note("value.best_tied", {
                "count": ("count", tied), "net": ("money", values["net_value" + ("" if best == 1 else f"_{best}")]),
                "best": ("item", best)}))
    return Evaluation(values=values, notes=tuple(notes), figure=benefit_cost_chart(comparison, (1, *items)),
                      shown=kept_apart(values, suffixes))


def kept_apart(values: dict[str, Any], suffixes: Sequence[str]) -> dict[str, float]:
    """The results a verdict rests on, with the digits that keep them apart from what they are
    compared with (:func:`calculators.schema.shown_apart`): an offer that gains or loses value
    never shows a ratio of "1", nor a total cost that reads as its total benefit.

    A benefit of 80 against a cost of 80.004 is a loss of 0.004: at their usual digits the
    ratio 0.99995 reads "1" and the cost "$80.00" beside "$80", under "No value". Both keep
    the digits that tell them apart.

    >>> kept_apart({"total_benefit": 80.0, "total_cost": 80.004, "value_ratio": 80 / 80.004,
    ...             "verdict": "negative"}, [""])
    {'value_ratio': 0.99995, 'total_cost': 80.004}
    >>> kept_apart({"total_benefit": 120.0, "total_cost": 100.0, "value_ratio": 1.2, "verdict": "positive"}, [""])
    {}
    """
    ratio_places, money_places = SHOWN_DECIMALS["ratio"], SHOWN_DECIMALS["money"]
    apart: dict[str, float] = {}
    for suffix in suffixes:
        if values["verdict" + suffix] == "break_even":
            continue  # equal within a millionth: "1" and equal amounts are the truth
        benefit, cost, ratio = (values[key + suffix] for key in ("total_benefit", "total_cost", "value_ratio"))
        if ratio is not None and rounded(ratio, ratio_places) == 1:
            apart["value_ratio" + suffix] = shown_apart(ratio, 1.0, ratio_places)
        benefit_shown = rounded(benefit, money_places)
        if rounded(cost, money_places) == benefit_shown:
            apart["total_cost" + suffix] = shown_apart(cost, benefit_shown, money_places)
    return apart


def _unpriced_time(offers: Sequence[Offer], numbers: Sequence[int]) -> Iterator[Note]:
    """Hours typed without a value for an hour cost nothing: said, not left to a $0 time cost.

    >>> [n.key for n in _unpriced_time([Offer(economic=90, price=80, time_hours=2)], (1,))]
    ['value.time_unpriced']
    """
    for number, offer in zip(numbers, offers):
        if offer.time_hours > 0 and offer.hourly_value == 0:
            hours: dict[str, tuple[str, Any]] = {"hours": ("hours", offer.time_hours)}
            if len(offers) == 1:
                yield Note("value.time_unpriced", hours)
            else:
                yield Note("value.time_unpriced_item", {"item": ("item", number), **hours})


SCHEMA = Schema(
    id="value",
    slug="value",
    version=1,
    fields=_OFFER_FIELDS + (Field("currency", "choice", default="USD", choices=CURRENCIES, empty="USD"),),
    outputs=_OFFER_OUTPUTS + (Output("best_by_subtraction", "item"), Output("best_by_ratio", "item")),
    group=ItemGroup("offer", first=2, last=MAX_OFFERS, fields=_OFFER_FIELDS, outputs=_OFFER_OUTPUTS),
    evaluate=_evaluate,
)
