"""Message catalogues: one folder per language, one YAML file per part of the site.

``guide.yml`` (chapter titles, site strings), ``widget.yml`` (what every calculator shows:
states, actions, error messages by code) and one file per calculator (labels, units, notes,
formulas). Every language has the same keys (a test checks); a key missing in a language
falls back to English here, in one place, so a page never shows a raw key.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sitebuild.languages import DEFAULT_LANGUAGE

LOCALES = Path(__file__).resolve().parent / "locales"


@cache
def catalogue(lang: str, part: str) -> dict[str, Any]:
    path = LOCALES / lang / f"{part}.yml"
    own = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    if lang == DEFAULT_LANGUAGE:
        return own
    return merged(catalogue(DEFAULT_LANGUAGE, part), own)


def merged(fallback: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    result = dict(fallback)
    for key, value in own.items():
        if isinstance(value, dict) and isinstance(fallback.get(key), dict):
            result[key] = merged(fallback[key], value)
        else:
            result[key] = value
    return result


def lookup(lang: str, part: str, dotted: str) -> Any:
    node: Any = catalogue(lang, part)
    for key in dotted.split("."):
        node = node[key]
    return node
