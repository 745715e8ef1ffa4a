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
from reportlib.analysis.sentences import Sentence, figure
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _, ngettext


def _moved(n: float) -> str:
    """The customers who moved to another region: the template for ``n`` of them."""
    return ngettext(
        "{moved} customer who bought in {region} in the 12 months to {year_ago} moved to another "
        "region: they bought nothing here in the 12 months to {month}, but bought in another "
        "region. The company did not lose them; the churn and revenue retention below leave them "
        "out.",
        "{moved} customers who bought in {region} in the 12 months to {year_ago} moved to another "
        "region: they bought nothing here in the 12 months to {month}, but bought in another "
        "region. The company did not lose them; the churn and revenue retention below leave them "
        "out.",
        n,
    )


def _retention(after_moves: bool, n: float) -> str:
    """Retention, churn and revenue retention: the template for a cohort of ``n`` customers.

    Of the whole starting cohort, or of the customers left in it after those who moved to
    another region (:func:`moved_sentence`).
    """
    if after_moves:
        return ngettext(
            "Of the other {cohort} customer, {retention} bought again in the 12 months to {month}; "
            "{lost} did not, a churn rate of {churn}. The revenue of that starting cohort came to "
            "{nrr} of its level a year earlier (net revenue retention), or {grr} counting only the "
            "losses (gross revenue retention).",
            "Of the other {cohort} customers, {retention} bought again in the 12 months to "
            "{month}; {lost} did not, a churn rate of {churn}. The revenue of that starting cohort "
            "came to {nrr} of its level a year earlier (net revenue retention), or {grr} counting "
            "only the losses (gross revenue retention).",
            n,
        )
    return ngettext(
        "Of the {cohort} customer who bought in the 12 months to {year_ago}, {retention} bought "
        "again in the 12 months to {month}; {lost} did not, a churn rate of {churn}. The revenue "
        "of that starting cohort came to {nrr} of its level a year earlier (net revenue "
        "retention), or {grr} counting only the losses (gross revenue retention).",
        "Of the {cohort} customers who bought in the 12 months to {year_ago}, {retention} bought "
        "again in the 12 months to {month}; {lost} did not, a churn rate of {churn}. The revenue "
        "of that starting cohort came to {nrr} of its level a year earlier (net revenue "
        "retention), or {grr} counting only the losses (gross revenue retention).",
        n,
    )


NO_HISTORY = N_(
    "Retention, churn and revenue retention need 24 months of order history before {month}; "
    "the data begin later."
)
"""Said instead of the retention sentence when the data do not reach back to the starting
window."""


def _active(n: float) -> str:
    """The active customers: the template for ``n`` of them."""
    return ngettext(
        "{active} customer bought in the 12 months to {month}.",
        "{active} customers bought in the 12 months to {month}.",
        n,
    )


NO_FIRST_TIME = {
    "company": N_("No customer bought for the first time in {month}."),
    "region": N_("No customer bought in {region} for the first time in {month}."),
}
"""No first-time buyer in the month, in the company's report and in a region's."""


def _first_time(where: str, with_share: bool, n: float) -> str:
    """The month's ``n`` first-time buyers, in the company's report or a region's (``where``).

    With their share of the month's revenue, or without it when the month's revenue nets to
    zero.
    """
    if where == "company" and with_share:
        return ngettext(
            "{new} customer bought for the first time in {month}, bringing {new_share} of the "
            "month's revenue.",
            "{new} customers bought for the first time in {month}, bringing {new_share} of the "
            "month's revenue.",
            n,
        )
    if where == "company":
        return ngettext(
            "{new} customer bought for the first time in {month}.",
            "{new} customers bought for the first time in {month}.",
            n,
        )
    if with_share:
        return ngettext(
            "{new} customer bought in {region} for the first time in {month}, bringing "
            "{new_share} of the month's revenue.",
            "{new} customers bought in {region} for the first time in {month}, bringing "
            "{new_share} of the month's revenue.",
            n,
        )
    return ngettext(
        "{new} customer bought in {region} for the first time in {month}.",
        "{new} customers bought in {region} for the first time in {month}.",
        n,
    )


