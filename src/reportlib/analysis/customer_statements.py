"""The customers section's sentences and table caption, one whole template for each case.

Each sentence is written whole, once per case and plural form (``reportlib.i18n.ngettext``),
with named placeholders (:mod:`.sentences`). The functions here pick the template that the
figures call for and format the figures with the report's
:class:`~reportlib.formatting.Formatter`; a notebook shows the :class:`~.sentences.Sentence`
with ``present.say(said)``, which escapes the values. A template
is picked so that none of its figures is missing: a sentence never reads "n/a".
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from reportlib.analysis.customers import headline_fall, recent_falls
from reportlib.analysis.sentences import Sentence, figure, plural
from reportlib.formatting import Formatter

MOVED = (
    "{moved} customer who bought in {region} in the 12 months to {year_ago} moved to another "
    "region: they bought nothing here in the 12 months to {month}, but bought in another "
    "region. The company did not lose them; the churn and revenue retention below leave them "
    "out.",
    "{moved} customers who bought in {region} in the 12 months to {year_ago} moved to another "
    "region: they bought nothing here in the 12 months to {month}, but bought in another "
    "region. The company did not lose them; the churn and revenue retention below leave them "
    "out.",
)
"""The customers who moved to another region (singular, plural)."""
RETENTION = {
    "cohort": (
        "Of the {cohort} customer who bought in the 12 months to {year_ago}, {retention} bought "
        "again in the 12 months to {month}; {lost} did not, a churn rate of {churn}. The revenue "
        "of that starting cohort came to {nrr} of its level a year earlier (net revenue "
        "retention), or {grr} counting only the losses (gross revenue retention).",
        "Of the {cohort} customers who bought in the 12 months to {year_ago}, {retention} bought "
        "again in the 12 months to {month}; {lost} did not, a churn rate of {churn}. The revenue "
        "of that starting cohort came to {nrr} of its level a year earlier (net revenue "
        "retention), or {grr} counting only the losses (gross revenue retention).",
    ),
    "after_moves": (
        "Of the other {cohort} customer, {retention} bought again in the 12 months to {month}; "
        "{lost} did not, a churn rate of {churn}. The revenue of that starting cohort came to "
        "{nrr} of its level a year earlier (net revenue retention), or {grr} counting only the "
        "losses (gross revenue retention).",
        "Of the other {cohort} customers, {retention} bought again in the 12 months to {month}; "
        "{lost} did not, a churn rate of {churn}. The revenue of that starting cohort came to "
        "{nrr} of its level a year earlier (net revenue retention), or {grr} counting only the "
        "losses (gross revenue retention).",
    ),
}
"""Retention, churn and revenue retention (singular, plural): of the whole starting cohort, or
of the customers left in it after those who moved to another region (:data:`MOVED`)."""
NO_HISTORY = (
    "Retention, churn and revenue retention need 24 months of order history before {month}; "
    "the data begin later."
)
"""Said instead of :data:`RETENTION` when the data do not reach back to the starting window."""
ACTIVE = (
    "{active} customer bought in the 12 months to {month}.",
    "{active} customers bought in the 12 months to {month}.",
)
"""The active customers (singular, plural)."""
NO_FIRST_TIME = {
    "company": "No customer bought for the first time in {month}.",
    "region": "No customer bought in {region} for the first time in {month}.",
}
"""No first-time buyer in the month, in the company's report and in a region's."""
FIRST_TIME = {
    "company": {
        "share": (
            "{new} customer bought for the first time in {month}, bringing {new_share} of the "
            "month's revenue.",
            "{new} customers bought for the first time in {month}, bringing {new_share} of the "
            "month's revenue.",
        ),
        "no_share": (
            "{new} customer bought for the first time in {month}.",
            "{new} customers bought for the first time in {month}.",
        ),
    },
    "region": {
        "share": (
            "{new} customer bought in {region} for the first time in {month}, bringing "
            "{new_share} of the month's revenue.",
            "{new} customers bought in {region} for the first time in {month}, bringing "
            "{new_share} of the month's revenue.",
        ),
        "no_share": (
            "{new} customer bought in {region} for the first time in {month}.",
            "{new} customers bought in {region} for the first time in {month}.",
        ),
    },
}
"""The month's first-time buyers (singular, plural), with their share of the month's revenue,
or without it when the month's revenue nets to zero."""
FALL = {
    "headline": "The steepest recent three-month fall in active customers: {who}, {change}, from "
    "{before} in {start} to {after} in {end}, against {change_ly} over the same months a year "
    "earlier.",
    "headline_no_year_ago": "The steepest recent three-month fall in active customers (the data "
    "do not reach the same months a year earlier): {who}, {change}, from {before} in {start} to "
    "{after} in {end}.",
    "seasonal": "Active customers of {who} fell {fell_by} from {before} in {start} to {after} in "
    "{end}, much as over the same months a year earlier ({change_ly}): a seasonal dip, not a "
    "decline.",
    "none": "No three-month fall in active customers ends in the three months to {month}.",
}
"""The fall in active customers (``analysis.customers.headline_fall``): a headline, with or
without the same months a year earlier; else the steepest seasonal dip; else none."""
TOP_CUSTOMERS = {
    "some": "The {shown} largest of {total} customers, 12 months to {month}",
    "all": (
        "The only customer with revenue, 12 months to {month}",
        "All {total} customers with revenue, largest first, 12 months to {month}",
    ),
    "none": "No customer with revenue, 12 months to {month}",
}
"""The caption of the largest customers' table: part of the customers, all of them, or none."""


