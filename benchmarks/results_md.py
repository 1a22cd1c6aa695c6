"""benchmarks/RESULTS.md: the figures of a full run of run.py, beside the old harness's, and what missed.

run.py calls :func:`render`. The hand-written part between the analysis markers of the current
RESULTS.md is kept from run to run; everything else is written from the run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from startup import IDLE_ALLOWANCE_S, IDLE_WINDOW_S

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
ANALYSIS_START, ANALYSIS_END = "<!-- analysis: kept by run.py -->", "<!-- /analysis -->"

OLD_HARNESS = "the in-process harness, last full run 2026-11-23 17:44 UTC at 7e77852"
BEFORE: dict[str, tuple[str, str]] = {
    "startup_ratio": (
        "1.246",
        "unpaired medians, to the first paint, headless, GC held for the app only, heavier floor",
    ),
    "startup_s": ("0.662 s", "KDF in, to the first paint"),
    "startup_kdf_out_s": ("0.469 s", "to the first paint"),
    "floor_s": ("0.376 s", "the heavier floor, to its first paint"),
    "rss_idle_ratio": ("1.406", "peak at the first paint with the KDF's 64 MiB reset away, against the heavier floor"),
    "rss_idle_mib": ("51.4 MiB", "at the first paint"),
    "kdf_s": ("0.150 s", "same method"),
    "save_p95_ms_small": ("2.4 ms", "200 edits, no compaction"),
    "save_p95_ms_large": ("3.9 ms", "200 edits, no compaction"),
    "key_to_screen_ms_p95": ("5.7 ms", "key_to_render_ms_p95: a coroutine on the app's loop, to the frame"),
    "key_to_screen_ms_p95_saver_idle": ("4.7 ms", "the in-process typing, saver idle"),
    "query_ms_large": ("2.8 ms", "same method"),
    "idle_cpu_percent": ("0.7 %", "getrusage inside the headless app"),
    "open_screen_ms_p95_large": (
        "512 ms",
        "first figure, 2026-12-05, in-process and headless to the frame's paint (docs/PERFORMANCE.md); now in a pty",
    ),
    "merge_ms_large": ("337 ms", "first figure, 2026-12-05 (docs/PERFORMANCE.md); same method"),
}
"""The old harness's figures (``key: (value, how it was taken)``), kept beside the new ones."""


def kept_analysis() -> str:
    """The hand-written analysis between the markers of the current RESULTS.md (kept across runs)."""
    try:
        text = RESULTS.read_text()
    except OSError:
        text = ""
    if ANALYSIS_START in text and ANALYSIS_END in text:
        return text.split(ANALYSIS_START, 1)[1].split(ANALYSIS_END, 1)[0].strip("\n")
    return "(Write what you believe causes each miss, and what to try, here; run.py keeps this part.)"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def _value(value: Any, unit: str) -> str:
    if value is None:
        return "not measured"
    if unit in ("s", "x floor", "x live"):
        return f"{value:.3f} {unit}"
    return f"{value:.1f} {unit}"


