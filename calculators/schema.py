"""How a calculator declares its inputs and outputs once, and how raw text becomes inputs.

The widget, the link handling, the docs' input tables and the tests all read a
:class:`Schema`; nothing else lists a calculator's keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from .errors import CalculatorError
from .numbers import parse_amount, parse_number

FieldKind = Literal["money", "number", "percent", "months", "hours", "count", "text", "choice"]
OutputKind = Literal[
    "money", "number", "ratio", "months", "percent", "share", "item", "category", "level", "text"
]
MAX_TEXT = 100  # the contract's limit for any value, typed or from a link
#: The largest result a page shows. Beyond 10^15 a number says nothing about a customer or
#: an offer, loses digits in the browser, and JavaScript would soon write it with an
#: exponent: such results are ``None`` (``none``), with a note where a calculator says why.
RESULT_LIMIT = 1e15
NUMERIC_KINDS = frozenset({"money", "number", "percent", "months", "hours", "count"})


@dataclass(frozen=True)
class Field:
    """One input. ``default`` is the link format's frozen default (see :attr:`Schema.version`)."""

    key: str
    kind: FieldKind
    default: float | str | None = None
    required: bool = False
    minimum: float | None = 0.0
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    #: What an empty field means: 0 for most optional inputs, ``None`` for "not given"
    #: (a lifetime left empty so that churn decides).
    empty: float | str | None = 0.0
    #: In an inheriting :class:`ItemGroup`: whether an item's empty field takes the main
    #: value. ``False`` leaves it ``None`` for the calculator to decide (a segment's own
    #: churn must not be overruled by an inherited lifetime).
    inherit: bool = True
    #: For a choice: ``(choice, key)`` pairs. A ``v=1`` link that leaves this field out takes
    #: the choice whose key it gives a value for, when it gives exactly one of them, else
    #: the default (a link with a churn and no lifetime means the churn).
    implied_by: tuple[tuple[str, str], ...] = ()

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS


@dataclass(frozen=True)
class Output:
    key: str
    kind: OutputKind


@dataclass(frozen=True)
class ItemGroup:
    """A list of like items whose keys end in ``_N`` (offers, segments, alternatives).

    ``first`` is the number of the first suffixed item: the value calculator's bare keys are
    offer 1, so its group starts at 2; segments and alternatives start at 1. With ``inherit``
    a field an item leaves empty takes the main input's value; otherwise the field's default.
    """

    name: str
    first: int
    last: int
    fields: tuple[Field, ...]
    outputs: tuple[Output, ...]
    inherit: bool = False

    def numbers(self) -> range:
        return range(self.first, self.last + 1)


@dataclass(frozen=True)
class Note:
    """A sentence the page shows, as a catalogue key and the values it needs.

    ``params`` maps each placeholder to ``(kind, value)`` so that every page formats the
    numbers in its own language; the calculator decides *which* note, never its wording.
    """

    key: str
    params: Mapping[str, tuple[str, Any]] = field(default_factory=dict)
    #: Parameters shown with every digit they carry (up to six), not their kind's usual
    #: digits: a number that :func:`shown_apart` keeps from reading as the threshold the note
    #: compares it with.
    exact: frozenset[str] = frozenset()

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"key": self.key, "params": {k: [kind, v] for k, (kind, v) in self.params.items()}}
        if self.exact:
            found["exact"] = sorted(self.exact)
        return found


#: The decimals the page shows for each kind of number, at most (money: exactly, unless it is
#: whole); other kinds show none. sitebuild/formatting.py formats by this table at build time,
#: and docs/assets/js/format.js repeats it for the browser (a test compares the two).
SHOWN_DECIMALS: Mapping[str, int] = {
    "money": 2, "ratio": 2, "number": 2, "hours": 2, "percent": 2, "months": 1, "share": 1,
}
#: The most decimals any number shows: a formula's parts carry every digit of a result, which
#: calculators.run rounds to six.
MOST_DECIMALS = 6
#: The smallest number that is not zero a reader may type. Nearer to zero, a number would be
#: shown as 0 (beside the field, in a note: "0 h" for 0.0000004 hours) while it counted as
#: more: it is refused instead, as the other limits are.
SMALLEST_TYPED = 10.0 ** -MOST_DECIMALS
#: The most decimals a number kept apart from a threshold shows (:func:`shown_apart`): past
#: six only where fewer would read as the threshold (720 ÷ 240.00004 = 2.9999995 "below a
#: target of 3" read "3:1, below your target of 3:1").
APART_DECIMALS = 12


