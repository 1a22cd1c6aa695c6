"""Where a plaintext export may go, and writing it there.

An export is the only plaintext the app ever writes, so its path is checked
before a byte is written: the file name must be safe on every platform the
file may travel to (Windows device names, forbidden characters, bidi tricks),
the target must not be a folder, a symbolic link, or the encrypted file with
its backups, lock and owner files. A target inside a folder that a cloud
service synchronises is not refused but reported, so the user can be warned
that the file would leave the machine.

:func:`write_plain_export` writes atomically through :mod:`store.atomic`
(owner-only temp file in the same folder, fsync, ``os.replace``), so a failed
export leaves neither a half-written file nor a temp file behind.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from intervisie_tui.core.sanitize import display_line
from intervisie_tui.core.values import value_class
from intervisie_tui.i18n import N_, _
from intervisie_tui.store.atomic import atomic_write
from intervisie_tui.store.errors import VaultError

NAME_MAX = 200
# The temp file is ".<name>.<12 hex>.tmp"; most file systems allow 255 bytes per name.
_NAME_MAX_BYTES = 255 - len(".." + "0" * 12 + ".tmp")

_WINDOWS_FORBIDDEN = frozenset('<>:"|?*')
_SEPARATORS = frozenset("/\\")
_BIDI = frozenset({0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)})
_ZERO_WIDTH = frozenset({0x180E, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF})
_DEVICE_DIGITS = "0123456789\u00b9\u00b2\u00b3"
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$"}
    | {f"{port}{digit}" for port in ("com", "lpt") for digit in _DEVICE_DIGITS}
)

_CASE_BLIND_PLATFORMS = ("win32", "darwin", "cygwin")

Problem = tuple[str, Mapping[str, object]]
"""An English msgid (marked with ``N_``) and the values for its placeholders."""


def _shown(values: Mapping[str, object]) -> dict[str, str]:
    """Placeholder values (paths, names) as they may be shown: never an escape sequence or a line break."""
    return {name: display_line(str(value)) for name, value in values.items()}


class ExportRefused(VaultError):
    """An export cannot be written to this path; nothing was written."""

    exit_code = 2

    def __init__(self, reason: str, **values: object) -> None:
        super().__init__(reason, values)
        self.reason = reason
        self.values = dict(values)

    def message(self) -> str:
        """The reason in the current language."""
        return _(self.reason).format(**_shown(self.values))


@value_class
class ExportCheck:
    """The verdict on an export path.

    ``refused`` is why the path cannot be used (in the current language), or
    None. ``synced`` names the sync service whose folder holds the target, or
    None. An existing file is neither: the dialog asks before overwriting.
    """

    refused: str | None = None
    synced: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the path may be written (perhaps after a warning)."""
        return self.refused is None


def _problem(msgid: str, **values: object) -> Problem:
    return msgid, values


def _char_label(char: str) -> str:
    return f"U+{ord(char):04X}"


def _name_problem(name: str) -> Problem | None:
    """Why ``name`` is not a safe file name, as a msgid with its values."""
    if not name:
        return _problem(N_("The file needs a name."))
    if name in (".", ".."):
        return _problem(N_('"." and ".." are not file names.'))
    if any(char in _SEPARATORS for char in name):
        return _problem(N_("The name contains a folder separator (/ or \\); give the folder in the path instead."))
    for char in name:
        code = ord(char)
        if code < 0x20 or 0x7F <= code < 0xA0:
            return _problem(N_("The name contains an invisible control character ({char})."), char=_char_label(char))
        if code in _BIDI or code in _ZERO_WIDTH:
            return _problem(
                N_("The name contains an invisible direction or zero-width character ({char})."), char=_char_label(char)
            )
        if 0xD800 <= code <= 0xDFFF:
            return _problem(N_("The name contains an invalid character ({char})."), char=_char_label(char))
        if char in _WINDOWS_FORBIDDEN:
            return _problem(
                N_("The name contains the character {char}, which Windows does not allow in file names."), char=char
            )
    if len(name) > NAME_MAX or len(name.encode("utf-8")) > _NAME_MAX_BYTES:
        return _problem(N_("The name is too long: at most {limit} characters."), limit=NAME_MAX)
    if name.startswith("-"):
        return _problem(N_('The name starts with "-", which scripts would read as an option.'))
    if name[-1] in ". ":
        return _problem(N_("The name ends with a dot or a space, which Windows does not allow."))
    # Windows maps "NUL", "nul.md" and "Com1 .csv" alike to a device: compare the part before the first dot.
    device = name.split(".", 1)[0].rstrip(" ").casefold()
    if device in _RESERVED:
        return _problem(N_("{name} is the name of a device on Windows; choose another name."), name=name)
    return None


