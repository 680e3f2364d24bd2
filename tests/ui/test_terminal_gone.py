"""The real `reader` command in a pseudo-terminal that goes away: it exits, and
what was marked before is in the state file.

Hang-ups are ignored, as under `nohup`: with its terminal as its controlling
terminal (the kernel sends SIGHUP, ignored) and with a terminal that is not (no
signal at all, as when another program owns the session).
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reader.storage.state import ReadingState
from tests.conftest import SAMPLES

# A safety bound, not a measurement: the reader takes well under a second.
EXIT_SECONDS = 20


def _command(folder: Path) -> tuple[list[str], dict[str, str]]:
    pages = folder / "pages"
    pages.mkdir()
    shutil.copy(SAMPLES / "01_desk_byline.txt", pages / "a.txt")
    argv = [
        sys.executable,
        "-m",
        "reader",
        "--state",
        str(folder / "state.sqlite3"),
        "--cache",
        str(folder / "pages.sqlite3"),
        str(pages),
    ]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "XDG_CACHE_HOME": str(folder / "cache"),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }
    return argv, env


def _size(fd: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))


@contextmanager
def _hang_ups_ignored() -> Iterator[None]:
    """SIGHUP ignored in this process while a child is started, which inherits it."""
    before = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGHUP, before)


def _start_controlling(argv: list[str], env: dict[str, str]) -> tuple[int, int]:
    """The command on a new terminal that is its controlling terminal, like a shell's."""
    pid, master = pty.fork()
    if pid == 0:  # the child: only system calls, then the command
        try:
            _size(0)
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    return pid, master


def _start_not_controlling(argv: list[str], env: dict[str, str], folder: Path) -> tuple[int, int]:
    """The command on a terminal that is not its controlling terminal: closing it
    sends no signal."""
    master, slave = os.openpty()
    _size(slave)
    with _hang_ups_ignored():
        process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=folder, start_new_session=True
        )
    os.close(slave)
    return process.pid, master


def _read_until(master: int, wanted: bytes, seconds: float = EXIT_SECONDS) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
    return seen


def _exit_status(pid: int, seconds: float) -> int | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    return None


@pytest.mark.parametrize("controlling", [True, False], ids=["controlling terminal", "other terminal"])
def test_the_reader_exits_when_its_terminal_goes_away(tmp_path: Path, controlling: bool) -> None:
    argv, env = _command(tmp_path)
    pid, master = (
        _start_controlling(argv, env) if controlling else _start_not_controlling(argv, env, tmp_path)
    )
    status = None
    try:
        # The page read, not just the header drawn: "0 unread" shows while it loads.
        assert b"1 unread" in _read_until(master, b"1 unread"), "the reader never showed the page"
        os.write(master, b"s")
        assert b"Saved" in _read_until(master, b"Saved"), "the article was never saved"
        os.close(master)  # the terminal window is closed
        master = -1
        status = _exit_status(pid, EXIT_SECONDS)
        assert status is not None, f"the reader still runs {EXIT_SECONDS} s after its terminal went away"
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        if master >= 0:
            os.close(master)
        if status is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    state = ReadingState(tmp_path / "state.sqlite3")
    try:
        assert len(state.saved_ids) == 1
    finally:
        state.close()
