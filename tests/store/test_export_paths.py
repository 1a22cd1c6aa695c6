"""Plaintext export paths: unsafe names, protected files, synced folders, and the atomic write."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intervisie_tui import i18n
from intervisie_tui.store.errors import VaultError
from intervisie_tui.store.export_paths import (
    NAME_MAX,
    ExportRefused,
    check_export_path,
    name_part,
    unsafe_name_reason,
    write_plain_export,
)

DIGITS = "0123456789¹²³"
DEVICES = ["CON", "PRN", "AUX", "NUL", *(f"COM{d}" for d in DIGITS), *(f"LPT{d}" for d in DIGITS)]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def check(path: Path, home: Path, **kwargs):
    return check_export_path(path, home=home, **kwargs)


# Names ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("spell", [str, str.lower, str.title])
@pytest.mark.parametrize("suffix", ["", ".md", ".csv", ".tar.gz", " .txt"])
def test_windows_device_names_are_refused(device: str, spell, suffix: str) -> None:
    assert unsafe_name_reason(spell(device) + suffix) is not None


@pytest.mark.parametrize("name", ["nul.md", "Com1.csv", "lpt¹.txt", "conin$", "CONOUT$.log"])
def test_device_name_examples(name: str) -> None:
    i18n.set_language("en")
    assert "device" in unsafe_name_reason(name)


@pytest.mark.parametrize("name", ["console.md", "nullen.md", "com10.md", "auxiliary", "lpt.md", "my-con.md", "com.md"])
def test_names_that_only_look_like_devices_are_fine(name: str) -> None:
    assert unsafe_name_reason(name) is None


@pytest.mark.parametrize("char", list('<>:"|?*'))
def test_characters_windows_forbids(char: str) -> None:
    i18n.set_language("en")
    reason = unsafe_name_reason(f"verslag{char}2026.md")
    assert reason is not None and "Windows" in reason and char in reason


@pytest.mark.parametrize("name", ["../x.md", "..\\x.md", "a/b.md", "a\\b.md", "/etc/passwd", "C:\\x.md", "x/"])
def test_traversal_and_separators_in_a_name(name: str) -> None:
    assert unsafe_name_reason(name) is not None


@pytest.mark.parametrize("name", ["", ".", ".."])
def test_empty_and_dot_names(name: str) -> None:
    assert unsafe_name_reason(name) is not None


@pytest.mark.parametrize("code", [*range(0x20), 0x7F, *range(0x80, 0xA0)])
def test_control_characters(code: int) -> None:
    assert unsafe_name_reason(f"a{chr(code)}b.md") is not None


@pytest.mark.parametrize(
    "code",
    [
        0x061C,
        0x200E,
        0x200F,
        0x202A,
        0x202B,
        0x202C,
        0x202D,
        0x202E,
        0x2066,
        0x2067,
        0x2068,
        0x2069,
        0x200B,
        0x200C,
        0x200D,
        0x2060,
        0xFEFF,
    ],
)
def test_bidi_and_zero_width_characters(code: int) -> None:
    i18n.set_language("en")
    reason = unsafe_name_reason(f"verslag{chr(code)}dm.exe")
    assert reason is not None and f"U+{code:04X}" in reason


def test_lone_surrogate() -> None:
    assert unsafe_name_reason("a\udc80.md") is not None


@pytest.mark.parametrize("name", ["verslag.", "verslag ", "verslag.md.", "verslag.md  "])
def test_trailing_dot_or_space(name: str) -> None:
    assert unsafe_name_reason(name) is not None


def test_length_limit() -> None:
    assert unsafe_name_reason("a" * (NAME_MAX - 3) + ".md") is None
    assert unsafe_name_reason("a" * (NAME_MAX - 2) + ".md") is not None


def test_many_bytes_in_few_characters() -> None:
    """200 characters of a four-byte script would not fit a file system's 255 bytes per name."""
    assert unsafe_name_reason("😀" * 70 + ".md") is not None


def test_leading_dash() -> None:
    assert unsafe_name_reason("-rf.md") is not None
    assert unsafe_name_reason("a-b.md") is None


@pytest.mark.parametrize(
    "name",
    [
        "verslag.md",
        "Zoë's notities 2026-11-22.md",
        ".verborgen.md",
        "a",
        "重要.csv",
        "naam met spaties.md",
        "[markup].md",
        "emoji 🙂.md",
    ],
)
def test_ordinary_names_pass(name: str) -> None:
    assert unsafe_name_reason(name) is None


