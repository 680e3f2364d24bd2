"""Exiting when the terminal goes away.

A reader whose terminal window is closed must exit (what it has to write is
written as it exits). The kernel says so with SIGHUP, but only to a process whose
controlling terminal it was, and a reader started under `nohup` (or by a program
that ignores hang-ups for it) inherits SIGHUP ignored. Textual then carries on:
its input thread reads end-of-file from the dead terminal in a loop, burning a
CPU for as long as the process lives.

So the reader takes SIGHUP back, whatever it inherited, and a thread also waits
for the terminal itself to hang up (poll reports it on the file, signal or not).
Either way the standard streams are pointed at /dev/null first: Textual's last
writes (putting the terminal back as it was) then go nowhere instead of failing
in its writer thread, and Python's own flush at exit does not fail either.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType


class TerminalWatch:
    """Calls `gone` (from the event loop, once) when the terminal on the standard
    streams hangs up or SIGHUP arrives. `start` in the event loop's thread."""

    def __init__(
        self, gone: Callable[[], None], call_soon_threadsafe: Callable[[Callable[[], None]], object]
    ) -> None:
        self._gone = gone
        self._call_soon_threadsafe = call_soon_threadsafe
        self._told = threading.Event()
        self._previous: Callable[[int, FrameType | None], object] | int | None = None
        self._stop_read = self._stop_write = -1
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Take SIGHUP and watch the terminal, if the standard streams are one."""
        if sys.platform == "win32":
            return
        terminals = [fd for fd in _standard_fds() if os.isatty(fd)]
        if not terminals:
            return
        self._previous = signal.signal(signal.SIGHUP, self._hang_up)
        self._stop_read, self._stop_write = os.pipe()
        self._thread = threading.Thread(
            target=self._wait, args=(terminals,), name="reader-terminal-watch", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop watching; SIGHUP does what it did before `start`."""
        if sys.platform == "win32" or self._thread is None:
            return
        signal.signal(signal.SIGHUP, self._previous if self._previous is not None else signal.SIG_DFL)
        os.write(self._stop_write, b"x")
        self._thread.join()
        self._thread = None
        os.close(self._stop_read)
        os.close(self._stop_write)

    def _hang_up(self, signum: int, frame: FrameType | None) -> None:
        self._terminal_gone()

    def _wait(self, terminals: list[int]) -> None:
        hung_up = select.POLLHUP | select.POLLERR | select.POLLNVAL
        poller = select.poll()
        for fd in terminals:
            poller.register(fd, 0)  # no events asked for: only a hang-up (or error) wakes it
        poller.register(self._stop_read, select.POLLIN)
        while True:
            for fd, events in poller.poll():
                if fd == self._stop_read:
                    return
                if events & hung_up:
                    self._terminal_gone()
                    return

    def _terminal_gone(self) -> None:
        if self._told.is_set():
            return
        self._told.set()
        _streams_to_null()
        self._call_soon_threadsafe(self._gone)


def _standard_fds() -> list[int]:
    """The file descriptors of the standard streams Textual reads and writes."""
    fds = []
    for stream in (sys.__stdin__, sys.__stdout__, sys.__stderr__):
        if stream is None:
            continue
        try:
            fds.append(stream.fileno())
        except (OSError, ValueError):  # closed, or no file behind it
            continue
    return fds


def _streams_to_null() -> None:
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in _standard_fds():
            os.dup2(null, fd)
    finally:
        os.close(null)
