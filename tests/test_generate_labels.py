"""The generator against a teacher's labels (tests/articles/labels.tsv) and the rules of
issue 12: a keep share that does not drop, next to nothing wrong, half the answers about the
main points (tests/articles/*.points), no discarded question back, ids that say nothing, no page
furniture, no wrong option that the article says is right, enough questions per article.

The held-out articles (tests/articles/heldout/) were written and committed before the
generator ran on them and are never tuned on (once a held-out set has been seen, it joins the
tuning set and a new one is written): their drafts must be labelled, and the rules that do not
depend on judgement (furniture, ids, wrong options, questions per article) hold on them too;
their figures are reported by bench.generate_eval, not asserted."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from app.generate import generate_bank
from app.generate.checks import stands_alone
from app.generate.facts import extract_facts
from app.generate.points import read_points
from app.generate.quantities import find_quantities
from app.generate.review import Row, content_hash, read_labels, review
from app.generate.sentences import Part
from app.text import answer_key, normalize_space

ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.txt"))
HELD_OUT = sorted((Path(__file__).parent / "articles" / "heldout").glob("*.txt"))
LABELS = Path(__file__).parent / "articles" / "labels.tsv"
# The goal is 85% kept on unseen articles; it is not met (README: the tuning set is at 57%,
# 886 of 1545, since round 18; 61% before round 16). The floor was 70% in round 9, 63% in rounds 10
# and 11 and 60% in rounds 12 to 15: since round 9 the sets are labelled strictly (one question per
# sentence, the others that show its answer are giveaways), and rounds 16's and 17's changed drafts
# were read by new reviewers who call more questions minor details (in round 16, 99 earlier keeps
# against 15 the other way, while blind comparisons by single reviewers favoured its rule, 82 to 70
# and 78 to 36; round 17's, 87 to 84 and 84 to 78). The test below guards what has been reached
# instead: the keep share may not drop below the tuning set's current honest level (rounded down to
# a whole percent), and wrong and main-point shares hold.
KEEP_FLOOR, WRONG_LIMIT, MAIN_FLOOR = 0.57, 0.03, 0.5


@cache
def draft(article: Path, seed: int = 0) -> list[dict[str, Any]]:
    text = article.read_text(encoding="utf-8")
    return generate_bank(text, article_file=article.name, seed=seed)["questions"]


@cache
def labels(folder: Path = LABELS.parent) -> dict:
    return read_labels(folder / "labels.tsv")


@cache
def all_labels(folder: Path) -> dict:
    """The first labels and, for a held-out set, the later labels of drafts that changed after
    it was labelled once (`labels-later.tsv`: not blind, in no held-out figure)."""
    later = folder / "labels-later.tsv"
    return {**(read_labels(later) if later.exists() else {}), **labels(folder)}


def test_there_are_at_least_seven_held_out_articles_with_main_points() -> None:
    assert len(HELD_OUT) >= 7
    for article in [*ARTICLES, *HELD_OUT]:
        assert len(read_points(article.with_suffix(".points"))) >= 5, article


def test_every_draft_at_the_default_settings_is_labelled() -> None:
    missing = [
        f"{a.parent.name}/{a.stem} {content_hash(q)}"
        for a in [*ARTICLES, *HELD_OUT]
        for q in draft(a)
        if (a.stem, content_hash(q)) not in all_labels(a.parent)
    ]
    assert not missing, (
        "drafts changed: read them against their articles and label them "
        "(python -m bench.generate_eval --unlabelled): " + ", ".join(missing)
    )


def test_keep_share_does_not_drop_and_wrong_and_main_point_shares_hold() -> None:
    rows = [
        review(a.stem, draft(a), labels(), read_points(a.with_suffix(".points"))) for a in ARTICLES
    ]
    questions = sum(r.questions for r in rows)
    kept = sum(r.counts["keep"] for r in rows)
    wrong = sum(r.counts["wrong"] for r in rows)
    main = sum(r.counts["main"] for r in rows)
    assert kept / questions >= KEEP_FLOOR, _table(rows)
    assert wrong / questions <= WRONG_LIMIT, _table(rows)
    assert main / questions >= MAIN_FLOOR, _table(rows)


def _table(rows: list[Row]) -> str:
    return "\n" + "\n".join(
        f"{r.article}: {r.share('keep'):.0%} kept, {r.share('main'):.0%} main points" for r in rows
    )


# What the rules now rule out: a question labelled with one of these reasons (in the first
# drafts or since) must never be drafted again, at any seed. The other reasons (trivial,
# detail, duplicate, distractor, giveaway, awkward, and context: a pronoun inside the
# sentence, "spent three years testing them") are judgement calls the rules still miss
# sometimes; they count against the keep share above.
RULED_OUT = {"furniture", "wrong", "boundary"}


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_no_ruled_out_question_comes_back(article: Path, seed: int) -> None:
    for q in draft(article, seed):
        label = labels().get((article.stem, content_hash(q)))
        assert label is None or label.label == "keep" or label.reason not in RULED_OUT, label


def answer_words(q: dict[str, Any]) -> set[str]:
    texts: list[str] = []
    match q["type"]:
        case "multiple_choice" | "numeric":
            texts = [str(q["answer"])]
        case "short_answer":
            texts = q["answers"]
        case "cloze":
            texts = re.findall(r"\{\{(.*?)\}\}", q["text"])
        case "matching":
            texts = [p["left"] + " " + p["right"] for p in q["pairs"]]
        case "true_false":
            texts = []
    return {w.casefold() for t in texts for w in re.findall(r"[^\W_]{3,}", str(t))}


@pytest.mark.parametrize("seed", [0, 7])
@pytest.mark.parametrize("article", [*ARTICLES, *HELD_OUT], ids=lambda p: p.stem)
def test_ids_reveal_no_answer_words(article: Path, seed: int) -> None:
    for q in draft(article, seed):
        _, _, tail = q["id"].partition("-")
        assert re.fullmatch(r"[0-9a-f]{8}(-\d+)?", tail), q["id"]
        assert not set(re.findall(r"[a-z]{3,}", tail)) & answer_words(q), q["id"]


@pytest.mark.parametrize("seed", [0, 7])
@pytest.mark.parametrize("article", [*ARTICLES, *HELD_OUT], ids=lambda p: p.stem)
def test_no_question_about_page_furniture(article: Path, seed: int) -> None:
    text = article.read_text(encoding="utf-8")
    facts = extract_facts(text)
    sentences = facts.sentences
    # Every quote is a run of story sentences (a header "The trial" may also be the first
    # words of a story sentence, so the quote is matched to the sentences it is made of).
    runs = {
        normalize_space(text[a.start : sentences[j].end])
        for a in sentences
        for j in range(a.index, min(a.index + 8, len(sentences)))
        if all(s.part is Part.BODY for s in sentences[a.index : j + 1])
    }
    for q in draft(article, seed):
        quote = normalize_space(q["source_quote"])
        assert quote in runs, (quote, q["id"])


def wrong_options(q: dict[str, Any]) -> list[tuple[str, str]]:
    """(wrong option, right answer) pairs of choice questions and false statements."""
    if q["type"] == "multiple_choice":
        return [(o, q["answer"]) for o in q["options"] if o != q["answer"]]
    if q["type"] == "true_false" and q["answer"] is False:
        found = re.match(r"False: it is (.+?), not (.+?)\. The article says: ", q["explanation"])
        assert found
        return [(found.group(2), found.group(1))]
    return []


@pytest.mark.parametrize("seed", [0, 7])
@pytest.mark.parametrize("article", [*ARTICLES, *HELD_OUT], ids=lambda p: p.stem)
def test_no_wrong_option_is_true_in_the_article(article: Path, seed: int) -> None:
    """A wrong number or date appears nowhere in the article; a wrong name is never written
    in the same sentence as the right one; the statement with the wrong option is not in
    the article."""
    text = article.read_text(encoding="utf-8")
    facts = extract_facts(text)
    sentences = [s.text for s in facts.sentences]
    values = {answer_key(x.text) for s in sentences for x in find_quantities(s)}
    for q in draft(article, seed):
        for wrong, right in wrong_options(q):
            if q["type"] == "true_false":
                assert normalize_space(q["prompt"]) not in normalize_space(text)
            if any(ch.isdigit() for ch in wrong) or find_quantities(wrong):
                assert answer_key(wrong) not in values, (wrong, q["id"])
            elif {"rival", "winner"} & set(q["tags"]):
                # The story's two sides (winner and loser, the two candidates) share its lead
                # sentence by nature: the rival is only never in the sentence asked, and the
                # swapped statement is checked above.
                assert q["type"] == "true_false" or wrong not in q["source_quote"], q["id"]
            else:
                assert not any(wrong in s and right in s for s in sentences), (wrong, q["id"])


@pytest.mark.parametrize("article", [*ARTICLES, *HELD_OUT], ids=lambda p: p.stem)
def test_articles_with_eight_factual_sentences_give_fifteen_questions(article: Path) -> None:
    facts = extract_facts(article.read_text(encoding="utf-8"))
    with_facts = {m.sentence for m in facts.mentions}
    factual = [s for s in facts.sentences if stands_alone(s) and s.index in with_facts]
    if len(factual) >= 8:
        assert len(draft(article)) >= 15
