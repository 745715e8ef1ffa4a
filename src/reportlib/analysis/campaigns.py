"""Campaigns and initiatives: cost per lead, attributed pipeline and revenue, ROAS and ROMI.

A campaign's deals are the opportunities whose ``campaign_id`` is its id (the CRM's single-touch
attribution). Figures and variants chosen here (the report's glossary repeats them):

- Cost per lead = spend ÷ leads.
- Attributed pipeline = Σ amount of the campaign's opportunities created up to the end of the
  reported month, whatever their stage; attributed revenue = Σ amount of those won with a close
  date up to the end of the reported month.
- ROAS = attributed revenue ÷ spend (a revenue ratio, not a return).
- ROMI = (attributed revenue × gross margin % − spend) ÷ spend, margin-based (Farris et al.,
  DOMAIN.md). The margin is the gross margin % = (Σ net_revenue − Σ cost) ÷ Σ net_revenue of the
  report's order lines in the campaign's region over the :data:`MARGIN_MONTHS` months ending with
  the reported month (the whole report's margin when its region has no order lines). When the
  orders do not deliver ``cost`` the margin is unknown, and so are ROMI and whether a campaign
  pays back; cost per lead and ROAS remain.
- A campaign pays back when its ROMI ≥ 0: the gross margin it brought covers its spend.
- A ROMI is in doubt (``check_spend``, shown as :data:`CHECK_SPEND`) when it lies above
  :data:`ROMI_DOUBT_ABOVE` (10,000%) or comes from a spend under :data:`TINY_SPEND_SHARE` (10%)
  of the median spend of the campaigns evaluated: such returns usually mean that spend was
  booked elsewhere or deals were attributed to the wrong campaign (:data:`CHECK_SPEND_RULE`).
- Campaigns evaluated (the window): those that *ended* in the :data:`WINDOW_MONTHS` calendar months
  ending :data:`MATURITY_MONTHS` months before the reported month (for October 2026: June 2025 to
  May 2026). Deals arrive for weeks after a campaign and take months to close, so a campaign
  needs that long for its revenue to show; judged earlier, every recent campaign would look like
  a loss.
- Comparisons (``analysis.comparisons.COMPARISON_RULE``): the ROMI chart and "the worst
  campaign" need at least two campaigns with a ROMI; one is stated alone (:func:`one_rated`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from reportlib.analysis._common import has_columns, month_of, ratio
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _

WINDOW_MONTHS = 12
MATURITY_MONTHS = 5
MARGIN_MONTHS = 12
PAYS_BACK = N_("pays back")
LOSES_MONEY = N_("loses money")
NO_SPEND = N_("no spend")
NO_DATA = N_("no data")
VERDICTS = (PAYS_BACK, LOSES_MONEY, NO_SPEND, NO_DATA)
"""The ``verdict`` of :func:`campaign_results`: English in the data (logic and tests compare
them), shown in the report's language by :func:`verdict_words`."""
ROMI_DOUBT_ABOVE = 100.0
"""A ROMI above this (10,000%) is flagged :data:`CHECK_SPEND`."""
TINY_SPEND_SHARE = 0.1
"""A ROMI from a spend under this share of the median campaign's spend is flagged too."""
CHECK_SPEND = N_("check the spend")
CHECK_SPEND_TEMPLATE = N_(
    "A return on marketing investment above {doubt}, or from a spend under {tiny} of the median "
    "campaign's spend, is marked “{check}”: such returns usually mean that spend was booked "
    "elsewhere or deals were attributed to the wrong campaign."
)
"""The rule of :data:`CHECK_SPEND`, its thresholds as placeholders (:func:`check_spend_rule`)."""
CHECK_SPEND_RULE = CHECK_SPEND_TEMPLATE.format(
    doubt=f"{ROMI_DOUBT_ABOVE:,.0%}", tiny=f"{TINY_SPEND_SHARE:.0%}", check=CHECK_SPEND
)
"""The rule in English, its numbers formatted the English way; a report shows
:func:`check_spend_rule` (its language and its locale's numbers)."""
WINDOW_TEMPLATE = N_(
    "Campaigns are judged once their deals have had time to close: the report covers the "
    "campaigns that ended in the {months} months up to {maturity} months before the reported "
    "month."
)
"""The window of the campaigns evaluated, its lengths as placeholders (:func:`window_rule`)."""
WINDOW_RULE = WINDOW_TEMPLATE.format(months=WINDOW_MONTHS, maturity=MATURITY_MONTHS)
"""The window's rule in English; a report shows :func:`window_rule`."""
ONE_RATED = {
    True: N_(
        "{campaign} is the only campaign judged with a return on marketing investment: a ROMI "
        "of {romi}, so it pays back."
    ),
    False: N_(
        "{campaign} is the only campaign judged with a return on marketing investment: a ROMI "
        "of {romi}, so it loses money."
    ),
}
"""The sentence for one campaign with a ROMI, by whether it pays back: neither "the worst" nor
a share of the campaigns."""
RESULT_COLUMNS = [
    "campaign_id",
    "campaign_name",
    "region",
    "type",
    "start_date",
    "end_date",
    "spend",
    "leads",
    "cost_per_lead",
    "opportunities",
    "pipeline",
    "won",
    "revenue",
    "margin_pct",
    "gross_margin",
    "roas",
    "romi",
    "pays_back",
    "verdict",
    "check_spend",
]


