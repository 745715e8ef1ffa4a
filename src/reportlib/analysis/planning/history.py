"""Trailing history of the plan: rep-months in seat, the ramp, the best reps, seasonality.

Formulas: the package docstring (:mod:`reportlib.analysis.planning`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from reportlib.analysis._common import month_of
from reportlib.analysis.team import QUOTA_ROLE
from reportlib.errors import ConfigError
from reportlib.intake.data import row_rates

TRAILING_MONTHS = 12
DEFAULT_RAMP = (0.25, 0.5, 0.75, 1.0)
"""Share of full productivity in quarters 1–4 since hire (DOMAIN.md's example)."""
SEASONAL_YEARS = 3


def year_months(year: int, start_month: int = 1) -> pd.PeriodIndex:
    """The 12 months of the fiscal year starting in month ``start_month`` of ``year``.

    The forecast's convention (``analysis.revenue.fiscal_year_start``): fiscal year 2027
    starting in April runs from April 2027 to March 2028; ``start_month`` 1 is the calendar year.
    """
    return pd.period_range(f"{year}-{start_month:02d}", periods=12, freq="M", name="month")


def company_amounts(
    frame: pd.DataFrame, column: str, rates: Mapping[str, float], table: str = "orders"
) -> pd.Series:
    """``frame[column]`` in the company currency: × the budget rate of each row's ``currency``.

    The rates come from ``intake.data.row_rates``, as ``Tables.converted`` converts.

    Raises:
        DataError: when a row's currency has no rate (naming ``table``).
    """
    return frame[column].astype("float64") * row_rates(frame, rates, table)


def history_end(orders: pd.DataFrame, year: int, start_month: int = 1) -> pd.Period:
    """Last month of the trailing window: the last month with orders before ``year``.

    Args:
        orders: The orders table (``order_date``); its last month should be complete.
        year: The plan year.
        start_month: First month of the fiscal year (1 = January; :func:`year_months`).

    Raises:
        ConfigError: when no order falls in the :data:`TRAILING_MONTHS` months before ``year``.
    """
    start = year_months(year, start_month)[0]
    months = month_of(orders["order_date"])
    before = months[months < start]
    if before.empty or before.max() < start - TRAILING_MONTHS:
        span = "no orders" if months.empty else f"orders from {months.min()} to {months.max()}"
        raise ConfigError(
            f"--year {year}: no history to plan from: no order in the {TRAILING_MONTHS} months "
            f"before {start} (the data hold {span})",
            hint="plan the year after the data's last year, e.g. --year "
            f"{months.max().year + 1 if not months.empty else year}",
        )
    return before.max()


def rep_months(
    orders: pd.DataFrame,
    reps: pd.DataFrame,
    rates: Mapping[str, float],
    end: pd.Period,
    months: int | None = None,
) -> pd.DataFrame:
    """Every month an account executive was in seat, with their revenue in it.

    Args:
        orders: The orders table (``order_date``, ``rep_id``, ``net_revenue``, ``currency``).
        reps: The reps table.
        rates: Budget rates (``fx_rates``).
        end: The window's last month.
        months: The window's length; None: from the first month with orders.

    Returns:
        One row per (rep, month in seat in the window): ``rep_id``, ``region``, ``team``,
        ``month``, ``tenure`` (months since the hire month) and ``revenue`` (company currency,
        0 in a month without orders). Reps without a hire date are left out.
    """
    month = month_of(orders["order_date"])
    first = month.min() if months is None else end - (months - 1)
    if months is None and pd.isna(first):
        first = end
    revenue = (
        company_amounts(orders, "net_revenue", rates)
        .groupby([orders["rep_id"], month.rename("month")])
        .sum()
    )
    rows = []
    aes = reps[reps["role"].eq(QUOTA_ROLE).fillna(False).astype(bool)]
    for rep in aes.itertuples(index=False):
        if pd.isna(rep.hire_date):
            continue
        hired = pd.Timestamp(rep.hire_date).to_period("M")
        left = end if pd.isna(rep.end_date) else min(pd.Timestamp(rep.end_date).to_period("M"), end)
        for m in pd.period_range(max(hired, first), left, freq="M"):
            rows.append((rep.rep_id, rep.region, rep.team, m, (m - hired).n))
    out = pd.DataFrame(rows, columns=["rep_id", "region", "team", "month", "tenure"])
    if out.empty:
        out["month"] = pd.PeriodIndex([], freq="M")
    key = pd.MultiIndex.from_arrays([out["rep_id"], out["month"]])
    out["revenue"] = revenue.reindex(key, fill_value=0.0).to_numpy(dtype="float64")
    return out.astype({"tenure": "int64"})


def ramp_factor(tenure: np.ndarray | pd.Series | int, curve: Sequence[float]) -> np.ndarray:
    """Share of full productivity at each tenure (months since hire; below 0: not hired, 0).

    ``curve[q]`` in quarter ``q`` since hire (months 3q … 3q + 2), 1.0 after the curve.
    """
    t = np.asarray(tenure, dtype="int64")
    values = np.asarray([*curve, 1.0], dtype="float64")
    quarter = np.minimum(np.maximum(t, 0) // 3, len(curve))
    return np.where(t < 0, 0.0, values[quarter])


def measured_ramp(history: pd.DataFrame, quarters: int = len(DEFAULT_RAMP)) -> pd.Series:
    """The ramp curve measured from history: productivity by quarter since hire ÷ a mature rep's.

    Productivity = mean revenue per rep-month in seat; mature = tenure of ``quarters``
    quarters or more.

    Args:
        history: Output of :func:`rep_months` (all history, the more hires the better).
        quarters: Quarters of ramp; from quarter ``quarters`` on a rep is mature.

    Returns:
        Shares of full productivity for quarters 0 … ``quarters`` − 1 (index ``quarter``),
        clipped to 0–1 and non-decreasing. A quarter without rep-months is interpolated
        linearly between its measured neighbours (the mature quarter counting as 1.0), a first
        quarter without rep-months takes :data:`DEFAULT_RAMP`'s value; all of
        :data:`DEFAULT_RAMP` when no mature rep-month earned anything.
    """
    default = pd.Series([*DEFAULT_RAMP, *[1.0] * quarters][:quarters], dtype="float64")
    default.index.name = "quarter"
    band = np.minimum(history["tenure"] // 3, quarters)
    mean = history["revenue"].groupby(band).mean()
    mature = mean.get(quarters, np.nan)
    if pd.isna(mature) or mature <= 0:
        return default
    measured = (mean.reindex(range(quarters + 1)) / mature).clip(0.0, 1.0)
    if pd.isna(measured.iloc[0]):
        measured.iloc[0] = default.iloc[0]
    curve = measured.astype("float64").interpolate(method="index").cummax()
    return curve.iloc[:quarters].rename_axis("quarter").rename("ramp")


def tenure_best(history: pd.DataFrame, quarters: int = len(DEFAULT_RAMP)) -> pd.Series:
    """The highest mean monthly revenue any rep reached in each quarter since hire.

    A rep's mean in a quarter is over their latest :data:`TRAILING_MONTHS` months in it (a
    ramp quarter has 3); company currency; index ``quarter`` 0 … ``quarters`` (the last: past
    the ramp), NaN where no rep was.
    """
    band = np.minimum(history["tenure"] // 3, quarters).rename("quarter")
    recent = history.assign(quarter=band).sort_values("month", kind="stable")
    recent = recent.groupby(["rep_id", "quarter"]).tail(TRAILING_MONTHS)
    per_rep = recent.groupby(["rep_id", "quarter"])["revenue"].mean()
    return per_rep.groupby(level="quarter").max().reindex(range(quarters + 1))


def region_revenue(orders: pd.DataFrame, rates: Mapping[str, float], end: pd.Period) -> pd.Series:
    """Σ net revenue (company currency) of each region over the trailing window ending ``end``."""
    month = month_of(orders["order_date"])
    rows = (month > end - TRAILING_MONTHS) & (month <= end)
    amounts = company_amounts(orders[rows], "net_revenue", rates)
    return amounts.groupby(orders.loc[rows, "region"]).sum().rename("revenue")


def seasonality(orders: pd.DataFrame, end: pd.Period) -> pd.DataFrame:
    """Each region's share of a year's revenue in each calendar month (rows sum to 1).

    Measured over the last whole years ending with ``end`` (up to :data:`SEASONAL_YEARS`);
    twelfths for a region with less than a year of orders.

    Returns:
        Index ``region``, columns 1 … 12 (calendar months).
    """
    month = month_of(orders["order_date"])
    out = {}
    for region, rows in orders.groupby("region"):
        m = month[rows.index]
        years = min(SEASONAL_YEARS, ((end - m.min()).n + 1) // 12 if not m.empty else 0)
        if years < 1:
            out[region] = pd.Series(1.0 / 12, index=range(1, 13))
            continue
        inside = (m > end - 12 * years) & (m <= end)
        by_month = rows.loc[inside, "net_revenue"].groupby(m[inside].dt.month).sum()
        by_month = by_month.reindex(range(1, 13), fill_value=0.0)
        total = by_month.sum()
        out[region] = by_month / total if total > 0 else pd.Series(1.0 / 12, index=range(1, 13))
    frame = pd.DataFrame(out).T.astype("float64")
    frame.index.name = "region"
    frame.columns.name = "calendar_month"
    return frame


def shares(values: pd.Series, groups: pd.Series | None = None) -> pd.Series:
    """``values`` ÷ their sum within each group (NaN in a group summing to 0).

    A negative value (a rep or region whose credits outweighed their sales) counts as 0.

    Args:
        values: Amounts, one per row.
        groups: The group of each row (aligned with ``values``), or None for one group.
    """
    values = values.clip(lower=0)
    if groups is None:
        total = values.sum()
        return values / total if total > 0 else values * np.nan
    total = values.groupby(groups).transform("sum")
    return (values / total).where(total > 0)
