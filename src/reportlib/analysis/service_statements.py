"""The service section's sentences, one whole template for each case (:mod:`.sentences`).

The figures come from :mod:`reportlib.analysis.service`; each function here picks the template
the figures call for and formats them with the report's :class:`~reportlib.formatting.Formatter`.
A notebook shows the :class:`~.sentences.Sentence` with ``present.say`` or ``present.takeaway``,
which leave out a sentence holding a missing figure.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from reportlib.analysis import service
from reportlib.analysis.sentences import Sentence, number
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _, ngettext, pgettext

MEASURES = N_(
    "Times are calendar hours from a ticket's creation. The backlog is the tickets still open at "
    "the month's last instant. The SLA breach rate is the share of tickets with a target that "
    "missed their first-response or resolution target. CSAT is the share of ratings of 4 or 5 "
    "out of 5. The Net Promoter Score (NPS) is the share of promoters (answers of 9 or 10) less "
    "the share of detractors (0 to 6), each customer counted once by their latest answer in the "
    "last 3 months."
)
"""How the section's figures are measured, shown folded under its takeaway: ``_(MEASURES)``."""
BUILDUP_MONTHS = 3
"""The backlog is compared with its level this many months before the reported month."""
BUILDUP_RISE = 0.25
"""A backlog at least 25% above its level :data:`BUILDUP_MONTHS` months earlier is a build-up."""
BUILDUP_MIN_TICKETS = 10
"""... and at least this many tickets more: a handful of tickets is no build-up."""


def priority_label(value: object) -> str:
    """A ticket priority (``Low`` ... ``Urgent``) or service row label, in the report's words.

    Row labels of :mod:`~reportlib.analysis.service` go through its ``service_label``; any
    other value is returned unchanged. The priorities stay English in the data (the
    contract's values); they are translated here, for display only.
    """
    words = {
        "Low": pgettext("ticket priority", "Low"),
        "Normal": pgettext("ticket priority", "Normal"),
        "High": pgettext("ticket priority", "High"),
        "Urgent": pgettext("ticket priority", "Urgent"),
    }
    text = str(value)
    return words.get(text, service.service_label(text))


def buildup(trend: pd.DataFrame, months: int = BUILDUP_MONTHS) -> tuple[float, float] | None:
    """(backlog ``months`` months before the last month, backlog at the last month's end).

    A build-up when the last is at least :data:`BUILDUP_RISE` above the earlier and at least
    :data:`BUILDUP_MIN_TICKETS` tickets more; None otherwise or when either is unknown.

    Args:
        trend: :func:`reportlib.analysis.service.trend` (``backlog`` per month, oldest first).
        months: How far back the comparison goes.
    """
    if len(trend) <= months:
        return None
    before, now = number(trend["backlog"].iloc[-1 - months]), number(trend["backlog"].iloc[-1])
    if before is None or now is None:
        return None
    if now - before >= BUILDUP_MIN_TICKETS and now >= before * (1 + BUILDUP_RISE):
        return before, now
    return None


def service_takeaway(trend: pd.DataFrame, period: pd.Period, fmt: Formatter) -> Sentence | None:
    """The section's opening sentence: a backlog build-up, else SLA and satisfaction.

    Rule: a build-up (:func:`buildup`) is named first; otherwise the month's SLA breach rate
    with CSAT; otherwise NPS alone (surveys without tickets); None when nothing is known.
    """
    last = trend.iloc[-1] if len(trend) else pd.Series(dtype="float64")
    grew = buildup(trend)
    if grew is not None:
        template = _(
            "The support backlog built up from {before} open tickets at the end of {then} to "
            "{now} at the end of {month}."
        )
        return Sentence(
            template,
            {
                "before": fmt.number(grew[0]),
                "now": fmt.number(grew[1]),
                "then": fmt.month(period - BUILDUP_MONTHS),
                "month": fmt.month(period),
            },
        )
    breach, csat, nps = (number(last.get(k)) for k in ("sla_breach_rate", "csat", "nps"))
    if breach is not None:
        if csat is not None:
            template = _(
                "In {month}, {breach} of support tickets missed their SLA target, and {csat} of "
                "the ratings were good (CSAT)."
            )
        else:
            template = _("In {month}, {breach} of support tickets missed their SLA target.")
        values = {"month": fmt.month(period), "breach": fmt.pct(breach, 0), "csat": fmt.pct(csat)}
        return Sentence(template, values)
    if nps is not None:
        return Sentence(
            _("The Net Promoter Score of the 3 months to {month} was {nps}."),
            {"month": fmt.month(period), "nps": fmt.number(nps)},
        )
    return None


