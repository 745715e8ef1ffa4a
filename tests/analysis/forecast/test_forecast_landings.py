"""Landing of the fiscal quarter and year, and the quarter's views, worked out by hand."""

import pandas as pd
import pytest

from reportlib.analysis import forecast as fc

P = pd.Period
OCT = P("2026-10", "M")


def test_landing_of_quarter_and_year(targets, calendar_pattern):
    f = fc.forecast_revenue(calendar_pattern("2025-03", "2026-10"))
    land = fc.landing(f, targets, OCT)
    q, y = land.loc["quarter"], land.loc["year"]
    # quarter Oct–Dec: October 110 invoiced + November 111 + December 112 forecast
    assert q["start"] == OCT and q["end"] == P("2026-12", "M") and q["months_left"] == 2
    assert q["actual_to_date"] == 110.0 and q["forecast_rest"] == 223.0 and q["landing"] == 333.0
    assert q["target"] == 330.0 and q["gap"] == 3.0
    assert q["attainment"] == pytest.approx(333 / 330)
    # the seasonal naïve backtest has no error: every path lands on 333 ≥ 330
    assert q["probability"] == 1.0
    assert q["landing_lo80"] == 333.0
    # year Jan–Dec: Σ(101 … 110) = 1,055 invoiced + 223 → 1,278 against 12 × 110 = 1,320
    assert y["actual_to_date"] == 1055.0 and y["landing"] == 1278.0 and y["target"] == 1320.0
    assert y["probability"] == 0.0


def test_landing_in_a_quarters_last_month_and_without_targets(targets, calendar_pattern):
    f = fc.forecast_revenue(calendar_pattern("2025-03", "2026-10"))
    # fiscal year from February: quarters Feb–Apr, May–Jul, Aug–Oct, Nov–Jan
    land = fc.landing(f, targets, OCT, fiscal_year_start_month=2)
    q = land.loc["quarter"]
    assert q["start"] == P("2026-08", "M") and q["months_left"] == 0
    assert q["landing"] == 327.0  # 108 + 109 + 110, all invoiced
    assert q["probability"] == 0.0  # 327 < 330, nothing left to sell
    # fiscal year Feb 2026 – Jan 2027: the January 2027 target is missing, so 11 × 110
    assert land.loc["year", "target"] == 1210.0
    bare = fc.landing(f, None, OCT)
    assert bare["target"].isna().all() and bare["probability"].isna().all()
    assert bare.loc["quarter", "landing"] == 333.0
    with pytest.raises(ValueError, match="ends in 2026-10"):
        fc.landing(f, targets, P("2026-09", "M"))


def test_quarter_views(targets, opps, calendar_pattern):
    f = fc.forecast_revenue(calendar_pattern("2025-03", "2026-10"))
    views = fc.quarter_views(fc.landing(f, targets, OCT), fc.pipeline_forecast(opps, OCT))
    assert list(views.index) == list(fc.VIEW_LABELS)
    assert views["amount"].tolist() == [333.0, 300.0, 650.0, 330.0]
    assert views.loc["Time-series landing", "low"] == 333.0
    assert views["low"].iloc[1:].isna().all()
    no_deals = fc.quarter_views(fc.landing(f, None, OCT), fc.pipeline_forecast(None, OCT))
    assert no_deals["amount"].iloc[1:].isna().all()


def test_a_landings_range_never_goes_below_what_is_invoiced():
    # 100, 20 alternating to October (20): naïve with paths 20 + a random walk of sd 80.
    # Quarter Oct–Dec: 20 invoiced + 20 + 20 forecast = 60. November and December are both
    # floored to 0 on the paths whose first step is below −20 and the second keeps the sum below
    # −20 (about 0.4 × 0.6 of them, more than one in ten), so the 80% range starts at the 20
    # invoiced; unfloored, it reached 60 − 1.28 × 80√5 ≈ −169
    series = pd.Series(
        [100.0, 20.0] * 4, index=pd.period_range(end="2026-10", periods=8, freq="M", name="month")
    )
    f = fc.forecast_revenue(series)
    q = fc.landing(f, None, OCT).loc["quarter"]
    assert q["actual_to_date"] == 20.0 and q["landing"] == 60.0
    assert q["landing_lo80"] == 20.0
    views = fc.quarter_views(fc.landing(f, None, OCT), fc.pipeline_forecast(None, OCT))
    assert views.loc["Time-series landing", "low"] == 20.0
