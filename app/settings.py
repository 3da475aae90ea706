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


def roster_path() -> Path:
    """`QUIZ_ROSTER_PATH`, default `data/roster.csv`: when the file exists, students sign in."""
    return Path(os.environ.get("QUIZ_ROSTER_PATH") or REPO_ROOT / "data" / "roster.csv")


def instructor_password() -> str:
    """`QUIZ_INSTRUCTOR_PASSWORD`: opens the instructor pages from other machines ("" = never)."""
    return os.environ.get("QUIZ_INSTRUCTOR_PASSWORD", "")


def trust_forwarded() -> bool:
    """`QUIZ_TRUST_FORWARDED=1`: believe a proxy's X-Forwarded-For about where a browser is."""
    return os.environ.get("QUIZ_TRUST_FORWARDED", "").strip().lower() in {"1", "true", "yes"}
