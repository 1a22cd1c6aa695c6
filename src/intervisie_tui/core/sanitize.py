"""Cleaning user text before it is stored or shown.

* Refused with a message: NUL and lone surrogates (they cannot be stored
  faithfully), and text over the size cap of its field.
* Removed: C0/C1 control characters (escape sequences start with one, so no
  sequence can reach the terminal), bidi overrides and isolates, and
  zero-width characters (a zero-width joiner inside an emoji sequence stays).
* Normalised to NFC, so "Zoë" typed two ways is one name.

Only a note keeps its line breaks (``clean_text``); every other field is one
line (``clean_line``). A paste is split into its lines first
(:func:`paste_lines`), so a field can keep them or join them visibly.
"""

from __future__ import annotations

import unicodedata

from intervisie_tui.i18n import N_, _

NAME_MAX = 80
TITLE_MAX = 120
LINE_MAX = 500
TEXT_MAX = 4000

LINE_MARK = "\u21b5"
""""↵": where a line of a note ends, in views of one line (the edit field, a search hit)."""

_BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
_ZERO_WIDTH = {0x200B, 0x200C, 0x2060, 0xFEFF, 0x180E}
_ZWJ = 0x200D
_EMOJI_JOINABLE = {"So", "Sk", "Mn"}  # symbols, skin-tone modifiers, variation selectors


class TextRejected(ValueError):
    """User text that cannot be accepted; ``reason`` is an English msgid.

    A plain exception class: a frozen, slotted dataclass cannot take the
    ``__traceback__`` that ``contextlib`` sets when it re-raises, which turned a
    refusal inside a ``with`` block into a TypeError.
    """

    def __init__(self, reason: str, limit: int = 0) -> None:
        super().__init__(reason, limit)
        self.reason = reason
        self.limit = limit

    def message(self) -> str:
        """The reason in the current language."""
        return _(self.reason).format(limit=self.limit)


def _is_control(code: int) -> bool:
    return code < 0x20 or 0x7F <= code < 0xA0


def _keep_zwj(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return bool(before and after) and all(unicodedata.category(char) in _EMOJI_JOINABLE for char in (before, after))


def _check_refused(text: str, limit: int) -> None:
    if "\x00" in text:
        raise TextRejected(N_("The text contains a NUL character and was not accepted."))
    if any(0xD800 <= ord(char) <= 0xDFFF for char in text):
        raise TextRejected(N_("The text contains an invalid character and was not accepted."))
    if len(text) > limit * 4:  # refuse huge pastes before doing any work on them
        raise TextRejected(N_("The text is longer than {limit} characters and was not accepted."), limit)


def _strip(text: str, keep_newlines: bool) -> str:
    out: list[str] = []
    for index, char in enumerate(text):
        code = ord(char)
        if char == "\n" and keep_newlines:
            out.append(char)
        elif char in "\t\r\n":
            out.append(" ")
        elif _is_control(code) or code in _BIDI or code in _ZERO_WIDTH:
            continue
        elif code == _ZWJ and not _keep_zwj(text, index):
            continue
        else:
            out.append(char)
    return "".join(out)


def clean_line(text: str, limit: int = NAME_MAX) -> str:
    """A single-line field (name, title, question): cleaned, trimmed, capped."""
    _check_refused(text, limit)
    cleaned = " ".join(_strip(unicodedata.normalize("NFC", text), keep_newlines=False).split())
    if len(cleaned) > limit:
        raise TextRejected(N_("The text is longer than {limit} characters and was not accepted."), limit)
    return cleaned


def clean_text(text: str, limit: int = TEXT_MAX) -> str:
    """A multi-line field (note, reflection): newlines kept, other controls removed."""
    _check_refused(text, limit)
    cleaned = _strip(unicodedata.normalize("NFC", text.replace("\r\n", "\n")), keep_newlines=True).strip()
    if len(cleaned) > limit:
        raise TextRejected(N_("The text is longer than {limit} characters and was not accepted."), limit)
    return cleaned


def paste_lines(text: str) -> list[str]:
    """The lines of pasted text, cleaned of control characters; blank lines at either end dropped.

    A terminal hands a paste over with CR, CR LF or LF between lines (most send
    CR), so each of them ends a line here and none is left to act as Enter.
    Each line loses what :func:`clean_line` removes (escape sequences, bidi
    overrides, zero-width characters; a tab becomes a space) but keeps its
    spaces. NUL and lone surrogates stay, so the field's cleaning refuses them
    with its message (as it does the size cap).
    """
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [
        "\x00".join(_strip(part, keep_newlines=False) for part in line.split("\x00")) for line in unified.split("\n")
    ]
    while lines and not lines[-1].strip():
        lines.pop()
    start = next((index for index, line in enumerate(lines) if line.strip()), len(lines))
    return lines[start:]


def one_line(text: str) -> str:
    """Multi-line text on one line for a one-line view: each line's spaces collapsed, lines joined by " ↵ "."""
    return f" {LINE_MARK} ".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def display(text: str) -> str:
    """Make stored text safe to draw: drop anything that could steer the terminal.

    Stored text is already clean; this guards against files written by other
    tools or older versions.
    """
    return "".join(
        char if char == "\n" or not (_is_control(ord(char)) or ord(char) in _BIDI) else "\ufffd" for char in text
    )


def display_line(text: str) -> str:
    """A path or name for one line of output: as :func:`display`, and a line break shown as "\ufffd" too.

    Every path and name a command prints goes through this: a file name may hold escape
    sequences or line breaks as well as user text can.
    """
    return display(text).replace("\n", "\ufffd")
