"""Team performance: rep and team attainment, win rate, deal size, cycle, coverage, velocity, ramp.

A rep's revenue is Σ ``net_revenue`` of the order lines whose ``rep_id`` is theirs; a team's
revenue is that of all its members (managers included) and its target the sum of its account
executives' targets. Teams are the reps table's current teams (it keeps no history). Only account
executives (role :data:`QUOTA_ROLE`) carry quota: rep attainment, its distribution, the ramp and
the leaderboard cover them alone, and targets of other roles are ignored. Without a reps table
every ``rep_id`` of the targets counts as an account executive of no team.

Every count of reps in the section is of one population, :data:`REP_POPULATION`: the account
executives with a target in the fiscal year to date (leavers included while their targets count,
reps without a target left out). The text's ``reps_with_target``, the team table's ``reps`` and
the ramp's ``reps`` all count them, each rep once, so they add up to the same number.

The team table, its chart and the lagging-team recommendation compare teams, the leaderboard
ranks reps, the ramp compares bands of months since hire: each needs at least
``analysis.comparisons.MIN_MEMBERS`` of them with a target (:func:`too_few_teams`,
:func:`too_few_reps`, :func:`too_few_tenures`); with fewer, one sentence says so instead.

An export may not deliver the orders' ``rep_id`` (an optional contract column). Then no revenue
can be given to a rep or team: rep and team attainment, the team table, the leaderboard and the
ramp are empty, and their headline figures None. Pipeline coverage compares the whole quarter's
revenue with the target, and the deal figures come from the opportunities, so both remain.

Windows and variants chosen here (the report's glossary repeats them):

- Attainment = revenue ÷ target of the same months: the month, the fiscal quarter to date and the
  fiscal year to date (fiscal calendar of :mod:`reportlib.analysis.revenue`).
- Closed-deal figures (win rate, average deal size, sales cycle) count deals whose close date
  falls in the :data:`WIN_RATE_MONTHS` months ending with the reported month; the leaderboard
  uses the fiscal year to date instead, like its attainment.
- Win rate (count) = won ÷ (won + lost); win rate (value) = Σ won amount ÷ Σ (won + lost) amount.
- Average deal size = Σ won amount ÷ number won. Sales cycle = close − created date in days, mean
  and median, won deals only.
- Pipeline coverage = open pipeline (unweighted Σ amount) of deals open at the end of the reported
  month whose close date falls in the rest of the fiscal quarter ÷ (quarter target − revenue
  invoiced in the quarter to date). In a quarter's last month nothing of it remains, so the next
  quarter is used: its whole target, nothing closed yet.
- Sales velocity = (open qualified deals × average deal size × win rate) ÷ mean cycle days, money
  per day; "qualified" = open with a stage probability of at least
  :data:`QUALIFIED_MIN_PROBABILITY`. Opportunities carry no stage history, so deals that have
  closed since the reported month count as open (and qualified) at its end.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from reportlib.analysis._common import has_columns, month_of, ratio
from reportlib.analysis.comparisons import comparable
from reportlib.analysis.pipeline import open_mask
from reportlib.analysis.revenue import fiscal_year_start, quarter_start
from reportlib.formatting import MISSING, Formatter
from reportlib.i18n import N_, _, ngettext

QUOTA_ROLE = "Account Executive"
WIN_RATE_MONTHS = 3
QUALIFIED_MIN_PROBABILITY = 0.2
MIN_CLOSED_DEALS = 3
OUTLIER_QUANTILES = (0.1, 0.9)
OUTLIER_RULE = (
    "A rep is flagged when their year-to-date attainment lies below the 10th percentile (P10) or "
    "above the 90th percentile (P90) of the reps with a target; a rep with fewer than "
    f"{MIN_CLOSED_DEALS} deals closed in the fiscal year is not ranked on win rate."
)
"""The leaderboard's rule, in English; the report shows :func:`outlier_rule`, translated."""
BELOW_P10 = N_("below P10")
ABOVE_P90 = N_("above P90")
"""The leaderboard's ``flag`` values (English in the data; :func:`flag_label` shows them)."""
# (last tenure month of the bucket, label); tenure 0 is the month of hire
TENURE_BUCKETS: tuple[tuple[int | None, str], ...] = (
    (3, N_("0–3 months")),
    (6, N_("4–6 months")),
    (12, N_("7–12 months")),
    (None, N_("over 12 months")),
)
"""The ramp's bands (English in the data, the ramp's index; :func:`tenure_label` shows them)."""
UNKNOWN_TENURE = N_("hire date unknown")
"""The ramp's bucket of the reps whose hire date the reps table does not give."""
REP_POPULATION = N_(
    "This paragraph, the team table and the ramp chart count the same reps, each once: the "
    "account executives with a target in the fiscal year to date, including those who left "
    "during it."
)
REP_POPULATION_UNNAMED = N_(
    "Every count of reps in this section is of the same reps, each once: the account executives "
    "with a target in the fiscal year to date, including those who left during it."
)
""":data:`REP_POPULATION` when the team table or the ramp chart is left out."""
ONE_TENURE = N_(
    "The account executives with a target and a known hire date all fall in one band of months "
    "since hire, {band}: there is no ramp to compare across bands."
)
NO_TENURE = N_(
    "No account executive with a target has a known hire date, so there is no ramp to compare "
    "across months since hire."
)
LOWEST_TEAM = N_(
    "{team} has the lowest year-to-date attainment of the {teams} teams: {attainment} of its "
    "target."
)
REP_SPREAD = N_(
    "Across the {reps} account executives with a target this fiscal year the median year-to-date "
    "attainment is {median} (P10 {p10}, P90 {p90}), and {share} of them are at or above 100%."
)
ONE_REP_SPREAD = N_(
    "The one account executive with a target this fiscal year stands at {median} of their "
    "year-to-date target."
)
""":data:`REP_SPREAD` for one rep: the median of one is no spread."""
ONE_TEAM = N_(
    "Only one sales team, {team}, has account executives with a target in the fiscal year to "
    "{month}: there is no other team to compare it with."
)
NO_TEAM = N_(
    "No sales team has account executives with a target in the fiscal year to {month}, so "
    "there are no teams to compare."
)
ONE_REP = N_(
    "Only one account executive, {rep}, has a target in the fiscal year to {month}: there is no "
    "other rep to rank them against."
)
NO_REP = N_(
    "No account executive has a target in the fiscal year to {month}, so there is no one to rank."
)
ALL = "All"
ALL_REPS = N_("All reps")

