"""The ``intervisie`` command: open the app, or run one command on a file.

    intervisie [FILE] [--demo]          open the app (default file in the user data folder)
    intervisie new FILE [--demo]        create a file (optionally with the demo groups)
    intervisie check FILE               verify a file and name what is wrong
    intervisie passwd FILE              change the passphrase of a file and its backups
    intervisie restore FILE [--backup N]  put a backup in place, moving the current file aside
    intervisie handover FILE OUT [--group NAME_OR_ID]  write one group to a new file with its own passphrase
    intervisie merge FILE OTHER [--import-groups]  bring another copy's changes into FILE

Exit codes: 0 ok, 2 usage, 3 wrong passphrase, 4 damaged file,
5 unsupported or newer format, 6 open in another process, 7 the file or its
folder cannot be read or written (permission, not a regular file, disk full),
8 (merge) the two files are not copies of one file.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from intervisie_tui import __version__, collector
from intervisie_tui.allocator import tune_allocator
from intervisie_tui.commands.options import CommandOptions, ExportRequest
from intervisie_tui.escape_wait import choose_escape_wait
from intervisie_tui.hardening import disable_core_dumps, neutralise_textual_environment
from intervisie_tui.i18n import LANGUAGES, _, language_from_environment, set_language
from intervisie_tui.passphrases import PassphraseSource, PassphraseUnavailable
from intervisie_tui.render.formats import FORMATS
from intervisie_tui.store.errors import CannotAccess, SaveFailed, VaultError, access_error
from intervisie_tui.store.fileformat import KdfParams

EXIT_OK, EXIT_CRASH, EXIT_USAGE = 0, 1, 2
COMMANDS = ("new", "check", "passwd", "restore", "handover", "export", "merge")
EXPORT_KINDS = ("minutes", "attendance", "hours")


class _Formatter(argparse.HelpFormatter):
    """argparse's help, with its "usage: " heading in the user's language."""

    def add_usage(self, usage, actions, groups, prefix=None):  # argparse's own signature, untyped there
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse, with its error messages cleaned: they quote the arguments given, which may hold
    escape sequences (a file name is user text too); its headings are the app's own texts.

    argparse takes its headings from the ``gettext`` module's global domain; the app's catalogue is
    used instead, set here per parser, so nothing global changes at import.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(formatter_class=_Formatter, **kwargs)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = _("show this help message and exit")

    def error(self, message: str) -> NoReturn:
        from intervisie_tui.core.sanitize import display_line

        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {display_line(message)}\n")


def _descriptor(text: str) -> int:
    number = int(text)
    if number < 0:
        raise argparse.ArgumentTypeError(_("not a file descriptor: {text}").format(text=text))
    return number


def remembered_language() -> str:
    """The language chosen in the app's settings ("" when none); --lang overrides it."""
    from intervisie_tui.locations import config_dir
    from intervisie_tui.ui.settings import load_settings

    return load_settings(config_dir())[0].language


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of the app and messages"))
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="PATH",
        help=_("read the passphrase from the first line of PATH (for scripts)"),
    )
    source.add_argument(
        "--passphrase-fd",
        type=_descriptor,
        metavar="N",
        help=_("read the passphrase from file descriptor N (for scripts)"),
    )


def _day(text: str) -> date:
    from intervisie_tui.core.dates import parse_day

    day = parse_day(text)
    if day is None:
        raise argparse.ArgumentTypeError(_("not a date (2026-11-23 or 23-11-2026): {text}").format(text=text))
    return day


