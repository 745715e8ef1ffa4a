"""Charts of the team performance section."""

from __future__ import annotations

import numpy as np
import pandas as pd

from reportlib.charts import PALETTE, Chart, new_axes, pct_axis, themed
from reportlib.formatting import Formatter

NO_TEAM = "All reps"


def attainment_by_team(
    reps: pd.DataFrame,
    fmt: Formatter,
    column: str = "attainment_ytd",
    label: str = "year-to-date attainment",
) -> Chart:
    """Box plot of rep attainment per team, one dot per rep, with a dashed line at 100%.

    Teams run from the lowest median at the top to the highest. Drawn with matplotlib's
    ``boxplot`` (seaborn's passes an argument matplotlib 3.11 deprecates).

    Args:
        reps: Output of ``analysis.team.rep_attainment`` or ``analysis.team.leaderboard``.
        fmt: Formatter of the report.
        column: The attainment column to plot.
        label: What the column is, in lower case (axis title and alt text).
    """
    data = reps.loc[reps[column].notna(), ["team", column]]
    data = data.assign(team=data["team"].fillna(NO_TEAM).astype(str))
    medians = data.groupby("team")[column].median().sort_values(kind="stable")
    order = list(medians.index)
    fig, ax = new_axes(height=0.55 * max(1, len(order)) + 1.4)
    if data.empty:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No rep has a target", ha="center", va="center")
        return Chart(fig, f"No account executive has a target, so there is no {label} to plot.")
    groups = [data.loc[data["team"] == team, column].to_numpy() for team in order]
    positions = np.arange(len(order))
    with themed():
        ax.boxplot(
            groups,
            positions=positions,
            orientation="horizontal",
            widths=0.55,
            showfliers=False,
            patch_artist=True,
            boxprops={"facecolor": "#dfe7f0", "edgecolor": PALETTE["target"]},
            medianprops={"color": PALETTE["target"], "linewidth": 1.5},
            whiskerprops={"color": PALETTE["target"]},
            capprops={"color": PALETTE["target"]},
        )
        # one dot per rep, spread vertically by a fixed jitter so the picture is reproducible
        jitter = np.random.default_rng(0)
        for y, values in zip(positions, groups, strict=True):
            offsets = jitter.uniform(-0.15, 0.15, len(values))
            ax.scatter(values, y + offsets, s=30, color=PALETTE["revenue"], zorder=3)
    ax.set_yticks(positions, order)
    ax.invert_yaxis()
    ax.axvline(1.0, color=PALETTE["target"], linestyle="--", linewidth=1.2)
    ax.text(1.0, 1.0, " 100% of target", transform=ax.get_xaxis_transform(), va="bottom")
    ax.xaxis.set_major_formatter(pct_axis(fmt))
    ax.set_xlabel(label.capitalize())
    ax.set_ylabel("")
    at_target = int((data[column] >= 1).sum())
    spread = "; ".join(f"{team} {fmt.pct(value)}" for team, value in medians.items())
    alt = (
        f"Box plot of {label} by team, one dot per account executive, with a dashed line at "
        f"100% of target. Median by team, lowest first: {spread}. "
        f"{fmt.number(at_target)} of {fmt.number(len(data))} reps are at or above target."
    )
    return Chart(fig, alt)


def ramp_curve(frame: pd.DataFrame, fmt: Formatter) -> Chart:
    """Attainment of rep-months by months since hire, as a line with a dashed 100% line.

    Args:
        frame: Output of ``analysis.team.ramp``.
        fmt: Formatter of the report.
    """
    fig, ax = new_axes(height=3.8)
    labels = [str(label) for label in frame.index]
    values = frame["attainment"]
    ax.plot(labels, values, color=PALETTE["revenue"], marker="o", linewidth=2)
    ax.axhline(1.0, color=PALETTE["target"], linestyle="--", linewidth=1.2)
    for x, (value, n) in enumerate(zip(values, frame["reps"], strict=True)):
        if pd.notna(value):
            ax.annotate(
                f"{fmt.pct(value, 0)}\n{_reps(n, fmt)}",
                (x, value),
                textcoords="offset points",
                xytext=(0, 8),
                ha="center",
            )
    top = float(values.max()) if values.notna().any() else 1.0
    ax.set_ylim(0, max(1.2, top * 1.25))
    ax.yaxis.set_major_formatter(pct_axis(fmt))
    ax.set_xlabel("Months since hire")
    ax.set_ylabel("Attainment")
    points = "; ".join(
        f"{label}: {fmt.pct(value)} ({_reps(n, fmt)})"
        for label, value, n in zip(labels, values, frame["reps"], strict=True)
    )
    alt = (
        "Line chart of target attainment by months since hire (ramp of new account "
        f"executives), with a dashed line at 100%. {points}."
    )
    return Chart(fig, alt)


def _reps(n: int, fmt: Formatter) -> str:
    """``1 rep``, ``4 reps``."""
    return f"{fmt.number(n)} {'rep' if n == 1 else 'reps'}"