FALL = {
    "headline": N_(
        "The steepest recent three-month fall in active customers: {who}, {change}, from "
        "{before} in {start} to {after} in {end}, against {change_ly} over the same months a "
        "year earlier."
    ),
    "headline_no_year_ago": N_(
        "The steepest recent three-month fall in active customers (the data do not reach the "
        "same months a year earlier): {who}, {change}, from {before} in {start} to {after} in "
        "{end}."
    ),
    "seasonal": N_(
        "Active customers of {who} fell {fell_by} from {before} in {start} to {after} in {end}, "
        "much as over the same months a year earlier ({change_ly}): a seasonal dip, not a "
        "decline."
    ),
    "none": N_("No three-month fall in active customers ends in the three months to {month}."),
}
"""The fall in active customers (``analysis.customers.headline_fall``): a headline, with or
without the same months a year earlier; else the steepest seasonal dip; else none."""
TOP_CUSTOMERS = {
    "some": N_("The {shown} largest of {total} customers, 12 months to {month}"),
    "none": N_("No customer with revenue, 12 months to {month}"),
}
"""The caption of the largest customers' table: part of the customers, or none
(:func:`_all_customers`: all of them)."""


def _all_customers(n: float) -> str:
    """The caption of the largest customers' table when it holds all ``n`` of them."""
    return ngettext(
        "The only customer with revenue, 12 months to {month}",
        "All {total} customers with revenue, largest first, 12 months to {month}",
        n,
    )


def moved_sentence(
    kpis: Mapping[str, object], region: str, period: pd.Period, fmt: Formatter
) -> Sentence | None:
    """How many customers of the starting window moved to another region (:func:`_moved`).

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
    return Sentence(_moved(moved), values)


def retention_sentence(kpis: Mapping[str, object], period: pd.Period, fmt: Formatter) -> Sentence:
    """Retention, churn and revenue retention of the starting cohort (:func:`_retention`).

    The cohort is the customers at start less those who moved to another region; when some
    moved, the sentence follows :func:`moved_sentence` ("Of the other …").

    Args:
        kpis: The report's KPI record (``analysis.customers.customer_kpis``).
        period: The reported month.
        fmt: The report's formatter.

    Returns:
        The :func:`_retention` sentence; :data:`NO_HISTORY` when the retention rate is missing
        (less than 24 months of history).
    """
    month = fmt.month(period)
    figures = ("retention_rate", "churn_rate", "customers_at_start", "customers_lost", "nrr", "grr")
    if any(figure(kpis, key) is None for key in figures):
        return Sentence(_(NO_HISTORY), {"month": month})
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
    return Sentence(_retention(bool(moved), cohort), values)


def buyers_sentence(
    kpis: Mapping[str, object], period: pd.Period, fmt: Formatter, region: str | None = None
) -> Sentence:
    """The active customers (:func:`_active`) and the first-time buyers (:func:`_first_time`).

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
    first = _(NO_FIRST_TIME[where]) if not new else _first_time(where, share is not None, new)
    values = {
        "active": fmt.number(active),
        "month": fmt.month(period),
        "region": region or "",
        "new": fmt.number(new),
        "new_share": "" if share is None else fmt.pct(share),
    }
    return Sentence(f"{_active(active)} {first}", values)


def fall_sentence(
    active: pd.DataFrame, period: pd.Period, fmt: Formatter, names: Mapping[str, str]
) -> Sentence:
    """The fall in active customers that the report states (:data:`FALL`, in the report's language).

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
        return Sentence(_(FALL["none"]), {"month": fmt.month(period)})
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
        return Sentence(_(FALL["seasonal"]), values)
    if drop["change_ly"] is None:
        del values["change_ly"]
        return Sentence(_(FALL["headline_no_year_ago"]), values)
    return Sentence(_(FALL["headline"]), values)


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
        return _(TOP_CUSTOMERS["none"]).format(month=month)
    if shown < total:
        return _(TOP_CUSTOMERS["some"]).format(
            shown=fmt.number(shown), total=fmt.number(total), month=month
        )
    return _all_customers(total).format(total=fmt.number(total), month=month)
