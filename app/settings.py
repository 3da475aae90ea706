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
