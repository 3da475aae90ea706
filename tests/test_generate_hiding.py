"""No question of a draft shows another question's answer (app/generate/hiding.py): what a
teacher reading the draft would notice."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from app.bank import load_bank
from app.formats.yaml_writer import bank_to_yaml
from app.generate import generate_bank
from app.generate.hiding import (
    HIDDEN,
    answer_pattern,
    expected_answers,
    hide,
    hide_answers,
    hide_in,
    shown_unit,
)
from app.generate.kinds import Kind

AIRLINE = Path(__file__).parent / "articles" / "airline-profit.txt"


def numeric(passage: str, answer: float, unit: str = "") -> dict[str, Any]:
    question = {
        "type": "numeric",
        "prompt": f"Which number is missing from this sentence of the article? {passage}",
        "answer": answer,
    }
    return {**question, "unit": unit} if unit else question


def cloze(text: str) -> dict[str, Any]:
    return {"type": "cloze", "prompt": "Complete the sentence from the article.", "text": text}


def short(passage: str, *answers: str) -> dict[str, Any]:
    prompt = f"Who is missing from this sentence of the article? {passage}"
    return {"type": "short_answer", "prompt": prompt, "answers": list(answers)}


def choice(passage: str, options: list[str], answer: str) -> dict[str, Any]:
    prompt = f"Which person completes this sentence from the article? {passage}"
    return {"type": "multiple_choice", "prompt": prompt, "options": options, "answer": answer}


def statement(text: str) -> dict[str, Any]:
    return {"type": "true_false", "prompt": text, "answer": True}


def hidden(*questions: dict[str, Any], kinds: tuple[Kind | None, ...] = ()) -> list[dict]:
    kinds = kinds or (None,) * len(questions)
    answers = [expected_answers(q, k) for q, k in zip(questions, kinds, strict=True)]
    return hide_answers(list(questions), answers, [k is Kind.PERSON for k in kinds])


def test_two_blanks_from_one_sentence_no_longer_show_each_other() -> None:
    percent = cloze("Revenue rose {{12}} percent to $9.8 billion.")
    billions = numeric("Revenue rose 12 percent to $_____ billion.", 9.8)
    after_percent, after_billions = hidden(percent, billions)
    assert after_billions["prompt"].endswith(f"Revenue rose {HIDDEN} percent to $_____ billion.")
    # The cloze keeps its own blank, and hides the other question's 9.8.
    assert after_percent["text"] == f"Revenue rose {{{{12}}}} percent to ${HIDDEN} billion."


def test_a_choice_questions_options_and_answer_stay_as_they_are() -> None:
    who = choice(
        "_____ will lead the company, and Maureen Tate will become its chair.",
        ["Daniel Okafor", "Maureen Tate", "Ruth Gray"],
        "Daniel Okafor",
    )
    chair = short("Daniel Okafor will lead the company, and _____ will become its chair.", "Tate")
    after_who, after_chair = hidden(who, chair, kinds=(Kind.PERSON, Kind.PERSON))
    # "Maureen Tate", the other question's answer, is an option here: the options stay.
    assert after_who["options"] == who["options"] and after_who["answer"] == "Daniel Okafor"
    assert f"? _____ will lead the company, and {HIDDEN} will become" in after_who["prompt"]
    assert f"? {HIDDEN} will lead the company, and _____ will" in after_chair["prompt"]


def test_a_true_or_false_statement_is_never_cut() -> None:
    claim = statement("Revenue rose 12 percent to $9.8 billion in the quarter.")
    billions = numeric("Revenue rose 12 percent to $_____ billion in the quarter.", 9.8)
    after_claim, _ = hidden(claim, billions)
    assert after_claim == claim


def test_a_false_statement_is_answered_by_the_item_it_swapped_out() -> None:
    swapped = {
        "type": "true_false",
        "prompt": "A crowd of 18,000 fans watched the final.",
        "answer": False,
        "explanation": "False: it is 15,000, not 18,000. The article says: A crowd of ...",
    }
    other = numeric("Tickets for the 15,000 seats cost $_____ each.", 40)
    assert f"Tickets for the {HIDDEN} seats cost $_____" in hidden(swapped, other)[1]["prompt"]


def test_surnames_acronyms_and_full_names_a_question_accepts_are_hidden() -> None:
    mayor = short("_____ said the parks budget would rise.", "Linda Brooks", "Brooks")
    agency = cloze("The {{Federal Trade Commission|FTC}} opened an inquiry.")
    told = numeric("Brooks told the FTC that the city had _____ parks.", 30)
    staff = numeric("Linda Brooks had _____ staff.", 14)
    _, _, after_told, after_staff = hidden(mayor, agency, told, staff)
    told_after = f"? {HIDDEN} told the {HIDDEN} that the city had _____ parks."
    assert after_told["prompt"].endswith(told_after)
    assert after_staff["prompt"].endswith(f"? {HIDDEN} had _____ staff.")


def test_a_multiple_choice_person_counts_with_the_surname() -> None:
    who = choice("The mayor, _____, spoke first.", ["Linda Brooks", "Ruth Gray"], "Linda Brooks")
    assert expected_answers(who, Kind.PERSON) == ("Linda Brooks", "Brooks")
    assert expected_answers(who) == ("Linda Brooks",)
    other = numeric("Brooks said _____ people came.", 300)
    assert hidden(who, other, kinds=(Kind.PERSON, None))[1]["prompt"].endswith(
        f"{HIDDEN} said _____ people came."
    )


def test_a_name_is_hidden_whole_and_its_title_stays() -> None:
    pattern = answer_pattern("Delacroix")
    assert pattern is not None
    assert hide("Frank Delacroix began the show.", [pattern]) == f"{HIDDEN} began the show."
    assert hide("Police Chief Delacroix said so.", [pattern]) == f"Police Chief {HIDDEN} said so."
    assert hide("The Delacroix family agreed.", [pattern]) == f"The {HIDDEN} family agreed."


def test_an_acronym_in_parentheses_goes_with_the_hidden_name() -> None:
    agency = short("_____ runs the night buses.", "Harnbury Transit Authority", "HTA")
    passengers = numeric(
        "The Harnbury Transit Authority (HTA) said about _____ passengers used the services.", 1850
    )
    assert hidden(agency, passengers)[1]["prompt"] == (
        "Which number is missing from this sentence of the article? "
        "The … said about _____ passengers used the services."
    )
    # Never "(…)", even when only the acronym is another question's answer.
    acronym = short("_____ said so.", "HTA")
    assert hidden(acronym, passengers)[1]["prompt"] == (
        "Which number is missing from this sentence of the article? "
        "The Harnbury Transit Authority said about _____ passengers used the services."
    )


def test_a_question_that_would_show_three_hides_or_more_hides_nothing() -> None:
    age = numeric(
        "Kristin Solberg, a Norwegian mountaineer who climbed all 14 of the world's mountains "
        "higher than 8,000 metres, died at her home in Tromso, Norway. She was _____.",
        79,
    )
    name = short("_____ was born in Bodo.", "Kristin Solberg", "Solberg")
    peaks = numeric("She was the first woman to climb all _____ of them.", 14)
    metres = numeric("They rise higher than _____ metres.", 8000)
    town = short("She died at her home in _____.", "Tromso")
    # Four hides would leave "…, a Norwegian mountaineer who climbed all … of ...": left whole.
    assert hidden(age, name, peaks, metres, town)[0] == age
    # Two still read, and are hidden.
    assert hidden(age, name, town)[0]["prompt"] == (
        "Which number is missing from this sentence of the article? "
        "…, a Norwegian mountaineer who climbed all 14 of the world's mountains higher than "
        "8,000 metres, died at her home in …, Norway. She was _____."
    )
    # Hides side by side are one "…", and count once.
    minutes = numeric("Albion scored twice in the last _____ minutes to beat City 2-1 at home.", 10)
    team = short("Albion beat _____ at home.", "City")
    score = short("Albion won _____ at home.", "2-1")
    assert hidden(minutes, team, score)[0]["prompt"] == (
        "Which number is missing from this sentence of the article? "
        "Albion scored twice in the last _____ minutes to beat … at home."
    )


def test_a_persons_name_opening_the_passage_before_an_age_or_s_stays() -> None:
    scorer = short("Striker _____ scored twice.", "Amara Okafor", "Okafor")
    goals = numeric("Okafor, 23, has now scored _____ goals this season, a club record.", 27)
    accused = short("The scheme was led by _____.", "Julian Marchetti", "Marchetti")
    lawyer = short("Marchetti's attorney, _____, said her client denies it.", "Lillian Shea")
    bail = numeric("Bail for Marchetti was set at $_____.", 500000)
    after = hidden(scorer, goals, accused, lawyer, bail, kinds=(Kind.PERSON,) * 3 + (None, None))
    assert after[1]["prompt"] == (
        "Which number is missing from this sentence of the article? "
        "Okafor, 23, has now scored _____ goals this season, a club record."
    )
    assert after[3]["prompt"] == (
        "Who is missing from this sentence of the article? "
        "Marchetti's attorney, _____, said her client denies it."
    )
    # Anywhere else the name is hidden.
    assert after[4]["prompt"].endswith(f"? Bail for {HIDDEN} was set at $_____.")


@pytest.mark.parametrize(
    ("answer", "unit", "text", "after"),
    [
        # A one-digit number alone is no fact: "3" turns up everywhere.
        ("3", "", "It has 3 rooms.", "It has 3 rooms."),
        # With its unit it is the same fact; the unit stays.
        ("3", "percent", "Prices rose 3 percent.", f"Prices rose {HIDDEN} percent."),
        ("3", "percent", "It has 3 rooms and 13 percent.", "It has 3 rooms and 13 percent."),
        ("3", "percent", "Prices rose 4.3 percent.", "Prices rose 4.3 percent."),
        ("3", "%", "Prices rose 3%.", f"Prices rose {HIDDEN}%."),
        ("six", "hours", "Six hours later it ended.", f"{HIDDEN} hours later it ended."),
        # A longer number is hidden with its unit, never inside a longer number.
        ("15", "", "About 15 people came.", f"About {HIDDEN} people came."),
        ("15", "", "About 15,000 came on 2.15 at 4:15.", "About 15,000 came on 2.15 at 4:15."),
        ("12", "percent", "Children under 12 paid.", "Children under 12 paid."),
        ("12", "percent", "It rose 12 percent.", f"It rose {HIDDEN} percent."),
        ("62,418", "fans", "A crowd of 62,418 fans.", f"A crowd of {HIDDEN} fans."),
        # Lowercase words are too common; a name keeps its capital.
        ("second", "", "It came second again.", "It came second again."),
        ("Young", "", "The young Young family.", f"The young {HIDDEN} family."),
        ("LED", "", "She led the LED project.", f"She led the {HIDDEN} project."),
        ("Li", "", "Li said so.", "Li said so."),
        ("Harbor Heights", "", "He lived in harbor heights.", f"He lived in {HIDDEN}."),
    ],
)
def test_only_specific_answers_are_hidden(answer: str, unit: str, text: str, after: str) -> None:
    pattern = answer_pattern(answer, unit)
    assert hide(text, [pattern] if pattern else []) == after


def test_the_unit_is_the_word_after_the_questions_own_blank() -> None:
    assert shown_unit(numeric("It rose _____ percent.", 3)) == "percent"
    assert shown_unit(cloze("It rose {{3}}% in {{May}}.")) == "%"
    assert shown_unit(numeric("It rose in _____.", 2019)) == ""


def test_a_question_never_hides_its_own_answer_or_blank() -> None:
    # Both ask "Brooks" (one as a surname): neither hides it in itself, nor in its own blank.
    first = cloze("{{Linda Brooks|Brooks}} won in {{Millbrook}}; Brooks thanked voters.")
    second = short("_____ thanked voters in Millbrook.", "Brooks")
    after_first, after_second = hidden(first, second)
    assert after_first["text"] == first["text"]
    assert after_second["prompt"].endswith(f"_____ thanked voters in {HIDDEN}.")


def draft(article: Path, seed: int = 0) -> dict[str, Any]:
    return generate_bank(article.read_text(encoding="utf-8"), article_file=article.name, seed=seed)


def test_no_drafted_question_shows_another_questions_answer() -> None:
    questions = draft(AIRLINE)["questions"]
    shown_texts = [q["prompt"] + q.get("text", "") for q in questions]
    assert any(HIDDEN in shown for shown in shown_texts), "the article has sentences asked twice"
    answers = [expected_answers(q) for q in questions]
    for i, q in enumerate(questions):
        if q["type"] in ("true_false", "matching"):
            continue
        shown = re.sub(r"\{\{.*?\}\}", "_____", q["prompt"] + " " + q.get("text", ""))
        for j, others in enumerate(answers):
            unit = shown_unit(questions[j])
            for answer in others if j != i else ():
                pattern = answer_pattern(answer, unit)
                assert pattern is None or not re.search(pattern, shown), (answer, shown)


def test_a_hidden_draft_validates_and_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    source = Path(os.path.relpath(AIRLINE, tmp_path)).as_posix()
    bank = generate_bank(AIRLINE.read_text(encoding="utf-8"), article_file=source)
    out.write_text(bank_to_yaml(bank), encoding="utf-8")
    assert len(load_bank(out).bank.questions) == len(bank["questions"])
    assert draft(AIRLINE) == draft(AIRLINE)


def test_a_month_a_role_or_a_nationality_is_not_hidden_as_a_name() -> None:
    assert answer_pattern("August") is None  # "later in August" is another fact
    assert answer_pattern("May") is None
    prompt = "Who is missing? Town Manager Gary Pruitt told _____ that American Laura Chen won."
    patterns = [answer_pattern("Pruitt"), answer_pattern("Chen")]
    assert None not in patterns
    hidden = hide(prompt, [p for p in patterns if p is not None])
    assert hidden == "Who is missing? Town Manager … told _____ that American … won."


def test_a_prompt_without_a_passage_is_left_as_it_is() -> None:
    question = {
        "type": "short_answer",
        "prompt": "According to the article, who is the chief executive of Harbor Heights Bank",
        "answers": ["Dana Ruiz"],
    }
    pattern = answer_pattern("Harbor Heights")
    assert pattern is not None
    assert hide_in(question, [pattern]) is question
