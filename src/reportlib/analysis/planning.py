"""Next year's targets: the company goal, three views of it, their blend, phasing and feasibility.

Formulas from DOMAIN.md, "Setting targets (quota planning)"; settings from ``params/planning.yaml``
(:class:`reportlib.config.Planning`). Every amount here is in the company currency (the budget
rates ``fx_rates`` convert each row: one unit of a currency = ``rate`` company units) until
:func:`allocate`, which gives each target in its region's currency.

- **History**: the trailing window is the :data:`TRAILING_MONTHS` months ending with the last
  month with orders before the plan year (:func:`history_end`). Only account executives
  (``team.QUOTA_ROLE``) carry targets; a rep's months in seat run from their hire month to
  their leaving month.
- **Seats** (:func:`plan_seats`): the account executives in seat in the plan year, minus the
  planned leavers after their last month, plus the planned hires (open seats) from their first
  month. Tenure in a month = months since the hire month (0 in it).
- **Ramp** (:func:`measured_ramp`): productivity in quarter ``q`` since hire ÷ productivity of
  reps past their first year, where productivity = mean revenue per rep-month in seat; clipped
  to 0–1, made non-decreasing; a quarter without rep-months takes :data:`DEFAULT_RAMP`'s value
  (DOMAIN.md's example). Full (1.0) after the curve's last quarter.
- **Top-down** (:func:`company_goal`, :func:`top_down`): goal = this year's landing ×
  (1 + growth), or a given amount. A region's part = goal × its share of the trailing revenue
  (all its orders); a region with its own growth gets its share of the landing × (1 + its
  growth), and the other regions share the rest by trailing share. A team's part of its region
  = its account executives' trailing revenue share; a rep's part of the team = trailing revenue
  × months in seat ÷ 12 (months in seat alone when no one in the team has history).
- **Bottom-up** (:func:`full_productivity`, :func:`capacity`): a rep's full productivity =
  trailing revenue ÷ Σ ramp factor over their months in the window (revenue per fully ramped
  month); a seat without history takes the median of its team (else region, else company).
  Capacity in a month = full productivity × ramp factor at that month's tenure × in seat ×
  expected attainment; rolled up by Σ.
- **Potential** (:func:`territory_potential`): a region's market size = Σ sales of every
  company in the market table (own included) over the trailing window × its reachable share;
  None without a market table.
- **Blend** (:func:`blend`): each view gives shares (a region's share of the view's total, a
  team's of its region, a rep's of its team); the blended share is the weighted mean of the
  views' shares (potential exists at region level only: below it the other two weights are
  scaled to add up to 1; a view that is 0 across a group is left out there). The goal fixes
  the total: the reps' targets add up to goal × (1 + buffer).
- **Phasing** (:func:`seasonality`, :func:`phase`): a rep's year is spread over the months in
  proportion to their region's share of revenue in each calendar month (the last whole years of
  history, up to :data:`SEASONAL_YEARS`; twelfths with less than a year) × their ramp factor in
  that month (0 outside their seat).
- **Exact sum** (:func:`allocate`): amounts are split into company-currency cents by largest
  remainder (ties to the earlier row), converted to region-currency cents, and the rounding
  left over is put on the largest cell of the currency worth the least: Σ target × rate,
  rounded to the company cent, is goal × (1 + buffer) rounded to the cent (exactly, when a
  region's currency is worth at most one company unit, as the company currency is).
- **Feasibility** (:func:`feasibility`): per region and team, top-down − bottom-up; per rep,
  the growth needed = target per month in seat ÷ trailing revenue per month in seat − 1;
  a rep is flagged when their target exceeds the best path any rep walked at the same tenure
  (Σ over their months of the highest mean monthly revenue of any rep in that tenure quarter);
  a rep "can reach 80%" when capacity ≥ 0.8 × target (DOMAIN.md: a plan is commonly judged
  achievable when about 60–70% of reps can).

No I/O; inputs are never changed. Errors for the analyst are :class:`ConfigError` naming the
setting or option to change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from reportlib.analysis._common import month_of
from reportlib.analysis.team import QUOTA_ROLE
from reportlib.config import PlannedHire, PlannedLeaver
from reportlib.errors import ConfigError, DataError

TRAILING_MONTHS = 12
DEFAULT_RAMP = (0.25, 0.5, 0.75, 1.0)
"""Share of full productivity in quarters 1–4 since hire (DOMAIN.md's example)."""
SEASONAL_YEARS = 3
REACH_SHARE = 0.8
"""A rep "can reach" their target when their capacity is at least this share of it."""
VIEWS = ("top_down", "bottom_up", "potential")
TARGET_COLUMNS = ["month", "rep_id", "region", "target", "currency"]
"""The data contract's ``targets`` columns (``reportlib.intake.schema.TARGETS``), in order."""


# --- history -------------------------------------------------------------------------------


def year_months(year: int) -> pd.PeriodIndex:
    """The 12 months of calendar year ``year``."""
    return pd.period_range(f"{year}-01", f"{year}-12", freq="M", name="month")


def company_amounts(frame: pd.DataFrame, column: str, rates: Mapping[str, float]) -> pd.Series:
    """``frame[column]`` in the company currency: × the budget rate of each row's ``currency``.

    Raises:
        DataError: when a row's currency has no rate.
    """
    rate = frame["currency"].map(dict(rates))
    unknown = sorted(set(frame.loc[rate.isna(), "currency"].dropna().astype(str)))
    if unknown:
        raise DataError(
            f"currencies {unknown} have no rate in params/defaults.yaml fx_rates",
            hint="add a budget rate for each",
        )
    return frame[column].astype("float64") * rate.astype("float64")


def history_end(orders: pd.DataFrame, year: int) -> pd.Period:
    """Last month of the trailing window: the last month with orders before ``year``.

    Args:
        orders: The orders table (``order_date``); its last month should be complete.
        year: The plan year.

    Raises:
        ConfigError: when no order falls in the :data:`TRAILING_MONTHS` months before ``year``.
    """
    start = pd.Period(year=year, month=1, freq="M")
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


# --- ramp ------------------------------------------------------------------------------------


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


# --- seats -----------------------------------------------------------------------------------


def plan_seats(
    reps: pd.DataFrame,
    year: int,
    hires: Sequence[PlannedHire] = (),
    leavers: Sequence[PlannedLeaver] = (),
) -> pd.DataFrame:
    """The seats of the plan year: account executives in seat, less leavers, plus hires.

    Args:
        reps: The reps table.
        year: The plan year.
        hires: Planned hires and open seats (checked by ``config.check_planning``).
        leavers: Planned leavers (checked likewise).

    Returns:
        Indexed by ``rep_id`` (a hire's own, else ``PLAN-01``, ``PLAN-02``… in the order
        listed): ``region``, ``team``, ``hire_month``, ``first`` and ``last`` (months in seat
        in the plan year), ``months`` (their number) and ``planned`` (a hire). Reps without a
        hire date count as hired long ago.
    """
    months = year_months(year)
    jan, dec = months[0], months[-1]
    leaving = {lv.rep_id: pd.Period(lv.month, freq="M") for lv in leavers}
    aes = reps[reps["role"].eq(QUOTA_ROLE).fillna(False).astype(bool)]
    team_region = reps.drop_duplicates("team").set_index("team")["region"]
    rows = []
    for rep in aes.itertuples(index=False):
        hired = jan - 120 if pd.isna(rep.hire_date) else pd.Timestamp(rep.hire_date).to_period("M")
        last = dec if pd.isna(rep.end_date) else pd.Timestamp(rep.end_date).to_period("M")
        last = min(last, leaving.get(rep.rep_id, dec), dec)
        rows.append((rep.rep_id, rep.region, rep.team, hired, max(hired, jan), last, False))
    for i, hire in enumerate(hires, start=1):
        hired = pd.Period(hire.month, freq="M")
        region = hire.region or team_region[hire.team]
        rep_id = hire.rep_id or f"PLAN-{i:02d}"
        rows.append((rep_id, region, hire.team, hired, max(hired, jan), dec, True))
    columns = ["rep_id", "region", "team", "hire_month", "first", "last", "planned"]
    out = pd.DataFrame(rows, columns=columns).set_index("rep_id")
    out = out[out["first"] <= out["last"]].copy()
    out["months"] = [(b - a).n + 1 for a, b in zip(out["first"], out["last"], strict=True)]
    return out


def seat_months(seats: pd.DataFrame, year: int, curve: Sequence[float]) -> pd.DataFrame:
    """Each seat's months of the plan year: in seat or not, tenure and ramp factor.

    Returns:
        One row per (seat, month of ``year``), seats in ``seats``' order: ``rep_id``,
        ``region``, ``team``, ``month``, ``tenure``, ``in_seat`` (bool) and ``ramp``
        (:func:`ramp_factor`, 0 outside the seat).
    """
    months = year_months(year)
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


# --- top-down --------------------------------------------------------------------------------


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


def _shares(values: pd.Series, groups: pd.Series | None = None) -> pd.Series:
    """``values`` ÷ their sum within each group (all NaN in a group summing to 0)."""
    if groups is None:
        total = values.sum()
        return values / total if total > 0 else values * np.nan
    total = values.groupby(groups).transform("sum")
    return (values / total).where(total > 0)


def region_revenue(orders: pd.DataFrame, rates: Mapping[str, float], end: pd.Period) -> pd.Series:
    """Σ net revenue (company currency) of each region over the trailing window ending ``end``."""
    month = month_of(orders["order_date"])
    rows = (month > end - TRAILING_MONTHS) & (month <= end)
    amounts = company_amounts(orders[rows], "net_revenue", rates)
    return amounts.groupby(orders.loc[rows, "region"]).sum().rename("revenue")


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
    share = _shares(revenue.astype("float64")).fillna(1.0 / max(len(revenue), 1))
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
    out = pd.concat([fixed, _shares(share[others]).fillna(0.0) * rest])
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
    team_share = _shares(team_weight, team_weight.index.get_level_values("region"))
    # a region whose teams have no history: by number of seats
    seats_per_team = seats.groupby(["region", "team"])["months"].sum().reindex(teams)
    fallback = _shares(seats_per_team.astype("float64"), teams.get_level_values("region"))
    team_share = team_share.fillna(fallback)
    rep_revenue = window.groupby("rep_id")["revenue"].sum().reindex(seats.index, fill_value=0.0)
    rep_weight = rep_revenue * seats["months"] / 12.0
    rep_share = _shares(rep_weight, seats["team"] + "\x00" + seats["region"])
    by_months = _shares(seats["months"].astype("float64"), seats["team"] + "\x00" + seats["region"])
    rep_share = rep_share.fillna(by_months)
    region_part = seats["region"].map(region_amounts).fillna(0.0)
    team_part = pd.Series(team_share.reindex(key).to_numpy(), index=seats.index)
    return (region_part * team_part * rep_share).rename("top_down")


# --- bottom-up -------------------------------------------------------------------------------


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


# --- potential -------------------------------------------------------------------------------


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
    size = company_amounts(market[rows], "sales", rates).groupby(market.loc[rows, "region"]).sum()
    share = pd.Series({r: s for r, s in reachable.items() if s is not None}, dtype="float64")
    out = (size.reindex(share.index) * share).dropna()
    return out.rename("potential") if not out.empty else None


# --- blend and phasing -----------------------------------------------------------------------


def view_weights(weights: Mapping[str, float], potential: pd.Series | None) -> dict[str, float]:
    """The blend's weights: those given, potential's spread over the others without its view.

    Raises:
        ConfigError: when no view with a weight is left.
    """
    out = {v: float(weights.get(v, 0.0)) for v in VIEWS}
    if potential is None:
        out["potential"] = 0.0
    total = sum(out.values())
    if total <= 0:
        raise ConfigError(
            "planning.yaml: key 'weights': only the potential view has a weight, and there is "
            "no market table to measure it",
            hint="give top_down or bottom_up a weight, or deliver the market table",
        )
    return {v: w / total for v, w in out.items()}


def _blend_level(views: Mapping[str, pd.Series], weights: Mapping[str, float], groups) -> pd.Series:
    """Weighted mean of each view's shares within ``groups``; a view at 0 in a group is skipped."""
    index = next(iter(views.values())).index
    num = pd.Series(0.0, index=index)
    den = pd.Series(0.0, index=index)
    for name, values in views.items():
        w = weights.get(name, 0.0)
        if w <= 0:
            continue
        share = _shares(values.astype("float64"), groups)
        num = num + (w * share).fillna(0.0)
        den = den + share.notna() * w
    ones = pd.Series(1.0, index=index)
    even = 1.0 / (ones.groupby(groups).transform("sum") if groups is not None else ones.sum())
    return (num / den).where(den > 0).fillna(even)


def blend(
    seats: pd.DataFrame,
    top_down_amounts: pd.Series,
    bottom_up_amounts: pd.Series,
    potential: pd.Series | None,
    weights: Mapping[str, float],
    total: float,
) -> pd.DataFrame:
    """Each seat's target for the year: the views' shares blended, scaled to ``total``.

    Args:
        seats: Output of :func:`plan_seats`.
        top_down_amounts: Output of :func:`top_down` (by seat).
        bottom_up_amounts: Each seat's capacity for the year (Σ :func:`capacity`).
        potential: Output of :func:`territory_potential`, or None.
        weights: Output of :func:`view_weights`.
        total: goal × (1 + buffer), company currency.

    Returns:
        Indexed like ``seats``: ``region``, ``team``, ``region_share``, ``team_share`` (of the
        region), ``rep_share`` (of the team) and ``target`` (company currency, adding up to
        ``total``).
    """
    regions = pd.Index(seats["region"].unique(), name="region")
    td_r = top_down_amounts.groupby(seats["region"]).sum().reindex(regions, fill_value=0.0)
    bu_r = bottom_up_amounts.groupby(seats["region"]).sum().reindex(regions, fill_value=0.0)
    region_views = {"top_down": td_r, "bottom_up": bu_r}
    if potential is not None:
        region_views["potential"] = potential.reindex(regions, fill_value=0.0)
    region_share = _blend_level(region_views, weights, None)
    region_share = region_share / region_share.sum()
    lower = {v: weights.get(v, 0.0) for v in ("top_down", "bottom_up")}
    if sum(lower.values()) <= 0:
        lower = {"top_down": 0.5, "bottom_up": 0.5}
    teams = seats.groupby(["region", "team"]).size().index
    td_t = top_down_amounts.groupby([seats["region"], seats["team"]]).sum().reindex(teams)
    bu_t = bottom_up_amounts.groupby([seats["region"], seats["team"]]).sum().reindex(teams)
    team_share = _blend_level(
        {"top_down": td_t, "bottom_up": bu_t}, lower, teams.get_level_values("region")
    )
    team_key = seats["team"] + "\x00" + seats["region"]
    rep_share = _blend_level(
        {"top_down": top_down_amounts, "bottom_up": bottom_up_amounts}, lower, team_key
    )
    key = pd.MultiIndex.from_arrays([seats["region"], seats["team"]])
    out = seats[["region", "team"]].copy()
    out["region_share"] = seats["region"].map(region_share).to_numpy()
    out["team_share"] = team_share.reindex(key).to_numpy()
    out["rep_share"] = rep_share.to_numpy()
    out["target"] = total * out["region_share"] * out["team_share"] * out["rep_share"]
    return out


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


def phase(targets: pd.DataFrame, months: pd.DataFrame, season: pd.DataFrame) -> pd.DataFrame:
    """Each seat's year spread over its months: region seasonality × ramp factor.

    Args:
        targets: Output of :func:`blend` (``target`` by seat).
        months: Output of :func:`seat_months`.
        season: Output of :func:`seasonality` (a region it lacks: twelfths).

    Returns:
        ``months`` with ``weight`` and ``amount`` (company currency); each seat's amounts add
        up to its year's target, 0 outside its seat.
    """
    calendar = months["month"].dt.month.to_numpy()
    index = season.reindex(months["region"].unique()).fillna(1.0 / 12)
    rows = index.index.get_indexer(months["region"])
    factor = index.to_numpy(dtype="float64")[rows, calendar - 1]
    weight = pd.Series(factor * months["ramp"].to_numpy(), index=months.index)
    share = _shares(weight, months["rep_id"])
    # a seat whose weights are all 0 (in seat only in months without revenue): by months in seat
    even = _shares(months["in_seat"].astype("float64"), months["rep_id"])
    share = share.fillna(even).fillna(0.0)
    year = months["rep_id"].map(targets["target"]).astype("float64")
    return months.assign(weight=weight, amount=year * share)


# --- exact sum, and the contract's format -----------------------------------------------------


def largest_remainder(amounts: Sequence[float] | np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to ``amounts`` that add up to ``total`` exactly.

    Hamilton's method: the floor of each quota (``total`` × share), then one more to the rows
    with the largest remainders (ties to the earlier row) until the sum is ``total``.

    Raises:
        ValueError: when ``amounts`` are negative or add up to 0 while ``total`` is not 0.
    """
    values = np.asarray(amounts, dtype="float64")
    if (values < 0).any():
        raise ValueError("amounts to split must not be negative")
    if values.sum() <= 0:
        if total:
            raise ValueError("nothing to split the total by: every amount is 0")
        return np.zeros(len(values), dtype="int64")
    quota = values / values.sum() * total
    base = np.floor(quota).astype("int64")
    left = int(total - base.sum())
    order = np.lexsort((np.arange(len(values)), -(quota - base)))
    base[order[:left]] += 1
    return base


def to_cents(amount: float) -> int:
    """``amount`` in whole cents (half up)."""
    return int((Decimal(str(amount)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def allocate(
    cells: pd.DataFrame,
    total: float,
    region_currency: Mapping[str, str],
    rates: Mapping[str, float],
) -> pd.DataFrame:
    """Company-currency cell amounts as region-currency targets adding up to ``total`` exactly.

    Args:
        cells: Rows with ``region`` and ``amount`` (company currency), e.g. :func:`phase`'s.
        total: goal × (1 + buffer), company currency.
        region_currency: Each region's currency.
        rates: Budget rates (one unit of a currency in company units).

    Returns:
        ``cells`` with ``currency`` and ``target`` (region currency, whole cents) such that
        Σ target × rate, rounded to the company cent, is ``total`` rounded to the cent (see the
        module docstring for the one case where it is only within half a cent).
    """
    out = cells.copy()
    out["currency"] = out["region"].map(dict(region_currency))
    company_cents = largest_remainder(out["amount"].clip(lower=0).to_numpy(), to_cents(total))
    rate = {c: Decimal(str(rates[c])) for c in out["currency"].unique()}
    cents = np.array(
        [
            int((Decimal(int(cc)) / rate[cur]).quantize(Decimal(1), rounding=ROUND_HALF_UP))
            for cc, cur in zip(company_cents, out["currency"], strict=True)
        ],
        dtype="int64",
    )
    worth = sum(Decimal(int(c)) * rate[cur] for c, cur in zip(cents, out["currency"], strict=True))
    residual = Decimal(to_cents(total)) - worth
    if residual and len(out):
        cheapest = min(rate, key=lambda c: (rate[c], c))
        rows = np.flatnonzero(out["currency"].to_numpy() == cheapest)
        biggest = rows[np.argmax(cents[rows])]
        cents[biggest] += int((residual / rate[cheapest]).quantize(Decimal(1), ROUND_HALF_UP))
    out["target"] = cents / 100.0
    return out


def company_total(targets: pd.DataFrame, rates: Mapping[str, float]) -> Decimal:
    """Σ target × rate of ``targets`` (``target``, ``currency``), exact, rounded to the cent."""
    worth = sum(
        Decimal(str(t)) * Decimal(str(rates[c]))
        for t, c in zip(targets["target"], targets["currency"], strict=True)
    )
    return Decimal(worth).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def targets_table(allocated: pd.DataFrame) -> pd.DataFrame:
    """The plan in the data contract's ``targets`` format, ready to write as targets-YYYY.csv.

    Args:
        allocated: Output of :func:`allocate` (``month``, ``rep_id``, ``region``, ``target``,
            ``currency``).

    Returns:
        Columns :data:`TARGET_COLUMNS`: ``month`` written ``YYYY-MM``; one row per rep and month
        in seat (months outside the seat are left out), by month then rep.
    """
    rows = allocated
    if "in_seat" in rows.columns:
        rows = rows[rows["in_seat"].astype(bool)]
    out = pd.DataFrame(
        {
            "month": rows["month"].astype(str).to_numpy(),
            "rep_id": rows["rep_id"].astype(str).to_numpy(),
            "region": rows["region"].astype(str).to_numpy(),
            "target": rows["target"].astype("float64").to_numpy(),
            "currency": rows["currency"].astype(str).to_numpy(),
        }
    )
    return out.sort_values(["month", "rep_id"], kind="stable").reset_index(drop=True)


# --- feasibility -----------------------------------------------------------------------------


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


def feasibility(
    targets: pd.DataFrame,
    top_down_amounts: pd.Series,
    bottom_up_amounts: pd.Series,
    months: pd.DataFrame,
    window: pd.DataFrame,
    best: pd.Series,
    quarters: int = len(DEFAULT_RAMP),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """How achievable the plan is, per rep and per region and team.

    Args:
        targets: Output of :func:`blend` (``target`` by seat, company currency).
        top_down_amounts: Output of :func:`top_down`.
        bottom_up_amounts: Each seat's capacity for the year.
        months: Output of :func:`seat_months`.
        window: :func:`rep_months` of the trailing window.
        best: Output of :func:`tenure_best` (all history).
        quarters: Quarters of ramp (as for ``best``).

    Returns:
        ``(reps, groups)``. ``reps``, by seat: ``region``, ``team``, ``target``, ``top_down``,
        ``bottom_up``, ``needed_growth`` (target per month in seat ÷ trailing revenue per
        month in seat − 1; NaN without history), ``best_path`` (Σ over the rep's months of
        ``best`` at their tenure quarter), ``beyond_best`` (1.0 when target > best path, 0.0
        when not, NaN without a best path) and ``can_reach`` (1.0 when capacity ≥
        :data:`REACH_SHARE` × target, else 0.0). ``groups``, one row per
        region (``team`` empty) and per (region, team): ``top_down``, ``bottom_up``, ``gap``
        (top-down − bottom-up), ``target``, ``reps``, ``share_beyond_best`` and
        ``share_can_reach``.
    """
    reps = targets[["region", "team", "target"]].copy()
    reps["top_down"] = top_down_amounts.reindex(reps.index)
    reps["bottom_up"] = bottom_up_amounts.reindex(reps.index)
    seated = months[months["in_seat"]]
    in_seat = seated.groupby("rep_id").size().reindex(reps.index, fill_value=0)
    past_revenue = window.groupby("rep_id")["revenue"].sum()
    past_months = window.groupby("rep_id").size()
    per_month = (past_revenue / past_months).reindex(reps.index)
    reps["needed_growth"] = (reps["target"] / in_seat / per_month - 1).where(per_month > 0)
    band = np.minimum(seated["tenure"] // 3, quarters)
    path = pd.Series(band.map(best).to_numpy(), index=seated.index)
    reps["best_path"] = path.groupby(seated["rep_id"]).sum(min_count=1).reindex(reps.index)
    beyond = (reps["target"] > reps["best_path"]).astype("float64")
    reps["beyond_best"] = beyond.where(reps["best_path"].notna())
    reps["can_reach"] = (reps["bottom_up"] >= REACH_SHARE * reps["target"]).astype("float64")

    def summary(keys: list[str]) -> pd.DataFrame:
        g = reps.groupby(keys)
        out = pd.DataFrame(
            {
                "top_down": g["top_down"].sum(),
                "bottom_up": g["bottom_up"].sum(),
                "target": g["target"].sum(),
                "reps": g.size(),
                "share_beyond_best": g["beyond_best"].mean(),
                "share_can_reach": g["can_reach"].mean(),
            }
        )
        out["gap"] = out["top_down"] - out["bottom_up"]
        return out.reset_index()

    groups = pd.concat([summary(["region"]).assign(team=""), summary(["region", "team"])])
    columns = ["region", "team", "top_down", "bottom_up", "gap", "target", "reps"]
    groups = groups[[*columns, "share_beyond_best", "share_can_reach"]]
    return reps, groups.sort_values(["region", "team"]).reset_index(drop=True)
