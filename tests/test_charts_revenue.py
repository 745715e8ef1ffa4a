"""Charts carry alt text with the figures they show."""

import pandas as pd
from matplotlib.figure import Figure

from reportlib.charts import revenue as charts
from reportlib.formatting import Formatter

FMT = Formatter("pt_BR", "BRL")


def test_revenue_vs_target_alt_text_names_range_and_last_month():
    months = pd.period_range("2026-08", "2026-10", freq="M", name="month")
    frame = pd.DataFrame(
        {"revenue": [100.0, 200.0, 1234.5], "target": [150.0, 150.0, 2000.0]}, index=months
    )
    chart = charts.revenue_vs_target(frame, FMT)
    assert isinstance(chart.figure, Figure)
    assert chart.alt.startswith("Bar chart of monthly net revenue from August 2026 to October")
    # money in prose is rounded (issue #15); Babel puts no-break spaces around the figure
    assert "October 2026: R$\xa01,2\xa0mil against a target of R$\xa02\xa0mil." in chart.alt


def test_revenue_vs_target_alt_text_tells_revenue_and_target_apart():
    # issue #15: R$ 1.960.000 and R$ 2.020.000 both read "R$ 2 mi" at one decimal
    months = pd.period_range("2026-09", "2026-10", freq="M", name="month")
    frame = pd.DataFrame(
        {"revenue": [1_000_000.0, 1_960_000.0], "target": [1_000_000.0, 2_020_000.0]},
        index=months,
    )
    alt = charts.revenue_vs_target(frame, FMT).alt
    assert alt.endswith("October 2026: R$\xa01,96\xa0mi against a target of R$\xa02,02\xa0mi.")


def test_margin_bars_alt_text_names_lowest_and_highest():
    frame = pd.DataFrame(
        {"gross_margin_pct": [0.5, 0.25, 0.8]}, index=pd.Index(["B", "A", "C"], name="category")
    )
    chart = charts.margin_bars(frame, FMT, "Product category")
    assert "A at 25,0%" in chart.alt
    assert "C at 80,0%" in chart.alt


def _tick_texts(ax, axis: str = "x") -> list[str]:
    ax.figure.draw_without_rendering()
    side = ax.xaxis if axis == "x" else ax.yaxis
    low, high = sorted(ax.get_xlim() if axis == "x" else ax.get_ylim())
    return [
        t.get_text()
        for t, pos in zip(side.get_ticklabels(), side.get_ticklocs(), strict=True)
        if low - 1e-12 <= pos <= high + 1e-12
    ]


def test_margin_bars_show_a_negative_margin():
    frame = pd.DataFrame(
        {"gross_margin_pct": [0.3, -0.066]}, index=pd.Index(["North", "South"], name="region")
    )
    chart = charts.margin_bars(frame, FMT, "Region")
    ax = chart.figure.axes[0]
    assert ax.get_xlim()[0] < -0.066  # the bar is inside the axes, not cut off at 0
    assert "\u22126,6%" in {t.get_text().strip() for t in ax.texts}
    assert "South at \u22126,6%" in chart.alt


def test_margin_bars_ticks_never_repeat():
    frame = pd.DataFrame(
        {"gross_margin_pct": [0.001, 0.003]}, index=pd.Index(["A", "B"], name="category")
    )
    labels = _tick_texts(charts.margin_bars(frame, FMT, "Category").figure.axes[0])
    assert len(labels) >= 3
    assert len(set(labels)) == len(labels), labels


def test_revenue_vs_target_ticks_and_no_raw_floats():
    months = pd.period_range("2026-08", "2026-10", freq="M", name="month")
    frame = pd.DataFrame(
        {"revenue": [225.75107747424002, 310.4, 120.0], "target": [300.0, 300.0, 300.0]},
        index=months,
    )
    labels = _tick_texts(charts.revenue_vs_target(frame, FMT).figure.axes[0], "y")
    assert len(set(labels)) == len(labels), labels
    assert "R$\xa0300" in labels  # whole reais under 1,000, never R$ 300,40000000000003


def test_revenue_vs_target_without_a_target_or_revenue():
    months = pd.period_range("2026-09", "2026-10", freq="M", name="month")
    frame = pd.DataFrame({"revenue": [0.0, 0.0], "target": [float("nan")] * 2}, index=months)
    chart = charts.revenue_vs_target(frame, FMT)
    assert "n/a" not in chart.alt
    assert "October 2026: R$\xa00, without a target." in chart.alt
    ax = chart.figure.axes[0]
    assert ax.get_ylim()[0] == 0  # no negative axis under a series of zeros
    labels = _tick_texts(ax, "y")
    assert len(set(labels)) == len(labels) >= 3, labels
