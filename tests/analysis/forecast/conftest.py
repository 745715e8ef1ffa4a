"""Fixtures shared by the forecast tests: a calendar-shaped series, targets and deals."""

import pandas as pd
import pytest


def _calendar_pattern(start: str, end: str) -> pd.Series:
    """Revenue = 100 + month number (January 101 … December 112): an exact 12-month season."""
    index = pd.period_range(start, end, freq="M", name="month")
    return pd.Series(100.0 + index.month, index=index, name="revenue")


@pytest.fixture
def calendar_pattern():
    """The series builder :func:`_calendar_pattern` (start and end months as YYYY-MM)."""
    return _calendar_pattern


@pytest.fixture
def targets() -> pd.DataFrame:
    months = [str(p) for p in pd.period_range("2026-01", "2026-12", freq="M")]
    # two reps: 60 + 50 = 110 a month
    return pd.DataFrame(
        {
            "month": months * 2,
            "rep_id": ["R1"] * 12 + ["R2"] * 12,
            "target": [60.0] * 12 + [50.0] * 12,
        }
    )


@pytest.fixture
def opps() -> pd.DataFrame:
    rows = [
        # id, created, close, closed, won, category, amount, probability
        ("D1", "2026-08-01", "2026-10-05", True, True, "Closed", 100.0, 1.0),
        ("D2", "2026-07-01", "2026-09-20", True, True, "Closed", 250.0, 1.0),  # last quarter
        ("D3", "2026-09-01", "2026-11-15", False, False, "Commit", 200.0, 0.9),
        ("D4", "2026-09-10", "2026-12-31", False, False, "BestCase", 300.0, 0.5),  # API value
        ("D5", "2026-09-10", "2027-01-10", False, False, "Commit", 400.0, 0.9),  # next quarter
        ("D6", "2026-10-01", "2026-11-01", False, False, "Most Likely", 50.0, 0.7),
        ("D7", "2026-10-02", "2026-12-01", False, False, "Pipeline", 1000.0, 0.1),
        ("D8", "2026-08-01", "2026-10-15", True, False, "Omitted", 500.0, 0.0),  # lost
        ("D9", "2026-10-03", "2026-11-20", False, False, "Omitted", 80.0, 0.2),
        ("D10", "2026-11-05", "2026-12-10", False, False, "Commit", 70.0, 0.9),  # created later
        ("D11", "2026-09-01", "2026-10-20", False, False, "Commit", 60.0, 0.9),  # overdue
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "opportunity_id",
            "created_date",
            "close_date",
            "is_closed",
            "is_won",
            "forecast_category",
            "amount",
            "probability",
        ],
    )
    for col in ("created_date", "close_date"):
        frame[col] = pd.to_datetime(frame[col])
    for col in ("is_closed", "is_won"):
        frame[col] = frame[col].astype("boolean")
    frame["forecast_category"] = frame["forecast_category"].astype("string")
    return frame
