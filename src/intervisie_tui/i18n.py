"""Language: every user-visible string goes through this module.

Source strings (msgids) are English; ``locale/nl.po`` holds the Dutch texts.
The catalogue is a plain gettext ``.po`` file read directly at runtime, so the
project needs no compile step and no binary files (see docs/I18N.md).

Only the standard library is used, so ``core``, ``store`` and ``ui`` may all
import it. Nothing is loaded at import time: the first call to :func:`_`
loads the catalogue of the current language.
"""

from __future__ import annotations

import gettext
import locale
import os
import re
from collections.abc import Mapping

from intervisie_tui.package_data import PACKAGE_DIR

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
LOCALE_DIR = PACKAGE_DIR / "locale"

_language = DEFAULT_LANGUAGE
_translations: gettext.NullTranslations | None = None
_LOADED: dict[str, gettext.NullTranslations] = {}
"""Each language's translations once read (:func:`load_translations`)."""


class PoTranslations(gettext.NullTranslations):
    """gettext translations built from a parsed ``.po`` catalogue."""

    def __init__(self, catalog: Mapping[str, str], plurals: Mapping[str, tuple[str, ...]]) -> None:
        super().__init__()
        self._catalog = dict(catalog)
        self._plurals = dict(plurals)

    def gettext(self, message: str) -> str:
        return self._catalog.get(message) or message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        forms = self._plurals.get(msgid1)
        # Dutch and English share the rule "one" vs "other".
        if forms and all(forms):
            return forms[0] if n == 1 else forms[min(1, len(forms) - 1)]
        return msgid1 if n == 1 else msgid2


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_ESCAPE = re.compile(r"\\(.)")


def _unescape(match: re.Match[str]) -> str:
    try:
        return _ESCAPES[match[1]]
    except KeyError:
        raise ValueError(f"unknown escape in a .po string: \\{match[1]}") from None


def _unquote(token: str) -> str:
    """The text of one quoted .po string: C escapes as gettext writes them.

    Not ``ast.literal_eval``: it builds closures in reference cycles on every call,
    which leaves them all for the garbage collector at start-up (docs/PERFORMANCE.md).
    """
    if not token:
        return ""
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise ValueError(f"not a quoted .po string: {token!r}")
    body = token[1:-1]
    return _ESCAPE.sub(_unescape, body) if "\\" in body else body


def parse_po(text: str) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Parse the subset of the gettext ``.po`` format this project writes.

    Returns ``(singulars, plurals)``: msgid -> msgstr, and msgid -> plural forms.
    Fuzzy entries are skipped, as gettext's ``msgfmt`` would.
    """
    singulars: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    entries: list[dict[str, str]] = []
    current: dict[str, str] = {}
    key = ""
    fuzzy = False

    def flush() -> None:
        nonlocal current, fuzzy
        if current and not fuzzy:
            entries.append(current)
        current, fuzzy = {}, False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            current[key] = current.get(key, "") + _unquote(line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgid" and "msgid" in current:
            flush()
        key = keyword
        current[key] = _unquote(rest.strip())
    flush()

    for entry in entries:
        msgid = entry.get("msgid", "")
        if not msgid:
            continue  # the header entry
        if "msgid_plural" in entry:
            forms = tuple(entry.get(f"msgstr[{i}]", "") for i in range(2))
            plurals[msgid] = forms
        else:
            singulars[msgid] = entry.get("msgstr", "")
    return singulars, plurals


def load_translations(language: str) -> gettext.NullTranslations:
    """Return the translations for ``language`` (English is the source language); read once per process.

    The command line sets the language up to three times before the app draws (the remembered one,
    the chosen one, the app's); each used to parse the ~1,400 strings of the catalogue again.
    """
    loaded = _LOADED.get(language)
    if loaded is None:
        if language == "en":
            loaded = gettext.NullTranslations()
        else:
            singulars, plurals = parse_po((LOCALE_DIR / f"{language}.po").read_text(encoding="utf-8"))
            loaded = PoTranslations(singulars, plurals)
        _LOADED[language] = loaded
    return loaded


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """Pick ``en`` when the system locale asks for English, else Dutch (the default)."""
    environ = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:
            return "en" if value.lower().startswith("en") else DEFAULT_LANGUAGE
    try:
        system = locale.getlocale()[0] or ""
    except ValueError:
        system = ""
    return "en" if system.lower().startswith("en") else DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Switch the language of every later call to :func:`_`."""
    global _language, _translations
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    _language = language
    _translations = None


def current_language() -> str:
    """The language code in effect (``nl`` or ``en``)."""
    return _language


def _active() -> gettext.NullTranslations:
    global _translations
    if _translations is None:
        _translations = load_translations(_language)
    return _translations


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count into the current language."""
    return _active().ngettext(singular, plural, n)


def decimal_text(value: float) -> str:
    """A number as short as it goes ("5", "7.5") with the current language's decimal mark ("7,5" in Dutch)."""
    text = f"{value:g}"
    return text if _language == "en" else text.replace(".", ",")


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it yet."""
    return message
