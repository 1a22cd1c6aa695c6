"""A file's key, derived on another thread while the caller goes on (docs/PERFORMANCE.md, "Start-up").

With ``--passphrase-file`` the command line has the passphrase before it loads the app's modules.
:meth:`KeyAhead.start` reads and checks the header on the calling thread and hands the worker
only the KDF, which runs outside Python (it releases the GIL). A worker that also opened and read
the file, or imported modules, waited for the GIL at each step while the main thread imported
(switches come every 5 ms): its KDF began some 60 ms after it was started.

The unlock itself stays where it was: :meth:`KeyAhead.derive` is passed to it in place of
:meth:`FileKey.derive`, and gives the key derived ahead when it asks for the same passphrase, KDF
settings and salt (the header it read itself), else derives anew.
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import Future
from pathlib import Path

from intervisie_tui import timings
from intervisie_tui.store.errors import VaultError
from intervisie_tui.store.fileformat import HEADER_LEN, KdfParams, parse_header
from intervisie_tui.store.filekey import FileKey


class KeyAhead:
    """One KDF run started early, for one passphrase and the header read when it started."""

    def __init__(self, passphrase: str, kdf: KdfParams, salt: bytes) -> None:
        self._asked: tuple[str, KdfParams, bytes] | None = (passphrase, kdf, salt)
        self._key: Future[FileKey] | None = Future()
        worker = threading.Thread(
            target=self._derive, args=(self._key, passphrase, kdf, salt), name="intervisie-key-ahead", daemon=True
        )
        worker.start()

    @classmethod
    def start(cls, path: Path, passphrase: str) -> KeyAhead | None:
        """Read ``path``'s header and start its KDF; None when the header cannot be read or is refused.

        Nothing is reported here: the unlock reads the file again and names what is wrong.
        """
        try:
            with open(path, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                header = parse_header(handle.read(HEADER_LEN), size)
        except (OSError, VaultError):
            return None
        return cls(passphrase, header.kdf, header.salt)

    @staticmethod
    def _derive(key: Future[FileKey], passphrase: str, kdf: KdfParams, salt: bytes) -> None:
        try:
            key.set_result(FileKey.derive(passphrase, kdf, salt))
        except BaseException as error:  # handed to the thread that takes the key
            key.set_exception(error)

    def derive(self, passphrase: str, kdf: KdfParams, salt: bytes) -> FileKey:
        """The key for ``passphrase``, ``kdf`` and ``salt``: the one derived ahead if it was for these
        (waiting for it; the wait is noted as ``kdf_wait``, ``intervisie_tui/timings.py``), else a new one.

        The key derived ahead is given once; the object keeps no reference to it (or the passphrase) after that.
        """
        pending, asked = self._key, self._asked
        self._key = self._asked = None
        if pending is None or (passphrase, kdf, salt) != asked:
            return FileKey.derive(passphrase, kdf, salt)
        started = time.monotonic()
        try:
            return pending.result()
        finally:
            timings.note("kdf_wait", started)
