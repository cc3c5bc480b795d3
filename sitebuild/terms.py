"""Termbases: one per language, the preferred term for each concept and the variants it replaces.

A termbase lives in ``sitebuild/terms/<lang>.yml``::

    - concept: customer acquisition cost       # English, for the reader of this file
      preferred: 고객 획득 비용
      forbidden: [고객 한 명 확보 비용]

``tests/site/test_terms.py`` reads every page (``docs/<lang>``) and every catalogue
(``sitebuild/locales/<lang>``) of that language and fails on any forbidden variant, naming
the file, the line and the preferred term. Latin and Cyrillic variants match whole words,
ignoring case; Chinese, Japanese and Korean variants match anywhere (these scripts do not
separate words with spaces).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TERMBASES = Path(__file__).resolve().parent / "terms"
_CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class Term:
    concept: str
    preferred: str
    forbidden: tuple[str, ...]


@dataclass(frozen=True)
class Misuse:
    path: Path
    line: int
    found: str
    preferred: str

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}: '{self.found}' → '{self.preferred}'"


def termbase(lang: str) -> tuple[Term, ...]:
    path = TERMBASES / f"{lang}.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return tuple(
        Term(entry["concept"], entry["preferred"], tuple(entry.get("forbidden", ()))) for entry in entries
    )


def variant_pattern(variant: str) -> re.Pattern[str]:
    if _CJK.search(variant):
        return re.compile(re.escape(variant))
    return re.compile(rf"(?<!\w){re.escape(variant)}(?!\w)", re.IGNORECASE)


def language_files(lang: str) -> Iterator[Path]:
    """The pages and catalogues a reader of ``lang`` sees."""
    yield from sorted((ROOT / "docs" / lang).rglob("*.md"))
    yield from sorted((Path(__file__).resolve().parent / "locales" / lang).glob("*.yml"))


def misuses(lang: str) -> list[Misuse]:
    checks = [(variant_pattern(variant), term) for term in termbase(lang) for variant in term.forbidden]
    found = []
    for path in language_files(lang):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for pattern, term in checks:
                for match in pattern.finditer(line):
                    found.append(Misuse(path, number, match.group(0), term.preferred))
    return found
