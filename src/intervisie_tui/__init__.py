"""intervisie-tui: a keyboard-first terminal app for peer-supervision groups."""

__version__ = "0.1.0"
