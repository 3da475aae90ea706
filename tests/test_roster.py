"""The class roster: codes kept only as hashes, sign-in, changes, and a file never half-written."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from app import roster
from app.roster import RosterError, add_students, load_roster, new_codes, remove_students


def test_codes_sign_students_in_and_are_never_stored(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    issued = add_students(path, ["Ana Lima", "  Bo   Chen ", ""])
    assert [i.name for i in issued] == ["Ana Lima", "Bo Chen"]
    text = path.read_text()
    for code in issued:
        assert len(code.code) == roster.CODE_LENGTH
        assert code.code not in text
    loaded = load_roster(path)
    assert loaded is not None
    ana, bo = issued
    assert loaded.sign_in("Ana Lima", ana.code) == loaded.find("ana lima")
    assert loaded.sign_in("ANA  lima", f"{ana.code[:4].lower()}-{ana.code[4:]}") is not None
    assert loaded.sign_in("Ana Lima", bo.code) is None  # someone else's code
    assert loaded.sign_in("Nobody", ana.code) is None


@pytest.mark.parametrize(
    ("names", "message"),
    [
        ([], "give at least one name"),
        (["  "], "give at least one name"),
        (["Ana", "ana"], "'ana' is given twice"),
        (["Ana Lima"], "already on the roster: Ana Lima"),
        (["x" * 201], "longer than 200 characters"),
    ],
)
def test_bad_additions_are_refused_and_change_nothing(
    tmp_path: Path, names: list[str], message: str
) -> None:
    path = tmp_path / "roster.csv"
    add_students(path, ["Ana Lima"])
    before = path.read_bytes()
    with pytest.raises(RosterError, match=message):
        add_students(path, names)
    assert path.read_bytes() == before


def test_a_new_code_replaces_the_old_one_and_removing_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    ana, _ = add_students(path, ["Ana", "Bo"])
    (fresh,) = new_codes(path, ["ana"])
    loaded = load_roster(path)
    assert loaded is not None
    assert loaded.sign_in("Ana", ana.code) is None
    assert loaded.sign_in("Ana", fresh.code) is not None
    remove_students(path, ["Ana"])
    loaded = load_roster(path)
    assert loaded is not None and loaded.names == ["Bo"]
    with pytest.raises(RosterError, match="'Zed' is not on the roster"):
        new_codes(path, ["Zed"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("student,code\nAna,x\n", "does not start with the line name,code_hash"),
        ("", "does not start with the line name,code_hash"),
        ("name,code_hash\nAna,plaintext\n", "line 2 of the roster file is not name,code_hash"),
        ("name,code_hash\nAna\n", "line 2 of the roster file is not name,code_hash"),
        (b"name,code_hash\n\xff\xfe\n", "cannot be read"),
    ],
)
def test_a_damaged_roster_file_is_reported(
    tmp_path: Path, content: str | bytes, message: str
) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(RosterError, match=message) as error:
        load_roster(path)
    assert str(tmp_path) not in str(error.value)


def test_no_file_no_roster(tmp_path: Path) -> None:
    assert load_roster(tmp_path / "none.csv") is None


def _add(path: str, name: str) -> None:
    add_students(Path(path), [name])


def test_two_instructors_adding_at_once_lose_no_one(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    names = [f"Student {i}" for i in range(8)]
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        pool.starmap(_add, [(str(path), name) for name in names])
    loaded = load_roster(path)
    assert loaded is not None and sorted(loaded.names) == sorted(names)
    assert not list(tmp_path.glob(".roster-*"))  # no temporary file left behind


def test_the_printable_list_escapes_names() -> None:
    page = roster.printable_list([roster.IssuedCode("<b>Ana</b>", "ABCD2345")])
    assert "&lt;b&gt;Ana&lt;/b&gt;" in page and "<b>Ana" not in page
    assert "ABCD-2345" in page