def window_months(
    period: pd.Period, months: int = WINDOW_MONTHS, maturity_months: int = MATURITY_MONTHS
) -> tuple[pd.Period, pd.Period]:
    """First and last month of the end dates of the campaigns evaluated in ``period``'s report."""
    last = period - maturity_months
    return last - (months - 1), last


def campaign_window(
    campaigns: pd.DataFrame | None,
    period: pd.Period,
    months: int = WINDOW_MONTHS,
    maturity_months: int = MATURITY_MONTHS,
) -> pd.DataFrame:
    """The campaigns evaluated in the report: ended in the months of :func:`window_months`.

    Args:
        campaigns: The campaigns table, or None (no rows).
        period: The reported month.
        months: Number of months of end dates.
        maturity_months: Months between the last of them and the reported month.

    Returns:
        The rows of ``campaigns`` in the window (a view of the input's columns).
    """
    if campaigns is None:
        return pd.DataFrame(columns=["campaign_id", "campaign_name", "spend", "leads"])
    first, last = window_months(period, months, maturity_months)
    end = month_of(campaigns["end_date"])
    return campaigns[((end >= first) & (end <= last)).to_numpy(dtype=bool, na_value=False)]


def _margin_rows(orders: pd.DataFrame | None, period: pd.Period, months: int) -> pd.DataFrame:
    """Order lines dated in the ``months`` months ending with ``period`` (region and amounts)."""
    if orders is None:
        return pd.DataFrame(columns=["net_revenue", "cost"])
    start, stop = (period - (months - 1)).start_time, (period + 1).start_time
    dates = orders["order_date"]
    columns = [c for c in ("region", "net_revenue", "cost") if c in orders]  # a narrow cut
    return orders.loc[((dates >= start) & (dates < stop)).to_numpy(), columns]


def trailing_margin(
    orders: pd.DataFrame | None, period: pd.Period, months: int = MARGIN_MONTHS
) -> float | None:
    """Gross margin % = (Σ net_revenue − Σ cost) ÷ Σ net_revenue over the trailing window.

    Returns:
        A fraction, or None without revenue in the ``months`` months ending with ``period`` or
        when the orders do not deliver ``cost``.
    """
    rows = _margin_rows(orders, period, months)
    if not has_columns(rows, "cost"):
        return None
    revenue = float(rows["net_revenue"].sum())
    return ratio(revenue - float(rows["cost"].sum()), revenue)


def trailing_margin_by_region(
    orders: pd.DataFrame | None, period: pd.Period, months: int = MARGIN_MONTHS
) -> pd.Series:
    """Gross margin % of each region over the trailing window (see :func:`trailing_margin`).

    Returns:
        Fractions indexed by ``region`` (NaN where a region has no revenue); empty when the
        orders have no ``region`` or ``cost`` column.
    """
    rows = _margin_rows(orders, period, months)
    if not has_columns(rows, "region", "cost"):
        return pd.Series(dtype="float64", index=pd.Index([], name="region"), name="margin_pct")
    grouped = rows.groupby("region", observed=True)
    revenue, cost = grouped["net_revenue"].sum(), grouped["cost"].sum()
    return ((revenue - cost) / revenue).where(revenue != 0).rename("margin_pct")


def _attributed(opportunities: pd.DataFrame, period: pd.Period) -> pd.DataFrame:
    """Per campaign id: opportunities, pipeline, deals won and revenue up to ``period``'s end."""
    stop = (period + 1).start_time
    created = (opportunities["created_date"] < stop).to_numpy()
    rows = opportunities[created & opportunities["campaign_id"].notna().to_numpy()]
    won = rows["is_won"].to_numpy(dtype=bool, na_value=False) & (
        (rows["close_date"] < stop).to_numpy()
    )
    amount = rows["amount"].to_numpy(dtype="float64")
    frame = pd.DataFrame(
        {"pipeline": amount, "won": won, "revenue": np.where(won, amount, 0.0)},
        index=rows["campaign_id"].astype("string").rename("campaign_id"),
    )
    grouped = frame.groupby(level="campaign_id")
    return pd.DataFrame(
        {
            "opportunities": grouped.size(),
            "pipeline": grouped["pipeline"].sum(),
            "won": grouped["won"].sum(),
            "revenue": grouped["revenue"].sum(),
        }
    )


def check_spend(romi: pd.Series, spend: pd.Series) -> pd.Series:
    """Whether each ROMI is in doubt (:data:`CHECK_SPEND_RULE`).

    Args:
        romi: ROMI of each campaign (fractions; NaN when unknown).
        spend: Spend of the same campaigns.

    Returns:
        Booleans on ``romi``'s index: the ROMI is known and above :data:`ROMI_DOUBT_ABOVE`, or
        the spend is under :data:`TINY_SPEND_SHARE` × the median of the positive spends.
    """
    median = spend[spend > 0].median()
    tiny = spend < TINY_SPEND_SHARE * median if pd.notna(median) else spend < 0
    return (romi.notna() & ((romi > ROMI_DOUBT_ABOVE) | tiny)).astype(bool)


def check_words(flag: object) -> str:
    """:data:`CHECK_SPEND` for a ROMI in doubt (a ``check_spend`` cell), else nothing.

    In the report's language: the cell as the campaign table shows it.
    """
    return _(CHECK_SPEND) if not pd.isna(flag) and bool(flag) else ""  # type: ignore[arg-type]


def verdict_words(verdict: object) -> str:
    """A ``verdict`` cell of :func:`campaign_results` in the report's language.

    Args:
        verdict: One of :data:`VERDICTS` (English in the data), or a missing value.

    Returns:
        The verdict as the campaign table shows it ("pays back" → "se paga" in Portuguese);
        nothing for a missing value; any other text unchanged.
    """
    if verdict is None or pd.isna(verdict):  # type: ignore[arg-type]
        return ""
    return _(str(verdict)) if verdict in VERDICTS else str(verdict)


def check_spend_rule(fmt: Formatter) -> str:
    """The rule of :data:`CHECK_SPEND` in the report's language, with its locale's numbers.

    Args:
        fmt: Formatter of the report.

    Returns:
        :data:`CHECK_SPEND_TEMPLATE` with :data:`ROMI_DOUBT_ABOVE` and :data:`TINY_SPEND_SHARE`
        as percentages ("10.000%" in Brazil) and the mark's words.
    """
    return _(CHECK_SPEND_TEMPLATE).format(
        doubt=fmt.pct(ROMI_DOUBT_ABOVE, 0), tiny=fmt.pct(TINY_SPEND_SHARE, 0), check=_(CHECK_SPEND)
    )


def window_rule(fmt: Formatter) -> str:
    """Which campaigns the report judges (:data:`WINDOW_TEMPLATE`), in the report's language."""
    return _(WINDOW_TEMPLATE).format(
        months=fmt.number(WINDOW_MONTHS), maturity=fmt.number(MATURITY_MONTHS)
    )


def campaign_results(
    campaigns: pd.DataFrame | None,
    opportunities: pd.DataFrame | None,
    orders: pd.DataFrame | None,
    period: pd.Period,
    months: int = WINDOW_MONTHS,
    maturity_months: int = MATURITY_MONTHS,
) -> pd.DataFrame:
    """Spend, leads, attributed pipeline and revenue, ROAS and ROMI of each evaluated campaign.

    - ``cost_per_lead`` = spend ÷ leads; ``roas`` = revenue ÷ spend.
    - ``margin_pct``: trailing gross margin % of the campaign's region
      (:func:`trailing_margin_by_region`, else :func:`trailing_margin`); ``gross_margin`` =
      revenue × margin_pct.
    - ``romi`` = (gross_margin − spend) ÷ spend; ``pays_back`` = romi ≥ 0; ``verdict`` says it in
      words: :data:`PAYS_BACK`, :data:`LOSES_MONEY`, :data:`NO_SPEND`, or :data:`NO_DATA` when
      the ROMI is unknown (without the opportunities table pipeline, revenue and ratios are NaN;
      without order lines the margin and ROMI are).
    - ``check_spend``: the ROMI is known and in doubt (:data:`CHECK_SPEND_RULE`): above
      :data:`ROMI_DOUBT_ABOVE`, or its spend is under :data:`TINY_SPEND_SHARE` × the median
      spend of the window's campaigns that spent anything.

    Ratios are NaN where their denominator is 0.

    Args:
        campaigns: The campaigns table, or None.
        opportunities: The opportunities table, or None.
        orders: The report's order lines (for the margin), or None.
        period: The reported month.
        months: Number of months of campaign end dates (see :func:`campaign_window`).
        maturity_months: Months between the last of them and the reported month.

    Returns:
        One row per campaign of the window, worst ROMI first, indexed by ``campaign`` (its name;
        names shared by several campaigns get the id in brackets): columns
        :data:`RESULT_COLUMNS`.
    """
    window = campaign_window(campaigns, period, months, maturity_months)
    if window.empty:
        empty = pd.DataFrame(
            {c: pd.Series(dtype="float64") for c in RESULT_COLUMNS},
            index=pd.Index([], name="campaign", dtype="string"),
        )
        return empty.astype(
            {
                "campaign_id": "string",
                "campaign_name": "string",
                "verdict": "string",
                "check_spend": bool,
            }
        )
    ids = window["campaign_id"].astype("string")
    out = pd.DataFrame(
        {
            "campaign_id": ids.to_numpy(),
            "campaign_name": window["campaign_name"].astype("string").to_numpy(),
            "region": window["region"].astype("string").to_numpy(),
            "type": window["type"].astype("string").to_numpy(),
            "start_date": window["start_date"].to_numpy(),
            "end_date": window["end_date"].to_numpy(),
            "spend": window["spend"].to_numpy(dtype="float64"),
            "leads": window["leads"].to_numpy(dtype="float64", na_value=np.nan),
        }
    )
    if opportunities is None:
        deals = pd.DataFrame(
            np.nan,
            index=out["campaign_id"],
            columns=["opportunities", "pipeline", "won", "revenue"],
        )
    else:
        deals = _attributed(opportunities, period).reindex(out["campaign_id"], fill_value=0)
    for column in ("opportunities", "pipeline", "won", "revenue"):
        out[column] = deals[column].to_numpy(dtype="float64")
    overall = trailing_margin(orders, period)
    by_region = trailing_margin_by_region(orders, period)
    margin = out["region"].map(by_region).astype("float64")
    out["margin_pct"] = margin.fillna(np.nan if overall is None else overall)
    out["cost_per_lead"] = (out["spend"] / out["leads"]).where(out["leads"] > 0)
    out["gross_margin"] = out["revenue"] * out["margin_pct"]
    paid = out["spend"] > 0
    out["roas"] = (out["revenue"] / out["spend"]).where(paid)
    out["romi"] = ((out["gross_margin"] - out["spend"]) / out["spend"]).where(paid)
    out["pays_back"] = out["romi"] >= 0
    verdict = np.where(out["pays_back"], PAYS_BACK, LOSES_MONEY)
    verdict = np.where(paid, verdict, NO_SPEND)
    verdict = np.where(paid & out["romi"].isna(), NO_DATA, verdict)
    out["verdict"] = pd.array(verdict, dtype="string")
    out["check_spend"] = check_spend(out["romi"], out["spend"])
    name = out["campaign_name"]
    shared = name.duplicated(keep=False).to_numpy()
    label = name.where(~shared, name + " (" + out["campaign_id"] + ")")
    out.index = pd.Index(label.to_numpy(), name="campaign", dtype="string")
    return out.sort_values(["romi", "spend"], ascending=[True, False])[RESULT_COLUMNS]


