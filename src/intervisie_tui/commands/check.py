"""``intervisie check FILE``: verify a file and name exactly what is wrong.

The header is checked without the passphrase (so damage there is named even
when the passphrase is lost); then the contents are authenticated and parsed.
Nothing is ever written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from intervisie_tui.commands.common import require_file, shown
from intervisie_tui.i18n import _
from intervisie_tui.store.backups import list_backups, list_damaged
from intervisie_tui.store.body import decode_table
from intervisie_tui.store.errors import VaultError
from intervisie_tui.store.fileformat import KDF_ARGON2ID, KdfParams, parse_header
from intervisie_tui.store.filekey import open_tables, read_data_file
from intervisie_tui.store.repository import META

if TYPE_CHECKING:
    from intervisie_tui.commands.options import CommandOptions


def describe_kdf(kdf: KdfParams) -> str:
    """The KDF settings in words."""
    if kdf.kdf_id == KDF_ARGON2ID:
        return _("Argon2id, {mib} MiB, {passes} passes, {lanes} lanes").format(
            mib=f"{kdf.a / 1024:g}", passes=kdf.b, lanes=kdf.c
        )
    return _("scrypt, N=2^{n}, r={r}, p={p}").format(n=kdf.a, r=kdf.b, p=kdf.c)


def _backup_advice(settings: CommandOptions) -> None:
    assert settings.file is not None
    found = list_backups(settings.file)
    if found:
        print(
            _("Backups: {n}, the newest from {when}. Restore one with: intervisie restore FILE --backup 1").format(
                n=len(found), when=f"{found[0].taken_at:%Y-%m-%d %H:%M}"
            )
        )
    else:
        print(_("Backups: none."))
    damaged = list_damaged(settings.file)
    if damaged:
        print(_("Damaged copies kept aside: {n}.").format(n=len(damaged)))


def run_check(settings: CommandOptions) -> int:
    """Check ``settings.file``; the exit code says what kind of problem was found."""
    path = settings.file
    assert path is not None
    refused = require_file(path)  # a folder or a device is told apart from a missing file
    if refused is not None:
        return refused
    try:
        data = read_data_file(path)
    except VaultError as error:
        print(_("Header: {problem}").format(problem=error.message()))
        return error.exit_code
    print(_("File: {path} ({size} bytes)").format(path=shown(path), size=len(data)))
    try:
        header = parse_header(data)
    except VaultError as error:
        print(_("Header: {problem}").format(problem=error.message()))
        _backup_advice(settings)
        return error.exit_code
    print(_("Header: in order (format {version}, {kdf}).").format(version=header.version, kdf=describe_kdf(header.kdf)))

    passphrase = settings.passphrases.reader().next(_("Passphrase: "))
    try:
        _key, tables, interrupted = open_tables(data, passphrase)
        records = sum(len(decode_table(raw)) for raw in tables.values())
        meta = decode_table(tables[META]).get("1", {}) if META in tables else {}
    except VaultError as error:
        print(_("Contents: {problem}").format(problem=error.message()))
        _backup_advice(settings)
        return error.exit_code
    except (ValueError, RecursionError):
        print(_("Contents: the decrypted contents are not valid."))
        _backup_advice(settings)
        return 4
    print(
        _("Contents: in order ({tables} tables, {records} records, schema {schema}).").format(
            tables=len(tables), records=records, schema=meta.get("schema", "?")
        )
    )
    if interrupted:
        print(
            _(
                "Interrupted save: {n} bytes after the last commit. The file opens in the state before that "
                "save; the next save removes them."
            ).format(n=interrupted)
        )
    _backup_advice(settings)
    return 0