_DEAL_COLUMNS = [
    "closed",
    "won",
    "lost",
    "win_rate",
    "win_rate_value",
    "won_amount",
    "avg_deal_size",
    "cycle_mean_days",
    "cycle_median_days",
]


# --- building blocks -------------------------------------------------------------------------


def quota_reps(reps: pd.DataFrame | None, targets: pd.DataFrame | None = None) -> pd.DataFrame:
    """The quota-carrying reps: account executives, indexed by ``rep_id``.

    Args:
        reps: The reps table, or None; then every ``rep_id`` of ``targets`` is a quota rep of
            no team.
        targets: The targets table (used only without ``reps``).

    Returns:
        Columns ``rep_name``, ``team``, ``manager_id``, ``hire_date`` and ``end_date``.
    """
    columns = ["rep_name", "team", "manager_id", "hire_date", "end_date"]
    if reps is None:
        ids = [] if targets is None else targets["rep_id"].dropna().unique()
        out = pd.DataFrame(index=pd.Index(ids, name="rep_id", dtype="string"), columns=columns)
        out[["rep_name", "team", "manager_id"]] = out[["rep_name", "team", "manager_id"]].astype(
            "string"
        )
        out[["hire_date", "end_date"]] = out[["hire_date", "end_date"]].astype("datetime64[ns]")
        out["rep_name"] = out.index.astype("string")
        return out
    aes = reps[reps["role"].eq(QUOTA_ROLE).fillna(False).astype(bool)]
    return aes.set_index("rep_id")[columns]


def _rep_month_revenue(orders: pd.DataFrame) -> pd.Series:
    """Σ net_revenue by (``rep_id``, ``month``); empty when the orders do not deliver ``rep_id``."""
    month = month_of(orders["order_date"]).rename("month")
    if not has_columns(orders, "rep_id"):
        index = pd.MultiIndex.from_arrays(
            [pd.Index([], dtype="string"), pd.PeriodIndex([], freq="M")], names=["rep_id", "month"]
        )
        return pd.Series([], index=index, dtype="float64", name="net_revenue")
    return orders.groupby([orders["rep_id"], month], observed=True)["net_revenue"].sum()


def _month_revenue(orders: pd.DataFrame) -> pd.Series:
    """Σ net_revenue by (``rep_id``, ``month``), or by month under one ``ALL`` rep without reps.

    For the figures that add up every rep's revenue (pipeline coverage): they stay whole when the
    orders do not deliver ``rep_id``.
    """
    if has_columns(orders, "rep_id"):
        return _rep_month_revenue(orders)
    month = month_of(orders["order_date"]).rename("month")
    monthly = orders.groupby(month, observed=True)["net_revenue"].sum()
    return pd.concat({ALL: monthly}, names=["rep_id"])


def _rep_month_target(targets: pd.DataFrame | None, rep_ids: pd.Index) -> pd.Series:
    """Σ target by (``rep_id``, ``month``) of the reps in ``rep_ids``."""
    if targets is None:
        index = pd.MultiIndex.from_arrays(
            [[], pd.PeriodIndex([], freq="M")], names=["rep_id", "month"]
        )
        return pd.Series([], index=index, dtype="float64", name="target")
    rows = targets[targets["rep_id"].isin(rep_ids).fillna(False).astype(bool)]
    # parsing ``YYYY-MM`` with a format is far faster than PeriodIndex on the strings
    month = pd.to_datetime(rows["month"], format="%Y-%m").dt.to_period("M").rename("month")
    return rows.groupby([rows["rep_id"], month], observed=True)["target"].sum()


def _window(series: pd.Series, start: pd.Period, end: pd.Period) -> pd.Series:
    """Σ of a (rep_id, month) series over the months ``start`` … ``end``, by rep."""
    month = series.index.get_level_values("month")
    chosen = series[(month >= start) & (month <= end)]
    return chosen.groupby(level="rep_id").sum()


def _by_group(per_rep: pd.Series, groups: pd.Series | None) -> pd.Series:
    """Add up a per-rep series by team (``groups``: rep_id → team) or into one ``ALL`` row."""
    if groups is None:
        return pd.Series({ALL: float(per_rep.sum())})
    return per_rep.groupby(per_rep.index.map(groups).rename("team")).sum()


def _team_of(reps: pd.DataFrame | None) -> pd.Series | None:
    """The team of every member of the reps table (any role), by ``rep_id``."""
    return None if reps is None else reps.set_index("rep_id")["team"]


