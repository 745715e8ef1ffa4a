"""Small helpers shared by the analysis modules."""

from __future__ import annotations

import pandas as pd


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """``numerator / denominator`` as a float; None when either is missing or the denominator is 0.

    A missing value is None, NA or NaN (a sum of a column that was not delivered).
    """
    if numerator is None or pd.isna(numerator):
        return None
    if denominator is None or pd.isna(denominator) or denominator == 0:
        return None
    return float(numerator) / float(denominator)


def month_of(dates: pd.Series) -> pd.Series:
    """The calendar month (monthly Period) of each date."""
    return dates.dt.to_period("M")


def in_month(frame: pd.DataFrame, column: str, period: pd.Period) -> pd.DataFrame:
    """Rows of ``frame`` whose date ``column`` falls in ``period``."""
    return frame[month_of(frame[column]) == period]


def has_columns(frame: pd.DataFrame, *columns: str) -> bool:
    """Whether ``frame`` holds every one of ``columns``.

    An optional contract column that an export does not deliver is absent from its frame (never
    filled with NA), so its absence is what the analyses test for.
    """
    return all(c in frame.columns for c in columns)