def _startup_section(figures: dict[str, Any], startup: dict[str, Any]) -> list[str]:
    out = [
        "## Start-up",
        "",
        f"{startup['pairs']} rounds after {startup['warmup']} warm-up round(s); in each, one after the other in a "
        "120 x 40 pty: the floor, the app with `--passphrase-file`, the app without one (unlock screen, then the "
        "passphrase and Enter). Times from the harness's clock just before the start; content: the first screen's "
        "text in the terminal output; idle: the first moment after which the whole process ran at most "
        f"{IDLE_ALLOWANCE_S * 1000:.0f} ms of CPU in {IDLE_WINDOW_S:g} s (/proc). KDF out: the part of the KDF that "
        "delayed the first screen, as the app noted it in that run (startup.py).",
        "",
        "| round | floor content | floor idle | app content | KDF (thread) | taken out | app content, KDF out "
        "| app idle, KDF out | ratio content | ratio idle | unlock screen | Enter → meeting | its KDF |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = zip(
        startup["floors"],
        startup["apps"],
        startup["unlocks"],
        startup["startup_ratios"],
        startup["startup_idle_ratios"],
        strict=True,
    )
    for number, (floor, app, unlock, ratio, idle_ratio) in enumerate(rows, 1):
        kdf = app["kdf"]
        where = "main" if kdf["on_main_thread"] else "other"
        out.append(
            f"| {number} | {_ms(floor['content_s'])} | {_ms(floor['idle_s'])} | {_ms(app['content_s'])} | "
            f"{_ms(kdf['kdf_s'])} ({where}) | {_ms(kdf['delay_s'])} | {_ms(app['content_kdf_out_s'])} | "
            f"{_ms(app['idle_kdf_out_s'])} | {ratio:.2f} | {idle_ratio:.2f} | {_ms(unlock['content_s'])} | "
            f"{_ms(unlock['enter_to_meeting_s'])} | {_ms(unlock['kdf_s'])} |"
        )
    pairs = figures["startup_ratio_pairs"]
    idle_pairs = figures["startup_idle_ratio_pairs"]
    unlock_pairs = figures["unlock_screen_ratio_pairs"]
    out += [
        "",
        "All times in ms. Per-pair ratios (min / median / max): to the content "
        f"{pairs[0]:.2f} / {pairs[1]:.2f} / {pairs[2]:.2f}; to idle {idle_pairs[0]:.2f} / {idle_pairs[1]:.2f} / "
        f"{idle_pairs[2]:.2f}; unlock screen {unlock_pairs[0]:.2f} / {unlock_pairs[1]:.2f} / {unlock_pairs[2]:.2f}.",
        "",
    ]
    if figures["kdf_wait_not_noted"]:
        out += [
            "**The KDF ran on another thread and the app noted no `kdf_wait`**: nothing was taken out of those "
            'runs, so their "KDF out" times still hold whatever part of the KDF delayed the first screen (an '
            "upper bound). The code that waits for the key should note the wait "
            '(`timings.note("kdf_wait", started)`, `intervisie_tui/timings.py`).',
            "",
        ]
    pinned = list(zip(startup["pinned_floors"], startup["pinned_apps"], strict=True))
    if pinned:
        out += [
            f"Pinned to one core (floor and app each `sched_setaffinity` to CPU 0, as `taskset -c 0`), "
            f"{len(pinned)} pair(s): "
            + "; ".join(
                f"floor {_ms(floor['content_s'])} ms, app {_ms(app['content_s'])} ms (KDF out "
                f"{_ms(app['content_kdf_out_s'])}, idle KDF out {_ms(app['idle_kdf_out_s'])})"
                for floor, app in pinned
            )
            + f". Ratio to the content {figures['startup_ratio_one_core']:.2f}, to idle "
            f"{figures['startup_idle_ratio_one_core']:.2f} (not judged).",
            "",
        ]
    return out


def _memory_section(figures: dict[str, Any], startup: dict[str, Any]) -> list[str]:
    apps, floors, unlocks = startup["apps"], startup["floors"], startup["unlocks"]
    return [
        "## Memory",
        "",
        f"Resident (`VmRSS`) once the first screen is idle: app {figures['rss_idle_mib']:.1f} MiB, floor "
        f"{figures['rss_idle_floor_mib']:.1f} MiB, ratio {figures['rss_idle_ratio']:.2f} (median of pairs; each run: "
        f"app {[round(run['rss_idle_mib'], 1) for run in apps]}, floor {[round(run['rss_idle_mib'], 1) for run in floors]}).",
        f"Whole-process peak (`VmHWM` just before ctrl+q): app {figures['peak_rss_mib']:.1f} MiB, floor "
        f"{figures['peak_rss_floor_mib']:.1f} MiB; the KDF alone adds {figures['kdf_mib']:.1f} MiB to a process's peak "
        f"(store_bench.py), so the budget is {figures['peak_rss_floor_mib']:.1f} + {figures['kdf_mib']:.1f} + 20 = "
        f"{figures['peak_rss_floor_mib'] + figures['kdf_mib'] + 20:.1f} MiB.",
        f"Through the unlock screen: {sum(run['rss_idle_mib'] for run in unlocks) / len(unlocks):.1f} MiB resident on "
        f"the unlock screen, {sum(run['rss_meeting_idle_mib'] for run in unlocks) / len(unlocks):.1f} MiB on the "
        f"meeting after it, peak {sum(run['peak_mib'] for run in unlocks) / len(unlocks):.1f} MiB (means).",
        "",
    ]


