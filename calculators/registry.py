"""Every calculator of the guide, by id, with its declaration (see :mod:`calculators.schema`)."""

from __future__ import annotations

from . import competition, lifetime_value, value
from .schema import Schema

CALCULATORS: dict[str, Schema] = {schema.id: schema for schema in (value.SCHEMA, competition.SCHEMA, lifetime_value.SCHEMA,)}
