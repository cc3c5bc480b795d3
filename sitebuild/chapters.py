"""The guide's chapters in reading order (see ../shared/GUIDE.md); titles live in the catalogues."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Chapter:
    number: int
    slug: str  # "" for the home page

    @property
    def source(self) -> str:
        return f"{self.slug}.md" if self.slug else "index.md"


CHAPTERS = (
    Chapter(1, ""),
    Chapter(2, "what-customer-value-is"),
    Chapter(3, "creating-value"),
    Chapter(4, "benefits-and-costs"),
    Chapter(5, "four-myths"),
    Chapter(6, "levels-of-competition"),
    Chapter(7, "customer-lifetime-value"),
    Chapter(8, "customer-worth"),
    Chapter(9, "innovation"),
    Chapter(10, "showing-value"),
    Chapter(11, "internal-customers"),
    Chapter(12, "glossary"),
    Chapter(13, "sources"),
)
