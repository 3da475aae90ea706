"""Split an article into sentences: the headline line, caption lines and body sentences, and
tell page furniture (bylines, date lines, section headers, photo credits, captions, copyright
lines) from the story, so no question is ever asked about it.

A sentence ends at `.`, `!` or `?` (plus closing quotes) followed by a capital, a digit or an
opening quote, except after an abbreviation ("Dr.", "U.S."), an initial ("J.") or inside a
quotation that closes later in the same paragraph. Every sentence is a verbatim span of the
article up to spacing, so it can be cited as a `source_quote`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from enum import StrEnum

from app.generate.lexicon import ABBREVIATIONS, SECTION_WORDS
from app.text import normalize_space


class Part(StrEnum):
    """Where a sentence sits. Only body sentences give questions; the headline says what the
    story is about, and captions, credits and furniture are not the story."""

    HEADLINE = "headline"
    CAPTION = "caption"
    CREDIT = "credit"  # a byline or a photo credit
    FURNITURE = "furniture"  # a date line, section header, "Related:", copyright line
    BODY = "body"


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article, as cited in `source_quote`."""

    index: int
    text: str  # whitespace collapsed to single spaces
    start: int  # offsets in the article: to spread questions and to cite several sentences
    end: int
    part: Part

    @property
    def title_case(self) -> bool:
        """True for Headline Style Lines, where capitals say nothing about names."""
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", self.text) if len(w) > 4]
        return len(words) >= 3 and all(w[0].isupper() for w in words)


_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=[ \t\r]*\n\s*\n|\s*$)", re.DOTALL)
_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_CREDIT = re.compile(
    r"^(?:By [A-Z]|Photo\b|\(?Photo:)"  # a byline or a photo credit: "Marko Djurica/Reuters"
    r"|\b[A-Z][\w.-]*(?: [A-Z][\w.-]*)*/[A-Z][\w.]*(?: [A-Z][\w.]*)*\)?$"
    r"|^\([A-Z][^()]{0,60} via [A-Z][\w .]{1,20}\)$"  # "(Bransford Police Department via AP)"
)
# A caption's credit anywhere in its paragraph: "Photo: ...", "AP Photo/...", "Photograph:",
# "Illustration:", "Rendering courtesy of ...", "Gazette photo by ...", "(Photo courtesy of
# ...)", "(Hannah Price/Courier)", "Credit: Schmidt Ocean Institute", "Courtesy of ...".
_PHOTO = re.compile(
    r"\b(?:Photo|Photograph|Photos|Illustration|Image|Graphic|Rendering|Map|Video)"
    r"(?: by\b| courtesy\b| [Cc]redits?:|:|/)|(?:^|\. |\()(?:Credits?|Image credit|Courtesy of)\b:?"
    r"|\bphoto by\b|\(Photo\b|\([A-Z][\w.-]*(?: [A-Z][\w.-]*)*/[A-Z][^)]*\)\s*$"
    r"|\([A-Z][^()]{0,60} via [A-Z][\w .]{1,20}\)\s*$"  # "(Bransford Police Department via AP)"
    r"|\bPicture: [A-Z][^.:]{0,60}$"  # closing the caption: "Picture: Kate Lindqvist"
)
_SLASH_CREDIT = re.compile(r"\b[A-Z][\w.-]*(?: [A-Z][\w.-]*)*/[A-Z][\w.]*(?: [A-Z][\w.]*)*\)?$")
# The news agency's credit that closes a date line: "(AP) —", "(Reuters) -".
_WIRE_CREDIT = re.compile(r"\([A-Z][\w .&'’-]{0,30}\) ?[—–-]+ ")
# A time stamp, which closes a byline: "Published 4 July 2025, 07:00".
_STAMP_WORDS = r"(?:Published|Updated|Posted|Last updated)\b"
# A label opening a part of a facts box: "Tries: ", "Dunvarra: ", "Half-time score: "; not
# the story's own "The cost: ... The payoff: ..." or a "Q: ... A: ..." interview.
_BOX_LABEL = re.compile(r"(?!(?:The|A|An|This|That|Our|Q)\b)[A-Z][\w'’-]+(?: [\w'’-]+)?: ")
_FURNITURE_LINE = re.compile(
    rf"^(?:By [A-Z][\w.'’-]+ [A-Z]|{_STAMP_WORDS}"
    r"|Copyright\b|©|Related\b|Read more\b|Advertisement\b"
    # A staff byline: "Fairhaven Courier staff", "Staff report", "From staff reports".
    r"|(?:[A-Z][\w&.'’-]*\s+){1,4}staff(?: writers?| reports?)?$|(?:From )?[Ss]taff reports?$)"
)
# A note on the article itself, not the story: "This article was amended on 10 February 2025
# to correct ...", "This story has been updated.", "An earlier version of this article ...",
# "Correction: ...", "Editor's note: ...".
_NOTE = re.compile(
    r"^(?:This (?:article|story|report|piece) (?:was|has been|had been|is being) "
    r"(?:amended|updated|corrected|changed|edited|revised)\b"
    r"|(?:An earlier|A previous|An? (?:older|original)) version of this\b"
    r"|(?:Correction|Clarification|Editor['’]s note|Update|Updated)\s*(?:\([^)]*\))?\s*:)",
    re.IGNORECASE,
)
# "ATLANTA —", "PORT ARDO (Coast Herald) —", "SANTA RITA, Calif. (AP) —", "DUNMORE, Ore., March
# 18 (Reuters) -": a place in capitals, maybe its state or country and the date, maybe the paper
# or agency that filed it, and a dash.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,40}(?:, [A-Z][\w.'’ -]{1,24}?){0,2}(?: \([^)]{1,30}\))? ?[—–-]+ "
)
# An obituary's closing line: "Maud Ellery, pianist and composer, born 3 May 1938; died 9
# October 2025".
_LIFE_DATES = re.compile(r"\bborn\b[^;]{3,60}; died\b[^;]{3,40}$")
_STAMP = re.compile(rf"^{_STAMP_WORDS}")
# A caption without a credit right under the time stamp: "A Blue Line train pulls into Union
# Station in downtown Ridgeport." (every paragraph of 25 words or fewer there, across the
# labelled articles, is a caption or a note).
_MAX_CAPTION_WORDS = 25
# What may stand between the headline and a date line: captions and notes, each short.
_MAX_ABOVE_WORDS = 45
_MAX_ABOVE_PARAGRAPHS = 8
_BYLINE_ROLE = r"\b(?:Reporter|Correspondent|Editor|Writer|Desk|Staff|Columnist)\b"