def with_team(frame: pd.DataFrame, reps: pd.DataFrame | None) -> pd.DataFrame:
    """A copy of ``frame`` with the ``team`` of its ``rep_id`` (NA without a reps table)."""
    team = (
        frame["rep_id"].map(_team_of(reps))
        if reps is not None
        else pd.Series(pd.NA, index=frame.index, dtype="string")
    )
    return frame.assign(team=team.astype("string"))


def _fiscal(period: pd.Period, first_month: int) -> tuple[pd.Period, pd.Period]:
    return quarter_start(period, first_month), fiscal_year_start(period, first_month)


# --- attainment ------------------------------------------------------------------------------


def _attainment(
    revenue: pd.Series,
    targets: pd.DataFrame | None,
    roster: pd.DataFrame,
    period: pd.Period,
    first_month: int,
) -> pd.DataFrame:
    q0, y0 = _fiscal(period, first_month)
    target = _rep_month_target(targets, roster.index)
    out = roster[["rep_name", "team"]].copy()
    for name, start in (("month", period), ("qtd", q0), ("ytd", y0)):
        rev = _window(revenue, start, period).reindex(out.index, fill_value=0.0)
        tgt = _window(target, start, period).reindex(out.index, fill_value=0.0)
        out[f"revenue_{name}"] = rev.astype("float64")
        out[f"target_{name}"] = tgt.astype("float64")
        out[f"attainment_{name}"] = (out[f"revenue_{name}"] / out[f"target_{name}"]).where(
            out[f"target_{name}"] > 0
        )
    active = (out["revenue_ytd"] != 0) | (out["target_ytd"] != 0)
    return out[active].sort_values("attainment_ytd", ascending=False, na_position="last")


def rep_attainment(
    orders: pd.DataFrame,
    targets: pd.DataFrame | None,
    reps: pd.DataFrame | None,
    period: pd.Period,
    fiscal_year_start_month: int = 1,
) -> pd.DataFrame:
    """Revenue, target and attainment of each account executive: month, QTD and YTD.

    Attainment = Σ net_revenue of the rep's order lines ÷ Σ the rep's monthly targets, over the
    same months; NaN where the target is 0.

    Returns:
        One row per account executive with revenue or a target in the fiscal year to date,
        indexed by ``rep_id``, best YTD attainment first: ``rep_name``, ``team`` and
        ``revenue_<w>``, ``target_<w>``, ``attainment_<w>`` for ``w`` in ``month``, ``qtd``,
        ``ytd``. No rows when the orders do not deliver ``rep_id``.
    """
    roster = quota_reps(reps, targets)
    if not has_columns(orders, "rep_id"):
        roster = roster.iloc[:0]
    return _attainment(_rep_month_revenue(orders), targets, roster, period, fiscal_year_start_month)


def attainment_distribution(
    rep_frame: pd.DataFrame, column: str = "attainment_ytd", by: str = "team"
) -> pd.DataFrame:
    """Spread of rep attainment by team and for all reps.

    For each team (and a last row ``"All reps"``): number of reps with a target, median, P10 and
    P90 (linear interpolation between reps) and the share of reps at or above 100%.

    Args:
        rep_frame: Output of :func:`rep_attainment` or :func:`leaderboard`.
        column: The attainment column to describe.
        by: Column to group by.

    Returns:
        Columns ``reps``, ``median``, ``p10``, ``p90``, ``share_at_target``; teams by median,
        lowest first.
    """
    data = rep_frame.loc[rep_frame[column].notna(), [by, column]]
    teams = _spread(data[column], data[by]).sort_values("median", kind="stable")
    if data.empty:
        return teams
    overall = _spread(data[column], pd.Series(ALL_REPS, index=data.index))
    return pd.concat([teams, overall])


def _spread(values: pd.Series, key: pd.Series) -> pd.DataFrame:
    """Reps, median, P10, P90 and share ≥ 100% of ``values`` grouped by ``key``."""
    low, high = OUTLIER_QUANTILES
    grouped = values.groupby(key, observed=True)
    out = pd.DataFrame(
        {
            "reps": grouped.size().astype("int64"),
            "median": grouped.median(),
            "p10": grouped.quantile(low),
            "p90": grouped.quantile(high),
            "share_at_target": (values >= 1).groupby(key, observed=True).mean(),
        }
    )
    out.index.name = key.name
    return out


def bottom_decile(rep_frame: pd.DataFrame, column: str = "attainment_ytd") -> pd.DataFrame:
    """Reps whose attainment is at or below the P10 of all reps with a target, lowest first.

    ``rep_frame`` is the output of :func:`rep_attainment` or :func:`leaderboard`.
    """
    data = rep_frame[rep_frame[column].notna()]
    if data.empty:
        return data
    return data[data[column] <= data[column].quantile(OUTLIER_QUANTILES[0])].sort_values(column)


# --- deals -----------------------------------------------------------------------------------


def _flag(series: pd.Series) -> pd.Series:
    return series.fillna(False).astype(bool)


