"""Charts of the class results and progress pages (altair and pandas load only on the pages
that draw them)."""

from __future__ import annotations

import altair as alt
import pandas as pd


def score_distribution(sittings: pd.DataFrame) -> alt.Chart:
    """How many first sittings scored in each band of 10%."""
    return (
        alt.Chart(sittings, title="Score distribution (first sittings)")
        .mark_bar()
        .encode(
            x=alt.X("score_pct:Q", bin=alt.Bin(extent=[0, 100], step=10), title="Score (%)"),
            y=alt.Y("count():Q", title="Sittings"),
            tooltip=[alt.Tooltip("count():Q", title="Sittings")],
        )
    )


def facility(questions: pd.DataFrame) -> alt.Chart:
    """Facility per question, one bar each; older versions are labelled as such."""
    data = questions.assign(
        label=[
            f"{q}" if v == "current" else f"{q} ({v})"
            for q, v in zip(questions["question_id"], questions["version"], strict=True)
        ]
    )
    return (
        alt.Chart(data, title="Facility per question")
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=None, title="Question"),
            x=alt.X("facility_pct:Q", title="Facility (%)", scale=alt.Scale(domain=[0, 100])),
            tooltip=[
                alt.Tooltip("bank_id:N", title="Bank"),
                alt.Tooltip("label:N", title="Question"),
                alt.Tooltip("facility_pct:Q", title="Facility (%)", format=".0f"),
                alt.Tooltip("flags:N", title="Flags"),
            ],
        )
    )


def scores_over_time(sittings: pd.DataFrame) -> alt.LayerChart:
    """Each first sitting's score by when it started, with the daily mean as a line."""
    points = (
        alt.Chart(sittings, title="Scores over time (first sittings)")
        .mark_circle(opacity=0.5)
        .encode(
            x=alt.X("started:T", title="Date"),
            y=alt.Y("score_pct:Q", title="Score (%)", scale=alt.Scale(domain=[0, 100])),
            tooltip=[
                alt.Tooltip("started:T", title="Started", format="%Y-%m-%d %H:%M"),
                alt.Tooltip("bank_id:N", title="Bank"),
                alt.Tooltip("score_pct:Q", title="Score (%)", format=".0f"),
            ],
        )
    )
    mean = (
        alt.Chart(sittings)
        .mark_line()
        .encode(x=alt.X("yearmonthdate(started):T"), y=alt.Y("mean(score_pct):Q"))
    )
    return points + mean


def score_chart(sittings: pd.DataFrame) -> alt.Chart:
    """Quiz scores over time: a line with a labelled point per sitting."""
    return (
        alt.Chart(sittings)
        .mark_line(point=True)
        .encode(
            x=alt.X("started:T", title="Date"),
            y=alt.Y("percent:Q", title="Score (%)", scale=alt.Scale(domain=[0, 100])),
            tooltip=[
                alt.Tooltip("started:T", title="Date", format="%Y-%m-%d %H:%M"),
                alt.Tooltip("bank:N", title="Bank"),
                alt.Tooltip("percent:Q", title="Score (%)"),
            ],
        )
    )