def split_sentences(article: str) -> list[Sentence]:
    """The sentences of `article`, in order; its headline first (after any section header)."""
    spans: list[tuple[int, int, Part]] = []
    paragraphs = [p.span() for p in _PARAGRAPH.finditer(article)]
    above = _above_the_date_line(article, paragraphs)
    top = _top_lines(article, paragraphs)
    stamped = False  # the paragraph before this one ends with a time stamp
    story_started = False
    under_furniture = False  # the paragraph before this one is page furniture (a byline, ...)
    for number, (start, end) in enumerate(paragraphs):
        while start in top:  # the headline, its standfirst, section headers
            line_end, part = top[start]
            spans += [(s, e, part) for s, e in _split_paragraph(article, start, line_end)]
            start = _next_line(article, line_end, end)
        if start >= end:
            continue
        part = _part_of(article[start:end], first=number == 1)
        if part is Part.BODY and 0 < number < above:
            part = Part.CAPTION  # "Residents gather beneath the restored clock tower ..."
        if (
            part is Part.BODY
            and stamped
            and _under_the_stamp(article[start:end], number, paragraphs)
        ):
            part = Part.CAPTION
        if (
            part is Part.BODY
            and not story_started
            and under_furniture
            and _standfirst_alone(article[start:end])
        ):
            part = Part.HEADLINE  # under the byline: "Archaeologists say the ... walkway ..."
        story_started = story_started or part is Part.BODY
        under_furniture = part in (Part.FURNITURE, Part.CAPTION)
        lines = article[start:end].strip().splitlines()
        stamped = part is Part.FURNITURE and bool(lines) and bool(_STAMP.match(lines[-1].strip()))
        spans += [(s, e, part) for s, e in _split_paragraph(article, start, end)]
    sentences: list[Sentence] = []
    for start, end, part in spans:
        text = normalize_space(article[start:end])
        if not text:
            continue
        raw = article[start:end]
        first, last = start + len(raw) - len(raw.lstrip()), start + len(raw.rstrip())
        kind = Part.CREDIT if _CREDIT.search(text) and len(text.split()) <= 6 else part
        sentences.append(Sentence(len(sentences), text, first, last, kind))
    return sentences


