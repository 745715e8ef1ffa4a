"""The executive summary: its opening sentences and highlights, built from the headline figures.

Each sentence and clause reads only ``kpis.collect_kpis`` figures; one whose figures are missing
(an optional table or column not delivered) is left out, never shown as "n/a". At most
:data:`MAX_HIGHLIGHTS` highlights are returned, in the order below.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from reportlib.formatting import Formatter

MAX_HIGHLIGHTS = 5


def _has(kpis: Mapping[str, object], *keys: str) -> bool:
    return all(kpis.get(k) is not None for k in keys)


def highlights(kpis: Mapping[str, object], fmt: Formatter) -> list[str]:
    """Up to five highlights, each stating the figures it is about.

    Args:
        kpis: The report's headline figures.
        fmt: Formatter of the report.
    """
    k = kpis
    found = []
    if _has(k, "revenue", "yoy_growth"):
        found.append(
            f"Revenue of {fmt.money(k['revenue'])}, {fmt.signed_pct(k['yoy_growth'])} on the same "
            "month last year."
        )
    if _has(k, "revenue_ytd", "target_ytd", "attainment_ytd"):
        found.append(
            f"Year to date at {fmt.pct(k['attainment_ytd'])} of target: "
            f"{fmt.money(k['revenue_ytd'], compact=True)} of "
            f"{fmt.money(k['target_ytd'], compact=True)}."
        )
    if _has(k, "gross_margin_pct_12m", "gross_margin_pct_12m_change"):
        found.append(
            f"Gross margin over the last 12 months {fmt.pct(k['gross_margin_pct_12m'])}, "
            f"{fmt.points(k['gross_margin_pct_12m_change'])} on the year before."
        )
    if _has(k, "nrr", "churn_rate"):
        found.append(
            f"Customers kept {fmt.pct(k['nrr'], 0)} of their revenue year on year (net revenue "
            f"retention); {fmt.pct(k['churn_rate'])} of them stopped buying."
        )
    if _has(k, "top_competitor_gain", "top_competitor_share_change", "win_rate_vs_top_competitor"):
        found.append(
            f"{k['top_competitor_gain']} gained {fmt.points(k['top_competitor_share_change'])} of "
            "market share; the win rate against it is "
            f"{fmt.pct(k['win_rate_vs_top_competitor'], 0)}."
        )
    if _has(k, "new_product", "new_product_share"):
        found.append(
            f"{k['new_product']} brought {fmt.pct(k['new_product_share'])} of the month's revenue."
        )
    return found[:MAX_HIGHLIGHTS]


def summary(kpis: Mapping[str, object], fmt: Formatter, region: str, period: pd.Period) -> str:
    """The executive summary's opening: revenue, then attainment and margin when they are known.

    "North America invoiced $960.00 in October 2026, 96.0% of its $1,000.00 target, with a gross
    margin of 50.0%. Quarter to date the region stands at 90.0% of target, year to date at
    105.0%." Without targets the attainment clause and the second sentence are left out; without
    the orders' cost, the margin clause.

    Args:
        kpis: The report's headline figures (``revenue`` is always there).
        fmt: Formatter of the report.
        region: The region's (or company's) name.
        period: The reported month.
    """
    k = kpis
    text = f"{region} invoiced {fmt.money(k['revenue'])} in {fmt.month(period)}"
    if _has(k, "attainment", "target"):
        text += f", {fmt.pct(k['attainment'])} of its {fmt.money(k['target'])} target"
    if _has(k, "gross_margin_pct"):
        text += f", with a gross margin of {fmt.pct(k['gross_margin_pct'])}"
    text += "."
    if _has(k, "attainment_qtd", "attainment_ytd"):
        text += (
            f" Quarter to date the region stands at {fmt.pct(k['attainment_qtd'])} of target, "
            f"year to date at {fmt.pct(k['attainment_ytd'])}."
        )
    return text