def test_reason_is_in_the_current_language() -> None:
    i18n.set_language("en")
    assert unsafe_name_reason("") == "The file needs a name."


# Paths --------------------------------------------------------------------------------------------


def test_a_new_file_in_an_existing_folder_is_fine(home: Path) -> None:
    result = check(home / "verslag.md", home)
    assert result.refused is None and result.synced is None and result.ok


def test_an_existing_file_is_not_refused(home: Path) -> None:
    (home / "verslag.md").write_text("oud")
    assert check(home / "verslag.md", home).refused is None


def test_unsafe_name_in_a_path(home: Path) -> None:
    assert check(home / "nul.md", home).refused is not None
    assert check(home / "a:b.md", home).refused is not None


def test_parent_reference_as_name_is_refused(home: Path) -> None:
    assert check(home / "sub" / "..", home).refused is not None


def test_existing_directory(home: Path) -> None:
    (home / "map").mkdir()
    assert check(home / "map", home).refused is not None


def test_missing_parent_folder(home: Path) -> None:
    i18n.set_language("en")
    reason = check(home / "nergens" / "x.md", home).refused
    assert reason is not None and "does not exist" in reason


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="symlinks")
def test_symlink_target_is_refused(home: Path) -> None:
    real = home / "echt.md"
    real.write_text("x")
    link = home / "link.md"
    link.symlink_to(real)
    assert check(link, home).refused is not None
    dangling = home / "weg.md"
    dangling.symlink_to(home / "bestaat-niet.md")
    assert check(dangling, home).refused is not None


def test_tilde_means_home(home: Path) -> None:
    assert check(Path("~/verslag.md"), home).refused is None
    assert check(Path("~/nergens/verslag.md"), home).refused is not None


# Protected files --------------------------------------------------------------------------------------


@pytest.fixture
def vault_files(home: Path) -> list[Path]:
    data = home / "data"
    data.mkdir()
    files = [
        data / "groep.ivt",
        data / "groep.ivt.lock",
        data / "groep.ivt.owner",
        data / "groep.ivt.backup-20261122T140500000000",
    ]
    for file in files:
        file.write_bytes(b"versleuteld")
    return files


@pytest.mark.parametrize("index", range(4))
def test_protected_files_are_refused(home: Path, vault_files: list[Path], index: int) -> None:
    assert check(vault_files[index], home, protected=vault_files).refused is not None


def test_protected_file_by_another_spelling(home: Path, vault_files: list[Path]) -> None:
    spelled = home / "data" / ".." / "data" / "groep.ivt"
    assert check(spelled, home, protected=vault_files).refused is not None


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_protected_file_through_a_linked_folder(home: Path, vault_files: list[Path]) -> None:
    (home / "alias").symlink_to(home / "data", target_is_directory=True)
    assert check(home / "alias" / "groep.ivt", home, protected=vault_files).refused is not None


def test_protected_file_through_a_hard_link(home: Path, vault_files: list[Path]) -> None:
    os.link(vault_files[0], home / "harde-link.ivt")
    assert check(home / "harde-link.ivt", home, protected=vault_files).refused is not None


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_protected_file_ignoring_case_on_case_blind_platforms(
    home: Path, vault_files: list[Path], platform: str
) -> None:
    upper = home / "DATA" / "Groep.IVT"
    (home / "DATA").mkdir(exist_ok=True)  # on this (case-sensitive) disk the folder must exist to get that far
    assert check(upper, home, protected=vault_files, platform=platform).refused is not None


def test_case_counts_on_linux(home: Path, vault_files: list[Path]) -> None:
    (home / "DATA").mkdir()
    assert check(home / "DATA" / "Groep.IVT", home, protected=vault_files, platform="linux").refused is None


def test_names_kept_for_backups_are_refused(home: Path, vault_files: list[Path]) -> None:
    data = home / "data"
    assert check(data / "groep.ivt.backup-nieuw.md", home, protected=vault_files).refused is not None
    assert check(data / ".groep.ivt.abc.tmp", home, protected=vault_files).refused is not None
    assert check(data / "groep-export.md", home, protected=vault_files).refused is None
    assert check(home / "groep.ivt.md", home, protected=vault_files).refused is None
    (home / "data" / "sub").mkdir()
    assert check(home / "data" / "sub" / "groep.ivt.md", home, protected=vault_files).refused is None


# Synced folders ---------------------------------------------------------------------------------------

