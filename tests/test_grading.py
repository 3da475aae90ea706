"""Grading for every question type, as tables of (response, correct, score)."""

from __future__ import annotations

import pytest

from app.grading import (
    expected_answer,
    grade,
    is_blank,
    readable_response,
    response_from_text,
    response_to_text,
    unreadable,
)
from app.models import (
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    ShortAnswer,
    TrueFalse,
)
from app.text import answer_key

COMMON = {"prompt": "?", "explanation": "because"}
CHOICE = MultipleChoice(
    id="mc", type="multiple_choice", options=("Primorye", "Kamchatka"), answer="Primorye", **COMMON
)
SELECT = MultipleSelect(
    id="ms",
    type="multiple_select",
    options=("drones", "jammers", "tanks", "ships"),
    answers=("drones", "jammers"),
    **COMMON,
)
TRUE = TrueFalse(id="tf", type="true_false", answer=True, **COMMON)
SHORT = ShortAnswer(
    id="sa", type="short_answer", answers=("Franz Klintsevich", "Klintsevich"), **COMMON
)
SHORT_EXACT = ShortAnswer(
    id="sx", type="short_answer", answers=("VDV",), typo_tolerance=False, **COMMON
)
YEAR = ShortAnswer(id="sy", type="short_answer", answers=("October 2017",), **COMMON)
TENFOLD = Numeric(id="n", type="numeric", answer=10, **COMMON)
NEAR = Numeric(id="nt", type="numeric", answer=3.5, tolerance=0.5, unit="km", **COMMON)
RANGE = Numeric(id="nr", type="numeric", range={"min": 10, "max": 20}, **COMMON)
MATCH = Matching(
    id="m",
    type="matching",
    pairs=(
        {"left": "Klintsevich", "right": "Senator"},
        {"left": "Lavrov", "right": "Top diplomat"},
        {"left": "Putin", "right": "President"},
    ),
    **COMMON,
)
MONEY = ShortAnswer(id="sm", type="short_answer", answers=("$48.6 million",), **COMMON)
SHARE = ShortAnswer(id="sp", type="short_answer", answers=("2.5 percent",), **COMMON)
CROWD = ShortAnswer(id="sc", type="short_answer", answers=("62,418 fans",), **COMMON)
PLANE = ShortAnswer(id="pl", type="short_answer", answers=("Il-76",), **COMMON)
COLD = Numeric(id="nc", type="numeric", answer=-5, **COMMON)
BUDGET = Numeric(id="nb", type="numeric", answer=48.6, unit="million", **COMMON)
KOREA = ShortAnswer(id="nk", type="short_answer", answers=("North Korea",), **COMMON)
SOUTH = ShortAnswer(id="sk", type="short_answer", answers=("South Korea",), **COMMON)
OSLO = ShortAnswer(id="os", type="short_answer", answers=("Oslo",), **COMMON)
KOVIN = ShortAnswer(id="kv", type="short_answer", answers=("Kovin",), **COMMON)
PRIMORYE = ShortAnswer(id="pr", type="short_answer", answers=("Primorye",), **COMMON)
CLOZE = Cloze(id="c", type="cloze", text="Drops in {{Primorye}} in {{October|Oct}}.", **COMMON)


