"""The plan's seats and its three views: top-down, bottom-up (capacity) and potential.

Formulas: the package docstring (:mod:`reportlib.analysis.planning`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from reportlib.analysis.planning.history import (
    TRAILING_MONTHS,
    company_amounts,
    ramp_factor,
    shares,
    year_months,
)
from reportlib.analysis.team import QUOTA_ROLE
from reportlib.config import PlannedHire, PlannedLeaver
from reportlib.errors import ConfigError


def plan_seats(
    reps: pd.DataFrame,
    year: int,
    hires: Sequence[PlannedHire] = (),
    leavers: Sequence[PlannedLeaver] = (),
    start_month: int = 1,
) -> pd.DataFrame:
    """The seats of the plan year: account executives in seat, less leavers, plus hires.

    Args:
        reps: The reps table.
        year: The plan year.
        hires: Planned hires and open seats (checked by ``config.check_planning``).
        leavers: Planned leavers (checked likewise).
        start_month: First month of the fiscal year (``history.year_months``).

    Returns:
        Indexed by ``rep_id`` (a hire's own, else ``PLAN-01``, ``PLAN-02``… in the order
        listed): ``rep_name`` (the reps table's, a hire's id), ``region``, ``team``,
        ``hire_month``, ``first`` and ``last`` (months in seat in the plan year), ``months``
        (their number) and ``planned`` (a hire). Reps without a hire date count as hired long
        ago.
    """
    months = year_months(year, start_month)
    jan, dec = months[0], months[-1]  # the fiscal year's first and last months
    leaving = {lv.rep_id: pd.Period(lv.month, freq="M") for lv in leavers}
    aes = reps[reps["role"].eq(QUOTA_ROLE).fillna(False).astype(bool)]
    team_region = reps.drop_duplicates("team").set_index("team")["region"]
    rows = []
    for rep in aes.itertuples(index=False):
        hired = jan - 120 if pd.isna(rep.hire_date) else pd.Timestamp(rep.hire_date).to_period("M")
        last = dec if pd.isna(rep.end_date) else pd.Timestamp(rep.end_date).to_period("M")
        last = min(last, leaving.get(rep.rep_id, dec), dec)
        name = getattr(rep, "rep_name", None)
        name = rep.rep_id if name is None or pd.isna(name) else name
        rows.append((rep.rep_id, name, rep.region, rep.team, hired, max(hired, jan), last, False))
    for i, hire in enumerate(hires, start=1):
        hired = pd.Period(hire.month, freq="M")
        region = hire.region or team_region[hire.team]
        rep_id = hire.rep_id or f"PLAN-{i:02d}"
        rows.append((rep_id, rep_id, region, hire.team, hired, max(hired, jan), dec, True))
    columns = ["rep_id", "rep_name", "region", "team", "hire_month", "first", "last", "planned"]
    out = pd.DataFrame(rows, columns=columns).set_index("rep_id")
    out = out[out["first"] <= out["last"]].copy()
    out["months"] = [(b - a).n + 1 for a, b in zip(out["first"], out["last"], strict=True)]
    return out


def seat_months(
    seats: pd.DataFrame, year: int, curve: Sequence[float], start_month: int = 1
) -> pd.DataFrame:
    """Each seat's months of the plan year: in seat or not, tenure and ramp factor.

    ``start_month`` is the first month of the fiscal year (``history.year_months``).

    Returns:
        One row per (seat, month of ``year``), seats in ``seats``' order: ``rep_id``,
        ``region``, ``team``, ``month``, ``tenure``, ``in_seat`` (bool) and ``ramp``
        (:func:`ramp_factor`, 0 outside the seat).
    """
    months = year_months(year, start_month)
    rep_id = np.repeat(seats.index.to_numpy(), len(months))
    month = pd.PeriodIndex(np.tile(months, len(seats)), freq="M")
    frame = pd.DataFrame(
        {
            "rep_id": rep_id,
            "region": np.repeat(seats["region"].to_numpy(), len(months)),
            "team": np.repeat(seats["team"].to_numpy(), len(months)),
            "month": month,
        }
    )
    hired = np.repeat(seats["hire_month"].to_numpy(), len(months))
    first = np.repeat(seats["first"].to_numpy(), len(months))
    last = np.repeat(seats["last"].to_numpy(), len(months))
    frame["tenure"] = np.array(
        [(m - h).n for m, h in zip(month, hired, strict=True)], dtype="int64"
    )
    frame["in_seat"] = np.array(
        [f <= m <= la for m, f, la in zip(month, first, last, strict=True)], dtype=bool
    )
    frame["ramp"] = np.where(frame["in_seat"], ramp_factor(frame["tenure"], curve), 0.0)
    return frame


def company_goal(
    landing: float | None = None, growth: float | None = None, amount: float | None = None
) -> float:
    """The company goal in the company currency: ``amount``, or ``landing`` × (1 + ``growth``).

    ``landing`` is this year's forecast landing (``forecast.landing(...).loc["year",
    "landing"]``, in the company currency).

    Raises:
        ConfigError: when both or neither of ``amount`` and ``growth`` are given, ``growth``
            without a ``landing``, or a goal that is not above 0.
    """
    if (amount is None) == (growth is None):
        raise ConfigError(
            "give the company goal one way: --growth G (this year's landing grown by G) or "
            "--company-target AMOUNT",
            hint="for example --growth 0.08",
        )
    if amount is not None:
        goal = float(amount)
        where = f"--company-target {amount:g}"
    else:
        if landing is None or pd.isna(landing):
            raise ConfigError(
                "--growth needs this year's landing, and there is no forecast of it",
                hint="give the goal itself with --company-target AMOUNT",
            )
        goal = float(landing) * (1.0 + float(growth))  # type: ignore[arg-type]
        where = f"--growth {growth:g}"
    if not goal > 0:
        raise ConfigError(f"{where}: the company goal would be {goal:g}; it must be above 0")
    return goal


def top_down_regions(
    goal: float,
    revenue: pd.Series,
    landing: float | None = None,
    region_growth: Mapping[str, float] | None = None,
) -> pd.Series:
    """The goal split to regions by trailing share, regions with their own growth first.

    Args:
        goal: The company goal (:func:`company_goal`).
        revenue: Trailing revenue by region (:func:`region_revenue`), only regions with seats.
        landing: This year's landing (needed when a region has its own growth).
        region_growth: A region's own growth by region id (``planning.yaml`` ``regions``).

    Returns:
        The goal's part of each region (company currency), adding up to ``goal``.

    Raises:
        ConfigError: when every region has its own growth, when a region's own growth needs a
            landing and there is none, or when the regions' own growth takes more than the goal.
    """
    share = shares(revenue.astype("float64")).fillna(1.0 / max(len(revenue), 1))
    own = {r: g for r, g in (region_growth or {}).items() if g is not None and r in share.index}
    if not own:
        return (share * goal).rename("top_down")
    if landing is None or pd.isna(landing):
        raise ConfigError(
            "planning.yaml: key 'regions.<id>.growth': a region's own growth applies to its "
            "part of this year's landing, and there is no forecast of it",
            hint="leave the regions' own growth out, or plan from a forecast (--growth)",
        )
    others = share.index.difference(list(own))
    if others.empty:
        raise ConfigError(
            "planning.yaml: key 'regions': every region has its own growth, so none takes the "
            "rest of the company goal",
            hint="leave at least one region without its own growth",
        )
    fixed = pd.Series({r: share[r] * float(landing) * (1.0 + g) for r, g in own.items()})
    rest = goal - float(fixed.sum())
    if rest < 0:
        raise ConfigError(
            f"planning.yaml: key 'regions': the regions' own growth asks {fixed.sum():,.0f}, "
            f"more than the company goal {goal:,.0f}",
            hint="lower the regions' own growth or raise the company goal",
        )
    out = pd.concat([fixed, shares(share[others]).fillna(0.0) * rest])
    return out.reindex(share.index).rename("top_down")


def top_down(region_amounts: pd.Series, seats: pd.DataFrame, window: pd.DataFrame) -> pd.Series:
    """The regions' top-down amounts split to teams and reps by trailing share.

    Args:
        region_amounts: Output of :func:`top_down_regions`.
        seats: Output of :func:`plan_seats`.
        window: :func:`rep_months` of the trailing window.

    Returns:
        Each seat's top-down amount for the year (company currency), indexed like ``seats``.
        A team's part of its region = its account executives' trailing revenue share among the
        region's teams with seats; a rep's part of the team = trailing revenue × months in seat
        ÷ 12 (months in seat when no one in the team has history).
    """
    team_revenue = window.groupby(["region", "team"])["revenue"].sum()
    key = pd.MultiIndex.from_arrays([seats["region"], seats["team"]])
    teams = seats.groupby(["region", "team"]).size().index
    team_weight = team_revenue.reindex(teams, fill_value=0.0)
    team_share = shares(team_weight, team_weight.index.get_level_values("region"))
    # a region whose teams have no history: by number of seats
    seats_per_team = seats.groupby(["region", "team"])["months"].sum().reindex(teams)
    fallback = shares(seats_per_team.astype("float64"), teams.get_level_values("region"))
    team_share = team_share.fillna(fallback)
    rep_revenue = window.groupby("rep_id")["revenue"].sum().reindex(seats.index, fill_value=0.0)
    rep_weight = rep_revenue * seats["months"] / 12.0
    rep_share = shares(rep_weight, seats["team"] + "\x00" + seats["region"])
    by_months = shares(seats["months"].astype("float64"), seats["team"] + "\x00" + seats["region"])
    rep_share = rep_share.fillna(by_months)
    region_part = seats["region"].map(region_amounts).fillna(0.0)
    team_part = pd.Series(team_share.reindex(key).to_numpy(), index=seats.index)
    return (region_part * team_part * rep_share).rename("top_down")


def full_productivity(
    seats: pd.DataFrame, window: pd.DataFrame, curve: Sequence[float]
) -> pd.Series:
    """Each seat's revenue per fully ramped month (company currency), measured in the window.

    = Σ trailing revenue ÷ Σ :func:`ramp_factor` over the rep's months in the window. A seat
    without history (a hire, or a rep hired after the window) takes the median of its team's
    reps, else of its region's, else of every rep's (0 when no one has history).
    """
    factor = pd.Series(ramp_factor(window["tenure"], curve), index=window.index)
    ramped = factor.groupby(window["rep_id"]).sum()
    revenue = window.groupby("rep_id")["revenue"].sum()
    measured = (revenue / ramped).where(ramped > 0).reindex(seats.index)
    known = seats.assign(value=measured)
    out = measured.copy()
    for level in ("team", "region"):
        median = known.groupby(level)["value"].median()
        out = out.fillna(seats[level].map(median))
    overall = known["value"].median()
    return out.fillna(0.0 if pd.isna(overall) else overall).rename("productivity")


def capacity(
    months: pd.DataFrame, productivity: pd.Series, expected_attainment: float = 1.0
) -> pd.Series:
    """Each seat-month's capacity: productivity × ramp factor (0 outside the seat) × attainment.

    Args:
        months: Output of :func:`seat_months`.
        productivity: Output of :func:`full_productivity`.
        expected_attainment: ``planning.yaml`` ``expected_attainment``.

    Returns:
        Company-currency amounts aligned with ``months``' rows (``capacity``).
    """
    per_month = months["rep_id"].map(productivity).astype("float64")
    return (per_month * months["ramp"] * expected_attainment).rename("capacity")


def territory_potential(
    market: pd.DataFrame | None,
    rates: Mapping[str, float],
    end: pd.Period,
    reachable: Mapping[str, float | None],
) -> pd.Series | None:
    """Each region's market size over the trailing window × the share it could reach.

    Args:
        market: The market table (``month``, ``region``, ``sales``, ``currency``), or None.
        rates: Budget rates.
        end: Last month of the trailing window.
        reachable: Reachable share by region id (``Planning.reachable``).

    Returns:
        Company-currency potential by region (regions of ``reachable`` with a share and market
        rows), or None without a market table: the caller says this view was left out.
    """
    if market is None or market.empty:
        return None
    month = pd.to_datetime(market["month"].astype(str), format="%Y-%m").dt.to_period("M")
    rows = (month > end - TRAILING_MONTHS) & (month <= end)
    size = (
        company_amounts(market[rows], "sales", rates, "market")
        .groupby(market.loc[rows, "region"])
        .sum()
    )
    share = pd.Series({r: s for r, s in reachable.items() if s is not None}, dtype="float64")
    out = (size.reindex(share.index) * share).dropna()
    return out.rename("potential") if not out.empty else None