def _store_typing_section(figures: dict[str, Any], details: dict[str, Any]) -> list[str]:
    small, large = details["store_small"], details["store_large"]
    typing, one = details["typing"], details["typing_one_core"]
    idle, screens, merge = details["idle"], details["screens"], details["merge"]

    def saves(store: dict[str, Any]) -> str:
        times = sorted(store["compaction_ms"])
        compactions = f"median {times[len(times) // 2]:.0f} ms, slowest {times[-1]:.0f} ms" if times else "none"
        return (
            f"{store['edits']} edits of a {store['file_mib']:.2f} MiB file: p50 {store['save_p50_ms']:.1f} ms, "
            f"p95 {store['save_p95_ms']:.1f} ms, max {store['save_max_ms']:.1f} ms; {store['compactions']} "
            f"compactions among them ({compactions})"
        )

    def keys(run: dict[str, Any]) -> str:
        busy, quiet, pump = run["busy_ms"], run["quiet_ms"], run["saves"]
        return (
            f"{run['keys']} keys while the saver wrote ({pump['saves']} saves, p50 {pump['save_ms_p50']:.0f} ms, "
            f"p95 {pump['save_ms_p95']:.0f} ms, max {pump['save_ms_max']:.0f} ms; {run['compactions_during_typing']} "
            f"compactions while typing): p50 {busy['p50']:.1f} ms, p95 {busy['p95']:.1f} ms, max {busy['max']:.1f} ms. "
            f"{run['quiet_keys']} keys with the saver idle: p50 {quiet['p50']:.1f} ms, p95 {quiet['p95']:.1f} ms, "
            f"max {quiet['max']:.1f} ms"
        )

    return [
        "## Saving, listing, typing, idle, screens, merging",
        "",
        f"* Note edit until durable (`repository.put`, fsync included), compactions included: small file, "
        f"{saves(small)}; large file, {saves(large)}. The first save after the unlock also writes the backup.",
        f"* Listing a group's meetings (`repository.meetings`, {large['query_meetings']} of {large['meetings']}): "
        f"median {large['query_ms']:.2f} ms.",
        f"* Key to screen (typing_pty.py, keys written every 50 ms by the harness into the pty, to the letter in the "
        f"terminal output): {keys(typing)}.",
        f"* The same with the app pinned to one core (the harness free): {keys(one)}.",
        f"* Idle (idle.py): {idle['wall_s']:.0f} s on the running meeting after start-up: {idle['cpu_s'] * 1000:.0f} ms "
        f"of CPU (whole process, /proc/PID/stat) = {idle['idle_cpu_percent']:.2f} % of one core; "
        f"{idle['terminal_bytes_per_s']:.0f} bytes a second to the terminal.",
        f"* Opening a screen (open_screens.py, a key written into the app's pty to the new screen's text in the "
        f"output): p50 {screens['open_screen_ms_p50']:.0f} ms, p95 {screens['open_screen_ms_p95']:.0f} ms, max "
        f"{screens['open_screen_ms_max']:.0f} ms over {screens['opened']} openings; by other keys than Esc p95 "
        f"{screens['open_screen_ms_p95_not_escape']:.0f} ms; per screen (median): "
        + ", ".join(f"{name} {ms:.0f}" for name, ms in screens["per_screen_ms_median"].items())
        + f" ms. Resident memory after the first round {screens['rss_first_round_mib']:.1f} MiB, after the last "
        f"{screens['rss_last_round_mib']:.1f} MiB.",
        f"* Merging two laptops' copies (merge_bench.py): median {merge['merge_ms']:.0f} ms, max "
        f"{merge['merge_max_ms']:.0f} ms over {merge['runs']} runs; {merge['incoming']} records in, "
        f"{merge['conflicts']} conflicts; peak {merge['peak_rss_mib']:.1f} MiB = {figures['merge_rss_ratio']:.2f} x "
        "the floor's peak.",
        "",
    ]


