"""Home page: the student's name, a bank, how many questions, and Start."""

import streamlit as st

from app import quiz
from app.ui import actions, state, widgets
from app.ui.markdown import escape_md

state.init()
st.title("📰 News quiz")
st.write(
    "Test what you remember from the news: every answer comes with the sentence of the "
    "article it is based on."
)

banks, problems = state.banks()
if problems:
    with st.expander(f"⚠️ {len(problems)} problem(s) in the question files (for instructors)"):
        st.code("\n".join(str(p) for p in problems), language=None)
if not banks:
    st.error("There are no valid question banks yet. Run `python -m app validate` to see why.")
    st.stop()

bank_ids = sorted(banks, key=lambda b: banks[b].bank.title)

with st.form("start"):
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
    shuffle = st.toggle("Shuffle questions and options", value=True)
    started = st.form_submit_button("Start quiz", type="primary")

if started:
    name = name.strip()
    if not name:
        st.error("Please enter your name: your scores are kept under it.", icon="✋")
    else:
        st.session_state[state.STUDENT] = name
        total = len(banks[bank_id].bank.questions)
        plan = quiz.SittingPlan(
            attempt_id=actions.new_attempt_id(),
            student=name,
            bank_id=bank_id,
            length=length if isinstance(length, int) and length < total else None,
            shuffle=shuffle,
        )
        st.switch_page("screens/quiz.py", query_params=quiz.plan_to_params(plan))

with_article = [b for b in bank_ids if banks[b].article.strip()]
if with_article:
    st.subheader("The articles" if len(with_article) > 1 else "The article", anchor=False)
    for article_bank in with_article:  # the headline wraps on a phone; a link label would not
        st.markdown(f"**{escape_md(banks[article_bank].headline)}**")
        st.page_link(
            "screens/article.py",
            label="Read the article",
            icon="📰",
            query_params={"bank": article_bank},
        )

if st.session_state[state.STUDENT]:
    st.page_link(
        "screens/progress.py",
        label=escape_md(f"My progress ({st.session_state[state.STUDENT]})"),
        icon="📈",
        query_params={"student": st.session_state[state.STUDENT]},
    )
