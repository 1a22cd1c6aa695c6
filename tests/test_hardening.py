"""Textual's leak switches are removed and core dumps are off (docs/HARDENING.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from intervisie_tui import hardening
from intervisie_tui.hardening import disable_core_dumps, neutralise_textual_environment

LINUX = sys.platform.startswith("linux")


def _python(code: str, env: dict[str, str] | None = None) -> str:
    """Run ``code`` in a fresh interpreter (its limits and environment stay its own); return stdout."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


# -- Textual's switches ---------------------------------------------------------------------


def test_the_leak_switches_are_removed_and_named() -> None:
    environ = {
        "TEXTUAL_LOG": "/tmp/textual.log",
        "TEXTUAL_SCREENSHOT": "2",
        "TEXTUAL_SCREENSHOT_LOCATION": "/tmp",
        "TEXTUAL_DEBUG": "1",
        "TEXTUAL": "devtools, Debug,headless",
        "TEXTUAL_ANIMATIONS": "none",
        "HOME": "/home/x",
    }
    removed = neutralise_textual_environment(environ)
    assert removed == [
        "TEXTUAL_LOG",
        "TEXTUAL_SCREENSHOT",
        "TEXTUAL_SCREENSHOT_LOCATION",
        "TEXTUAL_DEBUG",
        "TEXTUAL=devtools",
        "TEXTUAL=debug",
    ]
    assert environ == {"TEXTUAL": "headless", "TEXTUAL_ANIMATIONS": "none", "HOME": "/home/x"}


def test_only_leaky_features_go_and_an_empty_feature_list_is_removed() -> None:
    environ = {"TEXTUAL": "devtools"}
    assert neutralise_textual_environment(environ) == ["TEXTUAL=devtools"]
    assert environ == {}
    environ = {"TEXTUAL": "headless"}
    assert neutralise_textual_environment(environ) == []
    assert environ == {"TEXTUAL": "headless"}


def test_a_clean_environment_is_left_alone() -> None:
    environ = {"TEXTUAL_THEME": "nord", "PATH": "/bin"}
    assert neutralise_textual_environment(environ) == []
    assert environ == {"TEXTUAL_THEME": "nord", "PATH": "/bin"}


def test_after_the_neutraliser_textual_neither_logs_nor_screenshots(tmp_path: Path) -> None:
    """In a fresh interpreter: import the CLI (no textual yet), neutralise, then read textual's settings."""
    env = {
        **os.environ,
        "TEXTUAL_LOG": str(tmp_path / "textual.log"),
        "TEXTUAL_SCREENSHOT": "1",
        "TEXTUAL_SCREENSHOT_LOCATION": str(tmp_path),
        "TEXTUAL_DEBUG": "1",
        "TEXTUAL": "devtools,debug",
    }
    out = _python(
        """
        import json, os, sys
        import intervisie_tui.cli
        from intervisie_tui.hardening import neutralise_textual_environment
        loaded_early = "textual" in sys.modules
        removed = neutralise_textual_environment(os.environ)
        from textual import constants
        from textual.app import App
        print(json.dumps({"loaded_early": loaded_early, "removed": removed, "log": constants.LOG_FILE,
                          "screenshot": constants.SCREENSHOT_DELAY, "location": constants.SCREENSHOT_LOCATION,
                          "debug": constants.DEBUG, "features": sorted(App().features)}))
    """,
        env,
    )
    state = json.loads(out)
    assert state["loaded_early"] is False  # importing the CLI does not import textual
    assert "TEXTUAL_LOG" in state["removed"] and "TEXTUAL_SCREENSHOT" in state["removed"]
    assert state["log"] is None
    assert state["screenshot"] == -1
    assert state["location"] is None
    assert state["debug"] is False
    assert state["features"] == []
    assert not (tmp_path / "textual.log").exists()


