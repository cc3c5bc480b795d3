"""The site's languages, in the order of the language switcher."""

LANGUAGES = ("en", "nl", "ko", "ru", "de", "zh")
DEFAULT_LANGUAGE = "en"
#: Each language's name in itself, as the switcher shows it (mkdocs.yml) and the glossary heads its columns.
AUTONYMS = {"en": "English", "nl": "Nederlands", "ko": "한국어", "ru": "Русский", "de": "Deutsch", "zh": "中文"}
