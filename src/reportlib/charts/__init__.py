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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

import matplotlib as mpl
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter as TickFormatter

from reportlib.formatting import Formatter

PALETTE = {"revenue": "#1f5f99", "target": "#5b5b5b", "good": "#1b7f3b", "bad": "#b3261e"}
# seaborn's look, applied per figure (never to matplotlib's global settings)
THEME = {**sns.axes_style("whitegrid"), **sns.plotting_context("notebook")}
MOST_TICK_DIGITS = 6
"""No axis is given more decimals than this, even if its ticks still repeat."""
TOP_N_TITLE = "Showing the {shown} {things} with the {which}, of {total}"
"""The title of a chart that draws only part of its rows (:func:`mark_top_n`)."""


@dataclass(frozen=True)
class Chart:
    """A figure and its alt text."""

    figure: Figure
    alt: str


def themed() -> AbstractContextManager[None]:
    """A context in which every artist drawn takes reportlib's look."""
    return mpl.rc_context(THEME)


def new_axes(width: float = 9, height: float = 4.2, ncols: int = 1) -> tuple[Figure, Axes]:
    """A new figure and its axes in reportlib's theme, not registered with pyplot.

    Returns the axes array instead of one axes when ``ncols`` > 1.
    """
    with themed():
        fig = Figure(figsize=(width, height), dpi=110, layout="constrained")
        return fig, fig.subplots(ncols=ncols)


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


def top_n_note(shown: int, total: int, things: str, which: str) -> str | None:
    """The sentence saying a chart draws ``shown`` of ``total`` rows; None when it draws all.

    ``top_n_note(24, 45, "campaigns", "lowest ROMI")`` is "Showing the 24 campaigns with the
    lowest ROMI, of 45".
    """
    if shown >= total:
        return None
    return TOP_N_TITLE.format(shown=shown, total=total, things=things, which=which)


def mark_top_n(ax: Axes, shown: int, total: int, things: str, which: str) -> str | None:
    """Title ``ax`` with :func:`top_n_note` when it draws only part of its rows.

    Returns:
        The note (for the alt text too), or None when every row is drawn.
    """
    note = top_n_note(shown, total, things, which)
    if note is not None:
        ax.set_title(note, loc="left", fontsize=10)
    return note
