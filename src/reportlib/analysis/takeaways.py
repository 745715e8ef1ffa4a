"""Each section's takeaway: the one sentence that opens it, chosen by rule from its figures.

A takeaway is the section's most important fact in one whole sentence, so that a reader who
reads only the first line of each section still gets the report. It is chosen by a fixed rule
from the figures the section shows, never a fixed claim: on data shaped unlike the sample (one
region, one team, one product, no targets) the rule picks another template or gives None, and
the section then opens with its first paragraph. When a section's own statements already hold
the takeaway (the 12-month gross margin, the landing of the quarter, customer retention),
:func:`split_lead` takes it from its paragraph, so that it is said once.

The report shows a takeaway with ``present.takeaway``; the values are formatted here with the
report's :class:`~reportlib.formatting.Formatter`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from reportlib.analysis.sentences import Sentence, number
from reportlib.formatting import MISSING, Formatter
from reportlib.i18n import N_, _, ngettext
from reportlib.intake.data import TableSummary

TARGET_MONTH = N_("In {month} revenue reached {attainment} of its target.")
NO_TARGET = N_("Revenue of {month} was {revenue}; no target is set for the month.")
NO_TEAM_AT_TARGET = N_(
    "No team is at or above its target for the fiscal year to date; the lowest, {team}, stands "
    "at {attainment}."
)
ALL_TEAMS_AT_TARGET = N_(
    "All {teams} teams are at or above their target for the fiscal year to date; the lowest, "
    "{team}, stands at {attainment}."
)
ONE_TEAM = N_("The {team} team stands at {attainment} of its target for the fiscal year to date.")
RETAINED = N_(
    "The customers who bought in the 12 months to {year_ago} spent {nrr} of that year's amount "
    "in the 12 months to {month} (net revenue retention); {churn} of them stopped buying."
)
RETAINED_REVENUE = N_(
    "The customers who bought in the 12 months to {year_ago} spent {nrr} of that year's amount "
    "in the 12 months to {month} (net revenue retention)."
)
MIX_SHIFT = N_(
    "The largest shift in the revenue mix: the share of {group} ({what}) went from {before} in "
    "{month_before} to {now} in {month}."
)
"""The mix shift of a dimension that :data:`MIX_SHIFT_BY` does not name (``{what}``: its name)."""
MIX_SHIFT_BY = {  # what a reader calls the dimension (products.MIX_MEMBERS) -> its sentence
    "sales channel": N_(
        "The largest shift in the revenue mix: the share of {group} (sales channel) went from "
        "{before} in {month_before} to {now} in {month}."
    ),
    "product category": N_(
        "The largest shift in the revenue mix: the share of {group} (product category) went from "
        "{before} in {month_before} to {now} in {month}."
    ),
    "industry": N_(
        "The largest shift in the revenue mix: the share of {group} (industry) went from "
        "{before} in {month_before} to {now} in {month}."
    ),
    "customer segment": N_(
        "The largest shift in the revenue mix: the share of {group} (customer segment) went from "
        "{before} in {month_before} to {now} in {month}."
    ),
}
NO_CAMPAIGN_PAYING = N_(
    "None of the {rated} campaigns that ended between {first} and {last} and have a known return "
    "paid back their spend after the cost of goods."
)
ALL_CAMPAIGNS_PAYING = N_(
    "All {rated} campaigns that ended between {first} and {last} and have a known return paid "
    "back their spend after the cost of goods."
)
CAMPAIGNS_REVENUE = N_(
    "The campaigns that ended between {first} and {last} cost {spend} and brought {revenue} of "
    "won revenue."
)
ALL_ACCEPTED = N_("All {rows} input rows were accepted; none was quarantined.")
QUARANTINED_MOST_IN = N_(
    "{quarantined} of {rows} input rows were quarantined ({share}), the most in {file}."
)


def target_run(met: int) -> str:
    """The month's attainment and the months that met their target (``{met}`` of them)."""
    return ngettext(
        "In {month} revenue reached {attainment} of its target; {met} of the {months} months "
        "shown with a target met it.",
        "In {month} revenue reached {attainment} of its target; {met} of the {months} months "
        "shown with a target met it.",
        met,
    )


def teams_at_target(at: int) -> str:
    """Some of the teams at or above their target (``{at}`` of them), and the lowest."""
    return ngettext(
        "{at} of the {teams} teams is at or above its target for the fiscal year to date; the "
        "lowest, {team}, stands at {attainment}.",
        "{at} of the {teams} teams are at or above their target for the fiscal year to date; the "
        "lowest, {team}, stands at {attainment}.",
        at,
    )


def campaigns_paying(rated: int) -> str:
    """How many of the ``{rated}`` campaigns with a known return paid back their spend."""
    return ngettext(
        "{paying} of the {rated} campaign that ended between {first} and {last} and has a known "
        "return paid back its spend after the cost of goods.",
        "{paying} of the {rated} campaigns that ended between {first} and {last} and have a known "
        "return paid back their spend after the cost of goods.",
        rated,
    )