def test_cli_main_neutralises_before_textual_is_imported(tmp_path: Path) -> None:
    """``cli.main`` itself removes the switches: textual, imported afterwards, sees none."""
    env = {
        **os.environ,
        "TEXTUAL_LOG": str(tmp_path / "textual.log"),
        "TEXTUAL_SCREENSHOT": "1",
        "TEXTUAL": "devtools",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    out = _python(
        """
        import json, sys
        from intervisie_tui import cli
        try:
            cli.main(["--version"])
        except SystemExit:
            pass
        from textual import constants
        from textual.app import App
        print(json.dumps([constants.LOG_FILE, constants.SCREENSHOT_DELAY, sorted(App().features)]))
    """,
        env,
    )
    assert json.loads(out.splitlines()[-1]) == [None, -1, []]


async def test_the_app_names_what_was_switched_off(tmp_path: Path) -> None:
    from tests.ui.helpers import make_app

    app = make_app(tmp_path, demo=True, unlocked=True, neutralised=("TEXTUAL_LOG", "TEXTUAL=devtools"))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        warnings = [notice for notice in app._notifications if notice.severity == "warning"]
        assert len(warnings) == 1
        assert "TEXTUAL_LOG" in warnings[0].message and "TEXTUAL=devtools" in warnings[0].message


async def test_nothing_is_said_when_nothing_was_switched_off(tmp_path: Path) -> None:
    from tests.ui.helpers import make_app

    app = make_app(tmp_path, demo=True, unlocked=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert not any("TEXTUAL" in notice.message for notice in app._notifications)


# -- core dumps ------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="no resource module, no core dumps to switch off")
def test_core_dumps_are_off_after_the_call() -> None:
    out = _python("""
        import json, resource, sys
        from intervisie_tui.hardening import disable_core_dumps
        done = disable_core_dumps()
        dumpable = None
        if sys.platform.startswith("linux"):
            import ctypes
            dumpable = ctypes.CDLL(None, use_errno=True).prctl(3, 0, 0, 0, 0)  # PR_GET_DUMPABLE
            status = open("/proc/self/status").read()
            line = next(l for l in status.splitlines() if l.startswith("Dumpable:")) if "Dumpable:" in status else ""
        else:
            line = ""
        print(json.dumps({"done": done, "limit": list(resource.getrlimit(resource.RLIMIT_CORE)),
                          "dumpable": dumpable, "status": line}))
    """)
    state = json.loads(out)
    assert state["limit"] == [0, 0]
    assert "RLIMIT_CORE=0" in state["done"]
    if LINUX:
        assert state["dumpable"] == 0
        assert "PR_SET_DUMPABLE=0" in state["done"]
        if state["status"]:
            assert state["status"].split() == ["Dumpable:", "0"]


@pytest.mark.skipif(sys.platform == "win32", reason="no resource module")
def test_cli_main_switches_core_dumps_off_for_every_command(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    out = _python(
        """
        import resource
        from intervisie_tui import cli
        cli.main(["check", "/nonexistent/intervisie-test.ivt"])
        print(list(resource.getrlimit(resource.RLIMIT_CORE)))
    """,
        env,
    )
    assert out.splitlines()[-1] == "[0, 0]"


def test_a_platform_without_resource_or_prctl_does_not_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """No ``resource`` (Windows) and no ``ctypes``: nothing done, nothing raised; this process keeps its limits."""
    monkeypatch.setitem(sys.modules, "resource", None)  # import resource -> ImportError
    monkeypatch.setitem(sys.modules, "ctypes", None)
    assert disable_core_dumps() == []
    assert disable_core_dumps(platform="win32") == []


def test_without_resource_linux_still_becomes_non_dumpable() -> None:
    out = _python("""
        import json, sys
        sys.modules["resource"] = None
        from intervisie_tui.hardening import disable_core_dumps
        print(json.dumps(disable_core_dumps()))
    """)
    assert json.loads(out) == (["PR_SET_DUMPABLE=0"] if LINUX else [])


def test_a_refused_setting_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """setrlimit raising (a sandbox) or prctl missing from libc: nothing raised, nothing claimed."""

    class Refusing:
        RLIMIT_CORE = 4

        @staticmethod
        def setrlimit(_which: int, _limits: tuple[int, int]) -> None:
            raise ValueError("not allowed")

    class NoPrctl:
        @staticmethod
        def CDLL(*_args: object, **_kwargs: object) -> object:  # ctypes' name
            return object()

    monkeypatch.setitem(sys.modules, "resource", Refusing)
    monkeypatch.setitem(sys.modules, "ctypes", NoPrctl)
    assert disable_core_dumps(platform="linux") == []


def test_the_module_loads_no_textual() -> None:
    out = _python("import sys, intervisie_tui.hardening; print('textual' in sys.modules)")
    assert out.strip() == "False"
    assert hardening.PR_SET_DUMPABLE == 4 and hardening.PR_GET_DUMPABLE == 3
