"""Charts of the campaigns section: ROMI by campaign."""

from __future__ import annotations

import numpy as np
import pandas as pd
from babel.lists import format_list
from matplotlib.ticker import MaxNLocator

from reportlib.analysis.campaigns import ROMI_DOUBT_ABOVE, TINY_SPEND_SHARE
from reportlib.analysis.comparisons import MIN_MEMBERS, comparable
from reportlib.charts import MOST_AXIS_TICKS, PALETTE, Chart, mark_top_n, new_axes, pct_axis
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _, ngettext

MAX_BARS = 24
ROW_HEIGHT = 0.42
"""Inches a campaign takes: its name, then its bar."""
SYMLOG_ABOVE = 10.0  # ROMI of 1,000%: beyond it the axis turns logarithmic past ±100%
BAR_LABELS = {  # (pays back, ROMI in doubt): a bar's label, whole
    (True, False): N_("{romi} pays back"),
    (False, False): N_("{romi} loses money"),
    (True, True): N_("{romi} pays back, check the spend"),
    (False, True): N_("{romi} loses money, check the spend"),
}
"""The label of a bar, by its verdict (``analysis.campaigns.PAYS_BACK`` or ``LOSES_MONEY``) and
whether its ROMI is in doubt (``CHECK_SPEND``)."""
IN_DOUBT_ALT = N_(
    "Marked “check the spend” (above {above}, or a spend under {share} of the median): {campaigns}."
)
TOP_N = N_("Showing the {shown} campaigns with the lowest ROMI, of {total}")


def romi_bars(results: pd.DataFrame, fmt: Formatter, max_bars: int = MAX_BARS) -> Chart:
    """Diverging horizontal bars of ROMI around 0, labelled "pays back" / "loses money".

    Campaigns that pay back are green bars to the right of 0, those that lose money red bars to
    the left; each bar's label gives the ROMI and the verdict in words, and "check the spend"
    when the ROMI is in doubt (``check_spend``). When ROMI reaches above 1,000% the axis is
    linear within ±100% and logarithmic beyond (said in the axis title). When not every
    campaign is drawn the chart's title says how many are (``charts.mark_top_n``).

    Args:
        results: Output of ``analysis.campaigns.campaign_results`` (worst ROMI first); without
            a ``check_spend`` column no ROMI is in doubt.
        fmt: Formatter of the report.
        max_bars: At most this many campaigns are drawn, the lowest ROMI first.

    Raises:
        ValueError: with fewer than ``MIN_MEMBERS`` campaigns with a ROMI: one bar is no
            comparison (``analysis.campaigns.one_rated`` gives the sentence instead).
    """
    rated = results[results["romi"].notna()].sort_values("romi")
    if not comparable(rated.index):
        raise ValueError(
            f"a ROMI chart compares at least {MIN_MEMBERS} campaigns with a ROMI, not "
            f"{len(rated)}; show analysis.campaigns.one_rated instead"
        )
    shown = rated.iloc[:max_bars]
    fig, ax = new_axes(height=ROW_HEIGHT * len(shown) + 1.4)
    romi = shown["romi"].to_numpy(dtype="float64")
    doubt = _in_doubt(shown)
    good = romi >= 0
    colours = np.where(good, PALETTE["good"], PALETTE["bad"])
    y = np.arange(len(shown))
    ax.barh(y, romi, height=0.45, color=colours)
    ax.axvline(0, color="#222222", linewidth=1)
    for yy, value, ok, odd in zip(y, romi, good, doubt, strict=True):
        text = _(BAR_LABELS[bool(ok), bool(odd)]).format(romi=fmt.signed_pct(value, 0))
        # losses are labelled right of 0, clear of the campaign names
        ax.text(value if ok else 0.0, yy, f" {text}", va="center", ha="left")
    # each campaign's name over its bar, from the left edge: the bars keep the figure's width
    # (beside the axis, the names took half of it on a phone)
    for yy, name in zip(y, shown.index, strict=True):
        ax.text(0.0, yy - 0.3, str(name), transform=ax.get_yaxis_transform(), va="bottom")
    ax.set_yticks(y, [])
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    ax.set_ylim(len(shown) - 0.5, -1.0)  # top to bottom, room for the first name
    low, high = float(min(romi.min(), 0.0)), float(max(romi.max(), 0.0))
    compressed = max(abs(low), high) > SYMLOG_ABOVE
    if compressed:
        ax.set_xscale("symlog", linthresh=1.0)
        ax.set_xlim(min(low * 4, -1.5), max(high * 8, 1.5))
        # every other power of ten beyond ±100%: one a decade overlap on a phone-width axis
        lo, hi = ax.get_xlim()
        ticks = [t for t in (-1e4, -100.0, -1.0, 0.0, 1.0, 100.0, 1e4, 1e6) if lo <= t <= hi]
        ax.set_xticks(ticks)
    else:
        pad = max((high - low) * 0.45, 0.05)  # ROMIs all near 0 still get readable ticks
        ax.set_xlim(low - 0.1 * pad, high + pad)
        ax.xaxis.set_major_locator(MaxNLocator(MOST_AXIS_TICKS))
    ax.xaxis.set_major_formatter(pct_axis(fmt))
    ax.set_xlabel(
        _("ROMI: (attributed revenue × gross margin − spend) ÷ spend; log scale beyond ±100%")
        if compressed
        else _("ROMI: (attributed revenue × gross margin − spend) ÷ spend")
    )
    note = mark_top_n(ax, len(shown), len(rated), TOP_N, fmt)
    paying = int((rated["romi"] >= 0).sum())
    losing = len(rated) - paying
    worst, best = rated.iloc[0], rated.iloc[-1]
    shown_text = "" if note is None else f" {note}."
    flagged = rated.index[_in_doubt(rated)]
    if len(flagged):
        shown_text += " " + _(IN_DOUBT_ALT).format(
            above=fmt.pct(ROMI_DOUBT_ABOVE, 0),
            share=fmt.pct(TINY_SPEND_SHARE, 0),
            campaigns=format_list([str(c) for c in flagged], locale=fmt.words_locale),
        )
    spent, attributed = fmt.distinct_money(worst["spend"], worst["revenue"])
    counts = (
        _(
            "Diverging bar chart of the return on marketing investment (ROMI) by campaign: all "
            "{total} campaigns pay back."
        ).format(total=fmt.number(len(rated)))
        if losing == 0
        else ngettext(
            "Diverging bar chart of the return on marketing investment (ROMI) by campaign: "
            "{paying} of {total} campaigns pay back and {losing} loses money.",
            "Diverging bar chart of the return on marketing investment (ROMI) by campaign: "
            "{paying} of {total} campaigns pay back and {losing} lose money.",
            losing,
        ).format(paying=fmt.number(paying), total=fmt.number(len(rated)), losing=fmt.number(losing))
    )
    ends = _(
        "Worst: {worst} at {worst_romi} ({spent} spent, {attributed} attributed revenue). "
        "Best: {best} at {best_romi}."
    ).format(
        worst=rated.index[0],
        worst_romi=fmt.signed_pct(worst["romi"], 0),
        spent=spent,
        attributed=attributed,
        best=rated.index[-1],
        best_romi=fmt.signed_pct(best["romi"], 0),
    )
    alt = f"{counts} {ends}{shown_text}"
    return Chart(fig, alt)


def _in_doubt(results: pd.DataFrame) -> np.ndarray:
    """``check_spend`` of each row as booleans (all False without the column)."""
    if "check_spend" not in results:
        return np.zeros(len(results), dtype=bool)
    return results["check_spend"].to_numpy(dtype=bool, na_value=False)