@pytest.mark.parametrize(
    ("question", "response", "correct", "score"),
    [
        (CHOICE, "Primorye", True, 1),
        (CHOICE, "Kamchatka", False, 0),
        (CHOICE, None, False, 0),
        (SELECT, {"drones", "jammers"}, True, 1),
        (SELECT, {"drones"}, False, 0.5),
        (SELECT, {"drones", "tanks"}, False, 0),
        (SELECT, {"drones", "jammers", "tanks"}, False, 0.5),
        (SELECT, {"tanks", "ships"}, False, 0),
        (SELECT, set(), False, 0),
        (TRUE, True, True, 1),
        (TRUE, False, False, 0),
        (TRUE, None, False, 0),
        (SHORT, "Franz Klintsevich", True, 1),
        (SHORT, "  franz   KLINTSEVICH!! ", True, 1),
        (SHORT, "klintsevich.", True, 1),
        (SHORT, "Klintsevitch", True, 1),  # one letter off: a typo
        (SHORT, "Lavrov", False, 0),
        (SHORT, "", False, 0),
        (SHORT, "   ", False, 0),
        (SHORT_EXACT, "vdv", True, 1),
        (SHORT_EXACT, "V.D.V.", True, 1),
        (SHORT_EXACT, "VDW", False, 0),  # typo tolerance switched off
        (YEAR, "october 2016", False, 0),  # a different number is never a typo
        (YEAR, "Octobr 2017", True, 1),
        (SHORT, "Франц Клинцевич", False, 0),
        (TENFOLD, "10", True, 1),
        (TENFOLD, "10.0", True, 1),
        (TENFOLD, " 10 ", True, 1),
        (TENFOLD, "ten", True, 1),
        (TENFOLD, "Ten", True, 1),
        (TENFOLD, "1e1", True, 1),
        (TENFOLD, "11", False, 0),
        (TENFOLD, "tenfold", False, 0),
        (TENFOLD, "10,5", False, 0),
        (TENFOLD, "", False, 0),
        (TENFOLD, "１０", True, 1),  # full-width digits
        (NEAR, "3.9", True, 1),
        (NEAR, "4 km", True, 1),
        (NEAR, "4.1", False, 0),
        (RANGE, "10", True, 1),
        (RANGE, "fifteen", True, 1),
        (RANGE, "20", True, 1),
        (RANGE, "20.01", False, 0),
        (
            MATCH,
            {"Klintsevich": "Senator", "Lavrov": "Top diplomat", "Putin": "President"},
            True,
            1,
        ),
        (
            MATCH,
            {"Klintsevich": "Top diplomat", "Lavrov": "Senator", "Putin": "President"},
            False,
            1 / 3,
        ),
        (MATCH, {"Klintsevich": "Senator", "Lavrov": "Senator", "Putin": "Senator"}, False, 1 / 3),
        (MATCH, {"Klintsevich": "Senator"}, False, 1 / 3),  # unanswered pairs count as wrong
        (MATCH, {"Klintsevich": "Senator", "Lavrov": None, "Putin": None}, False, 1 / 3),
        (MATCH, {"Klintsevich": None, "Lavrov": None, "Putin": None}, False, 0),
        (MONEY, "48.6 million", True, 1),
        (MONEY, "$48.6 Million", True, 1),
        (MONEY, "486 million", False, 0),  # the decimal point makes another number
        (MONEY, "4.86 million", False, 0),
        (SHARE, "25 percent", False, 0),
        (CROWD, "62418 fans", True, 1),  # thousands separators do not matter
        (CROWD, "62 418 fans", True, 1),
        (PLANE, "IL 76", True, 1),  # a hyphen inside a name is punctuation
        (PLANE, "il76", True, 1),
        (COLD, "-5", True, 1),
        (COLD, "\u22125", True, 1),  # a Unicode minus sign
        (COLD, "5", False, 0),
        (COLD, "minus five", True, 1),
        (BUDGET, "$48.6", True, 1),
        (BUDGET, "48.6 million", True, 1),
        (TENFOLD, "10%", True, 1),
        (TENFOLD, "10.", True, 1),
        (CLOZE, ["Primorye", "October"], True, 1),
        (CLOZE, ["primorye", "oct"], True, 1),
        (CLOZE, ["Primorye", "November"], False, 0.5),
        (CLOZE, ["Primorye", ""], False, 0.5),  # one of two blanks answered: graded
        (CLOZE, ["", "Oct"], False, 0.5),
        (CLOZE, ["Primorye"], False, 0.5),
        (CLOZE, ["", " "], False, 0),
        (KOREA, "North Korea", True, 1),
        (KOREA, "Nort Korea", True, 1),  # a slip inside a word
        (KOREA, "North Koera", True, 1),  # two letters swapped
        (KOREA, "South Korea", False, 0),  # another word, not a typo
        (SOUTH, "North Korea", False, 0),
        (KOREA, "Korea", False, 0),
        (KOREA, "North Korea Border", False, 0),
        (SHORT, "Senator Klintsevich", True, 1),  # a title before an accepted name
        (SHORT, "senator Franz Klintsevich", True, 1),
        (SHORT, "Mr. Klintsevich", True, 1),
        (SHORT, "Senator Klintsevitch", True, 1),
        (SHORT, "Senator", False, 0),
        (SHORT, "Moscow Klintsevich", False, 0),  # only a title may come before the name
        (KOVIN, "Kovin", True, 1),
        (KOVIN, "Kovn", True, 1),
        (OSLO, "Olso", False, 0),  # words of up to 4 letters must be spelled right
        (PRIMORYE, "Primorie", True, 1),
        (CLOZE, ["Kamchatka", "November"], False, 0),
    ],
)
def test_grade_table(question, response, correct: bool, score: float) -> None:
    result = grade(question, response)
    assert result.correct is correct
    assert result.score == pytest.approx(score, abs=1e-3)
    assert result.feedback


def test_blank_answers_are_reported_as_such() -> None:
    assert grade(SHORT, "  ").feedback == "Skipped: counted as wrong."
    assert is_blank(CLOZE, ["", "  "])
    assert not is_blank(CLOZE, ["Primorye"])
    assert is_blank(MATCH, {"Klintsevich": None})
    assert not is_blank(TRUE, False)


