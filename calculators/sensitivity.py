"""What moves the result: each input 20 % lower and 20 % higher, the others fixed.

For every calculator one output is *the* result a reader asks about (its headline): the
value calculator's net value of offer 1, the lifetime value, your own net value against the
competition. :func:`moves` evaluates the calculator again with one main input at a time
moved by ±20 % and lists the results low and high, the input that moves the result most
first (a tornado chart). It calls the calculator's own ``evaluate``, so the chart can never
disagree with the results beside it.

Not every input can move by 20 %, and the data says which and why (:class:`Fixed`):

* a choice or a text (the currency, a name) has no 20 % (``choice``, ``text``);
* an input left empty is not part of the reader's case (``not_given``);
* 20 % of 0 is 0 (``zero``);
* an input the result does not depend on (the acquisition cost for the lifetime value)
  moves nothing (``no_effect``).

A moved value stays within the field's declared limits: a margin of 100 % cannot rise, so its
"high" is 100 % again and the swing says ``clipped: ("maximum",)``. A whole count (``count``
kind) moves to whole numbers, by at least 1 (``rounded``).

Worked example (the guide's grocery delivery, net value 120 − 100 = 20): the economic
benefit 90 moves to 72 and 108, the net value to 2 and 38 (a spread of 36); the price 80 to
64 and 96, the net value to 36 and 4 (32); the psychological benefit 30 ± 6 moves it by 12;
the hours (1 ± 0.2 at 20 an hour) and the hourly value (20 ± 4 for 1 hour) by 8 each,
listed in the page's order when they tie.

>>> from calculators.registry import CALCULATORS
>>> grocery = {"economic": 90, "psychological": 30, "social": 0, "price": 80, "transaction": 0,
...            "time_hours": 1, "hourly_value": 20, "currency": "USD"}
>>> m = moves(CALCULATORS["value"], grocery)
>>> m.output, m.result
('net_value', 20.0)
>>> [(s.key, s.low_result, s.high_result, s.effect) for s in m.swings[:2]]
[('economic', 2.0, 38.0, 36.0), ('price', 36.0, 4.0, 32.0)]
>>> [s.key for s in m.swings[2:]]
['psychological', 'time_hours', 'hourly_value']
>>> [(f.key, f.reason) for f in m.fixed]
[('social', 'zero'), ('transaction', 'zero'), ('currency', 'choice')]

For the lifetime value a two-way table (:class:`Grid`) crosses the lifetime (or the monthly
churn, following the reader's choice) with the margin, in steps of 10 % around the reader's
values, the reader's own case in the middle where the limits allow.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .errors import CalculatorError
from .schema import Field, Inputs, Schema

#: How far each input moves, as a fraction: 20 % down and 20 % up.
STEP = 0.2
#: The two-way table's step and its rows and columns (an odd number: the reader in the middle).
GRID_STEP = 0.1
GRID_SIZE = 5

#: The output each calculator's "what moves it" is about: the page's headline result.
HEADLINES: dict[str, str] = {"value": "net_value", "lifetime_value": "lifetime_value", "competition": "net"}

Reason = Literal["choice", "text", "not_given", "zero", "no_effect"]
Limit = Literal["minimum", "maximum"]


@dataclass(frozen=True)
class Swing:
    """One input moved down and up, and the result at each end.

    ``low`` and ``high`` are the input's moved values (within its limits; ``clipped`` names
    the limits that held it); a result is ``None`` where the calculator has none.
    """

    key: str
    value: float
    low: float
    high: float
    low_result: float | None
    high_result: float | None
    clipped: tuple[Limit, ...] = ()
    rounded: bool = False

    @property
    def effect(self) -> float:
        """The spread of the results at the two ends (0 when neither exists)."""
        ends = [r for r in (self.low_result, self.high_result) if r is not None]
        return max(ends) - min(ends) if len(ends) == 2 else 0.0


@dataclass(frozen=True)
class Fixed:
    """An input that is not moved, and why (see the module's docstring)."""

    key: str
    reason: Reason


@dataclass(frozen=True)
class Grid:
    """The result for each pair of two inputs' values: ``cells[row][column]``.

    ``row`` and ``column`` are the positions of the reader's own values.
    """

    rows_key: str
    columns_key: str
    rows: tuple[float, ...]
    columns: tuple[float, ...]
    cells: tuple[tuple[float | None, ...], ...]
    row: int
    column: int


@dataclass(frozen=True)
class Moves:
    """What moves ``output`` (now ``result``): swings sorted by effect, largest first."""

    output: str
    result: float
    swings: tuple[Swing, ...]
    fixed: tuple[Fixed, ...]
    grid: Grid | None = None
    #: The listed items beside the main one (offers 2–4…): the page then names whose result moves.
    items: tuple[int, ...] = ()

    def as_json(self) -> dict[str, Any]:
        grid = self.grid
        return {
            "output": self.output, "result": _tidy(self.result), "items": list(self.items),
            "swings": [{"key": s.key, "value": _tidy(s.value), "low": _tidy(s.low), "high": _tidy(s.high),
                        "low_result": _tidy(s.low_result), "high_result": _tidy(s.high_result),
                        "effect": _tidy(s.effect), "clipped": list(s.clipped), "rounded": s.rounded}
                       for s in self.swings],
            "fixed": [{"key": f.key, "reason": f.reason} for f in self.fixed],
            "grid": None if grid is None else {
                "rows_key": grid.rows_key, "columns_key": grid.columns_key,
                "rows": [_tidy(v) for v in grid.rows], "columns": [_tidy(v) for v in grid.columns],
                "cells": [[_tidy(v) for v in row] for row in grid.cells],
                "row": grid.row, "column": grid.column,
            },
        }


def moved(value: float, declared: Field, fraction: float) -> tuple[float, Limit | None, bool]:
    """``value`` changed by ``fraction`` (−0.2: 20 % less), kept within the field's limits.

    Returns the new value, the limit that held it (or ``None``) and whether it was rounded
    to a whole count. A count moves by at least 1, so that a 2 does not stay 2.

    >>> margin = Field("margin_percent", "percent", maximum=100)
    >>> moved(60, margin, 0.2), moved(100, margin, 0.2), moved(90, margin, 0.2)
    ((72.0, None, False), (100.0, 'maximum', False), (100.0, 'maximum', False))
    >>> seats = Field("seats", "count", minimum=1, maximum=10)
    >>> moved(2, seats, -0.2), moved(2, seats, 0.2), moved(1, seats, -0.2), moved(10, seats, 0.2)
    ((1.0, None, True), (3.0, None, True), (1.0, 'minimum', True), (10.0, 'maximum', True))
    """
    if not -1 < fraction < 1:
        raise ValueError("a fraction between -1 and 1")
    target = _round(float(value) * (1 + fraction))
    rounded = declared.kind == "count"
    if rounded:
        whole = float(round(target))
        if whole == value:  # 20 % of a small count is less than one: move by one
            whole = value + math.copysign(1, fraction)
        target = whole
    limit: Limit | None = None
    if declared.maximum is not None and target > declared.maximum:
        target, limit = float(declared.maximum), "maximum"
    if declared.minimum is not None and target < declared.minimum:
        target, limit = float(declared.minimum), "minimum"
    return target, limit, rounded


def moves(schema: Schema, inputs: Inputs, items: tuple[int, ...] = (), step: float = STEP) -> Moves | None:
    """Each main input of ``inputs`` (read as :func:`calculators.run.read_inputs` reads
    them) moved by ``step`` down and up; ``None`` when the calculator's headline result
    does not exist for these inputs (an endless lifetime), so nothing can move it.

    Inputs of the listed items (offers 2–4, segments, alternatives) are not moved: the
    headline is the main item's.
    """
    if not 0 < step < 1:
        raise ValueError("a step between 0 and 1")
    output = HEADLINES.get(schema.id)
    if output is None:  # a calculator that names no headline (a test requires one)
        return None
    result = _result(schema, inputs, items, output)
    if result is None:
        return None
    swings: list[Swing] = []
    fixed: list[Fixed] = []
    for declared in schema.fields:
        value = inputs.get(declared.key)
        reason = _not_moved(declared, value)
        if reason is not None or not isinstance(value, (int, float)):
            fixed.append(Fixed(declared.key, reason or "not_given"))
            continue
        low, low_limit, rounded = moved(value, declared, -step)
        high, high_limit, _ = moved(value, declared, step)
        swing = Swing(
            key=declared.key, value=float(value), low=low, high=high,
            low_result=_result(schema, {**inputs, declared.key: low}, items, output),
            high_result=_result(schema, {**inputs, declared.key: high}, items, output),
            clipped=tuple(limit for limit in (low_limit, high_limit) if limit is not None),
            rounded=rounded,
        )
        if _same(swing.low_result, result) and _same(swing.high_result, result):
            fixed.append(Fixed(declared.key, "no_effect"))
        else:
            swings.append(swing)
    # Largest effect first; ties keep the page's order of the inputs (sorted() is stable).
    # Float noise (518.4000000000001) must not break a tie.
    swings.sort(key=lambda s: -_round(s.effect))
    grid_axes = GRIDS.get(schema.id)
    grid = None if grid_axes is None else grid_for(schema, inputs, items, *grid_axes(inputs))
    return Moves(output, result, tuple(swings), tuple(fixed), grid, tuple(items))


def grid_values(value: float, declared: Field, size: int = GRID_SIZE, step: float = GRID_STEP) -> tuple[tuple[float, ...], int]:
    """``size`` values in steps of ``step`` around ``value`` within the field's limits,
    ascending, and the position of ``value`` among them.

    The reader's value stays in the table: where a limit cuts one side off, the steps
    continue on the other (a margin of 100 % gives 60–100 %, the reader's value last).

    >>> margin = Field("margin_percent", "percent", maximum=100)
    >>> grid_values(70, margin)
    ((56.0, 63.0, 70.0, 77.0, 84.0), 2)
    >>> grid_values(100, margin)
    ((60.0, 70.0, 80.0, 90.0, 100.0), 4)
    >>> grid_values(0, margin)
    ((0.0,), 0)
    """
    found: list[float] = []
    for k in sorted(range(-size, size + 1), key=lambda k: (abs(k), k)):
        candidate = float(value) if k == 0 else _round(float(value) * (1 + k * step))
        inside = (declared.minimum is None or candidate >= declared.minimum) and (
            declared.maximum is None or candidate <= declared.maximum)
        if inside and candidate > 0 or k == 0:
            if not any(_same(candidate, seen) for seen in found):
                found.append(candidate)
        if len(found) == size:
            break
    ordered = tuple(sorted(found))
    return ordered, ordered.index(float(value))


def grid_for(schema: Schema, inputs: Inputs, items: tuple[int, ...], rows_key: str, columns_key: str) -> Grid | None:
    """The headline result for each pair of ``rows_key`` × ``columns_key`` values around the
    reader's; ``None`` when either input is not given.

    >>> from calculators.registry import CALCULATORS
    >>> club = {"average_check": 20, "purchases_per_month": 1, "margin_percent": 50,
    ...         "basis": "lifetime", "lifetime_months": 36, "churn_percent": None,
    ...         "acquisition_cost": None, "discount_rate_percent": None, "target_ltv_to_cac": 3.0,
    ...         "currency": "USD"}
    >>> g = grid_for(CALCULATORS["lifetime_value"], club, (), "lifetime_months", "margin_percent")
    >>> g.rows, g.columns
    ((28.8, 32.4, 36.0, 39.6, 43.2), (40.0, 45.0, 50.0, 55.0, 60.0))
    >>> g.cells[g.row][g.column], g.cells[0][0]   # 20 × 1 × 50 % × 36; 20 × 40 % × 28.8
    (360.0, 230.4)
    """
    output = HEADLINES[schema.id]
    row_value, column_value = inputs.get(rows_key), inputs.get(columns_key)
    if not isinstance(row_value, (int, float)) or not isinstance(column_value, (int, float)):
        return None
    rows, row = grid_values(row_value, schema.field(rows_key))
    columns, column = grid_values(column_value, schema.field(columns_key))
    cells = tuple(
        tuple(_result(schema, {**inputs, rows_key: r, columns_key: c}, items, output) for c in columns)
        for r in rows
    )
    return Grid(rows_key, columns_key, rows, columns, cells, row, column)


def _lifetime_axes(inputs: Inputs) -> tuple[str, str]:
    """The lifetime value's table: the input that decides the lifetime × the margin; without
    a choice, the one given (as :attr:`calculators.lifetime_value.Customer.chosen_basis`)."""
    basis = inputs.get("basis")
    if basis is None:
        only_churn = inputs.get("lifetime_months") is None and inputs.get("churn_percent") is not None
        basis = "churn" if only_churn else "lifetime"
    return ("churn_percent" if basis == "churn" else "lifetime_months", "margin_percent")


#: The calculators with a two-way table, and which two inputs it crosses.
GRIDS: dict[str, Callable[[Inputs], tuple[str, str]]] = {"lifetime_value": _lifetime_axes}


def _not_moved(declared: Field, value: Any) -> Reason | None:
    if declared.kind == "choice":
        return "choice"
    if declared.kind == "text":
        return "text"
    if value is None:
        return "not_given"
    if value == 0:
        return "zero"
    return None


def _result(schema: Schema, inputs: Mapping[str, Any], items: tuple[int, ...], output: str) -> float | None:
    """The headline output for these inputs; ``None`` where it does not exist or the
    calculator refuses them (segment shares, for one, are checked again)."""
    try:
        value = schema.evaluate(inputs, items).values.get(output)
    except CalculatorError:
        return None
    return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else None


def _round(value: float) -> float:
    """Without float noise (36 × 1.2 = 43.199999999999996 is 43.2): 12 significant digits,
    far more than any page shows, and tiny values keep theirs."""
    return float(f"{value:.12g}")


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)


def _tidy(value: float | None) -> float | None:
    """Rounded as :func:`calculators.run.clean` rounds values, so both read alike."""
    if value is None:
        return None
    rounded = round(float(value), 6)
    return 0.0 if rounded == 0 else rounded
