"""Campaign charts carry alt text with the figures they show."""

import pandas as pd
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
    assert "Worst: Campaign 0 at −97% ($420,000.00 spent, $24,301.68 attributed revenue)" in (
        chart.alt
    )
    assert "Best: Campaign 1 at +150%" in chart.alt
    labels = {t.get_text().strip() for t in chart.figure.axes[0].texts}
    assert {"−97% loses money", "+150% pays back", "+25% pays back"} <= labels


def test_romi_bars_caps_the_bars_and_says_so():
    chart = charts.romi_bars(_results([-0.5, 20.0, 30.0, 1.0]), FMT, max_bars=3)
    assert "The 3 lowest of 4 campaigns are drawn." in chart.alt
    assert "Best: Campaign 2 at +3,000%" in chart.alt
    # -50%, +100% and +2,000% are drawn: above 1,000% the axis turns logarithmic
    assert "log scale" in chart.figure.axes[0].get_xlabel()


def test_romi_bars_without_campaigns():
    chart = charts.romi_bars(_results([]), FMT)
    assert chart.alt.startswith("No campaign")