def shown_apart(value: float, threshold: float, decimals: int) -> float:
    """``value`` to the fewest decimals, from ``decimals`` (its kind's usual ones) to twelve
    (:data:`APART_DECIMALS`), at which it no longer reads as ``threshold``, rounded as the page
    rounds (half away from zero).

    A note that says a number is on one side of a threshold must not show the threshold
    itself: a payback of 12.025 months reads "12" at one decimal, and "12 months, longer than
    12 months" contradicts itself. (Zero needs no threshold: a number that is not zero never
    reads as zero, wherever it is shown; sitebuild/formatting.py.)

    >>> shown_apart(12.025, 12, 1), shown_apart(12.05, 12, 1), shown_apart(2.996, 3, 2)
    (12.03, 12.1, 2.996)
    >>> shown_apart(2.993763, 3, 2), shown_apart(0.004, 0, 2), shown_apart(5.0, 0, 2)
    (2.99, 0.004, 5.0)

    Nor does a number that is not zero read as zero on its way (an LTV:CAC of 0.001 below a
    target of 3 is not "0:1"):

    >>> shown_apart(0.001, 3, 2)
    0.001

    Past six decimals where it must (the page shows every decimal of such a number):

    >>> shown_apart(720 / 240.00004, 3, 2), shown_apart(1000 / 1000.0004, 1, 2)
    (2.9999995, 0.9999996)
    """
    for places in range(decimals, APART_DECIMALS + 1):
        shown = rounded(value, places)
        if shown != threshold and (shown != 0 or value == 0):
            return shown
    return rounded(value, APART_DECIMALS)


def shown_equal(a: float, b: float) -> bool:
    """Whether two results read the same on the page (six decimals, as
    :func:`calculators.run.clean` rounds them): a tie is what the reader sees as one. Nets of
    2.0000001 and 2.0000004 both read 2; ranked apart, the notes named one strongest rival and
    the headline, which compares what the page shows, the other.

    >>> shown_equal(2.0000001, 2.0000004), shown_equal(0.1 + 0.2, 0.3), shown_equal(2.0, 2.000001)
    (True, True, False)
    """
    return round(a, MOST_DECIMALS) == round(b, MOST_DECIMALS)


def rounded(value: float, places: int) -> float:
    """``value`` as the page shows it at ``places`` decimals: half away from zero, from the
    shortest decimal that reads back as the float (``rounded(1.005, 2)`` → 1.01).

    >>> rounded(1.005, 2), rounded(0.99995000249, 4), rounded(-2.5, 0)
    (1.01, 1.0, -3.0)
    """
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


@dataclass(frozen=True)
class Evaluation:
    """What a calculator returns: output values by key (``None`` where a result does not
    exist for these inputs) and the notes to show."""

    values: Mapping[str, float | int | str | None]
    notes: tuple[Note, ...] = ()
    #: JSON-ready data for a calculator's own figure (a chart's points, a diagram's places).
    figure: Mapping[str, Any] = field(default_factory=dict)
    #: Results a note compares with a threshold, with the digits that keep them apart from it
    #: (:func:`shown_apart`): the page shows these wherever it shows the result, so that a ratio
    #: of 2.9988 reads "2.999" in its row and the headline as in "2.999:1, below 3:1".
    shown: Mapping[str, float] = field(default_factory=dict)


Inputs = Mapping[str, Any]


