"""Extract translatable strings and keep ``locale/nl.po`` in step with the code.

    python tests/i18n_tool.py          add new msgids to nl.po (empty msgstr), drop stale ones
    python tests/i18n_tool.py --check  exit 1 when nl.po is out of step (what the test does)
    python tests/i18n_tool.py --merge F.json   also take Dutch texts from a JSON object msgid -> text
                                               (a list of two texts for plural entries)

Translatable strings are the literal first arguments of ``_()``, ``N_()`` and
``ngettext()`` anywhere under ``src/intervisie_tui``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "intervisie_tui"
CATALOGUE = SOURCE / "locale" / "nl.po"
MARKERS = {"_", "N_", "ngettext"}

HEADER = """# Dutch texts of intervisie-tui. msgids are the English source texts.
# Keep in step with the code: python tests/i18n_tool.py
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: nl\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""


def extract(source: Path = SOURCE) -> dict[str, tuple[str | None, list[str]]]:
    """msgid -> (plural msgid or None, places it is used)."""
    found: dict[str, tuple[str | None, list[str]]] = {}
    for path in sorted(source.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS):
                continue
            if not node.args or not isinstance(node.args[0], ast.Constant) or not isinstance(node.args[0].value, str):
                continue
            msgid = node.args[0].value
            plural = None
            if node.func.id == "ngettext" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                plural = node.args[1].value
            # File paths only: line numbers would put the catalogue out of step at every edit.
            place = path.relative_to(ROOT).as_posix()
            previous_plural, places = found.get(msgid, (None, []))
            found[msgid] = (plural or previous_plural, places if place in places else [*places, place])
    return found


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def render(
    found: dict[str, tuple[str | None, list[str]]], singulars: dict[str, str], plurals: dict[str, tuple[str, ...]]
) -> str:
    """The catalogue text for ``found``, keeping known translations."""
    out = [HEADER]
    for msgid in sorted(found, key=str.casefold):
        plural, places = found[msgid]
        out.append("")
        out.append("#: " + " ".join(places[:3]))
        out.append(f"msgid {_quote(msgid)}")
        if plural is not None:
            forms = plurals.get(msgid, ("", ""))
            out.append(f"msgid_plural {_quote(plural)}")
            out.append(f"msgstr[0] {_quote(forms[0])}")
            out.append(f"msgstr[1] {_quote(forms[1] if len(forms) > 1 else '')}")
        else:
            out.append(f"msgstr {_quote(singulars.get(msgid, ''))}")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from intervisie_tui.i18n import parse_po

    text = CATALOGUE.read_text(encoding="utf-8") if CATALOGUE.exists() else ""
    singulars, plurals = parse_po(text)
    if "--merge" in argv:
        import json

        extra = json.loads(Path(argv[argv.index("--merge") + 1]).read_text(encoding="utf-8"))
        for msgid, dutch in extra.items():
            if isinstance(dutch, list):
                plurals[msgid] = tuple(dutch)
            else:
                singulars[msgid] = dutch
    rendered = render(extract(), singulars, plurals)
    if "--check" in argv:
        return 0 if rendered == text else 1
    CATALOGUE.write_text(rendered, encoding="utf-8")
    missing = sum(1 for line in rendered.splitlines() if line in ('msgstr ""', 'msgstr[0] ""'))
    print(f"{CATALOGUE.relative_to(ROOT)}: {missing - 1} entries without a Dutch text")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
