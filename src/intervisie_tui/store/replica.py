"""Which replica writes: this machine (an id kept in the app's data folder) with the file's lineage.

A replica is what a version vector counts changes for (docs/FORMAT.md,
"Versions"). The machine id is made once, at random, the first time a file is
saved on this machine, and kept in ``machine-id`` in the app's data folder; it
says nothing about the machine. The file's place is part of the replica too, so
two copies of one file on one machine (a folder copied by hand) never count
their changes under one name.
"""

from __future__ import annotations

import os
import secrets
from hashlib import sha256
from pathlib import Path

from intervisie_tui import locations

MACHINE_ID_FILE = "machine-id"
_fallback: str | None = None


def machine_id(folder: Path | None = None) -> str:
    """This machine's id, made and kept in the data folder on first use.

    When the folder cannot be written (a read-only home), the id lives as long
    as this process does: changes are still counted correctly, under a replica
    that is new each time.
    """
    global _fallback
    path = (folder or locations.data_dir()) / MACHINE_ID_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
        if len(text) == 32 and all(c in "0123456789abcdef" for c in text):
            return text
    except (OSError, UnicodeDecodeError):
        pass
    made = secrets.token_hex(16)
    try:
        locations.ensure_private_dir(path.parent)
        temp = path.with_name(path.name + f".{os.getpid()}.tmp")
        temp.write_text(made + "\n", encoding="ascii")
        os.replace(temp, path)
        return made
    except OSError:
        if _fallback is None:
            _fallback = made
        return _fallback


def replica_id(machine: str, lineage: str, path: Path) -> str:
    """The replica writing the file at ``path`` of ``lineage`` on ``machine`` (10 hex digits)."""
    return sha256(f"{machine}\0{lineage}\0{path}".encode()).hexdigest()[:10]


def new_lineage() -> str:
    """A new file's lineage id (random, 16 hex digits)."""
    return secrets.token_hex(8)
