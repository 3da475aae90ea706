"""Editing banks: validate first, atomic replace with a backup, comments kept, no lost edits."""

from __future__ import annotations

import gc
import multiprocessing
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app import question_edit
from app.bank import load_bank
from app.bank_edit import SaveRefused, check_text, open_text, save_text
from app.bank_list import list_bank_files
from app.models import Numeric, ShortAnswer
from tests.quiz_driver import ENTRY, button

NAME = "russia-paratroopers-drill.yaml"


def test_a_valid_edit_is_saved_with_a_backup_and_comments_kept(questions_copy: Path) -> None:
    path = questions_copy / NAME
    opened = open_text(path)
    edited = opened.text.replace("title: Russia's paratrooper drill", "title: The drill", 1)
    save_text(path, edited, opened.digest)
    assert path.read_text() == edited
    assert "# --- The headline" in path.read_text()
    assert (questions_copy / (NAME + ".bak")).read_text() == opened.text
    assert load_bank(path).bank.title.startswith("The drill")
    assert not list(questions_copy.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("type: multiple_choice", "type: multiple_chioce", ":"),
        ("questions:", "questions: [", "not valid YAML"),
        ("answer: Elite paratroopers", "answer: Marines", "not one of the options"),
    ],
)
def test_an_invalid_save_is_refused_and_the_file_is_byte_for_byte_unchanged(
    questions_copy: Path, old: str, new: str, message: str
) -> None:
    path = questions_copy / NAME
    before = path.read_bytes()
    opened = open_text(path)
    with pytest.raises(SaveRefused) as refused:
        save_text(path, opened.text.replace(old, new, 1), opened.digest)
    assert path.read_bytes() == before
    assert not (questions_copy / (NAME + ".bak")).exists()
    assert refused.value.problems
    assert all(p.file == str(path) for p in refused.value.problems)
    assert any(message in str(p) for p in refused.value.problems)
    assert not list(questions_copy.glob(".*.tmp"))


def test_a_file_changed_since_it_was_opened_is_not_overwritten(questions_copy: Path) -> None:
    path = questions_copy / NAME
    opened = open_text(path)
    path.write_text(opened.text.replace("difficulty: easy", "difficulty: hard", 1))
    by_hand = path.read_bytes()
    with pytest.raises(SaveRefused, match="changed by someone else since you opened it"):
        save_text(path, opened.text + "\n# mine\n", opened.digest)
    assert path.read_bytes() == by_hand


def _save(path: str, digest: str, text: str) -> str:
    try:
        save_text(Path(path), text, digest)
    except SaveRefused as error:
        return str(error)
    return "saved"


def test_two_instructors_saving_at_once_never_corrupt_the_file(questions_copy: Path) -> None:
    path = questions_copy / NAME
    opened = open_text(path)
    texts = [opened.text + f"\n# edit {i}\n" for i in range(6)]
    with multiprocessing.get_context("spawn").Pool(3) as pool:
        results = pool.starmap(_save, [(str(path), opened.digest, t) for t in texts])
    assert results.count("saved") == 1
    assert all("changed by someone else" in r for r in results if r != "saved")
    assert path.read_text() == texts[results.index("saved")]
    load_bank(path)  # still valid


def test_question_list_edits_keep_comments_and_stay_valid(questions_copy: Path) -> None:
    path = questions_copy / NAME
    text = path.read_text()
    ids = question_edit.question_ids(text)
    moved = question_edit.move_question(text, 0, 1)
    assert question_edit.question_ids(moved)[:2] == [ids[1], ids[0]]
    twin = question_edit.duplicate_question(moved, 0)
    assert question_edit.question_ids(twin)[1] == f"{ids[1]}-2"
    shorter = question_edit.delete_question(twin, 2)
    assert question_edit.question_ids(shorter) == [ids[1], f"{ids[1]}-2", *ids[2:]]
    assert shorter.count("# ---") == text.count("# ---")
    assert check_text(path, shorter) == []
    with pytest.raises(SaveRefused, match="cannot move further"):
        question_edit.move_question(text, 0, -1)


def test_unchanged_round_trip_is_byte_for_byte(questions_copy: Path) -> None:
    text = (questions_copy / NAME).read_text()
    moved_back = question_edit.move_question(question_edit.move_question(text, 3, 1), 4, -1)
    assert moved_back == text


