"""The C allocator is tuned on Linux with glibc only, and never fails the start (allocator.py)."""

from __future__ import annotations

import sys

import pytest

from intervisie_tui.allocator import M_ARENA_MAX, M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES, give_back, tune_allocator


class FakeLibc:
    """A C library that records what mallopt was asked."""

    def __init__(self, answer: int = 1) -> None:
        self.asked: list[tuple[int, int]] = []
        self.answer = answer

    def mallopt(self, number: int, value: int) -> int:
        self.asked.append((number, value))
        return self.answer

    def malloc_trim(self, pad: int) -> int:
        self.asked.append((0, pad))
        return self.answer


def test_on_linux_with_glibc_one_arena_and_a_fixed_threshold() -> None:
    libc = FakeLibc()
    assert tune_allocator("linux", lambda: libc) == ["M_ARENA_MAX=1", f"M_MMAP_THRESHOLD={MMAP_THRESHOLD_BYTES}"]
    assert libc.asked == [(M_ARENA_MAX, 1), (M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)]


@pytest.mark.parametrize("platform", ["darwin", "win32", "cygwin"])
def test_elsewhere_nothing_is_loaded_or_set(platform: str) -> None:
    def never() -> FakeLibc:
        raise AssertionError("the C library was loaded")

    assert tune_allocator(platform, never) == []


def test_a_libc_without_mallopt_or_that_refuses_changes_nothing() -> None:
    class Musl:
        pass

    def missing() -> FakeLibc:
        raise OSError("no C library")

    assert tune_allocator("linux", lambda: Musl()) == []
    assert tune_allocator("linux", missing) == []
    assert tune_allocator("linux", lambda: FakeLibc(answer=0)) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the real glibc")
def test_the_real_glibc_takes_both_settings() -> None:
    assert len(tune_allocator()) == 2


@pytest.mark.parametrize("answer", [1, 0])
def test_giving_back_asks_glibc_to_trim_the_whole_heap(answer: int) -> None:
    libc = FakeLibc(answer)
    assert give_back("linux", lambda: libc) is bool(answer)
    assert libc.asked == [(0, 0)]


def test_giving_back_elsewhere_or_without_malloc_trim_does_nothing() -> None:
    def never() -> FakeLibc:
        raise AssertionError("the C library was loaded")

    class Musl:
        pass

    assert give_back("darwin", never) is False
    assert give_back("win32", never) is False
    assert give_back("linux", lambda: Musl()) is False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the real glibc")
def test_the_real_glibc_trims_without_failing() -> None:
    assert give_back() in (True, False)
    assert give_back() in (True, False)  # the function found once serves again
