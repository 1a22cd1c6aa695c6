"""The formats an export can be written in, and which one a file name asks for."""

from __future__ import annotations

from pathlib import Path

MARKDOWN, HTML, CSV = "md", "html", "csv"
FORMATS = (HTML, MARKDOWN, CSV)
"""What ``--format`` takes; CSV only for the attendance list."""

_SUFFIXES = {".html": HTML, ".htm": HTML, ".csv": CSV}
SUFFIX = {MARKDOWN: ".md", HTML: ".html", CSV: ".csv"}
"""The suffix a file of each format is suggested with."""


def format_of(path: Path) -> str:
    """The format ``path``'s suffix asks for: .html/.htm HTML, .csv CSV, anything else Markdown."""
    return _SUFFIXES.get(path.suffix.lower(), MARKDOWN)
