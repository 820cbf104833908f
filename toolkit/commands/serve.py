"""``policykit serve``: the web app, on this computer, in the browser."""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
import threading
import webbrowser
from pathlib import Path

import click

from ..errors import InputError

TOKEN_ENV = "POLICYKIT_TOKEN"


def default_data_dir() -> Path:
    """The per-user data folder: where the workspace lives unless --data says otherwise."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "policykit"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{port} ({exc.strerror}); is policykit already running? "
                             f"Try --port {port + 1}") from None


@click.command("serve")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Workspace folder (database, uploaded files, parse cache). [default: your user data folder]")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but this computer needs --token.")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True, help="Port to listen on.")
@click.option("--open/--no-open", "open_browser", default=True, show_default=True,
              help="Open the dashboard in your browser once the server is up.")
@click.option("--demo", is_flag=True,
              help="Start on a demo workspace holding the bundled sample policies.")
@click.option("--samples", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="With --demo: the folder of sample policies. [default: source_policies]")
@click.option("--token", default=None, metavar="PASSWORD",
              help=f"Access password asked for in the browser (or set ${TOKEN_ENV}). Required with a non-local --host.")
@click.option("--max-file-mb", type=click.FloatRange(0.1, 2048), default=50, show_default=True,
              help="Largest file accepted in an upload, in MB.")
@click.option("--max-files", type=click.IntRange(1, 10000), default=100, show_default=True,
              help="Most files accepted in one upload.")
def command(data_dir: Path | None, host: str, port: int, open_browser: bool, demo: bool, samples: Path | None,
            token: str | None, max_file_mb: float, max_files: int) -> None:
    """Start the policykit web app: upload, the trust dashboard, compare and generate.

    Everything stays on this computer: the app listens on 127.0.0.1 only, unless
    --host says otherwise (and then an access password is required).

    \b
    Examples:
      policykit serve --demo              the sample policies, to try it out
      policykit serve                     your workspace, in your user data folder
      policykit serve --data ~/trust-policies --port 8800 --no-open
      POLICYKIT_TOKEN=s3cret policykit serve --host 0.0.0.0   (shared on the network)
    """
    import uvicorn  # noqa: PLC0415 - only this command needs the server

    from ..web import ServeConfig, create_app  # noqa: PLC0415
    from ..web.app import LOOPBACK_HOSTS  # noqa: PLC0415

    token = token or os.environ.get(TOKEN_ENV) or None
    if not is_loopback(host) and not token:
        raise click.UsageError(f"--host {host} would let other computers reach the workspace; "
                               f"set an access password with --token or ${TOKEN_ENV} first")
    folder = data_dir or default_data_dir()
    if demo and data_dir is None:
        folder = folder / "demo"
    _check_port(host, port)
    allowed = LOOPBACK_HOSTS if is_loopback(host) else ("*",)
    config = ServeConfig(data_dir=folder, token=token, max_file_bytes=int(max_file_mb * 1024 * 1024),
                         max_files=max_files, allowed_hosts=allowed)
    app = create_app(config)
    state = app.state.policykit
    click.echo(f"policykit workspace: {state.workspace.folder.resolve()}")
    if demo:
        from ..web.demo import load_demo  # noqa: PLC0415
        from .demo import _samples_folder  # noqa: PLC0415 - the same sample lookup as `policykit demo`

        folder_of_samples = _samples_folder(samples)
        if not folder_of_samples.is_dir():
            raise InputError("sample folder not found; run from the repository or pass --samples", path=folder_of_samples)
        added = load_demo(state.workspace, state.workers, folder_of_samples)
        if added:
            click.echo(f"Loaded {added} sample policies into the demo workspace.")
    shown_host = "localhost" if host in ("127.0.0.1", "localhost") else host
    url = f"http://{shown_host}:{port}/"
    click.echo(f"Open {url} in your browser (Ctrl+C to stop).")
    if open_browser:
        threading.Timer(1.0, lambda: webbrowser.open(url)).start()
    uvicorn.run(app, host=host.strip("[]"), port=port, log_level="warning", access_log=False)
