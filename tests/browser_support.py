"""A real `streamlit run` server on a free port and Debian's Chromium driven by Playwright.

Shared by the browser tests and the benchmarks in bench/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Playwright

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port(address: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((address, 0))
        return probe.getsockname()[1]


@contextmanager
def streamlit_server(
    script: Path,
    scores_path: Path,
    options: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
    address: str = "127.0.0.1",
) -> Iterator[str]:
    """Run `streamlit run script` on a free port until the block ends; yield its base URL.

    `options` are Streamlit config options, e.g. {"runner.postScriptGC": "false"}; `env` adds
    environment variables (e.g. QUIZ_SCORES_URL); `address` is the one the server listens on.
    """
    with streamlit_process(script, scores_path, options, env, address) as (url, _):
        yield url


@contextmanager
def streamlit_process(
    script: Path,
    scores_path: Path,
    options: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
    address: str = "127.0.0.1",
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Like `streamlit_server`, and yield the server process too (to kill it mid-test)."""
    port = free_port(address)
    environment = {**os.environ, "QUIZ_SCORES_PATH": str(scores_path), **(env or {})}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        *(f"--{name}={value}" for name, value in (options or {}).items()),
    ]
    log = scores_path.parent / f"streamlit-{port}.log"
    with open(log, "wb") as output:
        server = subprocess.Popen(command, cwd=REPO, env=environment, stdout=output, stderr=output)
    url = f"http://{address}:{port}"
    try:
        wait_healthy(url, server, log)
        yield url, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_healthy(url: str, server: subprocess.Popen, log: Path, timeout_s: float = 60) -> None:
    """Wait until the server at `url` answers its health check (its log on an early exit)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output = log.read_text(errors="replace")
            raise RuntimeError(f"streamlit exited early:\n{output}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.02)  # the benches time a server's start: poll often
    raise RuntimeError(f"streamlit did not answer at {url} within {timeout_s} s")


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, with nothing that reaches the network."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
