"""Recommendations fire on the figures that should trigger them, and cite those figures."""

import pandas as pd

from reportlib.analysis.profitability import MarginAlert
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
        "The month's sales cost $6.6K more than they brought in (gross margin −6.6%): find "
        "the lines sold below cost and correct their prices, discounts or recorded costs."
    )
    assert recs[1].text.startswith("LATAM at 71% of target")


def test_a_month_margin_below_the_floor_or_far_below_its_year_is_named():
    kpis = {"revenue": 100_000.0, "gross_margin_pct": 0.04, "gross_margin_pct_12m": 0.40}
    [rec] = recommend(kpis, FMT, "X", alarm=MarginAlarm(floor=0.10, drop=0.5))
    assert rec.text == (
        "The month's gross margin of 4.0% is below the 10.0% floor, $6K of gross margin "
        "short of it: review the month's discounts and the cost of what was sold."
    )
    [rec] = recommend({**kpis, "gross_margin_pct": 0.33}, FMT, "X")
    assert rec.text == (
        "The month's gross margin of 33.0% is 7.0 pp below the last 12 months' 40.0%, $7K "
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


# --- issue #15: ranked by the money at stake; the forecast gap and lagging regions -------------


def _landings(quarter, year, months_left=2):
    """Rows quarter and year of analysis.forecast.landing: (landing, target, probability)."""
    rows = {}
    for name, (land, target, probability), start, end in (
        ("quarter", quarter, "2026-10", "2026-12"),
        ("year", year, "2026-01", "2026-12"),
    ):
        rows[name] = {
            "start": pd.Period(start, "M"), "end": pd.Period(end, "M"),
            "months_left": months_left, "landing": land, "target": target,
            "landing_lo80": land * 0.95, "landing_hi80": land * 1.05, "probability": probability,
        }  # fmt: skip
    return pd.DataFrame.from_dict(rows, orient="index")


STANDING = pd.DataFrame(
    {
        "name": ["Asia Pacific", "Europe", "North America"],
        "revenue": [77.0, 80.0, 110.0],
        "target": [100.0, 100.0, 100.0],
        "attainment": [0.77, 0.80, 1.10],
        "revenue_ytd": [980_000.0, 820_000.0, 1_100_000.0],
        "target_ytd": [1_000_000.0, 1_000_000.0, 1_000_000.0],
        "attainment_ytd": [0.98, 0.82, 1.10],
    },
    index=pd.Index(["apac", "emea", "na"], name="region"),
)


def test_the_forecast_gap_is_a_recommendation_with_its_amount():
    # the year lands at 65.4M against 68.7M: 3.3M short, a simulated probability of 0
    landings = _landings((18.2e6, 18.0e6, 0.67), (65.4e6, 68.7e6, 0.0))
    [rec] = recommend({}, FMT, "X", landings=landings)
    assert rec.at_stake == 68.7e6 - 65.4e6
    assert rec.headline == "Close the fiscal year's $3.3M gap to target (forecast)"
    assert rec.text == (
        "The fiscal year (January 2026 to December 2026) is forecast to land at $65.4M, $3.3M "
        "short of its $68.7M target, with a probability of less than 5% of reaching it: plan how "
        "the months left recover the gap (deals to pull in, pipeline to add for each month)."
    )
    # a quarter below target too; none when the period is fully invoiced (nothing left to do)
    both = recommend({}, FMT, "X", landings=_landings((17.0e6, 18.0e6, 0.2), (65.4e6, 68.7e6, 0.0)))
    assert [r.headline for r in both] == [
        "Close the fiscal year's $3.3M gap to target (forecast)",
        "Close the fiscal quarter's $1M gap to target (forecast)",
    ]
    assert "with a probability of 20% of reaching it" in both[1].text
    done = _landings((17.0e6, 18.0e6, 0.0), (65.4e6, 68.7e6, 0.0), months_left=0)
    assert recommend({}, FMT, "X", landings=done) == []


def test_a_region_well_below_its_year_to_date_target_is_named_with_its_shortfall():
    # Europe at 82% (below 90%) is named; Asia Pacific at 98% and North America at 110% are not
    [rec] = recommend({}, FMT, "Halvorsen Instruments", standing=STANDING)
    assert rec.at_stake == 180_000.0  # 1,000,000 − 820,000
    assert rec.headline == "Get Europe back to target: $180K behind year to date"
    assert rec.text == (
        "Europe is at 82% of its year-to-date target, $180K short (80% in the month): review its "
        "pipeline and plan for the months left with its sales lead."
    )


def test_recommendations_are_ranked_by_the_money_at_stake():
    # margin loss 100,000 × 0.066 = 6.6K; Europe 180K short; the year's gap 3.3M; team South
    # 300K short (1.0M target, 0.7M revenue); leakage and concentration measure no money
    kpis = {"revenue": 100_000.0, "gross_margin_pct": -0.066, "gross_margin_pct_12m": 0.40,
            "top10_share": 0.55, "largest_leakage_increase": "Partner",
            "largest_leakage_increase_change": 0.03}  # fmt: skip
    teams = pd.DataFrame(
        {"revenue": [700_000.0, 990_000.0], "target": [1e6, 1e6], "attainment": [0.7, 0.99]},
        index=["South", "North"],
    )
    recs = recommend(
        kpis, FMT, "Halvorsen Instruments", teams,
        landings=_landings((18.2e6, 18.0e6, 0.67), (65.4e6, 68.7e6, 0.0)), standing=STANDING,
    )  # fmt: skip
    assert [(r.headline, r.at_stake) for r in recs] == [
        ("Close the fiscal year's $3.3M gap to target (forecast)", 68.7e6 - 65.4e6),
        ("Review team South: $300K short of its year-to-date target", 300_000.0),
        ("Get Europe back to target: $180K behind year to date", 180_000.0),
        ("Find the lines sold below cost: $6.6K lost this month", 100_000.0 * 0.066),
        # no amount: the most urgent first (leakage 1, concentration 3)
        ("Tighten discount approval in the Partner channel: discounts up 3.0 pp", None),
        ("Widen the customer base: the ten largest bring 55% of revenue", None),
    ]


def test_every_recommendation_has_a_one_line_headline():
    kpis = {
        "attainment_qtd": 0.71, "pipeline_coverage": 1.4, "win_rate": 1 / 3,
        "largest_leakage_increase": "Partner", "largest_leakage_increase_change": 0.063,
        "nrr": 0.92, "churn_rate": 0.18, "worst_campaign": "Fair", "worst_campaign_romi": -0.9,
        "top_competitor_gain": "Vantora", "win_rate_vs_top_competitor": 0.16, "top10_share": 0.55,
        "revenue": 100.0, "gross_margin_pct": 0.1, "gross_margin_pct_12m": 0.5,
    }  # fmt: skip
    recs = recommend(kpis, FMT, "EMEA", regions={"Asia": MarginAlert("floor", -0.1, 0.0, 10.0)})
    assert len(recs) == 8
    assert all(r.headline and len(r.headline) <= 90 and "\n" not in r.headline for r in recs)
