"""Forecast charts carry alt text with the figures they show."""

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
    # November a year earlier: 1,000 × 111; the backtest had no error, so the bands are flat
    assert "Forecast for November 2026: $111,000.00" in chart.alt
    assert "80% interval $111,000.00 to $111,000.00" in chart.alt
    assert "against a target of $110,000.00" in chart.alt
    assert "Backtest WAPE 0.0%, seasonal naïve 0.0%." in chart.alt


def test_revenue_forecast_without_bands_target_or_history():
    f = fc.forecast_revenue(pattern().iloc[-2:])  # two months: the average month, no bands
    chart = charts.revenue_forecast(f, None, FMT)
    assert "prediction intervals" not in chart.alt and "target" not in chart.alt
    assert "Forecast for November 2026: $109,500.00." in chart.alt  # (109,000 + 110,000) ÷ 2
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
        "time-series landing $333,000.00 (80% range $320,000.00 to $345,000.00), "
        "commit forecast $300,000.00, best-case forecast $650,000.00, "
        "against a target of $330,000.00 (dashed line)."
    )
    missing = views.assign(amount=[333_000.0, np.nan, np.nan, np.nan])
    chart = charts.quarter_views(missing, FMT, OCT, pd.Period("2026-12", "M"))
    assert chart.alt.endswith(
        "commit forecast n/a, best-case forecast n/a, with no target to compare."
    )