def quarantined_in(quarantined: int) -> str:
    """The ``{quarantined}`` input rows quarantined, all in one file."""
    return ngettext(
        "{quarantined} of {rows} input rows was quarantined ({share}), in {file}.",
        "{quarantined} of {rows} input rows were quarantined ({share}), all in {file}.",
        quarantined,
    )


def complete(said: Sentence | None) -> bool:
    """Whether ``said`` is a sentence with every figure there (none is None or the n/a)."""
    values = said.values.values() if said is not None else [None]  # noqa: PD011 (a dict)
    return all(v is not None and v != MISSING for v in values)


def split_lead(said: Sequence[Sentence | None]) -> tuple[Sentence | None, list[Sentence | None]]:
    """The first complete sentence of a paragraph, as its section's takeaway, and the others.

    Args:
        said: A paragraph's sentences in order (a statements module's output); None for one
            that does not apply.

    Returns:
        (the first sentence that :func:`complete` accepts, or None; the paragraph without it),
        so that the takeaway is not said twice.
    """
    for i, sentence in enumerate(said):
        if complete(sentence):
            return sentence, [*said[:i], *said[i + 1 :]]
    return None, list(said)


def text_sentence(text: str | None) -> Sentence | None:
    """A sentence the analyses give as finished text (``market.gain_sentence``), or None."""
    return None if text is None else Sentence("{text}", {"text": text})


def targets_takeaway(trend: pd.DataFrame, fmt: Formatter) -> Sentence:
    """The month's attainment, and how many of the months shown met their target.

    Args:
        trend: ``revenue.revenue_vs_target``: ``revenue``, ``target`` and ``attainment``
            (revenue ÷ target, NaN without a target) by month (Period index), the reported
            month last.
        fmt: The report's formatter.

    Returns:
        :func:`target_run` when the month and at least one earlier month have a target (met:
        attainment ≥ 100%); :data:`TARGET_MONTH` when only the month has one; :data:`NO_TARGET`
        when the month has none.

    Raises:
        ValueError: if ``trend`` is empty.
    """
    if trend.empty:
        raise ValueError("targets_takeaway: no month to speak of")
    month = trend.index[-1]
    last = number(trend["attainment"].iloc[-1])
    if last is None:
        return Sentence(
            _(NO_TARGET),
            {
                "month": fmt.month(month),
                "revenue": fmt.money(trend["revenue"].iloc[-1], compact=True),
            },
        )
    with_target = trend["attainment"].dropna()
    values = {"month": fmt.month(month), "attainment": fmt.pct(last)}
    if len(with_target) < 2:
        return Sentence(_(TARGET_MONTH), values)
    met = int((with_target >= 1).sum())
    return Sentence(
        target_run(met),
        {
            **values,
            "met": fmt.number(met),
            "months": fmt.number(len(with_target)),
        },
    )


def team_takeaway(teams: pd.DataFrame, fmt: Formatter) -> Sentence | None:
    """How many teams are at or above their year-to-date target, and the lowest one.

    Args:
        teams: ``team.team_table``: indexed by team, lowest ``attainment`` (year to date) first;
            a team without a target has NaN.
        fmt: The report's formatter.

    Returns:
        With two teams or more with an attainment: :data:`NO_TEAM_AT_TARGET` when none is at
        100% or above, :data:`ALL_TEAMS_AT_TARGET` when all are, else :func:`teams_at_target`;
        :data:`ONE_TEAM` with one (one team is not "the lowest"); None with none.
    """
    rated = teams["attainment"].dropna().sort_values(kind="stable")
    if rated.empty:
        return None
    values = {"team": str(rated.index[0]), "attainment": fmt.pct(rated.iloc[0])}
    if len(rated) == 1:
        return Sentence(_(ONE_TEAM), values)
    at = int((rated >= 1).sum())
    values = {**values, "at": fmt.number(at), "teams": fmt.number(len(rated))}
    if at == 0:
        return Sentence(_(NO_TEAM_AT_TARGET), values)
    if at == len(rated):
        return Sentence(_(ALL_TEAMS_AT_TARGET), values)
    return Sentence(teams_at_target(at), values)


def customers_takeaway(
    kpis: Mapping[str, object], period: pd.Period, fmt: Formatter
) -> Sentence | None:
    """The starting cohort's net revenue retention, and the share of it that stopped buying.

    Said on its own, unlike ``customer_statements.retention_sentence`` (whose "Of the other
    customers" follows the sentence on customers who moved to another region).

    Args:
        kpis: The report's figures: ``nrr`` (the cohort's revenue of the last 12 months ÷ its
            revenue of the 12 months before) and ``churn_rate`` (the share of the cohort that did
            not buy again), fractions; after the customers who moved to another region.
        period: The reported month.
        fmt: The report's formatter.

    Returns:
        :data:`RETAINED`, or :data:`RETAINED_REVENUE` without a churn rate; None without a net
        revenue retention (no starting cohort, or too short a history).
    """
    nrr, churn = number(kpis.get("nrr")), number(kpis.get("churn_rate"))
    if nrr is None:
        return None
    values = {"year_ago": fmt.month(period - 12), "month": fmt.month(period), "nrr": fmt.pct(nrr)}
    if churn is None:
        return Sentence(_(RETAINED_REVENUE), values)
    return Sentence(_(RETAINED), {**values, "churn": fmt.pct(churn)})


