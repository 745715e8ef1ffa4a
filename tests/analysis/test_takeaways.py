"""Each section's takeaway, on small hand-made frames with hand-worked values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from reportlib.analysis import takeaways
from reportlib.analysis.sentences import Sentence
from reportlib.formatting import MISSING, Formatter
from reportlib.intake.data import TableSummary

FMT = Formatter("en_US", "USD")
OCT = pd.Period("2026-10", "M")


def trend(revenue: list[float], target: list[float]) -> pd.DataFrame:
    """``revenue_vs_target``'s shape: months ending in October 2026."""
    months = pd.period_range(end=OCT, periods=len(revenue), freq="M", name="month")
    out = pd.DataFrame({"revenue": revenue, "target": target}, index=months)
    out["attainment"] = (out["revenue"] / out["target"]).where(out["target"] > 0)
    return out


def test_targets_counts_the_months_that_met_their_target() -> None:
    # 90/100, 120/100, 105/100 -> October 105.0%; 2 of the 3 months with a target met it
    said = takeaways.targets_takeaway(trend([90.0, 120.0, 105.0], [100.0, 100.0, 100.0]), FMT)
    assert said.text() == (
        "In October 2026 revenue reached 105.0% of its target; 2 of the 3 months shown with a "
        "target met it."
    )


def test_targets_skips_months_without_a_target() -> None:
    # August has no target: 1 of the 2 months with one (September 110/100) met it
    said = takeaways.targets_takeaway(trend([50.0, 110.0, 80.0], [np.nan, 100.0, 100.0]), FMT)
    assert said.text() == (
        "In October 2026 revenue reached 80.0% of its target; 1 of the 2 months shown with a "
        "target met it."
    )


def test_targets_of_one_month_with_a_target() -> None:
    said = takeaways.targets_takeaway(trend([50.0, 99.0], [np.nan, 100.0]), FMT)
    assert said.text() == "In October 2026 revenue reached 99.0% of its target."


def test_targets_without_targets_states_the_revenue() -> None:
    said = takeaways.targets_takeaway(trend([1.0, 1_200_000.0], [np.nan, np.nan]), FMT)
    assert said.text() == "Revenue of October 2026 was $1.2M; no target is set for the month."


def test_targets_of_no_month_is_an_error() -> None:
    with pytest.raises(ValueError, match="no month"):
        takeaways.targets_takeaway(trend([], []), FMT)


def teams(attainment: dict[str, float]) -> pd.DataFrame:
    """``team_table``'s shape (only what the takeaway reads), lowest attainment first."""
    frame = pd.DataFrame({"attainment": attainment}).rename_axis("team")
    return frame.sort_values("attainment")


def test_teams_at_target_and_the_lowest() -> None:
    said = takeaways.team_takeaway(teams({"North": 1.02, "South": 0.9, "East": 1.0}), FMT)
    assert said is not None
    assert said.text() == (
        "2 of the 3 teams are at or above their target for the fiscal year to date; the lowest, "
        "South, stands at 90.0%."
    )


def test_one_team_at_target_of_two_is_singular() -> None:
    said = takeaways.team_takeaway(teams({"North": 1.1, "South": 0.95}), FMT)
    assert said is not None
    assert said.text().startswith("1 of the 2 teams is at or above its target")


def test_no_team_at_target() -> None:
    said = takeaways.team_takeaway(teams({"North": 0.8, "South": 0.6}), FMT)
    assert said is not None
    assert said.text() == (
        "No team is at or above its target for the fiscal year to date; the lowest, South, "
        "stands at 60.0%."
    )


def test_every_team_at_target() -> None:
    said = takeaways.team_takeaway(teams({"North": 1.25, "South": 1.0}), FMT)
    assert said is not None
    assert said.text() == (
        "All 2 teams are at or above their target for the fiscal year to date; the lowest, "
        "South, stands at 100.0%."
    )


def test_one_team_is_not_the_lowest() -> None:
    said = takeaways.team_takeaway(teams({"North": 0.875, "Nobody": np.nan}), FMT)
    assert said is not None
    assert said.text() == (
        "The North team stands at 87.5% of its target for the fiscal year to date."
    )


