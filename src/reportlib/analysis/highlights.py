"""The executive summary's highlights: short sentences built from the headline figures.

Each highlight reads only ``kpis.collect_kpis`` figures; one whose figures are missing is left
out. At most :data:`MAX_HIGHLIGHTS` are returned, in the order below.
"""

from __future__ import annotations

from collections.abc import Mapping

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
