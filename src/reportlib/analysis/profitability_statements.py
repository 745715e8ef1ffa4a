"""The profitability sections' sentences and table captions, each written whole.

Each sentence is one template with named placeholders, once per case (:mod:`.sentences`). The
functions here pick the template, format its figures with the report's
:class:`~reportlib.formatting.Formatter` and leave out a sentence whose figure is missing: a
paragraph loses a clause rather than reading "against n/a in the 12 months before (n/a)". A
change after a verb of direction ("rose") is stated as a magnitude, never signed ("rose most, by
2.6 pp", not "rose +2.6 pp").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from reportlib.analysis._common import has_columns
from reportlib.analysis.comparisons import month_span, too_few_members
from reportlib.analysis.profitability import MIX_DIGITS, MIX_VISIBLE, BridgeScope, margin_table
from reportlib.analysis.sentences import Sentence, figure
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _

LEAKAGE = N_("Over the 12 months to {month} discounts took {leakage} of list value.")
LEAKAGE_COMPARED = N_(
    "Over the 12 months to {month} discounts took {leakage} of list value, against {before} in "
    "the 12 months before ({change})."
)
LEAKAGE_ROSE_MOST = N_("Leakage rose most, by {change}, in the {channel} channel.")
LEAKAGE_ROSE_NOWHERE = N_("Leakage rose in no channel.")
MARGIN = N_("Gross margin over the 12 months to {month} was {margin}.")
MARGIN_COMPARED = N_(
    "Gross margin over the 12 months to {month} was {margin} ({change} on the year before)."
)
DILUTIVE = N_("The channel whose growth dilutes margin most: {channel}.")
NOT_DILUTIVE = N_("No channel gains share at a margin below the average, so none dilutes margin.")
NO_MIX = N_(
    "No mix effect: no channel's change of share moved the 12-month gross margin by {visible} or "
    "more, so the table leaves the mix effect out."
)
BRIDGE_SCOPE = N_(
    "The volume, mix, list price and discount steps cover the products sold in both periods: "
    "{share} of the revenue of the 12 months to {month}."
)
BRIDGE_LEAKAGE_BOTH = N_(
    "On the products sold in both periods discounts took {now} of list value, against {before} "
    "a year earlier."
)
BRIDGE_LEAKAGE_NEW = N_("Discounts took {leakage} of the list value of the new products.")
BRIDGE_LEAKAGE_DISCONTINUED = N_(
    "Discounts had taken {leakage} of the list value of the discontinued products a year earlier."
)


def _rises(change: float, digits: int = 1) -> bool:
    """Whether a change of points (a fraction) is above zero as shown with ``digits`` decimals."""
    return round(change * 100, digits) > 0


def leakage_sentences(
    figures: Mapping[str, float | str | None],
    period: pd.Period,
    fmt: Formatter,
    *,
    by_channel: bool,
) -> list[Sentence]:
    """The discount leakage paragraph: the 12 months against the 12 before, and its channel.

    Args:
        figures: :func:`~reportlib.analysis.profitability.profitability_kpis` (its
            ``discount_leakage*`` and ``largest_leakage_increase*`` figures).
        period: The reported month.
        fmt: The report's formatter.
        by_channel: Whether the channels can be compared (``comparisons.comparable``); without,
            no channel is named.

    Returns:
        :data:`LEAKAGE_COMPARED`, or :data:`LEAKAGE` without the year before; then, when a
        channel has both years, :data:`LEAKAGE_ROSE_MOST` with the channel whose leakage rose
        most and by how much (unsigned), or :data:`LEAKAGE_ROSE_NOWHERE` when none rose. Empty
        without leakage.
    """
    leakage, before = (
        figure(figures, "discount_leakage"),
        figure(figures, "discount_leakage_before"),
    )
    if leakage is None:
        return []
    shown, shown_before = fmt.distinct_pct(leakage, before)  # never "10.9% against 10.9%"
    values = {"month": fmt.month(period), "leakage": shown}
    said = [
        Sentence(_(LEAKAGE), values)
        if before is None
        else Sentence(
            _(LEAKAGE_COMPARED),
            {
                **values,
                "before": shown_before,
                "change": fmt.points(figure(figures, "discount_leakage_change")),
            },
        )
    ]
    channel = figures.get("largest_leakage_increase")
    change = figure(figures, "largest_leakage_increase_change")
    if by_channel and channel is not None and change is not None:
        said.append(
            Sentence(
                _(LEAKAGE_ROSE_MOST),
                {"change": fmt.points(change, signed=False), "channel": str(channel)},
            )
            if _rises(change)
            else Sentence(_(LEAKAGE_ROSE_NOWHERE), {})
        )
    return said


def margin_sentences(
    figures: Mapping[str, float | str | None],
    period: pd.Period,
    fmt: Formatter,
    *,
    by_channel: bool,
) -> list[Sentence]:
    """The gross margin paragraph: the 12 months against the 12 before, and dilutive growth.

    Args:
        figures: :func:`~reportlib.analysis.profitability.profitability_kpis` (its
            ``gross_margin_pct_12m*`` and ``most_dilutive`` figures).
        period: The reported month.
        fmt: The report's formatter.
        by_channel: Whether the channels can be compared (``comparisons.comparable``).

    Returns:
        :data:`MARGIN_COMPARED`, or :data:`MARGIN` without the year before; then, when the
        channels can be compared, :data:`DILUTIVE` or :data:`NOT_DILUTIVE`. Empty without a
        12-month margin.
    """
    margin = figure(figures, "gross_margin_pct_12m")
    change = figure(figures, "gross_margin_pct_12m_change")
    if margin is None:
        return []
    values = {"month": fmt.month(period), "margin": fmt.pct(margin)}
    said = [
        Sentence(_(MARGIN), values)
        if change is None
        else Sentence(_(MARGIN_COMPARED), {**values, "change": fmt.points(change)})
    ]
    if by_channel:
        dilutive = figures.get("most_dilutive")
        said.append(
            Sentence(_(NOT_DILUTIVE), {})
            if dilutive is None
            else Sentence(_(DILUTIVE), {"channel": str(dilutive)})
        )
    return said


def no_mix_sentence(fmt: Formatter) -> Sentence:
    """:data:`NO_MIX`: why the growth table leaves its mix effect column out (``MIX_RULE``)."""
    return Sentence(_(NO_MIX), {"visible": fmt.points(MIX_VISIBLE, MIX_DIGITS, signed=False)})


def bridge_sentences(
    scope: BridgeScope | None, period: pd.Period, fmt: Formatter
) -> list[Sentence]:
    """What the revenue bridge's steps cover, and the discounts of each kind of product.

    Args:
        scope: :func:`~reportlib.analysis.profitability.bridge_scope`; None when the bridge
            cannot be drawn.
        period: The reported month.
        fmt: The report's formatter.

    Returns:
        In order, each only when its figures are known: :data:`BRIDGE_SCOPE`;
        :data:`BRIDGE_LEAKAGE_BOTH` when some product sold in one year only (else the whole's
        leakage says it); :data:`BRIDGE_LEAKAGE_NEW`; :data:`BRIDGE_LEAKAGE_DISCONTINUED`.
    """
    if scope is None:
        return []
    said = []
    if scope.both_share is not None:
        values = {"share": fmt.pct(scope.both_share), "month": fmt.month(period)}
        said.append(Sentence(_(BRIDGE_SCOPE), values))
    if (
        scope.leakage_both is not None
        and scope.leakage_both_before is not None
        and scope.new + scope.discontinued > 0
    ):
        now, before = fmt.distinct_pct(scope.leakage_both, scope.leakage_both_before)
        values = {"now": now, "before": before}
        said.append(Sentence(_(BRIDGE_LEAKAGE_BOTH), values))
    if scope.leakage_new is not None:
        said.append(Sentence(_(BRIDGE_LEAKAGE_NEW), {"leakage": fmt.pct(scope.leakage_new)}))
    if scope.leakage_discontinued is not None:
        values = {"leakage": fmt.pct(scope.leakage_discontinued)}
        said.append(Sentence(_(BRIDGE_LEAKAGE_DISCONTINUED), values))
    return said


@dataclass(frozen=True)
class MarginComparison:
    """A margin table by one order column (:func:`~reportlib.analysis.profitability.margin_table`).

    Attributes:
        column: The order column compared.
        what: One of its members, as a reader calls it (``sales rep``), marked for translation
            (``N_``): the report shows ``_(what)``.
        label: The header of the table's first column (``N_``, shown as ``_(label)``).
        caption: The table's caption, a template with ``{month}`` (``N_``).
        top_caption: The caption when the table shows only its first ``rows`` rows, with
            ``{month}``, ``{shown}`` and ``{total}`` (``N_``); needed when ``rows`` is set.
        rows: The most rows shown, largest 12-month revenue first; 0: all.
        regional: Shown in regional reports only.
    """

    column: str
    what: str
    label: str
    caption: str
    top_caption: str = ""
    rows: int = 0
    regional: bool = False


MARGIN_COMPARISONS = (
    MarginComparison(
        "category",
        N_("product category"),
        N_("Category"),
        N_("Gross margin by product category, {month} and trailing 12 months"),
    ),
    MarginComparison(
        "channel",
        N_("sales channel"),
        N_("Channel"),
        N_("Gross margin by sales channel, {month} and trailing 12 months"),
    ),
    MarginComparison(
        "vertical",
        N_("industry"),
        N_("Industry"),
        N_("Gross margin by industry, {month} and trailing 12 months"),
    ),
    MarginComparison(
        "rep_id",
        N_("sales rep"),
        N_("Sales rep"),
        N_("Gross margin by sales rep, {month} and trailing 12 months"),
        N_(
            "Gross margin by sales rep, {month} and trailing 12 months: the {shown} largest of "
            "{total} by 12-month revenue"
        ),
        rows=10,
        regional=True,
    ),
)
"""The margin tables of the profitability section, in order."""


@dataclass(frozen=True)
class MarginView:
    """One margin table as the report shows it, or the sentence standing in for it.

    Attributes:
        comparison: The table's :class:`MarginComparison`.
        shown: The rows to show; None when the orders do not deliver the column (the report
            says so) or when ``few`` replaces the table.
        caption: The table's caption; it says when the table shows only its largest rows.
        few: ``comparisons.too_few_members``'s sentence when fewer than two members sold.
    """

    comparison: MarginComparison
    shown: pd.DataFrame | None
    caption: str
    few: str | None = None


def margin_caption(
    comparison: MarginComparison, month: str, shown: int, total: int, fmt: Formatter
) -> str:
    """The caption of ``comparison``'s table, in the report's language.

    ``top_caption`` ("the 10 largest of 37") when ``shown`` < ``total``, else ``caption``.
    """
    if shown < total:
        return _(comparison.top_caption).format(
            month=month, shown=fmt.number(shown), total=fmt.number(total)
        )
    return _(comparison.caption).format(month=month)


def margin_view(
    orders: pd.DataFrame, comparison: MarginComparison, period: pd.Period, fmt: Formatter
) -> MarginView:
    """The margin table of ``comparison`` for ``period``: its rows shown and its caption.

    Args:
        orders: Order lines (the table needs ``cost`` and the compared column).
        comparison: Which table.
        period: The reported month.
        fmt: The report's formatter (months in the caption and the sentence).

    Returns:
        The view: no rows without the column or cost; ``few`` with fewer than two members
        with 12-month revenue above zero; else the first ``comparison.rows`` rows (all when 0),
        captioned "the 10 largest of 37" when some are left out.
    """
    month = fmt.month(period)
    if not has_columns(orders, "cost", comparison.column):
        return MarginView(comparison, None, "")
    table = margin_table(orders, comparison.column, period)
    sold = table.index[table["revenue_12m"] > 0]
    few = too_few_members(sold, comparison.what, month_span(period, fmt, 12))
    if few is not None:
        return MarginView(comparison, None, "", few)
    shown = table.head(comparison.rows) if comparison.rows else table
    return MarginView(
        comparison, shown, margin_caption(comparison, month, len(shown), len(table), fmt)
    )


def margin_views(
    orders: pd.DataFrame,
    period: pd.Period,
    fmt: Formatter,
    *,
    regional: bool,
    comparisons: Sequence[MarginComparison] = MARGIN_COMPARISONS,
) -> list[MarginView]:
    """:func:`margin_view` of each of ``comparisons`` the report shows (regional or not)."""
    return [margin_view(orders, c, period, fmt) for c in comparisons if regional or not c.regional]
