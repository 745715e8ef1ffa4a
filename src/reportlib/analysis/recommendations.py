"""Rule-based recommendations, each citing the computed figure that triggers it.

Every rule reads the report's headline figures (``kpis.collect_kpis``); a rule whose trigger
figures are missing (an optional table or column not delivered) stays silent, and a supporting
figure that is missing is left out of the text, never cited as "n/a". Thresholds are named
constants so that the report's glossary can state them.

Each recommendation carries a one-line ``headline`` (the executive summary shows the first three)
and its full ``text`` with the reason (the recommendations section), and, where the figures
measure it, the money at stake: the gross margin short of its alarm, the forecast gap of the
quarter or year (target − landing), a region's or team's shortfall to its year-to-date target
(target − revenue). :data:`RANKING_RULE`: the largest amount first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from reportlib.analysis.comparisons import comparable
from reportlib.analysis.forecast.caveats import landing_statement
from reportlib.analysis.forecast.statements import landing_values
from reportlib.analysis.highlights import alert_values, month_margin_alert
from reportlib.analysis.profitability import MarginAlert
from reportlib.analysis.sentences import figure, number
from reportlib.analysis.team import compared_teams
from reportlib.config import MarginAlarm
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _, ngettext

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
BACKLOG_ALERT = 0.5
"""A support backlog larger than half the month's new tickets asks for support capacity."""
REGION_ALERT = 0.9
"""In the company report, a region below this share of its year-to-date target is named (the
region strip's "Well below target")."""
RANKING_RULE = N_(
    "Recommendations are ranked by the money at stake, largest first: the gross margin short of "
    "its alarm, the forecast gap (target − landing) of the fiscal quarter or year, a region's or "
    "team's shortfall to its year-to-date target; those whose stake no figure measures follow, "
    "most urgent first."
)
"""Shown to readers in their language: ``_(RANKING_RULE)``."""

Kpis = Mapping[str, object]


@dataclass(frozen=True)
class Recommendation:
    """One recommendation.

    Attributes:
        priority: 1 (act now) to 3 (watch).
        text: The recommendation, with the figures that trigger it and the reason.
        headline: The action in one line, with its stake (the executive summary's top three).
        at_stake: The money at stake, in the report's currency; None when no figure measures it.
    """

    priority: int
    text: str
    headline: str = ""
    at_stake: float | None = None


