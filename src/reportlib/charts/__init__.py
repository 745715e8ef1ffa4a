"""Figures for the reports, one module per report section (``charts.revenue`` ...).

Each chart function returns a :class:`Chart`: a new matplotlib Figure (no pyplot state) and the alt
text that says what it shows, with its key figures, for readers who cannot see it.

Rules every chart keeps (the report's glossary states them):

- Every value label and tick label goes through :class:`reportlib.formatting.Formatter`, never
  ``str()`` or an f-string of a number.
- Tick labels come from :class:`DistinctTicks` (:func:`money_axis`, :func:`pct_axis`,
  :func:`number_axis`, :func:`points_axis`): the axis takes as many decimals as it needs for
  neighbouring ticks to read differently (12.5%, 12.8%, 13.0%, not 13%, 13%, 13%).
- A chart that draws only some of its rows says so on the figure itself, not only in its alt
  text: :func:`mark_top_n` titles it "Showing the 24 campaigns with the lowest ROMI, of 45".
- Every text a reader sees on a chart (titles, axis titles, legends, labels, alt text) is a
  message of the catalogs (``reportlib.i18n``), looked up when the chart is made, and a month
  on an axis is Babel's abbreviation in the report's words (:func:`month_label`: "Oct 25",
  "out. 25", "oct 25"), never ``strftime``.
- A chart is :data:`FIGURE_WIDTH` inches wide and no text on it is smaller than :data:`TEXT_PT`
  points, so that on a phone (the page's column :data:`PHONE_COLUMN_PX` CSS px wide) its
  smallest text is still :data:`PHONE_TEXT_PX` px or more (:func:`shown_text_px`). Text sizes
  come from the theme; a chart never sets a smaller one. A time axis labels at most
  :data:`MOST_MONTH_TICKS` months (:func:`month_ticks`).
- A chart goes on the page as SVG (:func:`to_svg`): text stays text, crisp at any zoom; the
  same figure gives the same bytes; nothing in it refers to a file or address elsewhere.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

import matplotlib as mpl
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import seaborn as sns
from babel.dates import format_date
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import Formatter as TickFormatter
from matplotlib.ticker import MaxNLocator

from reportlib.formatting import Formatter
from reportlib.i18n import _

PALETTE = {"revenue": "#1f5f99", "target": "#5b5b5b", "good": "#1b7f3b", "bad": "#b3261e"}
FIGURE_WIDTH = 4.9
"""Inches: a chart's width. The page shows it at that size (470 CSS px at 96 px an inch) on a
wide screen and scales it down to the page's column on a phone."""
TEXT_PT = 10.0
"""Points: the size of every text on a chart (tick labels, axis titles, value labels, legends)."""
TITLE_PT = 11.0
"""Points: a chart's title."""
PHONE_COLUMN_PX = 332
"""CSS px: the narrowest width the page gives a chart on a phone 390 px wide: a chart folded
into a details block (390 less the page's 16 px of margin and the block's 13 px of padding,
each side; 358 px outside a block)."""
PHONE_TEXT_PX = 9.0
"""CSS px: the smallest chart text a reader should meet on that phone."""
MOST_MONTH_TICKS = 13
"""A time axis labels at most this many months (a year and the month a year earlier)."""
TEXT_SIZES = {
    "font.size": TEXT_PT,
    "axes.labelsize": TEXT_PT,
    "axes.titlesize": TITLE_PT,
    "xtick.labelsize": TEXT_PT,
    "ytick.labelsize": TEXT_PT,
    "legend.fontsize": TEXT_PT,
    "legend.title_fontsize": TEXT_PT,
    "figure.titlesize": TITLE_PT,
}
# seaborn's look, applied per figure (never to matplotlib's global settings)
THEME = {**sns.axes_style("whitegrid"), **sns.plotting_context("notebook"), **TEXT_SIZES}
SVG_SETTINGS = {
    "svg.fonttype": "none",  # text stays text: smaller, crisp, in the reader's sans-serif
    "svg.hashsalt": "reportlib",  # clip-path ids from the drawing, not from a random salt
}
SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
"""No date, no creator block: the same figure gives the same bytes."""
_DOCTYPE = re.compile(r"<!DOCTYPE[^>]*>\s*")
MOST_TICK_DIGITS = 6
"""No axis is given more decimals than this, even if its ticks still repeat."""
QUARTER_LABEL = "QQQ y"
"""Babel date pattern of a quarter on a chart: ``Q4 2024`` (en), ``T4 2024`` (pt_BR, es)."""
MONTH_TICK = "MMM yy"
"""Babel date pattern of a month on an axis: ``Oct 25`` (en), ``out. 25`` (pt_BR), ``oct 25``
(es)."""