def test_no_team_with_a_target_has_no_takeaway() -> None:
    assert takeaways.team_takeaway(teams({"North": np.nan}), FMT) is None


def test_customers_retention_and_churn() -> None:
    said = takeaways.customers_takeaway({"nrr": 1.15, "churn_rate": 0.17}, OCT, FMT)
    assert said is not None
    assert said.text() == (
        "The customers who bought in the 12 months to October 2025 spent 115.0% of that year's "
        "amount in the 12 months to October 2026 (net revenue retention); 17.0% of them stopped "
        "buying."
    )


def test_customers_without_churn_or_cohort() -> None:
    said = takeaways.customers_takeaway({"nrr": 0.5, "churn_rate": None}, OCT, FMT)
    assert said is not None
    assert said.text().endswith(
        "spent 50.0% of that year's amount in the 12 months to October "
        "2026 (net revenue retention)."
    )
    assert takeaways.customers_takeaway({"nrr": np.nan, "churn_rate": 0.1}, OCT, FMT) is None
    assert takeaways.customers_takeaway({}, OCT, FMT) is None


def mix(share: dict[str, float], share_ly: dict[str, float]) -> pd.DataFrame:
    out = pd.DataFrame({"share": share, "share_ly": share_ly})
    out["mix_shift"] = out["share"] - out["share_ly"]
    return out


def test_mix_takes_the_largest_shift_across_dimensions() -> None:
    # category: A 0.6 -> 0.5 (-10 pp), B +10 pp; channel: Web 0.3 -> 0.45 (+15 pp): the largest
    mixes = {
        "product category": mix({"A": 0.5, "B": 0.5}, {"A": 0.6, "B": 0.4}),
        "sales channel": mix({"Web": 0.45, "Direct": 0.55}, {"Web": 0.3, "Direct": 0.7}),
    }
    said = takeaways.mix_takeaway(mixes, OCT, FMT)
    assert said is not None
    # Direct also moved 15 pp (0.7 -> 0.55): the first of equals in the table's order is Web
    assert said.text() == (
        "The largest shift in the revenue mix: the share of Web (sales channel) went from 30.0% "
        "in October 2025 to 45.0% in October 2026."
    )


def test_mix_counts_a_fall_as_a_shift() -> None:
    mixes = {"industry": mix({"Retail": 0.2, "Energy": 0.8}, {"Retail": 0.45, "Energy": 0.55})}
    said = takeaways.mix_takeaway(mixes, OCT, FMT)
    assert said is not None
    assert "the share of Retail (industry) went from 45.0% in October 2025 to 20.0%" in said.text()


def test_mix_of_one_product_and_no_year_before_has_no_takeaway() -> None:
    # one product: nothing compared; a dimension without last year's month: no shift
    assert takeaways.mix_takeaway({}, OCT, FMT) is None
    only_now = mix({"A": 1.0}, {"A": np.nan})
    assert takeaways.mix_takeaway({"product category": only_now}, OCT, FMT) is None


def campaigns(spend: list[float], revenue: list[float], romi: list[float]) -> pd.DataFrame:
    names = [f"C{i}" for i in range(len(spend))]
    return pd.DataFrame({"spend": spend, "revenue": revenue, "romi": romi}, index=names)


JUN_25, MAY_26 = pd.Period("2025-06", "M"), pd.Period("2026-05", "M")


def test_campaigns_paying_back() -> None:
    # ROMI 0.5 and 0 pay back (≥ 0), -0.2 does not; NaN is not rated
    said = takeaways.campaigns_takeaway(
        campaigns([10, 10, 10, 10], [5, 5, 5, 5], [0.5, 0.0, -0.2, np.nan]), JUN_25, MAY_26, FMT
    )
    assert said is not None
    assert said.text() == (
        "2 of the 3 campaigns that ended between June 2025 and May 2026 and have a known return "
        "paid back their spend after the cost of goods."
    )


