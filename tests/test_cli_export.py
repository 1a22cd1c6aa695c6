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


KIND_ARGS = {
    "minutes": ("--meeting", "2026-09-13"),
    "attendance": ("--meeting", "2026-09-13"),
    "hours": ("--member", "Anouk de Vries", "--from", "2026-01-01", "--to", "2026-12-31"),
}


@pytest.mark.parametrize("kind", ["minutes", "attendance", "hours"])
def test_every_export_can_be_a_printable_page(cli, secret, made: Path, out: Path, kind: str) -> None:
    """--format html, or a name ending in .html: one self-contained page in the user's language."""
    key = secret(PASSPHRASE)
    code, said = cli(
        "export",
        kind,
        made,
        "--group",
        TEAM,
        *KIND_ARGS[kind],
        "--format",
        "html",
        "--out",
        "-",
        "--passphrase-file",
        key,
    )
    assert code == 0, said
    assert said.startswith('<!DOCTYPE html>\n<html lang="nl">') and "<h1>" in said and "href=" not in said
    code, said = cli(
        "export", kind, made, "--group", TEAM, *KIND_ARGS[kind], "--out", out / "blad.html", "--passphrase-file", key
    )
    assert code == 0, said
    assert (out / "blad.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_format_md_and_csv_and_the_old_csv_flag(cli, secret, made: Path, out: Path) -> None:
    """--format md writes Markdown whatever the name; --csv still means --format csv for the attendance list."""
    key = secret(PASSPHRASE)
    base = ("export", "attendance", made, "--group", TEAM, "--meeting", "2026-09-13", "--passphrase-file", key)
    code, said = cli(*base, "--format", "md", "--out", out / "lijst.html")
    assert code == 0, said
    assert (out / "lijst.html").read_text(encoding="utf-8").startswith("# Presentielijst")
    code, said = cli(*base, "--csv", "--out", "-")
    assert code == 0 and said.startswith("Datum;"), said
    code, said = cli(*base, "--format", "csv", "--out", "-")
    assert code == 0 and said.startswith("Datum;"), said


@pytest.mark.parametrize(
    "wrong",
    [
        ("minutes", "--format", "csv"),
        ("hours", "--csv"),
        ("attendance", "--csv", "--format", "html"),
        ("minutes", "--out-csv"),
    ],
)
def test_a_format_that_cannot_be_is_refused_before_the_passphrase(cli, made: Path, out: Path, wrong) -> None:
    """CSV is for the attendance list only, and --csv cannot contradict --format: exit 2, nothing asked or written."""
    kind, *options = wrong
    target = out / "x.csv" if options == ["--out-csv"] else out / "x.md"
    options = [] if options == ["--out-csv"] else options
    code, said = cli("export", kind, made, "--group", TEAM, *options, "--out", target)
    assert code == 2 and len(said.strip().splitlines()) == 1 and "csv" in said.casefold(), said
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("kind", "options", "named"),
    [
        ("minutes", ("--group", TEAM, "--personal", "Anouk"), "Anouk de Vries"),
        ("minutes", ("--group", TEAM, "--personal", "Bram Visser", "--personal", "Niemand"), "Fatima El Amrani"),
        ("hours", ("--group", TEAM, "--member", "Bram"), "Bram Visser"),
        ("hours", ("--group", TEAM, "--member", "Anouk de Vries", "--register", "XYZ"), "SKJ"),
        ("attendance", ("--group", "Jeugd"), TEAM),
        ("attendance", ("--group", TEAM, "--meeting", "2020-01-01"), "2026-09-13"),
    ],
)
def test_a_name_that_fits_nothing_or_not_fully_is_refused(
    cli, secret, made: Path, out: Path, kind, options, named
) -> None:
    """Once ignored with exit 0 (--personal "Daan"): now exit 2 and one line naming the candidates."""
    code, said = cli("export", kind, made, *options, "--out", out / "x.md", "--passphrase-file", secret(PASSPHRASE))
    assert code == 2, said
    lines = said.strip().splitlines()
    assert len(lines) == 1 and named in lines[0], said
    assert list(out.iterdir()) == []
