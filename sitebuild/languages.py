"""The site's languages, in the order of the language switcher."""

LANGUAGES = ("en", "nl", "ko", "ru", "de", "zh")
DEFAULT_LANGUAGE = "en"
