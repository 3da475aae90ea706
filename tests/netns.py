"""A network namespace of the test's own, joined to this machine by a veth pair, so a browser
started in it really connects to the app from another (private) address. Needs root and `ip`.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Namespace:
    name: str
    host_address: str  # this machine's end of the veth pair: the app listens here
    guest_address: str  # the namespace's end: where the browser's connections come from

    def wrap(self, executable: str, folder: Path) -> Path:
        """A script that runs `executable` inside the namespace (for Playwright to launch)."""
        script = folder / f"in-{self.name}-{Path(executable).name}"
        script.write_text(f'#!/bin/sh\nexec ip netns exec {self.name} {executable} "$@"\n')
        script.chmod(0o755)
        return script


def available() -> str:
    """Why namespaces cannot be used here ("" when they can)."""
    if os.geteuid() != 0:
        return "creating a network namespace needs root"
    if shutil.which("ip") is None:
        return "the `ip` command (iproute2) is missing"
    return ""


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, timeout=30)


@contextmanager
def private_namespace() -> Iterator[Namespace]:
    """Create the namespace and the veth pair (10.231.x.y/30), and remove both afterwards."""
    tag = f"{os.getpid() % 10000}{random.randrange(100)}"
    name, host_side, guest_side = f"quiz{tag}", f"qh{tag}", f"qg{tag}"
    block = random.randrange(0, 64) * 4
    third = random.randrange(1, 255)
    host, guest = f"10.231.{third}.{block + 1}", f"10.231.{third}.{block + 2}"
    _ip("netns", "add", name)
    try:
        _ip("link", "add", host_side, "type", "veth", "peer", "name", guest_side)
        try:
            _ip("link", "set", guest_side, "netns", name)
            # No IPv6 link-local addresses: one appearing a moment after the link came up made
            # Chromium in the namespace abort the page's loads with ERR_NETWORK_CHANGED.
            _ip("link", "set", "dev", host_side, "addrgenmode", "none")
            _ip("-n", name, "link", "set", "dev", guest_side, "addrgenmode", "none")
            _ip("addr", "add", f"{host}/30", "dev", host_side)
            _ip("link", "set", host_side, "up")
            _ip("netns", "exec", name, "ip", "addr", "add", f"{guest}/30", "dev", guest_side)
            _ip("netns", "exec", name, "ip", "link", "set", guest_side, "up")
            _ip("netns", "exec", name, "ip", "link", "set", "lo", "up")
            yield Namespace(name, host, guest)
        finally:
            subprocess.run(["ip", "link", "del", host_side], capture_output=True, timeout=30)
    finally:
        subprocess.run(["ip", "netns", "del", name], capture_output=True, timeout=30)
