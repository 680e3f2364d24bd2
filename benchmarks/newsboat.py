"""newsboat as a reference for the reader's targets (issue 15), measured on the same
pages as the reader in the same run.

How it is measured:

- The feed. The synthetic folder's pages (benchmarks/synthetic.py's folder_pages:
  same count, same seed, so the same items) as ONE local RSS 2.0 file: each page's
  headline as <title>, the date of its byline as <pubDate>, its 8 paragraphs as
  <description> (HTML, escaped), and a unique <link> and <guid>. Written once to
  benchmarks/.pages/{count}-feed.xml and reused.
- Ingest. `newsboat -u urls -c cache.db -C config -x reload` in a fresh temporary
  folder (`urls` holds `file:///…/feed.xml`, `config` is empty, HOME points there
  too): wall time from launch to exit, and the peak RSS of that process as the
  kernel counts it (os.wait4's rusage). The items in its cache afterwards are
  counted, so a partial ingest shows. Its rate is items / seconds.
- Show. newsboat started on that cache in a tmux of its own (a private socket,
  120x40, no tmux config), its screen read by `tmux capture-pane` every 10 ms:
  the time from launch to the feed's row in the feed list, then Enter, and the time
  from launch to the first rows of the feed's article list. Then the RSS of the
  newsboat process (VmRSS, and its peak VmHWM, from /proc/PID/status) while it
  shows them.

Needs newsboat and tmux: `apt-get install newsboat tmux` (Debian 12 has newsboat
2.21.0, the version issue 15 names). At 100k pages on the 2-core machine, alone
(2026-11-30): ingest 77.2 s (1,295 items/s, peak RSS 776 MB), its feed list on
screen 1.44 s after launch, its 100k items 6.48 s after launch, then RSS 372 MB
(peak 424 MB).

Run: python benchmarks/newsboat.py [COUNT]   (default 2000; prints one JSON line)

Nothing here raises for a missing newsboat or tmux, a timeout or a failed run: the
result holds "error" (no ingest figures) or "show_error" (no show figures) instead.
"""

from __future__ import annotations

import email.utils
import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.synthetic import folder_pages  # noqa: E402

PAGES = HERE / ".pages"
FEED_TITLE = "Synthetic news desk"
INGEST_TIMEOUT = 1800.0  # seconds
SHOW_TIMEOUT = 600.0
POLL = 0.01
BYLINE_DATE = re.compile(r"([A-Z][a-z]+ \d{1,2}, \d{4} \d{1,2}:\d{2} [AP]M)")
# A row of the article list: its number, flags, date, headline ("   1 N  Jun 01   Deal …").
ITEM_ROW = re.compile(r"^\s*\d+\s+N\s+\w{3} \d{2}\s+\S")


def item_xml(n: int, text: str) -> str:
    """One page of the synthetic folder as an RSS item."""
    lines = text.split("\n")
    headline, byline = lines[3], lines[5]
    found = BYLINE_DATE.search(byline)
    if found is None:
        raise ValueError(f"page {n}: no date in its byline {byline!r}")
    published = datetime.strptime(found.group(1), "%B %d, %Y %I:%M %p").replace(tzinfo=UTC)
    paragraphs = [line for line in lines[7 : lines.index("News Feed")] if line]
    description = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        "<item>"
        f"<title>{escape(headline)}</title>"
        f"<link>https://news.invalid/synthetic/{n:06d}</link>"
        f'<guid isPermaLink="false">synthetic-{n:06d}</guid>'
        f"<pubDate>{email.utils.format_datetime(published)}</pubDate>"
        f"<description>{escape(description)}</description>"
        "</item>\n"
    )


def feed_of(count: int) -> Path:
    """The RSS file of the synthetic folder's `count` pages, written on first use."""
    feed = PAGES / f"{count}-feed.xml"
    if not feed.exists():
        PAGES.mkdir(parents=True, exist_ok=True)
        print(f"writing {count:,} items to {feed} …", flush=True)
        part = feed.with_suffix(".part")
        with part.open("w", encoding="utf-8") as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n')
            out.write(f"<title>{FEED_TITLE}</title><link>https://news.invalid/synthetic/</link>")
            out.write("<description>The benchmarks' synthetic pages</description>\n")
            for n, text in folder_pages(count):
                out.write(item_xml(n, text))
            out.write("</channel></rss>\n")
        part.rename(feed)
    return feed


def version() -> str | None:
    """newsboat's version ("2.21.0"), or None when it is not installed."""
    if shutil.which("newsboat") is None:
        return None
    shown = subprocess.run(["newsboat", "--version"], capture_output=True, text=True, timeout=30).stdout
    found = re.search(r"newsboat (\S+)", shown)
    return found.group(1) if found else shown.strip().split("\n")[0]


def run_timed(argv: list[str], env: dict[str, str], log: Path, timeout: float) -> tuple[float, float, int]:
    """Run a command in the folder of `log` to its end: (seconds, its peak RSS in MB,
    its exit code). Killed after `timeout` seconds (exit code -9)."""
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=out, stderr=out, env=env, cwd=log.parent
        )
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return seconds, usage.ru_maxrss / 1024, process.returncode  # ru_maxrss: kilobytes on Linux


def tail(log: Path) -> str:
    """The last line newsboat wrote, for an error row."""
    lines = log.read_text(errors="replace").strip().splitlines() if log.exists() else []
    return lines[-1][:120] if lines else "no output"


