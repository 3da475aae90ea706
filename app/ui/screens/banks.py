"""Question banks (instructors): every file with its problems, and an editor that saves safely."""

from pathlib import Path

import pandas as pd
import streamlit as st

from app import settings
from app.bank_list import list_bank_files
from app.ui import access, bank_editor, question_editor

access.require_instructor()
st.title("🗂️ Question banks")
folder = settings.questions_dir()
files, folder_problems = list_bank_files(folder)  # read on every run: hand edits show at once


def shown(path: Path) -> str:
    try:
        return str(path.relative_to(folder))
    except ValueError:
        return str(path)


rows = [
    {
        "File": shown(file.path),
        "Bank": file.bank.title if file.bank else "—",
        "Status": "valid" if file.bank else f"{len(file.problems)} problem(s)",
        "Questions": len(file.bank.questions) if file.bank else 0,
        **{kind.replace("_", " "): n for kind, n in file.counts.items()},
    }
    for file in files
]
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
start = next((i for i, f in enumerate(files) if f.bank and f.bank.id == wanted), 0)
name = st.selectbox("Bank file", names, index=start)
path = files[names.index(name)].path
bank_editor.working_copy(path)
bank_editor.show_notice()

text_tab, questions_tab = st.tabs(["Whole file (YAML)", "Questions"])
checked = bank_editor.checked(path)
with text_tab:
    bank_editor.yaml_tab(path, name, folder, checked)
with questions_tab:
    question_editor.questions_tab(path, name, folder, checked)
