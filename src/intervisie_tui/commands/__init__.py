"""One module per command of ``intervisie``; :func:`run` picks the right one."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from intervisie_tui.store.paths import resolve

if TYPE_CHECKING:
    from intervisie_tui.commands.options import CommandOptions


def run(settings: CommandOptions) -> int:
    """Run the command named in ``settings``; returns the exit code.

    The file is resolved once, here (links followed; see ``store/paths.py``), so every step of
    a command works on the same file; a command says so when the name given is a link.
    """
    if settings.file is not None and settings.command != "open":
        from intervisie_tui.commands.common import resolve_file

        settings = resolve_file(settings)
    if settings.command == "open":
        from intervisie_tui.commands.open_app import run_open

        return run_open(settings)
    if settings.command == "new":
        from intervisie_tui.commands.new import run_new

        return run_new(settings)
    if settings.command == "check":
        from intervisie_tui.commands.check import run_check

        return run_check(settings)
    if settings.command == "passwd":
        from intervisie_tui.commands.passwd import run_passwd

        return run_passwd(settings)
    if settings.command == "restore":
        from intervisie_tui.commands.restore import run_restore

        return run_restore(settings)
    if settings.command == "handover":
        from intervisie_tui.commands.handover import run_handover

        return run_handover(settings)
    if settings.command == "export":
        from intervisie_tui.commands.export import run_export

        return run_export(settings)
    if settings.command == "merge":
        from intervisie_tui.commands.merge import run_merge

        settings = dataclasses.replace(settings, other=settings.other and resolve(settings.other))
        return run_merge(settings)
    raise ValueError(settings.command)
