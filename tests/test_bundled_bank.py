"""The bundled bank: valid, faithful to the article, and covering every factual sentence."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import assert_never

import pytest

from app.bank import load_bank, load_banks
from app.models import (
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    QuestionType,
    ShortAnswer,
    TrueFalse,
)
from app.text import normalize_space
from tests.conftest import ARTICLE_FILE, BANK_FILE, QUESTIONS, REPO

SHARED_ARTICLE = REPO.parent / "shared" / "article.txt"


@pytest.fixture(scope="module")
def loaded():
    return load_bank(BANK_FILE)


def sentences(article: str) -> list[str]:
    """The headline, caption lines and every sentence of the body."""
    found = []
    for line in article.splitlines():
        found += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", line.strip()) if s]
    return found


def test_every_file_under_questions_is_valid() -> None:
    banks, problems = load_banks([QUESTIONS])
    assert problems == []
    assert banks


def test_article_is_copied_verbatim() -> None:
    if not SHARED_ARTICLE.exists():
        pytest.skip("the shared article is not beside this checkout")
    assert ARTICLE_FILE.read_bytes() == SHARED_ARTICLE.read_bytes()


def test_bank_size_and_types(loaded) -> None:
    questions = loaded.bank.questions
    assert len(questions) >= 30
    counts = Counter(q.type for q in questions)
    assert {t.value: counts[t.value] >= 3 for t in QuestionType} == {
        t.value: True for t in QuestionType
    }


def test_every_question_is_explained_tagged_and_cited(loaded) -> None:
    for q in loaded.bank.questions:
        assert q.explanation.strip() and q.tags and q.difficulty and q.source_quote, q.id


def test_every_factual_sentence_is_covered(loaded) -> None:
    article = normalize_space(loaded.article)
    quoted = []
    for q in loaded.bank.questions:
        start = article.index(normalize_space(q.source_quote))
        quoted.append(range(start, start + len(normalize_space(q.source_quote))))
    uncovered = []
    for sentence in sentences(loaded.article):
        start = article.index(normalize_space(sentence))
        span = range(start, start + len(normalize_space(sentence)))
        if not any(set(span) & set(q) for q in quoted):
            uncovered.append(sentence)
    assert uncovered == []


def test_distractors_are_not_quoted_as_true(loaded) -> None:
    """A wrong option that appears word for word in the cited sentence would be ambiguous."""
    for q in loaded.bank.questions:
        if isinstance(q, MultipleChoice | MultipleSelect):
            right = {q.answer} if isinstance(q, MultipleChoice) else set(q.answers)
            assert q.source_quote is not None, q.id
            quote = q.source_quote.casefold()
            for option in set(q.options) - right:
                assert option.casefold() not in quote, (q.id, option)


def test_content_hash_is_stable_and_changes_with_content(loaded) -> None:
    question = loaded.bank.questions[0]
    same = type(question).model_validate(question.model_dump())
    changed = question.model_copy(update={"prompt": question.prompt + " (edited)"})
    assert same.content_hash == question.content_hash
    assert changed.content_hash != question.content_hash
    assert len({q.content_hash for q in loaded.bank.questions}) == len(loaded.bank.questions)


def test_ids_are_unique(loaded) -> None:
    ids = [q.id for q in loaded.bank.questions]
    assert len(ids) == len(set(ids))


def test_questions_readme_documents_every_type() -> None:
    readme = (QUESTIONS / "README.md").read_text(encoding="utf-8")
    for question_type in QuestionType:
        assert f"type: {question_type.value}" in readme


def test_questions_readme_examples_are_valid(tmp_path: Path) -> None:
    """The YAML examples in questions/README.md, put into a bank, pass validation."""
    readme = (QUESTIONS / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL)
    examples = [b for b in blocks if b.lstrip().startswith("- id:")]
    assert len(examples) >= len(QuestionType)
    body = "id: readme\ntitle: README examples\nquestions:\n" + "".join(
        "\n".join("  " + line for line in block.splitlines()) + "\n" for block in examples
    )
    path = tmp_path / "readme.yaml"
    path.write_text(body, encoding="utf-8")
    assert len(load_bank(path).bank.questions) == len(examples)


def test_questions_readme_bank_examples_are_valid(tmp_path: Path) -> None:
    """The whole banks shown in questions/README.md (blocks starting with `id:`) validate."""
    readme = (QUESTIONS / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL)
    banks = [b for b in blocks if b.startswith("id:") and "- ..." not in b]
    assert any("feedback: deferred" in b for b in banks)
    for number, block in enumerate(banks):
        path = tmp_path / f"bank-{number}.yaml"
        path.write_text(block, encoding="utf-8")
        load_bank(path)


def _answers_of(question) -> list[str]:
    match question:
        case MultipleChoice():
            return [question.answer]
        case MultipleSelect() | ShortAnswer():
            return list(question.answers)
        case Cloze():
            return [answer for blank in question.blanks for answer in blank]
        case Matching():
            return [pair.right for pair in question.pairs]
        case Numeric():
            return [] if question.answer is None else [f"{question.answer:g}"]
        case TrueFalse():
            return []
        case _:
            assert_never(question)


def _shown_before_answering(question) -> str:
    """What a student reads on a question's page: prompt, options, matching items, cloze text."""
    parts = [question.prompt]
    match question:
        case MultipleChoice() | MultipleSelect():
            parts += question.options
        case Matching():
            parts += [pair.left for pair in question.pairs] + list(question.right_items)
        case Cloze():
            parts += question.segments
        case ShortAnswer() | Numeric() | TrueFalse():
            pass
        case _:
            assert_never(question)
    return " | ".join(parts)


def test_no_answer_is_given_away_by_another_question(loaded) -> None:
    questions = loaded.bank.questions
    given_away = []
    for question in questions:
        for answer in _answers_of(question):
            pattern = re.compile(rf"(?<!\w){re.escape(answer)}(?!\w)", re.IGNORECASE)
            for other in questions:
                if other.id != question.id and pattern.search(_shown_before_answering(other)):
                    given_away.append((question.id, answer, other.id))
    assert given_away == []
