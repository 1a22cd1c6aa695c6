"""The performance harness: generate files, run every measurement in its own process, report.

    python benchmarks/run.py            full run (several minutes); writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick    small files, fast KDF, few repeats: checks that the harness works
                                        (CI); figures are not judged and RESULTS.md is left alone

Prints a table, and as its last line one JSON object with every figure (README.md says what each
means). Generated files live in a temporary folder (``--workdir`` to choose another; it should be on
the disk the app's data lives on, since fsync is measured) and are removed afterwards.

Each measurement runs in a fresh subprocess (app_startup.py, floor_app.py, store_bench.py,
typing_latency.py, idle.py, merge_bench.py), so imports, caches and memory of one never flatter
another. The floor and the app are started alternately, a few times, and compared by their medians
in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
ANALYSIS_START, ANALYSIS_END = "<!-- analysis: kept by run.py -->", "<!-- /analysis -->"
GROWTH_MB = (1, 3, 10, 30)

import generate  # noqa: E402  (benchmarks/ is on sys.path: it is this script's folder)

# figure -> (target, unit). Every target is an upper bound.
TARGETS: dict[str, tuple[float, str]] = {
    "startup_ratio": (1.3, "x floor"),
    "rss_ratio": (1.5, "x floor"),
    "kdf_s": (0.5, "s"),
    "save_p95_ms_small": (20.0, "ms"),
    "save_p95_ms_large": (50.0, "ms"),
    "key_to_render_ms_p95": (30.0, "ms"),
    "query_ms_large": (20.0, "ms"),
    "open_screen_ms_p95_large": (100.0, "ms"),
    "idle_cpu_percent": (1.0, "% of a core"),
    "merge_ms_large": (1000.0, "ms"),
}
# A merge's peak memory is held to the budget the start-up has: the same multiple of the floor (README.md).
TARGETS["merge_rss_ratio"] = TARGETS["rss_ratio"]


class HarnessError(RuntimeError):
    """A measurement did not run (as opposed to a figure missing its target)."""


# -- running the measuring processes -------------------------------------------------------


def child(script: str, *args: object, timeout: float = 900) -> dict[str, Any]:
    """Run ``benchmarks/<script>`` in a fresh interpreter; its last stdout line is its JSON result.

    ``_spawn`` (the monotonic time just before the process was started) is added to the result.
    """
    env = dict(os.environ, INTERVISIE_BENCH_PASSPHRASE=generate.PASSPHRASE)
    # An installed app starts from cached bytecode; without it every run would recompile every module,
    # a cost no user pays, so a shell that forbids writing bytecode is not followed for the measured runs.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, str(HERE / script), *map(str, args)]
    spawn = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as error:
        raise HarnessError(f"{script} did not finish in {timeout:.0f} s") from error
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or not lines:
        raise HarnessError(f"{script} failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    try:
        result = json.loads(lines[-1])
    except json.JSONDecodeError as error:
        raise HarnessError(f"{script} printed no JSON result:\n{done.stdout[-2000:]}") from error
    result["_spawn"] = spawn
    if done.stderr.strip():
        result["_stderr"] = done.stderr.strip().splitlines()[-1][:200]
    return result


def startup_rounds(large: Path, config: Path, rounds: int, warmup: int) -> dict[str, Any]:
    """Floor and app started alternately; the first ``warmup`` pairs are not counted."""
    floors, apps = [], []
    for index in range(warmup + rounds):
        floor = child("floor_app.py", 120, 40)
        app = child("app_startup.py", large, config, 120, 40)
        if index >= warmup:
            floors.append(floor)
            apps.append(app)

    def phases(run: dict[str, Any]) -> dict[str, float]:
        return {
            "total_s": run["t_paint"] - run["_spawn"],
            "interpreter_s": run["t0"] - run["_spawn"],
            "imports_s": run["t_imported"] - run["t0"],
            "unlock_s": run["t_unlocked"] - run["t_imported"],
            "kdf_s": run["kdf_s"],
            "app_import_s": run["t_app"] - run["t_unlocked"],
            "to_first_paint_s": run["t_paint"] - run["t_app"],
            "peak_rss_mib": run["peak_rss_mib"],
            "rss_at_paint_mib": run["rss_at_paint_mib"],
        }

    def medians(runs: list[dict[str, Any]]) -> dict[str, float]:
        table = [phases(run) for run in runs]
        return {name: statistics.median(row[name] for row in table) for name in table[0]}

    app_m, floor_m = medians(apps), medians(floors)
    without_kdf = statistics.median(phases(run)["total_s"] - run["kdf_s"] for run in apps)
    return {
        "app": app_m,
        "floor": floor_m,
        "app_without_kdf_s": without_kdf,
        "runs": rounds,
        "peak_reset": all(run.get("peak_reset", False) for run in apps),
        "app_totals": [round(phases(run)["total_s"] - run["kdf_s"], 3) for run in apps],
        "floor_totals": [round(phases(run)["total_s"], 3) for run in floors],
        "stderr": sorted({run["_stderr"] for run in apps + floors if "_stderr" in run}),
    }


# -- the machine ---------------------------------------------------------------------------------


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


# -- the run -------------------------------------------------------------------------------------


def measure(workdir: Path, quick: bool, log: Any) -> dict[str, Any]:
    """Every measurement; returns the figures and the details RESULTS.md shows."""
    kdf = generate.ARGON2ID_FAST_FOR_TESTS if quick else None
    config = workdir / "config"
    config.mkdir()
    small, large = workdir / "small.ivt", workdir / "large.ivt"
    large_layout = generate.Layout(groups=3, meetings=12) if quick else generate.LARGE

    log("generating the small file (1 group, 8 meetings)")
    small_info = generate.generate(small, generate.SMALL, kdf=kdf)
    log(f"generating the large file ({large_layout.groups} groups, {large_layout.meetings} meetings)")
    large_info = generate.generate(large, large_layout, kdf=kdf)
    log(f"  {large_info['file_mib']:.1f} MiB in {large_info['seconds']:.0f} s")

    edits, queries, unlocks = (20, 20, 1) if quick else (200, 200, 3)
    log("store: small file")
    store_small = child("store_bench.py", small, "--edits", edits, "--queries", queries, "--unlocks", unlocks)
    log("store: large file")
    store_large = child("store_bench.py", large, "--edits", edits, "--queries", queries, "--unlocks", unlocks)

    # Start-up on a shared machine varies from run to run; 11 alternating rounds keep the medians (and so
    # the ratio) steady where 5 did not (docs/PERFORMANCE.md).
    rounds, warmup = (1, 0) if quick else (11, 1)
    log(f"start-up: floor and app, {warmup} warm-up + {rounds} rounds")
    startup = startup_rounds(large, config, rounds, warmup)

    log("typing while saving")
    typing = child("typing_latency.py", large, config, 30 if quick else 300)

    log("opening screens")
    screens = child("open_screens.py", large, config, 2 if quick else 10)

    idle_s, settle_s = (10, 1) if quick else (60, 3)
    log(f"idle for {idle_s} s")
    idle = child("idle.py", large, config, idle_s, settle_s, timeout=idle_s + 300)

    merge_runs, new_meetings = (2, 1) if quick else (5, 2)
    log(f"merge: two laptops' copies of the large file, {new_meetings} new meetings a group each, {merge_runs} runs")
    merge = child("merge_bench.py", large, "--runs", merge_runs, "--new-meetings", new_meetings, "--workdir", workdir)

    growth = []
    if not quick:
        per_meeting = large_info["file_mib"] / large_layout.meetings
        for megabytes in GROWTH_MB:
            meetings = max(generate.GROUPS, round(megabytes / per_meeting))
            path = workdir / f"growth-{megabytes}.ivt"
            log(f"growth: {megabytes} MB ({meetings} meetings)")
            info = generate.generate(path, generate.Layout(groups=generate.GROUPS, meetings=meetings))
            figures = child("store_bench.py", path, "--edits", 100, "--queries", 50, "--unlocks", 3)
            growth.append({"target_mb": megabytes, "meetings": meetings, "generate_s": info["seconds"], **figures})
            for leftover in workdir.glob(f"growth-{megabytes}.ivt*"):
                leftover.unlink()

    app, floor = startup["app"], startup["floor"]
    figures = {
        "startup_s": app["total_s"],
        "startup_without_kdf_s": startup["app_without_kdf_s"],
        "startup_floor_s": floor["total_s"],
        "startup_ratio": startup["app_without_kdf_s"] / floor["total_s"],
        "kdf_s": store_large["kdf_s"],
        "kdf_in_startup_s": app["kdf_s"],
        "unlock_s_large": store_large["unlock_s"],
        "rss_mib": app["peak_rss_mib"],
        "rss_floor_mib": floor["peak_rss_mib"],
        "rss_ratio": app["peak_rss_mib"] / floor["peak_rss_mib"],
        "save_p50_ms_small": store_small["save_p50_ms"],
        "save_p95_ms_small": store_small["save_p95_ms"],
        "save_p50_ms_large": store_large["save_p50_ms"],
        "save_p95_ms_large": store_large["save_p95_ms"],
        "query_ms_large": store_large["query_ms"],
        "key_to_render_ms_p95": typing["key_to_render_ms_p95"],
        "key_to_render_ms_p50": typing["key_to_render_ms_p50"],
        "key_to_render_ms_p95_no_saves": typing["quiet_ms_p95"],
        "open_screen_ms_p95_large": screens["open_screen_ms_p95"],
        "idle_cpu_percent": idle["idle_cpu_percent"],
        "merge_ms_large": merge["merge_ms"],
        "merge_max_ms_large": merge["merge_max_ms"],
        "merge_peak_rss_mib": merge["peak_rss_mib"],
        "merge_rss_after_mib": merge["rss_after_mib"],
        "merge_rss_ratio": merge["peak_rss_mib"] / floor["peak_rss_mib"],
        "merge_records_in": merge["incoming"],
        "merge_conflicts": merge["conflicts"],
        "large_file_mib": store_large["file_mib"],
        "small_file_mib": store_small["file_mib"],
        "large_meetings": store_large["meetings"],
        "kdf_params": store_large["kdf"],
    }
    details = {
        "store_small": store_small,
        "store_large": store_large,
        "startup": startup,
        "typing": typing,
        "screens": screens,
        "idle": idle,
        "merge": merge,
        "growth": growth,
        "large_generate_s": large_info["seconds"],
        "small_generate_s": small_info["seconds"],
    }
    return {"figures": figures, "details": details}


def verdicts(figures: dict[str, Any]) -> dict[str, bool]:
    """Which targets are met (only a full run is judged)."""
    return {name: figures[name] <= target for name, (target, _unit) in TARGETS.items()}


def table(figures: dict[str, Any], judged: bool) -> str:
    """The figures as a text table (with targets; with verdicts on a full run)."""
    rows = [
        ("start-up to first paint of the session screen", "startup_s", "s"),
        ("  same, KDF left out", "startup_without_kdf_s", "s"),
        ("  floor (bare Textual app)", "startup_floor_s", "s"),
        ("  ratio (app - KDF) / floor", "startup_ratio", ""),
        ("KDF alone (unlock)", "kdf_s", "s"),
        ("unlock, large file (KDF included)", "unlock_s_large", "s"),
        ("peak memory of the start-up, KDF left out", "rss_mib", "MiB"),
        ("  floor", "rss_floor_mib", "MiB"),
        ("  ratio app / floor", "rss_ratio", ""),
        ("note edit until durable, small file p50", "save_p50_ms_small", "ms"),
        ("  p95", "save_p95_ms_small", "ms"),
        ("note edit until durable, large file p50", "save_p50_ms_large", "ms"),
        ("  p95", "save_p95_ms_large", "ms"),
        ("key to screen while saving, p95", "key_to_render_ms_p95", "ms"),
        ("  p50", "key_to_render_ms_p50", "ms"),
        ("  p95 with the saver idle", "key_to_render_ms_p95_no_saves", "ms"),
        ("list a group's meetings, large file (median)", "query_ms_large", "ms"),
        ("open a screen, large file, p95", "open_screen_ms_p95_large", "ms"),
        ("idle CPU, phase clock running", "idle_cpu_percent", "%"),
        ("merge two laptops' copies, large file (median)", "merge_ms_large", "ms"),
        ("  max", "merge_max_ms_large", "ms"),
        ("  peak memory of the merging process", "merge_peak_rss_mib", "MiB"),
        ("  ratio merge peak / floor", "merge_rss_ratio", ""),
        ("large file", "large_file_mib", "MiB"),
    ]
    judged_by = verdicts(figures) if judged else {}
    lines = [f"{'figure':<48} {'value':>10}  {'target':>9}  {'met' if judged else ''}", "-" * 76]
    for label, key, unit in rows:
        target = TARGETS.get(key)
        value = f"{figures[key]:.3f}" if unit in ("s", "") else f"{figures[key]:.1f}"
        bound = f"<= {target[0]:g}" if target else ""
        verdict = ("yes" if judged_by[key] else "NO") if key in judged_by else ""
        lines.append(f"{label:<48} {value + ' ' + unit:>10}  {bound:>9}  {verdict}")
    return "\n".join(lines)


# -- RESULTS.md ----------------------------------------------------------------------------------


def kept_analysis() -> str:
    """The hand-written analysis between the markers of the current RESULTS.md (kept across runs)."""
    text = _read(str(RESULTS))
    if ANALYSIS_START in text and ANALYSIS_END in text:
        return text.split(ANALYSIS_START, 1)[1].split(ANALYSIS_END, 1)[0].strip("\n")
    return "(Write what you believe causes each miss, and what to try, here; run.py keeps this part.)"


def results_markdown(
    info: dict[str, str],
    figures: dict[str, Any],
    details: dict[str, Any],
    started: str,
    seconds: float,
    load: tuple[tuple[float, ...], tuple[float, ...]],
) -> str:
    judged = verdicts(figures)
    startup, store_small, store_large = details["startup"], details["store_small"], details["store_large"]
    typing, idle, merge = details["typing"], details["idle"], details["merge"]
    out = [
        "# Benchmark results",
        "",
        f"Written by `python benchmarks/run.py` on {started} (took {seconds / 60:.1f} min). "
        "How to run and what each figure means: [README.md](README.md).",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {name} | {value} |" for name, value in info.items()],
        f"| Load average (1, 5, 15 min) | before {load[0][0]:.2f} {load[0][1]:.2f} {load[0][2]:.2f}; "
        f"after {load[1][0]:.2f} {load[1][1]:.2f} {load[1][2]:.2f} (shared machine) |",
        "",
        "Every Textual run is **headless** (`App.run(headless=True, size=(120, 40))`, Pilot for the typing "
        "run), the app and the floor alike, so the harness runs without a terminal (CI). Each frame is "
        "still turned into the terminal output a real run would write (and dropped); only the `write` to "
        "a terminal, and the terminal's own drawing, are not in the figures.",
        "",
        "## Figures and targets",
        "",
        "| figure | value | target | met |",
        "|---|---:|---:|:---:|",
    ]
    for name, (target, unit) in TARGETS.items():
        value = figures[name]
        shown = f"{value:.3f}" if unit in ("s", "x floor") else f"{value:.1f}"
        out.append(f"| `{name}` | {shown} {unit} | ≤ {target:g} {unit} | {'yes' if judged[name] else '**no**'} |")
    out += [
        "",
        "```",
        table(figures, judged=True),
        "```",
        "",
        "## Start-up in detail",
        "",
        f"Medians of {startup['runs']} alternating runs of floor and app (one warm-up pair not counted). "
        "From the parent's `time.monotonic()` just before it starts the process to the end of the first "
        "frame of the session screen (the floor: of its only screen), on the same machine-wide clock.",
        "",
        "| phase | app | floor |",
        "|---|---:|---:|",
    ]
    labels = [
        ("interpreter start (exec to the script's first line)", "interpreter_s"),
        ("imports before the file is opened", "imports_s"),
        ("unlock (lock, read, KDF, decrypt)", "unlock_s"),
        ("  of which the KDF", "kdf_s"),
        ("importing and building the Textual app", "app_import_s"),
        ("app.run to the first frame of the session screen", "to_first_paint_s"),
        ("total", "total_s"),
    ]
    for label, key in labels:
        floor_value = startup["floor"].get(key, 0.0) if key not in ("unlock_s", "kdf_s") else 0.0
        out.append(f"| {label} | {startup['app'][key] * 1000:.0f} ms | {floor_value * 1000:.0f} ms |")
    out += [
        "",
        f"App without the KDF, each run: {startup['app_totals']} s; floor: {startup['floor_totals']} s.",
        "",
        *(
            [f"Printed on stderr by a measured process (last line): `{line}`" for line in startup["stderr"]] + [""]
            if startup["stderr"]
            else []
        ),
        f"Peak memory (VmHWM) at the first frame: app {startup['app']['peak_rss_mib']:.1f} MiB "
        f"(resident then {startup['app']['rss_at_paint_mib']:.1f}), floor {startup['floor']['peak_rss_mib']:.1f} MiB. "
        + (
            "The app's peak was reset right after the KDF returned, so Argon2id's own 64 MiB (allocated and "
            "freed inside the KDF call) is left out; everything else, the decryption of the whole file included, "
            "is in."
            if startup["peak_reset"]
            else "**The peak could not be reset after the KDF here (/proc/self/clear_refs not writable): the app's "
            "figure includes the KDF's 64 MiB.**"
        ),
        "",
        "## Saving, listing, typing, idle",
        "",
        f"* Note edit until durable (`repository.put(note)`, fsync included), {store_small['edits']} different "
        f"edits of the notes of the newest meeting: small file ({store_small['file_mib']:.2f} MiB) p50 "
        f"{store_small['save_p50_ms']:.1f} ms, p95 {store_small['save_p95_ms']:.1f} ms, max "
        f"{store_small['save_max_ms']:.1f} ms; large file ({store_large['file_mib']:.1f} MiB, "
        f"{store_large['meetings']} meetings) p50 {store_large['save_p50_ms']:.1f} ms, p95 "
        f"{store_large['save_p95_ms']:.1f} ms, max {store_large['save_max_ms']:.1f} ms (the max is the first "
        "save after unlock, which also writes the backup).",
        f"* Listing a group's meetings (`repository.meetings`, {store_large['query_meetings']} meetings of "
        f"{store_large['meetings']}): median {store_large['query_ms']:.2f} ms.",
        f"* Key to screen (typing_latency.py): {typing['keys']} keys typed into the note field of the running "
        f"meeting on the large file while the app's saver wrote without a pause ({typing['saves_during_typing']} "
        f"full saves completed meanwhile, each {typing['save_ms_p50_during_typing']:.0f} ms p50 / "
        f"{typing['save_ms_p95_during_typing']:.0f} ms p95 from hand-in to durable): p50 "
        f"{typing['key_to_render_ms_p50']:.1f} ms, p95 {typing['key_to_render_ms_p95']:.1f} ms, max "
        f"{typing['key_to_render_ms_max']:.1f} ms. With the saver idle: p50 {typing['quiet_ms_p50']:.1f} ms, "
        f"p95 {typing['quiet_ms_p95']:.1f} ms. Measured from the key event entering the app (as a terminal key "
        "does, `driver.send_message`) to the end of the first frame that shows the character; 50 ms between keys.",
        f"* Idle (idle.py): {idle['wall_s']:.0f} s with the phase clock running on the session screen of the "
        f"large file: {idle['cpu_s'] * 1000:.0f} ms of CPU = {idle['idle_cpu_percent']:.2f} % of one core, "
        f"{idle['frames_per_s']:.2f} frames a second.",
        "",
        "## Merging two laptops' copies",
        "",
        f"merge_bench.py: the large file copied to two laptops, each with a month of its own work "
        f"({merge['new_meetings_each']} new full meetings on each, edits, deletions, the running meeting closed on one "
        f"and added to on the other; the copies then {merge['file_mib_a']:.1f} and {merge['file_mib_b']:.1f} MiB), "
        f"merged with `merge_into(a, b)` from the call to the end of the durable save, the backup of A that the "
        f"session's first save takes included, unlock not (an unlock: {merge['unlock_ms']:.0f} ms median, KDF included). "
        f"{merge['runs']} runs on fresh copies: median {merge['merge_ms']:.0f} ms, max {merge['merge_max_ms']:.0f} ms "
        f"(each: {merge['merge_runs_ms']} ms). Came in: {merge['incoming']} records "
        f"({', '.join(f'{kind} {count}' for kind, count in merge['incoming_by_kind'].items())}), "
        f"{merge['new_meetings']} of them new meetings; {merge['conflicts']} conflicts. Checked after every run on "
        "the file reopened from disk: both laptops' meetings, edits and deletions, and exactly the expected conflicts.",
        "",
        f"Memory of the merging process (no Textual loaded; both files unlocked, the peak reset after the KDFs): "
        f"{merge['rss_before_mib']:.1f} MiB resident before the merge, peak {merge['peak_rss_mib']:.1f} MiB, "
        f"{merge['rss_after_mib']:.1f} MiB after; against the floor's {startup['floor']['peak_rss_mib']:.1f} MiB "
        f"that is {figures['merge_rss_ratio']:.2f} x (budget {TARGETS['merge_rss_ratio'][0]:g} x, as for start-up).",
        "",
        "## How costs grow",
        "",
        "Files of the large layout (12 groups, full meetings) with the number of meetings scaled; real "
        "default KDF; 100 note edits each.",
        "",
        "| size | meetings | unlock (KDF incl.) | KDF alone | save p50 | save p95 | list meetings | generate |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in details["growth"]:
        out.append(
            f"| {row['file_mib']:.1f} MiB | {row['meetings']} | {row['unlock_s'] * 1000:.0f} ms | "
            f"{row['kdf_s'] * 1000:.0f} ms | {row['save_p50_ms']:.1f} ms | {row['save_p95_ms']:.1f} ms | "
            f"{row['query_ms']:.2f} ms | {row['generate_s']:.0f} s |"
        )
    missed = [name for name, ok in judged.items() if not ok]
    out += [
        "",
        "## Targets missed and what to try",
        "",
        (
            "Missed in this run: "
            + ", ".join(f"`{name}` = {figures[name]:.3g} (target ≤ {TARGETS[name][0]:g})" for name in missed)
            + "."
        )
        if missed
        else "Every target was met.",
        "",
        ANALYSIS_START,
        kept_analysis(),
        ANALYSIS_END,
        "",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small and fast: only checks that the harness works")
    parser.add_argument("--workdir", type=Path, default=None, help="where generated files go (default: a temp folder)")
    args = parser.parse_args(argv)
    started = datetime.now(UTC).astimezone()
    clock0, load0 = time.monotonic(), os.getloadavg()
    workdir = Path(tempfile.mkdtemp(prefix="intervisie-bench-", dir=args.workdir))

    def log(message: str) -> None:
        print(f"[{time.monotonic() - clock0:6.1f} s] {message}", flush=True)

    try:
        info = machine(workdir)
        if info["Work folder filesystem"] in ("tmpfs", "ramfs"):
            log("warning: the work folder is in memory (tmpfs): fsync costs nothing there; use --workdir")
        measured = measure(workdir, args.quick, log)
    except HarnessError as error:
        print(f"benchmark harness failed: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    figures, details = measured["figures"], measured["details"]
    seconds = time.monotonic() - clock0
    print()
    print(table(figures, judged=not args.quick))
    if args.quick:
        print("(--quick: small files and fast KDF; the figures only show that the harness works)")
    else:
        RESULTS.write_text(
            results_markdown(
                info, figures, details, started.strftime("%Y-%m-%d %H:%M %Z"), seconds, (load0, os.getloadavg())
            )
        )
        print(f"written: {RESULTS}")
    summary = {"mode": "quick" if args.quick else "full", "seconds": round(seconds, 1), **figures}
    print(json.dumps({key: round(value, 4) if isinstance(value, float) else value for key, value in summary.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
