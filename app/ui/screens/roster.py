"""Class roster (instructors): who may sign in, and their personal codes to hand out."""

import pandas as pd
import streamlit as st

from app import settings
from app.roster import RosterError, add_students, new_codes, printable_list, remove_students
from app.ui import access, state

access.require_instructor()
st.title("🪪 Class roster")
st.write(
    "With a roster, students sign in with their name and a personal code, and can only see "
    "and answer as themselves. Without one, a name is enough (for self-study). Codes are "
    "kept only as hashes: print or download them when they are made."
)
path = settings.roster_path()

try:
    current = access.roster()
except RosterError as error:
    st.error(f"The roster file {path} cannot be used: {error}. Fix or remove it.", icon="⚠️")
    st.stop()


def issue(action: str) -> None:
    """Callback of the forms below: change the roster, keep the new codes to show once."""
    try:
        if action == "add":
            names = st.session_state["roster-add"].splitlines()
            st.session_state[state.ISSUED] = add_students(path, names)
            st.session_state["roster-add"] = ""
        elif action == "renew":
            st.session_state[state.ISSUED] = new_codes(path, st.session_state["roster-renew"])
        else:
            remove_students(path, st.session_state["roster-remove"])
            st.session_state[state.ISSUED] = []
        st.session_state["roster-error"] = ""
    except RosterError as error:
        st.session_state["roster-error"] = str(error)


if st.session_state.get("roster-error"):
    st.error(st.session_state["roster-error"], icon="✋")

issued = st.session_state[state.ISSUED]
if issued:
    st.header("New codes to hand out", anchor=False)
    st.warning("These codes are shown only now. Print or download them before leaving.", icon="🖨️")
    st.dataframe(
        pd.DataFrame({"Name": [i.name for i in issued], "Code": [i.code for i in issued]}),
        hide_index=True,
    )
    st.download_button(
        "Download the printable list (HTML)",
        printable_list(issued),
        file_name="class-codes.html",
        mime="text/html",
    )
    st.button("Done, hide the codes", on_click=lambda: st.session_state.update({state.ISSUED: []}))

st.header("Students", anchor=False)
if current is None:
    st.info("No roster yet: students sign in with a name only.", icon="ℹ️")
else:
    st.caption(f"{len(current.students)} student(s) · kept in {path}")
    st.dataframe(pd.DataFrame({"Name": current.names}), hide_index=True)

with st.form("roster-add-form"):
    st.text_area("Add students, one name per line", key="roster-add")
    st.form_submit_button("Add and make their codes", on_click=issue, args=("add",))

if current is not None and current.students:
    with st.form("roster-renew-form"):
        st.multiselect("Students who lost their code", current.names, key="roster-renew")
        st.form_submit_button("Make new codes", on_click=issue, args=("renew",))
    with st.form("roster-remove-form"):
        st.multiselect("Take off the roster (their answers stay)", current.names,
                       key="roster-remove")  # fmt: skip
        st.form_submit_button("Remove", on_click=issue, args=("remove",))
