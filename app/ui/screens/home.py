"""Home page: the student's name, a bank, how many questions, and Start."""

import streamlit as st

from app import quiz
from app.ui import access, actions, home_sittings, state, widgets
from app.ui.markdown import escape_md

state.init()
st.title("📰 News quiz")
st.write(
    "Test what you remember from the news: every answer comes with the sentence of the "
    "article it is based on."
)
signed_in = access.student_gate() if access.roster_active() else ""

banks, problems = state.banks()
if problems and access.is_instructor():  # students are simply not offered a broken bank
    with st.expander(f"⚠️ {len(problems)} problem(s) in the question files (for instructors)"):
        st.code("\n".join(str(p) for p in problems), language=None)
if not banks:
    st.error("There are no question banks to offer yet. Please ask your instructor.")
    st.stop()

bank_ids = sorted(banks, key=lambda b: banks[b].bank.title)

with st.form("start"):
    if signed_in:
        name = signed_in
        st.markdown(f"Signed in as **{escape_md(signed_in)}**")
    else:
        name = st.text_input("Your name", value=st.session_state[state.STUDENT], max_chars=200)
    bank_id = st.radio(
        "Question bank",
        bank_ids,
        format_func=lambda b: escape_md(
            f"{banks[b].bank.title} ({len(banks[b].bank.questions)} questions)"
        ),
        captions=[escape_md(widgets.bank_caption(banks[b])) for b in bank_ids],
    )
    lengths: list[str | int] = ["All", 5, 10, 20]
    length = st.selectbox("Number of questions", lengths, help="A random pick when not all.")
    shuffle = st.toggle(
        "Shuffle the order of questions",
        value=True,
        help="Off: the questions come in the bank's order. Options are always shuffled.",
    )
    start, study = st.columns(2)
    started = start.form_submit_button("Start quiz", type="primary")
    studying = study.form_submit_button(
        "Study flashcards", help="Spaced repetition: each question comes back when it is due."
    )

if started or studying:
    name = name.strip()
    if not name:
        st.error("Please enter your name: your scores are kept under it.", icon="✋")
    elif studying:
        st.session_state[state.STUDENT] = name
        st.switch_page("screens/flashcards.py", query_params={"student": name, "bank": bank_id})
    else:
        st.session_state[state.STUDENT] = name
        total = len(banks[bank_id].bank.questions)
        picked = length if isinstance(length, int) and length < total else None
        plan = quiz.SittingPlan(
            attempt_id=quiz.attempt_id_for(actions.new_token(), length=picked, shuffle=shuffle),
            student=name,
            bank_id=bank_id,
            length=picked,
            shuffle=shuffle,
        )
        st.switch_page("screens/quiz.py", query_params=quiz.plan_to_params(plan))

with_article = [b for b in bank_ids if banks[b].article.strip()]
if with_article:
    st.header("The articles" if len(with_article) > 1 else "The article", anchor=False)
    for article_bank in with_article:  # the headline wraps on a phone; a link label would not
        st.markdown(f"**{escape_md(banks[article_bank].headline)}**")
        st.page_link(
            "screens/article.py",
            label="Read the article",
            icon="📰",
            query_params={"bank": article_bank},
        )

if st.session_state[state.STUDENT]:
    home_sittings.show(st.session_state[state.STUDENT], banks)
    st.page_link(
        "screens/progress.py",
        label=escape_md(f"My progress ({st.session_state[state.STUDENT]})"),
        icon="📈",
        query_params={"student": st.session_state[state.STUDENT]},
    )
