"""The header of an intervisie file (format versions 1, 2 and 3); see docs/FORMAT.md.

Version 1 is one encrypted body after the header; versions 2 and 3 are a log
of encrypted frames, laid out by ``logformat.py`` (3, the one the app writes,
keeps an intact commit in both commit slots).

This module only packs and checks bytes: it never derives keys or decrypts, so
every check here runs before the (deliberately slow) key derivation.
"""

from __future__ import annotations

import hashlib
import struct

from intervisie_tui.core.values import value_class
from intervisie_tui.i18n import N_
from intervisie_tui.store.errors import DamagedFile, UnsupportedFile

MAGIC = b"\x89IVT\r\n\x1a\n"
FORMAT_VERSION = 3  # what new files are written in
SUPPORTED_VERSIONS = (1, 2, 3)
HEADER_LEN = 148
TAG_LEN = 16
MAX_FILE_BYTES = 1 << 30  # 1 GiB: far beyond any group's history, small enough to read in memory

KDF_ARGON2ID = 1
KDF_SCRYPT = 2
CIPHER_AES256GCM = 1

# magic, version, header length, kdf id, cipher id, flags, 3 kdf parameters, salt, seed, body length
_FIELDS = struct.Struct(">8sHHBBHIII16s32sQ")
MAC_OFFSET = _FIELDS.size  # 84
CHECKSUM_OFFSET = MAC_OFFSET + 32  # 116
assert CHECKSUM_OFFSET + 32 == HEADER_LEN


@value_class
class KdfParams:
    """Key-derivation function and its cost parameters.

    For Argon2id: ``a`` memory in KiB, ``b`` iterations (passes), ``c`` lanes.
    For scrypt: ``a`` log2 of N, ``b`` block size r, ``c`` parallelism p.
    """

    kdf_id: int
    a: int
    b: int
    c: int

    def check_bounds(self) -> None:
        """Refuse parameters that could stall or exhaust the machine (before any KDF runs)."""
        if self.kdf_id == KDF_ARGON2ID:
            memory_kib, passes, lanes = self.a, self.b, self.c
            ok = (
                1 <= lanes <= 8
                and 8 * lanes <= memory_kib <= 256 * 1024
                and 1 <= passes <= 10
                and memory_kib * passes <= 768 * 1024
            )
        elif self.kdf_id == KDF_SCRYPT:
            log2_n, r, p = self.a, self.b, self.c
            ok = 10 <= log2_n <= 18 and 1 <= r <= 16 and 1 <= p <= 4 and 128 * r * (1 << log2_n) <= 256 << 20
        else:
            raise UnsupportedFile(N_("the key derivation settings are outside the safe range"), f"kdf {self.kdf_id}")
        if not ok:
            raise UnsupportedFile(N_("the key derivation settings are outside the safe range"))


# RFC 9106, section 4, second recommended option: Argon2id, t=3, p=4, m=64 MiB.
ARGON2ID_DEFAULT = KdfParams(KDF_ARGON2ID, 64 * 1024, 3, 4)
# OWASP password storage cheat sheet: scrypt N=2^17, r=8, p=1 (used only where Argon2id is missing).
SCRYPT_DEFAULT = KdfParams(KDF_SCRYPT, 17, 8, 1)
# Test-only: cheap enough for thousands of unlocks. Tests pass it explicitly; the app never does.
ARGON2ID_FAST_FOR_TESTS = KdfParams(KDF_ARGON2ID, 64, 1, 1)


@value_class
class Header:
    """The parsed, checksum-verified header of a file."""

    kdf: KdfParams
    salt: bytes
    seed: bytes
    body_len: int
    raw: bytes  # all HEADER_LEN bytes: the associated data of the body
    version: int = 1

    @property
    def mac(self) -> bytes:
        """The header's keyed MAC (proves the passphrase)."""
        return self.raw[MAC_OFFSET:CHECKSUM_OFFSET]


def pack_fields(kdf: KdfParams, salt: bytes, seed: bytes, body_len: int, version: int = 1) -> bytes:
    """The first 84 bytes of a header: everything the MAC covers."""
    return _FIELDS.pack(
        MAGIC,
        version,
        HEADER_LEN,
        kdf.kdf_id,
        CIPHER_AES256GCM,
        0,
        kdf.a,
        kdf.b,
        kdf.c,
        salt,
        seed,
        body_len,
    )