def deal_stats(
    opportunities: pd.DataFrame, start: pd.Period, end: pd.Period, by: str | None = None
) -> pd.DataFrame:
    """Win rate, deal size and sales cycle of the deals closed in the months ``start`` … ``end``.

    - ``win_rate`` = won ÷ (won + lost); ``win_rate_value`` = Σ won amount ÷ Σ closed amount.
    - ``avg_deal_size`` = Σ won amount ÷ number won.
    - ``cycle_mean_days`` / ``cycle_median_days``: close − created date of won deals.

    Args:
        opportunities: The opportunities table (add a ``team`` with :func:`with_team` first to
            group by team).
        start: First month of close dates.
        end: Last month of close dates.
        by: Column to group by; None gives one row, ``"All"``.

    Returns:
        Columns ``closed``, ``won``, ``lost``, ``win_rate``, ``win_rate_value``, ``won_amount``,
        ``avg_deal_size``, ``cycle_mean_days``, ``cycle_median_days``; ratios NaN where their
        denominator is 0.
    """
    close = opportunities["close_date"]
    chosen = (
        _flag(opportunities["is_closed"]) & (close >= start.start_time) & (close <= end.end_time)
    )
    rows = opportunities.loc[chosen]
    won = _flag(rows["is_won"])
    amount = rows["amount"].astype("float64")
    data = pd.DataFrame(
        {
            "won": won.astype("int64"),
            "amount": amount,
            "won_amount": amount.where(won, 0.0),
            "cycle": (rows["close_date"] - rows["created_date"]).dt.days.where(won),
        },
        index=rows.index,
    )
    key = rows[by] if by is not None else pd.Series(ALL, index=rows.index)
    grouped = data.groupby(key, observed=True)
    out = pd.DataFrame(
        {
            "closed": grouped.size(),
            "won": grouped["won"].sum(),
            "closed_amount": grouped["amount"].sum(),
            "won_amount": grouped["won_amount"].sum(),
            "cycle_mean_days": grouped["cycle"].mean(),
            "cycle_median_days": grouped["cycle"].median(),
        }
    )
    if by is None:
        out = out.reindex([ALL])
    for col in ("closed", "won"):
        out[col] = out[col].fillna(0).astype("int64")
    for col in ("closed_amount", "won_amount"):
        out[col] = out[col].fillna(0.0).astype("float64")
    out["lost"] = out["closed"] - out["won"]
    out["win_rate"] = (out["won"] / out["closed"]).where(out["closed"] > 0)
    out["win_rate_value"] = (out["won_amount"] / out["closed_amount"]).where(
        out["closed_amount"] > 0
    )
    out["avg_deal_size"] = (out["won_amount"] / out["won"]).where(out["won"] > 0)
    return out[_DEAL_COLUMNS]


def open_qualified(
    opportunities: pd.DataFrame,
    period: pd.Period,
    min_probability: float = QUALIFIED_MIN_PROBABILITY,
) -> pd.DataFrame:
    """Deals open at the end of ``period`` with a stage probability ≥ ``min_probability``.

    Deals closed since then count as qualified: their stage at the month's end is unknown.
    """
    open_now = open_mask(opportunities, period)
    qualified = (opportunities["probability"] >= min_probability).fillna(False).astype(bool)
    later = _flag(opportunities["is_closed"])
    return opportunities[open_now & (qualified | later)]


def _coverage(
    opportunities: pd.DataFrame | None,
    revenue: pd.Series,
    target: pd.Series,
    period: pd.Period,
    first_month: int,
    groups: pd.Series | None,
) -> pd.DataFrame:
    """Pipeline coverage by team (``groups``: rep_id → team) or overall."""
    q0 = quarter_start(period + 1, first_month)
    q_end = q0 + 2
    closed = _by_group(_window(revenue, q0, period), groups)
    quota = _by_group(_window(target, q0, q_end), groups)
    if opportunities is None:
        pipeline = pd.Series(dtype="float64")
    else:
        close = opportunities["close_date"]
        chosen = (
            open_mask(opportunities, period) & (close > period.end_time) & (close <= q_end.end_time)
        )
        deals = opportunities.loc[chosen]
        per_rep = deals.groupby("rep_id", observed=True)["amount"].sum()
        pipeline = _by_group(per_rep, groups)
    index = quota.index.union(closed.index).union(pipeline.index)
    if groups is None:
        index = pd.Index([ALL])
    out = pd.DataFrame(
        {
            "open_pipeline": pipeline.reindex(index, fill_value=0.0),
            "quarter_target": quota.reindex(index, fill_value=0.0),
            "closed_qtd": closed.reindex(index, fill_value=0.0),
        }
    ).astype("float64")
    out["gap"] = out["quarter_target"] - out["closed_qtd"]
    out["coverage"] = (out["open_pipeline"] / out["gap"]).where(out["gap"] > 0)
    if opportunities is None:
        out["open_pipeline"] = np.nan
        out["coverage"] = np.nan
    return out


def pipeline_coverage(
    opportunities: pd.DataFrame | None,
    orders: pd.DataFrame,
    targets: pd.DataFrame | None,
    reps: pd.DataFrame | None,
    period: pd.Period,
    fiscal_year_start_month: int = 1,
    by_team: bool = False,
) -> pd.DataFrame:
    """Open pipeline of the rest of the fiscal quarter ÷ what is still missing to its target.

    coverage = Σ amount of deals open at the end of ``period`` closing after it and within the
    quarter ÷ (quarter target − revenue invoiced in the quarter to date); NaN when the gap is not
    positive (target already met). In the quarter's last month the next quarter is used. Targets
    are those of account executives.

    Returns:
        Columns ``open_pipeline``, ``quarter_target``, ``closed_qtd``, ``gap``, ``coverage``; one
        row per team (``by_team``) or one row ``"All"``. Without the orders' ``rep_id`` the
        closed revenue is the whole quarter's, and there are no rows by team.
    """
    roster = quota_reps(reps, targets)
    if by_team and not has_columns(orders, "rep_id"):
        columns = ["open_pipeline", "quarter_target", "closed_qtd", "gap", "coverage"]
        return pd.DataFrame(columns=columns, index=pd.Index([], name="team"), dtype="float64")
    return _coverage(
        opportunities,
        _month_revenue(orders),
        _rep_month_target(targets, roster.index),
        period,
        fiscal_year_start_month,
        _team_of(reps) if by_team else None,
    )


