"""Key derivation and authenticated encryption for the file format.

master key  = Argon2id(NFC(passphrase), salt, params)   (scrypt where Argon2id is missing)
header key  = HKDF-SHA256(master, info="intervisie-tui/v1/header")
body key    = HKDF-SHA256(master, salt=seed, info="intervisie-tui/v1/body"), 32 bytes
body nonce  = the next 12 bytes of that HKDF output

The seed is 32 fresh random bytes on every save, so every save encrypts under a
fresh key and nonce: a nonce can never repeat under one key.

Format 2 (docs/FORMAT.md) derives, per file generation (seed):

frame key   = HKDF-SHA256(master, salt=seed, info="intervisie-tui/v2/frames"), 32 bytes
commit key  = HKDF-SHA256(master, salt=seed, info="intervisie-tui/v2/commit"), 32 bytes

and every frame carries its own random 12-byte nonce.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import time
import unicodedata

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from intervisie_tui import timings
from intervisie_tui.store.fileformat import (
    ARGON2ID_DEFAULT,
    KDF_ARGON2ID,
    KDF_SCRYPT,
    SCRYPT_DEFAULT,
    KdfParams,
)

SALT_LEN = 16
SEED_LEN = 32
KEY_LEN = 32
NONCE_LEN = 12
_HEADER_INFO = b"intervisie-tui/v1/header"
_BODY_INFO = b"intervisie-tui/v1/body"
_FRAMES_INFO = b"intervisie-tui/v2/frames"
_COMMIT_INFO = b"intervisie-tui/v2/commit"


def normalize_passphrase(passphrase: str) -> bytes:
    """NFC-normalise and encode, so "Zoë" typed as NFC or NFD opens the same file."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


@functools.cache
def argon2_available() -> bool:
    """Whether this build of ``cryptography``/OpenSSL provides Argon2id."""
    try:
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        Argon2id(salt=b"\0" * 8, length=32, iterations=1, lanes=1, memory_cost=8).derive(b"x")
    except (ImportError, UnsupportedAlgorithm):
        return False
    return True


def default_kdf() -> KdfParams:
    """The parameters new files get on this platform."""
    return ARGON2ID_DEFAULT if argon2_available() else SCRYPT_DEFAULT


def derive_master_key(passphrase: str, kdf: KdfParams, salt: bytes) -> bytes:
    """Run the (slow) KDF once. Call only after :meth:`KdfParams.check_bounds`.

    Its duration goes to the benchmark's timings file when one is named (``intervisie_tui/timings.py``).
    """
    started = time.monotonic()
    secret = normalize_passphrase(passphrase)
    if kdf.kdf_id == KDF_ARGON2ID:
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        key = Argon2id(salt=salt, length=KEY_LEN, iterations=kdf.b, lanes=kdf.c, memory_cost=kdf.a).derive(secret)
    elif kdf.kdf_id == KDF_SCRYPT:
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt  # older files only

        key = Scrypt(salt=salt, length=KEY_LEN, n=1 << kdf.a, r=kdf.b, p=kdf.c).derive(secret)
    else:
        raise ValueError(f"unknown kdf {kdf.kdf_id}")
    timings.note("kdf", started)
    return key


def _hkdf(master: bytes, length: int, salt: bytes | None, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(master)


def header_mac(master: bytes, fields: bytes) -> bytes:
    """HMAC-SHA256 of the header fields under the header key."""
    key = _hkdf(master, KEY_LEN, None, _HEADER_INFO)
    return hmac.new(key, fields, hashlib.sha256).digest()


def mac_matches(master: bytes, fields: bytes, mac: bytes) -> bool:
    """Constant-time check of the header MAC: False means a wrong passphrase."""
    return hmac.compare_digest(header_mac(master, fields), mac)


def _body_cipher(master: bytes, seed: bytes) -> tuple[AESGCM, bytes]:
    material = _hkdf(master, KEY_LEN + NONCE_LEN, seed, _BODY_INFO)
    return AESGCM(material[:KEY_LEN]), material[KEY_LEN:]


def encrypt_body(master: bytes, seed: bytes, header: bytes, body: bytes) -> bytes:
    """AES-256-GCM encrypt ``body`` with the whole header as associated data."""
    cipher, nonce = _body_cipher(master, seed)
    return cipher.encrypt(nonce, body, header)


def decrypt_body(master: bytes, seed: bytes, header: bytes, ciphertext: bytes | memoryview) -> bytes | None:
    """Decrypt and authenticate; ``None`` when any byte was changed."""
    cipher, nonce = _body_cipher(master, seed)
    try:
        return cipher.decrypt(nonce, ciphertext, header)
    except InvalidTag:
        return None


def frame_cipher(master: bytes, seed: bytes) -> AESGCM:
    """The AES-256-GCM cipher of a format-2 file's frames (one key per file generation)."""
    return AESGCM(_hkdf(master, KEY_LEN, seed, _FRAMES_INFO))


def commit_key(master: bytes, seed: bytes) -> bytes:
    """The HMAC key of a format-2 file's commit records."""
    return _hkdf(master, KEY_LEN, seed, _COMMIT_INFO)


def random_nonce() -> bytes:
    """A fresh random 96-bit nonce (one per frame; a file generation holds far fewer than 2^32)."""
    return os.urandom(NONCE_LEN)


def random_salt() -> bytes:
    """A fresh salt for a new file or a re-key."""
    return os.urandom(SALT_LEN)


def random_seed() -> bytes:
    """A fresh per-save seed."""
    return os.urandom(SEED_LEN)
