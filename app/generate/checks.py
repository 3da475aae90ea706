"""What makes a candidate question worth asking, as rules over the whole article.

- A sentence must stand on its own when cut out: not led by a pronoun or a pointer back
  ("He said ...", "Both of these ...", "It cost ..."), and long enough to say something.
- A blank must need the article: not the article's own subject, not a country in a stock
  "Town, Country" pair, not the word "Earth", not next to its own acronym, not a weekday.
- A wrong option must be false everywhere in the article, not only in the quoted sentence.
"""

from __future__ import annotations

import functools
import re

from app.generate.facts import Facts, Mention
from app.generate.kinds import Kind
from app.generate.lexicon import COUNTRIES, DEMONYM_ENDINGS, DEMONYMS, PLANETS, REGIONS, STOPWORDS
from app.generate.quantities import find_quantities
from app.generate.sentences import Part, Sentence
from app.generate.shares import counted_share, partner_shares
from app.text import answer_key

_LEADS_BACK = re.compile(
    r"^[\"“‘]?(?:He|She|It|They|Its|His|Her|Their|Them|This|That|These|Those|Both|Such|"
    r"The two|The same|There|Then|Also|But|And|Or|So|Instead|Still|Yet|Even so|"
    r"Neither|Either|None|All of them|Some of them"
    # "All three were expected to recover": a count of people the sentence before named
    r"|All (?:\d+|two|three|four|five|six|seven|eight|nine|ten) (?:were|are|was|have|had|will)"
    r")\b"
)
_POINTS_BACK = re.compile(
    r"\b(?:before then|after that|at that time|the same|these (?:two|three)|both of (?:them|these)"
    r"|that (?:day|year|decision|plan|figure))\b",
    re.IGNORECASE,
)
# A short sentence that ends on a pronoun names its object in the sentence before: "More than
# 1,500 children passed through it." A longer one, or one with a second verb, often names it
# itself: "... to raise the hull and risk destroying it", "arrested 12 protesters and charged
# them".
_ENDS_ON_PRONOUN = re.compile(r"^(?!.*\band\b).*\b(?:it|them)[.!?]$")
_SHORT = 8
_NAMED = (Kind.PERSON, Kind.ORGANISATION, Kind.PLACE)
_STOCK_PLACES = frozenset({"Earth", "Moon"})
_BOUND_BEFORE = re.compile(
    r"\b(?P<up>more than|over|at least|above|upwards of)\s*[$€£]?$"
    r"|\b(?P<down>less than|under|fewer than|up to|at most|below|nearly|almost)\s*[$€£]?$",
    re.IGNORECASE,
)
# The scope of a superlative: "the largest regional bank in the southeastern _____", "the
# first Hispanic woman to represent _____": the country goes without saying.
_SCOPE = re.compile(
    r"\b(?:largest|biggest|smallest|oldest|first|only|highest|lowest|\w+-largest)\b"
    r"[^,;:.]{0,80}$"
)
_CIVIC = re.compile(r"(?:[A-Z][\w'’-]+ )*(?:City|Town) Hall")
_MIN_WORDS = 5
_MAX_PASSAGE = 360


def stands_alone(sentence: Sentence) -> bool:
    """A body sentence a student can read without the one before it."""
    text = sentence.text
    if sentence.part is not Part.BODY or len(text.split()) < _MIN_WORDS:
        return False
    if _LEADS_BACK.match(text) or _POINTS_BACK.search(text):
        return False
    if len(text.split()) <= _SHORT and _ENDS_ON_PRONOUN.search(text):
        return False
    if re.fullmatch(r"[\"“][^\"“”]+[\"”]", text):
        return False  # a whole quotation, its speaker named in another sentence
    # A quotation that opens the sentence and is attributed by a pronoun: "..., she said."
    return not _quoted_by_pronoun(text)