COMPONENTS = [
    ("OneDrive", "OneDrive"),
    ("OneDrive", "OneDrive - Zorggroep Noord"),
    ("OneDrive", "OneDrive-Personal"),
    ("Dropbox", "Dropbox"),
    ("Dropbox", "Dropbox (Praktijk)"),
    ("Google Drive", "Google Drive"),
    ("Google Drive", "GoogleDrive"),
    ("Google Drive", "My Drive"),
    ("Google Drive", "GoogleDrive-iemand@example.org"),
    ("iCloud", "iCloud Drive"),
    ("iCloud", "Mobile Documents"),
    ("iCloud", "iCloudDrive"),
    ("Nextcloud", "Nextcloud"),
    ("Nextcloud", "ownCloud"),
    ("pCloud", "pCloudDrive"),
    ("Box", "Box"),
    ("Box", "Box Sync"),
]


@pytest.mark.parametrize(("service", "component"), COMPONENTS)
def test_sync_service_by_folder_name(home: Path, service: str, component: str) -> None:
    folder = home / component / "intervisie"
    folder.mkdir(parents=True)
    result = check(folder / "verslag.md", home)
    assert result.synced == service and result.refused is None


def test_sync_folder_names_ignore_case(home: Path) -> None:
    (home / "dropbox").mkdir()
    assert check(home / "dropbox" / "x.md", home).synced == "Dropbox"


MARKERS = [
    ("Dropbox", ".dropbox"),
    ("Nextcloud", ".sync_a1b2c3d4.db"),
    ("Nextcloud", "._sync_a1b2c3d4.db"),
    ("Nextcloud", ".owncloudsync.log"),
    ("Syncthing", ".stfolder"),
]


@pytest.mark.parametrize(("service", "marker"), MARKERS)
@pytest.mark.parametrize("depth", [0, 2])
def test_sync_service_by_marker(home: Path, service: str, marker: str, depth: int) -> None:
    root = home / "gedeeld"
    folder = root.joinpath(*["sub"] * depth)
    folder.mkdir(parents=True)
    if marker == ".stfolder":
        (root / marker).mkdir()
    else:
        (root / marker).write_bytes(b"")
    assert check(folder / "verslag.md", home).synced == service


def test_marker_in_a_sibling_folder_does_not_count(home: Path) -> None:
    (home / "a").mkdir()
    (home / "b").mkdir()
    (home / "b" / ".stfolder").mkdir()
    assert check(home / "a" / "x.md", home).synced is None


def test_account_name_above_home_does_not_count(tmp_path: Path) -> None:
    """A user called "Box" or "Dropbox" does not make their whole home folder a synced one."""
    home = tmp_path / "Users" / "Box"
    home.mkdir(parents=True)
    assert check(home / "x.md", home).synced is None
    assert check(home / "Box" / "x.md", home).synced == "Box"


def test_synced_path_outside_home(tmp_path: Path, home: Path) -> None:
    folder = tmp_path / "mnt" / "OneDrive - Werk"
    folder.mkdir(parents=True)
    assert check(folder / "x.md", home).synced == "OneDrive"


def test_similar_names_are_not_sync_folders(home: Path) -> None:
    for name in ("Boxes", "Toolbox", "Nextclouds-archief", "Drive", "iCloud-foto's"):
        (home / name).mkdir()
        assert check(home / name / "x.md", home).synced is None, name


# Writing ---------------------------------------------------------------------------------------------


