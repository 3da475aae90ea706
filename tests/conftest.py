"""Shared fixtures: every test writes scores to its own temporary CSV."""

from __future__ import annotations

from pathlib import Path

import pytest

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