def _export_parser() -> _Parser:
    parser = _Parser(
        prog="intervisie export",
        description=_("Write minutes, an attendance list or an hours statement as a plain (NOT encrypted) file."),
    )
    parser.add_argument("kind", choices=EXPORT_KINDS, help=_("what to write"))
    parser.add_argument("file", type=Path, help=_("the encrypted file"))
    parser.add_argument(
        "--out", type=Path, required=True, metavar="PATH", help=_("where to write; - for standard output")
    )
    parser.add_argument("--group", metavar="NAME_OR_ID", help=_("the group, by name or id"))
    parser.add_argument(
        "--meeting", metavar="DATE_OR_ID", help=_("minutes, attendance: the meeting (default: the newest)")
    )
    parser.add_argument("--member", metavar="NAME_OR_ID", help=_("hours: whose hours"))
    parser.add_argument("--register", metavar="ID", help=_("hours: the register (default: the member's own)"))
    parser.add_argument(
        "--from", dest="period_from", type=_day, metavar="DATE", help=_("hours: first day of the period")
    )
    parser.add_argument("--to", dest="period_to", type=_day, metavar="DATE", help=_("hours: last day (default: today)"))
    parser.add_argument("--case-text", action="store_true", help=_("minutes: the full case text, not only its theme"))
    parser.add_argument(
        "--personal",
        action="append",
        default=[],
        metavar="NAME_OR_ID",
        help=_("minutes: add this member's personal part (repeatable)"),
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help=_("html (a page to print), md (Markdown) or csv (attendance only); default: from --out's name, else md"),
    )
    parser.add_argument("--csv", action="store_true", help=_("attendance: the same as --format csv"))
    parser.add_argument("--overwrite", action="store_true", help=_("replace an existing file"))
    parser.add_argument(
        "--allow-synced", action="store_true", help=_("write into a synced folder (OneDrive, Dropbox, …)")
    )
    return parser


def build_parser(command: str) -> argparse.ArgumentParser:
    """The argument parser for ``command`` ("open" is the app)."""
    parser: _Parser
    if command == "open":
        parser = _Parser(prog="intervisie", description=_("Run intervisie meetings."))
        parser.add_argument("--version", action="version", version=f"intervisie {__version__}")
        parser.add_argument("file", nargs="?", type=Path, help=_("the encrypted file (default: in your data folder)"))
        parser.add_argument("--demo", action="store_true", help=_("open a demo group on a throw-away file"))
        parser.epilog = _("Commands: new, check, passwd, restore, handover, export, merge (intervisie COMMAND --help).")
    elif command == "export":
        parser = _export_parser()
    else:
        parser = _Parser(prog=f"intervisie {command}")
        parser.add_argument("file", type=Path, help=_("the encrypted file"))
        if command == "new":
            parser.add_argument("--demo", action="store_true", help=_("fill the new file with the demo groups"))
        if command == "restore":
            parser.add_argument("--backup", type=int, metavar="N", help=_("which backup: 1 is the newest"))
        if command == "handover":
            parser.add_argument("out", type=Path, help=_("the new file for the group (must not exist yet)"))
            parser.add_argument("--group", metavar="NAME_OR_ID", help=_("the group to hand over, by name or id"))
            parser.add_argument(
                "--new-passphrase-file",
                type=Path,
                metavar="PATH",
                help=_("read the new file's passphrase from the first line of PATH"),
            )
        if command == "merge":
            parser.add_argument("other", type=Path, help=_("the other copy (only read, never changed)"))
            parser.add_argument(
                "--other-passphrase-file",
                type=Path,
                metavar="PATH",
                help=_("read the other copy's passphrase from the first line of PATH (default: FILE's)"),
            )
            parser.add_argument(
                "--import-groups",
                action="store_true",
                help=_("the files are not copies of one file: copy the other file's groups in as groups of their own"),
            )
    _common(parser)
    return parser


GLOBAL_OPTIONS = ("--lang", "--passphrase-file", "--passphrase-fd")
"""Options every command takes (``_common``); they may come before the command as well as after it."""


def _command_index(args: list[str]) -> int | None:
    """Where the command is: the first argument after any global options and their values, if a command."""
    index = 0
    while index < len(args) and args[index].split("=", 1)[0] in GLOBAL_OPTIONS:
        index += 1 if "=" in args[index] else 2
    return index if index < len(args) and args[index] in COMMANDS else None


