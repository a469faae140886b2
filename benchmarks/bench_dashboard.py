"""How fast the dashboard loads, in headless Debian chromium against a real `brink app` server.

    .venv/bin/python benchmarks/bench_dashboard.py [--tabs 10] [--profile private|disk]

Measures, after the server answers:
  * first usable page: from navigation until every chart of the Run view is drawn;
  * reload: the same, for a reload of that page (plotly.js comes from the browser cache);
  * N tabs at once: N tabs of one browser opened together, until the last one is usable;
  * MB transferred per page load: HTTP bodies plus websocket frames, from Chrome's network log.
Targets (issue 12): first page <= 5 s, reload <= 3 s, 10 tabs <= 15 s, < 8 MB per load.
For the tabs it also reports the CPU seconds the server and the browser (all its processes)
spent, and the machine's load average before and after: on a shared 2-core machine the
tabs' time is mostly the browser drawing ten pages at once, and other jobs slow it down.
The browser's CPU is split by Chromium process (renderer: the pages themselves; browser, gpu-process,
utility: Chromium's own work).

--profile: `private` (the default, as before) opens the tabs in Playwright's usual context, which
behaves like a private window: Chromium keeps no compiled-code cache there, so every tab compiles
Solara's and plotly's JavaScript afresh (about half of a tab's CPU). `disk` uses a fresh on-disk
profile, like a normal browser window that has opened the page before (here: the first page and the
reload): the tabs then reuse the compiled code.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sim.cli.dashboard import server_env, solara_command  # noqa: E402

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# usable: the controls are there and every chart in the window is drawn
USABLE = """() => {
  const charts = Array.from(document.querySelectorAll('.brink-chart'));
  const inView = charts.filter((c) => c.getBoundingClientRect().top < window.innerHeight);
  return charts.length >= 7 && inView.length > 0 && inView.every((c) => c.querySelector('.main-svg'))
    && document.querySelector('.brink-step') !== null;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        solara_command("127.0.0.1", port, ROOT / "app.py"),
        cwd=ROOT,
        env=server_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"the server did not answer on {url}")


class Traffic:
    """Bytes received by one page: HTTP bodies (encoded) plus websocket frames, via CDP."""

    def __init__(self, context, page):
        self.bytes = 0
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.loadingFinished", lambda e: self._add(e.get("encodedDataLength", 0)))
        cdp.on("Network.webSocketFrameReceived", lambda e: self._add(len(e["response"].get("payloadData", ""))))
        cdp.on("Network.webSocketFrameSent", lambda e: self._add(len(e["response"].get("payloadData", ""))))

    def _add(self, n: int) -> None:
        self.bytes += int(n)

    def take(self) -> float:
        mb, self.bytes = self.bytes / 1e6, 0
        return mb


def _stat(pid: int) -> tuple[int, float]:
    """(parent pid, user + system CPU seconds so far) of a process, from Linux /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / 100  # clock ticks (USER_HZ = 100)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far, to tell server from browser work."""
    return _stat(pid)[1]


def _kind(pid: int) -> str:
    """Chromium's process type (renderer, gpu-process, utility, zygote), 'browser' for the main one."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").split()  # zygote children: one string
    except OSError:
        return "other"
    kinds = [a.split(b"=", 1)[1].decode() for a in args if a.startswith(b"--type=")]
    return kinds[0] if kinds else ("browser" if args and b"chrom" in args[0] else "other")


def children_cpu_by_kind(root: int, skip: int) -> dict[str, float]:
    """CPU seconds of the live processes below `root` (the browser's) by Chromium process type,
    leaving out `skip`'s tree (the server)."""
    parents, cpu = {}, {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)], cpu[int(entry)] = _stat(int(entry))
            except OSError:  # gone meanwhile
                continue
    totals: dict[str, float] = {}
    todo = [root]
    while todo:
        pid = todo.pop()
        for child in (c for c, p in parents.items() if p == pid and c != skip):
            kind = _kind(child)
            totals[kind] = totals.get(kind, 0.0) + cpu[child]
            todo.append(child)
    return totals


