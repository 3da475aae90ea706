"""Shared fixtures: every test writes scores to its own temporary CSV."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.pg_fixtures import pg_cluster_fixture, pg_url_fixture  # noqa: F401  (fixtures)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = REPO / "questions"
BANK_FILE = QUESTIONS / "russia-paratroopers-drill.yaml"
ARTICLE_FILE = QUESTIONS / "sources" / "russia-paratroopers-drill.txt"


@pytest.fixture(autouse=True)
def scores_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "scores.csv"
    monkeypatch.setenv("QUIZ_SCORES_PATH", str(path))
    monkeypatch.setenv("QUIZ_QUESTIONS_DIR", str(QUESTIONS))
    return path


def run_cli(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """`python -m app ARGS` in a fresh process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture
def questions_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled questions folder, which the app reads instead (edit it freely)."""
    copied = tmp_path / "questions"
    shutil.copytree(QUESTIONS, copied)
    monkeypatch.setenv("QUIZ_QUESTIONS_DIR", str(copied))
    return copied


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium for a module's browser tests; each test opens a context of its own."""
    from playwright.sync_api import sync_playwright

    from tests.browser_support import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()