def sales_velocity(
    opportunities: pd.DataFrame | None,
    period: pd.Period,
    months: int = WIN_RATE_MONTHS,
    min_probability: float = QUALIFIED_MIN_PROBABILITY,
) -> float | None:
    """Money per day the open pipeline is expected to turn into.

    velocity = (open qualified deals at the end of ``period`` × average deal size × win rate) ÷
    mean sales cycle in days, the last three from deals closed in the ``months`` months ending with
    ``period``. None when a factor is missing.
    """
    if opportunities is None:
        return None
    stats = deal_stats(opportunities, period - (months - 1), period).iloc[0]
    n_open = len(open_qualified(opportunities, period, min_probability))
    factors = (stats["avg_deal_size"], stats["win_rate"], stats["cycle_mean_days"])
    if any(pd.isna(f) for f in factors):
        return None
    return ratio(n_open * factors[0] * factors[1], factors[2])


# --- tables ----------------------------------------------------------------------------------


def _managers(reps: pd.DataFrame, roster: pd.DataFrame) -> pd.Series:
    """Name of the manager most of each team's account executives report to, by team."""
    pairs = roster.dropna(subset=["team", "manager_id"])
    counts = pairs.groupby(["team", "manager_id"], observed=True).size()
    top = counts.sort_values(ascending=False, kind="stable").groupby(level="team").head(1)
    names = reps.set_index("rep_id")["rep_name"]
    manager_ids = pd.Series(top.index.get_level_values("manager_id"), index=top.index.droplevel(1))
    return manager_ids.map(names).fillna(manager_ids).astype("string")


def team_table(
    orders: pd.DataFrame,
    targets: pd.DataFrame | None,
    reps: pd.DataFrame | None,
    opportunities: pd.DataFrame | None,
    period: pd.Period,
    fiscal_year_start_month: int = 1,
) -> pd.DataFrame:
    """One row per team: manager, reps, YTD revenue, target and attainment, win rate, coverage.

    - ``manager``: name of the manager most of its account executives report to (``n/a``
      when none is known).
    - ``reps``: account executives with a target in the fiscal year to date
      (:data:`REP_POPULATION`), the reps whose targets make up ``target``.
    - ``revenue``: Σ net_revenue of the team's members, fiscal year to date; ``target``: Σ its
      account executives' targets over the same months; ``attainment`` = revenue ÷ target.
    - ``win_rate``: won ÷ (won + lost) of the team's deals closed in the last
      :data:`WIN_RATE_MONTHS` months; ``pipeline_coverage`` as :func:`pipeline_coverage`.

    Returns:
        Indexed by ``team``, lowest attainment first; empty without a reps table or without the
        orders' ``rep_id``.
    """
    columns = [
        "manager",
        "reps",
        "revenue",
        "target",
        "attainment",
        "win_rate",
        "pipeline_coverage",
    ]
    if reps is None or not has_columns(orders, "rep_id"):
        return pd.DataFrame(columns=columns, index=pd.Index([], name="team"))
    return _team_table(
        _rep_month_revenue(orders), targets, reps, opportunities, period, fiscal_year_start_month
    )


def _team_table(
    revenue: pd.Series,
    targets: pd.DataFrame | None,
    reps: pd.DataFrame,
    opportunities: pd.DataFrame | None,
    period: pd.Period,
    first_month: int,
) -> pd.DataFrame:
    roster = quota_reps(reps)
    groups = _team_of(reps)
    target = _rep_month_target(targets, roster.index)
    _, y0 = _fiscal(period, first_month)
    teams = pd.Index(reps["team"].dropna().unique(), name="team").sort_values()
    counted = _attainment(revenue, targets, roster, period, first_month)
    counted = counted[counted["attainment_ytd"].notna()]
    out = pd.DataFrame(index=teams)
    out["manager"] = _managers(reps, roster).reindex(teams).fillna(MISSING)
    out["reps"] = counted.groupby("team").size().reindex(teams, fill_value=0)
    out["revenue"] = _by_group(_window(revenue, y0, period), groups).reindex(teams, fill_value=0.0)
    out["target"] = _by_group(_window(target, y0, period), groups).reindex(teams, fill_value=0.0)
    out["attainment"] = (out["revenue"] / out["target"]).where(out["target"] > 0)
    if opportunities is None:
        out["win_rate"] = np.nan
    else:
        deals = deal_stats(
            with_team(opportunities, reps), period - (WIN_RATE_MONTHS - 1), period, by="team"
        )
        out["win_rate"] = deals["win_rate"].reindex(teams)
    coverage = _coverage(opportunities, revenue, target, period, first_month, groups)
    out["pipeline_coverage"] = coverage["coverage"].reindex(teams)
    out["reps"] = out["reps"].astype("int64")
    return out.sort_values("attainment", na_position="last", kind="stable")


