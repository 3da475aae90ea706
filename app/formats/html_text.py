"""HTML from Moodle or Anki as plain text: tags dropped, entities decoded, breaks kept.

The standard library's HTMLParser is enough here: it never executes anything, and we keep
only text, so no markup (and no script) can reach the bank. Images cannot be carried; their
alt text is kept and the caller is told so it can report it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BREAKS = {"br", "hr"}
_BLOCKS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
}
_HIDDEN = {"script", "style", "head", "title"}
_MEDIA = {
    "audio": "an audio element",
    "video": "a video element",
    "source": "a media file",
    "iframe": "an embedded page",
    "object": "an embedded object",
    "embed": "an embedded file",
}
_SPACE = re.compile(r"[ \t\r\f\v\n]+")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.images: list[str] = []
        self.dropped: list[str] = []  # links and media whose target cannot be kept

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BREAKS or tag in _BLOCKS:
            self.parts.append("\n")
        elif tag == "img":
            alt = (dict(attrs).get("alt") or "").strip()
            self.images.append(alt)
            if alt:
                self.parts.append(f"[image: {alt}]")
        elif tag == "a" and dict(attrs).get("href"):
            self.dropped.append(f"a link to {dict(attrs)['href']!r}")
        elif tag in _MEDIA:
            source = dict(attrs).get("src") or dict(attrs).get("data") or ""
            self.dropped.append(f"{_MEDIA[tag]} {source!r}" if source else _MEDIA[tag])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(_SPACE.sub(" ", data))


def html_to_text(html: str) -> tuple[str, int]:
    """(plain text, number of images left out) for an HTML fragment."""
    text, images, _ = html_to_text_report(html)
    return text, images


def html_to_text_report(html: str) -> tuple[str, int, list[str]]:
    """(plain text, number of images left out, the links and media left out) for HTML."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text.replace("\xa0", " "), len(parser.images), parser.dropped
