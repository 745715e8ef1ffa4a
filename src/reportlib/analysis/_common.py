"""Small helpers shared by the analysis modules."""

from __future__ import annotations

import pandas as pd


def ratio(numerator: float, denominator: float | None) -> float | None:
    """``numerator / denominator`` as a float, or None when the denominator is 0 or missing."""
    if denominator is None or pd.isna(denominator) or denominator == 0:
        return None
    return float(numerator) / float(denominator)


def month_of(dates: pd.Series) -> pd.Series:
    """The calendar month (monthly Period) of each date."""
    return dates.dt.to_period("M")


def in_month(frame: pd.DataFrame, column: str, period: pd.Period) -> pd.DataFrame:
    """Rows of ``frame`` whose date ``column`` falls in ``period``."""
    return frame[month_of(frame[column]) == period]
