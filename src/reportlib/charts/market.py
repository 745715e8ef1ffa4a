"""Charts of the competitors-and-market section: win rate by competitor, market share over time."""

from __future__ import annotations

import numpy as np
import pandas as pd

from reportlib.analysis.comparisons import MIN_MEMBERS, comparable
from reportlib.analysis.market import NO_COMPETITOR, rivals_met
from reportlib.charts import PALETTE, Chart, month_labels, month_ticks, new_axes, pct_axis
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _

# rivals in muted, distinguishable tones; the company itself in the report's revenue blue
RIVAL_COLOURS = ("#b3261e", "#8a6d1f", "#5b5b5b", "#6a3d9a", "#1b7f3b", "#c2185b", "#00838f")
MIN_SHARE_AXIS = 0.01
"""The share axis reaches at least 1%, so tiny shares still get ticks that read differently."""
SHARE_LINE = N_("{name}: {first} to {last}")
SHARE_POINT = "{name}: {last}"


def _counts(row: pd.Series, fmt: Formatter) -> str:
    """``17 won of 100``."""
    return _("{won} won of {closed}").format(
        won=fmt.number(row["won"]), closed=fmt.number(row["closed"])
    )


def win_rate_bars(
    frame: pd.DataFrame, fmt: Formatter, period: pd.Period, months: int = 12
) -> Chart:
    """Horizontal bars of the win rate against each competitor, the baseline as a dashed line.

    Each bar is labelled with its win rate and deal counts; the dashed line is the win rate of
    the deals without a competitor.

    Args:
        frame: Output of ``analysis.market.win_rate_by_competitor``.
        fmt: Formatter of the report.
        period: The reported month (end of the window of close dates).
        months: Length of that window.

    Raises:
        ValueError: with fewer than ``MIN_MEMBERS`` competitors met in closed deals: one bar is
            no comparison (``analysis.market.too_few_rivals`` gives the sentence instead).
    """
    met = rivals_met(frame)
    if not comparable(met):
        raise ValueError(
            f"a win-rate-by-competitor chart compares at least {MIN_MEMBERS} competitors with "
            f"closed deals, not {len(met)}; show analysis.market.too_few_rivals instead"
        )
    span = {"month": fmt.month(period), "n": fmt.number(months)}
    rivals = frame.loc[met]
    has_base = NO_COMPETITOR in frame.index
    fig, ax = new_axes(height=0.55 * len(rivals) + 1.6)
    labels = [str(i) for i in rivals.index]
    ax.barh(labels, rivals["win_rate"].fillna(0.0), color=PALETTE["revenue"])
    for y, (_name, row) in enumerate(rivals.iterrows()):
        text = f" {fmt.pct(row['win_rate'])} ({_counts(row, fmt)})"
        ax.text(float(np.nan_to_num(row["win_rate"])), y, text, va="center")
    ax.invert_yaxis()  # lowest win rate on top
    base_text = ""
    if has_base:
        base = frame.loc[NO_COMPETITOR]
        ax.axvline(base["win_rate"], color=PALETTE["target"], linestyle="--", linewidth=1.5)
        ax.text(
            base["win_rate"],
            -0.6,
            _("No competitor: {win_rate}").format(win_rate=fmt.pct(base["win_rate"])),
            color=PALETTE["target"],
            ha="center",
            va="bottom",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
        )
        base_text = " " + _(
            "The dashed line is the win rate of deals without a competitor, {win_rate} ({counts})."
        ).format(win_rate=fmt.pct(base["win_rate"]), counts=_counts(base, fmt))
    top = float(frame["win_rate"].max()) if frame["win_rate"].notna().any() else 0.0
    ax.set_xlim(0, max(0.1, top) * 1.8)  # the longest bar's label takes about 45% of the width
    ax.set_ylim(len(rivals) - 0.5, -1.0)
    ax.xaxis.set_major_formatter(pct_axis(fmt))
    ax.set_xlabel(
        _("Win rate, deals closed in {month}").format(**span)
        if months == 1
        else _("Win rate, deals closed in the {n} months to {month}").format(**span)
    )
    ax.set_ylabel(_("Main competitor"))
    bars = "; ".join(
        f"{name}: {fmt.pct(row['win_rate'])} ({_counts(row, fmt)})"
        for name, row in rivals.iterrows()
    )
    title = (
        _("Horizontal bar chart of the win rate against each competitor, deals closed in {month}.")
        if months == 1
        else _(
            "Horizontal bar chart of the win rate against each competitor, deals closed in the "
            "{n} months to {month}."
        )
    )
    alt = f"{title.format(**span)}{base_text} {bars}."
    return Chart(fig, alt)


def market_share_lines(shares: pd.DataFrame, fmt: Formatter) -> Chart:
    """Lines of monthly market share, the company's own thick and blue, named with its last share.

    Args:
        shares: Output of ``analysis.market.company_shares`` (the company itself first).
        fmt: Formatter of the report.

    Raises:
        ValueError: with fewer than ``MIN_MEMBERS`` companies with a share above 0 in the
            months drawn: one line at 100% is no comparison
            (``analysis.market.too_few_companies`` gives the sentence instead).
    """
    drawn = shares.columns[(shares.fillna(0.0) > 0).any().to_numpy(dtype=bool)]
    if not comparable(drawn):
        raise ValueError(
            f"a market share chart compares at least {MIN_MEMBERS} companies with sales, not "
            f"{len(drawn)}; show analysis.market.too_few_companies instead"
        )
    fig, ax = new_axes()
    x = np.arange(len(shares))
    top = max(float(np.nanmax(shares.to_numpy())) * 1.15, MIN_SHARE_AXIS)
    ends = shares.ffill().iloc[-1].fillna(0.0).to_numpy(dtype="float64")
    for k, name in enumerate(shares.columns):
        own = k == 0
        colour = PALETTE["revenue"] if own else RIVAL_COLOURS[(k - 1) % len(RIVAL_COLOURS)]
        ax.plot(
            x,
            shares[name],
            color=colour,
            linewidth=3 if own else 1.6,
            linestyle="-" if own else (0, (4, 1 + k % 3)),
            label=f"{name} {fmt.pct(ends[k])}",
        )
    # the legend under the chart names each line with its last share: the lines keep the width
    legend = fig.legend(loc="outside lower center", frameon=False)  # one a line: names are long
    legend.get_texts()[0].set_fontweight("bold")
    month_ticks(ax, month_labels(shares.index, fmt))
    ax.tick_params(axis="x", labelrotation=45)
    ax.set_xlim(-0.5, len(shares) - 0.5)
    ax.set_ylim(0, top)
    ax.yaxis.set_major_formatter(pct_axis(fmt))
    ax.set_ylabel(_("Share of market sales"))
    first, last = shares.index[0], shares.index[-1]
    lines = "; ".join(
        _share_line(shares[name], fmt) for name in shares.columns if shares[name].notna().any()
    )
    alt = _(
        "Line chart of monthly market share from {first} to {last}, {company} as the thick line "
        "against its competitors."
    ).format(first=fmt.month(first), last=fmt.month(last), company=shares.columns[0])
    alt += f" {lines}."
    return Chart(fig, alt)


def _share_line(share: pd.Series, fmt: Formatter) -> str:
    """``Vantora: 30.0% to 36.1%``: a company's first and last known share (one if only one)."""
    known = share.dropna()
    if len(known) == 1:
        return SHARE_POINT.format(name=share.name, last=fmt.pct(known.iloc[-1]))
    return _(SHARE_LINE).format(
        name=share.name, first=fmt.pct(known.iloc[0]), last=fmt.pct(known.iloc[-1])
    )