def campaign_kpis(
    campaigns: pd.DataFrame | None,
    opportunities: pd.DataFrame | None,
    orders: pd.DataFrame | None,
    period: pd.Period,
    months: int = WINDOW_MONTHS,
    maturity_months: int = MATURITY_MONTHS,
) -> dict[str, float | int | str | None]:
    """The campaigns of the window (:func:`campaign_window`) taken together.

    - ``campaigns``: number evaluated; ``campaign_spend``: Σ spend; ``campaign_leads``: Σ leads.
    - ``cost_per_lead`` = Σ spend ÷ Σ leads.
    - ``attributed_pipeline`` / ``attributed_revenue``: Σ over the campaigns (see
      :func:`campaign_results`).
    - ``roas`` = Σ revenue ÷ Σ spend.
    - ``romi`` = (Σ revenue × margin − Σ spend) ÷ Σ spend, each campaign's revenue at its region's
      margin; ``campaign_margin_pct``: the report's trailing gross margin %.
    - ``campaigns_paying_back_share``: campaigns with ROMI ≥ 0 ÷ campaigns with a ROMI.
    - ``worst_campaign`` / ``worst_campaign_romi``: name and ROMI of the lowest ROMI.

    Without the opportunities table the revenue figures and ratios are None; without the
    orders' ``cost`` the margin figures are (``romi``, ``campaign_margin_pct``,
    ``campaigns_paying_back_share``, ``worst_campaign``, ``worst_campaign_romi``).
    """
    res = campaign_results(campaigns, opportunities, orders, period, months, maturity_months)
    spend = float(res["spend"].sum())
    known = opportunities is not None
    revenue = float(res["revenue"].sum()) if known else None
    gross_margin = float(res["gross_margin"].sum(min_count=1)) if known else None
    rated = res["romi"].dropna()
    worst = rated.idxmin() if not rated.empty else None
    return {
        "campaigns": len(res),
        "campaign_spend": spend,
        "campaign_leads": float(res["leads"].sum()),
        "cost_per_lead": ratio(spend, float(res["leads"].sum())),
        "attributed_pipeline": float(res["pipeline"].sum()) if known else None,
        "attributed_revenue": revenue,
        "roas": None if revenue is None else ratio(revenue, spend),
        "romi": None
        if gross_margin is None or np.isnan(gross_margin)
        else ratio(gross_margin - spend, spend),
        "campaign_margin_pct": trailing_margin(orders, period),
        "campaigns_paying_back_share": ratio(
            float(res.loc[rated.index, "pays_back"].sum()), len(rated)
        ),
        "worst_campaign": None if worst is None else str(res.loc[worst, "campaign_name"]),
        "worst_campaign_romi": None if worst is None else float(rated[worst]),
    }


def rated(results: pd.DataFrame) -> pd.Index:
    """The campaigns of :func:`campaign_results` with a ROMI: those the ROMI chart compares."""
    return results.index[results["romi"].notna()]


def one_rated(results: pd.DataFrame, fmt: Formatter) -> str | None:
    """The sentence for the one campaign with a ROMI (:data:`ONE_RATED`), else None.

    See ``analysis.comparisons.COMPARISON_RULE``: one campaign is not "the worst", nor is its
    verdict a share of the campaigns, and one bar is no chart. With none rated there is nothing
    to state here (the ROMI needs the orders' cost and a spend).

    Args:
        results: Output of :func:`campaign_results`.
        fmt: Formatter of the report.
    """
    names = rated(results)
    if len(names) != 1:
        return None
    romi = float(results.loc[names[0], "romi"])
    return _(ONE_RATED[romi >= 0]).format(campaign=names[0], romi=fmt.signed_pct(romi, 0))