@dataclass(frozen=True)
class Schema:
    id: str
    slug: str
    version: int
    fields: tuple[Field, ...]
    outputs: tuple[Output, ...]
    evaluate: Callable[[Inputs, tuple[int, ...]], Evaluation]
    group: ItemGroup | None = None

    def field(self, key: str) -> Field:
        """The declaration behind an input key, suffixed keys included (``price_2``)."""
        base, number = split_key(key)
        if number is not None and self.group is not None and number in self.group.numbers():
            for item_field in self.group.fields:
                if item_field.key == base:
                    return item_field
        for main_field in self.fields:
            if main_field.key == key:
                return main_field
        raise KeyError(key)

    def input_keys(self, items: tuple[int, ...] = ()) -> list[str]:
        keys = [f.key for f in self.fields]
        if self.group is not None:
            keys += [f"{f.key}_{n}" for n in items for f in self.group.fields]
        return keys

    def defaults(self) -> dict[str, float | str | None]:
        """The frozen defaults of this link version, by bare key."""
        found = {f.key: f.default for f in self.fields}
        if self.group is not None:
            for f in self.group.fields:
                found.setdefault(f.key, f.default)
        return found

    def items_in(self, keys: Mapping[str, Any] | list[str]) -> tuple[int, ...]:
        """The item numbers that a set of keys mentions (``price_3`` → 3), in order."""
        if self.group is None:
            return ()
        known = {f.key for f in self.group.fields}
        found: set[int] = set()
        for key in keys:
            base, number = split_key(key)
            if number is not None and number in self.group.numbers() and base in known:
                found.add(number)
        return tuple(sorted(found))


def implied_choice(declared: Field, query: Mapping[str, str]) -> str | None:
    """The choice a link that leaves ``declared`` out implies (see :attr:`Field.implied_by`).

    >>> basis = Field("basis", "choice", default="lifetime", choices=("lifetime", "churn"),
    ...               implied_by=(("lifetime", "lifetime_months"), ("churn", "churn_percent")))
    >>> implied_choice(basis, {"churn_percent": "5"}), implied_choice(basis, {"lifetime_months": "", "churn_percent": "5"})
    ('churn', 'churn')
    >>> implied_choice(basis, {"lifetime_months": "24", "churn_percent": "5"}), implied_choice(basis, {})
    ('lifetime', 'lifetime')
    """
    given = [choice for choice, key in declared.implied_by if str(query.get(key, "")).strip() != ""]
    return given[0] if len(given) == 1 else None if declared.default is None else str(declared.default)


#: A key of the Nth item of a list: the field's key, ``_`` and N (from 1, no leading zero).
#: The page reads links with the same pattern (it travels in each widget's spec).
ITEM_KEY = re.compile(r"^(.*)_([1-9][0-9]*)$")


def split_key(key: str) -> tuple[str, int | None]:
    """``"price_2"`` → ``("price", 2)``; ``"price"`` → ``("price", None)``."""
    match = ITEM_KEY.fullmatch(key)
    return (match.group(1), int(match.group(2))) if match else (key, None)


def read_field(declared: Field, key: str, text: str, lang: str, currency: str = "USD") -> float | str | None:
    """The value of one input from its raw text, or :class:`CalculatorError`.

    ``None`` means empty: the caller decides whether the default or the main value applies.
    Amounts may carry the sign of ``currency`` (``$20``); another currency's sign is the
    error ``wrong_currency``.
    """
    if len(text) > MAX_TEXT:
        raise CalculatorError("too_long", key, {"maximum": MAX_TEXT})
    stripped = text.strip()
    if stripped == "":
        if declared.required:
            raise CalculatorError("required", key)
        return None
    if declared.kind == "text":
        return stripped
    if declared.kind == "choice":
        if stripped not in declared.choices:
            raise CalculatorError("not_a_choice", key)
        return stripped
    if declared.kind == "percent" and stripped.endswith(("%", "％")):
        stripped = stripped[:-1].rstrip()
    try:
        value = parse_amount(stripped, lang, currency) if declared.kind == "money" else parse_number(stripped, lang)
    except ValueError as error:
        code = str(error)
        params = {"currency": currency} if code == "wrong_currency" else {}
        if code == "not_a_number" and lang == "link":
            # "Enter a number, for example 1250,50" beside a link's "1,234" on a German page
            # would teach a form the link cannot have: say how links write numbers.
            code = "link_number"
        raise CalculatorError(code, key, params) from None
    if declared.minimum is not None and value < declared.minimum:
        code = "negative" if declared.minimum == 0 else "too_small"
        raise CalculatorError(code, key, {"minimum": declared.minimum})
    if 0 < abs(value) < SMALLEST_TYPED:
        raise CalculatorError("too_fine", key, {"smallest": SMALLEST_TYPED})
    if declared.maximum is not None and value > declared.maximum:
        raise CalculatorError("too_large", key, {"maximum": declared.maximum})
    return value
