"""Charts of the channels, verticals and products section: mix shift and new-product adoption."""

from __future__ import annotations

from typing import Literal

import pandas as pd
import seaborn as sns
from babel.lists import format_list
from matplotlib.ticker import MaxNLocator

from reportlib.analysis.comparisons import MIN_MEMBERS, comparable
from reportlib.charts import (
    MOST_AXIS_TICKS,
    PALETTE,
    Chart,
    month_labels,
    month_ticks,
    new_axes,
    pct_axis,
    points_axis,
    themed,
)
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _, ngettext

_COLOURS = sns.color_palette("colorblind")
UP, DOWN = _COLOURS[0], _COLOURS[1]  # blue and orange: distinct for every colour vision
DIMENSIONS = {  # column of analysis.products.MIX_COLUMNS -> its name before a group's
    "channel": N_("Channel"),
    "vertical": N_("Vertical"),
    "segment": N_("Segment"),
    "category": N_("Category"),
}
DIMENSION_WORDS = {  # the same in a sentence ("by channel and segment")
    "channel": N_("channel"),
    "vertical": N_("vertical"),
    "segment": N_("segment"),
    "category": N_("category"),
    "group": N_("group"),
}
ADOPTION_ALT = {
    "company": N_(
        "Line chart of the share of monthly net revenue brought by {product}, new to the "
        "company, from its launch in {first}: {first_share} in {first}, {last_share} in "
        "{last}, highest {peak_share} in {peak}."
    ),
    "region": N_(
        "Line chart of the share of monthly net revenue brought by {product}, new to the "
        "region, from its first sale here in {first}: {first_share} in {first}, {last_share} "
        "in {last}, highest {peak_share} in {peak}."
    ),
}


def _empty(message: str) -> Chart:
    fig, ax = new_axes(height=2.0)
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    return Chart(fig, message)


def _label(key: object) -> str:
    """A group's bar label: ``Channel: Online`` for a group of a dimension, else its name."""
    if isinstance(key, tuple):
        dimension = str(key[0])
        name = _(DIMENSIONS[dimension]) if dimension in DIMENSIONS else dimension.capitalize()
        return f"{name}: {key[1]}"
    return str(key)


def _dimension_word(dimension: str) -> str:
    """A dimension in a sentence, in the report's language (``channel`` → "canal")."""
    return _(DIMENSION_WORDS[dimension]) if dimension in DIMENSION_WORDS else dimension