def _top_lines(article: str, paragraphs: list[tuple[int, int]]) -> dict[int, tuple[int, Part]]:
    """The headline, its standfirst and the section headers around them, by where each line
    starts: (end, part). The headline is the first line after any section headers above it
    ("SPORTS | HOCKEY", "Obituaries"); the standfirst is the line under it, maybe after a
    section header, when a byline or time stamp follows, and is read as headline too. Empty
    when the first paragraph is one line that ends like a sentence (no headline)."""
    if not paragraphs:
        return {}
    first_start, first_end = paragraphs[0]
    if "\n" not in article[first_start:first_end] and article[first_end - 1] in '.!?"”':
        return {}
    lines = [
        (m.start(), m.end())
        for m in re.finditer(
            r"[^\n]*\S[^\n]*",
            article[: paragraphs[min(_MAX_ABOVE_PARAGRAPHS, len(paragraphs)) - 1][1]],
        )
    ]
    lines = [(a + len(article[a:b]) - len(article[a:b].lstrip()), b) for a, b in lines]
    text = [normalize_space(article[a:b]) for a, b in lines]
    top: dict[int, tuple[int, Part]] = {}
    at = 0
    while (
        at + 1 < len(lines)
        and _section_header(text[at])
        and _headline(text[at + 1])
        and _ends_paragraph(article, lines[at + 1][1])
    ):
        top[lines[at][0]] = (lines[at][1], Part.FURNITURE)
        at += 1
    top[lines[at][0]] = (lines[at][1], Part.HEADLINE)
    below = _past_sections(text, at + 1)
    after = _past_sections(text, below + 1)
    if after < len(lines) and _standfirst(text[below], text[after]):
        for section in range(at + 1, below):
            top[lines[section][0]] = (lines[section][1], Part.FURNITURE)
        top[lines[below][0]] = (lines[below][1], Part.HEADLINE)
    return top


def _past_sections(text: list[str], at: int) -> int:
    """The first of `text`'s lines from `at` on that is no section header."""
    while at < len(text) and _section_header(text[at]):
        at += 1
    return at


def _section_header(line: str) -> bool:
    """A section of the paper: parts between bars ("SPORT | Rugby League", "NEWS /
    WILDFIRES"), or a word or three in capitals ("CITY HALL") or of SECTION_WORDS ("Local
    news", "Obituaries"), never a sentence."""
    if re.search(r"[.!?:;,\"”]$", line) or _FURNITURE_LINE.match(line):
        return False
    parts = re.split(r" [|/] ", line)
    if len(parts) > 1:
        return all(len(p.split()) <= 4 for p in parts)
    words = line.split()
    return len(words) <= 3 and (line.isupper() or all(w.casefold() in SECTION_WORDS for w in words))


def _ends_paragraph(article: str, end: int) -> bool:
    """Whether a blank line or the article's end follows offset `end` (not a wrapped line)."""
    return re.match(r"[ \t\r]*(?:\n[ \t\r]*\n|\s*$)", article[end:]) is not None


def _headline(line: str) -> bool:
    """A line that reads as a headline under a section header: longer than one, shorter than
    a paragraph, and not a sentence with its full stop."""
    return (
        3 <= len(line.split()) <= 25
        and not re.search(r"\.[\"”’']?$", line)
        and not (_FURNITURE_LINE.match(line) or _CREDIT.search(line))
    )


def _standfirst(line: str, following: str) -> bool:
    """The summary under a headline: a sentence or two, no credit, no date line, with the
    byline or a time stamp right under it ("Port Ardell edges Granton 4-3 in Game 7 ...")."""
    return (
        6 <= len(line.split()) <= _MAX_ABOVE_WORDS
        and not (_FURNITURE_LINE.match(line) or _PHOTO.search(line) or dateline_end(line))
        and _byline(following)
    )


def _byline(line: str) -> bool:
    """A byline or a time stamp: "By Jordan Pell, Staff Writer", "Published 3 June 2025",
    "Daniel Oyelaran, Court Reporter"; not "Advertisement", "Related: ..." or a subhead."""
    if re.match(r"(?:Copyright|©|Related|Read more|Advertisement)\b", line):
        return False
    return bool(_FURNITURE_LINE.match(line)) or (
        is_furniture(line) and re.search(_BYLINE_ROLE, line) is not None
    )


def _standfirst_alone(paragraph: str) -> bool:
    """A standfirst away from its headline (under the byline): one line of a dozen words or
    more that does not end like a sentence, above the story's first paragraph. Shorter lines
    of that kind are furniture (`is_furniture`)."""
    text = paragraph.strip()
    return (
        "\n" not in text
        and 12 < len(text.split()) <= _MAX_ABOVE_WORDS
        and not re.search(r"[.!?:…][\"”’')\]]*$", text)
        and not dateline_end(text)
    )


def _next_line(article: str, line_end: int, end: int) -> int:
    """Where the text after a line starts, within a paragraph that ends at `end`."""
    rest = article[line_end:end]
    return line_end + len(rest) - len(rest.lstrip()) if rest.strip() else end


