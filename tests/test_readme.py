"""The README stays true: it lists every shipped method with its steps and minutes."""

from __future__ import annotations

from pathlib import Path

from intervisie_tui.core.methods import load_shipped

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_lists_every_shipped_method() -> None:
    """Each method has a row with its Dutch and English name, its number of steps and its minutes."""
    text = README.read_text(encoding="utf-8")
    for method in load_shipped().methods.values():
        row = f"| {method.name('nl')} | {method.name('en')} | {len(method.steps)} | {method.minutes:g} |"
        assert row in text, f"README has no up-to-date row for {method.id}: {row}"


def test_the_readme_shows_pictures_that_exist() -> None:
    """Every picture the README shows is committed under docs/."""
    text = README.read_text(encoding="utf-8")
    pictures = [part.split(")")[0] for part in text.split("](")[1:] if part.split(")")[0].endswith(".svg")]
    assert pictures
    for picture in pictures:
        assert (README.parent / picture).is_file(), picture


def test_the_readme_states_what_is_not_protected() -> None:
    """The limits are said plainly, with the advice to use full-disk encryption."""
    text = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = text.split("## Security", 1)[1].split("\n## ", 1)[0]
    for must in ("unlocked and unattended", "malware", "copies of the file taken before", "full-disk encryption"):
        assert must in section, must
