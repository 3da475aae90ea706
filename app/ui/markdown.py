"""Text from bank files or typed by students, shown literally where Streamlit reads Markdown."""

from __future__ import annotations

import re

_INLINE = set("\\`*_[]<>$~|:#")
_LIST_ITEM = re.compile(r"^(\s*)(\d*)([-+.)])", re.MULTILINE)


def escape_md(text: str) -> str:
    """`text` with every Markdown (and Streamlit directive or LaTeX) character escaped."""
    escaped = "".join("\\" + c if c in _INLINE else c for c in text)
    return _LIST_ITEM.sub(_escape_list_marker, escaped)


def _escape_list_marker(match: re.Match[str]) -> str:
    indent, number, marker = match.groups()
    if number or marker in "-+":  # "1." and "2)" start ordered lists, "-" and "+" bullets
        return f"{indent}{number}\\{marker}"
    return match.group()