def volume_sentences(
    figures: Mapping[str, object], ages: pd.DataFrame, period: pd.Period, fmt: Formatter
) -> tuple[Sentence, ...]:
    """Tickets opened and solved in the month; the backlog at its end with its old part.

    Two sentences, each plural by its own count; none when the counts are unknown.

    Args:
        figures: :func:`reportlib.analysis.service.summary` of the month.
        ages: :func:`reportlib.analysis.service.backlog_ages` of the month.
        period: The reported month.
        fmt: Formatter of the report.
    """
    created, backlog = number(figures.get("tickets")), number(figures.get("backlog"))
    if created is None or backlog is None:
        return ()
    old = float(ages["tickets"].iloc[3:].sum())  # 7 days and older (AGE_BUCKETS)
    solved = number(figures.get("solved"))
    values = {
        "created": fmt.number(created),
        "solved": fmt.number(solved),
        "backlog": fmt.number(backlog),
        "old": fmt.number(old),
        "month": fmt.month(period),
    }
    opened = ngettext(
        "{created} support ticket was opened in {month} and {solved} solved.",
        "{created} support tickets were opened in {month} and {solved} solved.",
        created,
    )
    still = ngettext(
        "At the month's end {backlog} ticket was still open ({old} for more than 7 days).",
        "At the month's end {backlog} tickets were still open ({old} for more than 7 days).",
        backlog,
    )
    return Sentence(opened, values), Sentence(still, values)


def times_sentence(figures: Mapping[str, object], fmt: Formatter) -> Sentence:
    """First response and resolution times, median and P90, in hours (one decimal)."""
    values = {
        key: fmt.number(number(figures.get(f"{kind}_{what}_hours")), 1)
        for key, kind, what in (
            ("response", "median", "first_response"),
            ("response_p90", "p90", "first_response"),
            ("resolution", "median", "resolution"),
            ("resolution_p90", "p90", "resolution"),
        )
    }
    template = _(
        "The first response came after {response} hours at the median and {response_p90} hours "
        "for the slowest tenth of tickets (P90); a ticket was solved after {resolution} hours at "
        "the median and {resolution_p90} hours at P90 (calendar hours)."
    )
    return Sentence(template, values)


def breach_sentence(table: pd.DataFrame | None, fmt: Formatter) -> Sentence | None:
    """The month's SLA breach rate and the priority with the highest one.

    Args:
        table: :func:`reportlib.analysis.service.sla_breach_by_priority`, or None.
        fmt: Formatter of the report.
    """
    if table is None or pd.isna(table.loc[service.ALL_PRIORITIES, "breach_rate"]):
        return None
    rates = table.drop(index=service.ALL_PRIORITIES)["breach_rate"].dropna()
    overall = fmt.pct(table.loc[service.ALL_PRIORITIES, "breach_rate"])
    if rates.empty:
        return Sentence(_("The SLA breach rate was {rate}."), {"rate": overall})
    worst = rates.idxmax()
    return Sentence(
        _(
            "The SLA breach rate was {rate}; the highest was that of the {priority} priority, "
            "at {worst}."
        ),
        {"rate": overall, "priority": priority_label(worst), "worst": fmt.pct(rates[worst])},
    )


