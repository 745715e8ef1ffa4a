"""Rule-based recommendations, each citing the computed figure that triggers it.

Every rule reads the report's headline figures (``kpis.collect_kpis``); a rule whose trigger
figures are missing (an optional table or column not delivered) stays silent, and a supporting
figure that is missing is left out of the text, never cited as "n/a". Thresholds are named
constants so that the report's glossary can state them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from reportlib.analysis.comparisons import comparable
from reportlib.analysis.highlights import alert_values, month_margin_alert
from reportlib.analysis.profitability import MarginAlert
from reportlib.analysis.sentences import figure
from reportlib.analysis.team import compared_teams
from reportlib.config import MarginAlarm
from reportlib.formatting import Formatter
from reportlib.i18n import ngettext

ATTAINMENT_ALERT = 0.9
"""Quarter-to-date attainment below this asks for pipeline action."""
TEAM_ALERT = 0.8
"""A team below this share of its year-to-date target is named."""
LEAKAGE_ALERT = 0.02
"""A rise in discount leakage of more than 2 points in a channel is named."""
NRR_ALERT = 1.0
"""Net revenue retention below 100%: the installed base shrinks."""
CONCENTRATION_ALERT = 0.5
"""Top-10 customers holding more than half of revenue is a concentration risk."""
COMPETITOR_ALERT = 0.25
"""A win rate below 25% against one competitor is named."""

Kpis = Mapping[str, object]


@dataclass(frozen=True)
class Recommendation:
    """One recommendation.

    Attributes:
        priority: 1 (act now) to 3 (watch).
        text: The recommendation, with the figures that trigger it.
    """

    priority: int
    text: str


def _pipeline(kpis: Kpis, fmt: Formatter, name: str) -> Recommendation | None:
    attainment, coverage = figure(kpis, "attainment_qtd"), figure(kpis, "pipeline_coverage")
    win_rate = figure(kpis, "win_rate")
    if attainment is None or coverage is None or not win_rate or attainment >= ATTAINMENT_ALERT:
        return None
    needed = 1 / win_rate
    if coverage >= needed:
        return Recommendation(
            2,
            f"{name} is at {fmt.pct(attainment, 0)} of target quarter to date, but its "
            f"{fmt.number(coverage, 1)}× pipeline coverage exceeds the {fmt.number(needed, 1)}× "
            f"its {fmt.pct(win_rate, 0)} win rate needs: push late-stage deals to close.",
        )
    return Recommendation(
        1,
        f"{name} at {fmt.pct(attainment, 0)} of target quarter to date with "
        f"{fmt.number(coverage, 1)}× coverage: below the {fmt.number(needed, 1)}× its "
        f"{fmt.pct(win_rate, 0)} win rate needs. Build pipeline now.",
    )


def _teams(teams: pd.DataFrame | None, fmt: Formatter) -> list[Recommendation]:
    """Each team below :data:`TEAM_ALERT` of its year-to-date target, against the median team.

    Silent with fewer than ``MIN_MEMBERS`` teams with a target (``analysis.team.compared_teams``,
    ``analysis.comparisons.COMPARISON_RULE``): one team is the whole, and its "median team"
    itself; the quarter's attainment is the pipeline rule's.
    """
    if teams is None or "attainment" not in teams or not comparable(compared_teams(teams)):
        return []
    median = float(teams["attainment"].median())
    low = teams[teams["attainment"] < TEAM_ALERT].sort_values("attainment")
    return [
        Recommendation(
            1,
            f"Team {team} is at {fmt.pct(row['attainment'], 0)} of its year-to-date target "
            f"(median team {fmt.pct(median, 0)}): review its territory, pipeline and coaching.",
        )
        for team, row in low.iterrows()
    ]


def _leakage(kpis: Kpis, fmt: Formatter, _: str) -> Recommendation | None:
    channel, change = (
        kpis.get("largest_leakage_increase"),
        figure(kpis, "largest_leakage_increase_change"),
    )
    if not channel or change is None or change <= LEAKAGE_ALERT:
        return None
    overall = figure(kpis, "discount_leakage")
    rose = fmt.points(change, signed=False)  # "rose" says the sign
    if overall is None:
        return Recommendation(
            1,
            f"Discounts in the {channel} channel rose {rose} in 12 months: tighten discount "
            "approval for that channel.",
        )
    return Recommendation(
        1,
        f"Discounts in the {channel} channel rose {rose} in 12 months (overall leakage "
        f"{fmt.pct(overall)}): tighten discount approval for that channel.",
    )


def _retention(kpis: Kpis, fmt: Formatter, _: str) -> Recommendation | None:
    """A save campaign when revenue retention is below 100% and customers were lost.

    Lost means lost to the company (``customers_lost``, ``churn_rate``): in a region's report,
    customers who moved to another region still buy, and no campaign is asked for them. With
    no customer lost there is no account to save, and the rule stays silent.
    """
    nrr, churn, lost = (
        figure(kpis, "nrr"),
        figure(kpis, "churn_rate"),
        figure(kpis, "customers_lost"),
    )
    if nrr is None or nrr >= NRR_ALERT or lost == 0:
        return None
    if lost is not None and churn is not None:
        template = ngettext(
            "Net revenue retention is {nrr} with {lost} customer lost to the company, a churn "
            "rate of {churn}: run a save campaign on that account.",
            "Net revenue retention is {nrr} with {lost} customers lost to the company, a churn "
            "rate of {churn}: run a save campaign on those accounts.",
            lost,
        )
    elif churn is not None:
        template = (
            "Net revenue retention is {nrr} with {churn} of customers lost: run a save campaign "
            "on the accounts that stopped buying."
        )
    else:
        template = (
            "Net revenue retention is {nrr}: run a save campaign on the accounts that stopped "
            "buying."
        )
    return Recommendation(
        2, template.format(nrr=fmt.pct(nrr, 0), lost=fmt.number(lost), churn=fmt.pct(churn))
    )


def _campaign(kpis: Kpis, fmt: Formatter, _: str) -> Recommendation | None:
    worst, romi = kpis.get("worst_campaign"), figure(kpis, "worst_campaign_romi")
    if not worst or romi is None or romi >= 0:
        return None
    return Recommendation(
        2,
        f"Campaign {worst} returned a ROMI of {fmt.pct(romi, 0)}: stop or redesign it before "
        "the next budget round.",
    )


def _competitor(kpis: Kpis, fmt: Formatter, _: str) -> Recommendation | None:
    rival, rate = kpis.get("top_competitor_gain"), figure(kpis, "win_rate_vs_top_competitor")
    if not rival or rate is None or rate >= COMPETITOR_ALERT:
        return None
    return Recommendation(
        2,
        f"{rival} is gaining market share and the win rate against it is "
        f"{fmt.pct(rate, 0)}: prepare a battle card and review pricing on deals where it "
        "competes.",
    )


def _concentration(kpis: Kpis, fmt: Formatter, _: str) -> Recommendation | None:
    share = figure(kpis, "top10_share")
    if share is None or share <= CONCENTRATION_ALERT:
        return None
    return Recommendation(
        3,
        f"The ten largest customers bring {fmt.pct(share, 0)} of revenue: widen the base "
        "before one of them leaves.",
    )


_MARGIN = {  # analysis.profitability.MarginAlert.kind -> its recommendation
    "loss": "The month's sales cost {at_stake} more than they brought in (gross margin "
    "{margin}): find the lines sold below cost and correct their prices, discounts or recorded "
    "costs.",
    "floor": "The month's gross margin of {margin} is below the {reference} floor, {at_stake} "
    "of gross margin short of it: review the month's discounts and the cost of what was sold.",
    "drop": "The month's gross margin of {margin} is {gap} below the last 12 months' "
    "{reference}, {at_stake} less gross margin than at that rate: find the products, channels "
    "or deals that pulled it down.",
}


_REGION_MARGIN = {  # MarginAlert.kind -> the company report's recommendation for a region
    "loss": "In {region} the month's sales cost {at_stake} more than they brought in (gross "
    "margin {margin}): find the lines sold below cost and correct their prices, discounts or "
    "recorded costs.",
    "floor": "In {region} the month's gross margin of {margin} is below the {reference} floor, "
    "{at_stake} of gross margin short of it: review the month's discounts and the cost of what "
    "was sold.",
    "drop": "In {region} the month's gross margin of {margin} is {gap} below its last 12 "
    "months' {reference}, {at_stake} less gross margin than at that rate: find the products, "
    "channels or deals that pulled it down.",
}


def _margin(kpis: Kpis, fmt: Formatter, alarm: MarginAlarm) -> Recommendation | None:
    """Act now on a month's gross margin that raises an alarm, citing the money at stake.

    The alarm is ``analysis.profitability.margin_alert`` (``MARGIN_ALARM_RULE``), with the
    floor and the drop of ``params``' ``margin_alarm``.
    """
    alert = month_margin_alert(kpis, alarm)
    if alert is None:
        return None
    return Recommendation(1, _MARGIN[alert.kind].format(**alert_values(alert, fmt)))


def _region_margins(regions: Mapping[str, MarginAlert], fmt: Formatter) -> list[Recommendation]:
    """Act now on each region whose month's gross margin raises an alarm (company report)."""
    return [
        Recommendation(
            1, _REGION_MARGIN[alert.kind].format(region=region, **alert_values(alert, fmt))
        )
        for region, alert in regions.items()
    ]


