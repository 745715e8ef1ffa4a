"""Product charts carry alt text with the figures they show."""

import pandas as pd
import pytest
from matplotlib.figure import Figure

from reportlib.charts import DistinctTicks
from reportlib.charts import products as charts
from reportlib.formatting import Formatter

FMT = Formatter("pt_BR", "BRL")
MARCH = pd.Period("2026-03", "M")


def test_points_of_a_share_change():
    points = FMT.points
    assert points(0.023) == "+2,3 pp"
    assert points(-0.25) == "−25,0 pp"
    assert points(-0.0001) == "0,0 pp"
    assert points(None) == "n/a"


def test_mix_shift_bars_names_largest_gain_and_loss():
    index = pd.MultiIndex.from_tuples(
        [
            ("channel", "Direct"),
            ("channel", "Partner"),
            ("category", "Software"),
            ("category", "Sensors"),
        ],
        names=["dimension", "group"],
    )
    mix = pd.DataFrame(
        {
            "share": [0.5, 0.5, 0.45, 0.55],
            "mix_shift": [-0.1, 0.1, 0.125, -0.125],
        },
        index=index,
    )
    chart = charts.mix_shift_bars(mix, FMT, MARCH)
    assert isinstance(chart.figure, Figure)
    assert "from March 2025 to March 2026" in chart.alt
    # the dimensions are a list joined by Babel in the report's words (English here)
    assert "by channel and category" in chart.alt
    assert "Largest gain: Category: Software, +12,5 pp to 45,0%" in chart.alt
    assert "largest loss: Category: Sensors, −12,5 pp to 55,0%" in chart.alt


def test_mix_shift_bars_without_last_year():
    mix = pd.DataFrame({"share": [1.0], "mix_shift": [float("nan")]}, index=["Direct"])
    assert "no revenue to compare" in charts.mix_shift_bars(mix, FMT, MARCH).alt


def test_adoption_line_names_first_last_peak_and_adopters():
    months = pd.period_range("2025-11", "2026-03", freq="M", name="month")
    adoption = pd.DataFrame(
        {
            "revenue": [50.0, 0.0, 50.0, 0.0, 100.0],
            "share": [0.25, 0.0, 0.5, float("nan"), 1 / 6],
            "buyers": [1, 0, 2, 0, 1],
            "adopters": [1, 1, 2, 2, 1234],
        },
        index=months,
    )
    chart = charts.adoption_line(adoption, FMT, "Insight Cloud")
    assert "brought by Insight Cloud, new to the company," in chart.alt
    assert "launch in November 2025: 25,0% in November 2025" in chart.alt
    assert "16,7% in March 2026" in chart.alt
    assert "highest 50,0% in January 2026" in chart.alt
    assert "1.234 customers have bought it" in chart.alt


def test_adoption_line_counts_one_customer_in_the_singular():
    months = pd.period_range("2026-02", "2026-03", freq="M", name="month")
    adoption = pd.DataFrame(
        {"revenue": [0.0, 10.0], "share": [0.0, 0.1], "buyers": [0, 1], "adopters": [0, 1]},
        index=months,
    )
    chart = charts.adoption_line(adoption, FMT, "Widget", new_to="region")
    assert "new to the region, from its first sale here in February 2026" in chart.alt
    assert chart.alt.endswith(" 1 customer has bought it.")


def test_adoption_line_without_launch():
    chart = charts.adoption_line(pd.DataFrame(), FMT, None)
    assert "no product" in chart.alt


def _stacked(rows: list[tuple[str, str, float, float, float]]) -> pd.DataFrame:
    """A ``revenue_mix`` frame: (dimension, group, revenue, revenue_ly, mix_shift) rows."""
    index = pd.MultiIndex.from_tuples([r[:2] for r in rows], names=["dimension", "group"])
    frame = pd.DataFrame(
        [r[2:] for r in rows], columns=["revenue", "revenue_ly", "mix_shift"], index=index
    )
    frame["share"] = frame["revenue"] / frame.groupby(level=0)["revenue"].transform("sum")
    return frame


def test_mix_shift_bars_leave_out_a_dimension_of_one_group():
    # the retail sample: one channel, 100% of revenue in both months, "by channel, category"
    mix = _stacked(
        [
            ("channel", "E-commerce", 600.0, 400.0, 0.0),
            ("category", "Software", 300.0, 100.0, 0.25),
            ("category", "Sensors", 300.0, 300.0, -0.25),
        ]
    )
    chart = charts.mix_shift_bars(mix, FMT, MARCH)
    assert "by category." in chart.alt
    assert "channel" not in chart.alt and "E-commerce" not in chart.alt
    assert "Largest gain: Category: Software, +25,0 pp to 50,0%" in chart.alt
    assert "largest loss: Category: Sensors, −25,0 pp to 50,0%" in chart.alt
    labels = [t.get_text() for t in chart.figure.axes[0].get_yticklabels()]
    assert labels == ["Category: Software", "Category: Sensors"]


def test_mix_shift_bars_refuse_a_comparison_of_one():
    # a group whose lines net to zero did not sell: Partner leaves Direct alone
    mix = _stacked(
        [("channel", "Direct", 600.0, 400.0, 0.0), ("channel", "Partner", 0.0, 0.0, 0.0)]
    )
    with pytest.raises(ValueError, match="mix_too_few"):
        charts.mix_shift_bars(mix, FMT, MARCH)
    single = pd.DataFrame({"share": [1.0], "mix_shift": [0.0]}, index=["Direct"])
    with pytest.raises(ValueError, match="at least 2 groups"):
        charts.mix_shift_bars(single, FMT, MARCH)


def test_mix_shift_axis_ticks_are_distinct_points():
    mix = pd.DataFrame({"share": [0.5, 0.5], "mix_shift": [0.004, -0.004]}, index=["A", "B"])
    ax = charts.mix_shift_bars(mix, FMT, MARCH).figure.axes[0]
    assert isinstance(ax.xaxis.get_major_formatter(), DistinctTicks)
    ax.figure.draw_without_rendering()
    low, high = ax.get_xlim()
    labels = [
        t.get_text()
        for t, x in zip(ax.get_xticklabels(), ax.get_xticks(), strict=True)
        if low <= x <= high
    ]
    assert len(set(labels)) == len(labels) and "+1,0 pp" in labels, labels
