"""`brink app`: start the browser dashboard (`solara run app.py`) on this machine.

Binds to 127.0.0.1 unless told otherwise, prints the URL, and runs Solara in production mode
with its telemetry and version check off, so nothing leaves the machine (no CDN, no pings).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from sim.cli.common import fail

APP = Path(__file__).resolve().parents[2] / "app.py"
APP_MODULE = "sim.dashboard.page"  # the same page, for installs without the source checkout's app.py
OFFLINE_ENV = {
    "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",  # solara posts usage statistics otherwise
    "SOLARA_THEME_SHOW_BANNER": "False",  # its "runs on Solara" badge covers the charts
}
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def solara_command(host: str, port: int, app: Path | str | None = None) -> list[str]:
    """The `solara run` command line the dashboard is started with (app.py, else the module)."""
    if app is None:
        app = APP if APP.is_file() else APP_MODULE
    return [
        sys.executable,
        "-m",
        "solara",
        "run",
        str(app),
        "--host",
        host,
        "--port",
        str(port),
        "--production",
        "--no-open",
        "--no-check-version",
    ]


def server_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for the solara process: the caller's, with telemetry off."""
    env = dict(os.environ if base is None else base)
    env.update(OFFLINE_ENV)
    return env


def app(
    host: Annotated[str, typer.Option(help="Address to bind; 0.0.0.0 exposes the dashboard to your network.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8765,
) -> None:
    """Open the browser dashboard: step, play and compare runs, ensembles and saved results."""
    shown = f"[{host}]" if ":" in host else host
    if host not in LOCAL_HOSTS:
        typer.echo(
            f"warning: --host {host} lets other machines on the network open the dashboard, run models "
            "on this computer and read scenario files under scenarios/ and runs/. Use it only on a "
            "network you trust (a classroom), and stop the server afterwards.",
            err=True,
        )
    typer.echo(f"Brinkmanship dashboard: http://{shown}:{port}/  (Ctrl+C to stop)")
    try:
        result = subprocess.run(solara_command(host, port), env=server_env(), check=False)
    except KeyboardInterrupt:
        raise typer.Exit(0) from None
    if result.returncode not in (0, -2, 130):
        fail(f"the dashboard server stopped with exit code {result.returncode} (is port {port} free?)", code=1)