def mix_takeaway(
    mixes: Mapping[str, pd.DataFrame], period: pd.Period, fmt: Formatter
) -> Sentence | None:
    """The group whose share of the month's revenue moved most against a year earlier.

    Args:
        mixes: By what a reader calls the dimension ("product category", "sales channel"),
            ``products.mix_by`` of the dimensions compared: ``share``, ``share_ly`` and
            ``mix_shift`` (share − share_ly, a fraction) by group.
        period: The reported month; the year-earlier month is ``period - 12``.
        fmt: The report's formatter.

    Returns:
        :data:`MIX_SHIFT_BY` (else :data:`MIX_SHIFT`) of the largest absolute mix shift over
        all dimensions (the first one given wins a tie); None when no dimension has a shift.
    """
    best: tuple[float, str, object, pd.Series] | None = None
    for what, mix in mixes.items():
        shifts = mix["mix_shift"].dropna()
        if shifts.empty:
            continue
        group = shifts.abs().idxmax()
        if best is None or abs(shifts[group]) > best[0]:
            best = (abs(shifts[group]), what, group, mix.loc[group])
    if best is None:
        return None
    what, group, row = best[1:]
    return Sentence(
        _(MIX_SHIFT_BY.get(what, MIX_SHIFT)),
        {
            "group": str(group),
            "what": _(what),
            "before": fmt.pct(row["share_ly"]),
            "now": fmt.pct(row["share"]),
            "month_before": fmt.month(period - 12),
            "month": fmt.month(period),
        },
    )


def campaigns_takeaway(
    results: pd.DataFrame, first: pd.Period, last: pd.Period, fmt: Formatter
) -> Sentence | None:
    """How many of the window's campaigns paid back their spend, or what they cost and brought.

    Args:
        results: ``campaigns.campaign_results``: ``spend``, ``revenue`` (attributed, won) and
            ``romi`` (NaN when unknown) by campaign.
        first: First month of the window of campaign end dates.
        last: Last month of that window.
        fmt: The report's formatter.

    Returns:
        When campaigns have a ROMI (paying back: ROMI ≥ 0): :data:`NO_CAMPAIGN_PAYING` or
        :data:`ALL_CAMPAIGNS_PAYING` when two or more have one and none or all pay back, else
        :func:`campaigns_paying` (one of one is not "all");
        :data:`CAMPAIGNS_REVENUE` when none has but their revenue is known; None without a
        campaign or without revenue.
    """
    window = {"first": fmt.month(first), "last": fmt.month(last)}
    romi = results["romi"].dropna()
    if len(romi):
        paying = int((romi >= 0).sum())
        values = {**window, "paying": fmt.number(paying), "rated": fmt.number(len(romi))}
        if len(romi) > 1 and paying in (0, len(romi)):
            return Sentence(_(NO_CAMPAIGN_PAYING if paying == 0 else ALL_CAMPAIGNS_PAYING), values)
        return Sentence(campaigns_paying(len(romi)), values)
    if results.empty or results["revenue"].isna().all():
        return None
    return Sentence(
        _(CAMPAIGNS_REVENUE),
        {
            **window,
            "spend": fmt.money(results["spend"].sum(), compact=True),
            "revenue": fmt.money(results["revenue"].sum(), compact=True),
        },
    )


def quality_takeaway(tables: Sequence[TableSummary], fmt: Formatter) -> Sentence | None:
    """How many input rows were quarantined, and in which file most of them.

    Args:
        tables: ``DataQuality.tables``: input rows and quarantined rows of each input file.
        fmt: The report's formatter.

    Returns:
        :data:`ALL_ACCEPTED` when no row was quarantined; :func:`quarantined_in` when all were
        in one file; :data:`QUARANTINED_MOST_IN` naming the file with the most (the first of
        equals); None without an input row.
    """
    rows = sum(t.input_rows for t in tables)
    quarantined = sum(t.quarantined for t in tables)
    if not rows:
        return None
    if not quarantined:
        return Sentence(_(ALL_ACCEPTED), {"rows": fmt.number(rows)})
    with_rows = [t for t in tables if t.quarantined]
    most = max(with_rows, key=lambda t: t.quarantined)
    values = {
        "quarantined": fmt.number(quarantined),
        "rows": fmt.number(rows),
        "share": fmt.pct(quarantined / rows),
        "file": most.file,
    }
    if len(with_rows) == 1:
        return Sentence(quarantined_in(quarantined), values)
    return Sentence(_(QUARANTINED_MOST_IN), values)
