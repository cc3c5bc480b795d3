"""Every calculator of the guide, by id, with its declaration (see :mod:`calculators.schema`)."""

from __future__ import annotations

from .schema import Schema
from . import value
from . import lifetime_value
from . import competition

CALCULATORS: dict[str, Schema] = {schema.id: schema for schema in (value.SCHEMA, competition.SCHEMA, lifetime_value.SCHEMA,)}
