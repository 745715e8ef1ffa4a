"""Customer service: volume, backlog, response times, SLA, CSAT, NPS, and what they do to sales.

Pure functions over the ``tickets`` and ``surveys`` tables of the data contract (timestamps in
UTC, durations in calendar hours) and, for churn and revenue retention, ``orders``. Nothing here
reads files or changes its inputs. Formulas: ../shared/DOMAIN.md, "Customer service and
support"; churn and net revenue retention are those of :mod:`reportlib.analysis.customers`,
called on the customers of each group of service experience.

A figure whose columns were not delivered (an optional contract column absent from the frame)
is None; a group without tickets, ratings or answers has NaN (frames) or None (dicts).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from reportlib.analysis._common import has_columns, ratio
from reportlib.analysis.customers import ACTIVE_WINDOW_MONTHS, retention, revenue_retention
from reportlib.i18n import N_, _
from reportlib.intake.schema import TICKET_PRIORITIES

HOURS = pd.Timedelta(hours=1)
SATISFIED_MIN = 4
"""A CSAT rating of 4 or 5 (of 5) is satisfied; good/bad ratings arrive as 5 and 1."""
PROMOTER_MIN = 9
"""NPS answers 9–10 are promoters."""
DETRACTOR_MAX = 6
"""NPS answers 0–6 are detractors; 7–8 are passives."""
NPS_MONTHS = 3
"""NPS of a month counts each customer's latest answer in the 3 months ending with it."""
SIGNAL_MONTHS = 3
"""Window (months ending with the period) in which an account's bad service signals count."""

AGE_BUCKETS: tuple[tuple[str, float], ...] = (
    (N_("Under 1 day"), 1.0),
    (N_("1 to 3 days"), 3.0),
    (N_("3 to 7 days"), 7.0),
    (N_("7 to 30 days"), 30.0),
    (N_("Over 30 days"), float("inf")),
)
"""Backlog age buckets: (label, upper bound in days, exclusive); labels stay English in data."""
BREACHED = N_("Breached SLA")
NOT_BREACHED = N_("Within SLA")
"""Groups of :func:`breach_experience`."""
DETRACTORS = N_("Detractors")
PASSIVES = N_("Passives")
PROMOTERS = N_("Promoters")
"""Groups of :func:`nps_experience`, in order."""
ALL_PRIORITIES = N_("All priorities")
NO_PRIORITY = N_("No priority")
"""Rows of :func:`sla_breach_by_priority` besides the priorities: tickets without one, all."""

_LABELS = frozenset(
    (
        *(label for label, _upper in AGE_BUCKETS),
        BREACHED,
        NOT_BREACHED,
        DETRACTORS,
        PASSIVES,
        PROMOTERS,
        ALL_PRIORITIES,
        NO_PRIORITY,
    )
)


def service_label(label: object) -> str:
    """A row label of this module (age bucket, experience group) in the report's language.

    The labels stay English in the data (tests and logic look rows up by them); any other
    value (a priority such as ``High``, a region id) is returned unchanged.
    """
    text = str(label)
    return _(text) if text in _LABELS else text


def _end(period: pd.Period) -> pd.Timestamp:
    """The last instant of ``period`` (UTC, like the tables' timestamps)."""
    return period.end_time