@pytest.mark.parametrize(
    ("question", "typed", "rival"),
    [
        (PRIMORYE, "Primorie", "Primorie"),  # another option spelled this way
        (KOREA, "Nort Korea", "Nort Korea"),
        (KOVIN, "Kovinn", "Kovinn"),
    ],
)
def test_an_answer_equal_to_a_rival_is_never_a_typo(question, typed: str, rival: str) -> None:
    assert grade(question, typed).correct
    assert not grade(question, typed, rivals=frozenset({answer_key(rival)})).correct


@pytest.mark.parametrize(
    ("question", "response", "feedback"),
    [
        (SHORT, "Franz Klintsevich", "Correct."),
        (SHORT, "Klintsevitch", "Correct: allowing for a typo, it is spelled 'Klintsevich'."),
        (SHORT, "Lavrov", "Incorrect."),
        (SELECT, {"drones"}, "Partly right (50%): 1 of 2 right options chosen."),
        (
            SELECT,
            {"drones", "tanks"},
            "Incorrect: 1 of 2 right options chosen, 1 wrong option chosen.",
        ),
        (SELECT, {"drones", "jammers"}, "Correct."),
        (
            MATCH,
            {"Klintsevich": "Top diplomat", "Lavrov": "Senator", "Putin": "President"},
            "Partly right (33%): 1 of 3 pairs are right.",
        ),
        (CLOZE, ["Primorye", ""], "Partly right (50%): 1 of 2 blanks are right."),
        (
            CLOZE,
            ["Primorye", "Octber"],
            "Correct: blank 2: allowing for a typo, it is spelled 'October'.",
        ),
        (CHOICE, "Kamchatka", "Incorrect."),
        (CHOICE, None, "Skipped: counted as wrong."),
    ],
)
def test_feedback_is_one_sentence(question, response, feedback: str) -> None:
    assert grade(question, response).feedback == feedback


@pytest.mark.parametrize(
    ("question", "stored", "shown"),
    [
        (CLOZE, '["Primorye", ""]', "Primorye / —"),
        (MATCH, '{"Lavrov": "Senator"}', "Klintsevich → —; Lavrov → Senator; Putin → —"),
        (CLOZE, "", "— (skipped)"),
    ],
)
def test_partly_answered_responses_read_with_their_gaps(question, stored: str, shown: str) -> None:
    assert readable_response(question, stored) == shown


def test_typo_feedback_names_the_right_spelling() -> None:
    assert "Klintsevich" in grade(SHORT, "Klintsevitch").feedback


def test_bad_number_feedback_explains() -> None:
    assert "is not a number" in grade(TENFOLD, "lots").feedback


@pytest.mark.parametrize(("typed", "refused"), [("lots", True), ("ten", False), ("$10", False)])
def test_unreadable_numbers_are_refused_not_graded(typed: str, refused: bool) -> None:
    assert (unreadable(TENFOLD, typed) is not None) is refused
    assert unreadable(SHORT, "lots") is None


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan"])
def test_infinite_numbers_are_not_valid(value: str) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Numeric.model_validate(
            {"id": "n", "type": "numeric", "answer": float(value.replace(".", "")), **COMMON}
        )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (CHOICE, "Primorye"),
        (SELECT, "drones; jammers"),
        (TRUE, "True"),
        (SHORT, "Franz Klintsevich"),
        (TENFOLD, "10"),
        (NEAR, "3.5 km (± 0.5)"),
        (RANGE, "between 10 and 20"),
        (MATCH, "Klintsevich → Senator; Lavrov → Top diplomat; Putin → President"),
        (CLOZE, "Drops in Primorye in October."),
    ],
)
def test_expected_answer_reads_well(question, expected: str) -> None:
    assert expected_answer(question) == expected


@pytest.mark.parametrize(
    ("question", "response"),
    [
        (CHOICE, "Kamchatka"),
        (SELECT, ["jammers", "drones"]),
        (TRUE, False),
        (SHORT, 'Franz, "the senator"\nKlintsevich 🪂'),
        (TENFOLD, "ten"),
        (MATCH, {"Klintsevich": "Senator", "Lavrov": "Top diplomat"}),
        (CLOZE, ["Primorye", "Oct, 2017"]),
    ],
)
def test_response_round_trips_through_text(question, response) -> None:
    text = response_to_text(question, response)
    back = response_from_text(question, text)
    expected = sorted(response) if isinstance(response, list) and question is SELECT else response
    assert back == expected
    assert grade(question, back) == grade(question, response)
