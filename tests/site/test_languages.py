"""Languages are declared once (``calculators/languages.py``); ``mkdocs.yml``, which cannot
import Python, must list the same ones, in the same order, with the same names."""

from __future__ import annotations

from typing import Any

import yaml

from calculators.languages import DEFAULT_LANGUAGE, LANGUAGES
from calculators.numbers import STYLES
from tests.conftest import ROOT


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: None)  # site_url: !ENV [SITE_URL, …]


def mkdocs_config() -> dict[str, Any]:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def test_mkdocs_lists_the_declared_languages() -> None:
    config = mkdocs_config()
    (i18n,) = [p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p]
    listed = [(x["locale"], x["name"], x.get("site_name", config["site_name"]), bool(x.get("default"))) for x in i18n["languages"]]
    declared = [(x.code, x.autonym, x.site_name, x.code == DEFAULT_LANGUAGE) for x in LANGUAGES]
    assert listed == declared
    assert config["theme"]["language"] == DEFAULT_LANGUAGE


def test_every_language_has_its_docs_catalogues_and_number_style() -> None:
    for language in LANGUAGES:
        assert (ROOT / "docs" / language.code).is_dir(), language.code
        assert (ROOT / "sitebuild" / "locales" / language.code).is_dir(), language.code
        assert STYLES[language.code].decimal == language.decimal
