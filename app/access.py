"""Who may open the instructor pages. Pure: addresses, headers, passwords and clocks come in.

A browser on the server's own machine (a loopback connection) is an instructor without a
password. Any other browser needs `QUIZ_INSTRUCTOR_PASSWORD`; with no password set it never
reaches the instructor pages at all. Forwarding headers (`X-Forwarded-For`, `Forwarded`) are
set by whoever connects, so they are trusted only when `QUIZ_TRUST_FORWARDED` says so; a
connection that carries one is otherwise treated as coming from another machine.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

FORWARDING_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip")
FIRST_DELAY_S = 1.0
MAX_DELAY_S = 300.0


class Origin(StrEnum):
    LOCAL = "local"  # the server's own machine
    REMOTE = "remote"  # any other machine, or a proxy whose word is not trusted


def origin_of(
    address: str | None, headers: Mapping[str, str], *, trust_forwarded: bool = False
) -> Origin:
    """Where a connection comes from.

    `address` is the connection's peer as Streamlit reports it (`st.context.ip_address`:
    None for a loopback peer). With `trust_forwarded`, the nearest proxy's word (the last
    address of `X-Forwarded-For`, or `X-Real-IP`) replaces it.
    """
    lowered = {name.lower(): value for name, value in headers.items()}
    forwarded = [name for name in FORWARDING_HEADERS if lowered.get(name, "").strip()]
    if forwarded and trust_forwarded:
        claimed = _forwarded_address(lowered)
        return Origin.LOCAL if claimed is not None and _is_loopback(claimed) else Origin.REMOTE
    if forwarded:
        return Origin.REMOTE  # a proxy stands between: the browser may be anywhere
    if address is None or _is_loopback(address):
        return Origin.LOCAL
    return Origin.REMOTE


def _forwarded_address(headers: Mapping[str, str]) -> str | None:
    chain = [part.strip() for part in headers.get("x-forwarded-for", "").split(",")]
    chain = [part for part in chain if part]
    if chain:
        return chain[-1]
    real = headers.get("x-real-ip", "").strip()
    return real or None


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


def password_matches(typed: str, password: str) -> bool:
    """`typed` equals the instructor password, compared in constant time (digests first, so
    not even the length leaks). An empty password matches nothing."""
    if not password:
        return False
    return hmac.compare_digest(
        hashlib.sha256(typed.encode()).digest(), hashlib.sha256(password.encode()).digest()
    )


@dataclass(frozen=True)
class Wait:
    """A try refused before it was checked: come back in `seconds`."""

    seconds: float

    def __str__(self) -> str:
        return f"Too many wrong tries. Wait {max(1, round(self.seconds))} s and try again."


class Throttle:
    """Wrong tries per key (an address): after the n-th wrong try in a row, the next try is
    refused for FIRST_DELAY_S * 2**(n-1) seconds, at most MAX_DELAY_S. A right try clears it.

    Shared by every session of the server process, so opening a new tab does not reset it.
    Time is passed in (seconds on a monotonic clock).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, float]] = {}  # key -> (wrong tries, next allowed)

    def wait(self, key: str, now: float) -> Wait | None:
        """How long `key` must wait before its next try, or None when it may try now."""
        with self._lock:
            _, allowed = self._failures.get(key, (0, 0.0))
        return Wait(allowed - now) if now < allowed else None

    def failed(self, key: str, now: float) -> Wait:
        """Count a wrong try of `key`; return the wait before its next one."""
        with self._lock:
            count, _ = self._failures.get(key, (0, 0.0))
            count += 1
            delay = min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** (count - 1))
            self._failures[key] = (count, now + delay)
        return Wait(delay)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def failures(self, key: str) -> int:
        with self._lock:
            return self._failures.get(key, (0, 0.0))[0]


def normalized_name(name: str) -> str:
    """A name as typed, compared without case and with runs of spaces made one."""
    return " ".join(name.split()).casefold()


def header_map(headers: Iterable[tuple[str, str]] | Mapping[str, str]) -> dict[str, str]:
    """Headers as one lower-cased mapping (the last value of a repeated header wins)."""
    items = headers.items() if isinstance(headers, Mapping) else headers
    return {name.lower(): value for name, value in items}
