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
    assert chart.alt.startswith("Bar chart of monthly net revenue from agosto de 2026 to outubro")
    assert "R$\xa01.234,50" in chart.alt  # Babel puts a no-break space after the symbol
    assert "R$\xa02.000,00" in chart.alt


def test_margin_bars_alt_text_names_lowest_and_highest():
    frame = pd.DataFrame(
        {"gross_margin_pct": [0.5, 0.25, 0.8]}, index=pd.Index(["B", "A", "C"], name="category")
    )
    chart = charts.margin_bars(frame, FMT, "Product category")
    assert "A at 25,0%" in chart.alt
    assert "C at 80,0%" in chart.alt