def test_no_campaign_or_every_campaign_paying_back() -> None:
    none = campaigns([10, 10], [5, 5], [-0.1, -0.5])
    said = takeaways.campaigns_takeaway(none, JUN_25, MAY_26, FMT)
    assert said is not None
    assert said.text().startswith("None of the 2 campaigns that ended between June 2025")
    every = campaigns([10, 10, 10], [5, 5, 5], [0.0, 3.0, np.nan])
    said = takeaways.campaigns_takeaway(every, JUN_25, MAY_26, FMT)
    assert said is not None
    assert said.text() == (
        "All 2 campaigns that ended between June 2025 and May 2026 and have a known return paid "
        "back their spend after the cost of goods."
    )


def test_one_campaign_is_singular() -> None:
    said = takeaways.campaigns_takeaway(campaigns([10], [5], [-0.5]), JUN_25, MAY_26, FMT)
    assert said is not None
    assert said.text().startswith("0 of the 1 campaign that ended between")
    assert "has a known return paid back its spend" in said.text()


def test_campaigns_without_cost_state_spend_and_revenue() -> None:
    results = campaigns([400_000.0, 800_000.0], [1_000_000.0, 1_900_000.0], [np.nan, np.nan])
    said = takeaways.campaigns_takeaway(results, JUN_25, MAY_26, FMT)
    assert said is not None
    assert said.text() == (
        "The campaigns that ended between June 2025 and May 2026 cost $1.2M and brought $2.9M "
        "of won revenue."
    )


def test_no_campaign_or_no_revenue_has_no_takeaway() -> None:
    assert takeaways.campaigns_takeaway(campaigns([], [], []), JUN_25, MAY_26, FMT) is None
    no_deals = campaigns([10.0], [np.nan], [np.nan])
    assert takeaways.campaigns_takeaway(no_deals, JUN_25, MAY_26, FMT) is None


def summary(table: str, rows: int, quarantined: int) -> TableSummary:
    return TableSummary(table, f"{table}.csv", rows, rows - quarantined, quarantined)


def test_quality_all_accepted() -> None:
    said = takeaways.quality_takeaway([summary("orders", 900, 0), summary("reps", 100, 0)], FMT)
    assert said is not None
    assert said.text() == "All 1,000 input rows were accepted; none was quarantined."


def test_quality_quarantined_in_one_file() -> None:
    said = takeaways.quality_takeaway([summary("orders", 900, 9), summary("reps", 100, 0)], FMT)
    assert said is not None  # 9 of 1,000 = 0.9%
    assert said.text() == "9 of 1,000 input rows were quarantined (0.9%), all in orders.csv."


def test_quality_one_row_is_singular() -> None:
    said = takeaways.quality_takeaway([summary("orders", 200, 1)], FMT)
    assert said is not None
    assert said.text() == "1 of 200 input rows was quarantined (0.5%), in orders.csv."


def test_quality_names_the_file_with_most() -> None:
    tables = [summary("orders", 800, 2), summary("targets", 200, 6)]
    said = takeaways.quality_takeaway(tables, FMT)
    assert said is not None  # 8 of 1,000
    assert said.text() == (
        "8 of 1,000 input rows were quarantined (0.8%), the most in targets.csv."
    )


def test_quality_of_no_rows_has_no_takeaway() -> None:
    assert takeaways.quality_takeaway([], FMT) is None


def test_split_lead_takes_the_first_complete_sentence() -> None:
    gap = Sentence("Margin was {m}.", {"m": MISSING})
    no_rival = Sentence("Won against {rival}.", {"rival": None})  # type: ignore[dict-item]
    margin = Sentence("Margin was {m}.", {"m": "50.0%"})
    dilutive = Sentence("Dilutes: {c}.", {"c": "Web"})
    lead, rest = takeaways.split_lead([None, gap, no_rival, margin, dilutive])
    assert lead == margin
    assert rest == [None, gap, no_rival, dilutive]


def test_split_lead_of_nothing_complete() -> None:
    assert takeaways.split_lead([]) == (None, [])
    gap = Sentence("Margin was {m}.", {"m": MISSING})
    assert takeaways.split_lead([gap]) == (None, [gap])


def test_text_sentence() -> None:
    said = takeaways.text_sentence("Vantora gained share.")
    assert said is not None
    assert said.text() == "Vantora gained share."
    assert takeaways.text_sentence(None) is None
