"""Forecast charts carry alt text with the figures they show, bands at 0 or above, clean labels."""

import dataclasses
import re

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from reportlib.analysis import forecast as fc
from reportlib.charts import forecast as charts
from reportlib.formatting import Formatter

FMT = Formatter("en_US", "USD")
OCT = pd.Period("2026-10", "M")


def pattern() -> pd.Series:
    """20 months of 1,000 × (100 + month number): seasonal naïve forecasts it exactly."""
    index = pd.period_range("2025-03", "2026-10", freq="M", name="month")
    return pd.Series(1000.0 * (100 + index.month), index=index, name="revenue")


RAW_FLOAT = re.compile(r"\d\.\d{3,}")  # more decimals than any formatted figure shows


def monthly(values) -> pd.Series:
    index = pd.period_range(end="2026-10", periods=len(values), freq="M", name="month")
    return pd.Series(np.asarray(values, dtype=float), index=index, name="revenue")


def shown_ticks(ax) -> list[str]:
    """The money axis's tick labels inside its view, as drawn."""
    ax.figure.canvas.draw()
    low, high = ax.get_ylim()
    locs = [v for v in ax.yaxis.get_majorticklocs() if low <= v <= high]
    return ax.yaxis.get_major_formatter().format_ticks(locs)


def texts(chart) -> list[str]:
    """Every text a reader sees: tick labels, annotations, legend entries, alt text."""
    ax = chart.figure.axes[0]
    legend = ax.get_legend()
    return [
        *shown_ticks(ax),
        *(t.get_text() for t in ax.texts),
        *([] if legend is None else [t.get_text() for t in legend.get_texts()]),
        chart.alt,
    ]


def lowest_band(chart) -> float:
    ax = chart.figure.axes[0]
    return min(p.vertices[:, 1].min() for c in ax.collections for p in c.get_paths())


def test_bands_of_revenue_are_drawn_at_zero_or_above():
    # 50, 40, 30, 20, 10: drift runs on to 0, −10, −20 with flat bands; revenue stops at 0
    f = fc.forecast_revenue(monthly([50.0, 40, 30, 20, 10]), horizon=3)
    chart = charts.revenue_forecast(f, None, FMT)
    assert lowest_band(chart) == 0.0
    assert chart.figure.axes[0].get_ylim()[0] == 0.0
    # a forecast made otherwise (bounds below 0) is drawn, and described, from 0 too
    wide = f.forecast.assign(lo80=-30.0, lo95=-60.0, hi80=30.0, hi95=60.0)
    chart = charts.revenue_forecast(dataclasses.replace(f, forecast=wide), None, FMT)
    assert lowest_band(chart) == 0.0
    assert "80% interval $0 to $30; 95% interval $0 to $60" in chart.alt  # rounded, issue #15


def test_revenue_with_a_month_below_zero_keeps_its_bands():
    f = fc.forecast_revenue(monthly([40.0, 30, 20, 10, 0, -10]), horizon=3)
    assert lowest_band(charts.revenue_forecast(f, None, FMT)) == -40.0


def test_a_narrow_revenue_range_has_distinct_tick_labels_and_no_raw_floats():
    # about $1M a month, varying by $2,000: from an axis starting near $1M every compact tick
    # read "$1M"; from 0 they step by $200K
    index = pd.period_range("2025-03", "2026-10", freq="M", name="month")
    series = pd.Series(1_000_000.0 + 2_000.0 * index.month + 0.757, index=index)
    chart = charts.revenue_forecast(fc.forecast_revenue(series), None, FMT)
    ticks = shown_ticks(chart.figure.axes[0])
    assert ticks == ["$0", "$200K", "$400K", "$600K", "$800K", "$1M"]
    assert not [t for t in texts(chart) if RAW_FLOAT.search(t)]


def test_quarter_views_labels_are_formatted_money():
    views = pd.DataFrame(
        {
            "amount": [333_333.3333, 225.75107747424002, np.nan, 330_000.0],
            "low": [320_000.0, np.nan, np.nan, np.nan],
            "high": [345_000.0, np.nan, np.nan, np.nan],
        },
        index=pd.Index(fc.VIEW_LABELS, name="view"),
    )
    chart = charts.quarter_views(views, FMT, OCT, pd.Period("2026-12", "M"))
    shown = texts(chart)
    assert not [t for t in shown if RAW_FLOAT.search(t)]
    ticks = shown_ticks(chart.figure.axes[0])
    assert len(set(ticks)) == len(ticks)
    assert [t.get_text() for t in chart.figure.axes[0].texts] == ["$333.3K", "$226", "n/a", "$330K"]


