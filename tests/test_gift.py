"""GIFT import: every construct of Moodle's GIFT documentation, malformed input, notices."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from app.bank import load_bank
from app.formats import IMPORTERS, import_to_yaml
from app.formats.csv_format import bank_to_csv
from app.formats.gift_parse import parse_gift
from app.formats.gift_write import bank_to_gift, gift_warnings
from app.formats.importing import ImportResult, Severity

FIXTURES = Path(__file__).parent / "fixtures"
EVERY_CONSTRUCT = FIXTURES / "every_construct.gift"


def imported(text: str) -> ImportResult:
    return parse_gift(text, "quiz.gift")


def by_id(result: ImportResult) -> dict[str, dict[str, Any]]:
    return {q["id"]: q for q in result.questions}


@pytest.fixture(scope="module")
def every() -> ImportResult:
    return imported(EVERY_CONSTRUCT.read_text(encoding="utf-8"))


def test_every_construct_imports_all_but_the_unsupported(every: ImportResult) -> None:
    assert len(every.questions) == 23
    assert not every.has_errors
    skipped = [str(n) for n in every.notices if n.severity is Severity.SKIPPED]
    assert skipped == [
        "quiz.gift:90:1: skipped: question 'Essay': "
        "essay questions ({} with no answers) are not supported",
        "quiz.gift:92:1: skipped: question 'Description': "
        "a description (text without {answers}) is not a question",
    ]


def test_multiple_choice_with_feedback_and_category(every: ImportResult) -> None:
    question = by_id(every)["grant-s-tomb"]
    assert question == {
        "id": "grant-s-tomb",
        "type": "multiple_choice",
        "prompt": "Who's buried in Grant's tomb?",
        "options": ["Grant", "Jefferson", "no one"],
        "answer": "no one",
        "explanation": "Only entombed people lie there.\n\n"
        "- Grant: No, he is not alone.\n"
        "- no one: Right: Grant and his wife are entombed, not buried.",
        "tags": ["Geography", "Capitals"],
    }


def test_id_and_tag_comments(every: ImportResult) -> None:
    question = by_id(every)["capital-france"]
    assert question["tags"] == ["Geography", "Capitals", "europe", "easy-ones"]
    assert question["answer"] == "Paris"


def test_weights_make_multiple_select(every: ImportResult) -> None:
    questions = by_id(every)
    assert questions["two-pets"]["type"] == "multiple_select"
    assert questions["two-pets"]["answers"] == ["Dog", "Cat"]
    assert questions["unequal"]["answers"] == ["Red", "Blue"]
    warning = next(n for n in every.notices if "'Unequal'" in n.message)
    assert warning.severity is Severity.WARNING and warning.line == 24


@pytest.mark.parametrize(
    ("qid", "answer", "explanation"),
    [
        ("tf-t", True, None),
        ("tf-true", True, "- True: Yes, it is.\n- False: Think again."),
        ("tf-f", False, None),
        ("tf-false", False, "Two plus two is four."),
    ],
)
def test_true_false_spellings(
    every: ImportResult, qid: str, answer: bool, explanation: str | None
) -> None:
    question = by_id(every)[qid]
    assert question["type"] == "true_false"
    assert question["answer"] is answer
    assert question.get("explanation") == explanation


def test_short_answer_keeps_full_credit_answers(every: ImportResult) -> None:
    question = by_id(every)["tomb-short"]
    assert question["answers"] == ["no one", "nobody"]
    assert question["explanation"] == "- Grant: He is entombed."


@pytest.mark.parametrize(
    ("qid", "fields"),
    [
        ("num-exact", {"answer": 8.0}),
        ("num-tol", {"answer": 3.1415, "tolerance": 0.0005}),
        ("num-range", {"range": {"min": 1.0, "max": 5.0}}),
        ("num-several", {"answer": 1822.0}),
        ("num-two-full", {"answer": 2.0}),
    ],
)
def test_numeric_forms(every: ImportResult, qid: str, fields: dict[str, Any]) -> None:
    question = by_id(every)[qid]
    assert question["type"] == "numeric"
    assert {k: v for k, v in question.items() if k in ("answer", "tolerance", "range")} == fields


def test_numeric_answers_left_out_are_reported(every: ImportResult) -> None:
    messages = [n.message for n in every.notices if n.severity is Severity.WARNING]
    assert any("'1822:2' for 50% credit is left out" in m for m in messages)
    assert any("'3:0.5' is left out" in m and "first full-credit" in m for m in messages)


def test_matching_with_distractor(every: ImportResult) -> None:
    question = by_id(every)["match"]
    assert question["pairs"] == [
        {"left": "Canada", "right": "Ottawa"},
        {"left": "Italy", "right": "Rome"},
        {"left": "Japan", "right": "Tokyo"},
    ]
    assert question["distractors"] == ["Madrid"]


def test_missing_word(every: ImportResult) -> None:
    questions = by_id(every)
    assert questions["missing-mc"]["prompt"] == "Grant is _____ in Grant's tomb."
    assert questions["missing-mc"]["answer"] == "entombed"
    assert questions["missing-short"] == {
        "id": "missing-short",
        "type": "cloze",
        "text": "The capital of Italy is {{Rome|Roma}} and not Milan.",
        "tags": ["Geography", "Capitals"],
    }


def test_escapes(every: ImportResult) -> None:
    question = by_id(every)["escapes"]
    assert question["prompt"] == "Which is 1 = 1 : a {set} # 5 ~ C:\\temp?"
    assert question["options"] == ["yes {sure}", "no=never", "maybe\\n"]


def test_format_tags(every: ImportResult) -> None:
    questions = by_id(every)
    assert questions["html"]["prompt"] == "Which is bold & bright?"
    assert questions["html"]["options"] == ["Sun", "Moon"]
    assert questions["markdown"]["prompt"] == "Is **this** markdown?"
    assert questions["plain"]["prompt"] == "Is <this> plain?"
    assert questions["plain"]["answers"] == ["yes <really>"]


def test_several_lines(every: ImportResult) -> None:
    question = by_id(every)["multi-line"]
    assert question["prompt"] == "Which planets\nare gas giants?"
    assert question["explanation"] == "Jupiter and Saturn\nare gas giants."


def test_untitled_question_gets_id_from_its_words(every: ImportResult) -> None:
    assert "which-ocean-is-the-largest" in by_id(every)


def test_windows_line_endings_give_the_same_result(every: ImportResult) -> None:
    crlf = EVERY_CONSTRUCT.read_text(encoding="utf-8").replace("\n", "\r\n")
    assert "\r\n" in crlf
    result = imported("\ufeff" + crlf)
    assert result.questions == every.questions
    assert result.notices == every.notices


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "::Open::What is 2+2?{=4 ~5\n\n::Next::Fine?{T}",
            "quiz.gift:1:21: error: unclosed brace '{'",
        ),
        (
            "::Rtf::[rtf]Rich text?{=a ~b}",
            "quiz.gift:1:8: error: unknown format tag [rtf]",
        ),
        (
            "::Weight::Pick.{\n  ~%abc%One\n  ~Two\n}",
            "quiz.gift:2:4: error: bad weight %abc%",
        ),
        (
            "::Weight::Pick.{\n  ~%150%One\n  ~Two\n}",
            "quiz.gift:2:4: error: bad weight %150%: a weight must be between -100 and 100",
        ),
        ("Stray } brace{=a}", "quiz.gift:1:7: error: '}' without an opening '{'"),
        ("::Title without end{=a}", "quiz.gift:1:1: error: the question title '::' is not closed"),
        ("Two {=a} sections {=b}", "quiz.gift:1:19: error: a question has one {answers} section"),
        ("Nested {=a {b}}", "quiz.gift:1:12: error: '{' inside the answers"),
        ("Number?{#abc}", "quiz.gift:1:10: error: 'abc' is not a number"),
        ("Pairs{=a -> b =c}", "quiz.gift:1:16: error: a matching pair needs 'left -> right'"),
        ("// @unit: not json\nQ?{#1}", "quiz.gift:1:11: error: @unit: the value is not valid JSON"),
    ],
)
def test_malformed_gift_is_located(text: str, expected: str) -> None:
    result = imported(text)
    errors = [str(n) for n in result.notices if n.severity is Severity.ERROR]
    assert len(errors) == 1, errors
    assert errors[0].startswith(expected)


def test_an_error_leaves_the_rest_imported() -> None:
    result = imported("::Bad::Q{~%abc%a ~b}\n\n::Good::Q?{T}\n\n::Essay::Tell me.{}")
    assert [q["id"] for q in result.questions] == ["good"]
    assert [(n.severity, n.line) for n in result.notices] == [
        (Severity.ERROR, 1),
        (Severity.SKIPPED, 5),
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("::Two right::Q{=a =b ~c}", "2 options get full credit"),
        ("::None right::Q{~a ~b}", "no option has a positive weight"),
        ("::Partial only::Q{=%50%a}", "no answer gets full credit"),
        ("::One option::Q{=a}\n\n::MC one::Q{=a ~}", "an option is empty"),
        ("::Same options::Q{=a ~A}", "option 'A' is listed twice"),
    ],
)
def test_questions_the_app_cannot_hold_are_reported(text: str, reason: str) -> None:
    result = imported(text)
    assert any(reason in n.message for n in result.notices), result.notices


def test_duplicate_ids_are_renamed_and_reported() -> None:
    result = imported("::Same::A?{T}\n\n::Same::B?{F}")
    assert [q["id"] for q in result.questions] == ["same", "same-2"]
    assert "id 'same' is already used; this one is 'same-2'" in result.notices[0].message


def test_html_is_converted_safely() -> None:
    text = (
        "::H::[html]<script>alert(1)</script><p>Line&nbsp;one<br>line <img src=x.png "
        'alt="a map"> two</p><style>p \\{color: red\\}</style>{=<i>yes</i> ~no}'
    )
    result = imported(text)
    question = result.questions[0]
    assert question["prompt"] == "Line one\nline [image: a map] two"
    assert question["answer"] == "yes"
    assert "1 image(s) left out" in result.notices[0].message


def test_markdown_keeps_indentation() -> None:
    result = imported("::M::[markdown]List\\:\n    - indented{T}")
    assert result.questions[0]["prompt"] == "List:\n    - indented"


def test_missing_word_keeps_spacing_next_to_the_gap() -> None:
    result = imported("::Gap::[html]<b>Paris</b> is {=the capital} of France.")
    assert result.questions[0]["text"] == "Paris is {{the capital}} of France."


def test_category_applies_until_the_next_one() -> None:
    text = "$CATEGORY: $course$/A/B\n\n::One::Q?{T}\n\n$CATEGORY:\n\n::Two::Q?{T}"
    result = imported(text)
    assert [q.get("tags") for q in result.questions] == [["A", "B"], None]


def test_unknown_meta_field_is_reported() -> None:
    result = imported('// @colour: "red"\n::Q::Q?{T}')
    assert result.questions[0]["answer"] is True
    assert "unknown field @colour ignored" in result.notices[0].message


def test_yaml_line_separators_in_text_still_give_a_valid_bank(tmp_path: Path) -> None:
    text, _ = import_to_yaml("::Q::Which\nline\u2028break?{T}".encode(), "q.gift", "gift", "seps")
    assert text is not None
    path = tmp_path / "seps.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_bank(path).bank.questions[0].prompt == "Which\nline\u2028break?"


SPECIALS = [*'{}~=#:\\%[]->\n\r\t"|,;$/ ', "::", "{{", "}}", "####", "[html]", "[rtf]", "%150%"]


@pytest.mark.parametrize("format_name", sorted(IMPORTERS))
def test_mutated_files_never_crash_and_import_valid_banks(format_name: str, tmp_path: Path) -> None:
    rng = random.Random(5)
    every = load_bank(FIXTURES / "every_type.yaml")
    base = {
        "gift": EVERY_CONSTRUCT.read_text(encoding="utf-8") + "\n\n" + bank_to_gift(every),
        "csv": bank_to_csv(every),
        "anki-text": "#separator:tab\n#html:true\n#tags column:3\nQ <b>x</b>\tA<br>b\tt1\n"
        "{{c1::a::b}} x\t\t\n",
    }[format_name]
    path = tmp_path / "bank.yaml"
    for _ in range(150):
        chars = list(base)
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(chars) + 1)
            if rng.random() < 0.5 and chars:
                del chars[min(at, len(chars) - 1)]
            else:
                chars.insert(at, rng.choice(SPECIALS))
        text, result = import_to_yaml("".join(chars).encode(), "f", format_name, "fuzz")
        if text is not None:
            path.write_text(text, encoding="utf-8")
            assert len(load_bank(path).bank.questions) == len(result.questions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "::colours:: Which are primary? {~%50%blue ~%50%yellow ~%-100%green}",
            "the file's negative weights ('green' -100%) are replaced by the app's penalty: "
            "each wrong option chosen takes 50% (1/2) off",
        ),
        (
            "::one:: Pick one {=right ~%-50%wrong ~other}",
            "negative weights for ['wrong'] are not kept: a wrong option scores 0",
        ),
        (
            '[html]Listen: <audio src="q1.mp3"></audio> What is said? {=hello}',
            "left out of the [html] text: an audio element 'q1.mp3'",
        ),
        (
            '[html]Read <a href="http://example.org/a">the article</a>. Who? {=Lavrov}',
            "left out of the [html] text: a link to 'http://example.org/a'",
        ),
    ],
    ids=["negative weights, select", "negative weights, choice", "audio", "link"],
)
def test_changes_on_import_are_named(text: str, expected: str) -> None:
    result = imported(text + "\n")
    assert result.questions, result.notices
    messages = [n.message for n in result.notices if n.severity is Severity.WARNING]
    assert any(expected in m for m in messages), messages


def test_penalty_equal_to_the_apps_is_not_reported() -> None:
    result = imported("Which? {~%50%a ~%50%b ~%-50%c}\n")
    assert result.notices == []


def test_a_cloze_with_two_blanks_exports_with_one_blank_for_moodle(tmp_path: Path) -> None:
    bank = tmp_path / "two.yaml"
    bank.write_text(
        "id: two\ntitle: Two\nquestions:\n"
        "  - id: two-blanks\n    type: cloze\n"
        "    text: Troops land in {{Primorye}} in {{October}}.\n"
    )
    loaded = load_bank(bank)
    gift = bank_to_gift(loaded)
    body = next(line for line in gift.splitlines() if line.startswith("::two-blanks::"))
    assert body.count("{") == 1 and "_____" not in body
    assert body.endswith("{=Primorye} in October.")
    assert gift_warnings(loaded) == [
        "question 'two-blanks': Moodle asks only the first of its 2 blanks; the others are "
        "shown filled in (importing the file back gives the whole cloze)"
    ]
    back = imported(gift)
    assert back.questions[0]["text"] == "Troops land in {{Primorye}} in {{October}}."
