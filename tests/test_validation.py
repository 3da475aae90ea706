"""Each validation rule: a broken bank file gives one located, explained message."""

from __future__ import annotations

import time
from pathlib import Path
from textwrap import dedent

import pytest

from app.bank import BankError, load_bank, load_banks
from app.models import MultipleChoice

ARTICLE = "Russia's airborne troops (VDV) will practice drops in the Primorye region.\n"

HEADER = """\
id: test-bank
title: Test bank
source:
  file: article.txt
questions:
"""

GOOD_QUESTION = """\
  - id: region
    type: multiple_choice
    prompt: Where?
    options: [Primorye, Kamchatka]
    answer: Primorye
    explanation: The article says so.
    source_quote: drops in the Primorye region
"""


def write_bank(folder: Path, body: str, name: str = "bank.yaml", article: bool = True) -> Path:
    if article:
        (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(BankError) as caught:
        load_bank(path)
    return [str(p) for p in caught.value.problems]


def only_problem(path: Path) -> str:
    problems = problems_of(path)
    assert len(problems) == 1, problems
    return problems[0]


def question(**changes: str | None) -> str:
    """GOOD_QUESTION with some lines replaced (value None drops the line)."""
    lines = []
    for line in GOOD_QUESTION.splitlines():
        key = line.strip().lstrip("- ").split(":")[0]
        if key in changes:
            if changes[key] is not None:
                lines.append(line.split(key)[0] + f"{key}: {changes.pop(key)}")
            else:
                changes.pop(key)
        else:
            lines.append(line)
    lines += [f"    {key}: {value}" for key, value in changes.items()]
    return "\n".join(lines) + "\n"


def test_good_bank_loads(tmp_path: Path) -> None:
    loaded = load_bank(write_bank(tmp_path, HEADER + GOOD_QUESTION))
    question = loaded.bank.questions[0]
    assert isinstance(question, MultipleChoice)
    assert question.answer == "Primorye"
    assert loaded.headline.startswith("Russia's airborne troops")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            HEADER + question(answer="Primoriye"),
            "bank.yaml:10:13: questions[0].answer: answer 'Primoriye' is not one of the "
            "options; did you mean 'Primorye'?",
            id="answer-not-an-option",
        ),
        pytest.param(
            HEADER + question(explanation=None, explaination="The article says so."),
            "bank.yaml:12:5: questions[0].explaination: unknown field 'explaination'; "
            "did you mean 'explanation'?",
            id="unknown-key-typo",
        ),
        pytest.param(
            HEADER + question(prompt=None),
            "bank.yaml:6:5: questions[0].prompt: required field 'prompt' is missing",
            id="missing-field",
        ),
        pytest.param(
            HEADER + question(options="Primorye"),
            "bank.yaml:9:14: questions[0].options: expected a list (one '- item' per line), "
            "got the text 'Primorye'",
            id="wrong-type",
        ),
        pytest.param(
            HEADER + question(options="[Primorye]"),
            "bank.yaml:9:5: questions[0].options: needs at least 2 options, found 1",
            id="fewer-than-two-options",
        ),
        pytest.param(
            HEADER + question(options="[Primorye, primorye, Kamchatka]"),
            "bank.yaml:9:25: questions[0].options[1]: option 'primorye' is listed twice",
            id="duplicate-options",
        ),
        pytest.param(
            HEADER + question(type="multi_choice"),
            "bank.yaml:7:11: questions[0].type: unknown question type 'multi_choice'; "
            "did you mean 'multiple_choice'?",
            id="unknown-type",
        ),
        pytest.param(
            HEADER + question(source_quote="drops in the Primoriye region"),
            "bank.yaml:12:19: questions[0].source_quote: this quote is not in the article; "
            "copy the span word for word (only spacing and line breaks may differ); "
            "the closest passage is",
            id="quote-not-in-article",
        ),
        pytest.param(
            HEADER + question(source_quote=None),
            "bank.yaml:6:5: questions[0].source_quote: source_quote is missing",
            id="quote-missing",
        ),
        pytest.param(
            HEADER + question(explanation=None),
            "bank.yaml:6:5: questions[0].explanation: explanation is missing",
            id="explanation-missing",
        ),
        pytest.param(
            HEADER + question(id="Region 1"),
            "bank.yaml:6:9: questions[0].id: 'Region 1' is not a valid id",
            id="bad-id",
        ),
        pytest.param(
            HEADER + GOOD_QUESTION + GOOD_QUESTION.replace("Where?", "Where again?"),
            "bank.yaml:13:9: questions[1].id: question id 'region' is already used at line 6; "
            "ids must be unique within a bank",
            id="duplicate-question-id",
        ),
        pytest.param(
            HEADER + "  []\n",
            "questions: the bank has no questions; add at least one under questions:",
            id="empty-bank",
        ),
        pytest.param(
            HEADER.replace("questions:\n", "questions: []\n"),
            "bank.yaml:5:1: questions: the bank has no questions",
            id="empty-bank-flow",
        ),
        pytest.param(
            HEADER.replace("article.txt", "missing.txt") + GOOD_QUESTION,
            "bank.yaml:4:9: source.file: article file 'missing.txt' not found",
            id="article-missing",
        ),
        pytest.param(
            "- just\n- a list\n",
            "bank.yaml:1:1: a bank must be a mapping (id:, title:, questions:), not a list",
            id="not-a-mapping",
        ),
        pytest.param(
            "id: x\ntitle: [unclosed\nquestions: []\n",
            "bank.yaml:3:",
            id="not-yaml",
        ),
        pytest.param(
            "",
            "bank.yaml:1:1: the file is empty",
            id="empty-file",
        ),
        pytest.param(
            "id: a\nid: b\n",
            'bank.yaml:2:1: not valid YAML: found duplicate key "id"',
            id="duplicate-yaml-key",
        ),
    ],
)
def test_broken_file_gives_located_message(tmp_path: Path, body: str, expected: str) -> None:
    path = write_bank(tmp_path, body)
    problems = problems_of(path)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith(str(path) + ":") for p in problems)


