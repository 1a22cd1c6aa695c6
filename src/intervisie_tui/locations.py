"""Where the app keeps its files, from one place (platformdirs).

Folders are created lazily, only when something is written, and never at
import time. Every path can be overridden on the command line.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "intervisie-tui"
DEFAULT_FILE_NAME = "intervisie.ivt"
NOTEBOOK_FILE_NAME = "begeleider-notities.ivt"


def data_dir() -> Path:
    """The user's data folder for the app (not created here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The user's config folder for the app (not created here)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_data_file() -> Path:
    """The encrypted file used when no file is named on the command line."""
    return data_dir() / DEFAULT_FILE_NAME


def default_notebook_file() -> Path:
    """The supervisor's private notebook: a separate encrypted file with its own passphrase."""
    return data_dir() / NOTEBOOK_FILE_NAME


def ensure_private_dir(folder: Path) -> Path:
    """Create ``folder`` (owner-only where the OS supports it) and return it."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder
