"""Competitors and market: win rate against each competitor, loss reasons, price index, share.

Deal figures come from the opportunities table (``competitor`` is the deal's main competitor),
market figures from the market table (monthly sales and average price of the company, the row
with ``is_own``, and of each competitor). Windows and variants chosen here (the report's glossary
repeats them):

- Closed-deal figures (win rate by competitor, loss reasons) count the deals whose close date
  falls in the :data:`WINDOW_MONTHS` calendar months ending with the reported month.
- Win rate vs competitor X = won ÷ (won + lost) of those deals with X as competitor (count, the
  DOMAIN.md default); the value variant Σ won amount ÷ Σ (won + lost) amount is given beside it.
  Deals without a competitor form the baseline row :data:`NO_COMPETITOR`.
- Loss reasons: share of the lost deals by count and by value (Σ amount); a missing reason counts
  as :data:`NOT_GIVEN`.
- The market is the set of companies the market table lists: market sales of a month = Σ sales of
  all its rows, the company's own included. Market share = own sales ÷ market sales; relative
  share = own sales ÷ sales of the largest rival of the month.
- Price index = own ``avg_price`` ÷ unweighted mean ``avg_price`` of the competitors × 100
  (Farris et al.): above 100 the company is dearer. In the company report every region's row is
  one observation of the mean.
- A competitor's share change is its share of the :data:`SHARE_SPAN_MONTHS` months ending with the
  reported month minus its share of the same months a year earlier, a difference in percentage
  points returned as a fraction (0.05 = 5 points); the span smooths the monthly noise of market
  estimates. "Where a competitor gains": the rival with the largest share gain, the *top
  competitor* of :func:`market_kpis`.
- Comparisons (``analysis.comparisons.COMPARISON_RULE``): the win rate by competitor needs at
  least two rivals met in closed deals, the win-rate table two regions or deal types with closed
  deals, the market shares two companies with sales; with fewer, one sentence says so
  (:func:`too_few_rivals`, :func:`too_few_groups`, :func:`too_few_companies`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from reportlib.analysis.comparisons import comparable
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _, pgettext

WINDOW_MONTHS = 12
SHARE_SPAN_MONTHS = 3
TREND_MONTHS = 24
NO_COMPETITOR = "No competitor"
NOT_GIVEN = "Not given"
ALL = "All"

WIN_RATE_COLUMNS = ["closed", "won", "lost", "win_rate", "win_rate_value", "vs_baseline"]
LOSS_COLUMNS = ["deals", "deal_share", "amount", "value_share"]
TREND_COLUMNS = [
    "own_sales",
    "market_sales",
    "market_share",
    "largest_rival",
    "largest_rival_sales",
    "relative_share",
    "own_price",
    "competitor_price",
    "price_index",
]
SHARE_COLUMNS = ["is_own", "share", "share_year_ago", "change", "avg_price", "price_index"]

ONE_RIVAL = N_(
    "Every deal with a competitor that closed in the 12 months to {month} was against {rival}: "
    "the company won {win_rate} of them ({won} of {closed})."
)
NO_RIVAL = N_(
    "No deal that closed in the 12 months to {month} had a competitor, so there is no win rate by "
    "competitor to compare."
)
ONE_GROUP = {
    "region": N_(
        "Every deal that closed in the 12 months to {month} was in one region, {name}: there is no "
        "other region to compare its win rates with."
    ),
    "type": N_(
        "Every deal that closed in the 12 months to {month} was of one deal type, {name}: there is "
        "no other deal type to compare its win rates with."
    ),
}
"""One group of :func:`win_rate_matrix` by ``region`` or by deal ``type``, whole sentences."""
NO_GROUP = {
    "region": N_(
        "No deal closed in the 12 months to {month}, so there are no win rates to compare by "
        "region."
    ),
    "type": N_(
        "No deal closed in the 12 months to {month}, so there are no win rates to compare by deal "
        "type."
    ),
}
"""No group of :func:`win_rate_matrix` by ``region`` or by deal ``type``, whole sentences."""
ONE_COMPANY = N_(
    "The market table gives sales of one company only in the three months to {month}, "
    "{company}: there is no other company to compare its market share with."
)
NO_COMPANY = N_(
    "The market table gives no sales in the three months to {month}, so there are no market "
    "shares to compare."
)
_SPANNED = {
    ONE_RIVAL: "Every deal with a competitor that closed in {span} was against {rival}: the "
    "company won {win_rate} of them ({won} of {closed}).",
    NO_RIVAL: "No deal that closed in {span} had a competitor, so there is no win rate by "
    "competitor to compare.",
    ONE_GROUP["region"]: "Every deal that closed in {span} was in one {member}, {name}: there is "
    "no other {member} to compare its win rates with.",
    NO_GROUP["region"]: "No deal closed in {span}, so there are no win rates to compare by "
    "{member}.",
    ONE_COMPANY: "The market table gives sales of one company only in {span}, {company}: there is "
    "no other company to compare its market share with.",
    NO_COMPANY: "The market table gives no sales in {span}, so there are no market shares to "
    "compare.",
}
"""Transitional, English only: each sentence above with its window given as English text
(``span``, e.g. "the 12 months to October 2026"), for a caller that passes the span instead of
the reported month (the competitors notebook before issue #16)."""
TOP_GAIN = N_(
    "{top} gained the most market share over the year, from {before} to {now} of the market (the "
    "three months to {month} against the same months a year earlier)."
)
ONLY_RIVAL_GAIN = N_(
    "{top}, the only competitor in the market table, gained market share over the year, from "
    "{before} to {now} of the market (the three months to {month} against the same months a year "
    "earlier)."
)
""":data:`TOP_GAIN` when one rival is listed: it is not "the most" of one."""
NO_GAIN = N_(
    "No competitor gained market share over the year, or the market table was not supplied."
)
MARKET_SHARE = N_("In {month} the company held {share} of the market.")
RELATIVE_SHARE = N_("Its sales were {relative} of those of its largest rival, {rival}.")
PRICE_INDEX = N_(
    "Its price index stood at {price} (100 = the competitors' average price; above 100 the "
    "company is dearer)."
)


def label(value: object) -> str:
    """A row or column label of this module's tables as the reader reads it.

    :data:`NO_COMPETITOR`, :data:`NOT_GIVEN`, :data:`ALL` and the contract's opportunity types
    (``New Business``, ``Existing Business``) stay English in the data (logic compares them) and
    are shown in the report's language; any other label (a competitor, a region, a loss reason as
    delivered) is shown unchanged.

    Args:
        value: A label of :func:`win_rate_by_competitor`, :func:`win_rate_matrix` or
            :func:`loss_reasons`.
    """
    text = str(value)
    if text == "New Business":  # the contract's opportunity types (schema.OPPORTUNITY_TYPES)
        return pgettext("opportunity type", "New Business")
    if text == "Existing Business":
        return pgettext("opportunity type", "Existing Business")
    if text == NO_COMPETITOR:
        return pgettext("competitor", "No competitor")
    if text == NOT_GIVEN:
        return pgettext("loss reason", "Not given")
    if text == ALL:
        return pgettext("win rate of all groups", "All")
    return text


def no_gain(sentence: str) -> bool:
    """Whether ``sentence`` (of :func:`gain_sentence`) is :data:`NO_GAIN`, in any language."""
    return sentence in (NO_GAIN, _(NO_GAIN))


def _said(template: str, period: pd.Period | str, fmt: Formatter | None, **values: object) -> str:
    """``template`` in the report's language, with the reported month.

    A ``str`` span given instead of the month (and no formatter needed) gives the template's
    transitional English form of :data:`_SPANNED`.
    """
    if isinstance(period, str):
        return _SPANNED[template].format(span=period, **values)
    if fmt is None:
        raise TypeError("a sentence with the reported month needs the report's formatter")
    return _(template).format(month=fmt.month(period), **values)


# --- deals -----------------------------------------------------------------------------------


def closed_deals(
    opportunities: pd.DataFrame | None, period: pd.Period, months: int = WINDOW_MONTHS
) -> pd.DataFrame:
    """The deals closed in the ``months`` calendar months ending with ``period``.

    Args:
        opportunities: The opportunities table, or None.
        period: The reported month.
        months: Length of the window.

    Returns:
        Columns ``competitor`` (:data:`NO_COMPETITOR` where missing), ``won`` and ``lost`` (plain
        booleans), ``amount``, ``loss_reason`` and ``region``; no rows without opportunities.
    """
    columns = ["competitor", "won", "lost", "amount", "loss_reason", "region"]
    if opportunities is None:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    start, stop = (period - (months - 1)).start_time, (period + 1).start_time
    close = opportunities["close_date"]
    closed = opportunities["is_closed"].to_numpy(dtype=bool, na_value=False)
    rows = opportunities[closed & (close >= start).to_numpy() & (close < stop).to_numpy()]
    won = rows["is_won"].to_numpy(dtype=bool, na_value=False)
    region = rows["region"] if "region" in rows else pd.Series(pd.NA, index=rows.index)
    return pd.DataFrame(
        {
            "competitor": rows["competitor"].astype("string").fillna(NO_COMPETITOR),
            "won": won,
            "lost": ~won,
            "amount": rows["amount"].astype("float64"),
            "loss_reason": rows["loss_reason"].astype("string").fillna(NOT_GIVEN),
            "region": region.astype("string"),
        },
        index=rows.index,
    )


def _win_rates(deals: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Closed, won, lost and win rates (count and value) of ``deals`` grouped by ``keys``."""
    won_amount = deals["amount"].where(deals["won"], 0.0)
    frame = deals.assign(won_amount=won_amount)
    grouped = frame.groupby(keys, observed=True)
    out = pd.DataFrame(
        {
            "closed": grouped.size(),
            "won": grouped["won"].sum(),
            "lost": grouped["lost"].sum(),
            "won_amount": grouped["won_amount"].sum(),
            "closed_amount": grouped["amount"].sum(),
        }
    )
    out["win_rate"] = (out["won"] / out["closed"]).where(out["closed"] > 0)
    out["win_rate_value"] = (out["won_amount"] / out["closed_amount"]).where(
        out["closed_amount"] > 0
    )
    return out


def win_rate_by_competitor(
    opportunities: pd.DataFrame | None, period: pd.Period, months: int = WINDOW_MONTHS
) -> pd.DataFrame:
    """Win rate against each competitor, with the no-competitor baseline.

    Win rate vs X = won ÷ (won + lost) of the deals closed in the window with X as competitor;
    ``win_rate_value`` = Σ won amount ÷ Σ closed amount; ``vs_baseline`` = win rate − win rate of
    the deals without a competitor (a difference of fractions, NaN without such deals).

    Args:
        opportunities: The opportunities table, or None.
        period: The reported month.
        months: Length of the window of close dates.

    Returns:
        One row per competitor, indexed by ``competitor``, lowest win rate first, and the
        :data:`NO_COMPETITOR` baseline last: columns :data:`WIN_RATE_COLUMNS` (counts as ints).
    """
    deals = closed_deals(opportunities, period, months)
    if deals.empty:
        empty = pd.DataFrame(
            {c: pd.Series(dtype="float64") for c in WIN_RATE_COLUMNS},
            index=pd.Index([], name="competitor", dtype="string"),
        )
        return empty.astype({"closed": "int64", "won": "int64", "lost": "int64"})
    out = _win_rates(deals, ["competitor"])
    baseline = out["win_rate"].get(NO_COMPETITOR, np.nan)
    out["vs_baseline"] = out["win_rate"] - baseline
    out = out.astype({"closed": "int64", "won": "int64", "lost": "int64"})
    rivals = out[out.index != NO_COMPETITOR].sort_values(["win_rate", "closed"])
    return pd.concat([rivals, out[out.index == NO_COMPETITOR]])[WIN_RATE_COLUMNS]


def win_rate_matrix(
    opportunities: pd.DataFrame | None,
    period: pd.Period,
    by: str = "region",
    months: int = WINDOW_MONTHS,
) -> pd.DataFrame:
    """Win rate against each competitor (rows) in each group of ``by`` (columns), and overall.

    Same definition and window as :func:`win_rate_by_competitor`. Use ``by="region"`` in the
    company report to see where a competitor beats the company, ``by="type"`` (new vs existing
    business) inside a region.

    Args:
        opportunities: The opportunities table, or None.
        period: The reported month.
        by: A column of the opportunities table.
        months: Length of the window of close dates.

    Returns:
        Win rates (fractions, NaN where no deal closed) indexed by ``competitor``, rows in the
        order of :func:`win_rate_by_competitor`; one column per group, sorted, then :data:`ALL`.
    """
    overall = win_rate_by_competitor(opportunities, period, months)
    if overall.empty or opportunities is None:
        return pd.DataFrame({ALL: pd.Series(dtype="float64")}, index=overall.index)
    deals = closed_deals(opportunities, period, months)
    deals["group"] = opportunities.loc[deals.index, by].astype("string").fillna(NOT_GIVEN)
    rates = _win_rates(deals, ["competitor", "group"])["win_rate"].unstack("group")
    rates = rates.reindex(index=overall.index, columns=sorted(rates.columns))
    rates.columns = pd.Index([str(c) for c in rates.columns], name=by)
    rates[ALL] = overall["win_rate"]
    return rates


def loss_reasons(
    opportunities: pd.DataFrame | None,
    period: pd.Period,
    months: int = WINDOW_MONTHS,
    competitor: str | None = None,
) -> pd.DataFrame:
    """Why deals were lost: share of the lost deals by count and by value.

    ``deal_share`` = lost deals with the reason ÷ all lost deals; ``value_share`` = Σ amount of
    those deals ÷ Σ amount of all lost deals. Deals lost in the window of
    :func:`closed_deals`; a missing reason counts as :data:`NOT_GIVEN`.

    Args:
        opportunities: The opportunities table, or None.
        period: The reported month.
        months: Length of the window of close dates.
        competitor: Only deals against this competitor (:data:`NO_COMPETITOR` for none).

    Returns:
        One row per reason, indexed by ``loss_reason``, most lost deals first: columns
        :data:`LOSS_COLUMNS`.
    """
    deals = closed_deals(opportunities, period, months)
    lost = deals[deals["lost"].astype(bool)]
    if competitor is not None:
        lost = lost[lost["competitor"].eq(competitor).fillna(False).astype(bool)]
    grouped = lost.groupby("loss_reason", observed=True)["amount"]
    out = pd.DataFrame({"deals": grouped.size(), "amount": grouped.sum()})
    out["deals"] = out["deals"].astype("int64")
    out["amount"] = out["amount"].astype("float64")
    total_deals, total_amount = out["deals"].sum(), out["amount"].sum()
    out["deal_share"] = out["deals"] / total_deals if total_deals else np.nan
    out["value_share"] = out["amount"] / total_amount if total_amount else np.nan
    out.index = out.index.astype("string").rename("loss_reason")
    return out.sort_values(["deals", "amount"], ascending=False)[LOSS_COLUMNS]


# --- market ----------------------------------------------------------------------------------


def _market_rows(market: pd.DataFrame | None, period: pd.Period) -> pd.DataFrame:
    """Market rows up to ``period``: ``month`` (Period), ``company``, ``is_own``, sales, price."""
    if market is None or market.empty:
        return pd.DataFrame(
            {
                "month": pd.Series(dtype="period[M]"),
                "company": pd.Series(dtype="string"),
                "is_own": pd.Series(dtype=bool),
                "sales": pd.Series(dtype="float64"),
                "avg_price": pd.Series(dtype="float64"),
            }
        )
    month = pd.PeriodIndex(market["month"].astype(str), freq="M")
    rows = pd.DataFrame(
        {
            "month": month,
            "company": market["competitor"].astype("string").to_numpy(),
            "is_own": market["is_own"].to_numpy(dtype=bool, na_value=False),
            "sales": market["sales"].to_numpy(dtype="float64"),
            "avg_price": market["avg_price"].to_numpy(dtype="float64"),
        }
    )
    return rows[rows["month"] <= period]


def own_company(market: pd.DataFrame | None) -> str | None:
    """The company's own name in the market table (its ``is_own`` row), or None."""
    if market is None:
        return None
    own = market.loc[market["is_own"].to_numpy(dtype=bool, na_value=False), "competitor"]
    return None if own.dropna().empty else str(own.dropna().iloc[0])


def market_trend(
    market: pd.DataFrame | None, period: pd.Period, months: int | None = TREND_MONTHS
) -> pd.DataFrame:
    """Monthly market share, relative share and price index of the company.

    - ``market_share`` = own sales ÷ Σ sales of every company listed in the month.
    - ``relative_share`` = own sales ÷ sales of the month's largest rival (``largest_rival``).
    - ``price_index`` = own avg_price ÷ mean avg_price of the competitors × 100.

    Ratios are NaN where their denominator is 0 or missing.

    Args:
        market: The market table, or None.
        period: The reported month (the last row).
        months: Number of months ending with ``period``; None keeps all history up to it.

    Returns:
        One row per month from the first with data (at most ``months`` months) to ``period``
        (monthly ``PeriodIndex`` named ``month``, no gaps) with columns
        :data:`TREND_COLUMNS`; empty without market data.
    """
    rows = _market_rows(market, period)
    if rows.empty:
        index = pd.PeriodIndex([], freq="M", name="month")
        out = pd.DataFrame({c: pd.Series(dtype="float64") for c in TREND_COLUMNS}, index=index)
        return out.astype({"largest_rival": "string"})
    own, rivals = rows[rows["is_own"]], rows[~rows["is_own"]]
    rival_sales = rivals.groupby(["month", "company"], observed=True)["sales"].sum()
    by_month = rival_sales.groupby(level="month")
    leader = by_month.idxmax().map(lambda key: key[1])  # (month, company) -> company
    out = pd.DataFrame(
        {
            "own_sales": own.groupby("month")["sales"].sum(),
            "market_sales": rows.groupby("month")["sales"].sum(),
            "largest_rival": leader.astype("string"),
            "largest_rival_sales": by_month.max(),
            "own_price": own.groupby("month")["avg_price"].mean(),
            "competitor_price": rivals.groupby("month")["avg_price"].mean(),
        }
    )
    first = out.index.min() if months is None else max(out.index.min(), period - (months - 1))
    out = out.reindex(pd.period_range(first, period, freq="M", name="month"))
    out["own_sales"] = out["own_sales"].mask(
        out["market_sales"].notna(), out["own_sales"].fillna(0.0)
    )
    out["market_share"] = (out["own_sales"] / out["market_sales"]).where(out["market_sales"] > 0)
    out["relative_share"] = (out["own_sales"] / out["largest_rival_sales"]).where(
        out["largest_rival_sales"] > 0
    )
    out["price_index"] = (out["own_price"] / out["competitor_price"] * 100).where(
        out["competitor_price"] > 0
    )
    return out[TREND_COLUMNS]


def company_shares(
    market: pd.DataFrame | None, period: pd.Period, months: int = TREND_MONTHS
) -> pd.DataFrame:
    """Monthly market share of the company and of each competitor.

    Share = the company's sales ÷ Σ sales of every company listed in the month.

    Args:
        market: The market table, or None.
        period: The reported month (the last row).
        months: Number of months ending with ``period``.

    Returns:
        One row per month from the first with data (at most ``months`` months) to ``period``
        (``PeriodIndex`` named ``month``), one column per company: the company
        itself first (see :func:`own_company`), then the rivals by their share in the last month,
        largest first. NaN in months without data; empty without market data.
    """
    rows = _market_rows(market, period)
    rows = rows[rows["month"] > period - months]
    if rows.empty:
        return pd.DataFrame(index=pd.PeriodIndex([], freq="M", name="month"))
    index = pd.period_range(rows["month"].min(), period, freq="M", name="month")
    sales = rows.pivot_table(
        index="month", columns="company", values="sales", aggfunc="sum", observed=True
    )
    shares = sales.div(sales.sum(axis=1), axis=0).reindex(index)
    own = rows.loc[rows["is_own"], "company"].unique().tolist()
    last = shares.ffill().iloc[-1].drop(own, errors="ignore")
    order = own + last.sort_values(ascending=False, kind="stable").index.tolist()
    out = shares[order]
    out.columns = pd.Index([str(c) for c in out.columns], name="company")
    return out


def competitor_shares(
    market: pd.DataFrame | None, period: pd.Period, span: int = SHARE_SPAN_MONTHS
) -> pd.DataFrame:
    """Each company's share of the last ``span`` months and its change over 12 months.

    - ``share`` = the company's Σ sales ÷ Σ sales of all companies, over the ``span`` months
      ending with ``period``; ``share_year_ago`` the same for the span 12 months earlier.
    - ``change`` = share − share_year_ago (fraction of points; NaN without last year's data).
    - ``avg_price`` = mean monthly avg_price in the span; ``price_index`` = own avg_price ÷ the
      company's avg_price × 100 (the company itself is 100): above 100 the company is dearer
      than that rival.

    Args:
        market: The market table, or None.
        period: The reported month.
        span: Months added up on each side of the comparison.

    Returns:
        One row per company, indexed by ``company``, largest share first: columns
        :data:`SHARE_COLUMNS`.
    """
    rows = _market_rows(market, period)
    now = rows[rows["month"] > period - span]
    before = rows[(rows["month"] > period - 12 - span) & (rows["month"] <= period - 12)]

    def share(part: pd.DataFrame) -> pd.Series:
        sales = part.groupby("company", observed=True)["sales"].sum()
        total = sales.sum()
        return sales / total if total > 0 else sales * np.nan

    grouped = now.groupby("company", observed=True)
    out = pd.DataFrame(
        {
            "is_own": grouped["is_own"].any(),
            "share": share(now),
            "avg_price": grouped["avg_price"].mean(),
        }
    )
    out["share_year_ago"] = share(before).reindex(out.index)
    out["change"] = out["share"] - out["share_year_ago"]
    own_price = now.loc[now["is_own"], "avg_price"].mean()
    out["price_index"] = (own_price / out["avg_price"] * 100).where(out["avg_price"] > 0)
    out["is_own"] = out["is_own"].astype(bool)
    out.index = out.index.astype("string").rename("company")
    return out.sort_values("share", ascending=False)[SHARE_COLUMNS]


def top_competitor_gain(shares: pd.DataFrame) -> str | None:
    """The rival whose share rose most (largest ``change`` of :func:`competitor_shares`).

    Returns None when no rival has a change, or when none gained (every change ≤ 0).
    """
    rivals = shares.loc[~shares["is_own"].astype(bool), "change"].dropna()
    if rivals.empty or rivals.max() <= 0:
        return None
    return str(rivals.idxmax())


# --- comparisons -----------------------------------------------------------------------------


def rivals_met(wins: pd.DataFrame) -> pd.Index:
    """The competitors of :func:`win_rate_by_competitor` with a deal closed (baseline apart)."""
    rivals = wins[(wins.index != NO_COMPETITOR) & (wins["closed"] > 0)]
    return rivals.index


def too_few_rivals(wins: pd.DataFrame, fmt: Formatter, period: pd.Period | str) -> str | None:
    """The sentence replacing the win rate by competitor with fewer than ``MIN_MEMBERS`` rivals.

    See ``analysis.comparisons.COMPARISON_RULE``: one bar is no comparison; the one rival's win
    rate is stated instead (:data:`ONE_RIVAL`), or that no deal had a competitor
    (:data:`NO_RIVAL`), in the report's language.

    Args:
        wins: Output of :func:`win_rate_by_competitor` (the :data:`WINDOW_MONTHS` months ending
            with ``period``).
        fmt: Formatter of the report.
        period: The reported month; an English span instead (``the 12 months to October
            2026``) gives the English sentence (:data:`_SPANNED`, transitional).

    Returns:
        None when :func:`rivals_met` can be compared.
    """
    rivals = rivals_met(wins)
    if comparable(rivals):
        return None
    if not len(rivals):
        return _said(NO_RIVAL, period, fmt)
    row = wins.loc[rivals[0]]
    return _said(
        ONE_RIVAL,
        period,
        fmt,
        rival=rivals[0],
        win_rate=fmt.pct(row["win_rate"]),
        won=fmt.number(row["won"]),
        closed=fmt.number(row["closed"]),
    )


def matrix_groups(matrix: pd.DataFrame) -> pd.Index:
    """The groups (columns but :data:`ALL`) of :func:`win_rate_matrix` with a deal closed."""
    rates = matrix.drop(columns=ALL, errors="ignore")
    return rates.columns[rates.notna().any()]


def too_few_groups(
    matrix: pd.DataFrame, by: str, period: pd.Period | str, fmt: Formatter | None = None
) -> str | None:
    """The sentence replacing :func:`win_rate_matrix` with fewer than ``MIN_MEMBERS`` groups.

    One group's column would repeat the :data:`ALL` column.

    Args:
        matrix: Output of :func:`win_rate_matrix` (columns renamed for the reader if need be).
        by: The column the matrix groups by: ``region`` or ``type`` (the deal type; ``deal
            type`` is read as ``type``).
        period: The reported month (:data:`WINDOW_MONTHS` months of close dates end with it);
            an English span instead (``the 12 months to October 2026``) gives the English
            sentence with ``by`` as the group's name (:data:`_SPANNED`, transitional).
        fmt: Formatter of the report (its month); needed with a ``period``.

    Returns:
        None when :func:`matrix_groups` can be compared, else :data:`ONE_GROUP` or
        :data:`NO_GROUP` of ``by``, in the report's language.

    Raises:
        KeyError: with a ``period``, when ``by`` is neither ``region`` nor a deal type.
    """
    groups = matrix_groups(matrix)
    if comparable(groups):
        return None
    if isinstance(period, str):
        if not len(groups):
            return _said(NO_GROUP["region"], period, None, member=by)
        return _said(ONE_GROUP["region"], period, None, member=by, name=groups[0])
    kind = "type" if by in ("type", "deal type") else by
    if not len(groups):
        return _said(NO_GROUP[kind], period, fmt)
    return _said(ONE_GROUP[kind], period, fmt, name=groups[0])


def market_members(shares: pd.DataFrame) -> pd.Index:
    """The companies of :func:`competitor_shares` with sales in its span (the company included)."""
    return shares.index[shares["share"] > 0]


def too_few_companies(
    shares: pd.DataFrame, period: pd.Period | str, fmt: Formatter | None = None
) -> str | None:
    """The sentence replacing the market shares with fewer than ``MIN_MEMBERS`` companies.

    A market of one company is that company's at 100%: its share, the share chart and the share
    table compare nothing.

    Args:
        shares: Output of :func:`competitor_shares` (the :data:`SHARE_SPAN_MONTHS` months
            ending with ``period``).
        period: The reported month; an English span instead (``the three months to October
            2026``) gives the English sentence (:data:`_SPANNED`, transitional).
        fmt: Formatter of the report (its month); needed with a ``period``.

    Returns:
        None when :func:`market_members` can be compared, else :data:`ONE_COMPANY` or
        :data:`NO_COMPANY`, in the report's language.
    """
    members = market_members(shares)
    if comparable(members):
        return None
    if not len(members):
        return _said(NO_COMPANY, period, fmt)
    return _said(ONE_COMPANY, period, fmt, company=members[0])


def gain_sentence(
    kpis: Mapping[str, object], shares: pd.DataFrame, fmt: Formatter, period: pd.Period
) -> str:
    """The rival that gained the most market share over the year, in one sentence.

    :data:`TOP_GAIN`; :data:`ONLY_RIVAL_GAIN` when :func:`market_members` hold one rival (it is
    not "the most" of one); :data:`NO_GAIN` without a rival that gained or a figure of the
    sentence (:func:`no_gain` tells it in any language). In the report's language.

    Args:
        kpis: The report's figures, with the keys of :func:`market_kpis`.
        shares: Output of :func:`competitor_shares` for ``period``.
        fmt: Formatter of the report.
        period: The reported month.
    """
    top = kpis.get("top_competitor_gain")
    now = _num(kpis.get("top_competitor_share"))
    before = _num(kpis.get("top_competitor_share_year_ago"))
    if not top or now is None or before is None:
        return _(NO_GAIN)
    rivals = market_members(shares).difference(shares.index[shares["is_own"]])
    return _(TOP_GAIN if comparable(rivals) else ONLY_RIVAL_GAIN).format(
        top=top, before=fmt.pct(before), now=fmt.pct(now), month=fmt.month(period)
    )


def position_sentences(kpis: Mapping[str, object], fmt: Formatter, period: pd.Period) -> list[str]:
    """The company's market share, relative share and price index in the month, as sentences.

    :data:`MARKET_SHARE`, :data:`RELATIVE_SHARE` and :data:`PRICE_INDEX`, each left out when
    its figure is missing (no rival in the month: no relative share nor price index). Show them
    only when :func:`too_few_companies` is None: a market of one company is 100% its own.

    Args:
        kpis: The report's figures, with the keys of :func:`market_kpis`.
        fmt: Formatter of the report.
        period: The reported month.
    """
    share, relative = _num(kpis.get("market_share")), _num(kpis.get("relative_share"))
    rival, price = kpis.get("largest_rival"), _num(kpis.get("price_index"))
    said = []
    if share is not None:
        said.append(_(MARKET_SHARE).format(month=fmt.month(period), share=fmt.pct(share)))
    if relative is not None and rival:
        said.append(_(RELATIVE_SHARE).format(relative=fmt.pct(relative), rival=rival))
    if price is not None:
        said.append(_(PRICE_INDEX).format(price=fmt.number(price)))
    return said


def market_kpis(
    opportunities: pd.DataFrame | None,
    market: pd.DataFrame | None,
    period: pd.Period,
    months: int = WINDOW_MONTHS,
    span: int = SHARE_SPAN_MONTHS,
) -> dict[str, float | str | None]:
    """The period's headline market and competitor figures.

    - ``market_share``, ``relative_share``, ``price_index``: the reported month's values of
      :func:`market_trend`; ``largest_rival``: the rival with the most sales in the month.
    - ``top_competitor_gain``: the rival with the largest share gain (:func:`top_competitor_gain`
      over :func:`competitor_shares`, ``span`` months against a year earlier);
      ``top_competitor_share`` and ``top_competitor_share_year_ago``: its share of those months
      and of the same months a year earlier; ``top_competitor_share_change``: the difference
      (fraction of points).
    - ``win_rate_vs_top_competitor``: won ÷ (won + lost) of the deals against that rival closed
      in the ``months`` months ending with ``period`` (None without such deals).
    - ``win_rate_no_competitor``: the same for deals without a competitor (the baseline).

    Missing tables give None for the figures they feed.
    """
    trend = market_trend(market, period, months=1)
    month = trend.iloc[-1] if not trend.empty else pd.Series(dtype="object")
    shares = competitor_shares(market, period, span)
    top = top_competitor_gain(shares)
    rates = win_rate_by_competitor(opportunities, period, months)["win_rate"]
    leader = month.get("largest_rival")
    gainer = shares.loc[top] if top is not None else pd.Series(dtype="object")
    return {
        "market_share": _num(month.get("market_share")),
        "relative_share": _num(month.get("relative_share")),
        "price_index": _num(month.get("price_index")),
        "largest_rival": None if pd.isna(leader) else str(leader),
        "top_competitor_gain": top,
        "top_competitor_share": _num(gainer.get("share")),
        "top_competitor_share_year_ago": _num(gainer.get("share_year_ago")),
        "top_competitor_share_change": _num(gainer.get("change")),
        "win_rate_vs_top_competitor": None if top is None else _num(rates.get(top)),
        "win_rate_no_competitor": _num(rates.get(NO_COMPETITOR)),
    }


def _num(value: object) -> float | None:
    """A plain float, or None for missing values."""
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return None
    return float(value)  # type: ignore[arg-type]