def satisfaction_sentence(figures: Mapping[str, object], fmt: Formatter) -> Sentence | None:
    """CSAT (good ratings ÷ ratings) and NPS, with how many each counts."""
    csat, nps = number(figures.get("csat")), number(figures.get("nps"))
    ratings, answers = number(figures.get("ratings")), number(figures.get("nps_customers"))
    values = {
        "csat": fmt.pct(csat),
        "ratings": fmt.number(ratings),
        "nps": fmt.number(nps),
        "answers": fmt.number(answers),
    }
    if csat is not None and nps is not None:
        template = _(
            "CSAT was {csat} of {ratings} ratings; the Net Promoter Score was {nps}, from the "
            "latest answers of {answers} customers."
        )
    elif csat is not None:
        template = _("CSAT was {csat} of {ratings} ratings.")
    elif nps is not None:
        template = _(
            "The Net Promoter Score was {nps}, from the latest answers of {answers} customers."
        )
    else:
        return None
    return Sentence(template, values)


def breach_churn_sentence(
    table: pd.DataFrame, period: pd.Period, fmt: Formatter
) -> Sentence | None:
    """Churn and NRR of the customers whose tickets missed an SLA target, against the others.

    Args:
        table: :func:`reportlib.analysis.service.retention_by_experience` of
            :func:`~reportlib.analysis.service.breach_experience`.
        period: The reported month.
        fmt: Formatter of the report.
    """
    if not {service.BREACHED, service.NOT_BREACHED} <= set(table.index):
        return None
    hit, ok = table.loc[service.BREACHED], table.loc[service.NOT_BREACHED]
    return Sentence(
        _(
            "Of the customers with a ticket that missed its SLA target in the 12 months to "
            "{year_ago}, {churn} have stopped buying since, against {churn_ok} of the others; "
            "their net revenue retention was {nrr}, against {nrr_ok}."
        ),
        {
            "year_ago": fmt.month(period - 12),
            "churn": fmt.pct(hit["churn_rate"]),
            "churn_ok": fmt.pct(ok["churn_rate"]),
            "nrr": fmt.pct(hit["nrr"], 0),
            "nrr_ok": fmt.pct(ok["nrr"], 0),
        },
    )


def nps_churn_sentence(table: pd.DataFrame, period: pd.Period, fmt: Formatter) -> Sentence | None:
    """Churn of detractors, passives and promoters (their NPS answers of a year earlier)."""
    groups = (service.DETRACTORS, service.PASSIVES, service.PROMOTERS)
    if not set(groups) <= set(table.index):
        return None
    churn = [fmt.pct(table.loc[g, "churn_rate"]) for g in groups]
    return Sentence(
        _(
            "By their NPS answers in the 12 months to {year_ago}, {detractors} of the "
            "detractors have stopped buying since, {passives} of the passives and {promoters} of "
            "the promoters."
        ),
        {
            "year_ago": fmt.month(period - 12),
            "detractors": churn[0],
            "passives": churn[1],
            "promoters": churn[2],
        },
    )


def accounts_sentence(accounts: pd.DataFrame, regional: bool, fmt: Formatter) -> Sentence:
    """How many accounts show a bad service signal; named only in a region's report.

    Args:
        accounts: :func:`reportlib.analysis.service.accounts_with_bad_service`: in the company
            report all of them (a large ``top``), in a region's the largest.
        regional: Whether the report is a region's.
        fmt: Formatter of the report.
    """
    n = len(accounts)
    if not regional:
        template = ngettext(
            "{n} account that bought in the last 12 months shows a bad service signal in the "
            "last 3 months; its region's report names it.",
            "{n} accounts that bought in the last 12 months show a bad service signal in the last "
            "3 months; each region's report names its largest.",
            n,
        )
    elif n:
        template = ngettext(
            "{n} large account shows a bad service signal in the last 3 months: a missed SLA "
            "target, a poor rating, a ticket open for more than 7 days or a detractor's answer.",
            "The {n} largest accounts with a bad service signal in the last 3 months: a missed "
            "SLA target, a poor rating, a ticket open for more than 7 days or a detractor's "
            "answer.",
            n,
        )
    else:
        template = _("No account with revenue shows a bad service signal in the last 3 months.")
    return Sentence(template, {"n": fmt.number(n)})
