"""Pasted text split into its lines (``paste_lines``) and multi-line text on one line (``one_line``)."""

from __future__ import annotations

from intervisie_tui.core.sanitize import LINE_MARK, clean_line, clean_text, one_line, paste_lines


def test_cr_crlf_and_lf_each_end_a_line_and_no_cr_is_left() -> None:
    """Terminals hand pastes over with CR (most), CR LF or LF; none may stay behind to act as Enter."""
    lines = paste_lines("een\rtwee\r\ndrie\nvier\r")
    assert lines == ["een", "twee", "drie", "vier"]
    assert not any("\r" in line or "\n" in line for line in lines)


def test_each_line_loses_escape_sequences_bidi_and_zero_width_but_keeps_its_spaces() -> None:
    lines = paste_lines("  rood\x1b[31m\x9b0m\u202eomgekeerd\u200b \tx\x07\r\n\r\n")
    assert lines == ["  rood[31m0momgekeerd  x"]


def test_blank_lines_at_either_end_go_blank_lines_inside_stay() -> None:
    assert paste_lines("\r\n \r\neen\r\n\r\ntwee\r\n \r\n") == ["een", "", "twee"]
    assert paste_lines("\r\n\t\r\n") == [] and paste_lines("") == []


def test_nul_and_a_lone_surrogate_stay_for_the_field_to_refuse() -> None:
    """The field's cleaning refuses them with its message; the paste must not quietly make them acceptable."""
    assert paste_lines("vet\x00\rx\udc80") == ["vet\x00", "x\udc80"]


def test_a_note_keeps_the_lines_a_one_line_field_gets_them_on_one_line() -> None:
    lines = paste_lines("Eerste\r\nTweede\r\n")
    assert clean_text("\n".join(lines)) == "Eerste\nTweede"
    assert clean_line("\n".join(lines)) == "Eerste Tweede"


def test_one_line_marks_where_each_line_ended() -> None:
    assert one_line("Eerste  regel\n\n  tweede\n") == f"Eerste regel {LINE_MARK} tweede"
    assert one_line("gewoon één regel") == "gewoon één regel"
