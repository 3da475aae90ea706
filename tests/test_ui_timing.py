"""The server's script-run timing (app/ui/timing.py), as bench/classroom_bench.py reads it:
one line per run, a fragment's rerun included, a fragment inside a whole-page run not twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ui import timing


@pytest.fixture
def timing_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "timing.tsv"
    monkeypatch.setenv(timing.ENV, str(path))
    return path


def pages(path: Path) -> list[str]:
    return [line.split("\t")[1] for line in path.read_text().splitlines()]


def test_a_whole_page_run_with_its_fragment_is_one_line(timing_log: Path) -> None:
    with timing.script_run() as run:
        run.page = "quiz"
        with timing.script_run("quiz"):  # the question area, run inside the page
            pass
    assert pages(timing_log) == ["quiz"]


def test_a_fragment_rerun_on_its_own_is_a_line_of_its_own(timing_log: Path) -> None:
    with timing.script_run() as run:
        run.page = "quiz"
    with timing.script_run("quiz"):  # a click inside the fragment reruns only the fragment
        pass
    assert pages(timing_log) == ["quiz", "quiz"]
    fields = timing_log.read_text().splitlines()[1].split("\t")
    assert len(fields) == 6 and float(fields[2]) >= 0 and float(fields[4]) >= 0


def test_a_run_that_stops_is_timed_and_the_next_one_too(timing_log: Path) -> None:
    with pytest.raises(RuntimeError), timing.script_run("quiz"):
        raise RuntimeError("st.stop or st.rerun")
    with timing.script_run("home"):
        pass
    assert pages(timing_log) == ["quiz", "home"]


def test_nothing_is_written_when_timing_is_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(timing.ENV, raising=False)
    with timing.script_run("quiz"):
        pass
    assert list(tmp_path.iterdir()) == []