def _pipeline(kpis: Kpis, fmt: Formatter, name: str) -> Recommendation | None:
    attainment, coverage = figure(kpis, "attainment_qtd"), figure(kpis, "pipeline_coverage")
    win_rate = figure(kpis, "win_rate")
    if attainment is None or coverage is None or not win_rate or attainment >= ATTAINMENT_ALERT:
        return None
    needed = 1 / win_rate
    values = {
        "name": name,
        "attainment": fmt.pct(attainment, 0),
        "coverage": fmt.number(coverage, 1),
        "needed": fmt.number(needed, 1),
        "win_rate": fmt.pct(win_rate, 0),
    }
    if coverage >= needed:
        return Recommendation(
            2,
            _(
                "{name} is at {attainment} of target quarter to date, but its {coverage}× "
                "pipeline coverage exceeds the {needed}× its {win_rate} win rate needs: push "
                "late-stage deals to close."
            ).format(**values),
            _("Push late-stage deals to close: {attainment} of target quarter to date").format(
                **values
            ),
        )
    return Recommendation(
        1,
        _(
            "{name} at {attainment} of target quarter to date with {coverage}× coverage: below "
            "the {needed}× its {win_rate} win rate needs. Build pipeline now."
        ).format(**values),
        _("Build pipeline: {coverage}× coverage against the {needed}× needed").format(**values),
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
    found = []
    for team, row in low.iterrows():
        revenue, target = number(row.get("revenue")), number(row.get("target"))
        short = None if revenue is None or target is None else target - revenue
        values = {
            "team": team,
            "attainment": fmt.pct(row["attainment"], 0),
            "median": fmt.pct(median, 0),
            "short": fmt.rounded_money(short),
        }
        headline = (
            _("Review team {team}: {attainment} of its year-to-date target")
            if short is None
            else _("Review team {team}: {short} short of its year-to-date target")
        )
        found.append(
            Recommendation(
                1,
                _(
                    "Team {team} is at {attainment} of its year-to-date target (median team "
                    "{median}): review its territory, pipeline and coaching."
                ).format(**values),
                headline.format(**values),
                short,
            )
        )
    return found


def _leakage(kpis: Kpis, fmt: Formatter, _name: str) -> Recommendation | None:
    channel, change = (
        kpis.get("largest_leakage_increase"),
        figure(kpis, "largest_leakage_increase_change"),
    )
    if not channel or change is None or change <= LEAKAGE_ALERT:
        return None
    overall = figure(kpis, "discount_leakage")
    values = {
        "channel": channel,
        "rose": fmt.points(change, signed=False),  # "rose" says the sign
        "overall": fmt.pct(overall),
    }
    headline = _("Tighten discount approval in the {channel} channel: discounts up {rose}")
    text = (
        _(
            "Discounts in the {channel} channel rose {rose} in 12 months: tighten discount "
            "approval for that channel."
        )
        if overall is None
        else _(
            "Discounts in the {channel} channel rose {rose} in 12 months (overall leakage "
            "{overall}): tighten discount approval for that channel."
        )
    )
    return Recommendation(1, text.format(**values), headline.format(**values))


def _retention(kpis: Kpis, fmt: Formatter, _name: str) -> Recommendation | None:
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
        template = _(
            "Net revenue retention is {nrr} with {churn} of customers lost: run a save campaign "
            "on the accounts that stopped buying."
        )
    else:
        template = _(
            "Net revenue retention is {nrr}: run a save campaign on the accounts that stopped "
            "buying."
        )
    return Recommendation(
        2,
        template.format(nrr=fmt.pct(nrr, 0), lost=fmt.number(lost), churn=fmt.pct(churn)),
        _("Run a save campaign: net revenue retention {nrr}").format(nrr=fmt.pct(nrr, 0)),
    )


def _backlog(kpis: Kpis, fmt: Formatter, _name: str) -> Recommendation | None:
    """More support capacity when the backlog exceeds :data:`BACKLOG_ALERT` of the intake."""
    backlog, opened = figure(kpis, "backlog"), figure(kpis, "tickets")
    if backlog is None or not opened or backlog <= BACKLOG_ALERT * opened:
        return None
    values = {"backlog": fmt.number(backlog), "opened": fmt.number(opened)}
    return Recommendation(
        2,
        ngettext(
            "{backlog} support ticket was open at the month's end against {opened} opened in "
            "the month: add support capacity and clear the oldest tickets first.",
            "{backlog} support tickets were open at the month's end against {opened} opened in "
            "the month: add support capacity and clear the oldest tickets first.",
            backlog,
        ).format(**values),
        _("Clear the support backlog: {backlog} open tickets").format(**values),
    )


def _campaign(kpis: Kpis, fmt: Formatter, _name: str) -> Recommendation | None:
    worst, romi = kpis.get("worst_campaign"), figure(kpis, "worst_campaign_romi")
    if not worst or romi is None or romi >= 0:
        return None
    values = {"campaign": worst, "romi": fmt.pct(romi, 0)}
    return Recommendation(
        2,
        _(
            "Campaign {campaign} returned a ROMI of {romi}: stop or redesign it before the next "
            "budget round."
        ).format(**values),
        _("Stop or redesign campaign {campaign}: ROMI {romi}").format(**values),
    )


def _competitor(kpis: Kpis, fmt: Formatter, _name: str) -> Recommendation | None:
    rival, rate = kpis.get("top_competitor_gain"), figure(kpis, "win_rate_vs_top_competitor")
    if not rival or rate is None or rate >= COMPETITOR_ALERT:
        return None
    values = {"rival": rival, "rate": fmt.pct(rate, 0)}
    return Recommendation(
        2,
        _(
            "{rival} is gaining market share and the win rate against it is {rate}: prepare a "
            "battle card and review pricing on deals where it competes."
        ).format(**values),
        _("Prepare a battle card against {rival}: win rate {rate}").format(**values),
    )


def _concentration(kpis: Kpis, fmt: Formatter, _name: str) -> Recommendation | None:
    share = figure(kpis, "top10_share")
    if share is None or share <= CONCENTRATION_ALERT:
        return None
    return Recommendation(
        3,
        _(
            "The ten largest customers bring {share} of revenue: widen the base before one of "
            "them leaves."
        ).format(share=fmt.pct(share, 0)),
        _("Widen the customer base: the ten largest bring {share} of revenue").format(
            share=fmt.pct(share, 0)
        ),
    )


_MARGIN = {  # analysis.profitability.MarginAlert.kind -> its recommendation
    "loss": N_(
        "The month's sales cost {at_stake} more than they brought in (gross margin {margin}): "
        "find the lines sold below cost and correct their prices, discounts or recorded costs."
    ),
    "floor": N_(
        "The month's gross margin of {margin} is below the {reference} floor, {at_stake} of gross "
        "margin short of it: review the month's discounts and the cost of what was sold."
    ),
    "drop": N_(
        "The month's gross margin of {margin} is {gap} below the last 12 months' {reference}, "
        "{at_stake} less gross margin than at that rate: find the products, channels or deals "
        "that pulled it down."
    ),
}


_REGION_MARGIN = {  # MarginAlert.kind -> the company report's recommendation for a region
    "loss": N_(
        "In {region} the month's sales cost {at_stake} more than they brought in (gross margin "
        "{margin}): find the lines sold below cost and correct their prices, discounts or "
        "recorded costs."
    ),
    "floor": N_(
        "In {region} the month's gross margin of {margin} is below the {reference} floor, "
        "{at_stake} of gross margin short of it: review the month's discounts and the cost of "
        "what was sold."
    ),
    "drop": N_(
        "In {region} the month's gross margin of {margin} is {gap} below its last 12 months' "
        "{reference}, {at_stake} less gross margin than at that rate: find the products, channels "
        "or deals that pulled it down."
    ),
}


_MARGIN_HEADLINE = {  # MarginAlert.kind -> the recommendation's one line
    "loss": N_("Find the lines sold below cost: {at_stake} lost this month"),
    "floor": N_("Bring the gross margin back to its {reference} floor: {at_stake} short"),
    "drop": N_("Find what pulled the gross margin down: {at_stake} below its 12-month rate"),
}
_REGION_MARGIN_HEADLINE = {  # MarginAlert.kind -> a region's recommendation in one line
    "loss": N_("{region}: find the lines sold below cost, {at_stake} lost this month"),
    "floor": N_("{region}: bring the gross margin back to its {reference} floor, {at_stake} short"),
    "drop": N_(
        "{region}: find what pulled the gross margin down, {at_stake} below its 12-month rate"
    ),
}


def _margin(kpis: Kpis, fmt: Formatter, alarm: MarginAlarm) -> Recommendation | None:
    """Act now on a month's gross margin that raises an alarm, citing the money at stake.

    The alarm is ``analysis.profitability.margin_alert`` (``MARGIN_ALARM_RULE``), with the
    floor and the drop of ``params``' ``margin_alarm``.
    """
    alert = month_margin_alert(kpis, alarm)
    if alert is None:
        return None
    values = alert_values(alert, fmt)
    return Recommendation(
        1,
        _(_MARGIN[alert.kind]).format(**values),
        _(_MARGIN_HEADLINE[alert.kind]).format(**values),
        alert.at_stake,
    )


def _region_margins(regions: Mapping[str, MarginAlert], fmt: Formatter) -> list[Recommendation]:
    """Act now on each region whose month's gross margin raises an alarm (company report)."""
    return [
        Recommendation(
            1,
            _(_REGION_MARGIN[alert.kind]).format(region=region, **alert_values(alert, fmt)),
            _(_REGION_MARGIN_HEADLINE[alert.kind]).format(
                region=region, **alert_values(alert, fmt)
            ),
            alert.at_stake,
        )
        for region, alert in regions.items()
    ]


GAP = {  # (period, probability stated) -> the forecast gap's recommendation
    ("quarter", True): N_(
        "The fiscal quarter ({start} to {end}) is forecast to land at {landing}, {gap} short of "
        "its {target} target, with a probability of {probability} of reaching it: push the "
        "quarter's late-stage deals to close and pull in deals planned for the next quarter."
    ),
    ("quarter", False): N_(
        "The fiscal quarter ({start} to {end}) is forecast to land at {landing}, {gap} short of "
        "its {target} target: push the quarter's late-stage deals to close and pull in deals "
        "planned for the next quarter."
    ),
    ("year", True): N_(
        "The fiscal year ({start} to {end}) is forecast to land at {landing}, {gap} short of its "
        "{target} target, with a probability of {probability} of reaching it: plan how the months "
        "left recover the gap (deals to pull in, pipeline to add for each month)."
    ),
    ("year", False): N_(
        "The fiscal year ({start} to {end}) is forecast to land at {landing}, {gap} short of its "
        "{target} target: plan how the months left recover the gap (deals to pull in, pipeline to "
        "add for each month)."
    ),
}
"""The forecast gap's recommendation for the fiscal quarter or year, each written whole (the
period named in it, not given), with its probability of reaching target stated as the forecast
section states it, or without when it gives none."""
GAP_HEADLINE = {
    "quarter": N_("Close the fiscal quarter's {gap} gap to target (forecast)"),
    "year": N_("Close the fiscal year's {gap} gap to target (forecast)"),
}


def _forecast_gaps(
    landings: pd.DataFrame | None, kpis: Kpis, fmt: Formatter
) -> list[Recommendation]:
    """Act on a fiscal quarter or year whose landing is below its target: the gap at stake.

    Reads the landings the forecast section shows (``ReportContext.landings``,
    ``analysis.forecast.landing``) and states their probability as it does
    (``landing_statement`` with the backtest WAPE and, for the quarter, the pipeline's commit and
    best-case forecasts from ``kpis``). A period with no month left is a fact, not a forecast:
    nothing can be done about it, and no recommendation is made.
    """
    if landings is None:
        return []
    pipeline = {k: figure(kpis, k) for k in ("commit_forecast", "best_case_forecast")}
    found = []
    for name in ("quarter", "year"):
        if name not in landings.index:
            continue
        row = landings.loc[name]
        land, target = number(row["landing"]), number(row["target"])
        if int(row["months_left"]) == 0 or land is None or not target or land >= target:
            continue
        said = landing_statement(
            row, figure(kpis, "forecast_backtest_wape"), pipeline if name == "quarter" else None
        )
        gap_text = fmt.rounded_money(target - land)
        landing_text, target_text = fmt.distinct_money(land, target)
        values = landing_values(name, row, said, fmt, landing_text, target_text) | {"gap": gap_text}
        found.append(
            Recommendation(
                1,
                _(GAP[(name, said.wording == "probability")]).format(**values),
                _(GAP_HEADLINE[name]).format(gap=gap_text),
                target - land,
            )
        )
    return found


def _lagging_regions(standing: pd.DataFrame | None, fmt: Formatter) -> list[Recommendation]:
    """In the company report, each region below :data:`REGION_ALERT` of its year-to-date target.

    ``standing`` is ``analysis.standing.region_standing``; the shortfall (target − revenue, year
    to date) is the money at stake.
    """
    if standing is None or not comparable(list(standing.index)):
        return []
    found = []
    for _region, row in standing.iterrows():
        attainment = number(row["attainment_ytd"])
        if attainment is None or attainment >= REGION_ALERT:
            continue
        short = float(row["target_ytd"]) - float(row["revenue_ytd"])
        month = number(row["attainment"])
        values = {
            "region": row["name"],
            "ytd": fmt.pct(attainment, 0),
            "short": fmt.rounded_money(short),
            "month": fmt.pct(month, 0),
        }
        template = (
            _(
                "{region} is at {ytd} of its year-to-date target, {short} short: review its "
                "pipeline and plan for the months left with its sales lead."
            )
            if month is None
            else _(
                "{region} is at {ytd} of its year-to-date target, {short} short ({month} in the "
                "month): review its pipeline and plan for the months left with its sales lead."
            )
        )
        found.append(
            Recommendation(
                1,
                template.format(**values),
                _("Get {region} back to target: {short} behind year to date").format(**values),
                short,
            )
        )
    return found


def ranked(recommendations: list[Recommendation]) -> list[Recommendation]:
    """``recommendations`` in :data:`RANKING_RULE`'s order (a stable sort).

    The largest money at stake first; those without an amount after them, by priority (1 first),
    each group keeping the order it came in.
    """

    def key(r: Recommendation) -> tuple[int, float, int]:
        return (1, 0.0, r.priority) if r.at_stake is None else (0, -r.at_stake, r.priority)

    return sorted(recommendations, key=key)


RULES: tuple[Callable[[Kpis, Formatter, str], Recommendation | None], ...] = (
    _pipeline, _leakage, _retention, _backlog, _campaign, _competitor, _concentration,
)  # fmt: skip


def recommend(
    kpis: Kpis,
    fmt: Formatter,
    name: str,
    teams: pd.DataFrame | None = None,
    alarm: MarginAlarm | None = None,
    regions: Mapping[str, MarginAlert] | None = None,
    landings: pd.DataFrame | None = None,
    standing: pd.DataFrame | None = None,
) -> list[Recommendation]:
    """The recommendations for one report, the most money at stake first (:func:`ranked`).

    Args:
        kpis: The report's headline figures.
        fmt: Formatter of the report.
        name: The region's (or company's) name, used in the text.
        teams: Team attainment, indexed by team, with an ``attainment`` column (year to date)
            and, for the shortfall at stake, ``revenue`` and ``target``.
        alarm: When the month's gross margin raises an alarm (``params``' ``margin_alarm``);
            None: its defaults.
        regions: In the company report, the alarm each region raises, by region name
            (``analysis.profitability.margin_alerts_by``).
        landings: Where the fiscal quarter and year land (``analysis.forecast.landing``, as the
            forecast section shows it); a landing below target is a forecast gap to close.
        standing: In the company report, ``analysis.standing.region_standing``: a region behind
            its year-to-date target is named.
    """
    found = [_margin(kpis, fmt, alarm or MarginAlarm())] + [rule(kpis, fmt, name) for rule in RULES]
    recs = [r for r in found if r is not None] + _region_margins(regions or {}, fmt)
    recs += _forecast_gaps(landings, kpis, fmt)
    recs += _lagging_regions(standing, fmt)
    recs += _teams(teams, fmt)
    return ranked(recs)
