"""Targets and revenue: monthly figures, attainment, growth, gross margin.

Revenue is net invoiced revenue of order lines (``net_revenue``); attainment is revenue ÷
target, both for the same months and the same rows.
"""

from __future__ import annotations

import pandas as pd

from reportlib.analysis._common import has_columns, in_month, month_of, ratio


def monthly_summary(orders: pd.DataFrame) -> pd.DataFrame:
    """Revenue, cost, margin, orders and customers per calendar month.

    Gross margin % = (Σ net_revenue − Σ cost) ÷ Σ net_revenue.

    Returns:
        One row per month (a monthly ``PeriodIndex`` named ``month``, no gaps between the first
        and last month) with columns ``revenue``, ``cost``, ``gross_margin``,
        ``gross_margin_pct``, ``orders`` (distinct order ids), ``customers`` (distinct customer
        ids) and ``lines``. When the orders do not deliver ``cost``, ``cost``, ``gross_margin``
        and ``gross_margin_pct`` are NaN.
    """
    month = month_of(orders["order_date"]).rename("month")
    grouped = orders.groupby(month)
    out = pd.DataFrame(
        {
            "revenue": grouped["net_revenue"].sum(),
            "orders": grouped["order_id"].nunique(),
            "customers": grouped["customer_id"].nunique(),
            "lines": grouped.size(),
        }
    )
    if not out.empty:
        full = pd.period_range(out.index.min(), out.index.max(), freq="M", name="month")
        out = out.reindex(full, fill_value=0)
    out.insert(1, "cost", _monthly_sums(orders, month)["cost"].reindex(out.index))
    out["gross_margin"] = out["revenue"] - out["cost"]
    out["gross_margin_pct"] = (out["gross_margin"] / out["revenue"]).where(out["revenue"] != 0)
    return out


def monthly_revenue(orders: pd.DataFrame) -> pd.Series:
    """Σ net_revenue per calendar month: :func:`monthly_summary`'s ``revenue`` column, alone.

    The same sums over the same months (no gaps between the first and last month), without the
    distinct counts of orders and customers, which take most of ``monthly_summary``'s time.
    """
    return _monthly_sums(orders, month_of(orders["order_date"]).rename("month"))["revenue"]


def _monthly_sums(orders: pd.DataFrame, month: pd.Series) -> pd.DataFrame:
    """Σ net_revenue and Σ cost per month, as in :func:`monthly_summary` (cost NaN if absent)."""
    grouped = orders.groupby(month)
    out = pd.DataFrame({"revenue": grouped["net_revenue"].sum()})
    if has_columns(orders, "cost"):
        out["cost"] = grouped["cost"].sum()
    if not out.empty:
        full = pd.period_range(out.index.min(), out.index.max(), freq="M", name="month")
        out = out.reindex(full, fill_value=0)
    return out.reindex(columns=["revenue", "cost"])  # a cost not delivered: NaN


def monthly_targets(targets: pd.DataFrame) -> pd.Series:
    """Σ target per month, indexed by a monthly ``PeriodIndex`` named ``month``."""
    # parsing ``YYYY-MM`` with a format is far faster than PeriodIndex on the strings
    month = pd.to_datetime(targets["month"], format="%Y-%m").dt.to_period("M").rename("month")
    return targets.groupby(month)["target"].sum().rename("target")


def fiscal_year_start(period: pd.Period, first_month: int = 1) -> pd.Period:
    """First month of the fiscal year holding ``period``."""
    year = period.year if period.month >= first_month else period.year - 1
    return pd.Period(year=year, month=first_month, freq="M")


def quarter_start(period: pd.Period, first_month: int = 1) -> pd.Period:
    """First month of the fiscal quarter holding ``period``."""
    offset = (period.month - first_month) % 3
    return period - offset


def _window(series: pd.Series, start: pd.Period, end: pd.Period) -> float:
    return float(series[(series.index >= start) & (series.index <= end)].sum())


