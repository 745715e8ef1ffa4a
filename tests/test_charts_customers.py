"""Customer charts carry alt text with the figures they show."""

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from reportlib.charts import customers as charts
from reportlib.formatting import Formatter

FMT = Formatter("en_US", "USD")


def test_cohort_heatmap_alt_text_names_cohorts_and_average_retention():
    cohorts = pd.period_range("2025Q1", "2026Q2", freq="Q", name="cohort")
    nan = np.nan
    matrix = pd.DataFrame(
        [
            [1.0, 0.6, 0.5, 0.5, 0.4, 0.4],
            [1.0, 0.5, 0.4, 0.4, 0.3, nan],
            [1.0, 0.4, 0.4, 0.3, nan, nan],
            [1.0, 0.5, 0.3, nan, nan, nan],
            [1.0, 0.5, nan, nan, nan, nan],
            [1.0, nan, nan, nan, nan, nan],
        ],
        index=cohorts,
        columns=pd.Index(range(6), name="quarters_since_first"),
    )
    sizes = pd.Series([10, 20, 30, 40, 50, 60], index=cohorts)
    chart = charts.cohort_heatmap(matrix, FMT, sizes)
    assert isinstance(chart.figure, Figure)
    assert "6 quarterly cohorts" in chart.alt
    assert "between January 2025 and June 2026" in chart.alt
    # next quarter: mean(0.6, 0.5, 0.4, 0.5, 0.5) = 50%; four quarters: mean(0.4, 0.3) = 35%
    assert "50.0% bought in the next quarter" in chart.alt
    assert "35.0% four quarters after" in chart.alt


def test_cohort_heatmap_without_cohorts():
    chart = charts.cohort_heatmap(pd.DataFrame(), FMT)
    assert "no customer" in chart.alt


def test_active_customers_line_names_latest_values_and_steepest_fall():
    months = pd.period_range("2026-04", "2026-09", freq="M", name="month")
    active = pd.DataFrame(
        {"apac": [200, 205, 205, 190, 160, 150], "na": [500, 510, 505, 500, 520, 530]},
        index=months,
    )
    active.columns.name = "region"
    chart = charts.active_customers_line(active, FMT, {"apac": "Asia Pacific"})
    assert "by region from April 2026 to September 2026" in chart.alt
    assert "September 2026: Asia Pacific 150, na 530" in chart.alt
    # steepest three-month fall: apac June 205 -> September 150 = -26.8%
    assert "Asia Pacific, −26.8% from 205 in June 2026 to 150 in September 2026" in chart.alt


def test_active_customers_line_single_series():
    months = pd.period_range("2026-01", "2026-04", freq="M", name="month")
    active = pd.DataFrame({"customers": [1000, 1100, 1200, 1234]}, index=months)
    chart = charts.active_customers_line(active, FMT)
    assert "April 2026: 1,234 customers." in chart.alt
    assert "Steepest" not in chart.alt  # nothing fell


def test_bridge_waterfall_alt_text_lists_every_step():
    bridge = pd.DataFrame(
        {
            "amount": [430.0, 40.0, 60.0, 50.0, -80.0, -50.0, 450.0],
            "customers": [4, 1, 1, 1, 1, 1, 5],
        },
        index=pd.Index(
            [
                "Starting revenue",
                "New customers",
                "Returning customers",
                "Expansion",
                "Contraction",
                "Churned customers",
                "Ending revenue",
            ],
            name="step",
        ),
    )
    chart = charts.bridge_waterfall(bridge, FMT, pd.Period("2026-06", "M"))
    # money in prose is rounded (issue #15): under $1,000, whole dollars
    assert "12 months to June 2025, $430, to the 12 months to June 2026, $450" in chart.alt
    assert "new customers +$40" in chart.alt
    assert "contraction −$80" in chart.alt
    assert "churned customers −$50" in chart.alt


def test_bridge_waterfall_alt_text_tells_steps_that_round_alike_apart():
    # issue #15: new customers +$1,240,000 and returning +$1,160,000 both read "+$1.2M" at
    # one decimal; told apart, every amount takes two (trailing zeros dropped: $2M, $4.1M)
    # 2,000,000 + 1,240,000 + 1,160,000 + 100,000 − 50,000 − 350,000 = 4,100,000
    steps = ["Starting revenue", "New customers", "Returning customers", "Expansion"]
    steps += ["Contraction", "Churned customers", "Ending revenue"]
    amounts = [2e6, 1.24e6, 1.16e6, 100e3, -50e3, -350e3, 4.1e6]
    bridge = pd.DataFrame(
        {"amount": amounts, "customers": [1] * 7}, index=pd.Index(steps, name="step")
    )
    alt = charts.bridge_waterfall(bridge, FMT, pd.Period("2026-06", "M")).alt
    assert alt == (
        "Waterfall chart from net revenue of the 12 months to June 2025, $2M, to the 12 months "
        "to June 2026, $4.1M: new customers +$1.24M; returning customers +$1.16M; "
        "expansion +$100K; contraction −$50K; churned customers −$350K."
    )


def test_active_customers_axis_ticks_are_distinct():
    # a handful of customers: ticks every 0.25 read 0, 0, 0, 1, 1 … when rounded to units
    months = pd.period_range("2026-01", "2026-04", freq="M", name="month")
    active = pd.DataFrame({"customers": [1, 2, 2, 1]}, index=months)
    ax = charts.active_customers_line(active, FMT).figure.axes[0]
    ax.figure.draw_without_rendering()
    low, high = ax.get_ylim()
    labels = [
        t.get_text()
        for t, y in zip(ax.get_yticklabels(), ax.get_yticks(), strict=True)
        if low <= y <= high
    ]
    assert len(labels) >= 3
    assert len(set(labels)) == len(labels), labels


def test_bridge_waterfall_alt_text_signs_through_the_formatter():
    # a step that rounds to zero has no sign (it read "+$0.00" and "−$0.00"); money in prose
    # is rounded to whole dollars under $1,000: −$5.50 reads −$6, $114.499 reads $114
    steps = ["Starting revenue", "New customers", "Returning customers", "Expansion"]
    steps += ["Contraction", "Churned customers", "Ending revenue"]
    bridge = pd.DataFrame(
        {"amount": [100.0, 0.0, -0.001, 20.0, -5.5, 0.0, 114.499], "customers": [1] * 7},
        index=pd.Index(steps, name="step"),
    )
    alt = charts.bridge_waterfall(bridge, FMT, pd.Period("2026-06", "M")).alt
    assert "from net revenue of the 12 months to June 2025, $100, to" in alt
    assert "the 12 months to June 2026, $114: new customers $0; returning customers $0;" in alt
    assert "expansion +$20; contraction −$6; churned customers $0." in alt