SELECT = """\
  - id: kit
    type: multiple_select
    prompt: What will troops use?
    options: [drones, jammers, tanks]
    answers: {answers}
    explanation: x
    source_quote: Primorye
"""
NUMERIC = """\
  - id: year
    type: numeric
    prompt: When?
    {fields}
    explanation: x
    source_quote: Primorye
"""
MATCHING = """\
  - id: roles
    type: matching
    prompt: Match
    pairs:
      - {{left: Klintsevich, right: Senator}}
      - {{left: {left}, right: {right}}}
    explanation: x
    source_quote: Primorye
"""
CLOZE = """\
  - id: blank
    type: cloze
    text: {text}
    explanation: x
    source_quote: Primorye
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            SELECT.format(answers="[]"),
            "bank.yaml:10:5: questions[0].answers: no correct option; "
            "list at least one option under answers",
            id="select-no-correct",
        ),
        pytest.param(
            SELECT.format(answers="[drones, boats]"),
            "bank.yaml:10:23: questions[0].answers[1]: answer 'boats' is not one of the options",
            id="select-answer-not-option",
        ),
        pytest.param(
            NUMERIC.format(fields="range: {min: 2017, max: 2016}"),
            "bank.yaml:9:5: questions[0].range: range is inverted: min 2017 is greater than "
            "max 2016; swap them",
            id="numeric-range-inverted",
        ),
        pytest.param(
            NUMERIC.format(fields="answer: 2017\n    tolerance: -1"),
            "bank.yaml:10:16: questions[0].tolerance: tolerance -1 is negative",
            id="numeric-negative-tolerance",
        ),
        pytest.param(
            NUMERIC.format(fields="unit: years"),
            "questions[0]: give either answer (with an optional tolerance) or range",
            id="numeric-no-answer",
        ),
        pytest.param(
            NUMERIC.format(fields="answer: .inf"),
            "bank.yaml:9:13: questions[0].answer: must be a finite number, not inf",
            id="numeric-infinite",
        ),
        pytest.param(
            NUMERIC.format(fields="answer: soon"),
            "bank.yaml:9:13: questions[0].answer: expected a number, got 'soon'",
            id="numeric-not-a-number",
        ),
        pytest.param(
            MATCHING.format(left="Klintsevich", right="Top diplomat"),
            "bank.yaml:11:9: questions[0].pairs[1]: left item 'Klintsevich' is listed twice",
            id="matching-duplicate-left",
        ),
        pytest.param(
            MATCHING.format(left="Lavrov", right="Senator"),
            "bank.yaml:11:9: questions[0].pairs[1]: right item 'Senator' is listed twice",
            id="matching-duplicate-right",
        ),
        pytest.param(
            CLOZE.format(text="Troops will land in Primorye."),
            "bank.yaml:8:11: questions[0].text: no blank in the text; mark the missing words "
            "with double braces",
            id="cloze-without-blank",
        ),
        pytest.param(
            CLOZE.format(text="Troops will land in {{ }}."),
            "questions[0].text: a blank {{}} is empty",
            id="cloze-empty-blank",
        ),
    ],
)
def test_type_rules(tmp_path: Path, body: str, expected: str) -> None:
    problems = problems_of(write_bank(tmp_path, HEADER + body))
    assert any(expected in p for p in problems), problems


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    body = HEADER + question(answer="Primoriye", explanation=None, colour="red")
    body += NUMERIC.format(fields="range: {min: 3, max: 1}")
    problems = problems_of(write_bank(tmp_path, body))
    assert len(problems) == 4, problems
    assert [int(p.split(":")[1]) for p in problems] == sorted(
        int(p.split(":")[1]) for p in problems
    )


def test_not_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_bytes(b"id: x\ntitle: Caf\xe9\n")
    assert only_problem(path) == (
        f"{path}:2:11: not UTF-8 text (byte 0xe9); save the file with UTF-8 encoding"
    )


def test_bank_without_article_needs_no_quotes(tmp_path: Path) -> None:
    body = "id: imported\ntitle: Imported\nquestions:\n" + question(source_quote=None)
    body = body.replace("    explanation: The article says so.\n", "")
    loaded = load_bank(write_bank(tmp_path, body, article=False))
    assert loaded.article == ""
    assert loaded.bank.questions[0].source_quote is None


def test_duplicate_bank_ids_across_files(tmp_path: Path) -> None:
    write_bank(tmp_path, HEADER + GOOD_QUESTION, name="a.yaml")
    write_bank(tmp_path, HEADER + GOOD_QUESTION, name="b.yaml")
    banks, problems = load_banks([tmp_path])
    assert [b.path.name for b in banks] == ["a.yaml"]
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'b.yaml'}:1:5: id: bank id 'test-bank' is already used by "
        f"{tmp_path / 'a.yaml'}; give each bank its own id"
    ]


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    _, problems = load_banks([tmp_path / "nope.yaml", tmp_path / "empty"])
    assert [p.message for p in problems] == [
        "no bank files (*.yaml) here",
        "no such file or folder",
    ]


def test_five_megabyte_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(HEADER + GOOD_QUESTION * 30_000, encoding="utf-8")
    assert path.stat().st_size > 5_000_000
    started = time.perf_counter()
    problem = only_problem(path)
    assert time.perf_counter() - started < 1.0
    assert "a bank file may be at most 1 MB: split it into banks" in problem


@pytest.mark.parametrize(
    "body",
    [
        "\x00\x01\x02",
        "id: !!python/object:os.system x\n",
        "a: &a [*a]\n",
        "questions:\n  - 7\n  - [1, 2]\n  - {type: 5}\n",
        "id: 5\ntitle: 6\nquestions: {a: 1}\n",
        "{" * 500,
        "\ufeffid: x\n",
        "%YAML 9.9\n---\nid: x\n",
    ],
)
def test_hostile_content_never_raises_anything_but_bank_error(tmp_path: Path, body: str) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(dedent(body), encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(path)
    assert caught.value.problems


def test_distractor_repeating_a_right_item_points_at_the_distractor(tmp_path: Path) -> None:
    body = MATCHING.format(left="Lavrov", right="Top diplomat").replace(
        "    explanation: x\n",
        "    distractors:\n      - President\n      - senator\n    explanation: x\n",
    )
    problems = problems_of(write_bank(tmp_path, HEADER + body))
    assert any(
        "bank.yaml:14:9: questions[0].distractors[1]: right item 'senator' is listed twice" in p
        for p in problems
    ), problems


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "time_limit_minutes: 0",
            "bank.yaml:3:21: time_limit_minutes: time_limit_minutes must be more than 0, not 0; "
            "give the minutes a quiz may take as a number, e.g. 20, or remove the line",
        ),
        (
            "time_limit_minutes: -5",
            "bank.yaml:3:21: time_limit_minutes: time_limit_minutes must be more than 0, not -5",
        ),
        (
            "time_limit_minutes: soon",
            "bank.yaml:3:21: time_limit_minutes: time_limit_minutes must be a number, not 'soon'",
        ),
        ("time_limit_minutes: true", "time_limit_minutes must be a number, not True"),
        ("time_limit_minutes: .nan", "time_limit_minutes must be more than 0, not nan"),
        (
            "time_limit_minutes: 2000",
            "bank.yaml:3:21: time_limit_minutes: time_limit_minutes is 2000, more than a day "
            "(1440); remove the line for a quiz without a time limit",
        ),
        (
            "source:\n  file: article.txt\n  url: javascript:alert(1)",
            "bank.yaml:5:8: source.url: 'javascript:alert(1)' is not a web address; write the "
            "article's address in full, starting with https:// or http://",
        ),
        (
            "source:\n  file: article.txt\n  date: yesterday",
            "bank.yaml:5:9: source.date: date 'yesterday' is not a date; write the day the "
            "article appeared as YYYY-MM-DD, e.g. 2017-09-22",
        ),
        (
            "source:\n  file: article.txt\n  date: 2017-02-30",
            "bank.yaml:5:9: source.date: date '2017-02-30' is not a date",
        ),
    ],
    ids=[
        "limit-zero",
        "limit-negative",
        "limit-text",
        "limit-boolean",
        "limit-nan",
        "limit-over-a-day",
        "url-not-web",
        "date-not-a-date",
        "date-impossible",
    ],
)
def test_bad_time_limit_and_source_details_are_located(
    tmp_path: Path, line: str, expected: str
) -> None:
    header = HEADER.replace("source:\n  file: article.txt\n", "")
    body = header.replace("questions:\n", f"{line}\nquestions:\n") + GOOD_QUESTION
    assert any(expected in problem for problem in problems_of(write_bank(tmp_path, body)))


@pytest.mark.parametrize(("value", "minutes"), [("20", 20.0), ("0.5", 0.5), ("1440", 1440.0)])
def test_a_time_limit_and_a_dated_source_load(tmp_path: Path, value: str, minutes: float) -> None:
    body = HEADER.replace(
        "  file: article.txt\n",
        "  file: article.txt\n  url: https://example.com/a?b=1\n  date: 2017-09-22\n",
    ).replace("questions:\n", f"time_limit_minutes: {value}\nquestions:\n")
    bank = load_bank(write_bank(tmp_path, body + GOOD_QUESTION)).bank
    assert bank.time_limit_minutes == minutes
    assert bank.source is not None
    assert (bank.source.url, str(bank.source.date)) == ("https://example.com/a?b=1", "2017-09-22")


def test_date_like_text_elsewhere_reads_as_text(tmp_path: Path) -> None:
    body = HEADER + question(type="short_answer", options=None, answer=None, answers="[2017-02-30]")
    bank = load_bank(write_bank(tmp_path, body)).bank
    assert bank.questions[0].model_dump()["answers"] == ("2017-02-30",)
