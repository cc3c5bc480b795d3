"""The guide's calculators: pure Python (standard library only), run by pytest, by the site
build and, unchanged, in the reader's browser on Pyodide."""

__version__ = "0.1.0"