def test_revenue_forecast_alt_text_gives_next_month_interval_and_target():
    f = fc.forecast_revenue(pattern())
    months = pd.period_range("2025-01", "2026-12", freq="M", name="month")
    target = pd.Series(110_000.0, index=months, name="target")
    chart = charts.revenue_forecast(f, target, FMT)
    assert isinstance(chart.figure, Figure)
    assert chart.alt.startswith(
        "Line chart of monthly net revenue from March 2025 to October 2026 and the Seasonal "
        "naïve forecast to October 2027, with 80% and 95% prediction intervals and the monthly "
        "target as a dashed line."
    )
    # November a year earlier: 1,000 × 111; the backtest had no error, so the bands are flat;
    # money in prose is rounded (issue #15) and equal amounts read alike
    assert "Forecast for November 2026: $111K" in chart.alt
    assert "80% interval $111K to $111K" in chart.alt
    assert "against a target of $110K" in chart.alt
    assert "Backtest WAPE 0.0%, seasonal naïve 0.0%." in chart.alt


def test_revenue_forecast_without_bands_target_or_history():
    f = fc.forecast_revenue(pattern().iloc[-2:])  # two months: the average month, no bands
    chart = charts.revenue_forecast(f, None, FMT)
    assert "prediction intervals" not in chart.alt and "target" not in chart.alt
    assert "Forecast for November 2026: $109.5K." in chart.alt  # (109,000 + 110,000) ÷ 2
    empty = charts.revenue_forecast(fc.forecast_revenue(pattern().iloc[:0]), None, FMT)
    assert empty.alt == "There is no revenue history, so there is no forecast to show."


def test_quarter_views_alt_text_names_each_view_and_the_target():
    views = pd.DataFrame(
        {
            "amount": [333_000.0, 300_000.0, 650_000.0, 330_000.0],
            "low": [320_000.0, np.nan, np.nan, np.nan],
            "high": [345_000.0, np.nan, np.nan, np.nan],
        },
        index=pd.Index(fc.VIEW_LABELS, name="view"),
    )
    chart = charts.quarter_views(views, FMT, OCT, pd.Period("2026-12", "M"))
    assert isinstance(chart.figure, Figure)
    assert chart.alt == (
        "Bar chart of the fiscal quarter October 2026 to December 2026 as two views see it: "
        "time-series landing $333K (80% range $320K to $345K), "
        "commit forecast $300K, best-case forecast $650K, "
        "against a target of $330K (dashed line)."
    )
    missing = views.assign(amount=[333_000.0, np.nan, np.nan, np.nan])
    chart = charts.quarter_views(missing, FMT, OCT, pd.Period("2026-12", "M"))
    assert chart.alt.endswith(
        "see it: time-series landing $333K (80% range $320K to $345K), with no target to compare."
    )


def test_quarter_views_alt_text_tells_amounts_that_round_alike_apart():
    # issue #15: at one decimal the landing ($1,960,000), the top of its range ($2,040,000)
    # and the target ($2,020,000) all read "$2M"; told apart, every amount takes two
    views = pd.DataFrame(
        {
            "amount": [1_960_000.0, 1_910_000.0, 2_430_000.0, 2_020_000.0],
            "low": [1_820_000.0, np.nan, np.nan, np.nan],
            "high": [2_040_000.0, np.nan, np.nan, np.nan],
        },
        index=pd.Index(fc.VIEW_LABELS, name="view"),
    )
    alt = charts.quarter_views(views, FMT, OCT, pd.Period("2026-12", "M")).alt
    assert alt.endswith(
        "see it: time-series landing $1.96M (80% range $1.82M to $2.04M), "
        "commit forecast $1.91M, best-case forecast $2.43M, "
        "against a target of $2.02M (dashed line)."
    )


def test_revenue_forecast_alt_text_tells_the_forecast_and_target_apart():
    # issue #15: a forecast of $111,000 and a target of $111,040 both read "$111K" at one
    # decimal, and "$111.04K" at two: the sentence would compare two equal-looking amounts
    f = fc.forecast_revenue(pattern())
    months = pd.period_range("2025-01", "2026-12", freq="M", name="month")
    target = pd.Series(111_040.0, index=months, name="target")
    alt = charts.revenue_forecast(f, target, FMT).alt
    assert "Forecast for November 2026: $111K (80% interval $111K to $111K;" in alt
    assert "against a target of $111.04K." in alt
