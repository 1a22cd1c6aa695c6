"""Plain Markdown from user text: escaped so it cannot add headings, lists, links or break a table."""

from __future__ import annotations

import re

# Always escaped: emphasis, code, links, html, tables, strikethrough, and the escape itself.
_ANYWHERE = re.compile(r"([\\`*_\[\]<>|~])")
# Escaped only where a line starts: headings, list items, quotes, setext underlines, ordered lists.
_LINE_START = re.compile(r"^([#+\-=]|\d{1,9}(?=[.)](?:\s|$)))")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def md_escape(text: str) -> str:
    """``text`` as literal Markdown on one line: specials escaped, newlines and runs of space made one space."""
    flat = " ".join(text.split())
    escaped = _ENTITY.sub(r"\\&", _ANYWHERE.sub(r"\\\1", flat))
    # "12. text" becomes "12\. text"; a leading "#" or "-" becomes "\#" or "\-".
    match = _LINE_START.match(escaped)
    if match is None:
        return escaped
    if match.group(1)[0].isdigit():
        end = match.end()
        return f"{escaped[:end]}\\{escaped[end:]}"
    return "\\" + escaped


def md_table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table with every cell escaped; each row must have as many cells as ``header``."""
    for index, row in enumerate(rows):
        if len(row) != len(header):
            raise ValueError(f"row {index} has {len(row)} cells, the header {len(header)}")
    lines = [_row(header), "| " + " | ".join("---" for _ in header) + " |"]
    lines += [_row(row) for row in rows]
    return "\n".join(lines)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(md_escape(cell) for cell in cells) + " |"
