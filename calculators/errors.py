"""The one error type of the calculators, with stable codes the pages translate."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Every code a calculator may raise. Pages map each one to a translated message, so a code
#: never changes meaning once released; tests check that every code has a message.
CODES = (
    "required",        # an empty required field
    "not_a_number",    # text, exponents, inf/nan, misplaced separators
    "link_number",     # a link's number not written with a dot and no grouping ("1,234")
    "too_long",        # more than 100 characters (links are untrusted input)
    "negative",        # below zero where the schema forbids it
    "too_small",       # below a positive lower limit
    "too_fine",        # not zero, but nearer to it than the smallest number a page shows
    "too_large",       # above the schema's upper limit
    "not_a_choice",    # a value outside a select's choices
    "shares_sum",      # segment shares that do not add up to 100
    "wrong_currency",  # an amount written with another currency's sign than the chosen one
    "unknown_calculator",  # a request for a calculator the guide does not have
    "unknown_language",    # a request in a language (number style) the guide does not have
    "bad_request",     # a worker request that is not {"calculator", "fields", "lang"}
)


class CalculatorError(ValueError):
    """An input the calculator cannot accept.

    ``code`` is one of :data:`CODES`, ``key`` names the input at fault (``price_2``), and
    ``params`` carries the numbers a message needs (``{"maximum": 1e9}``).
    """

    def __init__(self, code: str, key: str, params: Mapping[str, Any] | None = None) -> None:
        if code not in CODES:
            raise AssertionError(f"unknown error code {code!r}")
        self.code = code
        self.key = key
        self.params = dict(params or {})
        super().__init__(f"{key}: {code}" + (f" {self.params}" if self.params else ""))
