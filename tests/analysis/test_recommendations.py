"""Recommendations fire on the figures that should trigger them, and cite those figures."""

import pandas as pd

from reportlib.analysis.recommendations import recommend
from reportlib.config import MarginAlarm
from reportlib.formatting import Formatter

FMT = Formatter("en_US", "USD")


def test_low_attainment_with_thin_coverage_asks_for_pipeline():
    kpis = {"attainment_qtd": 0.71, "pipeline_coverage": 1.4, "win_rate": 1 / 3}
    [rec] = recommend(kpis, FMT, "Team North")
    assert rec.priority == 1
    assert rec.text == (
        "Team North at 71% of target quarter to date with 1.4× coverage: below the 3.0× its "
        "33% win rate needs. Build pipeline now."
    )


def test_low_attainment_with_enough_coverage_asks_to_close():
    [rec] = recommend({"attainment_qtd": 0.8, "pipeline_coverage": 4.0, "win_rate": 0.5}, FMT, "X")
    assert "4.0× pipeline coverage exceeds the 2.0×" in rec.text


def test_on_target_and_missing_figures_say_nothing():
    assert (
        recommend({"attainment_qtd": 1.02, "pipeline_coverage": 0.5, "win_rate": 0.3}, FMT, "X")
        == []
    )
    assert recommend({"nrr": None, "top10_share": None}, FMT, "X") == []


def test_every_rule_cites_its_figure():
    kpis = {
        "largest_leakage_increase": "Partner",
        "largest_leakage_increase_change": 0.063,
        "discount_leakage": 0.133,
        "nrr": 0.92,
        "churn_rate": 0.18,
        "worst_campaign": "NA Trade Show 2026",
        "worst_campaign_romi": -0.9,
        "top_competitor_gain": "Vantora",
        "win_rate_vs_top_competitor": 0.16,
        "top10_share": 0.55,
    }
    teams = pd.DataFrame({"attainment": [0.69, 0.97, 1.02]}, index=["EMEA South", "A", "B"])
    texts = [r.text for r in recommend(kpis, FMT, "EMEA", teams)]
    assert texts == [
        "Discounts in the Partner channel rose 6.3 pp in 12 months (overall leakage 13.3%): "
        "tighten discount approval for that channel.",
        "Team EMEA South is at 69% of its year-to-date target (median team 97%): review its "
        "territory, pipeline and coaching.",
        "Net revenue retention is 92% with 18.0% of customers lost: run a save campaign on the "
        "accounts that stopped buying.",
        "Campaign NA Trade Show 2026 returned a ROMI of −90%: stop or redesign it before the "
        "next budget round.",
        "Vantora is gaining market share and the win rate against it is 16%: prepare a "
        "battle card and review pricing on deals where it competes.",
        "The ten largest customers bring 55% of revenue: widen the base before one of them leaves.",
    ]


def test_a_missing_supporting_figure_is_left_out_not_cited():
    kpis = {
        "largest_leakage_increase": "Partner",
        "largest_leakage_increase_change": 0.063,
        "discount_leakage": None,
        "nrr": 0.92,
        "churn_rate": None,
    }
    assert [r.text for r in recommend(kpis, FMT, "EMEA")] == [
        "Discounts in the Partner channel rose 6.3 pp in 12 months: tighten discount approval "
        "for that channel.",
        "Net revenue retention is 92%: run a save campaign on the accounts that stopped buying.",
    ]


# --- an alarm on the month's gross margin (issue #14) -----------------------------------------


def test_a_negative_month_margin_asks_to_act_first_with_the_loss():
    # a region at -6.6% gross margin for the month got no recommendation
    kpis = {"revenue": 100_000.0, "gross_margin_pct": -0.066, "gross_margin_pct_12m": 0.40,
            "top10_share": 0.55, "attainment_qtd": 0.71, "pipeline_coverage": 1.4,
            "win_rate": 1 / 3}  # fmt: skip
    recs = recommend(kpis, FMT, "LATAM")
    assert recs[0].priority == 1
    # gross loss: 100,000 × 0.066
    assert recs[0].text == (
        "The month's sales cost $6,600.00 more than they brought in (gross margin −6.6%): find "
        "the lines sold below cost and correct their prices, discounts or recorded costs."
    )
    assert recs[1].text.startswith("LATAM at 71% of target")


def test_a_month_margin_below_the_floor_or_far_below_its_year_is_named():
    kpis = {"revenue": 100_000.0, "gross_margin_pct": 0.04, "gross_margin_pct_12m": 0.40}
    [rec] = recommend(kpis, FMT, "X", alarm=MarginAlarm(floor=0.10, drop=0.5))
    assert rec.text == (
        "The month's gross margin of 4.0% is below the 10.0% floor, $6,000.00 of gross margin "
        "short of it: review the month's discounts and the cost of what was sold."
    )
    [rec] = recommend({**kpis, "gross_margin_pct": 0.33}, FMT, "X")
    assert rec.text == (
        "The month's gross margin of 33.0% is 7.0 pp below the last 12 months' 40.0%, $7,000.00 "
        "less gross margin than at that rate: find the products, channels or deals that pulled "
        "it down."
    )
    assert recommend({**kpis, "gross_margin_pct": 0.36}, FMT, "X") == []
    assert recommend({**kpis, "gross_margin_pct": None}, FMT, "X") == []


def test_a_company_name_takes_no_possessive_and_rose_takes_no_sign():
    # issue #14: "Halvorsen Instruments's", "rose +2.6 pp"
    kpis = {"largest_leakage_increase": "Partner", "largest_leakage_increase_change": 0.026,
            "discount_leakage": 0.133}  # fmt: skip
    [rec] = recommend(kpis, FMT, "Halvorsen Instruments")
    assert "Instruments's" not in rec.text and "Halvorsen" not in rec.text
    assert "rose 2.6 pp in 12 months" in rec.text


def test_one_team_is_not_named_against_the_median_team():
    # issue #14: with one team, "the median team" is itself
    one = pd.DataFrame({"attainment": [0.69]}, index=["EMEA South"])
    assert recommend({}, FMT, "EMEA", one) == []
    # a second team without a target is no second member
    listed = pd.DataFrame({"attainment": [0.69, None]}, index=["EMEA South", "EMEA Ops"])
    assert recommend({}, FMT, "EMEA", listed) == []
    two = pd.DataFrame({"attainment": [0.69, 0.97]}, index=["EMEA South", "EMEA North"])
    [rec] = recommend({}, FMT, "EMEA", two)
    # the median of 69% and 97% is 83%
    assert rec.text == (
        "Team EMEA South is at 69% of its year-to-date target (median team 83%): review its "
        "territory, pipeline and coaching."
    )
