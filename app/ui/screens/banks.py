"""Question banks (instructors): every file with its problems, and an editor that saves safely."""

import pandas as pd
import streamlit as st

from app import bank_edit, quiz, settings
from app.bank_list import list_bank_files
from app.ui import access, state, widgets
from app.ui.markdown import escape_md

access.require_instructor()
st.title("🗂️ Question banks")
folder = settings.questions_dir()
files, folder_problems = list_bank_files(folder)  # read on every run: hand edits show at once


def shown(path) -> str:
    try:
        return str(path.relative_to(folder))
    except ValueError:
        return str(path)


rows = []
for file in files:
    rows.append(
        {
            "File": shown(file.path),
            "Bank": file.bank.title if file.bank else "—",
            "Status": "valid" if file.bank else f"{len(file.problems)} problem(s)",
            "Questions": len(file.bank.questions) if file.bank else 0,
            **{kind.replace("_", " "): n for kind, n in file.counts.items()},
        }
    )
if rows:
    st.dataframe(pd.DataFrame(rows).fillna(0), hide_index=True, width="stretch")
for problem in folder_problems:
    st.warning(str(problem), icon="⚠️")
broken = [f for f in files if f.problems]
if broken:
    st.error(
        f"{len(broken)} file(s) have problems; students are not offered those banks.", icon="⚠️"
    )
    st.code("\n".join(str(p) for f in broken for p in f.problems), language=None)
if not files:
    st.stop()

st.header("Edit a bank", anchor=False)
wanted = st.query_params.get("bank", "")
names = [shown(f.path) for f in files]
start = next(
    (i for i, f in enumerate(files) if f.bank and f.bank.id == wanted),
    0,
)
name = st.selectbox("Bank file", names, index=start)
file = files[names.index(name)]
path = file.path
on_disk = bank_edit.open_text(path)
editors = st.session_state[state.EDITOR]
editor = editors.get(str(path))
if editor is None or (editor["base"] != on_disk.digest and editor["text"] == editor["opened"]):
    # first open, or changed by hand and not edited here: show the file as it is now
    editor = {"base": on_disk.digest, "opened": on_disk.text, "text": on_disk.text}
    editors[str(path)] = editor
    st.session_state[f"yaml-{path}"] = on_disk.text
elif editor["base"] != on_disk.digest:
    st.warning(
        "The file was changed on disk since you started editing. Saving will be refused; "
        "copy your change, then press Reload.",
        icon="⚠️",
    )


def keep_text() -> None:
    editors[str(path)]["text"] = st.session_state[f"yaml-{path}"]


def restructure(operation, *args) -> None:
    try:
        text = operation(editors[str(path)]["text"], *args)
    except bank_edit.SaveRefused as error:
        st.session_state["bank-notice"] = ("error", str(error))
        return
    editors[str(path)]["text"] = text
    st.session_state[f"yaml-{path}"] = text
    st.session_state["bank-notice"] = ("info", "Changed in the editor; press Save to keep it.")


def save() -> None:
    try:
        bank_edit.save_text(path, editors[str(path)]["text"], editors[str(path)]["base"])
    except bank_edit.SaveRefused as error:
        st.session_state["bank-notice"] = ("error", str(error))
        return
    editors.pop(str(path))
    backup = f"{path.name}{bank_edit.BACKUP_SUFFIX}"
    saved = f"Saved {shown(path)} (the previous version is kept as {backup})."
    st.session_state["bank-notice"] = ("success", saved)


def reload() -> None:
    editors.pop(str(path), None)
    st.session_state["bank-notice"] = ("info", "Reloaded from the file.")


notice = st.session_state.pop("bank-notice", None)
if notice:
    getattr(st, notice[0])(notice[1])

text_tab, questions_tab = st.tabs(["Whole file (YAML)", "Questions"])
with text_tab:
    st.text_area(
        "The bank as YAML (checked each time you leave the box or press Ctrl+Enter)",
        key=f"yaml-{path}",
        height=480,
        on_change=keep_text,
    )
    problems = bank_edit.check_text(path, editor["text"])
    if problems:
        st.error(f"{len(problems)} problem(s); the bank cannot be saved like this.", icon="✋")
        st.code("\n".join(str(p).replace(str(folder) + "/", "") for p in problems), language=None)
    else:
        st.success("Valid.", icon="✅")
    save_col, reload_col = st.columns(2)
    save_col.button(
        "Save",
        type="primary",
        on_click=save,
        disabled=bool(problems) or editor["text"] == editor["opened"],
    )
    reload_col.button("Reload from the file", on_click=reload)

with questions_tab:
    try:
        ids = bank_edit.question_ids(editor["text"])
    except bank_edit.SaveRefused as error:
        st.info(f"{error}.")
        ids = []
    for index, question_id in enumerate(ids):
        label, up, down, twin, delete = st.columns([4, 1, 1, 1, 1])
        label.write(f"{index + 1}. {escape_md(question_id or '(no id)')}")
        up.button("▲", key=f"up-{index}", help="Move up", disabled=index == 0,
                  on_click=restructure, args=(bank_edit.move_question, index, -1))  # fmt: skip
        down.button("▼", key=f"down-{index}", help="Move down", disabled=index == len(ids) - 1,
                    on_click=restructure, args=(bank_edit.move_question, index, 1))  # fmt: skip
        twin.button("⧉", key=f"dup-{index}", help="Duplicate",
                    on_click=restructure, args=(bank_edit.duplicate_question, index))  # fmt: skip
        delete.button("🗑", key=f"del-{index}", help="Delete",
                      on_click=restructure, args=(bank_edit.delete_question, index))  # fmt: skip

    bank = file.bank
    if bank is not None:
        st.subheader("Preview", anchor=False)
        question_ids = [q.id for q in bank.questions]
        wanted_question = st.query_params.get("question", "")
        chosen = st.selectbox(
            "Question (as saved)",
            question_ids,
            index=question_ids.index(wanted_question) if wanted_question in question_ids else 0,
        )
        question = bank.question(chosen)
        with st.container(border=True):
            st.markdown(f"**{escape_md(question.prompt)}**")
            plan = quiz.SittingPlan("preview", "", bank.id, shuffle=False, only=(chosen,))
            options = quiz.plan_questions(bank, plan).option_orders.get(chosen, ())
            widgets.answer_input(question, options, f"preview-{path}-{chosen}")