def test_write_creates_utf8_file(home: Path) -> None:
    target = home / "verslag.md"
    write_plain_export(target, "Zoë — notities\n")
    assert target.read_bytes() == "Zoë — notities\n".encode()
    assert os.listdir(home) == ["verslag.md"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_written_file_is_owner_only(home: Path) -> None:
    target = home / "verslag.md"
    write_plain_export(target, "x")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_overwritten_file_becomes_owner_only(home: Path) -> None:
    target = home / "verslag.md"
    target.write_text("oud")
    target.chmod(0o644)
    write_plain_export(target, "nieuw", overwrite=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.read_text() == "nieuw"


def test_no_overwrite_without_the_flag(home: Path) -> None:
    target = home / "verslag.md"
    target.write_text("oud")
    with pytest.raises(ExportRefused) as caught:
        write_plain_export(target, "nieuw")
    assert target.read_text() == "oud"
    assert isinstance(caught.value, VaultError)
    i18n.set_language("en")
    assert "already exists" in caught.value.message()


def test_overwrite_with_the_flag(home: Path) -> None:
    target = home / "verslag.md"
    target.write_text("oud")
    write_plain_export(target, "nieuw", overwrite=True)
    assert target.read_text() == "nieuw"


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
@pytest.mark.parametrize("overwrite", [False, True])
def test_write_refuses_a_symlink(home: Path, overwrite: bool) -> None:
    elsewhere = home / "elders.txt"
    elsewhere.write_text("niet aanraken")
    link = home / "verslag.md"
    link.symlink_to(elsewhere)
    with pytest.raises(ExportRefused):
        write_plain_export(link, "geheim", overwrite=overwrite)
    assert elsewhere.read_text() == "niet aanraken" and link.is_symlink()


@pytest.mark.parametrize("name", ["nul.md", "a:b.md", "-x.md", "x."])
def test_write_refuses_unsafe_names(home: Path, name: str) -> None:
    with pytest.raises(ExportRefused):
        write_plain_export(home / name, "geheim")
    assert os.listdir(home) == []


def test_write_refuses_protected_files(home: Path, vault_files: list[Path]) -> None:
    with pytest.raises(ExportRefused):
        write_plain_export(vault_files[0], "geheim", overwrite=True, protected=vault_files)
    assert vault_files[0].read_bytes() == b"versleuteld"


def test_write_refuses_a_missing_folder(home: Path) -> None:
    with pytest.raises(ExportRefused):
        write_plain_export(home / "nergens" / "x.md", "geheim")


@pytest.mark.parametrize("overwrite", [False, True])
def test_failed_replace_leaves_no_temp_file(home: Path, monkeypatch: pytest.MonkeyPatch, overwrite: bool) -> None:
    target = home / "verslag.md"
    if overwrite:
        target.write_text("oud")

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_plain_export(target, "geheim", overwrite=overwrite)
    assert os.listdir(home) == (["verslag.md"] if overwrite else [])
    if overwrite:
        assert target.read_text() == "oud"


def test_failed_write_leaves_no_temp_file(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise OSError(5, "I/O error")

    monkeypatch.setattr(os, "fsync", refuse)
    with pytest.raises(OSError):
        write_plain_export(home / "verslag.md", "geheim")
    assert os.listdir(home) == []


def test_unencodable_text_writes_nothing(home: Path) -> None:
    with pytest.raises(UnicodeEncodeError):
        write_plain_export(home / "verslag.md", "a\udc80")
    assert os.listdir(home) == []


def test_the_files_of_a_data_file_are_found_by_name_even_with_pattern_characters(tmp_path: Path) -> None:
    from intervisie_tui.store.export_paths import files_of

    data = tmp_path / "groep [oud].ivt"
    for name in (
        "groep [oud].ivt",
        "groep [oud].ivt.lock",
        "groep [oud].ivt.backup-1",
        "groep o.ivt.lock",
        "ander.ivt",
    ):
        (tmp_path / name).write_bytes(b"x")
    assert [path.name for path in files_of(data)] == [
        "groep [oud].ivt",
        "groep [oud].ivt.backup-1",
        "groep [oud].ivt.lock",
    ]


# A person's name in a file name ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anouk de Vries", "Anouk-de-Vries"),
        ("Mehmet Yılmaz", "Mehmet-Yılmaz"),
        ("  Ann/Bob\\Cas  ", "Ann-Bob-Cas"),
        ('a<b>c:d"e|f?g*h', "a-b-c-d-e-f-g-h"),
        ("-rm -rf .", "rm-rf"),
        ("Jan-Willem O'Brien", "Jan-Willem-O-Brien"),
        ("\u202eevil\u200b\x1b[31m", "evil-31m"),
        ("", ""),
        ("...", ""),
        ("\U00020000" * 100, "\U00020000" * 40),  # four bytes each: the name stays under 255 bytes
    ],
)
def test_a_name_becomes_a_safe_part_of_a_file_name(text: str, expected: str) -> None:
    """Separators, forbidden, control and invisible characters become one "-"; none at either end."""
    assert name_part(text) == expected


@given(st.text(max_size=300))
def test_every_name_part_makes_a_safe_file_name(text: str) -> None:
    """Whatever a member is called, the suggested file name passes the export checks."""
    part = name_part(text)
    assert len(part) <= 40
    assert unsafe_name_reason(f"uren-{part}-2026-12-31.md") is None


def test_a_long_name_in_a_long_script_still_fits() -> None:
    """40 characters of four bytes each, between the other parts, is a name the checks accept."""
    assert unsafe_name_reason(f"verklaring-uren-{name_part(chr(0x20000) * 100)}-2026-12-31.html") is None
