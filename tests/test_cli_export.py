"""``intervisie export minutes|attendance|hours FILE --out PATH``: the exports for organisations that collect them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE

TEAM = "Jeugdbescherming Team Oost"

# The Dutch environment, cli, secret and made are shared fixtures (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("dutch_environment")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def test_an_attendance_list_as_markdown_and_as_csv(cli, secret, made: Path, out: Path) -> None:
    key = secret(PASSPHRASE)
    code, said = cli(
        "export",
        "attendance",
        made,
        "--group",
        TEAM,
        "--meeting",
        "2026-09-13",
        "--out",
        out / "lijst.md",
        "--passphrase-file",
        key,
    )
    assert code == 0, said
    assert "NIET versleuteld" in said
    text = (out / "lijst.md").read_text(encoding="utf-8")
    assert text.startswith("# Presentielijst") and "Handtekening" in text and "Marieke Jansen" in text
    code, said = cli(
        "export",
        "attendance",
        made,
        "--group",
        TEAM,
        "--meeting",
        "13-09-2026",
        "--out",
        out / "lijst.csv",
        "--passphrase-file",
        key,
    )
    assert code == 0, said
    rows = (out / "lijst.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) >= 6 and "Handtekening" in rows[0]


def test_an_hours_statement_against_the_members_register(cli, secret, made: Path, out: Path) -> None:
    code, said = cli(
        "export",
        "hours",
        made,
        "--group",
        TEAM,
        "--member",
        "Anouk de Vries",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--out",
        out / "uren.md",
        "--passphrase-file",
        secret(PASSPHRASE),
    )
    assert code == 0, said
    text = (out / "uren.md").read_text(encoding="utf-8")
    assert "Anouk de Vries" in text and "SKJ" in text and "van 60 uur" in text
    assert "register" in text.casefold()


def test_minutes_with_a_personal_part_to_standard_output(cli, secret, made: Path) -> None:
    code, said = cli(
        "export",
        "minutes",
        made,
        "--group",
        TEAM,
        "--personal",
        "Bram Visser",
        "--out",
        "-",
        "--passphrase-file",
        secret(PASSPHRASE),
    )
    assert code == 0, said
    assert said.startswith("# Verslag") and "Bram Visser" in said


@pytest.mark.parametrize("name", ["nul.md", "CON", "a|b.md", "bad. "])
def test_unsafe_names_are_refused_before_the_passphrase_is_asked(cli, made: Path, out: Path, name: str) -> None:
    code, said = cli("export", "attendance", made, "--group", TEAM, "--out", out / name)
    assert code == 2 and said.strip()
    assert list(out.iterdir()) == []


def test_the_encrypted_file_itself_is_never_a_target(cli, secret, made: Path) -> None:
    before = made.read_bytes()
    code, _said = cli(
        "export",
        "minutes",
        made,
        "--group",
        TEAM,
        "--out",
        made,
        "--overwrite",
        "--passphrase-file",
        secret(PASSPHRASE),
    )
    assert code == 2 and made.read_bytes() == before


def test_a_synced_folder_and_an_existing_file_need_their_flags(cli, secret, made: Path, tmp_path: Path) -> None:
    synced = tmp_path / "Dropbox"
    synced.mkdir()
    key = secret(PASSPHRASE)
    code, said = cli("export", "minutes", made, "--group", TEAM, "--out", synced / "v.md", "--passphrase-file", key)
    assert code == 2 and "Dropbox" in said and not (synced / "v.md").exists()
    code, said = cli(
        "export", "minutes", made, "--group", TEAM, "--out", synced / "v.md", "--allow-synced", "--passphrase-file", key
    )
    assert code == 0, said
    code, said = cli(
        "export", "minutes", made, "--group", TEAM, "--out", synced / "v.md", "--allow-synced", "--passphrase-file", key
    )
    assert code == 2 and "--overwrite" in said


def test_an_unknown_meeting_lists_the_held_ones(cli, secret, made: Path, out: Path) -> None:
    code, said = cli(
        "export",
        "minutes",
        made,
        "--group",
        TEAM,
        "--meeting",
        "2020-01-01",
        "--out",
        out / "v.md",
        "--passphrase-file",
        secret(PASSPHRASE),
    )
    assert code == 2 and "2026-09-13" in said and not (out / "v.md").exists()
