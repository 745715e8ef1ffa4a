"""The plan report's tables: a :class:`~reportlib.analysis.planning.plan.Plan` cut for one report.

A plan's amounts are in the company currency except the allocated ``target`` of
``Plan.months`` (each region's currency). A report shows amounts in its own currency: the
company's (``rate`` 1) or its region's, whose budget rate ``rate`` (company units per unit of the
region's currency, ``fx_rates``) divides company amounts. The targets themselves are always the
allocated ones, so that the tables add up to the ``targets-YYYY.csv`` the plan wrote.

No I/O; inputs are never changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from reportlib.analysis.planning.plan import Plan

VIEW_COLUMNS = ("top_down", "bottom_up", "potential", "target")


def _allocated(plan: Plan, region: str | None) -> pd.DataFrame:
    months = plan.months
    return months if region is None else months[months["region"] == region]


def _ordered(frame: pd.DataFrame, order: Sequence[str]) -> pd.DataFrame:
    """``frame``'s rows in ``order`` first (ids it holds), then the others as they were."""
    first = [r for r in order if r in frame.index]
    return frame.loc[first + [r for r in frame.index if r not in first]]


def region_views(
    plan: Plan, rate: float = 1.0, region: str | None = None, order: Sequence[str] = ()
) -> pd.DataFrame:
    """The three views and the blended target of each region, side by side.

    Args:
        plan: The plan.
        rate: Company units per unit of the report's currency (1 for the company's).
        region: One region's row only; None: every region.
        order: Region ids in the order to show them (``params/regions/``'s); others follow.

    Returns:
        Indexed by region id: ``top_down``, ``bottom_up``, ``potential`` (NaN without the
        potential view), ``target`` (the blended target: goal × (1 + buffer) × blended share)
        and ``vs_bottom_up`` (target ÷ bottom-up − 1: how far the target asks beyond the
        reps' measured capacity), amounts ÷ ``rate``.
    """
    views = _ordered(plan.views, order) if region is None else plan.views.loc[[region]]
    out = views[list(VIEW_COLUMNS)] / rate
    out["vs_bottom_up"] = (out["target"] / out["bottom_up"] - 1).where(out["bottom_up"] > 0)
    return out


def group_feasibility(
    plan: Plan, rate: float = 1.0, region: str | None = None, order: Sequence[str] = ()
) -> pd.DataFrame:
    """Feasibility of each region (company report) or of each team of ``region``.

    ``order``: region ids in the order to show them (:func:`region_views`).

    Returns:
        Indexed by region id (``region`` None) or team: ``target``, ``top_down``, ``bottom_up``
        and ``gap`` (top-down − bottom-up) ÷ ``rate``; ``reps`` (seats), ``share_can_reach``
        and ``share_beyond_best`` (``feasibility.feasibility``'s group rows).
    """
    groups = plan.feasibility_groups
    if region is None:
        rows = _ordered(groups[groups["team"] == ""].set_index("region"), order)
    else:
        rows = groups[(groups["region"] == region) & (groups["team"] != "")].set_index("team")
    out = rows[["target", "top_down", "bottom_up", "gap"]] / rate
    return out.join(rows[["reps", "share_can_reach", "share_beyond_best"]])


def rep_feasibility(plan: Plan, region: str, rate: float = 1.0) -> pd.DataFrame:
    """Each seat of ``region``: its year's target and whether it can be reached.

    Returns:
        Indexed by ``rep_id``, ordered by team then rep: ``rep_name``, ``team``, ``planned``
        (a planned hire), ``months`` (in seat), ``target`` (Σ of the seat's allocated monthly
        targets, region currency), ``bottom_up`` (capacity ÷ ``rate``), ``needed_growth``,
        ``can_reach`` and ``beyond_best`` (booleans; ``beyond_best`` NA without a best path).
    """
    reps = plan.feasibility_reps[plan.feasibility_reps["region"] == region]
    target = _allocated(plan, region).groupby("rep_id")["target"].sum()
    seats = plan.seats.reindex(reps.index)
    out = pd.DataFrame(
        {
            "rep_name": seats["rep_name"].astype("string"),
            "team": reps["team"],
            "planned": seats["planned"].astype(bool),
            "months": seats["months"].astype("int64"),
            "target": target.reindex(reps.index).astype("float64"),
            "bottom_up": reps["bottom_up"] / rate,
            "needed_growth": reps["needed_growth"],
            "can_reach": reps["can_reach"].astype(bool),
            "beyond_best": reps["beyond_best"].map({1.0: True, 0.0: False}).astype("boolean"),
        }
    )
    return out.sort_values(["team"], kind="stable")