@dataclass(frozen=True)
class Chart:
    """A figure and its alt text."""

    figure: Figure
    alt: str


def themed() -> AbstractContextManager[None]:
    """A context in which every artist drawn takes reportlib's look."""
    return mpl.rc_context(THEME)


def new_axes(
    width: float = FIGURE_WIDTH, height: float = 3.4, ncols: int = 1
) -> tuple[Figure, Axes]:
    """A new figure and its axes in reportlib's theme, not registered with pyplot.

    Returns the axes array instead of one axes when ``ncols`` > 1.
    """
    with themed():
        fig = Figure(figsize=(width, height), dpi=110, layout="constrained")
        axes = fig.subplots(ncols=ncols)
    for ax in fig.axes:
        wrap_titles(ax)
    return fig, axes


LEGEND_PAIR_CHARS = 20
"""The longest legend entry (characters) that still fits two to a row under a chart
:data:`FIGURE_WIDTH` wide at :data:`TEXT_PT`; longer entries (a Portuguese "Intervalo de previsão
de 80%") take a row each."""


def legend_below(fig: Figure) -> None:
    """The figure's legend under its axes: two entries to a row when they fit, else one.

    Translations run longer than English; two long entries side by side would run past the
    figure's edges and be cut off.
    """
    labels = [label for ax in fig.axes for label in ax.get_legend_handles_labels()[1]]
    ncols = 2 if labels and max(len(label) for label in labels) <= LEGEND_PAIR_CHARS else 1
    fig.legend(loc="outside lower center", frameon=False, ncols=ncols)


def wrap_titles(ax: Axes) -> None:
    """Let the titles and axis titles of ``ax`` wrap at the figure's edge instead of leaving it.

    A figure :data:`FIGURE_WIDTH` inches wide holds about 60 characters a line at
    :data:`TEXT_PT`: a longer axis title ("Change in share of net revenue, outubro de 2025 to
    outubro de 2026") takes a second line rather than being cut off.
    """
    titles = (ax.title, ax._left_title, ax._right_title)
    for text in (*titles, ax.xaxis.label, ax.yaxis.label):
        text.set_wrap(True)


def tick_digits(
    values: Sequence[float],
    label: Callable[[float, int], str],
    fewest: int = 0,
    most: int = MOST_TICK_DIGITS,
) -> int:
    """The fewest decimals, from ``fewest`` up, for which no two tick labels read the same.

    Args:
        values: The tick positions.
        label: Formats one value with a given number of decimals.
        fewest: The decimals to start from.
        most: The decimals to stop at (returned when even they repeat).
    """
    for digits in range(fewest, most + 1):
        labels = [label(float(v), digits) for v in values]
        if len(set(labels)) == len(labels):
            return digits
    return most


class DistinctTicks(TickFormatter):
    """Tick labels of one kind (money, percent ...) with one number of decimals for the axis.

    The decimals are the fewest for which neighbouring ticks never read the same
    (:func:`tick_digits`): ticks at 12.5%, 12.75%, 13% and 13.25% read 12.5%, 12.8%, 13.0%,
    13.3%, not 13%, 13%, 13%, 13%.

    Args:
        label: Formats a value with a number of decimals, e.g. ``lambda v, d: fmt.pct(v, d)``.
        fewest: The decimals to start from.
    """

    def __init__(self, label: Callable[[float, int], str], fewest: int = 0) -> None:
        self.label = label
        self.fewest = fewest
        self.digits = fewest

    def set_locs(self, locs: Sequence[float]) -> None:
        """Called by matplotlib with the axis' tick positions before it labels them."""
        super().set_locs(locs)
        self.digits = tick_digits(list(locs), self.label, self.fewest)

    def __call__(self, x: float, pos: int | None = None) -> str:
        """The label of the tick at ``x``."""
        return self.label(float(x), self.digits)


