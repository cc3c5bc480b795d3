"""The build's HTML templates (``sitebuild/templates/``), in one autoescaping Jinja environment:
the calculator widget and the prediction (macros.py), the offline notice (workshop.py)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
