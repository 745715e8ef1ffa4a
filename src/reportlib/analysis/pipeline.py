"""The sales pipeline as it stood at the end of a period."""

from __future__ import annotations

import pandas as pd


def open_mask(opportunities: pd.DataFrame, period: pd.Period) -> pd.Series:
    """Which deals were open at the end of ``period``: created by then and not closed by then.

    A deal closed after the period end (or still open today) was open at the period end.
    """
    end = period.end_time
    created = opportunities["created_date"] <= end
    closed_by_end = opportunities["is_closed"].fillna(False).astype(bool) & (
        opportunities["close_date"] <= end
    )
    return created & ~closed_by_end


def open_at(opportunities: pd.DataFrame, period: pd.Period) -> pd.DataFrame:
    """The deals open at the end of ``period`` (see :func:`open_mask`)."""
    return opportunities[open_mask(opportunities, period)]


def open_pipeline(opportunities: pd.DataFrame | None, period: pd.Period) -> float | None:
    """Σ amount of the deals open at the end of ``period`` (None without opportunities)."""
    if opportunities is None:
        return None
    return float(open_at(opportunities, period)["amount"].sum())
