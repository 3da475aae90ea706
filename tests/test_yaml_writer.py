"""The one YAML writer: how new banks read, and the atomic replace with its backup."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from app.formats.yaml_writer import bank_to_yaml, staged, write_file


def test_a_new_bank_reads_like_a_hand_written_one() -> None:
    bank = {
        "questions": [
            {"answer": True, "prompt": "Is it?", "type": "true_false", "id": "a", "tags": ["x"]},
            {"id": "b", "type": "numeric", "prompt": "How many?", "answer": 3.0},
        ],
        "feedback": "deferred",  # a setting this writer has not heard of goes before the list
        "flashcards": {"new_per_day": 5},
        "title": "T",
        "id": "t",
    }
    assert bank_to_yaml(bank, header="made by a test") == (
        "# made by a test\n"
        "id: t\n"
        "title: T\n"
        "flashcards:\n"
        "  new_per_day: 5\n"
        "feedback: deferred\n"
        "\n"
        "questions:\n"
        "  - id: a\n"
        "    type: true_false\n"
        "    prompt: Is it?\n"
        "    answer: true\n"
        "    tags: [x]\n"
        "\n"
        "  - id: b\n"
        "    type: numeric\n"
        "    prompt: How many?\n"
        "    answer: 3\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a\n#\nb",  # a lone '#' line inside a literal block is text, not a comment
        "line one\n\n- line three",
        " edge spaces \n",
        "word " * 40 + "end",
        "'single' and \"double\" quotes " * 4,
    ],
)
def test_any_text_reads_back_exactly(text: str) -> None:
    written = bank_to_yaml({"id": "x", "questions": [{"id": "q", "prompt": text}]})
    assert YAML(typ="rt").load(written)["questions"][0]["prompt"] == text


def test_a_file_is_replaced_atomically_with_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    write_file(path, "first\n")
    assert path.read_text() == "first\n"
    assert not (tmp_path / "bank.yaml.bak").exists()
    write_file(path, "second\n")
    assert path.read_text() == "second\n"
    assert (tmp_path / "bank.yaml.bak").read_text() == "first\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.yaml", "bank.yaml.bak"]


def test_a_staged_file_that_is_not_committed_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text("kept\n")
    with pytest.raises(RuntimeError), staged(path, "new\n") as temporary:
        assert temporary.read_text() == "new\n" and temporary.name.startswith(".bank.yaml.")
        raise RuntimeError("the check failed")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.yaml"]
    assert path.read_text() == "kept\n"
