"""Which file a path means: symbolic links are resolved once, when a file is opened.

A file reached through a link (``groep.ivt -> /gedeeld/noord.ivt``) or through a linked
folder is worked on where it really is: its saves, lock, backups, re-key and restore all
use the target. Resolving once at open also means that a link changed while the file is
open never redirects a save or a re-key to another file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def resolve(path: Path) -> Path:
    """The real path of ``path`` (links resolved; a missing last part is kept as named)."""
    return Path(os.path.realpath(path))


def is_link(given: Path) -> bool:
    """Whether the name given is itself a symbolic link (the user should hear where it leads).

    A linked folder higher up is resolved too, but not announced: the file keeps its name, and
    its backups are reachable through the same folder link.
    """
    return os.path.islink(given)


def kind_of(path: Path) -> str:
    """What is at ``path``: "file", "folder", "device", "missing" or "other" (a FIFO, a socket).

    Looked at without opening it: opening a FIFO would wait for a writer for ever.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "missing"
    except NotADirectoryError:
        return "missing"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "other"