def context_start(index: int, facts: Facts) -> int | None:
    """The first sentence a question on sentence `index` must cite: itself when it stands
    alone, else up to two sentences before it in its paragraph, back to one that does
    ("The team compared the bones ... They estimate the animal weighed 250 kilograms.")."""
    sentence = facts.sentences[index]
    if stands_alone(sentence):
        return index
    if sentence.part is not Part.BODY or _quoted_by_pronoun(sentence.text):
        return None
    for first in range(index - 1, max(index - 3, -1), -1):
        earlier = facts.sentences[first]
        if earlier.part is not Part.BODY:
            return None  # a header or a caption between: the context is not in the quote
        if len(facts.article[earlier.start : sentence.end]) > _MAX_PASSAGE:
            return None
        if stands_alone(earlier):
            return first
    return None


def _quoted_by_pronoun(text: str) -> bool:
    return bool(re.search(r"[,!?][\"”] (?:he|she|they) (?:said|added|says)\b", text))


def is_subject(canonical: str, facts: Facts) -> bool:
    """The person, organisation or place the story is about: named in the headline and in
    at least three sentences. Blanking it asks nothing: every sentence is about it."""
    headline = " ".join(s.text for s in facts.sentences if s.part is Part.HEADLINE)
    last = canonical.split()[-1]
    in_headline = re.search(rf"(?<!\w){re.escape(last)}(?!\w)", headline) is not None
    sentences = {m.sentence for m in facts.mentions if m.canonical == canonical}
    first = canonical.split()[0]
    if " " in canonical and facts.kind_of(canonical) in (Kind.ORGANISATION, Kind.PLACE):
        # "Skyway" and "the Millbrook library" stand for "Skyway Airlines" and "Millbrook
        # Public Library" in the story's other sentences.
        word = re.compile(rf"(?<!\w){re.escape(first)}(?!\w)")
        sentences |= {s.index for s in facts.sentences if word.search(s.text)}
    return in_headline and len(sentences) >= 3


def obvious_blank(mention: Mention, facts: Facts) -> bool:
    """A blank anyone can fill without reading the article, or that its sentence fills."""
    text = facts.sentences[mention.sentence].text
    before, after = text[: mention.start], text[mention.end :]
    if mention.kind is Kind.DATE and mention.shape == "weekday":
        return True  # "said on Monday": the day of the week is never the point
    if mention.kind is Kind.PLACE:
        if mention.canonical in _STOCK_PLACES:
            return True
        if re.search(r"[A-Z][\w.'’-]*, $", before):
            return True  # "Darmstadt, _____", "Patagonia, _____": the country is obvious
        if mention.canonical in REGIONS or _CIVIC.fullmatch(mention.canonical):
            return True  # "cities across _____" (Europe), "a reception at _____" (Town Hall)
        if re.search(r"\balso (?:of|from|in) $", before):
            return True  # "Grace Wanjiru, also of _____": the sentence before says where
        if mention.canonical in COUNTRIES and (
            _SCOPE.search(before) or _told_by_demonym(mention.canonical, facts)
        ):
            return True
    if mention.kind in _NAMED and is_subject(mention.canonical, facts):
        return True
    alias = facts.aliases.get(mention.text)
    if alias and (
        re.match(rf"\s*\(\s*{re.escape(alias)}\s*\)", after) or before.rstrip().endswith("(")
    ):
        return True  # "Federal Trade Commission (_____)" and "_____ (FTC)"
    acronym = re.match(r"\s*\(([A-Z]{2,7})\)", after)
    initials = "".join(w[0] for w in mention.text.split() if w[:1].isupper())
    if mention.kind in _NAMED and acronym and initials.endswith(acronym.group(1)):
        return True  # "the U.S. Consumer Product Safety Commission (CPSC)": spelled out beside
    if mention.kind is Kind.NUMBER and mention.value is not None and mention.value <= 1:
        return True  # "1 in 3,000", "one of the"
    if mention.kind is Kind.NUMBER and re.match(r"\s+(?:times|in)\s+\d", after):
        return mention.value is not None and mention.value < 3
    if (
        mention.kind is Kind.NUMBER
        and (mention.value or 0) <= 3
        and re.search(r"\b(?:the|both|all) $", before)
    ):
        return True  # "the _____ companies": the two the story is about
    if mention.kind is Kind.NUMBER and re.match(r" hours?,? (?:and )?\d+ minutes", after):
        return True  # "in 2 hours, 4 minutes": the hours of a record time go without saying
    if mention.kind is Kind.YEAR and re.search(r"\bin (\d{4}) and $", before):
        return True  # "in 2022 and _____": the next year
    if mention.kind is Kind.NUMBER and re.search(r"\b(?:a|an|one) \w+ or $", before):
        return True  # "a day or two": an idiom, not a count
    if mention.kind is Kind.PLACE and re.search(r"\btrading in $", before):
        return True  # "in early trading in New York": where shares trade is a stock phrase
    partners = partner_shares(text, mention.start, mention.end)
    if partners and abs((mention.value or 0) + sum(partners) - 100) < 0.05:
        return True  # "by _____ percent to 39 percent": 100 minus the other share
    if mention.kind is Kind.NUMBER and counted_share(text, mention.start, mention.end):
        return True  # "_____ per cent, with 39,100 of 47,950 voters": the counts give it
    return _inside_quotation(text, mention.start) and mention.kind in _NAMED


