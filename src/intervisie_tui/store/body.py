"""The decrypted body: an index line, then one TinyDB JSON document.

    {"format":"intervisie-tui/tables/1","tables":[["groups",1,57],...]}\\n
    {"groups":{"1":{...}},"meetings":{...},...}

The second line is exactly what TinyDB's own JSON storage would hold, so a
recovered body can be read with ``json.loads`` alone. The index gives each
table's byte range inside that line, so the app parses only the tables it
needs and re-serialises only the tables a save changed (docs/STORAGE.md).
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from intervisie_tui.i18n import N_
from intervisie_tui.store.errors import DamagedFile

BODY_FORMAT = "intervisie-tui/tables/1"


def encode_table(table: Mapping[str, object]) -> bytes:
    """Serialise one table compactly (UTF-8, no ASCII escaping)."""
    return json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def pack_body(tables: Mapping[str, bytes | memoryview]) -> list[bytes | memoryview]:
    """Lay out ``tables`` (name -> encoded table) as body chunks, index first."""
    parts: list[bytes | memoryview] = [b"{"]
    index: list[list[object]] = []
    offset = 1
    for position, (name, raw) in enumerate(tables.items()):
        key = (b"," if position else b"") + json.dumps(name, ensure_ascii=False).encode("utf-8") + b":"
        parts.append(key)
        offset += len(key)
        index.append([name, offset, offset + len(raw)])
        parts.append(raw)
        offset += len(raw)
    parts.append(b"}")
    head = json.dumps({"format": BODY_FORMAT, "tables": index}, ensure_ascii=False, separators=(",", ":"))
    return [head.encode("utf-8") + b"\n", *parts]


def unpack_body(body: bytes) -> dict[str, memoryview]:
    """Split a decrypted body into name -> encoded table, without parsing the tables."""
    newline = body.find(b"\n")
    if newline < 0:
        raise DamagedFile(N_("the decrypted contents are not valid"), "index")
    try:
        head = json.loads(body[:newline])
        if head.get("format") != BODY_FORMAT:
            raise ValueError("format")
        document = memoryview(body)[newline + 1 :]
        tables: dict[str, memoryview] = {}
        for name, start, end in head["tables"]:
            if not (isinstance(name, str) and 0 < start <= end <= len(document)) or name in tables:
                raise ValueError("range")
            tables[name] = document[start:end]
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise DamagedFile(N_("the decrypted contents are not valid"), "index") from error
    return tables


def decode_table(raw: bytes | memoryview) -> dict[str, dict]:
    """Parse one encoded table into a fresh dict (callers may mutate it)."""
    table = json.loads(bytes(raw))
    if not isinstance(table, dict):
        raise DamagedFile(N_("the decrypted contents are not valid"), "table")
    return table
