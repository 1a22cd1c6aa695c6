"""What the figures were measured on: the machine, the versions, the work folder's filesystem, the code."""

from __future__ import annotations

import os
import platform
import re
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def filesystem_of(folder: Path) -> str:
    """The type of the filesystem ``folder`` is on (from /proc/mounts), e.g. ext4 or tmpfs."""
    best, kind = "", "unknown"
    resolved = str(folder.resolve())
    for line in _read("/proc/mounts").splitlines():
        parts = line.split()
        if len(parts) >= 3 and (resolved == parts[1] or resolved.startswith(parts[1].rstrip("/") + "/")):
            if len(parts[1]) >= len(best):
                best, kind = parts[1], parts[2]
    return kind


def machine(workdir: Path) -> dict[str, str]:
    """What the figures were measured on."""
    cpu = re.search(r"^model name\s*:\s*(.+)$", _read("/proc/cpuinfo"), re.M)
    memory = re.search(r"^MemTotal:\s*(\d+)", _read("/proc/meminfo"), re.M)
    release = re.search(r'^PRETTY_NAME="?([^"\n]+)', _read("/etc/os-release"), re.M)
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    try:
        from cryptography.hazmat.backends.openssl.backend import backend

        openssl = backend.openssl_version_text()
    except Exception:  # noqa: BLE001 - only for the report
        openssl = "?"
    commit = "?"
    try:
        head = subprocess.run(
            ["git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(HERE.parent), "status", "--porcelain", "--", "src"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
        commit = f"{head} (src/ with uncommitted changes)" if head and dirty else head or "?"
    except OSError:
        pass
    return {
        "CPU": cpu.group(1).strip() if cpu else platform.processor() or "?",
        "Cores": f"{os.cpu_count()} logical, {usable} usable by this process",
        "RAM": f"{int(memory.group(1)) / 2**20:.1f} GiB" if memory else "?",
        "OS": f"{release.group(1) if release else platform.system()} (kernel {platform.release()})",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "Textual": _version("textual"),
        "TinyDB / cryptography / OpenSSL": f"{_version('tinydb')} / {_version('cryptography')} / {openssl}",
        "Work folder filesystem": filesystem_of(workdir),
        "Code": commit,
    }
