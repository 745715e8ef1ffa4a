"""Team charts carry alt text with the figures they show."""

import io

import pandas as pd
from matplotlib.figure import Figure

from reportlib.charts import team as charts
from reportlib.formatting import Formatter

FMT = Formatter("pt_BR", "BRL")


def reps() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "team": pd.array(["North", "North", "South", "South", "South"], dtype="string"),
            "attainment_ytd": [1.1, 0.9, 0.6, 0.7, None],
        },
        index=pd.Index(["A1", "A2", "B1", "B2", "B3"], name="rep_id"),
    )


def test_attainment_by_team_alt_text_names_medians_and_reps_at_target():
    chart = charts.attainment_by_team(reps(), FMT)
    assert isinstance(chart.figure, Figure)
    assert chart.alt.startswith("Box plot of year-to-date attainment by team")
    assert "100%" in chart.alt
    # medians: South (0.6, 0.7) 65%, North (0.9, 1.1) 100%; B3 has no target
    assert "South 65,0%; North 100,0%" in chart.alt
    assert "1 of 4 reps are at or above target" in chart.alt
    chart.figure.savefig(io.BytesIO(), format="png")  # draws without warnings


def test_attainment_by_team_without_teams_or_reps():
    no_team = reps().assign(team=pd.array([pd.NA] * 5, dtype="string"))
    assert "All reps 80,0%" in charts.attainment_by_team(no_team, FMT).alt  # median of 4
    empty = charts.attainment_by_team(reps().iloc[:0], FMT)
    assert "No account executive has a target" in empty.alt


def test_ramp_curve_alt_text_gives_each_bucket():
    labels = ["0–3 months", "4–6 months", "7–12 months", "over 12 months"]
    frame = pd.DataFrame(
        {"reps": [2, 0, 1, 1200], "attainment": [0.5, float("nan"), 0.9, 1.02]},
        index=pd.CategoricalIndex(labels, categories=labels, ordered=True, name="tenure"),
    )
    chart = charts.ramp_curve(frame, FMT)
    assert isinstance(chart.figure, Figure)
    assert "0–3 months: 50,0% (2 reps)" in chart.alt
    assert "4–6 months: n/a (0 reps)" in chart.alt
    assert "7–12 months: 90,0% (1 rep)" in chart.alt
    assert "over 12 months: 102,0% (1.200 reps)" in chart.alt
    chart.figure.savefig(io.BytesIO(), format="png")  # draws without warnings
