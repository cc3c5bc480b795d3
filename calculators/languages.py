"""The site's languages, declared once: read by the calculators (how each writes numbers),
the build (``sitebuild/``: pages, catalogues, Babel), the browser (through each widget's
spec) and the tests. ``mkdocs.yml`` cannot import Python: a test checks that its
``plugins.i18n.languages`` list says the same.

>>> [language.code for language in LANGUAGES if language.decimal == ","]
['nl', 'ru', 'de']
>>> BY_CODE["de"].group
'.'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One language of the site, in the order of the language switcher.

    ``decimal`` and ``group`` are the separators a reader of the language types (``1.200,50``
    on a German page); ``locale`` is the name Babel and ``Intl.NumberFormat`` format numbers
    with; ``autonym`` the language's name in itself, as the switcher and the glossary show it.
    """

    code: str
    autonym: str
    site_name: str
    decimal: str = "."
    group: str = ","
    locale: str = ""

    @property
    def number_locale(self) -> str:
        return self.locale or self.code


LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "Customer Value Guide"),
    Language("nl", "Nederlands", "Gids voor klantwaarde", decimal=",", group="."),
    Language("ko", "한국어", "고객 가치 가이드"),
    Language("ru", "Русский", "Руководство по ценности для клиента", decimal=",", group="."),
    Language("de", "Deutsch", "Leitfaden Kundenwert", decimal=",", group="."),
    Language("zh", "中文", "客户价值指南"),
)
#: The language served at the site's root (``/``); the others live under ``/<code>/``.
DEFAULT_LANGUAGE = "en"
BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}
CODES: tuple[str, ...] = tuple(BY_CODE)
