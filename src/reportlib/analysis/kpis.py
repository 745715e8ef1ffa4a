"""The report's headline figures: one dict, written as ``<region>.kpis.json``.

Every key, its unit and formula is documented in ``docs/kpis.md`` (a test keeps the two in
step). Ratios are fractions; money is in the report's currency.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlib.analysis import (
    campaigns,
    customers,
    forecast,
    market,
    products,
    profitability,
    revenue,
    service,
    team,
)
from reportlib.analysis.pipeline import open_pipeline
from reportlib.report import ReportContext

if TYPE_CHECKING:
    import pandas as pd

Kpis = dict[str, float | int | str | list[float | None] | None]

SPARKLINE_MONTHS = 12
"""Months of revenue in ``revenue_last_12_months`` (the site index draws them as a sparkline)."""


def revenue_last_months(
    orders: pd.DataFrame, period: pd.Period, months: int = SPARKLINE_MONTHS
) -> list[float | None]:
    """Σ net_revenue of each of the ``months`` months to ``period``, oldest first.

    A month before the orders' first month is None (no data); a month within the data without
    any order is 0.0. ``revenue.monthly_revenue`` gives the sums.

    Args:
        orders: Order lines (``order_date``, ``net_revenue``), in the report's currency.
        period: The last month of the series (the reported month).
        months: How many months.

    Returns:
        ``months`` amounts in the report's currency; the last one is the month's ``revenue``.
    """
    monthly = revenue.monthly_revenue(orders)
    first = monthly.index.min() if len(monthly) else None
    series: list[float | None] = []
    for month in (period - back for back in range(months - 1, -1, -1)):
        if first is None or month < first:
            series.append(None)
        else:
            series.append(float(monthly.get(month, 0.0)))
    return series


SERVICE_KPIS = (
    "tickets",
    "backlog",
    "median_first_response_hours",
    "median_resolution_hours",
    "sla_breach_rate",
    "csat",
    "nps",
)
"""The service figures of ``kpis.json`` (``analysis.service.summary``); None without the tables."""


def service_kpis(
    tickets: pd.DataFrame | None, surveys: pd.DataFrame | None, period: pd.Period
) -> dict[str, float | int | None]:
    """:data:`SERVICE_KPIS` of ``period`` from the tickets and surveys tables (None if absent)."""
    figures = service.summary(tickets, surveys, period)
    return {key: figures[key] for key in SERVICE_KPIS}


def collect_kpis(ctx: ReportContext) -> Kpis:
    """All headline figures of one report.

    Every key is always present; its value is None when the figure cannot be computed, among
    others when the orders do not deliver an optional column it needs (``cost`` for the margins,
    ``list_price`` and ``quantity`` for leakage, ``rep_id`` for rep attainment ...). The full
    list is in ``docs/kpis.md``, "When a key is null", which ``tests/test_kpis_doc.py`` checks.
    """
    t = ctx.tables
    fiscal = ctx.params.defaults.fiscal_year_start_month
    return {
        **revenue.headline_kpis(t.orders, t.targets, ctx.period, fiscal),
        "revenue_last_12_months": revenue_last_months(t.orders, ctx.period),
        "open_pipeline": open_pipeline(t.opportunities, ctx.period),
        **team.team_kpis(t.orders, t.targets, t.reps, t.opportunities, ctx.period, fiscal),
        **profitability.profitability_kpis(t.orders, ctx.period),
        **market.market_kpis(t.opportunities, t.market, ctx.period),
        **campaigns.campaign_kpis(t.campaigns, t.opportunities, t.orders, ctx.period),
        **customers.customer_kpis(t.orders, ctx.period, ctx.bought_elsewhere),
        **products.product_kpis(t.orders, ctx.period, ctx.first_sales, ctx.launch_dates),
        **forecast.forecast_kpis(
            t.orders,
            t.targets,
            t.opportunities,
            ctx.period,
            fiscal,
            history=ctx.forecast_history,
            currency=ctx.region.currency,
            forecast=ctx.revenue_forecast,  # computed once, for the forecast section too
            landings=ctx.landings,
        ),
        **service_kpis(t.tickets, t.surveys, ctx.period),
    }
