"""Figures for the reports, one module per report section (``charts.revenue`` ...).

Each chart function returns a :class:`Chart`: a new matplotlib Figure (no pyplot state) and the alt
text that says what it shows, with its key figures, for readers who cannot see it.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass

import matplotlib as mpl
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from reportlib.formatting import Formatter

PALETTE = {"revenue": "#1f5f99", "target": "#5b5b5b", "good": "#1b7f3b", "bad": "#b3261e"}
# seaborn's look, applied per figure (never to matplotlib's global settings)
THEME = {**sns.axes_style("whitegrid"), **sns.plotting_context("notebook")}


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