def _comparable(mix: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``mix`` in dimensions with enough groups sold to compare.

    A group is sold when its revenue (this month or a year earlier) is above zero; a frame
    without revenue columns counts every row.

    Raises:
        ValueError: when no dimension keeps at least ``MIN_MEMBERS`` groups.
    """
    revenue = [c for c in ("revenue", "revenue_ly") if c in mix.columns]
    sold = mix[mix[revenue].gt(0).any(axis=1)] if revenue else mix
    if isinstance(mix.index, pd.MultiIndex):
        dims, groups = sold.index.get_level_values(0), sold.index.get_level_values(1)
        kept = [d for d in dims.unique() if comparable(list(groups[dims == d]))]
        mix = mix[mix.index.get_level_values(0).isin(kept)]
    elif not comparable(list(sold.index)):
        mix = mix.iloc[:0]
    if mix.empty:
        raise ValueError(
            f"a mix-shift chart compares at least {MIN_MEMBERS} groups sold in a dimension; "
            "show analysis.products.mix_too_few instead"
        )
    return mix


def mix_shift_bars(mix: pd.DataFrame, fmt: Formatter, period: pd.Period) -> Chart:
    """Horizontal bars of each group's change in revenue share against a year earlier.

    A dimension with fewer than ``analysis.comparisons.MIN_MEMBERS`` groups sold in either
    month is left out: its one group holds 100% of revenue in both months and shifts by 0
    (``analysis.products.mix_too_few`` gives the sentence to show instead).

    Args:
        mix: Output of ``analysis.products.revenue_mix`` (several dimensions) or ``mix_by``.
        fmt: Formatter of the report.
        period: The reported month.

    Raises:
        ValueError: when no dimension is left to compare (give only comparable dimensions:
            ``analysis.products.comparable_mix_columns``).
    """
    data = mix[mix["mix_shift"].notna()]
    if data.empty:
        return _empty(
            _("Mix shift: no revenue to compare in {month} and {month_ly}.").format(
                month=fmt.month(period), month_ly=fmt.month(period - 12)
            )
        )
    data = _comparable(data)
    if isinstance(data.index, pd.MultiIndex):
        order = data.index.get_level_values(0).unique()
        data = pd.concat([data.loc[[d]].sort_values("mix_shift", ascending=False) for d in order])
    else:
        data = data.sort_values("mix_shift", ascending=False)
    labels = [_label(k) for k in data.index]
    shift = data["mix_shift"].astype("float64")
    points = fmt.points
    fig, ax = new_axes(height=0.32 * len(data) + 1.4)
    with themed():
        ax.barh(labels, shift, color=[UP if v >= 0 else DOWN for v in shift])
    ax.invert_yaxis()
    ax.axvline(0, color=PALETTE["target"], linewidth=0.8)
    for y, value in enumerate(shift):
        # a loss is labelled right of 0, clear of the group names (as the ROMI chart does)
        ax.text(max(value, 0.0), y, f" {points(value)}", va="center", ha="left")
    span = max(0.01, float(shift.abs().max()))
    low, high = float(min(shift.min(), 0.0)), float(max(shift.max(), 0.0))
    ax.set_xlim(low * 1.1 if low < 0 else -0.1 * span, high + 0.8 * span)  # room for labels
    ax.xaxis.set_major_locator(MaxNLocator(MOST_AXIS_TICKS))
    ax.xaxis.set_major_formatter(points_axis(fmt))
    ax.set_xlabel(
        _("Change in share of net revenue, {month_ly} to {month}").format(
            month_ly=fmt.month(period - 12), month=fmt.month(period)
        )
    )
    gain, loss = shift.idxmax(), shift.idxmin()
    dims = (
        list(data.index.get_level_values(0).unique())
        if isinstance(data.index, pd.MultiIndex)
        else [str(data.index.name or "group")]
    )
    alt = _(
        "Horizontal bar chart of the change in each group's share of net revenue from "
        "{month_ly} to {month}, in percentage points, by {dimensions}. Largest gain: {gain}, "
        "{gain_points} to {gain_share}; largest loss: {loss}, {loss_points} to {loss_share}."
    ).format(
        month_ly=fmt.month(period - 12),
        month=fmt.month(period),
        dimensions=format_list([_dimension_word(str(d)) for d in dims], locale=fmt.words_locale),
        gain=_label(gain),
        gain_points=points(shift[gain]),
        gain_share=fmt.pct(data.loc[gain, "share"]),
        loss=_label(loss),
        loss_points=points(shift[loss]),
        loss_share=fmt.pct(data.loc[loss, "share"]),
    )
    return Chart(fig, alt)


def adoption_line(
    adoption: pd.DataFrame,
    fmt: Formatter,
    product: str | None,
    new_to: Literal["company", "region"] = "company",
) -> Chart:
    """Line of a new product's share of monthly net revenue since its launch.

    Args:
        adoption: Output of ``analysis.products.new_product_adoption``.
        fmt: Formatter of the report.
        product: The product's name (``analysis.products.Launch.product_name``).
        new_to: ``"company"``: the series starts at its launch; ``"region"``: at the region's
            first sale of a product sold elsewhere before (``Launch.new_to``).
    """
    if adoption.empty or product is None:
        return _empty(_("New product adoption: no product is new in the months shown."))
    share = adoption["share"].astype("float64")
    months = month_labels(adoption.index, fmt)
    fig, ax = new_axes()
    with themed():
        ax.plot(months, share, marker="o", color=PALETTE["revenue"], label=product)
    ax.set_ylim(0, max(0.01, float(share.max())) * 1.15)
    ax.yaxis.set_major_formatter(pct_axis(fmt))
    month_ticks(ax, months)
    ax.tick_params(axis="x", labelrotation=45)
    ax.set_ylabel(_("Share of net revenue"))
    first, last = adoption.index[0], adoption.index[-1]
    peak = share.idxmax()
    adopters = int(adoption["adopters"].iloc[-1])
    values = {
        "product": product,
        "first": fmt.month(first),
        "first_share": fmt.pct(share.iloc[0]),
        "last": fmt.month(last),
        "last_share": fmt.pct(share.iloc[-1]),
        "peak": fmt.month(peak),
        "peak_share": fmt.pct(share[peak]),
        "adopters": fmt.number(adopters),
    }
    line = _(ADOPTION_ALT[new_to]).format(**values)
    buyers = ngettext(
        "{adopters} customer has bought it.", "{adopters} customers have bought it.", adopters
    ).format(**values)
    return Chart(fig, f"{line} {buyers}")
