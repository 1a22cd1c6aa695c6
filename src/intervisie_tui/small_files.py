"""Reading the app's own small files (settings, themes) without waiting or filling memory.

Such a file is found by name in a folder the user controls, so a pipe, a device or a huge
file may stand where a few kilobytes of TOML are expected: a pipe would make ``read`` wait for
ever (the app would never start) and ``/dev/zero`` would never end. Only a regular file is
read, opened without waiting, and never more than ``limit`` bytes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)


class NotASmallFile(ValueError):
    """The path holds something other than a regular file of at most ``limit`` bytes."""


def read_small_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``; :class:`NotASmallFile` when it is something else
    or longer than ``limit``. A missing file raises ``FileNotFoundError`` as usual."""
    fd = os.open(path, _FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotASmallFile("not a regular file")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:
        raise NotASmallFile(f"larger than {limit // 1024} KiB")
    return b"".join(chunks)