def dateline_end(text: str) -> int:
    """Where the story starts after a date line: "ATLANTA (Wire) — Democrat ..."."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


def _above_the_date_line(article: str, paragraphs: list[tuple[int, int]]) -> int:
    """The number of the paragraph that opens with the story's date line, when only short
    paragraphs (captions without a credit, notes) stand between it and the headline: the
    story starts there, so nothing above it is the story. 0 when there is none."""
    for number, (start, end) in enumerate(paragraphs[: _MAX_ABOVE_PARAGRAPHS + 1]):
        text = normalize_space(article[start:end])
        if number > 0 and dateline_end(text):
            return number
        if number > 0 and len(text.split()) > _MAX_ABOVE_WORDS:
            return 0
    return 0


def _under_the_stamp(paragraph: str, number: int, paragraphs: list[tuple[int, int]]) -> bool:
    """Whether a paragraph right under the byline's time stamp is a caption: short, with more
    of the article after it, and no date line opening the story."""
    text = normalize_space(paragraph)
    return (
        len(text.split()) <= _MAX_CAPTION_WORDS
        and number + 1 < len(paragraphs)
        and not dateline_end(text)
    )


def _part_of(paragraph: str, first: bool) -> Part:
    """BODY for the story's paragraphs; CAPTION or FURNITURE for the page around it."""
    if _is_caption(paragraph, first):
        return Part.CAPTION
    text = normalize_space(paragraph)
    if is_furniture(paragraph) or _NOTE.match(text):
        return Part.FURNITURE
    if _LIFE_DATES.search(text) and len(text.split()) <= 25:
        return Part.FURNITURE
    return Part.BODY


def is_furniture(paragraph: str) -> bool:
    """A byline, date line, section header or the like: every line of the paragraph is short
    and none ends like a sentence, or it opens with "By", "Published", "Copyright", ...; or a
    match's facts box ("Dunvarra: Tries: Mulqueen. Cons: Carrick 2. Pens: Carrick 2.")."""
    lines = [normalize_space(line) for line in paragraph.splitlines() if line.strip()]
    if any(_FURNITURE_LINE.match(line) and len(line.split()) <= 14 for line in lines):
        return True
    if lines and all(_facts_box(line) for line in lines):
        return True
    if _results_box(lines):
        return True
    if all(len(line.split()) <= 12 and not re.search(r"[.!][\"”’)]*$", line) for line in lines):
        # "What comes next", "SPORTS", "Sports | Sunday, April 14, 2024", "How big was it?"
        return all(not line.endswith("?") or len(line.split()) <= 6 for line in lines)
    return False


def _facts_box(line: str) -> bool:
    """Two or more labelled lists in a row, each "Label: ..." ("Tries: Hehir, Fealy. Cons:
    Keegan. Pens: Keegan 2."), as under a match report: no sentence of the story."""
    parts = re.split(r"(?<=[.;])\s+", line)
    return len(parts) >= 2 and all(_BOX_LABEL.match(part) for part in parts)


def _results_box(lines: list[str]) -> bool:
    """A box of three or more lines under a match report, none a sentence, headed in capitals
    or holding a "Label: ..." line ("HALLORAN SHIELD FINAL / Kelbrook Harriers 24 (S Vaipulu,
    J Whitlock-Ngata tries; ...) / Halftime: 7-13 / Venue: Dunmore Park")."""
    return (
        len(lines) >= 3
        and all(
            len(line.split()) <= 20 and not re.search(r"[.!?][\"”’)]*$", line) for line in lines
        )
        and (lines[0].isupper() or any(_BOX_LABEL.match(line) for line in lines))
    )


def _is_caption(paragraph: str, first: bool) -> bool:
    text = normalize_space(paragraph)
    last = text.rsplit(". ", 1)[-1]
    if first and (_CREDIT.search(last) or paragraph.lstrip().startswith(("Photo", "(Photo"))):
        return True
    return len(text.split()) <= 45 and bool(_PHOTO.search(text) or _SLASH_CREDIT.search(last))


def _split_paragraph(article: str, start: int, end: int) -> list[tuple[int, int]]:
    text = article[start:end]
    cuts = [0]
    for match in _END.finditer(text):
        if _abbreviation_before(text, match.start()) or _inside_quote(text, match.end()):
            continue
        if _WIRE_CREDIT.match(text, match.end()):
            continue  # "SANTA RITA, Calif. (AP) — A fire ...": a date line, not a sentence
        cuts.append(match.end())
    cuts.append(len(text))
    return [(start + a, start + b) for a, b in itertools.pairwise(cuts) if a < b]


def _abbreviation_before(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    trailing = re.search(r"[\w.]*$", text[:dot])
    assert trailing is not None  # the pattern matches every text, if only with ""
    word = trailing.group()
    return word.casefold() in ABBREVIATIONS or bool(re.fullmatch(r"[A-Z]|(?:\w\.)+\w", word))


def _inside_quote(text: str, cut: int) -> bool:
    """Inside a quotation that is closed later in the paragraph (so not a runaway quote)."""
    before = text[:cut]
    if before.count("“") > before.count("”") and text.count("“") == text.count("”"):
        return True
    return before.count('"') % 2 == 1 and text.count('"') % 2 == 0
