"""Charts of the team performance section."""

from __future__ import annotations

import numpy as np
import pandas as pd

from reportlib.analysis.comparisons import MIN_MEMBERS, comparable
from reportlib.analysis.team import UNKNOWN_TENURE
from reportlib.charts import PALETTE, TEXT_PT, Chart, new_axes, pct_axis, themed
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _, ngettext

NO_TEAM = "All reps"
"""The group of the reps of no team (the data's name; shown as :data:`NO_TEAM_LABEL`)."""
NO_TEAM_LABEL = N_("All reps")
ATTAINMENT_YTD = N_("year-to-date attainment")
"""What :func:`attainment_by_team` plots by default, in lower case."""
RAMP_POINT = "{bucket}: {attainment} ({reps})"
RAMP_EMPTY = N_("{bucket}: no rep")


def attainment_by_team(
    reps: pd.DataFrame,
    fmt: Formatter,
    column: str = "attainment_ytd",
    label: str | None = None,
) -> Chart:
    """Box plot of rep attainment per team, one dot per rep, with a dashed line at 100%.

    Teams run from the lowest median at the top to the highest. Drawn with matplotlib's
    ``boxplot`` (seaborn's passes an argument matplotlib 3.11 deprecates).

    Args:
        reps: Output of ``analysis.team.rep_attainment`` or ``analysis.team.leaderboard``.
        fmt: Formatter of the report.
        column: The attainment column to plot.
        label: What the column is, in lower case, in the report's language (axis title and
            alt text); :data:`ATTAINMENT_YTD` by default.

    Raises:
        ValueError: with fewer than ``MIN_MEMBERS`` teams of reps with a target (reps of no
            team form one, :data:`NO_TEAM`): one box is the whole, not a comparison
            (``analysis.team.too_few_teams`` gives the sentence to show instead).
    """
    data = reps.loc[reps[column].notna(), ["team", column]]
    data = data.assign(team=data["team"].fillna(NO_TEAM).astype(str))
    medians = data.groupby("team")[column].median().sort_values(kind="stable")
    if not comparable(medians.index):
        raise ValueError(
            f"an attainment-by-team chart compares at least {MIN_MEMBERS} teams of reps with a "
            f"target, not {len(medians)}; show analysis.team.too_few_teams instead"
        )
    label = _(ATTAINMENT_YTD) if label is None else label
    order = list(medians.index)
    fig, ax = new_axes(height=0.55 * len(order) + 1.4)
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
    ax.set_yticks(positions, [_team(team) for team in order])
    ax.invert_yaxis()
    ax.axvline(1.0, color=PALETTE["target"], linestyle="--", linewidth=1.2)
    full = fmt.pct(1.0, 0)  # the dashed line: "100%" as the locale writes it
    ax.text(
        1.0,
        1.0,
        " " + _("{full} of target").format(full=full),
        transform=ax.get_xaxis_transform(),
        va="bottom",
    )
    ax.xaxis.set_major_formatter(pct_axis(fmt))
    ax.set_xlabel(label.capitalize())
    ax.set_ylabel("")
    at_target = int((data[column] >= 1).sum())
    spread = "; ".join(f"{_team(team)} {fmt.pct(value)}" for team, value in medians.items())
    alt = _(
        "Box plot of {label} by team, one dot per account executive, with a dashed line at "
        "{full} of target. Median by team, lowest first: {medians}."
    ).format(label=label, full=full, medians=spread)
    alt += " " + ngettext(
        "{at_target} of {n} rep is at or above target.",
        "{at_target} of {n} reps are at or above target.",
        len(data),
    ).format(at_target=fmt.number(at_target), n=fmt.number(len(data)))
    return Chart(fig, alt)


def ramp_curve(frame: pd.DataFrame, fmt: Formatter) -> Chart:
    """Year-to-date attainment by months since hire, as a line with a dashed 100% line.

    The title states the population: the buckets' reps added up, the same
    account executives the section's text counts. Each point is labelled with its attainment and
    its number of reps; the reps without a hire date (:data:`UNKNOWN_TENURE`) are not drawn,
    and the alt text says how many they are.

    Args:
        frame: Output of ``analysis.team.ramp``.
        fmt: Formatter of the report.

    Raises:
        ValueError: with fewer than ``MIN_MEMBERS`` bands of months since hire holding reps:
            one point is no ramp (``analysis.team.too_few_tenures`` gives the sentence instead).
    """
    undated = frame.loc[UNKNOWN_TENURE] if UNKNOWN_TENURE in frame.index else None
    drawn = frame.drop(index=UNKNOWN_TENURE, errors="ignore")
    bands = drawn.index[drawn["reps"] > 0]
    if not comparable(bands):
        raise ValueError(
            f"a ramp chart compares at least {MIN_MEMBERS} bands of months since hire holding "
            f"reps, not {len(bands)}; show analysis.team.too_few_tenures instead"
        )
    fig, ax = new_axes(height=3.8)
    labels = [_band(label) for label in drawn.index]
    values = drawn["attainment"]
    ax.plot(labels, values, color=PALETTE["revenue"], marker="o", linewidth=2)
    ax.axhline(1.0, color=PALETTE["target"], linestyle="--", linewidth=1.2)
    for x, (value, n) in enumerate(zip(values, drawn["reps"], strict=True)):
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
    ax.set_xlabel(_("Months since hire"))
    ax.set_ylabel(_("Attainment, year to date"))
    counted = int(frame["reps"].sum())
    title = ngettext(
        "Year-to-date attainment of the {reps} account executive with a target, counted once, "
        "by months since hire",
        "Year-to-date attainment of the {reps} account executives with a target, each counted "
        "once, by months since hire",
        counted,
    ).format(reps=fmt.number(counted))
    ax.set_title(title, loc="left", fontsize=TEXT_PT, wrap=True)
    points = "; ".join(
        RAMP_POINT.format(bucket=label, attainment=fmt.pct(value), reps=_reps(n, fmt))
        if n > 0 and pd.notna(value)
        else _(RAMP_EMPTY).format(bucket=label)
        for label, value, n in zip(labels, values, drawn["reps"], strict=True)
    )
    alt = _("Line chart: {title}, with a dashed line at {full} of target.").format(
        title=title, full=fmt.pct(1.0, 0)
    )
    alt += f" {points}."
    if undated is not None and undated["reps"] > 0:
        alt += " " + ngettext(
            "{reps} rep without a hire date is not drawn ({attainment} of target).",
            "{reps} reps without a hire date are not drawn ({attainment} of target).",
            int(undated["reps"]),
        ).format(reps=fmt.number(int(undated["reps"])), attainment=fmt.pct(undated["attainment"]))
    return Chart(fig, alt)


def _reps(n: int, fmt: Formatter) -> str:
    """``1 rep``, ``4 reps``."""
    return ngettext("{n} rep", "{n} reps", n).format(n=fmt.number(n))


def _team(team: str) -> str:
    """A team's name as it is; the reps of no team (:data:`NO_TEAM`) in the report's language."""
    return _(NO_TEAM_LABEL) if team == NO_TEAM else team


def _band(band: object) -> str:
    """A band of months since hire (``analysis.team.TENURE_BUCKETS``) in the report's language.

    The bands' names are messages of the catalogs (marked where the analysis defines them).
    """
    return _(str(band))
