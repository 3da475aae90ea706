"""Charts of the class results and progress pages (altair and pandas load only on the pages
that draw them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import altair as alt
import pandas as pd

from app.log import Rating


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


def reviews_chart(per_day: pd.DataFrame, days: Sequence[date]) -> alt.Chart:
    """Reviews per day over `days` as stacked bars, one colour and legend entry per rating."""
    order = [rating.value for rating in Rating]
    domain = [day.isoformat() for day in days]
    data = per_day.assign(date=per_day["day"].dt.strftime("%Y-%m-%d"))
    data["rank"] = data["rating"].map(order.index)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "date:O",
                title="Day",
                scale=alt.Scale(domain=domain),
                axis=alt.Axis(values=domain[::-7][::-1], labelAngle=0),
            ),
            y=alt.Y("reviews:Q", title="Reviews", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "rating:N",
                title="Rating",
                sort=order,
                scale=alt.Scale(domain=order, range=["#c0392b", "#e67e22", "#27ae60", "#2980b9"]),
            ),
            order=alt.Order("rank:Q"),
            tooltip=[
                alt.Tooltip("date:O", title="Day"),
                alt.Tooltip("rating:N", title="Rating"),
                alt.Tooltip("reviews:Q", title="Reviews"),
            ],
        )
    )