def moved_sentence(
    kpis: Mapping[str, object], region: str, period: pd.Period, fmt: Formatter
) -> Sentence | None:
    """How many customers of the starting window moved to another region (:data:`MOVED`).

    Args:
        kpis: The report's KPI record (``customers_moved``: None in the company's report).
        region: The region's name.
        period: The reported month.
        fmt: The report's formatter.

    Returns:
        The sentence, or None when no customer moved (or moves cannot be seen).
    """
    moved = figure(kpis, "customers_moved") or 0
    if not moved:
        return None
    values = {
        "moved": fmt.number(moved),
        "region": region,
        "year_ago": fmt.month(period - 12),
        "month": fmt.month(period),
    }
    return Sentence(plural(MOVED, moved), values)


def retention_sentence(kpis: Mapping[str, object], period: pd.Period, fmt: Formatter) -> Sentence:
    """Retention, churn and revenue retention of the starting cohort (:data:`RETENTION`).

    The cohort is the customers at start less those who moved to another region; when some
    moved, the sentence follows :func:`moved_sentence` ("Of the other …").

    Args:
        kpis: The report's KPI record (``analysis.customers.customer_kpis``).
        period: The reported month.
        fmt: The report's formatter.

    Returns:
        The :data:`RETENTION` sentence; :data:`NO_HISTORY` when the retention rate is missing
        (less than 24 months of history).
    """
    month = fmt.month(period)
    figures = ("retention_rate", "churn_rate", "customers_at_start", "customers_lost", "nrr", "grr")
    if any(figure(kpis, key) is None for key in figures):
        return Sentence(NO_HISTORY, {"month": month})
    moved = figure(kpis, "customers_moved") or 0
    cohort = (figure(kpis, "customers_at_start") or 0) - moved
    values = {
        "cohort": fmt.number(cohort),
        "year_ago": fmt.month(period - 12),
        "retention": fmt.pct(figure(kpis, "retention_rate")),
        "month": month,
        "lost": fmt.number(figure(kpis, "customers_lost")),
        "churn": fmt.pct(figure(kpis, "churn_rate")),
        "nrr": fmt.pct(figure(kpis, "nrr")),
        "grr": fmt.pct(figure(kpis, "grr")),
    }
    return Sentence(plural(RETENTION["after_moves" if moved else "cohort"], cohort), values)