RULES: tuple[Callable[[Kpis, Formatter, str], Recommendation | None], ...] = (
    _pipeline, _leakage, _retention, _campaign, _competitor, _concentration,
)  # fmt: skip


def recommend(
    kpis: Kpis,
    fmt: Formatter,
    name: str,
    teams: pd.DataFrame | None = None,
    alarm: MarginAlarm | None = None,
    regions: Mapping[str, MarginAlert] | None = None,
) -> list[Recommendation]:
    """The recommendations for one report, most urgent first (an alarm on the margin first).

    Args:
        kpis: The report's headline figures.
        fmt: Formatter of the report.
        name: The region's (or company's) name, used in the text.
        teams: Team attainment, indexed by team, with an ``attainment`` column (year to date).
        alarm: When the month's gross margin raises an alarm (``params``' ``margin_alarm``);
            None: its defaults.
        regions: In the company report, the alarm each region raises, by region name
            (``analysis.profitability.margin_alerts_by``).
    """
    found = [_margin(kpis, fmt, alarm or MarginAlarm())] + [rule(kpis, fmt, name) for rule in RULES]
    recs = [r for r in found if r is not None] + _region_margins(regions or {}, fmt)
    recs += _teams(teams, fmt)
    return sorted(recs, key=lambda r: r.priority)
