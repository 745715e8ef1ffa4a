"""Where each region of the company stands against its target: the month and the year to date.

The company report's executive summary shows a strip of its regions, each with its status for the
month and the fiscal year to date; its highlights name the best region and the one furthest
behind, and its recommendations each region behind target with the money it is short. All of
them read the one table :func:`region_standing` builds.

Attainment = revenue ÷ target of the same months and rows (``analysis.revenue.headline_kpis``);
shortfall = target − revenue, year to date.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from reportlib.analysis.revenue import headline_kpis

STANDING_COLUMNS = (
    "name",
    "revenue",
    "target",
    "attainment",
    "revenue_ytd",
    "target_ytd",
    "attainment_ytd",
)
"""The columns of :func:`region_standing`, in order."""


def region_standing(
    orders: pd.DataFrame,
    targets: pd.DataFrame | None,
    period: pd.Period,
    names: Mapping[str, str],
    fiscal_year_start_month: int = 1,
) -> pd.DataFrame:
    """Each region's revenue, target and attainment, the month and the fiscal year to date.

    Args:
        orders: The company's order lines, amounts in one currency, with a ``region`` column.
        targets: The company's targets (with a ``region`` column), or None.
        period: The reported month.
        names: Region id → region name, in the order the regions are shown; a region without
            orders reads 0 revenue.
        fiscal_year_start_month: First month of the fiscal year.

    Returns:
        One row per region of ``names`` (index ``region``, in that order) with
        :data:`STANDING_COLUMNS`; targets and attainments NaN without targets (or a target of 0).
    """
    rows = {}
    for region, name in names.items():
        part = orders[orders["region"] == region]
        region_targets = None if targets is None else targets[targets["region"] == region]
        k = headline_kpis(part, region_targets, period, fiscal_year_start_month)
        rows[region] = {"name": name, **{c: k[c] for c in STANDING_COLUMNS[1:]}}
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=list(STANDING_COLUMNS))
    numeric = list(STANDING_COLUMNS[1:])
    frame[numeric] = frame[numeric].astype("float64")
    return frame.rename_axis("region")