def _disk_section(figures: dict[str, Any], disk: dict[str, Any]) -> list[str]:
    if not disk:
        return [
            "## Disk",
            "",
            "Not measured in this run: `benchmarks/disk_bench.py` was not there (run.py's `disk_budget` runs it "
            "when it is). `file_to_live_ratio` and `backups_to_live_ratio` are not judged.",
            "",
        ]
    out = [
        "## Disk, and how costs grow",
        "",
        f"disk_bench.py: the file against its live size, worst after any save "
        f"{_value(figures['file_to_live_ratio'], 'x live')}; all backups together "
        f"{_value(figures['backups_to_live_ratio'], 'x live')}. Unlock, memory and listing per size from "
        "store_bench.py on the same generated files (the tests' cheap KDF, so unlock is the KDF-out cost; "
        "memory is the process's with the file unlocked, no Textual).",
        "",
        "| size | meetings | unlock, KDF out | RSS unlocked | list a group | save p50 | save p95 | compactions "
        "| file / live | backups / live |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in disk.get("disk_growth", []):
        store = row.get("store", {})

        def cell(source: dict[str, Any], key: str, pattern: str) -> str:
            return pattern.format(source[key]) if source.get(key) is not None else "-"

        out.append(
            "| "
            + " | ".join(
                [
                    cell(row, "file_mib", "{:.1f} MiB"),
                    cell(row, "meetings", "{:.0f}"),
                    cell(store, "unlock_s", "{:.3f} s"),
                    cell(store, "rss_unlocked_mib", "{:.1f} MiB"),
                    cell(store, "query_ms", "{:.2f} ms"),
                    cell(row, "save_p50_ms", "{:.1f} ms"),
                    cell(row, "save_p95_ms", "{:.1f} ms"),
                    cell(row, "compactions", "{}"),
                    cell(row, "file_to_live_peak", "{:.2f}"),
                    cell(row, "backups_to_live_peak", "{:.2f}"),
                ]
            )
            + " |"
        )
    return [*out, ""]


def render(
    info: dict[str, str],
    figures: dict[str, Any],
    details: dict[str, Any],
    judged: dict[str, bool | None],
    bounds: dict[str, str],
    limits: dict[str, float],
    table: str,
    started: str,
    seconds: float,
    load: tuple[tuple[float, ...], tuple[float, ...]],
) -> str:
    """The whole of RESULTS.md."""
    out = [
        "# Benchmark results",
        "",
        f"Written by `python benchmarks/run.py` on {started} (took {seconds / 60:.1f} min). How each figure is "
        "taken: [README.md](README.md) and [docs/PERFORMANCE.md](../docs/PERFORMANCE.md).",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {name} | {value} |" for name, value in info.items()],
        f"| Load average (1, 5, 15 min) | before {load[0][0]:.2f} {load[0][1]:.2f} {load[0][2]:.2f}; "
        f"after {load[1][0]:.2f} {load[1][1]:.2f} {load[1][2]:.2f} (shared machine) |",
        "",
        "Start-up, memory, typing, idle and opening screens are taken from outside: whole processes through the "
        "real `intervisie` command in a 120 x 40 pseudo-terminal, against a bare Textual app (Header, Digits, "
        "DataTable, TextArea, Footer) started the same way, in alternation.",
        "",
        "## Figures and targets",
        "",
        f'"Before": {OLD_HARNESS}, which read lower for the reasons issue 20 gives; where its method differs the '
        "note says how.",
        "",
        "| figure | value | target | met | before | how before was taken |",
        "|---|---:|---:|:---:|---:|---|",
    ]
    for name, bound in bounds.items():
        verdict = {True: "yes", False: "**no**", None: "not measured"}[judged[name]]
        before, how = BEFORE.get(name, ("", ""))
        value = figures.get(name)
        ratio = " x " in bound or bound.endswith(" s")
        shown = "not measured" if value is None else f"{value:.3f}" if ratio else f"{value:.1f}"
        out.append(f"| `{name}` | {shown} | {bound} | {verdict} | {before} | {how} |")
    others = [f"`{name}` {value} ({how})" for name, (value, how) in BEFORE.items() if name not in bounds]
    out += ["", "Before, figures without a target: " + "; ".join(others) + "."]
    missed = [name for name, ok in judged.items() if ok is False]
    out += ["", "```", table, "```", ""]
    out += _startup_section(figures, details["startup"])
    out += _memory_section(figures, details["startup"])
    out += _store_typing_section(figures, details)
    out += _disk_section(figures, details["disk"])
    out += ["## Targets missed, with the gap", ""]
    if missed:
        for name in missed:
            value, limit = figures[name], limits[name]
            out.append(
                f"* `{name}` = {value:.3g}, budget {bounds[name]}: over by {value - limit:.3g} "
                f"({100 * (value / limit - 1):.0f} % over)."
            )
    else:
        out.append("Every measured target was met.")
    not_measured = [name for name, ok in judged.items() if ok is None]
    if not_measured:
        out += ["", "Not measured in this run: " + ", ".join(f"`{name}`" for name in not_measured) + "."]
    out += ["", ANALYSIS_START, kept_analysis(), ANALYSIS_END, ""]
    return "\n".join(out)
