"""Reporting periods: parsing ``YYYY-MM`` and choosing the month to report."""

from datetime import date

import pandas as pd
import pytest

from reportlib.errors import ConfigError
from reportlib.periods import latest_complete_month, parse_period, previous_month

P = pd.Period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10", P("2026-10", "M")),
        ("2026-01", P("2026-01", "M")),
        ("1999-12", P("1999-12", "M")),
        (" 2026-10 ", P("2026-10", "M")),
    ],
)
def test_parse_period_accepts_yyyy_mm(text, expected):
    period = parse_period(text)
    assert period == expected
    assert period.freqstr == "M"


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-00", "2026-1", "oct", "2026/10", "2026-10-01", "202610", ""]
)
def test_parse_period_rejects_anything_else(text):
    with pytest.raises(ConfigError) as info:
        parse_period(text)
    assert info.value.message == f"period {text!r} is not a month written YYYY-MM"
    assert info.value.hint == "for example --period 2026-10"
    assert info.value.exit_code == 2


@pytest.mark.parametrize(
    ("last_date", "expected"),
    [
        (date(2026, 10, 31), "2026-10"),  # data reaches the month's last day
        (date(2026, 11, 12), "2026-10"),  # November not complete yet
        (date(2026, 11, 1), "2026-10"),
        (date(2024, 2, 29), "2024-02"),  # leap day is February's last day
        (date(2024, 2, 28), "2024-01"),  # ... so the 28th is not, in 2024
        (date(2025, 2, 28), "2025-02"),  # but it is in 2025
        (date(2026, 1, 1), "2025-12"),  # across the year
        (date(2026, 12, 31), "2026-12"),
    ],
)
def test_latest_complete_month(last_date, expected):
    assert latest_complete_month(last_date) == P(expected, "M")


def test_latest_complete_month_takes_a_timestamp_with_a_time_of_day():
    assert latest_complete_month(pd.Timestamp("2026-10-31 17:45")) == P("2026-10", "M")
    assert latest_complete_month(pd.Timestamp("2026-10-30 23:59")) == P("2026-09", "M")


def test_previous_month():
    assert previous_month(date(2026, 1, 15)) == P("2025-12", "M")
    assert previous_month(date(2026, 3, 1)) == P("2026-02", "M")
    assert previous_month(date(2026, 3, 31)) == P("2026-02", "M")