def unsafe_name_reason(name: str) -> str | None:
    """Why the file name ``name`` is refused (in the current language), or None when it is safe.

    Refused everywhere, wherever the app runs, because the file may travel:
    empty, "." and "..", folder separators, control characters (C0, DEL, C1),
    bidi and zero-width characters, characters Windows forbids, a trailing dot
    or space, Windows device names (also with an extension), a leading "-", and
    names over :data:`NAME_MAX` characters.
    """
    problem = _name_problem(name)
    return None if problem is None else _(problem[0]).format(**_shown(problem[1]))


NAME_PART_MAX = 40
"""Characters; 4 bytes each at most, so a suggested name stays well inside 255 bytes."""


def name_part(text: str) -> str:
    """``text`` (a person's name) as a part of a suggested file name: "Anouk de Vries" -> "Anouk-de-Vries".

    Letters, digits and "_" stay (any script, NFC); every run of anything else (spaces, separators,
    characters Windows forbids, control, bidi and zero-width characters) becomes one "-", never at
    either end. At most :data:`NAME_PART_MAX` characters; "" when nothing is left. Placed between
    other parts ("uren-…-2026-12-31.md") it always passes :func:`unsafe_name_reason`.
    """
    words = "".join(char if char.isalnum() or char == "_" else " " for char in unicodedata.normalize("NFC", text))
    part = "-".join(words.split())
    return part[:NAME_PART_MAX].rstrip("-")


# (service, exact folder names, folder name prefixes, marker names, marker prefix/suffix pairs); all casefolded.
_SERVICES: tuple[tuple[str, frozenset[str], tuple[str, ...], frozenset[str], tuple[tuple[str, str], ...]], ...] = (
    ("OneDrive", frozenset(), ("onedrive",), frozenset(), ()),
    ("Dropbox", frozenset({"dropbox"}), ("dropbox (", "dropbox-"), frozenset({".dropbox"}), ()),
    ("Google Drive", frozenset({"google drive", "googledrive", "my drive"}), ("googledrive-",), frozenset(), ()),
    ("iCloud", frozenset({"icloud drive", "mobile documents", "iclouddrive"}), (), frozenset(), ()),
    (
        "Nextcloud",
        frozenset({"nextcloud", "owncloud"}),
        (),
        frozenset({".owncloudsync.log"}),
        ((".sync_", ".db"), ("._sync_", ".db")),
    ),
    ("Syncthing", frozenset(), (), frozenset({".stfolder"}), ()),
    ("pCloud", frozenset({"pclouddrive", "pcloud drive"}), (), frozenset(), ()),
    ("Box", frozenset({"box", "box sync"}), ("box-",), frozenset(), ()),
)


def _service_of_component(component: str) -> str | None:
    folded = component.casefold()
    for service, exact, prefixes, _markers, _patterns in _SERVICES:
        if folded in exact or folded.startswith(prefixes):
            return service
    return None


def _service_of_marker(entry: str) -> str | None:
    folded = entry.casefold()
    for service, _exact, _prefixes, markers, patterns in _SERVICES:
        if folded in markers or any(folded.startswith(head) and folded.endswith(tail) for head, tail in patterns):
            return service
    return None


def _marker_service(folder: Path) -> str | None:
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                service = _service_of_marker(entry.name)
                if service:
                    return service
    except OSError:  # an unreadable or missing folder holds no marker we can see
        return None
    return None


def synced_service(folder: Path, home: Path) -> str | None:
    """The sync service whose folder contains ``folder`` (an absolute path), or None.

    Folder names count only below ``home`` when ``folder`` is inside it (a
    user account called "Box" is not a Box folder); marker files count in
    ``folder`` and every folder above it.
    """
    parts = folder.parts
    try:
        below_home = folder.relative_to(home).parts
    except ValueError:
        below_home = parts[1:]  # skip the root or drive
    for component in below_home:
        service = _service_of_component(component)
        if service:
            return service
    for candidate in (folder, *folder.parents):
        service = _marker_service(candidate)
        if service:
            return service
    return None


