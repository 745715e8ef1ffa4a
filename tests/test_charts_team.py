"""Team charts carry alt text with the figures they show."""

import io

import pandas as pd
import pytest
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


def test_attainment_by_team_of_reps_without_a_team_draws_them_as_one():
    some = reps().assign(team=pd.array(["North", "North", pd.NA, pd.NA, pd.NA], dtype="string"))
    assert "All reps 65,0%; North 100,0%" in charts.attainment_by_team(some, FMT).alt


def test_attainment_by_team_of_one_team_or_none_is_not_drawn():
    # issue #14: one box is the whole, not a comparison (analysis.team.too_few_teams instead)
    one = reps().assign(team=pd.array(["North"] * 5, dtype="string"))
    with pytest.raises(ValueError, match="at least 2 teams of reps with a target, not 1"):
        charts.attainment_by_team(one, FMT)
    no_team = reps().assign(team=pd.array([pd.NA] * 5, dtype="string"))
    with pytest.raises(ValueError, match="not 1"):
        charts.attainment_by_team(no_team, FMT)
    # South's reps have no target: North alone is drawn
    with pytest.raises(ValueError, match="not 1"):
        charts.attainment_by_team(reps().assign(attainment_ytd=[1.1, 0.9, None, None, None]), FMT)
    with pytest.raises(ValueError, match="not 0"):
        charts.attainment_by_team(reps().iloc[:0], FMT)


def _ramp(reps: list[int], attainment: list[float]) -> pd.DataFrame:
    labels = ["0–3 months", "4–6 months", "7–12 months", "over 12 months", "hire date unknown"]
    return pd.DataFrame(
        {"reps": reps, "attainment": attainment},
        index=pd.CategoricalIndex(labels, categories=labels, ordered=True, name="tenure"),
    )


def test_ramp_curve_alt_text_gives_each_bucket():
    nan = float("nan")
    chart = charts.ramp_curve(_ramp([2, 0, 1, 1200, 0], [0.5, nan, 0.9, 1.02, nan]), FMT)
    assert isinstance(chart.figure, Figure)
    assert "0–3 months: 50,0% (2 reps)" in chart.alt
    assert "4–6 months: no rep" in chart.alt  # not "n/a (0 reps)"
    assert "n/a" not in chart.alt
    assert "7–12 months: 90,0% (1 rep)" in chart.alt
    assert "over 12 months: 102,0% (1.200 reps)" in chart.alt
    assert "hire date unknown" not in chart.alt  # nobody in it
    chart.figure.savefig(io.BytesIO(), format="png")  # draws without warnings


def test_ramp_curve_states_the_population_it_counts():
    nan = float("nan")
    chart = charts.ramp_curve(_ramp([0, 2, 2, 36, 0], [nan, 0.88, 0.96, 0.93, nan]), FMT)
    title = chart.figure.axes[0].get_title(loc="left")
    # the same 40 account executives as the section's text, each once
    assert title == (
        "Year-to-date attainment of the 40 account executives with a target, each counted once, "
        "by months since hire"
    )
    assert title in chart.alt
    labels = [t.get_text() for t in chart.figure.axes[0].texts]
    assert sum(int(label.split("\n")[1].split()[0]) for label in labels) == 40


def test_ramp_curve_names_the_reps_without_a_hire_date():
    nan = float("nan")
    chart = charts.ramp_curve(_ramp([1, 0, 0, 3, 2], [0.5, nan, nan, 1.0, 0.7]), FMT)
    note = "2 reps without a hire date are not drawn (70,0% of target)."
    assert note in chart.alt
    assert "6 account executives" in chart.figure.axes[0].get_title(loc="left")


def test_ramp_curve_of_one_band_or_none_is_not_drawn():
    # issue #14: one point is no ramp (analysis.team.too_few_tenures instead)
    nan = float("nan")
    with pytest.raises(ValueError, match="holding reps, not 1"):
        charts.ramp_curve(_ramp([0, 0, 0, 1, 3], [nan, nan, nan, 1.046, 0.9]), FMT)
    with pytest.raises(ValueError, match="not 0"):
        charts.ramp_curve(_ramp([0, 0, 0, 0, 3], [nan, nan, nan, nan, 0.9]), FMT)


def test_attainment_ticks_never_repeat():
    close = reps().assign(attainment_ytd=[0.999, 1.0, 1.001, 1.002, None])
    ax = charts.attainment_by_team(close, FMT).figure.axes[0]
    ax.figure.draw_without_rendering()
    low, high = sorted(ax.get_xlim())
    labels = [
        t.get_text()
        for t, x in zip(ax.get_xticklabels(), ax.get_xticks(), strict=True)
        if low <= x <= high
    ]
    assert len(labels) >= 3
    assert len(set(labels)) == len(labels), labels
