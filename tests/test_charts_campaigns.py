"""Campaign charts carry alt text with the figures they show."""

import pandas as pd
import pytest
from matplotlib.figure import Figure

from reportlib.charts import campaigns as charts
from reportlib.formatting import Formatter

FMT = Formatter("en_US", "USD")


def _results(romi: list[float | None]) -> pd.DataFrame:
    n = len(romi)
    names = [f"Campaign {i}" for i in range(n)]
    return pd.DataFrame(
        {
            "spend": ([420_000.0] + [1000.0] * (n - 1))[:n],
            "revenue": ([24_301.68] + [5000.0] * (n - 1))[:n],
            "romi": pd.array(romi, dtype="Float64").astype("float64"),
        },
        index=pd.Index(names, name="campaign"),
    )


def test_romi_bars_alt_text_counts_and_names_worst_and_best():
    chart = charts.romi_bars(_results([-0.968, 1.5, 0.25, None]), FMT)
    assert isinstance(chart.figure, Figure)
    assert "2 of 3 campaigns pay back and 1 loses money" in chart.alt
    # money in prose is rounded (issue #15): $420,000.00 spent is $420K, $24,301.68 is $24.3K
    assert "Worst: Campaign 0 at −97% ($420K spent, $24.3K attributed revenue)" in chart.alt
    assert "Best: Campaign 1 at +150%" in chart.alt
    labels = {t.get_text().strip() for t in chart.figure.axes[0].texts}
    assert {"−97% loses money", "+150% pays back", "+25% pays back"} <= labels


def test_romi_bars_caps_the_bars_and_says_so_on_the_figure():
    chart = charts.romi_bars(_results([-0.5, 20.0, 30.0, 1.0]), FMT, max_bars=3)
    note = "Showing the 3 campaigns with the lowest ROMI, of 4"
    # the reader who sees the chart is told, not only the one who reads its alt text
    assert chart.figure.axes[0].get_title(loc="left") == note
    assert f"{note}." in chart.alt
    assert "Best: Campaign 2 at +3,000%" in chart.alt
    # -50%, +100% and +2,000% are drawn: above 1,000% the axis turns logarithmic
    assert "log scale" in chart.figure.axes[0].get_xlabel()


def test_romi_bars_of_one_campaign_or_none_are_not_drawn():
    # issue #14: one bar is no comparison (analysis.campaigns.one_rated instead)
    with pytest.raises(ValueError, match="at least 2 campaigns with a ROMI, not 1"):
        charts.romi_bars(_results([-0.968, None]), FMT)
    with pytest.raises(ValueError, match="not 0"):
        charts.romi_bars(_results([]), FMT)


def test_romi_bars_draw_every_campaign_without_a_note():
    chart = charts.romi_bars(_results([-0.5, 1.0]), FMT)
    assert chart.figure.axes[0].get_title(loc="left") == ""
    assert "Showing" not in chart.alt


def test_romi_bars_flag_a_romi_to_doubt():
    results = _results([-0.968, 0.25, 210.577]).assign(check_spend=[False, False, True])
    chart = charts.romi_bars(results, FMT)
    labels = [t.get_text().strip() for t in chart.figure.axes[0].texts]
    assert "+21,058% pays back, check the spend" in labels
    assert "+25% pays back" in labels
    assert "1 campaign's ROMI is marked “check the spend”" not in chart.alt  # no possessive
    assert (
        "Marked “check the spend” (above 10,000%, or a spend under 10% of the median): "
        "Campaign 2." in chart.alt
    )


def test_romi_bars_tick_labels_are_distinct_and_formatted():
    chart = charts.romi_bars(_results([-0.004, -0.002, 0.001, 0.003]), FMT)
    ax = chart.figure.axes[0]
    chart.figure.draw_without_rendering()
    low, high = sorted(ax.get_xlim())
    labels = [
        t.get_text()
        for t, x in zip(ax.get_xticklabels(), ax.get_xticks(), strict=True)
        if low <= x <= high
    ]
    assert len(set(labels)) == len(labels), labels
    assert all("-" not in label for label in labels)  # the one minus sign, U+2212