def test_the_list_shows_every_file_valid_or_not_and_picks_up_hand_edits(
    questions_copy: Path,
) -> None:
    (questions_copy / "broken.yaml").write_text("id: broken\ntitle: Broken\nquestions: []\n")
    files, _ = list_bank_files(questions_copy)
    by_name = {f.path.name: f for f in files}
    assert by_name[NAME].counts["multiple_choice"] > 0
    assert sum(by_name[NAME].counts.values()) == len(
        load_bank(questions_copy / NAME).bank.questions
    )
    assert "broken.yaml:3:" in str(by_name["broken.yaml"].problems[0])
    (questions_copy / "broken.yaml").write_text((questions_copy / NAME).read_text().replace(
        "id: russia-paratroopers-drill", "id: fixed").replace(
        "file: sources/", "file: sources/"))  # fmt: skip
    files, _ = list_bank_files(questions_copy)
    assert {f.path.name: f.problems for f in files}["broken.yaml"] == ()


def test_listing_banks_leaves_the_garbage_collector_as_it_was(questions_copy: Path) -> None:
    (questions_copy / "broken.yaml").write_text("id: broken\ntitle: Broken\nquestions: []\n")
    assert gc.isenabled()
    files, _ = list_bank_files(questions_copy)  # a valid bank and a broken one
    assert gc.isenabled()
    assert len(files) == 2
    gc.disable()
    try:
        list_bank_files(questions_copy)
        assert not gc.isenabled()  # paused by someone else: not switched on behind their back
    finally:
        gc.enable()


def open_banks(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ENTRY), default_timeout=30).run()
    at.switch_page("screens/banks.py")
    at.query_params.update(params or {})
    return at.run()


def test_banks_page_edits_checks_and_saves(
    questions_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.access import Origin
    from app.ui import access as ui_access

    monkeypatch.setattr(ui_access, "origin", lambda: Origin.LOCAL)
    (questions_copy / "broken.yaml").write_text("id: broken\ntitle: [\n")
    at = open_banks()
    assert not at.exception
    listing = at.dataframe[0].value
    assert set(listing["File"]) == {NAME, "broken.yaml"}
    assert "1 problem(s)" in set(listing["Status"])
    assert any("broken.yaml:" in c.value for c in at.code)

    path = questions_copy / NAME
    before = path.read_bytes()
    at.selectbox[0].select(NAME).run()
    box = at.text_area(key=f"yaml-{path}")
    box.input(before.decode().replace("type: multiple_choice", "type: essay", 1)).run()
    assert any("problem(s); the bank cannot be saved" in e.value for e in at.error)
    assert button(at, "Save").disabled
    assert path.read_bytes() == before

    at.text_area(key=f"yaml-{path}").input(
        before.decode().replace("difficulty: easy", "difficulty: hard", 1)
    ).run()
    assert any(s.value == "Valid." for s in at.success)
    button(at, "Save").click().run()
    assert not at.exception
    assert (
        path.read_text().count("difficulty: hard") == before.decode().count("difficulty: hard") + 1
    )
    assert (questions_copy / (NAME + ".bak")).read_bytes() == before


def tricky_bank(folder: Path, value: str) -> Path:
    path = folder / "tricky.yaml"
    path.write_text(
        "id: tricky\ntitle: Tricky\nquestions:\n"
        f"  - id: tf\n    type: true_false\n    prompt: Is it?\n    answer: {value}\n"
        "  - id: num\n    type: numeric\n    prompt: How many?\n    answer: 010\n"
        "  - id: time\n    type: short_answer\n    prompt: When?\n    answers: [1:30]\n"
    )
    return path


def test_the_quick_list_reads_yaml_1_2_as_the_loader_does(tmp_path: Path) -> None:
    path = tricky_bank(tmp_path, "true")
    (listed,), _ = list_bank_files(tmp_path)
    assert listed.bank == load_bank(path).bank
    number, time = listed.bank.question("num"), listed.bank.question("time")
    assert isinstance(number, Numeric) and number.answer == 10  # not octal eight (YAML 1.1)
    assert isinstance(time, ShortAnswer) and time.answers == ("1:30",)  # not 90 (YAML 1.1)


@pytest.mark.parametrize("value", ["yes", "on", "'true'"])
def test_yaml_1_1_booleans_are_not_booleans_in_the_list_either(tmp_path: Path, value: str) -> None:
    tricky_bank(tmp_path, value)
    (listed,), _ = list_bank_files(tmp_path)
    assert listed.bank is None
    assert "questions[0].answer" in str(listed.problems[0])