def _expand(path: Path, home: Path) -> Path:
    text = str(path)
    if text == "~" or text.startswith(("~/", "~\\")):
        path = home / text[2:]
    return path if path.is_absolute() else Path.cwd() / path


def _compare_key(path: Path, case_blind: bool) -> str:
    text = str(path.resolve(strict=False))
    return unicodedata.normalize("NFC", text).casefold() if case_blind else text


def _same_file(one: Path, other: Path) -> bool:
    """Whether two existing paths are one file (a hard link, or another spelling)."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _path_problem(path: Path, protected: Iterable[Path], platform: str) -> Problem | None:
    problem = _name_problem(path.name)
    if problem:
        return problem
    if os.path.islink(path):
        return _problem(N_("{path} is a symbolic link; choose a plain file."), path=path)
    if path.is_dir():
        return _problem(N_("{path} is a folder; add a file name."), path=path)
    if not path.parent.is_dir():
        return _problem(N_("The folder {folder} does not exist."), folder=path.parent)
    case_blind = platform.startswith(_CASE_BLIND_PLATFORMS)
    target_key = _compare_key(path, case_blind)
    target_folder, _sep, target_name = target_key.rpartition(os.sep)
    for kept in protected:
        kept_key = _compare_key(kept, case_blind)
        if target_key == kept_key or _same_file(path, kept):
            return _problem(N_("{path} is the encrypted file or one of its own files; choose another name."), path=path)
        # Backup rotation and temp clean-up beside the encrypted file may delete such names later.
        kept_folder, _sep, kept_name = kept_key.rpartition(os.sep)
        if target_folder == kept_folder and target_name.startswith((kept_name + ".", "." + kept_name + ".")):
            return _problem(
                N_("{path} is a name kept for the backups of the encrypted file; choose another."), path=path
            )
    return None


def check_export_path(
    path: Path,
    *,
    protected: Iterable[Path] = (),
    home: Path | None = None,
    platform: str | None = None,
) -> ExportCheck:
    """Check ``path`` as the target of a plaintext export.

    Refused: an unsafe name (:func:`unsafe_name_reason`), a symbolic link, an
    existing folder, a missing parent folder, and any of ``protected`` (the
    encrypted file, its backups, lock and owner files; compared after
    resolving links, and ignoring case on Windows and macOS) or a name beside
    one of them that starts like their backups. An existing file is not
    refused. ``synced`` names the service when the target folder is synced.
    A leading "~" means ``home`` (default: the user's home folder);
    ``platform`` defaults to ``sys.platform``.
    """
    home = home if home is not None else Path.home()
    platform = platform if platform is not None else sys.platform
    target = _expand(Path(path), home)
    problem = _path_problem(target, tuple(protected), platform)
    refused = None if problem is None else _(problem[0]).format(**_shown(problem[1]))
    return ExportCheck(refused=refused, synced=synced_service(target.parent, home))


def write_plain_export(path: Path, text: str, *, overwrite: bool = False, protected: Iterable[Path] = ()) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically, owner-only (0600) where the OS has modes.

    Raises :class:`ExportRefused` before writing anything when
    :func:`check_export_path` refuses ``path`` (``protected`` is passed on),
    when it is a symbolic link, or when it exists and ``overwrite`` is False.
    An ``OSError`` while writing leaves ``path`` as it was and no temp file.
    The window between the existence check and the replace is not closed: a
    file created there by another program would be overwritten.
    """
    target = _expand(Path(path), Path.home())
    problem = _path_problem(target, tuple(protected), sys.platform)
    if problem:
        raise ExportRefused(problem[0], **problem[1])
    if os.path.lexists(target) and not overwrite:
        raise ExportRefused(N_("{path} already exists; nothing was written."), path=target)
    data = text.encode("utf-8")  # before the temp file exists: a lone surrogate fails here
    atomic_write(target, [data])


def files_of(data_file: Path) -> list[Path]:
    """The encrypted file and the files beside it named after it (backups, lock, owner, temps).

    Compared by name, not with glob(): a user's file name may contain pattern characters such as "[".
    """
    prefix = data_file.name + "."
    try:
        beside = [path for path in data_file.parent.iterdir() if path.name.startswith(prefix)]
    except OSError:
        beside = []
    return [data_file, *sorted(beside)]
