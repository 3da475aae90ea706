"""Charts of the progress page (altair and pandas load only on the pages that draw them)."""

from __future__ import annotations

import altair as alt
import pandas as pd


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