def parse(argv: Sequence[str], fallback_language: str | None = None) -> CommandOptions:
    """Turn arguments into settings (argparse exits with code 2 on bad usage).

    ``fallback_language`` is used when --lang is not given (main reads settings.toml once and passes it).
    """
    args_list = list(argv)
    at = _command_index(args_list)
    command = args_list.pop(at) if at is not None else "open"
    args = build_parser(command).parse_args(args_list)
    return CommandOptions(
        command=command,
        file=args.file,
        language=args.lang or fallback_language or remembered_language() or language_from_environment(),
        passphrases=PassphraseSource(file=args.passphrase_file, fd=args.passphrase_fd),
        demo=getattr(args, "demo", False),
        backup=getattr(args, "backup", None),
        out=getattr(args, "out", None),
        group=getattr(args, "group", None),
        new_passphrases=PassphraseSource(file=getattr(args, "new_passphrase_file", None)),
        other=getattr(args, "other", None),
        other_passphrases=PassphraseSource(file=getattr(args, "other_passphrase_file", None)),
        import_groups=getattr(args, "import_groups", False),
        export=_export_request(args) if command == "export" else None,
    )


def _export_request(args: argparse.Namespace) -> ExportRequest:
    return ExportRequest(
        kind=args.kind,
        meeting=args.meeting,
        member=args.member,
        register=args.register,
        period_from=args.period_from,
        period_to=args.period_to,
        case_text=args.case_text,
        personal=tuple(args.personal),
        csv=args.csv,
        format=args.format,
        overwrite=args.overwrite,
        allow_synced=args.allow_synced,
    )


def main(
    argv: Sequence[str] | None = None, *, kdf: KdfParams | None = None, clock: Callable[[], datetime] | None = None
) -> int:
    """Entry point of ``intervisie``. ``kdf`` and ``clock`` are for tests only."""
    collector.hold()  # until the app's first frame, or the end of this command
    try:
        return _main(argv, kdf, clock)
    finally:
        collector.finish()


def _main(argv: Sequence[str] | None, kdf: KdfParams | None, clock: Callable[[], datetime] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Before anything imports textual: it reads its log/screenshot/debug switches once, at import.
    neutralised = tuple(neutralise_textual_environment(os.environ))
    choose_escape_wait(os.environ)  # Esc read 25 ms after the key, not 100 (intervisie_tui/escape_wait.py)
    disable_core_dumps()
    tune_allocator()  # before any thread starts (intervisie_tui/allocator.py)
    # Language first, so even usage errors come out in the user's language.
    language = next((argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == "--lang"), None)
    fallback = remembered_language() or language_from_environment()  # settings.toml read once
    set_language(language if language in LANGUAGES else fallback)
    settings = parse(argv, fallback)
    set_language(settings.language)
    settings = CommandOptions(**{**settings.__dict__, "kdf": kdf, "clock": clock, "neutralised": neutralised})
    from intervisie_tui.commands import run

    try:
        return run(settings)
    except SaveFailed as error:  # the app's wording keeps the change on screen; a command has no screen
        refusal = CannotAccess(error.reason, error.detail)
        print(refusal.message(), file=sys.stderr)
        return refusal.exit_code
    except VaultError as error:
        print(error.message(), file=sys.stderr)
        return error.exit_code
    except OSError as error:  # a file or folder that cannot be read or written: one line, exit 7
        refusal = access_error(error)
        print(refusal.message(), file=sys.stderr)
        return refusal.exit_code
    except PassphraseUnavailable as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence: no traceback, it may carry content
        from intervisie_tui.ui.crash import crash_message, error_type_name, new_error_id

        print(crash_message(new_error_id(), error_type_name(error)), file=sys.stderr)
        return EXIT_CRASH
