"""An export's Markdown as one self-contained HTML page to print (A4), made with markdown-it-py.

The Markdown is the same the .md export holds; user text in it is already escaped
(``core.markdown``). The parser is still set so that nothing in the text can become markup,
whatever a future export forgets to escape: raw HTML is off (``html=False``: shown as text),
links, autolinks, link references and images are off (their syntax stays as text), linkify and
typographer are off, and no link would pass validation anyway. The page loads nothing: its one
stylesheet is inline and a Content-Security-Policy allows only that stylesheet, so even a slip could
not fetch a font, an image or a script. Why HTML at all: docs/HISTORY_AND_EXPORTS.md.
"""

from __future__ import annotations

import base64
import hashlib
import html
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

# Only the parts of CommonMark an export uses, plus tables; everything that could reach outside is off.
_OFF = ["image", "link", "autolink", "reference", "html_inline", "html_block"]

_STYLE = """
@page { size: A4; margin: 18mm 16mm; }
html { color: #000; background: #fff; font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
body { max-width: 178mm; margin: 1em auto; padding: 0 1em; font-size: 11pt; line-height: 1.4; }
h1 { font-size: 16pt; margin: 0 0 0.6em; }
h2 { font-size: 13pt; margin: 1.4em 0 0.4em; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 1em 0 0.3em; break-after: avoid; page-break-after: avoid; }
ul { padding-left: 1.2em; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #444; padding: 0.3em 0.45em; text-align: left; vertical-align: top; }
th { background: #eee; }
td:empty { height: 2.6em; min-width: 7em; }
@media print { body { max-width: none; margin: 0; padding: 0; } th { background: none; } }
""".strip()


def _style_hash() -> str:
    digest = hashlib.sha256(_STYLE.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable("table")
    parser.disable(_OFF)
    parser.validateLink = lambda url: False  # type: ignore[method-assign]  # no link would pass anyway
    return parser


def _title(tokens: list[Token]) -> str:
    """The text of the first heading (escapes resolved), or ""."""
    for index, token in enumerate(tokens[:-1]):
        if token.type == "heading_open":
            inline = tokens[index + 1]
            return "".join(child.content for child in inline.children or () if child.type in ("text", "code_inline"))
    return ""


def printable_html(markdown: str, language: str) -> str:
    """``markdown`` as a whole HTML page in ``language`` ("nl", "en"), titled by its first heading.

    Empty table cells (a signature, a date to fill in) print as boxes to write in; a table's header
    repeats on every printed page.
    """
    parser = _parser()
    tokens = parser.parse(markdown)
    body = parser.renderer.render(tokens, parser.options, {})
    policy = f"default-src 'none'; style-src '{_style_hash()}'; base-uri 'none'; form-action 'none'"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(language)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(_title(tokens))}</title>\n"
        f"<style>\n{_STYLE}\n</style>\n"
        "</head>\n"
        "<body>\n"
        f"{body}"
        "</body>\n"
        "</html>\n"
    )