def money_axis(fmt: Formatter) -> DistinctTicks:
    """Tick labels in compact money: ``R$ 1,2 mi``, more decimals when ticks would repeat."""
    return DistinctTicks(lambda v, d: fmt.money(v, compact=True, digits=d), fewest=1)


def pct_axis(fmt: Formatter, digits: int = 0) -> DistinctTicks:
    """Tick labels as percentages of a fraction, at least ``digits`` decimals."""
    return DistinctTicks(lambda v, d: fmt.pct(v, d), fewest=digits)


def number_axis(fmt: Formatter, digits: int = 0) -> DistinctTicks:
    """Tick labels as grouped numbers, at least ``digits`` decimals."""
    return DistinctTicks(lambda v, d: fmt.number(v, d), fewest=digits)


def points_axis(fmt: Formatter, digits: int = 0) -> DistinctTicks:
    """Tick labels as signed percentage points of a fraction (``+2 pp``)."""
    return DistinctTicks(lambda v, d: fmt.points(v, d), fewest=digits)


def month_label(period: pd.Period, fmt: Formatter) -> str:
    """A month as an axis labels it (Babel, :data:`MONTH_TICK`), in the words of the report.

    In ``Formatter.words_locale`` (the region's locale when the report is in its language, as
    ``Formatter.month``): ``2025-10`` reads ``Oct 25`` in ``en_US``, ``out. 25`` in ``pt_BR``,
    ``oct 25`` in ``es``.
    """
    return format_date(period.start_time.date(), MONTH_TICK, locale=fmt.words_locale)


def quarter_label(period: pd.Period, fmt: Formatter) -> str:
    """A quarter as a chart labels it (Babel, :data:`QUARTER_LABEL`), as :func:`month_label`.

    ``2024Q4`` reads ``Q4 2024`` in ``en_US``, ``T4 2024`` in ``pt_BR`` and ``es``.
    """
    return format_date(period.start_time.date(), QUARTER_LABEL, locale=fmt.words_locale)


def month_labels(periods: Sequence[pd.Period], fmt: Formatter) -> list[str]:
    """:func:`month_label` of each month of ``periods``, in order."""
    return [month_label(p, fmt) for p in periods]


class MonthTicks(TickFormatter):
    """Tick labels of a date axis (matplotlib date numbers) as :func:`month_label` writes them.

    The words' locale is the one when the chart is made (the figure may be drawn later).
    """

    def __init__(self, fmt: Formatter) -> None:
        self.locale = fmt.words_locale

    def __call__(self, x: float, pos: int | None = None) -> str:
        """The label of the tick at date number ``x``."""
        day = mdates.num2date(x).date()
        return format_date(day, MONTH_TICK, locale=self.locale)


def top_n_note(shown: int, total: int, template: str, fmt: Formatter) -> str | None:
    """The sentence saying a chart draws ``shown`` of ``total`` rows; None when it draws all.

    Args:
        shown: Rows drawn.
        total: Rows there are.
        template: The whole sentence, a message with ``{shown}`` and ``{total}`` looked up in
            the active language: ``N_("Showing the {shown} campaigns with the lowest ROMI, of
            {total}")`` gives "Showing the 24 campaigns with the lowest ROMI, of 45".
        fmt: Formatter of the report (the counts).
    """
    if shown >= total:
        return None
    return _(template).format(shown=fmt.number(shown), total=fmt.number(total))


def mark_top_n(ax: Axes, shown: int, total: int, template: str, fmt: Formatter) -> str | None:
    """Title ``ax`` with :func:`top_n_note` when it draws only part of its rows.

    Returns:
        The note (for the alt text too), or None when every row is drawn.
    """
    note = top_n_note(shown, total, template, fmt)
    if note is not None:
        ax.set_title(note, loc="left", fontsize=TEXT_PT)
    return note


WATERFALL_ROW = 0.42
"""Inches of height a step of a waterfall takes (:func:`waterfall`)."""
MOST_AXIS_TICKS = 4
"""A horizontal value axis has at most this many intervals: its labels are wide for a phone."""