def leaderboard(
    orders: pd.DataFrame,
    targets: pd.DataFrame | None,
    reps: pd.DataFrame | None,
    opportunities: pd.DataFrame | None,
    period: pd.Period,
    fiscal_year_start_month: int = 1,
) -> pd.DataFrame:
    """Account executives ranked by fiscal-year-to-date attainment, with outlier flags.

    Flag rule (:data:`OUTLIER_RULE`): a rep is flagged when their YTD attainment lies below the
    P10 (``"below P10"``) or above the P90 (``"above P90"``) of the reps with a target; a rep
    with fewer than :data:`MIN_CLOSED_DEALS` deals closed in the fiscal year to date is not
    ranked on win rate (``win_rate_rank`` NA). Win rate and deal counts are fiscal year to date.

    Returns:
        Indexed by ``rep_id``, rank order: ``rep_name``, ``team``, ``attainment_ytd``,
        ``revenue_ytd``, ``target_ytd``, ``win_rate``, ``closed_deals``, ``deals_won``,
        ``rank``, ``win_rate_rank``, ``flag`` (empty string when not flagged). No rows when the
        orders do not deliver ``rep_id``.
    """
    reps_frame = rep_attainment(orders, targets, reps, period, fiscal_year_start_month)
    _, y0 = _fiscal(period, fiscal_year_start_month)
    out = reps_frame[["rep_name", "team", "attainment_ytd", "revenue_ytd", "target_ytd"]].copy()
    if opportunities is None:
        deals = pd.DataFrame(columns=_DEAL_COLUMNS, dtype="float64")
    else:
        deals = deal_stats(opportunities, y0, period, by="rep_id")
    out["win_rate"] = deals["win_rate"].reindex(out.index).astype("float64")
    out["closed_deals"] = deals["closed"].reindex(out.index).fillna(0).astype("int64")
    out["deals_won"] = deals["won"].reindex(out.index).fillna(0).astype("int64")
    att = out["attainment_ytd"]
    out["rank"] = att.rank(ascending=False, method="min").astype("Int64")
    rankable = out["win_rate"].where(out["closed_deals"] >= MIN_CLOSED_DEALS)
    out["win_rate_rank"] = rankable.rank(ascending=False, method="min").astype("Int64")
    low, high = att.quantile(OUTLIER_QUANTILES[0]), att.quantile(OUTLIER_QUANTILES[1])
    flag = np.select([att < low, att > high], [BELOW_P10, ABOVE_P90], default="")
    out["flag"] = pd.array(flag, dtype="string")
    return out.sort_values(["rank", "rep_name"], na_position="last")


def ramp(
    orders: pd.DataFrame,
    targets: pd.DataFrame | None,
    reps: pd.DataFrame | None,
    period: pd.Period,
    fiscal_year_start_month: int = 1,
) -> pd.DataFrame:
    """Year-to-date attainment by months since hire (:data:`TENURE_BUCKETS`): how new hires ramp.

    The reps are those the section's text counts (:data:`REP_POPULATION`, ``reps_with_target``
    of :func:`team_kpis`), each once: in the bucket of their tenure = calendar months from the
    hire month to the reported month (to the month they left, for a leaver; 0 in the hire
    month), or in :data:`UNKNOWN_TENURE` without a hire date. So the buckets' ``reps`` add up to
    the text's number. ``attainment`` = Σ revenue ÷ Σ target of the bucket's reps over the fiscal
    year to date (pooled); ``median_attainment`` is the median of their own YTD attainment.

    Returns:
        One row per bucket in tenure order, then :data:`UNKNOWN_TENURE` (empty buckets with 0
        reps and NaN attainment): ``reps``, ``revenue``, ``target``, ``attainment``,
        ``median_attainment``. Every bucket is empty without the reps or targets table or the
        orders' ``rep_id``.
    """
    labels = [label for _, label in TENURE_BUCKETS] + [UNKNOWN_TENURE]
    columns = ["reps", "revenue", "target", "attainment", "median_attainment"]
    index = pd.CategoricalIndex(labels, categories=labels, ordered=True, name="tenure")
    if reps is None or targets is None or not has_columns(orders, "rep_id"):
        empty = pd.DataFrame({c: np.nan for c in columns}, index=index)
        return empty.assign(reps=0)[columns]
    roster = quota_reps(reps)
    counted = rep_attainment(orders, targets, reps, period, fiscal_year_start_month)
    counted = counted[counted["attainment_ytd"].notna()]
    hire = month_of(roster["hire_date"]).reindex(counted.index)
    left = month_of(roster["end_date"]).reindex(counted.index)
    last = left.where(left.notna() & (left < period), period)
    tenure = pd.Series(
        np.where(hire.isna(), np.nan, last.array.asi8 - hire.array.asi8), index=counted.index
    ).clip(lower=0)
    edges = [-1, *[end for end, _ in TENURE_BUCKETS if end is not None], np.inf]
    bucket = pd.cut(tenure, edges, labels=labels[:-1]).cat.add_categories([UNKNOWN_TENURE])
    data = counted.assign(bucket=bucket.fillna(UNKNOWN_TENURE))
    grouped = data.groupby("bucket", observed=False)
    out = pd.DataFrame(
        {
            "reps": grouped.size().astype("int64"),
            "revenue": grouped["revenue_ytd"].sum(),
            "target": grouped["target_ytd"].sum(),
            "median_attainment": grouped["attainment_ytd"].median(),
        }
    ).reindex(labels)
    out["attainment"] = (out["revenue"] / out["target"]).where(out["target"] > 0)
    out.loc[out["reps"] == 0, ["revenue", "target"]] = np.nan
    out.index = index
    return out[columns]


# --- comparisons ---------------------------------------------------------------------------


def compared_teams(teams: pd.DataFrame) -> pd.Index:
    """The teams the team table, its chart and the lagging-team rule compare.

    Args:
        teams: Output of :func:`team_table` (or any frame indexed by team with ``attainment``).

    Returns:
        The teams with a year-to-date attainment, i.e. account executives with a target, in the
        table's order (lowest attainment first).
    """
    return teams.index[teams["attainment"].notna()]


def compared_reps(board: pd.DataFrame) -> pd.Index:
    """The account executives the leaderboard ranks: those with a year-to-date attainment.

    Args:
        board: Output of :func:`leaderboard` (or :func:`rep_attainment`).
    """
    return board.index[board["attainment_ytd"].notna()]