def _told_by_demonym(country: str, facts: Facts) -> bool:
    """ "a Swedish architect ... in the far north of _____": the article's own adjective
    names the country."""
    stem = country[:4]
    return len(country) > 4 and any(
        word.startswith(stem)
        and word != country
        and (word in DEMONYMS or word.endswith(DEMONYM_ENDINGS))
        for word in re.findall(r"\b[A-Z][a-z]+\b", facts.article)
    )


def _inside_quotation(text: str, at: int) -> bool:
    before = text[:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def bound(mention: Mention, facts: Facts) -> int:
    """+1 after "more than", -1 after "less than"/"nearly", 0 otherwise: which way a wrong
    number must go to be wrong ("less than 11 cents" is true when it is 10)."""
    text = facts.sentences[mention.sentence].text
    match = _BOUND_BEFORE.search(text[: mention.start])
    if match is None:
        return 0
    return 1 if match.group("up") else -1


def content_words(text: str) -> set[str]:
    """The lowercase words of `text` that carry meaning."""
    return {
        w.casefold().removesuffix("'s").removesuffix("’s")
        for w in re.findall(r"[A-Za-z][\w'’-]+", text)
        if w.casefold() not in STOPWORDS and len(w) > 2
    }


def true_elsewhere(wrong: str, mention: Mention, facts: Facts) -> bool:
    """Whether the article may say that `wrong` fills the blank: it appears in a sentence that
    shares much of the question's sentence, it is written beside the answer ("Patagonia,
    Argentina"), or, for numbers and dates, it appears anywhere in the article."""
    if mention.kind in (Kind.NUMBER, Kind.YEAR, Kind.DATE):
        if mention.kind is Kind.DATE and re.search(
            rf"(?<!\w){re.escape(wrong)}(?!\w)", facts.article
        ):
            return True  # "booked for February and March": a month written without a cue word
        return answer_key(wrong) in _quantity_keys(facts.article)
    sentence = facts.sentences[mention.sentence].text
    context = content_words(sentence[: mention.start] + " " + sentence[mention.end :])
    pattern = re.compile(rf"(?<!\w){re.escape(wrong)}(?!\w)")
    for other in facts.sentences:
        if other.index == mention.sentence or not pattern.search(other.text):
            continue
        if mention.text in other.text or mention.canonical in other.text:
            return True  # named together: "in Patagonia, Argentina", "Trelew" with "Patagonia"
        shared = context & content_words(other.text)
        if len(shared) >= max(2, 0.3 * len(context)):
            return True
    # A country for a town reads as a trick, and may contain the answer; so does a continent
    # or a planet for a country.
    return mention.kind is Kind.PLACE and _place_sort(mention.canonical) != _place_sort(wrong)


def _place_sort(place: str) -> str:
    if place in PLANETS:
        return "planet"
    if place in REGIONS:
        return "region"
    return "country" if place in COUNTRIES else "place"


@functools.lru_cache(maxsize=8)
def _quantity_keys(article: str) -> frozenset[str]:
    return frozenset(answer_key(q.text) for q in find_quantities(article))