def plan_months(plan: Plan) -> pd.PeriodIndex:
    """The plan year's months, in order (the month columns of :func:`rep_month_targets`)."""
    return pd.PeriodIndex(sorted(plan.months["month"].unique()), freq="M", name="month")


def monthly_targets(
    plan: Plan, region: str | None = None, names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The plan year's targets month by month: by region (company) or by team of ``region``.

    Args:
        plan: The plan.
        region: A region id (its targets by team, in its currency); None: the company's
            targets by region, in the company currency (the allocated company amounts).
        names: Column names for the region ids (company report); default the ids.

    Returns:
        Indexed by ``month`` (the plan year's, in order), one column per region or team, and
        ``total``.
    """
    months = _allocated(plan, region)
    value, by = ("amount", "region") if region is None else ("target", "team")
    table = months.pivot_table(index="month", columns=by, values=value, aggfunc="sum", sort=False)
    table = table.fillna(0.0)
    if region is None and names:
        table = table.rename(columns=dict(names))
    table.columns = [str(c) for c in table.columns]
    table["total"] = table.sum(axis=1)
    return table.sort_index()


def rep_month_targets(plan: Plan, region: str) -> pd.DataFrame:
    """Each seat's monthly targets in ``region``'s currency: the targets file, one row per seat.

    Returns:
        Indexed by ``rep_id`` (ordered by team, then as the plan lists them): ``rep_name``,
        ``team``, one column per month of the plan year (:func:`plan_months`: the ``Period``
        itself is the column's label), 0 outside the seat, and ``total``.
    """
    months = _allocated(plan, region)
    order = list(dict.fromkeys(months["rep_id"]))
    table = months.pivot_table(index="rep_id", columns="month", values="target", aggfunc="sum")
    table = table.reindex(index=order, columns=plan_months(plan)).fillna(0.0)
    columns: list[object] = list(table.columns)
    out = table.astype("float64")
    out.columns = pd.Index(columns, dtype="object")
    out["total"] = out.sum(axis=1)
    seats = plan.seats.reindex(out.index)
    out.insert(0, "team", seats["team"].astype("string"))
    out.insert(0, "rep_name", seats["rep_name"].astype("string"))
    return out.sort_values("team", kind="stable")


def hire_months(plan: Plan, region: str | None = None) -> pd.DataFrame:
    """Each planned hire's months in seat: ramp factor and target, to show the ramp.

    Args:
        plan: The plan.
        region: A region id; None: every region's hires.

    Returns:
        One row per planned seat and month in seat, in order: ``rep_id``, ``region``, ``team``,
        ``month``, ``ramp`` (share of full productivity) and ``target`` (region currency);
        empty when no hire is planned.
    """
    planned = plan.seats.index[plan.seats["planned"]]
    months = _allocated(plan, region)
    rows = months[months["rep_id"].isin(planned) & months["in_seat"]]
    return rows[["rep_id", "region", "team", "month", "ramp", "target"]].reset_index(drop=True)


def reach_counts(plan: Plan, region: str | None = None) -> tuple[int, int, int]:
    """(seats, seats that can reach 80% of target, seats beyond the best path) of the report."""
    reps = plan.feasibility_reps
    if region is not None:
        reps = reps[reps["region"] == region]
    return len(reps), int(reps["can_reach"].sum()), int(reps["beyond_best"].fillna(0.0).sum())
