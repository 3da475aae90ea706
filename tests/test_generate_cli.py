"""`python -m app generate` as a user runs it: files written, validated, clean failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import ARTICLE_FILE, REPO, run_cli

COUNCIL = REPO / "tests" / "articles" / "city-council-budget.txt"


def test_generate_then_validate(tmp_path: Path) -> None:
    out = tmp_path / "drafts" / "drill.yaml"
    result = run_cli("generate", ARTICLE_FILE, "-o", out, "--max", "12", "--seed", "5")
    assert result.returncode == 0, result.stderr
    assert f"Wrote {out}: 12 draft question(s)" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Draft questions from russia-paratroopers-drill.txt, made by")
    bank = YAML(typ="safe").load(text)
    assert not Path(bank["source"]["file"]).is_absolute()
    assert (out.parent / bank["source"]["file"]).resolve() == ARTICLE_FILE.resolve()
    assert len(bank["questions"]) == 12

    validated = run_cli("validate", out)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "OK: 1 bank(s), 12 question(s)." in validated.stderr


def test_a_draft_says_what_its_hidden_answers_are(tmp_path: Path) -> None:
    bridge = REPO / "tests" / "articles" / "bridge-closure.txt"
    hidden = run_cli("generate", bridge, "-o", tmp_path / "bridge.yaml")
    assert hidden.returncode == 0, hidden.stderr
    text = (tmp_path / "bridge.yaml").read_text(encoding="utf-8")
    header = text[: text.index("\nid: ")]
    assert "# “…” in a question stands for another question's answer" in header
    prompts = [
        q.get("prompt", "") + q.get("text", "") for q in YAML(typ="safe").load(text)["questions"]
    ]
    assert any("…" in prompt for prompt in prompts)

    whole = run_cli("generate", bridge, "-o", tmp_path / "few.yaml", "--max", "4")
    assert whole.returncode == 0, whole.stderr
    text = (tmp_path / "few.yaml").read_text(encoding="utf-8")
    assert "…" not in text[: text.index("\nid: ")]  # nothing hidden, nothing to explain


def test_generate_to_stdout_names_the_article_from_the_current_folder(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "council.txt").write_bytes(COUNCIL.read_bytes())
    result = run_cli("generate", "articles/council.txt", "--max", "3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    bank = YAML(typ="safe").load(result.stdout)
    assert bank["source"]["file"] == "articles/council.txt"
    assert len(bank["questions"]) == 3
    (tmp_path / "draft.yaml").write_text(result.stdout, encoding="utf-8")
    assert run_cli("validate", tmp_path / "draft.yaml").returncode == 0


def test_same_seed_same_file(tmp_path: Path) -> None:
    out, texts = tmp_path / "draft.yaml", []
    for seed in ("9", "9", "10"):
        assert run_cli("generate", COUNCIL, "-o", out, "--seed", seed, "--force").returncode == 0
        texts.append(out.read_text(encoding="utf-8"))
    assert texts[0] == texts[1]
    assert "--seed 10`" in texts[2]


def test_a_reviewed_draft_is_not_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    out.write_text("# my reviewed questions\n", encoding="utf-8")
    refused = run_cli("generate", COUNCIL, "-o", out)
    assert refused.returncode == 1
    assert refused.stderr == f"error: {out} exists; pass --force to replace it\n"
    assert out.read_text(encoding="utf-8") == "# my reviewed questions\n"
    assert run_cli("generate", COUNCIL, "-o", out, "--force").returncode == 0
    assert out.read_text(encoding="utf-8").startswith("# Draft questions")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "the article is empty"),
        (b"\n  \n", "the article is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a binary file, not plain text"),
        (b"Caf\xe9 news\n", "not UTF-8 text (byte 0xe9 on line 1)"),
        (b"quiet news\n\nnothing happened here at all.\n", "found no facts to ask about"),
    ],
)
def test_bad_articles_fail_with_one_clear_line(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    article = tmp_path / "article.txt"
    if content is not None:
        article.write_bytes(content)
    out = tmp_path / "draft.yaml"
    result = run_cli("generate", article, "-o", out)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: {article}: ") and message in result.stderr
    assert not out.exists()


def test_bad_max_fails_cleanly() -> None:
    result = run_cli("generate", COUNCIL, "--max", "0")
    assert result.returncode == 1
    assert result.stderr == "error: --max 0: give at least 1 question\n"


def test_generate_has_help() -> None:
    result = run_cli("generate", "--help")
    assert result.returncode == 0
    assert "usage: python -m app generate" in result.stdout
    for option in ("-o OUTPUT", "--max N", "--seed S", "source.file"):
        assert option in result.stdout
