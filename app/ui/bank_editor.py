"""The bank editor's working copy of a file, and its whole-file YAML tab.

Every view of the editor (the YAML text, the question list, the question form) edits one
working copy per file, kept in the session: the text as opened, its digest (a save is refused
when the file changed on disk since), and the text as edited. Saving goes through
`app.bank_edit.save_text`: validated first, then replaced atomically with a backup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import streamlit as st

from app import bank_edit
from app.bank import Problem
from app.formats.yaml_writer import BACKUP_SUFFIX
from app.ui import preview, state
from app.ui.markdown import escape_md


def checked(path: Path) -> bank_edit.Checked:
    """The working copy of `path` checked: its bank, or its problems."""
    return bank_edit.try_text(path, st.session_state[state.EDITOR][str(path)]["text"])


def working_copy(path: Path) -> dict[str, str]:
    """The working copy of `path`: refreshed from the file when it changed on disk and was
    not edited here; when both changed, a warning says the save will be refused."""
    on_disk = bank_edit.open_text(path)
    editors = st.session_state[state.EDITOR]
    editor = editors.get(str(path))
    if editor is None or (editor["base"] != on_disk.digest and editor["text"] == editor["opened"]):
        editor = {"base": on_disk.digest, "opened": on_disk.text, "text": on_disk.text}
        editors[str(path)] = editor
        st.session_state[_text_key(path)] = on_disk.text
    elif editor["base"] != on_disk.digest:
        st.warning(
            "The file was changed on disk since you started editing. Saving will be refused; "
            "copy your change, then press Reload.",
            icon="⚠️",
        )
    return editor


def notice(kind: str, message: str) -> None:
    """Say `message` (with st.`kind`) at the top of the page on its next run."""
    st.session_state[state.BANK_NOTICE] = (kind, message)


def show_notice() -> None:
    shown = st.session_state.get(state.BANK_NOTICE)
    st.session_state[state.BANK_NOTICE] = None
    if shown:
        getattr(st, shown[0])(shown[1])


def set_text(path: Path, text: str) -> None:
    """Make `text` the working copy of `path` (not saved yet)."""
    st.session_state[state.EDITOR][str(path)]["text"] = text
    st.session_state[_text_key(path)] = text


def restructure(path: Path, operation: Callable[..., str], *args: Any) -> None:
    """Apply a question-list edit (move, duplicate, delete) to the working copy."""
    try:
        text = operation(st.session_state[state.EDITOR][str(path)]["text"], *args)
    except bank_edit.SaveRefused as error:
        notice("error", str(error))
        return
    set_text(path, text)
    notice("info", "Changed in the editor; press Save to keep it.")


def save(path: Path, shown: str, text: str | None = None) -> None:
    """Save `text` (the working copy when None) over `path`; say what happened."""
    editor = st.session_state[state.EDITOR][str(path)]
    try:
        bank_edit.save_text(path, editor["text"] if text is None else text, editor["base"])
    except bank_edit.SaveRefused as error:
        notice("error", str(error))
        return
    st.session_state[state.EDITOR].pop(str(path))
    backup = f"{path.name}{BACKUP_SUFFIX}"
    notice("success", f"Saved {shown} (the previous version is kept as {backup}).")


def saved(path: Path) -> bool:
    """Whether the last save of `path` went through (its working copy is then gone)."""
    return str(path) not in st.session_state[state.EDITOR]


def reload(path: Path) -> None:
    st.session_state[state.EDITOR].pop(str(path), None)
    notice("info", "Reloaded from the file.")


def problems_block(problems: Sequence[Problem], folder: Path, what: str) -> None:
    """The problems as `file:line:col: field: message` lines, named from the questions folder."""
    st.error(f"{len(problems)} problem(s); {what} cannot be saved like this.", icon="✋")
    lines = (str(p).replace(str(folder) + "/", "", 1) for p in problems)
    st.code("\n".join(lines), language=None)


def yaml_tab(path: Path, shown: str, folder: Path, checked: bank_edit.Checked) -> None:
    """The whole file as YAML, its problems as you type (`checked`: the working copy's bank or
    problems), its preview, Save and Reload."""
    editor = st.session_state[state.EDITOR][str(path)]
    st.text_area(
        "The bank as YAML (checked each time you leave the box or press Ctrl+Enter)",
        key=_text_key(path),
        height=480,
        on_change=lambda: set_text(path, st.session_state[_text_key(path)]),
    )
    loaded, problems = checked
    if problems:
        problems_block(problems, folder, "the bank")
    else:
        st.success("Valid.", icon="✅")
    save_col, reload_col = st.columns(2)
    save_col.button(
        "Save",
        type="primary",
        on_click=save,
        args=(path, shown),
        disabled=bool(problems) or editor["text"] == editor["opened"],
    )
    reload_col.button("Reload from the file", on_click=reload, args=(path,))
    if loaded is None:
        st.info("The preview shows once the problems above are fixed.")
        return
    unsaved = "" if editor["text"] == editor["opened"] else ", with your unsaved changes"
    ids = [q.id for q in loaded.bank.questions]
    wanted = st.query_params.get("question", "")
    chosen = st.selectbox(
        f"Preview a question (as in the editor{unsaved})",
        ids,
        index=ids.index(wanted) if wanted in ids else 0,
        format_func=escape_md,
    )
    preview.show(loaded, chosen, "yaml")


def _text_key(path: Path) -> str:
    return f"yaml-{path}"
