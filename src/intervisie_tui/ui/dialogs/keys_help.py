"""F1: the keys of the screen underneath, as they are bound right now."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from intervisie_tui.i18n import N_, _
from intervisie_tui.ui.base import AppModal
from intervisie_tui.ui.text import cell


def _declared_order(screen: Screen) -> dict[str, int]:
    """Binding ids in the order a reader expects: the screen's own keys before inherited ones."""
    order: dict[str, int] = {}
    for cls in type(screen).__mro__:
        for binding in getattr(cls, "BINDINGS", []) if "BINDINGS" in vars(cls) else []:
            if isinstance(binding, Binding) and binding.id:
                order.setdefault(binding.id, len(order))
    return order


def key_rows(screen: Screen, order_of: Sequence[Binding] = ()) -> list[tuple[str, str]]:
    """(keys, what they do) for every binding active on ``screen``, one row per action.

    Rows follow ``order_of`` where given (the session screen lists its everyday keys before the
    round's, which its key bar shows first), else the screen's own declaration order, then its
    base classes'.
    """
    order = {binding.id: index for index, binding in enumerate(order_of) if binding.id} or _declared_order(screen)
    actives = sorted(screen.active_bindings.values(), key=lambda active: order.get(active.binding.id or "", len(order)))
    rows: dict[str, tuple[list[str], str]] = {}
    for active in actives:
        binding = active.binding
        if not binding.description or binding.system or not binding.id:
            continue  # Textual's own bindings (focus, copy) have no id; ours all do
        # The app's own binding (Ctrl+Q quits from every screen) is the same action as a screen's "app.quit".
        action = f"app.{binding.action}" if active.node is screen.app and "." not in binding.action else binding.action
        keys, description = rows.setdefault(action, ([], _(binding.description)))
        display = screen.app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
    rows.setdefault("app.quit", (["ctrl+q"], _("Quit")))
    return [(" / ".join(keys), description) for keys, description in rows.values()]


def declared_keys(screen: Screen, binding: Binding) -> str:
    """A binding's own keys as the app shows keys ("←", not "left"), for one not in effect just now."""
    if binding.key_display:
        return screen.app.get_key_display(binding)
    keys = [key.strip() for key in binding.key.split(",") if key.strip()]
    return " / ".join(screen.app.get_key_display(replace(binding, key=key)) for key in keys)


def palette_entries(screen: Screen, bindings: Sequence[Binding]) -> list[tuple[str, str, Callable[[], object]]]:
    """(name, keys in effect, callback) for each of ``bindings`` that applies now, for the command palette.

    The keys are those in effect (a remapped key from settings.toml, not the declared one).
    """
    in_effect: dict[str, list[str]] = {}
    for active in screen.active_bindings.values():
        if active.binding.id:
            in_effect.setdefault(active.binding.id, []).append(screen.app.get_key_display(active.binding))
    entries: list[tuple[str, str, Callable[[], object]]] = []
    for binding in bindings:
        name, _sep, argument = binding.action.partition("(")
        if screen.check_action(name, ()) is False:
            continue
        method = getattr(screen, f"action_{name}")
        callback = partial(method, int(argument.rstrip(")"))) if argument else method
        keys = " / ".join(in_effect.get(binding.id or "", [])) or declared_keys(screen, binding)
        entries.append((_(binding.description), keys, callback))
    return entries


class KeysHelp(AppModal[None]):
    """A list of the keys of the screen it was opened on."""

    DEFAULT_CSS = """
    KeysHelp DataTable {
        height: auto;
        max-height: 18;
    }
    """

    BINDINGS = [
        Binding("escape,f1,q", "dismiss", N_("Close"), id="close"),
    ]

    def __init__(self, rows: list[tuple[str, str]], title: str) -> None:
        super().__init__()
        self._rows = rows
        self._title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(self._title, id="help-title", markup=False)
            table: DataTable = DataTable(id="help-keys", cursor_type="row", show_cursor=False)
            table.add_columns(_("Key"), _("Action"))
            for keys, description in self._rows:
                table.add_row(cell(keys, "bold"), cell(description))
            yield table
            yield Static(_("Esc closes this list."), id="help-hint", markup=False)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
