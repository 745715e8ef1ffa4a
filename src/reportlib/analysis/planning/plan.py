"""Every step of the plan in order, from the data and settings to the targets and their checks.

Formulas: the package docstring (:mod:`reportlib.analysis.planning`). A command reads the data
and settings, calls :func:`this_year_landing` (for ``--growth``) and :func:`build_plan`, and
writes :attr:`Plan.targets` as ``targets-YYYY.csv`` (with :func:`planned_reps` added to the reps
table, so that the planned seats' ``rep_id`` are reps).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from reportlib.analysis.forecast import forecast_revenue, landing, revenue_series
from reportlib.analysis.planning.feasibility import feasibility
from reportlib.analysis.planning.history import (
    TRAILING_MONTHS,
    company_amounts,
    history_end,
    measured_ramp,
    region_revenue,
    rep_months,
    seasonality,
    tenure_best,
)
from reportlib.analysis.planning.targets import (
    allocate,
    blend,
    phase,
    targets_table,
    view_weights,
)
from reportlib.analysis.planning.views import (
    capacity,
    full_productivity,
    plan_seats,
    seat_months,
    territory_potential,
    top_down,
    top_down_regions,
)
from reportlib.analysis.team import QUOTA_ROLE
from reportlib.config import Planning
from reportlib.errors import ConfigError, DataError


@dataclass(frozen=True)
class Plan:
    """Next year's targets and how they were set (amounts in the company currency unless said).

    Attributes:
        year: The plan year.
        history_end: Last month of the trailing window.
        goal: The company goal.
        total: goal × (1 + buffer): what the reps' targets add up to.
        weights: The blend's weights as used (potential's spread over the others without it).
        potential_used: Whether the market table gave the potential view.
        ramp: Share of full productivity by quarter since hire (index ``quarter``).
        ramp_measured: Whether ``ramp`` was measured (else ``planning.yaml`` gave it).
        seats: :func:`~reportlib.analysis.planning.views.plan_seats`.
        views: By region: ``top_down``, ``bottom_up``, ``potential`` (NaN without it) and
            ``target``, side by side.
        months: One row per seat and month: :func:`seat_months`' columns, ``capacity``,
            ``weight``, ``amount`` (company currency), ``currency`` and ``target`` (region
            currency).
        feasibility_reps: First frame of
            :func:`~reportlib.analysis.planning.feasibility.feasibility`.
        feasibility_groups: Its second frame (regions and teams).
        targets: The contract's ``targets`` table of the plan year.
    """

    year: int
    history_end: pd.Period
    goal: float
    total: float
    weights: dict[str, float]
    potential_used: bool
    ramp: pd.Series
    ramp_measured: bool
    seats: pd.DataFrame
    views: pd.DataFrame
    months: pd.DataFrame
    feasibility_reps: pd.DataFrame
    feasibility_groups: pd.DataFrame
    targets: pd.DataFrame


def this_year_landing(
    orders: pd.DataFrame,
    rates: Mapping[str, float],
    end: pd.Period,
    fiscal_year_start_month: int = 1,
) -> float:
    """Where the fiscal year holding ``end`` lands, in the company currency.

    The forecast section's landing (:func:`reportlib.analysis.forecast.landing`, row ``year``)
    of the company's monthly revenue converted at the budget rates.
    """
    company = orders.assign(net_revenue=company_amounts(orders, "net_revenue", rates))
    forecast = forecast_revenue(revenue_series(company, end))
    return float(landing(forecast, None, end, fiscal_year_start_month).loc["year", "landing"])


def build_plan(
    orders: pd.DataFrame,
    reps: pd.DataFrame | None,
    market: pd.DataFrame | None,
    settings: Planning,
    year: int,
    goal: float,
    rates: Mapping[str, float],
    region_currency: Mapping[str, str],
    landing_amount: float | None = None,
    start_month: int = 1,
) -> Plan:
    """Next year's plan: every step of the package docstring, in order.

    Args:
        orders: The orders table (its last month complete).
        reps: The reps table (None: an error, there is no one to give a target to).
        market: The market table, or None (then no potential view: say so).
        settings: ``config.check_planning``'s settings.
        year: The plan year.
        goal: The company goal (``views.company_goal``).
        rates: Budget rates (``fx_rates``).
        region_currency: Each region's currency.
        landing_amount: This year's landing (needed when a region has its own growth).
        start_month: First month of the fiscal year (``fiscal_year_start_month``): the plan
            year runs 12 months from that month of ``year``.

    Raises:
        ConfigError: a year with no history (``--year``), no seat to give a target to, or
            settings the data cannot honour (see each step).
        DataError: without the reps table or the orders' ``rep_id``.
    """
    if reps is None:
        raise DataError(
            "a plan gives each rep their targets, and the reps table was not delivered",
            hint="deliver reps.csv (docs/data-contract.md, table reps)",
        )
    if "rep_id" not in orders.columns:
        raise DataError(
            "a plan measures each rep's revenue, and the orders deliver no rep_id",
            hint="deliver the orders' rep_id column (docs/data-contract.md, table orders)",
        )
    end = history_end(orders, year, start_month)
    history = rep_months(orders, reps, rates, end)
    window = history[history["month"] > end - TRAILING_MONTHS]
    measured = settings.ramp is None
    ramp = measured_ramp(history) if measured else pd.Series(settings.ramp, dtype="float64")
    curve = tuple(float(v) for v in ramp)
    seats = plan_seats(reps, year, settings.hires, settings.leavers, start_month)
    if seats.empty:
        raise ConfigError(
            f"--year {year}: no account executive is in seat that year and no hire is planned",
            hint="add the seats to fill under 'hires' in params/planning.yaml",
        )
    regions = pd.Index(seats["region"].unique(), name="region")
    months = seat_months(seats, year, curve, start_month)
    revenue = region_revenue(orders, rates, end).reindex(regions, fill_value=0.0)
    growth = {
        r: settings.region_growth(r) for r in regions if settings.region_growth(r) is not None
    }
    td_regions = top_down_regions(goal, revenue, landing_amount, growth)
    td = top_down(td_regions, seats, window)
    productivity = full_productivity(seats, window, curve)
    months = months.assign(capacity=capacity(months, productivity, settings.expected_attainment))
    bu = months.groupby("rep_id")["capacity"].sum().reindex(seats.index, fill_value=0.0)
    potential = territory_potential(market, rates, end, {r: settings.reachable(r) for r in regions})
    weights = view_weights(settings.weights.model_dump(), potential)
    total = goal * (1.0 + settings.buffer)
    blended = blend(seats, td, bu, potential, weights, total)
    phased = phase(blended, months, seasonality(orders, end))
    allocated = allocate(phased, total, region_currency, rates)
    reps_check, groups = feasibility(
        blended, td, bu, months, window, tenure_best(history, len(curve)), len(curve)
    )
    views = pd.DataFrame(
        {
            "top_down": td_regions.reindex(regions),
            "bottom_up": bu.groupby(seats["region"]).sum().reindex(regions),
            "potential": (potential if potential is not None else pd.Series(dtype="float64"))
            .reindex(regions)
            .astype("float64"),
            "target": blended.groupby("region")["target"].sum().reindex(regions),
        }
    )
    return Plan(
        year=year,
        history_end=end,
        goal=float(goal),
        total=float(total),
        weights=weights,
        potential_used=potential is not None,
        ramp=ramp.rename_axis("quarter").rename("ramp"),
        ramp_measured=measured,
        seats=seats,
        views=views,
        months=allocated,
        feasibility_reps=reps_check,
        feasibility_groups=groups,
        targets=targets_table(allocated),
    )


def planned_reps(seats: pd.DataFrame, reps: pd.DataFrame) -> pd.DataFrame:
    """Rows of the reps table for the planned seats, so that their targets' ``rep_id`` are reps.

    Args:
        seats: :func:`~reportlib.analysis.planning.views.plan_seats` (``planned`` rows used).
        reps: The reps table (for each team's manager).

    Returns:
        The reps table's columns: ``rep_name`` = ``rep_id``, role account executive, the
        team's manager (the manager of its other members), ``hire_date`` the first day of the
        hire month, no ``end_date``.
    """
    planned = seats[seats["planned"]]
    manager = reps.dropna(subset=["manager_id"]).drop_duplicates("team")
    manager = manager.set_index("team")["manager_id"]
    out = pd.DataFrame(
        {
            "rep_id": planned.index.astype(str),
            "rep_name": planned.index.astype(str),
            "role": QUOTA_ROLE,
            "team": planned["team"].to_numpy(),
            "manager_id": planned["team"].map(manager).to_numpy(),
            "region": planned["region"].to_numpy(),
            "hire_date": [p.start_time for p in planned["hire_month"]],
            "end_date": pd.NaT,
        }
    )
    return out[list(reps.columns)] if set(reps.columns) == set(out.columns) else out
