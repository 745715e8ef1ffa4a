"""Figures for the reports, one module per report section (``charts.revenue`` ...).

Each chart function returns a :class:`Chart`: a new matplotlib Figure (no pyplot state) and the alt
text that says what it shows, with its key figures, for readers who cannot see it.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from reportlib.formatting import Formatter

PALETTE = {"revenue": "#1f5f99", "target": "#5b5b5b", "good": "#1b7f3b", "bad": "#b3261e"}
THEME = {
    # seaborn 0.13's ``axes_style("whitegrid")``
    "axes.axisbelow": True, "axes.edgecolor": ".8", "axes.facecolor": "white", "axes.grid": True,
    "axes.labelcolor": ".15", "axes.linewidth": 1.25, "axes.spines.bottom": True,
    "axes.spines.left": True, "axes.spines.right": True, "axes.spines.top": True,
    "figure.facecolor": "white", "font.family": ["sans-serif"],
    "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans", "Bitstream Vera Sans",
                        "sans-serif"],
    "grid.color": ".8", "grid.linestyle": "-", "lines.solid_capstyle": "round",
    "patch.edgecolor": "w", "patch.force_edgecolor": True,
    "text.color": ".15", "xtick.bottom": False, "xtick.color": ".15", "xtick.direction": "out",
    "xtick.top": False, "ytick.color": ".15", "ytick.direction": "out", "ytick.left": False,
    "ytick.right": False,
    # and its ``plotting_context("notebook")``
    "axes.labelsize": 12, "axes.titlesize": 12, "font.size": 12, "grid.linewidth": 1,
    "legend.fontsize": 11, "legend.title_fontsize": 12, "lines.linewidth": 1.5,
    "lines.markersize": 6, "patch.linewidth": 1, "xtick.labelsize": 11, "xtick.major.size": 6,
    "xtick.major.width": 1.25, "xtick.minor.size": 4, "xtick.minor.width": 1,
    "ytick.labelsize": 11, "ytick.major.size": 6, "ytick.major.width": 1.25,
    "ytick.minor.size": 4, "ytick.minor.width": 1,
}  # fmt: skip
"""seaborn's look, applied per figure (never to matplotlib's global settings).

Written out rather than asked of seaborn: importing seaborn (and the SciPy it loads) takes
about a second, which every process that merely imports ``reportlib.charts`` would pay. Its
default colour map, ``rocket``, is left out: seaborn registers it only when imported, and every
chart that maps values to colours names its colour map.
"""
COLORBLIND = (
    "#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc",
    "#ca9161", "#fbafe4", "#949494", "#ece133", "#56b4e9",
)  # fmt: skip
"""seaborn's ``color_palette("colorblind")``: qualitative colours safe for colour blindness."""


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


def money_axis(fmt: Formatter) -> FuncFormatter:
    """Tick labels in compact money: ``R$ 1,2 mi``."""
    return FuncFormatter(lambda v, _: fmt.money(v, compact=True))


def pct_axis(fmt: Formatter, digits: int = 0) -> FuncFormatter:
    """Tick labels as percentages of a fraction."""
    return FuncFormatter(lambda v, _: fmt.pct(v, digits))