def _window(period: pd.Period, months: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last instant of the ``months`` months ending with ``period``."""
    return (period - (months - 1)).start_time, period.end_time


def _between(dates: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> np.ndarray:
    return ((dates >= start) & (dates <= end)).to_numpy(dtype=bool, na_value=False)


def _quantile(hours: pd.Series, q: float) -> float:
    values = hours.dropna()
    return float(values.quantile(q)) if len(values) else float("nan")


def _solved_at(tickets: pd.DataFrame) -> pd.Series | None:
    return tickets["solved_at"] if "solved_at" in tickets.columns else None


def open_at(tickets: pd.DataFrame, moment: pd.Timestamp) -> pd.DataFrame:
    """Tickets open at ``moment``: created by then and not solved by then.

    Args:
        tickets: The tickets table (``created_at``; ``solved_at`` when delivered: without it,
            every ticket whose ``status`` is not Solved or Closed counts, whatever ``moment``).
        moment: A UTC timestamp.

    Returns:
        The rows of ``tickets`` in the backlog at ``moment`` (a new frame).
    """
    created = (tickets["created_at"] <= moment).to_numpy(dtype=bool, na_value=False)
    solved = _solved_at(tickets)
    if solved is None:
        still = ~tickets["status"].isin(["Solved", "Closed"]).to_numpy(dtype=bool, na_value=False)
    else:
        still = ~(solved <= moment).to_numpy(dtype=bool, na_value=False)
    return tickets[created & still].copy()


def volume(tickets: pd.DataFrame, period: pd.Period) -> dict[str, int | None]:
    """Tickets created and solved in ``period``, and the backlog at its end.

    Args:
        tickets: The tickets table (``created_at``, ``status``; ``solved_at`` optional).
        period: The reported month.

    Returns:
        ``created`` (tickets opened in the month), ``solved`` (tickets last solved in it; None
        without ``solved_at``) and ``backlog`` (open at the month's last instant,
        :func:`open_at`).
    """
    start, end = period.start_time, _end(period)
    solved = _solved_at(tickets)
    return {
        "created": int(_between(tickets["created_at"], start, end).sum()),
        "solved": None if solved is None else int(_between(solved, start, end).sum()),
        "backlog": len(open_at(tickets, end)),
    }


def backlog_ages(tickets: pd.DataFrame, period: pd.Period) -> pd.DataFrame:
    """The backlog at the end of ``period`` by age (DOMAIN.md: age = end − created).

    Args:
        tickets: The tickets table.
        period: The reported month.

    Returns:
        One row per bucket of :data:`AGE_BUCKETS`, in order (index ``age``, English labels),
        with ``tickets`` (count, every bucket listed, 0 when empty) and ``share`` (of the
        backlog; NaN when the backlog is empty).
    """
    end = _end(period)
    ages = (end - open_at(tickets, end)["created_at"]) / pd.Timedelta(days=1)
    labels = [label for label, _upper in AGE_BUCKETS]
    edges = [0.0, *(upper for _label, upper in AGE_BUCKETS)]
    counts = pd.cut(ages, bins=edges, labels=labels, right=False, include_lowest=True)
    out = counts.value_counts(sort=False).reindex(labels, fill_value=0).rename("tickets")
    frame = out.to_frame()
    frame.index.name = "age"
    total = int(frame["tickets"].sum())
    frame["share"] = frame["tickets"] / total if total else np.nan
    return frame


def response_times(tickets: pd.DataFrame, period: pd.Period) -> dict[str, float | int | None]:
    """Median and P90 of first response and resolution times in ``period``, in calendar hours.

    First response: tickets created in the month that were answered (``first_response_hours``).
    Resolution: tickets last solved in the month, ``solved_at`` − ``created_at`` (full
    resolution). Percentiles interpolate linearly (pandas' default).

    Returns:
        ``responded`` and ``solved`` (tickets measured), ``median_first_response_hours``,
        ``p90_first_response_hours``, ``median_resolution_hours``, ``p90_resolution_hours``.
        A figure is None when its column was not delivered or no ticket is measured.
    """
    start, end = period.start_time, _end(period)
    out: dict[str, float | int | None] = dict.fromkeys(
        (
            "responded",
            "solved",
            "median_first_response_hours",
            "p90_first_response_hours",
            "median_resolution_hours",
            "p90_resolution_hours",
        )
    )
    if "first_response_hours" in tickets.columns:
        created = tickets[_between(tickets["created_at"], start, end)]
        hours = created["first_response_hours"].dropna()
        out["responded"] = len(hours)
        if len(hours):
            out["median_first_response_hours"] = _quantile(hours, 0.5)
            out["p90_first_response_hours"] = _quantile(hours, 0.9)
    solved = _solved_at(tickets)
    if solved is not None:
        done = tickets[_between(solved, start, end)]
        hours = (done["solved_at"] - done["created_at"]) / HOURS
        out["solved"] = len(hours)
        if len(hours):
            out["median_resolution_hours"] = _quantile(hours, 0.5)
            out["p90_resolution_hours"] = _quantile(hours, 0.9)
    return out


def _breached(tickets: pd.DataFrame) -> tuple[np.ndarray, np.ndarray] | None:
    """(has a target, missed one) per ticket, from the delivered breach flags; None if none."""
    flags = [c for c in ("first_response_breached", "resolution_breached") if c in tickets]
    if not flags:
        return None
    target = np.zeros(len(tickets), dtype=bool)
    missed = np.zeros(len(tickets), dtype=bool)
    for column in flags:
        values = tickets[column]
        target |= values.notna().to_numpy(dtype=bool)
        missed |= values.to_numpy(dtype=object, na_value=False) == True  # noqa: E712
    return target, missed


def sla_breach_by_priority(tickets: pd.DataFrame, period: pd.Period) -> pd.DataFrame | None:
    """SLA breach rate of the tickets created in ``period``, by priority, then all together.

    Breach rate = tickets whose first-response or resolution target was missed ÷ tickets with
    a target (DOMAIN.md); a ticket with neither flag filled has no target and is left out.

    Returns:
        Index ``priority`` (the contract's priorities that occur, in contract order; tickets
        without a priority under :data:`NO_PRIORITY`; then :data:`ALL_PRIORITIES`) with
        ``with_target``, ``breached`` (counts) and ``breach_rate`` (NaN without targets). None
        when neither breach column was delivered.
    """
    found = _breached(tickets)
    if found is None:
        return None
    target, missed = found
    month = _between(tickets["created_at"], period.start_time, _end(period))
    if "priority" in tickets.columns:
        priority = (
            tickets["priority"].astype("object").where(tickets["priority"].notna(), NO_PRIORITY)
        )
    else:
        priority = pd.Series(NO_PRIORITY, index=tickets.index)
    rows = pd.DataFrame(
        {"priority": priority.to_numpy(), "with_target": target, "breached": missed & target}
    )[month & target]
    counts = rows.groupby("priority")[["with_target", "breached"]].sum()
    order = [p for p in (*TICKET_PRIORITIES, NO_PRIORITY) if p in counts.index]
    counts = counts.reindex(order)
    counts.loc[ALL_PRIORITIES] = [int(month[target].sum()), int((month & missed & target).sum())]
    counts = counts.astype("int64")
    counts.index.name = "priority"
    rate = counts["breached"] / counts["with_target"].where(counts["with_target"] > 0)
    return counts.assign(breach_rate=rate.astype("float64"))


def sla_breach_rate(tickets: pd.DataFrame, period: pd.Period) -> float | None:
    """The breach rate of all priorities together (:func:`sla_breach_by_priority`)."""
    table = sla_breach_by_priority(tickets, period)
    if table is None:
        return None
    row = table.loc[ALL_PRIORITIES]
    return ratio(row["breached"], row["with_target"])


def csat(tickets: pd.DataFrame, period: pd.Period) -> dict[str, float | int | None]:
    """Customer satisfaction: satisfied ratings ÷ all ratings (DOMAIN.md).

    Counts the rated tickets solved in ``period`` (created in it, when ``solved_at`` was not
    delivered). Satisfied: a rating of :data:`SATISFIED_MIN` or more of 5. Tickets offered a
    survey but not rated have no rating and count nowhere.

    Returns:
        ``ratings``, ``satisfied`` and ``csat`` (a fraction 0–1; None without ratings). All
        None when ``csat_rating`` was not delivered.
    """
    if "csat_rating" not in tickets.columns:
        return {"ratings": None, "satisfied": None, "csat": None}
    when = _solved_at(tickets)
    when = tickets["created_at"] if when is None else when
    rated = tickets["csat_rating"][_between(when, period.start_time, _end(period))].dropna()
    satisfied = int((rated >= SATISFIED_MIN).sum())
    return {"ratings": len(rated), "satisfied": satisfied, "csat": ratio(satisfied, len(rated))}


def latest_answers(surveys: pd.DataFrame, period: pd.Period, months: int) -> pd.Series:
    """Each customer's latest NPS answer in the ``months`` months ending with ``period``.

    Returns:
        ``score`` indexed by ``customer_id`` (sorted), as int64; ties on the same instant
        keep the higher ``response_id``.
    """
    start, end = _window(period, months)
    inside = surveys[_between(surveys["answered_at"], start, end)]
    ordered = inside.sort_values(["customer_id", "answered_at", "response_id"])
    latest = ordered.drop_duplicates("customer_id", keep="last").set_index("customer_id")
    return latest["score"].astype("int64").rename("score")


def nps(
    surveys: pd.DataFrame, period: pd.Period, months: int = NPS_MONTHS
) -> dict[str, float | int | None]:
    """Net Promoter Score: % promoters (9–10) − % detractors (0–6), in points (DOMAIN.md).

    Each customer counts once, by their latest answer in the ``months`` months ending with
    ``period`` (:func:`latest_answers`).

    Returns:
        ``customers`` (answering), ``promoters``, ``passives``, ``detractors`` and ``nps``
        (−100 to 100; None without answers).
    """
    scores = latest_answers(surveys, period, months)
    promoters = int((scores >= PROMOTER_MIN).sum())
    detractors = int((scores <= DETRACTOR_MAX).sum())
    n = len(scores)
    return {
        "customers": n,
        "promoters": promoters,
        "passives": n - promoters - detractors,
        "detractors": detractors,
        "nps": None if n == 0 else 100.0 * (promoters - detractors) / n,
    }


def summary(
    tickets: pd.DataFrame | None, surveys: pd.DataFrame | None, period: pd.Period
) -> dict[str, float | int | None]:
    """The month's service figures in one dict (None for what the tables do not give).

    Returns:
        ``tickets`` (created in the month), ``solved``, ``backlog``, ``responded``,
        ``median_first_response_hours``, ``p90_first_response_hours``,
        ``median_resolution_hours``, ``p90_resolution_hours``, ``sla_breach_rate``,
        ``ratings``, ``csat``, ``nps_customers`` and ``nps``.
    """
    out: dict[str, float | int | None] = dict.fromkeys(
        (
            "tickets",
            "solved",
            "backlog",
            "responded",
            "median_first_response_hours",
            "p90_first_response_hours",
            "median_resolution_hours",
            "p90_resolution_hours",
            "sla_breach_rate",
            "ratings",
            "csat",
            "nps_customers",
            "nps",
        )
    )
    if tickets is not None:
        counts = volume(tickets, period)
        out |= {"tickets": counts["created"], "solved": counts["solved"]}
        out["backlog"] = counts["backlog"]
        times = response_times(tickets, period)
        out |= {k: v for k, v in times.items() if k != "solved"}
        out["sla_breach_rate"] = sla_breach_rate(tickets, period)
        satisfaction = csat(tickets, period)
        out |= {"ratings": satisfaction["ratings"], "csat": satisfaction["csat"]}
    if surveys is not None:
        score = nps(surveys, period)
        out |= {"nps_customers": score["customers"], "nps": score["nps"]}
    return out


def trend(
    tickets: pd.DataFrame | None,
    surveys: pd.DataFrame | None,
    last: pd.Period,
    months: int = 13,
) -> pd.DataFrame:
    """:func:`summary` for each of the ``months`` months ending ``last``.

    Returns:
        Index ``month`` (monthly Periods, oldest first), one column per key of
        :func:`summary`; NaN where a figure is None.
    """
    periods = pd.period_range(end=last, periods=months, freq="M")
    rows = [summary(tickets, surveys, p) for p in periods]
    return pd.DataFrame(rows, index=pd.PeriodIndex(periods, name="month")).astype("float64")


def by_region(
    tickets: pd.DataFrame | None, surveys: pd.DataFrame | None, period: pd.Period
) -> pd.DataFrame:
    """:func:`summary` of ``period`` for each region of the tables (the company report).

    Returns:
        Index ``region`` (the region ids found, sorted), one column per key of :func:`summary`;
        NaN where a figure is None.
    """
    regions: set[str] = set()
    for frame in (tickets, surveys):
        if frame is not None:
            regions |= set(frame["region"].dropna().astype(str))
    rows = {}
    for region in sorted(regions):
        rows[region] = summary(
            None if tickets is None else tickets[tickets["region"] == region],
            None if surveys is None else surveys[surveys["region"] == region],
            period,
        )
    columns = list(summary(None, None, period))
    out = pd.DataFrame.from_dict(rows, orient="index", columns=columns).astype("float64")
    out.index.name = "region"
    return out


def experience_window(
    period: pd.Period, months: int = ACTIVE_WINDOW_MONTHS
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The starting window of :func:`reportlib.analysis.customers.retention`, as instants.

    Service experience is read where churn is measured from: the ``months`` months ending
    ``months`` months before ``period`` (for 2026-10 and 12: 2024-11-01 to 2025-10-31). What a
    customer lived through then comes before whether they bought again since.
    """
    return _window(period - months, months)


def breach_experience(
    tickets: pd.DataFrame, period: pd.Period, months: int = ACTIVE_WINDOW_MONTHS
) -> pd.Series | None:
    """Each customer's SLA experience in the :func:`experience_window`.

    Returns:
        :data:`BREACHED` (at least one ticket created then missed a target) or
        :data:`NOT_BREACHED` (tickets with targets, none missed), indexed by ``customer_id``
        (sorted); customers without a ticket with a target then are absent. None when neither
        breach column was delivered.
    """
    found = _breached(tickets)
    if found is None:
        return None
    target, missed = found
    start, end = experience_window(period, months)
    keep = _between(tickets["created_at"], start, end) & target
    frame = pd.DataFrame(
        {"customer_id": tickets["customer_id"].to_numpy()[keep], "missed": missed[keep]}
    )
    any_missed = frame.groupby("customer_id")["missed"].any().sort_index()
    return any_missed.map({True: BREACHED, False: NOT_BREACHED}).rename("experience")


def nps_experience(
    surveys: pd.DataFrame, period: pd.Period, months: int = ACTIVE_WINDOW_MONTHS
) -> pd.Series:
    """Each customer's NPS group by their latest answer in the :func:`experience_window`.

    Returns:
        :data:`DETRACTORS` (0–6), :data:`PASSIVES` (7–8) or :data:`PROMOTERS` (9–10), indexed
        by ``customer_id`` (sorted); customers who did not answer then are absent.
    """
    scores = latest_answers(surveys, period - months, months)
    groups = np.select(
        [scores <= DETRACTOR_MAX, scores >= PROMOTER_MIN], [DETRACTORS, PROMOTERS], PASSIVES
    )
    return pd.Series(groups, index=scores.index, name="experience", dtype="object")


def retention_by_experience(
    orders: pd.DataFrame,
    experience: pd.Series,
    period: pd.Period,
    months: int = ACTIVE_WINDOW_MONTHS,
    elsewhere: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Churn and net revenue retention of the customers of each service-experience group.

    Each group's orders go through :func:`reportlib.analysis.customers.retention` and
    :func:`~reportlib.analysis.customers.revenue_retention` (the report's own definitions:
    windows of ``months`` months, moves between regions left out with ``elsewhere``). The
    other customers' order lines count with no revenue, so a group's rates are defined as soon
    as the data reach back to the starting window, whenever its own customers first bought.

    Args:
        orders: Order lines (a region's or the company's).
        experience: Group label per ``customer_id`` (:func:`breach_experience`,
            :func:`nps_experience`); customers absent from it are in no group.
        period: The reported month.
        months: Length of each retention window.
        elsewhere: As for :func:`~reportlib.analysis.customers.retention`.

    Returns:
        Index ``experience`` (the groups in order of first appearance among the module's
        labels, then others sorted) with ``customers`` (in the group and in the starting
        cohort), ``lost``, ``churn_rate``, ``start_revenue`` (the cohort's revenue in the
        starting window, orders' currency) and ``nrr`` (fractions; NaN when undefined).
    """
    order = [BREACHED, NOT_BREACHED, DETRACTORS, PASSIVES, PROMOTERS]
    groups = [g for g in order if g in set(experience)]
    groups += sorted(set(map(str, experience)) - set(order))
    ids = orders["customer_id"].astype("string")
    rows = []
    for group in groups:
        members = experience.index[experience == group].astype(str)
        member = ids.isin(members).to_numpy(dtype=bool, na_value=False)
        # other customers' lines stay with no revenue: out of every count, while the history
        # the rates need (data back to the starting window) is the whole data's
        part = orders.assign(net_revenue=orders["net_revenue"].where(member, 0.0))
        kept = retention(part, period, months, elsewhere)
        money = revenue_retention(part, period, months, elsewhere)
        moved = kept["moved"] or 0
        rows.append(
            {
                "customers": int(kept["customers_at_start"]) - int(moved),
                "lost": kept["lost"],
                "churn_rate": kept["churn_rate"],
                "start_revenue": money["start"],
                "nrr": money["nrr"],
            }
        )
    out = pd.DataFrame(
        rows,
        index=pd.Index(groups, name="experience", dtype="object"),
        columns=["customers", "lost", "churn_rate", "start_revenue", "nrr"],
    )
    return out.astype(
        {"customers": "int64", "lost": "int64", "churn_rate": "float64", "nrr": "float64"}
    )


def accounts_with_bad_service(
    orders: pd.DataFrame,
    tickets: pd.DataFrame | None,
    surveys: pd.DataFrame | None,
    period: pd.Period,
    *,
    top: int = 10,
    months: int = SIGNAL_MONTHS,
) -> pd.DataFrame:
    """The largest accounts with a bad service signal in the ``months`` months ending ``period``.

    Signals: a ticket created then that missed an SLA target; a rating below
    :data:`SATISFIED_MIN` on a ticket created then; a ticket still open at the period's end
    that is more than 7 days old; a latest NPS answer then that is a detractor's (0–6).

    Args:
        orders: Order lines (a region's or the company's, one currency).
        tickets: The tickets table, or None.
        surveys: The surveys table, or None.
        period: The reported month.
        top: How many accounts at most.
        months: The window of the signals.

    Returns:
        At most ``top`` rows, largest revenue first (ties by ``customer_id``), index
        ``customer_id``: ``revenue`` (Σ net_revenue of the 12 months ending ``period``),
        ``breached``, ``bad_ratings``, ``old_open`` (counts) and ``nps_score`` (latest answer,
        NaN without one); only customers with revenue and at least one signal.
        ``customer_name`` first when the orders deliver it.
    """
    start, end = _window(period, months)
    signals = pd.DataFrame(columns=["breached", "bad_ratings", "old_open", "nps_score"])
    parts: dict[str, pd.Series] = {}
    if tickets is not None:
        recent = _between(tickets["created_at"], start, end)
        customers = tickets["customer_id"].astype(str)
        found = _breached(tickets)
        if found is not None:
            hit = recent & found[0] & found[1]
            parts["breached"] = customers[hit].value_counts()
        if "csat_rating" in tickets.columns:
            bad = recent & (tickets["csat_rating"] < SATISFIED_MIN).to_numpy(
                dtype=bool, na_value=False
            )
            parts["bad_ratings"] = customers[bad].value_counts()
        still = open_at(tickets, end)
        old = still[(end - still["created_at"]) > pd.Timedelta(days=7)]
        parts["old_open"] = old["customer_id"].astype(str).value_counts()
    if surveys is not None:
        scores = latest_answers(surveys, period, months)
        scores.index = scores.index.astype(str)
        parts["nps_score"] = scores.astype("float64")
    if parts:
        signals = pd.DataFrame(parts).reindex(columns=signals.columns)
    counts = ["breached", "bad_ratings", "old_open"]
    signals[counts] = signals[counts].fillna(0).astype("int64")
    bad = (signals[counts] > 0).any(axis=1) | (signals["nps_score"] <= DETRACTOR_MAX)
    lo, hi = _window(period, ACTIVE_WINDOW_MONTHS)
    recent_orders = orders[_between(orders["order_date"], lo, hi)]
    revenue = recent_orders.groupby(recent_orders["customer_id"].astype(str))["net_revenue"].sum()
    out = signals[bad].join(revenue.rename("revenue"), how="inner")
    out = out[out["revenue"] > 0]
    out.index.name = "customer_id"
    out = out.reset_index().sort_values(["revenue", "customer_id"], ascending=[False, True])
    out = out.head(top).set_index("customer_id")
    out = out[["revenue", *counts, "nps_score"]]
    if has_columns(orders, "customer_name"):
        last = orders.drop_duplicates("customer_id", keep="last")
        names = pd.Series(last["customer_name"].to_numpy(), index=last["customer_id"].astype(str))
        out.insert(0, "customer_name", names.reindex(out.index).astype("object"))
    return out