def buyers_sentence(
    kpis: Mapping[str, object], period: pd.Period, fmt: Formatter, region: str | None = None
) -> Sentence:
    """The active customers (:data:`ACTIVE`) and the month's first-time buyers (:data:`FIRST_TIME`).

    Args:
        kpis: The report's KPI record (``active_customers``, ``new_customers``,
            ``new_customer_revenue_share``: None when the month's revenue nets to zero).
        period: The reported month.
        fmt: The report's formatter.
        region: The region's name in a region's report (first-time buyers there); None in the
            company's.

    Returns:
        Two sentences: the active customers, then the first-time buyers, with their share of
        the month's revenue when there is one (:data:`NO_FIRST_TIME` when there are none).
    """
    where = "company" if region is None else "region"
    active, new = figure(kpis, "active_customers") or 0, figure(kpis, "new_customers") or 0
    share = figure(kpis, "new_customer_revenue_share")
    if not new:
        first = NO_FIRST_TIME[where]
    else:
        first = plural(FIRST_TIME[where]["no_share" if share is None else "share"], new)
    values = {
        "active": fmt.number(active),
        "month": fmt.month(period),
        "region": region or "",
        "new": fmt.number(new),
        "new_share": "" if share is None else fmt.pct(share),
    }
    return Sentence(f"{plural(ACTIVE, active)} {first}", values)


def fall_sentence(
    active: pd.DataFrame, period: pd.Period, fmt: Formatter, names: Mapping[str, str]
) -> Sentence:
    """The fall in active customers that the report states (:data:`FALL`).

    The headline fall (``analysis.customers.headline_fall``) when there is one; else the
    steepest recent fall (``analysis.customers.recent_falls``), which is then the season's:
    every recent fall deep enough to count is a headline or seasonal; else that none ended
    lately.

    Args:
        active: ``analysis.customers.monthly_active_customers`` (one column per group).
        period: The reported month.
        fmt: The report's formatter.
        names: The name of each column of ``active`` (e.g. region id → region name; the
            column ``customers`` of a series without groups → the report's region or company).
    """
    drop = headline_fall(active)
    falls = recent_falls(active)
    fall = drop or (None if falls.empty else falls.iloc[0].to_dict())
    if fall is None:
        return Sentence(FALL["none"], {"month": fmt.month(period)})
    values = {
        "who": names.get(fall["group"], str(fall["group"])),
        "change": fmt.signed_pct(fall["change"]),
        "fell_by": fmt.pct(-fall["change"]),
        "change_ly": fmt.signed_pct(fall["change_ly"]),
        "before": fmt.number(fall["before"]),
        "start": fmt.month(fall["start"]),
        "after": fmt.number(fall["after"]),
        "end": fmt.month(fall["end"]),
    }
    if drop is None:
        return Sentence(FALL["seasonal"], values)
    if drop["change_ly"] is None:
        del values["change_ly"]
        return Sentence(FALL["headline_no_year_ago"], values)
    return Sentence(FALL["headline"], values)


def top_customers_caption(shown: int, total: int, period: pd.Period, fmt: Formatter) -> str:
    """The caption of the largest customers' table: how many of how many it shows.

    Args:
        shown: Rows of the table (``analysis.customers.top_customers``).
        total: Customers with revenue in the 12 months (``active_customers``).
        period: The reported month.
        fmt: The report's formatter.

    Returns:
        "The 10 largest of 1,604 customers, 12 months to October 2026" when the table leaves
        customers out, else a caption saying it holds them all (:data:`TOP_CUSTOMERS`).
    """
    month = fmt.month(period)
    if total <= 0:
        return TOP_CUSTOMERS["none"].format(month=month)
    if shown < total:
        return TOP_CUSTOMERS["some"].format(
            shown=fmt.number(shown), total=fmt.number(total), month=month
        )
    return plural(TOP_CUSTOMERS["all"], total).format(total=fmt.number(total), month=month)