def too_few_teams(teams: pd.DataFrame, month: str) -> str | None:
    """The sentence replacing the team comparisons when fewer than ``MIN_MEMBERS`` teams count.

    See ``analysis.comparisons.COMPARISON_RULE``: one team is the whole, neither "the lowest of
    the teams" nor a box among others.

    Args:
        teams: Output of :func:`team_table`.
        month: The reported month as the report writes it (``October 2026``): the span compared
            is the fiscal year to it.

    Returns:
        None when :func:`compared_teams` can be compared, else :data:`ONE_TEAM` or
        :data:`NO_TEAM`.
    """
    names = compared_teams(teams)
    if comparable(names):
        return None
    if not len(names):
        return _(NO_TEAM).format(month=month)
    return _(ONE_TEAM).format(team=names[0], month=month)


def too_few_reps(board: pd.DataFrame, month: str) -> str | None:
    """The sentence replacing the leaderboard when fewer than ``MIN_MEMBERS`` reps have a target.

    Args:
        board: Output of :func:`leaderboard`.
        month: The reported month as the report writes it: the span ranked is the fiscal year
            to it.

    Returns:
        None when :func:`compared_reps` can be ranked, else :data:`ONE_REP` (naming the rep) or
        :data:`NO_REP`.
    """
    ids = compared_reps(board)
    if comparable(ids):
        return None
    if not len(ids):
        return _(NO_REP).format(month=month)
    return _(ONE_REP).format(rep=board.loc[ids[0], "rep_name"], month=month)


def lowest_team(teams: pd.DataFrame, fmt: Formatter) -> str | None:
    """:data:`LOWEST_TEAM`: the team of lowest year-to-date attainment, of how many, and where.

    Args:
        teams: Output of :func:`team_table` (lowest attainment first).
        fmt: Formatter of the report.

    Returns:
        None with fewer than ``MIN_MEMBERS`` :func:`compared_teams`: one team is not "the
        lowest of the teams" (:func:`too_few_teams` says why).
    """
    names = compared_teams(teams)
    if not comparable(names):
        return None
    return _(LOWEST_TEAM).format(
        team=names[0],
        teams=fmt.number(len(names)),
        attainment=fmt.pct(teams.loc[names[0], "attainment"]),
    )


def rep_spread(kpis: Mapping[str, object], fmt: Formatter) -> str | None:
    """The spread of rep attainment of :func:`team_kpis`, in one sentence.

    :data:`REP_SPREAD` (median, P10, P90, share at or above 100%), or :data:`ONE_REP_SPREAD`
    for one rep: the median of one is that rep's attainment, and P10 and P90 no spread.

    Args:
        kpis: The report's figures, with the keys of :func:`team_kpis`.
        fmt: Formatter of the report.

    Returns:
        None without a rep with a target or when a figure of the sentence is missing.
    """
    keys = ("median_rep_attainment", "p10_rep_attainment", "p90_rep_attainment")
    reps, figures = kpis.get("reps_with_target"), [kpis.get(k) for k in keys]
    figures.append(kpis.get("share_reps_at_target"))
    if not isinstance(reps, int) or reps < 1:
        return None
    if any(not isinstance(v, int | float) or pd.isna(v) for v in figures):
        return None
    median, p10, p90, share = (float(v) for v in figures)  # type: ignore[arg-type]
    if reps == 1:
        return _(ONE_REP_SPREAD).format(median=fmt.pct(median))
    return _(REP_SPREAD).format(
        reps=fmt.number(reps),
        median=fmt.pct(median),
        p10=fmt.pct(p10),
        p90=fmt.pct(p90),
        share=fmt.pct(share),
    )


def too_few_tenures(ramp: pd.DataFrame) -> str | None:
    """The sentence replacing the ramp chart when fewer than ``MIN_MEMBERS`` bands hold reps.

    The ramp compares the bands of months since hire (:data:`TENURE_BUCKETS`); in one band it
    is one point, no ramp. Reps without a hire date are in no band.

    Args:
        ramp: Output of :func:`ramp`.

    Returns:
        None when two bands or more hold reps, else :data:`ONE_TENURE` or :data:`NO_TENURE`.
    """
    dated = ramp.drop(index=UNKNOWN_TENURE, errors="ignore")
    bands = dated.index[dated["reps"] > 0]
    if comparable(bands):
        return None
    if not len(bands):
        return _(NO_TENURE)
    return _(ONE_TENURE).format(band=tenure_label(bands[0]))


def rep_population(named: bool) -> str:
    """The sentence saying which reps the section counts.

    Args:
        named: Both the team table and the ramp chart are shown: :data:`REP_POPULATION`, which
            names them; else :data:`REP_POPULATION_UNNAMED`.
    """
    return _(REP_POPULATION) if named else _(REP_POPULATION_UNNAMED)


def outlier_rule(fmt: Formatter) -> str:
    """:data:`OUTLIER_RULE` in the report's language, the number of deals formatted by ``fmt``."""
    template = ngettext(
        "A rep is flagged when their year-to-date attainment lies below the 10th percentile "
        "(P10) or above the 90th percentile (P90) of the reps with a target; a rep with fewer "
        "than {deals} deal closed in the fiscal year is not ranked on win rate.",
        "A rep is flagged when their year-to-date attainment lies below the 10th percentile "
        "(P10) or above the 90th percentile (P90) of the reps with a target; a rep with fewer "
        "than {deals} deals closed in the fiscal year is not ranked on win rate.",
        MIN_CLOSED_DEALS,
    )
    return template.format(deals=fmt.number(MIN_CLOSED_DEALS))