def load_average() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def timed_load(page, url: str | None = None) -> float:
    started = time.monotonic()
    if url is None:
        page.reload()
    else:
        page.goto(url)
    page.wait_for_function(USABLE, timeout=120_000, polling=100)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tabs", type=int, default=10)
    parser.add_argument(
        "--profile",
        choices=("private", "disk"),
        default="private",
        help="private: Playwright's default context, like a private window (Chromium then keeps no "
        "compiled-script cache, so every tab compiles Solara's and plotly's JavaScript again); disk: a "
        "fresh on-disk profile, like a normal browser window that has opened the page before",
    )
    args = parser.parse_args()
    if shutil.which("chromium") is None:  # Playwright cannot download a browser here: say so, do not crash
        print(
            "bench_dashboard: skipped: Debian's chromium is not installed "
            "(`apt-get install chromium`; `.ci/run` installs it)",
            file=sys.stderr,
        )
        return
    from playwright.sync_api import sync_playwright

    load_before = load_average()
    port = free_port()
    proc = start_server(port)
    url = f"http://127.0.0.1:{port}/"
    try:
        with sync_playwright() as p:
            chromium = {"executable_path": shutil.which("chromium"), "headless": True, "args": ARGS}
            if args.profile == "disk":
                profile_dir = tempfile.TemporaryDirectory()
                context = browser = p.chromium.launch_persistent_context(
                    profile_dir.name, viewport={"width": 1280, "height": 720}, **chromium
                )
            else:
                browser = p.chromium.launch(**chromium)
                context = browser.new_context(viewport={"width": 1280, "height": 720})
            page = context.new_page()
            traffic = Traffic(context, page)
            first = timed_load(page, url)
            page.wait_for_timeout(500)
            first_mb = traffic.take()
            reload = timed_load(page)
            page.wait_for_timeout(500)
            reload_mb = traffic.take()
            page.close()

            # N tabs of one browser (sharing its cache, as a teacher's or a student's browser does);
            # each tab is its own dashboard session on the server.
            pages = [context.new_page() for _ in range(args.tabs)]
            started, server_cpu = time.monotonic(), cpu_seconds(proc.pid)
            browser_cpu = children_cpu_by_kind(os.getpid(), skip=proc.pid)
            for pg in pages:
                pg.goto(url, wait_until="commit")
            for pg in pages:
                pg.wait_for_function(USABLE, timeout=180_000, polling=200)
            tabs = time.monotonic() - started
            server_cpu = cpu_seconds(proc.pid) - server_cpu
            after = children_cpu_by_kind(os.getpid(), skip=proc.pid)
            by_kind = {k: v - browser_cpu.get(k, 0.0) for k, v in after.items()}
            browser_cpu = sum(by_kind.values())
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    print(f"browser profile: {args.profile}")
    print(f"first usable page   {first:6.2f} s   (target <= 5 s)")
    print(f"reload              {reload:6.2f} s   (target <= 3 s)")
    print(f"{args.tabs} tabs at once      {tabs:6.2f} s   (target <= 15 s)")
    print(f"  CPU for the tabs: server {server_cpu:.1f} s, browser {browser_cpu:.1f} s (on {os.cpu_count()} cores)")
    shares = sorted(by_kind.items(), key=lambda kv: -kv[1])
    print("    browser by process: " + ", ".join(f"{kind} {cpu:.1f}" for kind, cpu in shares))
    print(f"transferred, first  {first_mb:6.2f} MB  (target < 8 MB)")
    print(f"transferred, reload {reload_mb:6.2f} MB")
    print(f"load average (1/5/15 min) before {load_before}, after {load_average()}")


if __name__ == "__main__":
    main()
