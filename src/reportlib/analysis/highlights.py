"""The executive summary: its opening sentences and highlights, built from the headline figures.

Each sentence reads only ``kpis.collect_kpis`` figures and is written whole from one template
with named placeholders. A sentence whose figures are missing (None or NaN: an optional table or
column not delivered) is left out, or replaced by the template without that clause; "n/a" is
never written. At most :data:`MAX_HIGHLIGHTS` highlights are returned (:data:`HIGHLIGHTS_RULE`):
an alarm on the month's gross margin (:data:`analysis.profitability.MARGIN_ALARM_RULE`) first,
then bad and good news in turn, so that neither crowds out the other.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from reportlib.analysis.profitability import MarginAlert, margin_alert
from reportlib.config import MarginAlarm
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _

MAX_HIGHLIGHTS = 5
HIGHLIGHTS_RULE = N_(
    "The summary's highlights (at most {most}) weigh good and bad news alike: an alarm "
    "on the month's gross margin comes first when it fires, then a piece of bad news and a piece "
    "of good news in turn (revenue against a year earlier, the year to date against target, the "
    "best region and the one furthest behind, the 12-month gross margin, revenue retention, a "
    "rival gaining share, a new product's share of revenue)."
)
"""Shown to readers as :func:`highlights_rule` says it (``{most}``: :data:`MAX_HIGHLIGHTS`)."""
SLA_BREACH_ALERT = 0.25
"""A month in which more than 25% of support tickets missed their SLA target is bad news."""
BEHIND = 1.0
"""A region below this share of its year-to-date target is behind (the company's highlights)."""


def highlights_rule(fmt: Formatter) -> str:
    """:data:`HIGHLIGHTS_RULE` in the report's language, with :data:`MAX_HIGHLIGHTS` formatted."""
    return _(HIGHLIGHTS_RULE).format(most=fmt.number(MAX_HIGHLIGHTS))


def _has(kpis: Mapping[str, object], *keys: str) -> bool:
    """Whether every one of ``keys`` holds a figure (not None, NA or NaN)."""
    for key in keys:
        value = kpis.get(key)
        if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            return False
    return True


def month_margin_alert(kpis: Mapping[str, object], alarm: MarginAlarm) -> MarginAlert | None:
    """``analysis.profitability.margin_alert`` of the report's month, from its headline figures.

    Reads ``revenue``, ``gross_margin_pct`` and ``gross_margin_pct_12m``.
    """
    k = kpis
    return margin_alert(
        float(k["revenue"]) if _has(k, "revenue") else None,
        float(k["gross_margin_pct"]) if _has(k, "gross_margin_pct") else None,
        float(k["gross_margin_pct_12m"]) if _has(k, "gross_margin_pct_12m") else None,
        alarm.floor,
        alarm.drop,
    )


_ALERT = {  # MarginAlert.kind -> its highlight
    "loss": N_(
        "The month's gross margin was {margin}: its sales cost {at_stake} more than they "
        "brought in."
    ),
    "floor": N_(
        "The month's gross margin was {margin}, below the {reference} floor: {at_stake} of "
        "gross margin short of it."
    ),
    "drop": N_(
        "The month's gross margin was {margin}, {gap} below the last 12 months' "
        "{reference}: {at_stake} less gross margin than at that rate."
    ),
}


_REGION_ALERT = {  # MarginAlert.kind -> the company report's highlight of a region's alarm
    "loss": N_(
        "In {region} the month's gross margin was {margin}: its sales cost {at_stake} more "
        "than they brought in."
    ),
    "floor": N_(
        "In {region} the month's gross margin was {margin}, below the {reference} floor: "
        "{at_stake} of gross margin short of it."
    ),
    "drop": N_(
        "In {region} the month's gross margin was {margin}, {gap} below its last 12 months' "
        "{reference}: {at_stake} less gross margin than at that rate."
    ),
}


def alert_values(alert: MarginAlert, fmt: Formatter) -> dict[str, str]:
    """The placeholders of a margin alarm's sentences: margin, reference, gap and at_stake."""
    return {
        "margin": fmt.pct(alert.margin),
        "reference": fmt.pct(alert.reference),
        "gap": fmt.points(alert.reference - alert.margin, signed=False),
        "at_stake": fmt.rounded_money(alert.at_stake),
    }


def _alert_highlight(alert: MarginAlert, fmt: Formatter) -> str:
    """The highlight of a margin alarm, stating the money at stake."""
    return _(_ALERT[alert.kind]).format(**alert_values(alert, fmt))


def _interleave(bad: list[str], good: list[str]) -> list[str]:
    """Bad and good news in turn, bad first: ``[b1, g1, b2, g2, …]``, then what is left."""
    out = []
    for i in range(max(len(bad), len(good))):
        out += bad[i : i + 1] + good[i : i + 1]
    return out


def _regions_news(standing: pd.DataFrame | None, fmt: Formatter) -> tuple[list[str], list[str]]:
    """The company's best region (good) and the one furthest behind its target (bad).

    ``standing`` is ``analysis.standing.region_standing``; compared only with at least two
    regions with a year-to-date target. Best: the highest year-to-date attainment, good news
    when it is on target; behind: the lowest, when below :data:`BEHIND`, with its shortfall.
    """
    if standing is None:
        return [], []
    known = standing[standing["attainment_ytd"].notna()]
    if len(known) < 2:
        return [], []
    good, bad = [], []
    best = known.loc[known["attainment_ytd"].idxmax()]
    if best["attainment_ytd"] >= BEHIND:
        good.append(
            _("{region} is furthest ahead: {ytd} of its year-to-date target.").format(
                region=best["name"], ytd=fmt.pct(best["attainment_ytd"])
            )
        )
    worst = known.loc[known["attainment_ytd"].idxmin()]
    if worst["attainment_ytd"] < BEHIND:
        bad.append(
            _(
                "{region} is furthest behind: {ytd} of its year-to-date target, {short} short."
            ).format(
                region=worst["name"],
                ytd=fmt.pct(worst["attainment_ytd"]),
                short=fmt.rounded_money(worst["target_ytd"] - worst["revenue_ytd"]),
            )
        )
    return good, bad


def highlights(
    kpis: Mapping[str, object],
    fmt: Formatter,
    alarm: MarginAlarm | None = None,
    regions: Mapping[str, MarginAlert] | None = None,
    standing: pd.DataFrame | None = None,
) -> list[str]:
    """Up to five highlights, each stating the figures it is about (:data:`HIGHLIGHTS_RULE`).

    An alarm on the month's gross margin comes first, then bad and good news in turn. The new
    product's highlight is left out when its share of revenue reads 0.0% (a figure that rounds
    to nothing says nothing).

    Args:
        kpis: The report's headline figures.
        fmt: Formatter of the report.
        alarm: When the month's gross margin raises an alarm (``params``' ``margin_alarm``);
            None: its defaults.
        regions: In the company report, the alarm each region raises, by region name
            (``analysis.profitability.margin_alerts_by``); they follow the company's own.
        standing: In the company report, ``analysis.standing.region_standing``: the best region
            and the one furthest behind its target are named.
    """
    k = kpis
    alarms = []
    alert = month_margin_alert(k, alarm or MarginAlarm())
    if alert is not None:
        alarms.append(_alert_highlight(alert, fmt))
    for region, region_alert in (regions or {}).items():
        alarms.append(
            _(_REGION_ALERT[region_alert.kind]).format(
                region=region, **alert_values(region_alert, fmt)
            )
        )
    good, bad = _regions_news(standing, fmt)
    news: list[tuple[bool, str]] = []
    if _has(k, "revenue", "yoy_growth"):
        news.append(
            (
                k["yoy_growth"] >= 0,
                _("Revenue of {revenue}, {change} on the same month last year.").format(
                    revenue=fmt.rounded_money(k["revenue"]), change=fmt.signed_pct(k["yoy_growth"])
                ),
            )
        )
    if _has(k, "revenue_ytd", "target_ytd", "attainment_ytd"):
        revenue, target = fmt.distinct_money(k["revenue_ytd"], k["target_ytd"])
        news.append(
            (
                k["attainment_ytd"] >= BEHIND,
                _("Year to date at {attainment} of target: {revenue} of {target}.").format(
                    attainment=fmt.pct(k["attainment_ytd"]), revenue=revenue, target=target
                ),
            )
        )
    if _has(k, "gross_margin_pct_12m", "gross_margin_pct_12m_change"):
        news.append(
            (
                k["gross_margin_pct_12m_change"] >= 0,
                _(
                    "Gross margin over the last 12 months {margin}, {change} on the year before."
                ).format(
                    margin=fmt.pct(k["gross_margin_pct_12m"]),
                    change=fmt.points(k["gross_margin_pct_12m_change"]),
                ),
            )
        )
    if _has(k, "nrr", "churn_rate"):
        news.append(
            (
                k["nrr"] >= 1,
                _(
                    "Customers kept {nrr} of their revenue year on year (net revenue retention); "
                    "{churn} of them stopped buying."
                ).format(nrr=fmt.pct(k["nrr"], 0), churn=fmt.pct(k["churn_rate"])),
            )
        )
    rival = ("top_competitor_gain", "top_competitor_share_change", "win_rate_vs_top_competitor")
    if _has(k, *rival) and k["top_competitor_share_change"] > 0:  # "gained" says the sign
        news.append(
            (
                False,
                _(
                    "{rival} gained {gain} of market share; the win rate against it is {rate}."
                ).format(
                    rival=k["top_competitor_gain"],
                    gain=fmt.points(k["top_competitor_share_change"], signed=False),
                    rate=fmt.pct(k["win_rate_vs_top_competitor"], 0),
                ),
            )
        )
    if _has(k, "sla_breach_rate", "backlog") and k["sla_breach_rate"] > SLA_BREACH_ALERT:
        news.append(
            (
                False,
                _(
                    "{rate} of the month's support tickets missed their SLA target; {backlog} "
                    "tickets were still open at the month's end."
                ).format(rate=fmt.pct(k["sla_breach_rate"], 0), backlog=fmt.number(k["backlog"])),
            )
        )
    # a share that reads 0.0% says nothing: the highlight is left out
    if _has(k, "new_product", "new_product_share") and (
        fmt.pct(k["new_product_share"]) != fmt.pct(0.0)
    ):
        news.append(
            (
                True,
                _("{product} brought {share} of the month's revenue.").format(
                    product=k["new_product"], share=fmt.pct(k["new_product_share"])
                ),
            )
        )
    good += [text for is_good, text in news if is_good]
    bad += [text for is_good, text in news if not is_good]
    return (alarms + _interleave(bad, good))[:MAX_HIGHLIGHTS]


_OPENING = {  # (target known, margin known) -> the first sentence of the summary
    (True, True): N_(
        "{name} invoiced {revenue} in {month}, {attainment} of its {target} target, with a gross "
        "margin of {margin}."
    ),
    (True, False): N_("{name} invoiced {revenue} in {month}, {attainment} of its {target} target."),
    (False, True): N_("{name} invoiced {revenue} in {month}, with a gross margin of {margin}."),
    (False, False): N_("{name} invoiced {revenue} in {month}."),
}
_TO_DATE = {  # (regional, quarter known, year known) -> the second sentence of the summary
    (True, True, True): N_(
        "Quarter to date the region stands at {qtd} of target, year to date at {ytd}."
    ),
    (True, True, False): N_("Quarter to date the region stands at {qtd} of target."),
    (True, False, True): N_("Year to date the region stands at {ytd} of target."),
    (False, True, True): N_(
        "Quarter to date the company stands at {qtd} of target, year to date at {ytd}."
    ),
    (False, True, False): N_("Quarter to date the company stands at {qtd} of target."),
    (False, False, True): N_("Year to date the company stands at {ytd} of target."),
}


def summary(
    kpis: Mapping[str, object], fmt: Formatter, name: str, period: pd.Period, *, regional: bool
) -> str:
    """The executive summary's opening: revenue, then attainment and margin when they are known.

    "North America invoiced $960 in October 2026, 96.0% of its $1K target, with a gross
    margin of 50.0%. Quarter to date the region stands at 90.0% of target, year to date at
    105.0%." The company's report says "the company", never "the region". Without targets the
    attainment clause and the second sentence are left out; without the orders' cost, the
    margin clause; each case is a whole sentence of its own (``_OPENING``, ``_TO_DATE``).

    Args:
        kpis: The report's headline figures (``revenue`` is always there).
        fmt: Formatter of the report.
        name: The region's (or company's) name.
        period: The reported month.
        regional: True for a region's report, False for the company's
            (``ReportContext.regional``).
    """
    k = kpis
    with_target = _has(k, "attainment", "target")
    revenue, target = (
        fmt.distinct_money(k["revenue"], k["target"])
        if with_target
        else (fmt.rounded_money(k["revenue"]), "")
    )
    opening = _(_OPENING[(with_target, _has(k, "gross_margin_pct"))]).format(
        name=name,
        revenue=revenue,
        month=fmt.month(period),
        attainment=fmt.pct(k.get("attainment")),
        target=target,
        margin=fmt.pct(k.get("gross_margin_pct")),
    )
    to_date = _TO_DATE.get((regional, _has(k, "attainment_qtd"), _has(k, "attainment_ytd")))
    if to_date is None:
        return opening
    return (
        opening
        + " "
        + _(to_date).format(
            qtd=fmt.pct(k.get("attainment_qtd")),
            ytd=fmt.pct(k.get("attainment_ytd")),
        )
    )