def finish_header(fields: bytes, mac: bytes) -> bytes:
    """Append the MAC and the unkeyed checksum to the packed fields."""
    head = fields + mac
    return head + hashlib.sha256(head).digest()


def _checksum_ok(head116: bytes, checksum: bytes) -> bool:
    return hashlib.sha256(head116).digest() == checksum


def _looks_like_json(data: bytes) -> bool:
    return data.lstrip()[:1] in (b"{", b"[")


def parse_header(data: bytes, size: int | None = None) -> Header:
    """Check everything that can be checked without the passphrase.

    ``data`` is the whole file, or (with ``size``, the file's length) at least
    its first bytes. Raises :class:`UnsupportedFile` for files that are not ours
    or too new, and :class:`DamagedFile` for ours with changed bytes. Never runs
    a KDF.
    """
    size = len(data) if size is None else size
    if not data:
        raise DamagedFile(N_("the file is empty"))
    if size > MAX_FILE_BYTES:
        raise UnsupportedFile(N_("the file is too large"))
    if len(data) < len(MAGIC):
        if MAGIC.startswith(data):
            raise DamagedFile(N_("the file is too short to be an intervisie file"), f"{len(data)} bytes")
        if _looks_like_json(data):
            raise UnsupportedFile(N_("this looks like an unencrypted TinyDB or JSON file"))
        raise UnsupportedFile(N_("the file is not an intervisie file"))
    if data[: len(MAGIC)] != MAGIC:
        if len(data) >= HEADER_LEN and _checksum_ok(MAGIC + data[8:CHECKSUM_OFFSET], data[CHECKSUM_OFFSET:HEADER_LEN]):
            raise DamagedFile(N_("the header checksum does not match"), "bytes 0-7")
        if _looks_like_json(data):
            raise UnsupportedFile(N_("this looks like an unencrypted TinyDB or JSON file"))
        raise UnsupportedFile(N_("the file is not an intervisie file"))
    if len(data) < HEADER_LEN:
        raise DamagedFile(N_("the file is too short to be an intervisie file"), f"{len(data)} bytes")

    version = struct.unpack_from(">H", data, 8)[0]
    head, checksum = data[:CHECKSUM_OFFSET], data[CHECKSUM_OFFSET:HEADER_LEN]
    if version not in SUPPORTED_VERSIONS or not _checksum_ok(head, checksum):
        # A version field damaged into another number (known or not) is named as such when the
        # checksum matches the rest of the header with a known version.
        for known in SUPPORTED_VERSIONS:
            if known != version and _checksum_ok(head[:8] + struct.pack(">H", known) + head[10:], checksum):
                raise DamagedFile(N_("the version field is damaged"))
        if version > FORMAT_VERSION:
            raise UnsupportedFile(N_("it was written by a newer version of intervisie"), f"format {version}")
        raise DamagedFile(N_("the header checksum does not match"))

    (_, _, header_len, kdf_id, cipher_id, flags, a, b, c, salt, seed, body_len) = _FIELDS.unpack_from(data)
    if header_len != HEADER_LEN or cipher_id != CIPHER_AES256GCM or flags != 0:
        raise UnsupportedFile(N_("it was written by a newer version of intervisie"), "header")
    kdf = KdfParams(kdf_id, a, b, c)
    kdf.check_bounds()
    header = Header(kdf=kdf, salt=salt, seed=seed, body_len=body_len, raw=bytes(data[:HEADER_LEN]), version=version)
    if version >= 2:
        if body_len != 0:
            raise UnsupportedFile(N_("it was written by a newer version of intervisie"), "header")
        return header  # logformat.py checks the length against the last commit
    expected = HEADER_LEN + body_len
    if body_len < TAG_LEN or size < expected:
        raise DamagedFile(N_("the file is shorter than its header says"), f"{size} of {expected} bytes")
    if size > expected:
        raise DamagedFile(N_("there are extra bytes after the end of the file"), f"{size - expected} bytes")
    return header
