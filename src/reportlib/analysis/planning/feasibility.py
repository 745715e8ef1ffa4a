"""Whether the plan can be reached: gaps, needed growth, reps beyond the best.

Formulas: the package docstring (:mod:`reportlib.analysis.planning`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from reportlib.analysis.planning.history import DEFAULT_RAMP

REACH_SHARE = 0.8
"""A rep "can reach" their target when their capacity is at least this share of it."""


def feasibility(
    targets: pd.DataFrame,
    top_down_amounts: pd.Series,
    bottom_up_amounts: pd.Series,
    months: pd.DataFrame,
    window: pd.DataFrame,
    best: pd.Series,
    quarters: int = len(DEFAULT_RAMP),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """How achievable the plan is, per rep and per region and team.

    Args:
        targets: Output of :func:`blend` (``target`` by seat, company currency).
        top_down_amounts: Output of :func:`top_down`.
        bottom_up_amounts: Each seat's capacity for the year.
        months: Output of :func:`seat_months`.
        window: :func:`rep_months` of the trailing window.
        best: Output of :func:`tenure_best` (all history).
        quarters: Quarters of ramp (as for ``best``).

    Returns:
        ``(reps, groups)``. ``reps``, by seat: ``region``, ``team``, ``target``, ``top_down``,
        ``bottom_up``, ``needed_growth`` (target per month in seat ÷ trailing revenue per
        month in seat − 1; NaN without history), ``best_path`` (Σ over the rep's months of
        ``best`` at their tenure quarter), ``beyond_best`` (1.0 when target > best path, 0.0
        when not, NaN without a best path) and ``can_reach`` (1.0 when capacity ≥
        :data:`REACH_SHARE` × target, else 0.0). ``groups``, one row per
        region (``team`` empty) and per (region, team): ``top_down``, ``bottom_up``, ``gap``
        (top-down − bottom-up), ``target``, ``reps``, ``share_beyond_best`` and
        ``share_can_reach``.
    """
    reps = targets[["region", "team", "target"]].copy()
    reps["top_down"] = top_down_amounts.reindex(reps.index)
    reps["bottom_up"] = bottom_up_amounts.reindex(reps.index)
    seated = months[months["in_seat"]]
    in_seat = seated.groupby("rep_id").size().reindex(reps.index, fill_value=0)
    past_revenue = window.groupby("rep_id")["revenue"].sum()
    past_months = window.groupby("rep_id").size()
    per_month = (past_revenue / past_months).reindex(reps.index)
    reps["needed_growth"] = (reps["target"] / in_seat / per_month - 1).where(per_month > 0)
    band = np.minimum(seated["tenure"] // 3, quarters)
    path = pd.Series(band.map(best).to_numpy(), index=seated.index)
    reps["best_path"] = path.groupby(seated["rep_id"]).sum(min_count=1).reindex(reps.index)
    beyond = (reps["target"] > reps["best_path"]).astype("float64")
    reps["beyond_best"] = beyond.where(reps["best_path"].notna())
    reps["can_reach"] = (reps["bottom_up"] >= REACH_SHARE * reps["target"]).astype("float64")

    def summary(keys: list[str]) -> pd.DataFrame:
        g = reps.groupby(keys)
        out = pd.DataFrame(
            {
                "top_down": g["top_down"].sum(),
                "bottom_up": g["bottom_up"].sum(),
                "target": g["target"].sum(),
                "reps": g.size(),
                "share_beyond_best": g["beyond_best"].mean(),
                "share_can_reach": g["can_reach"].mean(),
            }
        )
        out["gap"] = out["top_down"] - out["bottom_up"]
        return out.reset_index()

    groups = pd.concat([summary(["region"]).assign(team=""), summary(["region", "team"])])
    columns = ["region", "team", "top_down", "bottom_up", "gap", "target", "reps"]
    groups = groups[[*columns, "share_beyond_best", "share_can_reach"]]
    return reps, groups.sort_values(["region", "team"]).reset_index(drop=True)