def headline_kpis(
    orders: pd.DataFrame,
    targets: pd.DataFrame | None,
    period: pd.Period,
    fiscal_year_start_month: int = 1,
) -> dict[str, float | int | None]:
    """The period's headline figures.

    - ``revenue``: Σ net_revenue of order lines dated in the month.
    - ``target``: Σ target of the month (``None`` without targets).
    - ``attainment``: revenue ÷ target (fraction); ``_qtd`` and ``_ytd`` variants use the
      fiscal quarter and year to date.
    - ``gross_margin_pct``: (revenue − cost) ÷ revenue; ``None`` when the orders do not deliver
      ``cost``.
    - ``orders`` / ``customers``: distinct order and customer ids in the month.
    - ``mom_growth``: (Rₜ − Rₜ₋₁) ÷ Rₜ₋₁; ``yoy_growth``: (Rₜ − Rₜ₋₁₂) ÷ Rₜ₋₁₂.
    """
    month = month_of(orders["order_date"]).rename("month")
    monthly = _monthly_sums(orders, month)  # monthly_summary's sums; distinct counts below
    revenue = monthly["revenue"]

    def at(p: pd.Period, column: str = "revenue") -> float:
        return float(monthly[column].get(p, 0.0))

    rev = at(period)
    prev, last_year = revenue.get(period - 1), revenue.get(period - 12)
    q0 = quarter_start(period, fiscal_year_start_month)
    y0 = fiscal_year_start(period, fiscal_year_start_month)
    rows = orders.loc[(month == period).to_numpy(dtype=bool), ["order_id", "customer_id"]]
    kpis: dict[str, float | int | None] = {
        "revenue": rev,
        "gross_margin_pct": ratio(rev - at(period, "cost"), rev)
        if has_columns(orders, "cost")
        else None,
        "orders": int(rows["order_id"].nunique()),
        "customers": int(rows["customer_id"].nunique()),
        "mom_growth": None if prev is None else ratio(rev - prev, prev),
        "yoy_growth": None if last_year is None else ratio(rev - last_year, last_year),
        "revenue_qtd": _window(revenue, q0, period),
        "revenue_ytd": _window(revenue, y0, period),
    }
    if targets is None:
        kpis.update(
            target=None,
            attainment=None,
            target_qtd=None,
            attainment_qtd=None,
            target_ytd=None,
            attainment_ytd=None,
        )
        return kpis
    target = monthly_targets(targets)
    t_month = float(target.get(period, 0.0))
    t_qtd, t_ytd = _window(target, q0, period), _window(target, y0, period)
    kpis.update(
        target=t_month,
        attainment=ratio(rev, t_month),
        target_qtd=t_qtd,
        attainment_qtd=ratio(kpis["revenue_qtd"], t_qtd),  # type: ignore[arg-type]
        target_ytd=t_ytd,
        attainment_ytd=ratio(kpis["revenue_ytd"], t_ytd),  # type: ignore[arg-type]
    )
    return kpis


def revenue_vs_target(
    orders: pd.DataFrame, targets: pd.DataFrame | None, last: pd.Period, months: int = 13
) -> pd.DataFrame:
    """Revenue, target and attainment for the ``months`` months ending at ``last``."""
    window = pd.period_range(end=last, periods=months, freq="M", name="month")
    revenue = monthly_revenue(orders).reindex(window, fill_value=0.0)
    target = (
        monthly_targets(targets).reindex(window)
        if targets is not None
        else pd.Series(float("nan"), index=window, name="target")
    )
    out = pd.DataFrame({"revenue": revenue, "target": target})
    out["attainment"] = (out["revenue"] / out["target"]).where(out["target"] > 0)
    return out


def margin_by(orders: pd.DataFrame, column: str, period: pd.Period) -> pd.DataFrame:
    """Revenue, gross margin and margin % by ``column`` for one month, largest revenue first.

    Needs the ``cost`` and ``column`` of the orders (a ``KeyError`` when one was not delivered).
    """
    rows = in_month(orders, "order_date", period)
    grouped = rows.groupby(column, observed=True)
    out = pd.DataFrame({"revenue": grouped["net_revenue"].sum(), "cost": grouped["cost"].sum()})
    out["gross_margin"] = out["revenue"] - out["cost"]
    out["gross_margin_pct"] = (out["gross_margin"] / out["revenue"]).where(out["revenue"] != 0)
    out["share"] = out["revenue"] / out["revenue"].sum()
    return out.drop(columns="cost").sort_values("revenue", ascending=False)


def region_comparison(
    orders: pd.DataFrame,
    targets: pd.DataFrame | None,
    period: pd.Period,
    fiscal_year_start_month: int = 1,
) -> pd.DataFrame:
    """Headline figures side by side for each region (the company report's comparison).

    Amounts must already be in one currency. ``share`` is the region's part of the month's
    revenue of all regions.

    Returns:
        One row per region (index ``region``) with ``revenue``, ``share``, ``target``,
        ``attainment``, ``attainment_ytd``, ``gross_margin_pct`` (NaN when the orders do not
        deliver ``cost``) and ``yoy_growth``.
    """
    rows = {}
    needed = ["region", "order_date", "net_revenue", "cost", "order_id", "customer_id"]
    needed = [c for c in needed if c in orders.columns]
    for region, part in orders[needed].groupby("region", observed=True):
        region_targets = None if targets is None else targets[targets["region"] == region]
        k = headline_kpis(part, region_targets, period, fiscal_year_start_month)
        rows[region] = {
            key: k[key]
            for key in ("revenue", "target", "attainment", "attainment_ytd", "gross_margin_pct",
                        "yoy_growth")
        }  # fmt: skip
    out = pd.DataFrame.from_dict(rows, orient="index").rename_axis("region")
    if out.empty:
        return out
    out.insert(1, "share", out["revenue"] / out["revenue"].sum())
    return out.sort_values("revenue", ascending=False)
