"""Text from bank files and students is shown literally, never as Markdown or LaTeX."""

from __future__ import annotations

import pytest

from app.ui.markdown import escape_md


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Was it $4 million or $5 million?", "Was it \\$4 million or \\$5 million?"),
        ("[Win](https://x)", "\\[Win\\](https\\://x)"),
        ("**bold** _it_ `code`", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\`"),
        (":red[alarm] :material/home:", "\\:red\\[alarm\\] \\:material/home\\:"),
        ("# Heading", "\\# Heading"),
        ("- item\n+ item\n1. item\n  2) item", "\\- item\n\\+ item\n1\\. item\n  2\\) item"),
        ("<b>x</b> | ~~y~~", "\\<b\\>x\\</b\\> \\| \\~\\~y\\~\\~"),
        ("Radio-electronic jammers, 2.5 km", "Radio-electronic jammers, 2.5 km"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_escape_md(text: str, escaped: str) -> None:
    assert escape_md(text) == escaped