def waterfall(
    ax: Axes,
    steps: Sequence[str],
    lefts: Sequence[float],
    widths: Sequence[float],
    colours: Sequence[object],
    texts: Sequence[str],
    fmt: Formatter,
) -> None:
    """Draw a waterfall down the page: one horizontal bar a step, first step on top.

    Each bar is labelled at its right end, so no two labels share a line, however many steps
    and however narrow the figure (side by side, the labels of 8 steps overlap on a phone).

    Args:
        ax: The axes to draw on (a figure :data:`WATERFALL_ROW` inches high a step, plus room
            for the axis).
        steps: The steps' names, top to bottom.
        lefts: Where each bar starts (money).
        widths: Each bar's length (money, ≥ 0).
        colours: Each bar's colour.
        texts: Each bar's label.
        fmt: Formatter of the report (the money axis).
    """
    left = np.asarray(lefts, dtype="float64")
    width = np.asarray(widths, dtype="float64")
    bars = ax.barh(list(steps), width, left=left, color=list(colours))
    ax.bar_label(bars, labels=list(texts), padding=3)
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(MOST_AXIS_TICKS))
    ax.xaxis.set_major_formatter(money_axis(fmt))
    low = min(0.0, float(left.min(initial=0.0)))
    high = max(1.0, float((left + width).max(initial=0.0)))
    ax.set_xlim(low, high + (high - low) * 0.35)  # room for the last labels
    ax.grid(axis="y", visible=False)


def month_ticks(ax: Axes, labels: Sequence[str], most: int = MOST_MONTH_TICKS) -> None:
    """Label a categorical month axis (x at 0, 1, ...) every k-th month, always the last.

    k is the smallest step that keeps at most ``most`` labels: 24 months with ``most`` 13 are
    labelled every second month, from the second to the last.

    Args:
        ax: Axes whose x positions 0 … len(labels) − 1 are the months.
        labels: One label per month, in order.
        most: The most labels drawn.
    """
    step = max(1, -(-len(labels) // most))  # ceiling division
    ticks = list(range(len(labels) - 1, -1, -step))[::-1]
    ax.set_xticks(ticks, [labels[i] for i in ticks])


def shown_text_px(size_pt: float, width_in: float, column_px: float = PHONE_COLUMN_PX) -> float:
    """CSS px of text ``size_pt`` points high on a figure ``width_in`` inches wide, as shown.

    The page shows a figure at its own size (96 CSS px an inch, 4/3 px a point) or, in a
    narrower column, scaled down to the column's width (the stylesheet's ``img {max-width:
    100%}``): 10 pt on a 4.9-inch figure in a 332-px column is 10 × 4/3 × 332 ÷ 470.4 = 9.4 px.

    Args:
        size_pt: Text size in points.
        width_in: Figure width in inches.
        column_px: Width of the page's column in CSS px.
    """
    return size_pt * 96 / 72 * min(1.0, column_px / (width_in * 96))


def smallest_text_pt(figure: Figure) -> float:
    """Points: the size of the smallest visible, non-empty text on ``figure`` (inf if none).

    The figure is drawn first, so tick labels exist as they will on the page.
    """
    figure.draw_without_rendering()
    sizes = [
        t.get_fontsize() for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()
    ]
    return float(min(sizes, default=float("inf")))


def to_svg(figure: Figure) -> str:
    """The figure as an SVG document: text as text, the same bytes for the same figure.

    Text is kept as ``<text>`` in the figure's font list ending in ``sans-serif`` (smaller than
    outlines, and sharp at any zoom); ids come from the drawing (``svg.hashsalt``); no date or
    creator is written; the DOCTYPE, whose DTD address a reader never needs, is left out, so the
    document names no file or address outside itself (the XML namespaces are names only).
    """
    buffer = io.BytesIO()
    with mpl.rc_context(SVG_SETTINGS):
        figure.savefig(buffer, format="svg", metadata=SVG_METADATA)
    return _DOCTYPE.sub("", buffer.getvalue().decode("utf-8"), count=1)


def svg_data_uri(figure: Figure) -> str:
    """The figure as a ``data:image/svg+xml;base64,…`` address for an ``<img>`` (:func:`to_svg`).

    For a chart placed inside other markup (a folded detail): the page's template writes the
    same address for a chart shown with ``present.show_chart``.
    """
    return "data:image/svg+xml;base64," + base64.b64encode(to_svg(figure).encode()).decode()