def items_in(cache: Path) -> int:
    with sqlite3.connect(cache) as db:
        return int(db.execute("SELECT COUNT(*) FROM rss_item").fetchone()[0])


def ingest(folder: Path, feed: Path, env: dict[str, str]) -> dict[str, Any]:
    """newsboat's reload of the feed into a fresh cache."""
    (folder / "urls").write_text(f"{feed.resolve().as_uri()}\n")
    (folder / "config").write_text("")
    log = folder / "ingest.log"
    argv = ["newsboat", "-u", "urls", "-c", "cache.db", "-C", "config", "-x", "reload"]
    seconds, rss_mb, code = run_timed(argv, env, log, INGEST_TIMEOUT)
    if code == -9:
        return {"error": f"newsboat's ingest timed out after {INGEST_TIMEOUT:.0f} s"}
    if code != 0 or not (folder / "cache.db").exists():
        return {"error": f"newsboat's ingest failed (exit {code}: {tail(log)})"}
    return {"ingest": seconds, "ingest_rss_mb": rss_mb, "items": items_in(folder / "cache.db")}


def rss_of(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    sizes = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.MULTILINE))
    return int(sizes["VmRSS"]) / 1024, int(sizes["VmHWM"]) / 1024


def newsboat_pid(pane_pid: int) -> int | None:
    """The newsboat process: the pane's own (the shell exec'd it) or a child of it."""
    for pid in [pane_pid, *children(pane_pid)]:
        try:
            if Path(f"/proc/{pid}/comm").read_text().strip() == "newsboat":
                return pid
        except OSError:
            continue
    return None


def children(parent: int) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = Path(f"/proc/{name}/stat").read_bytes()
            except OSError:
                continue
            if int(stat[stat.rindex(b")") + 2 :].split(None, 2)[1]) == parent:
                found.append(int(name))
    return found


def show(folder: Path, env: dict[str, str]) -> dict[str, Any]:
    """newsboat in tmux on the cache `ingest` filled: its feed list, then its items."""
    if shutil.which("tmux") is None:
        return {"show_error": "tmux not installed"}
    tmux = ["tmux", "-S", str(folder / "tmux.sock"), "-f", "/dev/null"]

    def screen() -> list[str]:
        return subprocess.run(
            [*tmux, "capture-pane", "-p", "-t", "nb"], capture_output=True, text=True, timeout=30
        ).stdout.splitlines()

    def until(shown: Any, what: str, started: float) -> float:
        while not shown(screen()):
            if time.perf_counter() - started > SHOW_TIMEOUT:
                raise TimeoutError(f"newsboat: no {what} after {SHOW_TIMEOUT:.0f} s")
            time.sleep(POLL)
        return time.perf_counter() - started

    command = f"cd {shlex.quote(str(folder))} && exec newsboat -u urls -c cache.db -C config"
    try:
        started = time.perf_counter()
        subprocess.run(
            [*tmux, "new-session", "-d", "-s", "nb", "-x", "120", "-y", "40", command],
            env=env,
            check=True,
            timeout=30,
        )
        feeds = until(lambda lines: any(FEED_TITLE in line for line in lines), "feed list", started)
        subprocess.run([*tmux, "send-keys", "-t", "nb", "Enter"], check=True, timeout=30)
        items = until(lambda lines: sum(bool(ITEM_ROW.match(line)) for line in lines) >= 10, "items", started)
        pane = subprocess.run(
            [*tmux, "list-panes", "-t", "nb", "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        pid = newsboat_pid(int(pane.stdout.split()[0]))
        if pid is None:
            return {"show_error": "newsboat's process not found in its tmux pane"}
        time.sleep(0.5)  # settled on the list it shows
        rss_mb, hwm_mb = rss_of(pid)
        subprocess.run([*tmux, "send-keys", "-t", "nb", "Q"], timeout=30)
        deadline = time.perf_counter() + 30
        while Path(f"/proc/{pid}").exists() and time.perf_counter() < deadline:
            time.sleep(0.05)
        return {"feeds_shown": feeds, "items_shown": items, "show_rss_mb": rss_mb, "show_hwm_mb": hwm_mb}
    except (OSError, subprocess.SubprocessError, TimeoutError, ValueError) as error:
        return {"show_error": f"newsboat's show failed: {error}"}
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, timeout=30)


def measure(count: int) -> dict[str, Any]:
    """newsboat's figures on the synthetic folder's `count` pages as one feed."""
    result: dict[str, Any] = {"count": count}
    try:
        result["version"] = version()
        if result["version"] is None:
            return {**result, "error": "newsboat not installed"}
        feed = feed_of(count)
        with tempfile.TemporaryDirectory(prefix="reader-bench-newsboat-") as tmp:
            folder = Path(tmp)
            env = {**os.environ, "HOME": tmp, "XDG_CONFIG_HOME": tmp, "XDG_DATA_HOME": tmp}
            env.setdefault("TERM", "xterm")
            env.pop("TMUX", None)
            result.update(ingest(folder, feed, env))
            if "error" not in result:
                result.update(show(folder, env))
    except Exception as error:  # a reference never stops the run: its rows say what failed
        result["error"] = f"newsboat: {type(error).__name__}: {error}"
    return result


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)))
