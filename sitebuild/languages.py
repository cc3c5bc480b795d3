"""The site's languages as the build uses them; declared once in :mod:`calculators.languages`."""

from calculators.languages import BY_CODE, CODES, DEFAULT_LANGUAGE
from calculators.languages import LANGUAGES as DECLARED

#: Language codes in the order of the language switcher.
LANGUAGES = CODES
#: Each language's name in itself, as the switcher shows it (mkdocs.yml) and the glossary heads its columns.
AUTONYMS = {language.code: language.autonym for language in DECLARED}

__all__ = ["AUTONYMS", "BY_CODE", "DEFAULT_LANGUAGE", "DECLARED", "LANGUAGES"]
