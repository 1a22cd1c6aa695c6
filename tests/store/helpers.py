"""Shared by the store's fault tests (test_faults.py, test_faults_append.py).

Faults are injected by replacing ``os`` inside a store module (``atomic.py``, ``logfile.py``) with
a proxy that delegates to the real module except for the one call under test.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from intervisie_tui.store import atomic
from intervisie_tui.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.store.format1 import read_tables

A, B, C = b"state A: saved before the fault", b"state B: the save that meets the fault", b"state C: a later save"


class OsProxy:
    """Stands in for ``os`` inside a store module: the real module except for the given overrides."""

    def __init__(self, **overrides: Callable) -> None:
        self.__dict__.update(overrides)

    def __getattr__(self, name: str):
        return getattr(os, name)


@dataclass
class Fault:
    """One failing call: ``name`` of the os function, ``when`` relative to the real call."""

    name: str
    when: str = "before"  # "before": the call does nothing; "after": it does its work, then fails
    applies: Callable[..., bool] = lambda *args: True
    error: OSError = field(default_factory=lambda: OSError(errno.EIO, "injected I/O error"))
    fired: int = 0

    def install(self, monkeypatch: pytest.MonkeyPatch, module=atomic) -> None:
        """Make the first matching call inside ``module`` (atomic.py) fail (later calls run normally)."""
        real = getattr(os, self.name)

        def faulty(*args, **kwargs):
            if self.fired or not self.applies(*args):
                return real(*args, **kwargs)
            self.fired += 1
            if self.when == "after":
                real(*args, **kwargs)
            raise self.error

        monkeypatch.setattr(module, "os", OsProxy(**{self.name: faulty}))


def short_write_then_full() -> tuple[Callable[[int, bytes], int], list[int]]:
    """An ``os.write`` that writes half of its first chunk, then reports a full disk (the realistic
    full disk); and the lengths it was asked to write."""
    calls: list[int] = []

    def write(fd: int, data) -> int:
        calls.append(len(data))
        if len(calls) == 1:
            return os.write(fd, bytes(data)[: max(1, len(data) // 2)])
        raise OSError(errno.ENOSPC, "No space left on device")

    return write, calls


def temps(folder: Path, name: str = "groep.ivt") -> list[str]:
    """Temp files of ``name`` left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}.") and p.name.endswith(".tmp"))


def assert_usable(vault: Vault, tables: Mapping[str, bytes] | None = None) -> None:
    """A later save of ``tables`` (only ``t`` changed; default: just ``t`` = C) works, is durable,
    leaves no temp file, and is what the file then holds, with no interrupted save in it."""
    tables = dict(tables or {"t": C})
    vault.save(tables, {"t"})
    assert vault.durable
    assert read_tables(vault.path) == tables
    assert temps(vault.path.parent) == []
    reopened, _ = Vault.unlock(vault.path, PASSPHRASE, lock=False)
    try:
        assert reopened.interrupted_bytes == 0
    finally:
        reopened.close()