def flag_label(flag: object) -> str:
    """A leaderboard ``flag`` as the reader sees it: ``below P10`` in the report's language.

    Empty for a rep not flagged (an empty or missing flag); any other text as it is.
    """
    if flag is None or pd.isna(flag) or not str(flag):  # type: ignore[call-overload]
        return ""
    return _(str(flag)) if flag in (BELOW_P10, ABOVE_P90) else str(flag)


def tenure_label(band: object) -> str:
    """A band of months since hire of :func:`ramp`, as the reader sees it (report's language).

    The bands are :data:`TENURE_BUCKETS` and :data:`UNKNOWN_TENURE`; anything else as it is.
    """
    labels = {label for _end, label in TENURE_BUCKETS} | {UNKNOWN_TENURE}
    return _(str(band)) if band in labels else str(band)


def distribution_label(name: object) -> str:
    """A row of :func:`attainment_distribution` as the reader sees it.

    A team's name as it is; :data:`ALL_REPS` in the report's language.
    """
    return _(ALL_REPS) if name == ALL_REPS else str(name)


# --- headline --------------------------------------------------------------------------------


_DEAL_KPIS = (
    "win_rate", "win_rate_value", "closed_deals", "avg_deal_size", "sales_cycle_days",
    "sales_cycle_median_days", "open_qualified_deals", "sales_velocity",
)  # fmt: skip
"""Keys of :func:`team_kpis` that need the opportunities table."""
_QUOTA_KPIS = (
    "pipeline_coverage", "median_rep_attainment", "p10_rep_attainment", "p90_rep_attainment",
    "share_reps_at_target", "reps_with_target", "lowest_team_attainment",
)  # fmt: skip
"""Keys of :func:`team_kpis` that need the targets table."""
_REP_KPIS = _QUOTA_KPIS[1:]
"""Keys of :func:`team_kpis` that also need the orders' ``rep_id``."""


def team_kpis(
    orders: pd.DataFrame,
    targets: pd.DataFrame | None,
    reps: pd.DataFrame | None,
    opportunities: pd.DataFrame | None,
    period: pd.Period,
    fiscal_year_start_month: int = 1,
) -> dict[str, float | int | None]:
    """The team section's headline figures (``None`` where an input table is missing).

    - ``win_rate`` = won ÷ (won + lost) and ``win_rate_value`` = Σ won ÷ Σ closed amount, deals
      closed in the last :data:`WIN_RATE_MONTHS` months; ``closed_deals`` their number.
    - ``avg_deal_size`` = Σ won amount ÷ number won; ``sales_cycle_days`` /
      ``sales_cycle_median_days`` = mean / median close − created days of won deals (same deals).
    - ``pipeline_coverage``: see :func:`pipeline_coverage`; ``open_qualified_deals`` and
      ``sales_velocity``: see :func:`sales_velocity`.
    - ``median_rep_attainment``, ``p10_rep_attainment``, ``p90_rep_attainment``,
      ``share_reps_at_target`` (attainment ≥ 100%), ``reps_with_target``: fiscal-YTD attainment
      of account executives with a target.
    - ``lowest_team_attainment``: YTD attainment of the weakest team (needs the reps table).

    Without the orders' ``rep_id`` the rep and team figures are None; pipeline coverage then
    counts the whole quarter's revenue.
    """
    revenue = _month_revenue(orders)
    roster = quota_reps(reps, targets)
    kpis: dict[str, float | int | None] = {}
    if opportunities is None:
        kpis.update(dict.fromkeys(_DEAL_KPIS))
    else:
        deals = deal_stats(opportunities, period - (WIN_RATE_MONTHS - 1), period).iloc[0]
        kpis.update(
            win_rate=_num(deals["win_rate"]),
            win_rate_value=_num(deals["win_rate_value"]),
            closed_deals=int(deals["closed"]),
            avg_deal_size=_num(deals["avg_deal_size"]),
            sales_cycle_days=_num(deals["cycle_mean_days"]),
            sales_cycle_median_days=_num(deals["cycle_median_days"]),
            open_qualified_deals=len(open_qualified(opportunities, period)),
            sales_velocity=sales_velocity(opportunities, period),
        )
    if targets is None:
        kpis.update(dict.fromkeys(_QUOTA_KPIS))
        return kpis
    target = _rep_month_target(targets, roster.index)
    coverage = _coverage(opportunities, revenue, target, period, fiscal_year_start_month, None)
    kpis["pipeline_coverage"] = _num(coverage["coverage"].iloc[0])
    if not has_columns(orders, "rep_id"):
        kpis.update(dict.fromkeys(_REP_KPIS))
        return kpis
    att = _attainment(revenue, targets, roster, period, fiscal_year_start_month)["attainment_ytd"]
    att = att.dropna()
    low, high = OUTLIER_QUANTILES
    teams = (
        _team_table(revenue, targets, reps, None, period, fiscal_year_start_month)
        if reps is not None
        else None
    )
    kpis.update(
        median_rep_attainment=_num(att.median()),
        p10_rep_attainment=_num(att.quantile(low)),
        p90_rep_attainment=_num(att.quantile(high)),
        share_reps_at_target=_num((att >= 1).mean()),
        reps_with_target=len(att),
        lowest_team_attainment=None if teams is None else _num(teams["attainment"].min()),
    )
    return kpis


def _num(value: object) -> float | None:
    """A plain float, or None for NA/NaN."""
    return None if pd.isna(value) else float(value)  # type: ignore[arg-type]
