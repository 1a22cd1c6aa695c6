"""Where the files shipped with the package are: beside its modules.

Methods, registers, themes and translations are read from here with plain
``pathlib`` (the package is installed as files, never run from a zip);
importing ``importlib.resources`` would cost time at every start (docs/PERFORMANCE.md).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
"""The installed ``intervisie_tui`` package folder."""
