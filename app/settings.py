"""Where the app finds its banks and writes its scores (environment, with defaults)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def questions_dir() -> Path:
    """`QUIZ_QUESTIONS_DIR`, default `questions/` of this repository."""
    return Path(os.environ.get("QUIZ_QUESTIONS_DIR") or REPO_ROOT / "questions")


def scores_path() -> Path:
    """`QUIZ_SCORES_PATH`, default `data/scores.csv` of this repository."""
    return Path(os.environ.get("QUIZ_SCORES_PATH") or REPO_ROOT / "data" / "scores.csv")


def scores_url() -> str:
    """`QUIZ_SCORES_URL` (a `postgresql://` URL), or "" to use the CSV file."""
    return os.environ.get("QUIZ_SCORES_URL", "").strip()


def scores_target() -> str:
    """Where scores are kept: the database URL when one is set, else the CSV file's path."""
    return scores_url() or str(scores_path())
