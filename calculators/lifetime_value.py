"""Customer lifetime value: what one customer brings over the whole relationship.

The guide's formula is ``LTV = S × C × P × t``: S the average check, C purchases per month,
P the margin as a share of the check (at 100 % it is *revenue* LTV) and t the months a
customer stays. The reader chooses what they know (``basis``): the lifetime itself, or the
monthly churn, from which the expected lifetime is ``100 / churn %`` months (a customer who
leaves with probability c each month stays 1/c months on average). The other input is then
not used, and a note says so if it was given. A ``v=1`` link without ``basis`` means the
input it gives; with both (or neither) the lifetime, as links always did.

Against what it costs to win the customer (the acquisition cost, CAC):

* ``LTV:CAC = LTV ÷ acquisition cost``, undiscounted. 3:1 is the common rule of thumb, and
  it assumes LTV counted in margin, not revenue. It is guidance, not a law.
* ``payback = acquisition cost ÷ monthly margin``, in months, compared with 12 months and
  with the lifetime.
* What it takes: the value each lever (S, C, P or t) would need on its own for LTV:CAC to
  reach the target.

Discounting, because money later is worth less than money now. A yearly rate y becomes the
monthly rate ``r = (1 + y)^(1/12) − 1``, and each month's margin m arrives at the month's end.

* For a fixed lifetime of t months (fractional months allowed), the value is the annuity
  ``m·(1 − (1 + r)^−t) / r``, or ``m·t`` when r = 0.
* For a monthly churn c, it is ``m·Σ_{k≥1} (1 − c)^(k−1) / (1 + r)^k = m / (r + c)``.

The discounted LTV is what the customer's future margins are worth today, if money can earn
the yearly rate y elsewhere.

Worked example (the guide's fitness club): 20 USD a month, once a month, counted as revenue
(margin 100 %), for 3 years: 20 × 1 × 100 % × 36 = 720 USD in all, 20 × 12 = 240 a year.

>>> club = assess(Customer(average_check=20, purchases_per_month=1, margin_percent=100,
...                        lifetime_months=36))
>>> club.monthly_margin, club.lifetime_value, club.value_per_year
(20.0, 720.0, 240.0)

A subscription at 15 a month with a 60 % margin (9 a month) and 3 % monthly churn keeps a
customer 100 / 3 ≈ 33.3 months on average: LTV 9 × 33.3 = 300. Winning a customer for 100
gives LTV:CAC 3, paid back after 100 / 9 ≈ 11.1 months. At 10 % a year (r ≈ 0.797 % a month)
that customer is worth 9 / (0.00797 + 0.03) ≈ 237 today.

>>> sub = assess(Customer(15, 1, 60, churn_percent=3, acquisition_cost=100,
...                       discount_rate_percent=10))
>>> round(sub.lifetime_value, 2), round(sub.ltv_to_cac, 2), round(sub.payback_months, 2)
(300.0, 3.0, 11.11)
>>> round(sub.discounted_lifetime_value, 2), sub.paid_back
(237.0, 'yes')
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .errors import CalculatorError
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
    shown_apart,
)
from .value import CURRENCIES, MAX_MONEY

YesNo = Literal["yes", "no"]
Basis = Literal["lifetime", "churn"]
BASES: tuple[Basis, ...] = ("lifetime", "churn")

MAX_PURCHASES = 1000.0
MAX_MONTHS = 1200.0
#: A yearly discount rate beyond 1000 % is a typing accident, even in high inflation.
MAX_DISCOUNT_RATE = 1000.0
MAX_TARGET = 100.0
MAX_SEGMENTS = 8
#: Results beyond :data:`calculators.schema.RESULT_LIMIT` only come from extreme combinations
#: of inputs (tiny costs, tiny churn), and are reported as ``none`` with the note
#: ``lifetime_value.beyond_range``.
#: The chart's months when no finite lifetime exists, and its most points.
OPEN_HORIZON_MONTHS = 60
MAX_POINTS = 120
PAYBACK_GUIDE_MONTHS = 12.0
SHARE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Customer:
    """One customer (or one segment's typical customer). Percentages are given in percent.

    ``lifetime_months`` and ``churn_percent`` are ``None`` when not given. ``basis`` says
    which of them decides; ``None`` (the Python default) means the one given, the lifetime
    when both are. ``acquisition_cost`` and ``discount_rate_percent`` are ``None`` when not
    given, and the results that need them do not exist.
    """

    average_check: float
    purchases_per_month: float
    margin_percent: float
    lifetime_months: float | None = None
    churn_percent: float | None = None
    acquisition_cost: float | None = None
    discount_rate_percent: float | None = None
    target_ltv_to_cac: float = 3.0
    basis: Basis | None = None

    @property
    def chosen_basis(self) -> Basis:
        """The input that decides the lifetime: the reader's choice, else the one given."""
        if self.basis is not None:
            return self.basis
        return "churn" if self.lifetime_months is None and self.churn_percent is not None else "lifetime"


@dataclass(frozen=True)
class LifetimeValue:
    """Everything the calculator says about one customer; ``None`` where a result does not
    exist (no finite lifetime, no acquisition cost, no discount rate, a lever that cannot
    reach the target)."""

    monthly_margin: float
    lifetime_months: float | None
    lifetime_value: float | None
    value_per_year: float
    ltv_to_cac: float | None
    payback_months: float | None
    paid_back: YesNo | None
    discounted_lifetime_value: float | None
    needed_average_check: float | None
    needed_purchases_per_month: float | None
    needed_margin_percent: float | None
    needed_lifetime_months: float | None


@dataclass(frozen=True)
class Segment:
    """A share of the customers (in percent of all of them) and their typical customer."""

    name: str | None
    share_percent: float
    customer: Customer


@dataclass(frozen=True)
class Blend:
    """Segments taken together: Σ share × LTV and Σ share × LTV ÷ Σ share × CAC."""

    lifetime_value: float | None
    ltv_to_cac: float | None


# --- The formulas, one per idea.

def monthly_margin(average_check: float, purchases_per_month: float, margin_percent: float) -> float:
    """S × C × P: what one customer leaves per month (P in percent).

    >>> monthly_margin(20, 1, 100)   # the fitness club, counted as revenue
    20.0
    >>> monthly_margin(15, 1, 60)    # 15 × 1 × 0.6
    9.0
    """
    return float(average_check) * purchases_per_month * margin_percent / 100


def expected_lifetime(churn_percent: float) -> float | None:
    """The expected months a customer stays when a share c leaves each month: 100 / c %.

    ``None`` at churn 0: the customer never leaves and no finite lifetime exists.

    >>> expected_lifetime(5)
    20.0
    >>> expected_lifetime(0) is None
    True
    """
    return None if churn_percent == 0 else _finite(100 / churn_percent)


def lifetime_value(monthly_margin: float, lifetime_months: float | None) -> float | None:
    """m × t, the guide's LTV; ``None`` when the lifetime is endless, even at a margin of 0:
    nothing a month for ever is 0 × ∞, which has no value (the page says why).

    >>> lifetime_value(20, 36)
    720.0
    >>> lifetime_value(20, None) is None, lifetime_value(0, None) is None
    (True, True)
    """
    if lifetime_months is None:
        return None
    return _finite(float(monthly_margin) * lifetime_months)


def value_per_year(monthly_margin: float) -> float:
    """m × 12. ``value_per_year(20)`` → 240.0 (the fitness club)."""
    return float(monthly_margin) * 12


def monthly_rate(yearly_rate_percent: float) -> float:
    """The monthly rate that compounds to the yearly one: (1 + y)^(1/12) − 1, as a fraction.

    >>> round(monthly_rate(10), 6)            # 1.1^(1/12) − 1
    0.007974
    >>> round(monthly_rate(12.682503013), 9)  # 1.01^12 − 1 = 12.6825 %
    0.01
    """
    return math.expm1(math.log1p(yearly_rate_percent / 100) / 12)


def discounted_for_lifetime(monthly_margin: float, lifetime_months: float, rate: float) -> float:
    """Today's value of m a month for t months, each paid at the month's end, at the monthly
    rate r (a fraction): the annuity m·(1 − (1 + r)^−t) / r; m·t at r = 0. Fractional t is
    allowed.

    >>> round(discounted_for_lifetime(100, 12, 0.01), 2)   # annuity factor 11.2551 at 1 %
    1125.51
    >>> discounted_for_lifetime(20, 36, 0)
    720.0
    """
    if rate == 0:
        return float(monthly_margin) * lifetime_months
    exponent = lifetime_months * math.log1p(rate)
    if exponent < 1e-12:
        # (1 − e^−x) / r = t·ln(1 + r)/r·(1 − x/2 + …): exact to 1e-24 here, and safe where
        # x or r is too small for a float's full precision.
        return monthly_margin * lifetime_months * (math.log1p(rate) / rate) * (1 - exponent / 2)
    return monthly_margin * -math.expm1(-exponent) / rate


def discounted_for_churn(monthly_margin: float, churn_percent: float, rate: float) -> float | None:
    """Today's value of m a month while the customer stays, when a share c leaves each month
    and the monthly rate is r (a fraction): m·Σ_{k≥1} (1 − c)^(k−1) / (1 + r)^k = m / (r + c).
    ``None`` when both are 0 (an endless, undiscounted stream).

    >>> discounted_for_churn(9, 3, 0.01)    # 9 / (0.01 + 0.03)
    225.0
    >>> discounted_for_churn(9, 3, 0)       # undiscounted: 9 × 100 / 3
    300.0
    """
    c = churn_percent / 100
    if rate + c == 0:
        return None  # m / 0, also at m = 0: an endless stream has no value today
    return _finite(monthly_margin / (rate + c))


def payback_months(acquisition_cost: float, monthly_margin: float) -> float | None:
    """Months of margin that pay back the cost of winning the customer: A ÷ m.
    ``None`` when the customer brings no margin and the cost is never paid back.

    >>> round(payback_months(100, 9), 2)
    11.11
    >>> payback_months(100, 0) is None
    True
    """
    if acquisition_cost == 0:
        return 0.0
    return None if monthly_margin == 0 else _finite(acquisition_cost / monthly_margin)


def ltv_to_cac(lifetime_value: float | None, acquisition_cost: float) -> float | None:
    """LTV ÷ acquisition cost; ``None`` when winning a customer costs nothing or the LTV is
    endless.

    >>> ltv_to_cac(720, 240)
    3.0
    >>> ltv_to_cac(720, 0) is None
    True
    """
    if lifetime_value is None or acquisition_cost == 0:
        return None
    return _finite(lifetime_value / acquisition_cost)


def needed_average_check(
    target: float, acquisition_cost: float, purchases_per_month: float, margin_percent: float,
    lifetime_months: float | None, maximum: float = MAX_MONEY,
) -> float | None:
    """The average check that alone would make LTV:CAC reach the target: target × A ÷ (C·P·t).

    ``None`` when no check can (nothing bought, no margin, or above ``maximum``), or when the
    lifetime is endless (any check would do).

    >>> needed_average_check(3, 900, 1, 100, 36)   # 3 × 900 ÷ 36
    75.0
    """
    if lifetime_months is None:
        return None
    return _needed(target * acquisition_cost, purchases_per_month * margin_percent / 100 * lifetime_months, maximum)


def needed_purchases_per_month(
    target: float, acquisition_cost: float, average_check: float, margin_percent: float,
    lifetime_months: float | None, maximum: float = MAX_PURCHASES,
) -> float | None:
    """Purchases per month that alone would reach the target: target × A ÷ (S·P·t).

    >>> needed_purchases_per_month(3, 900, 20, 100, 36)   # 2700 ÷ 720
    3.75
    """
    if lifetime_months is None:
        return None
    return _needed(target * acquisition_cost, average_check * margin_percent / 100 * lifetime_months, maximum)


def needed_margin_percent(
    target: float, acquisition_cost: float, average_check: float, purchases_per_month: float,
    lifetime_months: float | None,
) -> float | None:
    """The margin (in percent) that alone would reach the target: 100 × target × A ÷ (S·C·t);
    ``None`` above 100 %, where no margin can.

    >>> needed_margin_percent(3, 200, 20, 1, 36)   # 100 × 600 ÷ 720
    83.33333333333333
    >>> needed_margin_percent(3, 240, 20, 1, 36)   # 100 × 720 ÷ 720: revenue itself
    100.0
    >>> needed_margin_percent(3, 300, 20, 1, 36) is None   # 125 %
    True
    """
    if lifetime_months is None:
        return None
    return _needed(100 * target * acquisition_cost, average_check * purchases_per_month * lifetime_months, 100.0)


def needed_lifetime_months(
    target: float, acquisition_cost: float, monthly_margin: float, maximum: float = MAX_MONTHS,
) -> float | None:
    """The months a customer would need to stay to reach the target: target × A ÷ m.

    >>> needed_lifetime_months(3, 300, 20)   # 900 ÷ 20
    45.0
    """
    return _needed(target * acquisition_cost, monthly_margin, maximum)


#: The decimals the page shows for money, numbers and percentages (two) and months (one).
NEEDED_DECIMALS = SHOWN_DECIMALS["number"]
NEEDED_MONTHS_DECIMALS = SHOWN_DECIMALS["months"]


def at_least(value: float | None, decimals: int = NEEDED_DECIMALS) -> float | None:
    """The smallest number with ``decimals`` decimals that is not below ``value``.

    A needed value is a threshold: the page shows it to 2 decimals (months to 1), and a
    reader who types back what they see must reach the target. Rounded to the nearest, an
    average check of 11.9047… would show 11.90, which gives LTV:CAC 2.9988, below 3: so
    needed values are rounded up at the precision shown. Every lever raises LTV, so the
    rounded-up value still reaches the target.

    >>> at_least(11.904761904761905), at_least(75.0), at_least(83.33333333333333), at_least(45.01, 1)
    (11.91, 75.0, 83.34, 45.1)
    >>> at_least(7.1e-12), at_least(0.0), at_least(100 / 3 * 3)
    (0.01, 0.0, 100.0)
    """
    if value is None:
        return None
    scale = 10**decimals
    scaled = value * scale
    # float noise (75.00000000000001) is no reason to round up a whole cent; relative only,
    # so that a tiny positive need (7e-12 purchases) is still a cent, never 0
    return math.ceil(scaled - 1e-12 * abs(scaled)) / scale


def _finite(number: float) -> float | None:
    """``None`` for a quotient or product too large for a float (only from inputs far beyond
    the schema's limits), never ``inf``."""
    return number if math.isfinite(number) else None


def _needed(required_value: float, per_unit: float, maximum: float) -> float | None:
    if required_value == 0:
        return 0.0
    if per_unit == 0:
        return None
    needed = required_value / per_unit
    return None if needed > maximum else needed


def assess(customer: Customer) -> LifetimeValue:
    """All results for one customer (see the module's docstring for the formulas)."""
    c = customer
    margin = monthly_margin(c.average_check, c.purchases_per_month, c.margin_percent)
    basis = c.chosen_basis
    if basis == "lifetime":
        if c.lifetime_months is None:
            raise CalculatorError("required", "lifetime_months")
        lifetime: float | None = float(c.lifetime_months)
    else:
        if c.churn_percent is None:
            raise CalculatorError("required", "churn_percent")
        lifetime = expected_lifetime(c.churn_percent)
    ltv = lifetime_value(margin, lifetime)

    discounted = None
    if c.discount_rate_percent is not None:
        rate = monthly_rate(c.discount_rate_percent)
        if basis == "lifetime":
            discounted = discounted_for_lifetime(margin, float(c.lifetime_months or 0.0), rate)
        else:
            discounted = discounted_for_churn(margin, c.churn_percent or 0.0, rate)

    ratio = payback = None
    paid_back: YesNo | None = None
    needed: list[float | None] = [None] * 4
    cost = c.acquisition_cost
    if cost is not None:
        ratio = ltv_to_cac(ltv, cost)
        payback = payback_months(cost, margin)
        reached = payback is not None and (
            lifetime is None or payback <= lifetime or math.isclose(payback, lifetime, rel_tol=1e-12)
        )
        paid_back = "yes" if reached else "no"
        if cost > 0:
            target = c.target_ltv_to_cac
            needed = [
                at_least(needed_average_check(target, cost, c.purchases_per_month, c.margin_percent, lifetime), 2),
                at_least(needed_purchases_per_month(target, cost, c.average_check, c.margin_percent, lifetime), 2),
                at_least(needed_margin_percent(target, cost, c.average_check, c.purchases_per_month, lifetime), 2),
                at_least(needed_lifetime_months(target, cost, margin), NEEDED_MONTHS_DECIMALS),
            ]
    return LifetimeValue(
        monthly_margin=margin,
        lifetime_months=lifetime,
        lifetime_value=ltv,
        value_per_year=value_per_year(margin),
        ltv_to_cac=ratio,
        payback_months=payback,
        paid_back=paid_back,
        discounted_lifetime_value=discounted,
        needed_average_check=needed[0],
        needed_purchases_per_month=needed[1],
        needed_margin_percent=needed[2],
        needed_lifetime_months=needed[3],
    )


# --- Segments.

def check_shares(shares: Sequence[float], key: str = "share_percent_1") -> None:
    """Segment shares must add up to 100 (within a millionth); no silent rescaling.

    >>> check_shares([60, 30, 10])
    >>> check_shares([60, 30])
    Traceback (most recent call last):
    ...
    calculators.errors.CalculatorError: share_percent_1: shares_sum {'total': 90.0}
    """
    total = math.fsum(shares)
    if abs(total - 100) > SHARE_TOLERANCE:
        raise CalculatorError("shares_sum", key, {"total": round(total, 6)})


def blended_lifetime_value(shares: Sequence[float], values: Sequence[float | None]) -> float | None:
    """Σ share × LTV over segments whose shares add up to 100: one customer's LTV on
    average. ``None`` when a segment with a share has an endless LTV (or no share is given).

    >>> blended_lifetime_value([70, 30], [720, 2400])   # 0.7 × 720 + 0.3 × 2400
    1224.0
    """
    weighted, total = _weighted(shares, values), math.fsum(shares)
    return None if weighted is None or total == 0 else weighted / total


def blended_ltv_to_cac(
    shares: Sequence[float], values: Sequence[float | None], costs: Sequence[float | None],
) -> float | None:
    """Σ share × LTV ÷ Σ share × CAC: what all customers bring per unit spent winning them.
    ``None`` when an LTV is endless, a segment with a share has no acquisition cost, or
    winning customers costs nothing.

    >>> blended_ltv_to_cac([70, 30], [720, 2400], [100, 600])   # 122400 ÷ 25000
    4.896
    """
    weighted_value = _weighted(shares, values)
    weighted_cost = _weighted(shares, costs)
    if weighted_value is None or weighted_cost is None or weighted_cost == 0:
        return None
    return _finite(weighted_value / weighted_cost)


def blend(segments: Sequence[Segment]) -> Blend:
    """Blended LTV and LTV:CAC of segments (their shares are checked elsewhere)."""
    shares = [s.share_percent for s in segments]
    values = [assess(s.customer).lifetime_value for s in segments]
    costs = [s.customer.acquisition_cost for s in segments]
    return Blend(blended_lifetime_value(shares, values), blended_ltv_to_cac(shares, values, costs))


def _weighted(shares: Sequence[float], values: Sequence[float | None]) -> float | None:
    terms = []
    for share, value in zip(shares, values):
        if share == 0:
            continue
        if value is None:
            return None
        terms.append(share * value)
    return math.fsum(terms)


# --- The chart: one customer who stays the lifetime.

def payback_chart(
    monthly_margin: float, lifetime_months: float | None, rate: float | None = None,
    acquisition_cost: float | None = None, discounted_total: float | None = None,
) -> dict[str, Any]:
    """One customer's cumulative margin month by month, undiscounted and (with a monthly rate)
    discounted, against the acquisition cost, for a chart and its data table.

    The customer stays ``lifetime_months`` (60 months when no finite lifetime exists); at
    most 120 points, the last one at the lifetime itself (fractional months allowed). Long
    lifetimes are drawn in steps of several months, but ``payback_month``, the first whole
    month whose cumulative margin reaches the cost (the month in which the result's
    ``payback_months`` falls), is always one of the points, whatever the step.

    ``discounted_total`` is the discounted LTV when the lifetime comes from a churn rate. The
    customer then stays the expected 100 / churn months, but the discounted LTV m / (r + c)
    weighs every month by the chance that the customer is still there, and is smaller than
    the annuity over the expected stay (customers who stay long bring their margins late,
    when they are worth less). So that the curve ends where the result says, its months are
    scaled by that ratio: each month keeps its share of the discounted total.

    >>> chart = payback_chart(20, 36, acquisition_cost=300)
    >>> chart["months"][:3], chart["cumulative"][-1], chart["payback_month"]
    ([0, 1, 2], 720.0, 15)
    >>> chart = payback_chart(20, 240, acquisition_cost=300)   # steps of 3 months; 300 ÷ 20 = 15
    >>> chart["months"][:3], chart["payback_month"], 15 in chart["months"]
    ([0, 3, 6], 15, True)
    """
    horizon = float(OPEN_HORIZON_MONTHS if lifetime_months is None else lifetime_months)
    end = math.ceil(horizon)
    # whole months, integer arithmetic for huge ends; two points kept for the payback month
    step = max(1, -(-end // (MAX_POINTS - 2)))
    whole = {float(k) for k in range(0, end, step) if horizon - k > 1e-6}
    payback = _payback_month(monthly_margin, horizon, acquisition_cost)
    if payback is not None:
        whole.add(payback)
    months = sorted(whole - {horizon}) + [horizon]
    cumulative = [monthly_margin * k for k in months]
    chart: dict[str, Any] = {
        "months": [_plain(k) for k in months],
        "cumulative": [round(v, 6) for v in cumulative],
    }
    if rate is not None:
        discounted = [discounted_for_lifetime(monthly_margin, k, rate) for k in months]
        if discounted_total is not None and lifetime_months is not None and discounted[-1] > 0:
            scale = discounted_total / discounted[-1]
            discounted = [d * scale for d in discounted[:-1]] + [discounted_total]
        chart["cumulative_discounted"] = [round(v, 6) for v in discounted]
    chart["acquisition_cost"] = None if acquisition_cost is None else round(float(acquisition_cost), 6)
    chart["payback_month"] = None if payback is None else _plain(payback)
    return chart


def _payback_month(monthly_margin: float, horizon: float, acquisition_cost: float | None) -> float | None:
    """The first whole month (or the horizon, if sooner) whose cumulative margin reaches the
    cost; ``None`` when it is not reached within the horizon."""
    if acquisition_cost is None:
        return None
    if acquisition_cost == 0:
        return 0.0
    if monthly_margin <= 0:
        return None
    exact = acquisition_cost / monthly_margin
    # 300 ÷ 20 = 15.000000000000002 is month 15, not 16
    month = float(math.ceil(exact * (1 - 1e-12)))
    if month <= horizon:
        return month
    return horizon if exact <= horizon * (1 + 1e-12) else None


def _plain(number: float) -> float | int:
    """A month for the chart: whole months as integers, a fractional lifetime to 6 decimals."""
    rounded = round(float(number), 6)
    return int(rounded) if rounded.is_integer() and abs(rounded) < 2**53 else rounded


# --- The declaration: inputs, outputs and limits, read by the widget, links, docs and tests.

_LIFETIME_FIELDS = (
    Field("lifetime_months", "months", default=36, maximum=MAX_MONTHS, empty=None),
    Field("churn_percent", "percent", default=None, maximum=100, empty=None),
)
_LEVER_FIELDS = (
    Field("average_check", "money", default=20, required=True, maximum=MAX_MONEY),
    Field("purchases_per_month", "number", default=1, required=True, maximum=MAX_PURCHASES),
    Field("margin_percent", "percent", default=100, required=True, maximum=100),
    *_LIFETIME_FIELDS,
    Field("acquisition_cost", "money", default=None, maximum=MAX_MONEY, empty=None),
)
#: "I know the lifetime" or "I know the monthly churn": the reader's choice, shown before the
#: two inputs. Links made before it existed (v=1 without ``basis``) mean the input they give.
_BASIS = Field("basis", "choice", default="lifetime", choices=BASES, empty=None,
               implied_by=(("lifetime", "lifetime_months"), ("churn", "churn_percent")))
_MAIN_FIELDS = _LEVER_FIELDS[:3] + (_BASIS,) + _LEVER_FIELDS[3:] + (
    Field("discount_rate_percent", "percent", default=None, maximum=MAX_DISCOUNT_RATE, empty=None),
    Field("target_ltv_to_cac", "number", default=3, maximum=MAX_TARGET, empty=3.0),
    Field("currency", "choice", default="USD", choices=CURRENCIES, empty="USD"),
)
#: A segment's own inputs; none is required. An empty one stays ``None`` here and
#: :func:`_customer` gives it the main value, so that the page can say which values each
#: segment took from the main customer. Lifetime and churn go together: a segment that gives
#: either uses it, and one that gives neither takes the main customer's pair and choice.
_SEGMENT_FIELDS = (
    Field("segment", "text", minimum=None, empty=None),
    Field("share_percent", "percent", maximum=100, empty=None),
) + tuple(Field(f.key, f.kind, maximum=f.maximum, empty=None, inherit=False) for f in _LEVER_FIELDS)
_SEGMENT_OUTPUTS = (Output("lifetime_value", "money"), Output("ltv_to_cac", "ratio"))
_OUTPUTS = (
    Output("monthly_margin", "money"),
    Output("lifetime_months", "months"),
    Output("lifetime_value", "money"),
    Output("value_per_year", "money"),
    Output("ltv_to_cac", "ratio"),
    Output("payback_months", "months"),
    Output("paid_back", "category"),
    Output("discounted_lifetime_value", "money"),
    Output("needed_average_check", "money"),
    Output("needed_purchases_per_month", "number"),
    Output("needed_margin_percent", "percent"),
    Output("needed_lifetime_months", "months"),
    Output("blended_lifetime_value", "money"),
    Output("blended_ltv_to_cac", "ratio"),
)
#: Every note this calculator may show, with its parameters in order: the page's message
#: catalogue words each one (``lifetime_value.<name>``) and formats the parameters by kind.
NOTES: dict[str, tuple[str, ...]] = {
    "lifetime_value.revenue_ltv": (),
    "lifetime_value.lifetime_wins": ("lifetime_months", "churn_percent"),
    "lifetime_value.churn_wins": ("churn_percent", "lifetime_months"),
    "lifetime_value.no_finite_lifetime": (),
    "lifetime_value.ratio_below_target": ("ratio", "target"),
    "lifetime_value.ratio_meets_target": ("ratio", "target"),
    "lifetime_value.blended_ratio_below_target": ("ratio", "target"),
    "lifetime_value.blended_ratio_meets_target": ("ratio", "target"),
    "lifetime_value.revenue_rule_of_thumb": ("target",),
    "lifetime_value.payback_within_12": ("payback_months",),
    "lifetime_value.payback_over_12": ("payback_months",),
    "lifetime_value.discounted_meaning": ("discount_rate_percent", "discounted_lifetime_value"),
    "lifetime_value.segments_inherit": (),
    "lifetime_value.segment_inherits": ("segment", "segment_name", "fields"),
    "lifetime_value.segment_lifetime_wins": ("segment", "segment_name"),
    "lifetime_value.segment_churn_wins": ("segment", "segment_name"),
    "lifetime_value.segment_no_finite_lifetime": ("segment", "segment_name"),
    "lifetime_value.beyond_range": ("limit",),
}
_NEEDED = ("needed_average_check", "needed_purchases_per_month", "needed_margin_percent",
           "needed_lifetime_months")


def _customer(inputs: Inputs, suffix: str = "") -> Customer:
    """The main customer (``suffix`` empty) or a segment's (``_N``).

    A segment's empty average check, purchases, margin and acquisition cost take the main
    values. For the lifetime: a segment that gives its own lifetime or churn uses what it
    gives (with both, the reader's choice above decides); one that gives neither takes the
    main customer's lifetime, churn and choice.
    """
    def own_or_main(key: str) -> Any:
        value = inputs[key + suffix]
        return inputs[key] if value is None else value

    lifetime, churn = inputs["lifetime_months" + suffix], inputs["churn_percent" + suffix]
    basis = inputs["basis"]
    if suffix and lifetime is None and churn is None:
        lifetime, churn = inputs["lifetime_months"], inputs["churn_percent"]
    elif suffix and (lifetime is None or churn is None):
        basis = "churn" if lifetime is None else "lifetime"
    return Customer(
        average_check=own_or_main("average_check"),
        purchases_per_month=own_or_main("purchases_per_month"),
        margin_percent=own_or_main("margin_percent"),
        lifetime_months=lifetime,
        churn_percent=churn,
        acquisition_cost=own_or_main("acquisition_cost"),
        discount_rate_percent=inputs["discount_rate_percent"],
        target_ltv_to_cac=inputs["target_ltv_to_cac"],
        basis=basis,
    )


def _segments(inputs: Inputs, items: tuple[int, ...]) -> list[tuple[int, Segment]]:
    """The segments a reader filled in: a row none of whose inputs is given is unused. One
    without a share has a share of 0, so an average check typed into a segment whose share
    is still empty is never ignored in silence: the shares' sum says what is missing."""
    found = []
    for n in items:
        name, share = inputs[f"segment_{n}"], inputs[f"share_percent_{n}"]
        if all(inputs[f"{f.key}_{n}"] is None for f in _SEGMENT_FIELDS):
            continue
        found.append((n, Segment(name, share or 0.0, _customer(inputs, f"_{n}"))))
    return found


def _main_values(customer: Customer, result: LifetimeValue) -> dict[str, Any]:
    values: dict[str, Any] = {
        "monthly_margin": result.monthly_margin,
        "lifetime_months": result.lifetime_months,
        "lifetime_value": result.lifetime_value,
        "value_per_year": result.value_per_year,
    }
    if customer.acquisition_cost is not None:
        values.update(
            ltv_to_cac=result.ltv_to_cac,
            payback_months=result.payback_months,
            paid_back=result.paid_back,
        )
    if customer.discount_rate_percent is not None:
        values["discounted_lifetime_value"] = result.discounted_lifetime_value
    if customer.acquisition_cost:
        # At a cost of 0 every lever reaches any target: there is no ratio to reach (its own
        # row says why), and "no check reaches the target" would give a false reason.
        values.update({key: getattr(result, key) for key in _NEEDED})
    return values


def _param(kind: str, value: Any) -> tuple[str, Any]:
    return (kind, round(value, 6) if isinstance(value, float) else value)


def kept_apart(customer: Customer, values: Mapping[str, Any]) -> dict[str, float]:
    """The results the notes compare with a threshold, with the digits that keep them apart
    from it (:func:`calculators.schema.shown_apart`): a ratio below the target and a payback
    beyond the 12-month yardstick.

    2.9988 reads "3" at two decimals: "3:1, below your target of 3:1" would contradict itself,
    so it is 2.999 (2.9938 stays 2.99, as it reads anyway); 12.025 months is 12.03, not "12".

    >>> kept_apart(Customer(average_check=11.9, purchases_per_month=1, margin_percent=70,
    ...                     lifetime_months=36, acquisition_cost=100), {"ltv_to_cac": 2.9988, "payback_months": 12.0048})
    {'ltv_to_cac': 2.999, 'payback_months': 12.005}
    """
    apart: dict[str, float] = {}
    target = customer.target_ltv_to_cac
    for key in ("ltv_to_cac", "blended_ltv_to_cac"):
        ratio = values.get(key)
        if ratio is not None and not (ratio >= target or math.isclose(ratio, target, rel_tol=1e-9)):
            apart[key] = shown_apart(ratio, target, NEEDED_DECIMALS)
    payback = values.get("payback_months")
    if payback is not None and payback > PAYBACK_GUIDE_MONTHS:
        apart["payback_months"] = shown_apart(payback, PAYBACK_GUIDE_MONTHS, NEEDED_MONTHS_DECIMALS)
    return apart


def _target_notes(c: Customer, values: Mapping[str, Any], apart: Mapping[str, float]) -> list[Note]:
    """LTV:CAC against the target. With segments the page answers for all of them (the
    headline's blended LTV:CAC), so the blend is judged, not the main figures beside it (QA:
    "0.88:1" in the headline and "2.16:1 meets your target" in a note)."""
    key = "blended_ltv_to_cac" if values.get("blended_ltv_to_cac") is not None else "ltv_to_cac"
    ratio = values.get(key)
    if ratio is None:
        return []
    name = "blended_ratio" if key == "blended_ltv_to_cac" else "ratio"
    target = _param("ratio", c.target_ltv_to_cac)
    if key not in apart:
        return [Note(f"lifetime_value.{name}_meets_target", {"ratio": _param("ratio", ratio), "target": target})]
    return [Note(f"lifetime_value.{name}_below_target", {"ratio": ("ratio", apart[key]), "target": target},
                 exact=frozenset({"ratio"}))]


def _main_notes(customer: Customer, values: dict[str, Any], apart: Mapping[str, float]) -> list[Note]:
    c = customer
    notes: list[Note] = []
    if c.margin_percent == 100:
        notes.append(Note("lifetime_value.revenue_ltv"))
    if c.lifetime_months is not None and c.churn_percent is not None:
        given = {"lifetime_months": _param("months", c.lifetime_months),
                 "churn_percent": _param("percent", c.churn_percent)}
        if c.chosen_basis == "lifetime":
            notes.append(Note("lifetime_value.lifetime_wins", given))
        else:
            notes.append(Note("lifetime_value.churn_wins", {k: given[k] for k in ("churn_percent", "lifetime_months")}))
    if c.chosen_basis == "churn" and c.churn_percent == 0:
        notes.append(Note("lifetime_value.no_finite_lifetime"))
    notes += _target_notes(c, values, apart)
    ratio = values.get("ltv_to_cac")
    # Of a ratio the page shows: none beside a cost of 0 or an endless lifetime.
    if ratio is not None and c.margin_percent == 100 and c.target_ltv_to_cac > 0:
        notes.append(Note("lifetime_value.revenue_rule_of_thumb", {
            "target": _param("ratio", c.target_ltv_to_cac),
        }))
    payback = values.get("payback_months")
    # The 12-month yardstick says nothing of a customer who leaves first (a month's lifetime,
    # 6.7 or 13 months to pay back): the result "not within the lifetime" says it all.
    if payback is not None and values.get("paid_back") != "no":
        if payback <= PAYBACK_GUIDE_MONTHS:
            notes.append(Note("lifetime_value.payback_within_12", {"payback_months": _param("months", payback)}))
        else:
            notes.append(Note("lifetime_value.payback_over_12", {"payback_months": ("months", apart["payback_months"])},
                              exact=frozenset({"payback_months"})))
    discounted = values.get("discounted_lifetime_value")
    if discounted is not None and c.discount_rate_percent is not None:
        notes.append(Note("lifetime_value.discounted_meaning", {
            "discount_rate_percent": _param("percent", c.discount_rate_percent),
            "discounted_lifetime_value": _param("money", discounted),
        }))
    return notes


def inherited_inputs(inputs: Inputs, n: int, main_basis: Basis) -> list[str]:
    """The input keys segment ``n`` left empty and took from the main customer, in the page's
    order: a lifetime or churn it gives neither of counts as the one the main customer's
    choice uses. An acquisition cost the main customer does not give either is not taken.

    >>> main = {"average_check": 20, "purchases_per_month": 1, "margin_percent": 100,
    ...         "acquisition_cost": 240, "lifetime_months": 36, "churn_percent": None}
    >>> segment = {"average_check_1": 50, "purchases_per_month_1": None, "margin_percent_1": None,
    ...            "acquisition_cost_1": None, "lifetime_months_1": None, "churn_percent_1": 4}
    >>> inherited_inputs({**main, **segment}, 1, "lifetime")
    ['purchases_per_month', 'margin_percent', 'acquisition_cost']
    >>> inherited_inputs({**main, **segment, "acquisition_cost": None}, 1, "lifetime")
    ['purchases_per_month', 'margin_percent']
    """
    gives_lifetime = any(inputs[f"{f.key}_{n}"] is not None for f in _LIFETIME_FIELDS)
    main_lifetime = "lifetime_months" if main_basis == "lifetime" else "churn_percent"
    return [f.key for f in _LEVER_FIELDS if inputs[f"{f.key}_{n}"] is None and inputs[f.key] is not None
            and (f not in _LIFETIME_FIELDS or (not gives_lifetime and f.key == main_lifetime))]


def _segment_notes(main: Customer, main_ltv: float | None, n: int, segment: Segment, ltv: float | None,
                   inherited: list[str]) -> list[Note]:
    c = segment.customer
    notes = []
    # The name the reader typed; an unnamed segment is called by its legend on the page.
    named = {"segment": ("item", n), "segment_name": ("text", segment.name or "")}
    if inherited:
        notes.append(Note("lifetime_value.segment_inherits", {**named, "fields": ("fields", inherited)}))
    both = c.lifetime_months is not None and c.churn_percent is not None
    if both and (c.lifetime_months, c.churn_percent) != (main.lifetime_months, main.churn_percent):
        key = "segment_lifetime_wins" if c.chosen_basis == "lifetime" else "segment_churn_wins"
        notes.append(Note(f"lifetime_value.{key}", named))
    if ltv is None and main_ltv is not None and segment.share_percent > 0:
        # Without a share the segment stays out of the blend, which exists (its own row says
        # why the segment's LTV does not).
        notes.append(Note("lifetime_value.segment_no_finite_lifetime", named))
    return notes


def _evaluate(inputs: Inputs, items: tuple[int, ...]) -> Evaluation:
    main = _customer(inputs)
    result = assess(main)
    values = _main_values(main, result)
    segments = _segments(inputs, items)
    segment_notes: list[Note] = []
    if segments:
        segment_notes.append(Note("lifetime_value.segments_inherit"))
        check_shares([s.share_percent for _, s in segments], f"share_percent_{segments[0][0]}")
        # One column of ratios for all segments, or none: a segment without a cost of winning
        # (its own or the main one) has no ratio, and its cell says why.
        any_cost = any(s.customer.acquisition_cost is not None for _, s in segments)
        for n, segment in segments:
            assessed = assess(segment.customer)
            values[f"lifetime_value_{n}"] = assessed.lifetime_value
            if any_cost:
                values[f"ltv_to_cac_{n}"] = assessed.ltv_to_cac
            inherited = inherited_inputs(inputs, n, main.chosen_basis)
            segment_notes += _segment_notes(main, result.lifetime_value, n, segment, assessed.lifetime_value, inherited)
        blended = blend([s for _, s in segments])
        values["blended_lifetime_value"] = blended.lifetime_value
        if all(s.customer.acquisition_cost is not None for _, s in segments if s.share_percent > 0):
            values["blended_ltv_to_cac"] = blended.ltv_to_cac
    beyond = False
    for key, value in values.items():
        if isinstance(value, float) and not abs(value) <= RESULT_LIMIT:
            values[key] = None
            beyond = True
    # A ratio is not shown beside an LTV that is not (beyond the limit: its ratio may be
    # within it): it would state what the page refuses to (LTV "none", LTV:CAC 240,000,000,000,000).
    for key in [k for k in values if "lifetime_value" in k and values[k] is None]:
        ratio_key = key.replace("lifetime_value", "ltv_to_cac")
        if ratio_key in values:
            values[ratio_key] = None
    apart = kept_apart(main, values)
    notes = _main_notes(main, values, apart) + segment_notes
    if beyond:
        notes.append(Note("lifetime_value.beyond_range", {"limit": ("number", RESULT_LIMIT)}))
    rate = None if main.discount_rate_percent is None else monthly_rate(main.discount_rate_percent)
    churn_total = values.get("discounted_lifetime_value") if main.chosen_basis == "churn" else None
    # A chart of sums the page cannot show would draw numbers the results refuse to state.
    figure = {} if beyond else payback_chart(
        result.monthly_margin, result.lifetime_months, rate, main.acquisition_cost, churn_total)
    return Evaluation(values=values, notes=tuple(notes), figure=figure, shown=apart)


SCHEMA = Schema(
    id="lifetime_value",
    slug="lifetime-value",
    version=1,
    fields=_MAIN_FIELDS,
    outputs=_OUTPUTS,
    group=ItemGroup("segment", first=1, last=MAX_SEGMENTS, fields=_SEGMENT_FIELDS,
                    outputs=_SEGMENT_OUTPUTS, inherit=True),
    evaluate=_evaluate,
)
