"""Reporting periods: calendar months written ``YYYY-MM``."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from reportlib.errors import ConfigError

_PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")


def parse_period(text: str) -> pd.Period:
    """Parse ``YYYY-MM`` into a monthly :class:`pandas.Period`.

    Raises:
        ConfigError: if ``text`` is not a valid month.
    """
    match = _PERIOD_RE.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ConfigError(
            f"period {text!r} is not a month written YYYY-MM",
            hint="for example --period 2026-10",
        )
    return pd.Period(text.strip(), freq="M")


def latest_complete_month(last_date: date | pd.Timestamp) -> pd.Period:
    """The latest calendar month that ends on or before ``last_date``.

    A month counts as complete when the data reaches its last day: data up to 2026-10-31 gives
    2026-10, data up to 2026-11-12 also gives 2026-10.
    """
    ts = pd.Timestamp(last_date)
    month = ts.to_period("M")
    if ts.normalize() == month.end_time.normalize():
        return month
    return month - 1


def previous_month(today: date | None = None) -> pd.Period:
    """The calendar month before the one holding ``today`` (for scheduled runs)."""
    return pd.Timestamp(today or date.today()).to_period("M") - 1
