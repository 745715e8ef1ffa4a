"""Highlights state their figures and skip what is missing."""

import pandas as pd
import pytest

from reportlib.analysis.highlights import highlights, summary
from reportlib.analysis.profitability import MarginAlert
from reportlib.analysis.recommendations import recommend
from reportlib.config import MarginAlarm
from reportlib.formatting import Formatter

FMT = Formatter("en_US", "USD")
OCT = pd.Period("2026-10", "M")


def test_highlights_give_bad_and_good_news_in_turn_at_most_five():
    # issue #15: the highlights read as four pieces of good news before the first bad one
    kpis = {
        "revenue": 5_683_841.5, "yoy_growth": 0.259,
        "revenue_ytd": 52_000_000.0, "target_ytd": 56_000_000.0, "attainment_ytd": 52 / 56,
        "gross_margin_pct_12m": 0.558, "gross_margin_pct_12m_change": 0.056,
        "nrr": 1.04, "churn_rate": 0.12,
        "top_competitor_gain": "Vantora", "top_competitor_share_change": 0.049,
        "win_rate_vs_top_competitor": 0.17,
        "new_product": "Insight Cloud", "new_product_share": 0.25,
    }  # fmt: skip
    # bad: the year to date below target, a rival gaining; good: revenue up on a year, the
    # margin up, retention above 100%, the new product
    assert highlights(kpis, FMT) == [
        "Year to date at 92.9% of target: $52M of $56M.",
        "Revenue of $5.7M, +25.9% on the same month last year.",
        "Vantora gained 4.9 pp of market share; the win rate against it is 17%.",
        "Gross margin over the last 12 months 55.8%, +5.6 pp on the year before.",
        "Customers kept 104% of their revenue year on year (net revenue retention); 12.0% of "
        "them stopped buying.",
    ]


def test_missing_figures_are_skipped():
    assert highlights({"revenue": 10.0, "yoy_growth": None, "new_product": "X",
                       "new_product_share": 0.1}, FMT) == [
        "X brought 10.0% of the month's revenue."
    ]  # fmt: skip


def test_summary_states_attainment_and_margin_when_known():
    kpis = {
        "revenue": 960.0, "target": 1000.0, "attainment": 0.96, "gross_margin_pct": 0.5,
        "attainment_qtd": 0.9, "attainment_ytd": 1.05,
    }  # fmt: skip
    assert summary(kpis, FMT, "North America", OCT, regional=True) == (
        "North America invoiced $960 in October 2026, 96.0% of its $1K target, with a "
        "gross margin of 50.0%. Quarter to date the region stands at 90.0% of target, year to "
        "date at 105.0%."
    )


def test_summary_leaves_out_what_was_not_delivered():
    # no targets table, no cost column: the clauses go, no "n/a" is written
    kpis = {"revenue": 960.0, "target": None, "attainment": None, "gross_margin_pct": None,
            "attainment_qtd": None, "attainment_ytd": None}  # fmt: skip
    assert summary(kpis, FMT, "Retail", OCT, regional=False) == (
        "Retail invoiced $960 in October 2026."
    )
    with_targets = {**kpis, "target": 1000.0, "attainment": 0.96}
    assert summary(with_targets, FMT, "Retail", OCT, regional=False) == (
        "Retail invoiced $960 in October 2026, 96.0% of its $1K target."
    )


# --- issue #14 -------------------------------------------------------------------------------


def test_the_company_report_is_never_called_a_region():
    kpis = {"revenue": 960.0, "target": 1000.0, "attainment": 0.96, "gross_margin_pct": 0.5,
            "attainment_qtd": 0.9, "attainment_ytd": 1.05}  # fmt: skip
    text = summary(kpis, FMT, "Halvorsen Instruments", OCT, regional=False)
    assert text.endswith(
        "Quarter to date the company stands at 90.0% of target, year to date at 105.0%."
    )
    assert "region" not in text
    only_ytd = {**kpis, "attainment_qtd": None}
    assert summary(only_ytd, FMT, "North America", OCT, regional=True).endswith(
        " Year to date the region stands at 105.0% of target."
    )


def test_no_sentence_holds_n_a():
    # NaN is as missing as None: the clause or highlight goes, "n/a" is never written
    nan = float("nan")
    kpis = {"revenue": 960.0, "target": nan, "attainment": nan, "gross_margin_pct": nan,
            "attainment_qtd": nan, "attainment_ytd": 1.05, "yoy_growth": nan,
            "revenue_ytd": 5.0, "target_ytd": nan, "nrr": 1.0, "churn_rate": nan}  # fmt: skip
    assert summary(kpis, FMT, "Retail", OCT, regional=True) == (
        "Retail invoiced $960 in October 2026. Year to date the region stands at 105.0% of target."
    )
    assert highlights(kpis, FMT) == []


def test_a_new_product_share_that_reads_zero_is_left_out():
    kpis = {"new_product": "A9 Field Analyzer", "new_product_share": 0.0004}
    assert highlights(kpis, FMT) == []
    assert highlights({**kpis, "new_product_share": 0.0006}, FMT) == [
        "A9 Field Analyzer brought 0.1% of the month's revenue."
    ]


def test_year_to_date_amounts_never_read_the_same():
    # 97% of target: compact money with one decimal wrote "R$ 2 mi of R$ 2 mi"
    brl = Formatter("pt_BR", "BRL")
    kpis = {"revenue_ytd": 1_960_000.0, "target_ytd": 2_020_000.0, "attainment_ytd": 0.97}
    [text] = highlights(kpis, brl)
    assert text == "Year to date at 97,0% of target: R$\xa01,96\xa0mi of R$\xa02,02\xa0mi."


def test_a_rival_that_lost_share_is_not_said_to_gain():
    kpis = {"top_competitor_gain": "Vantora", "top_competitor_share_change": -0.01,
            "win_rate_vs_top_competitor": 0.17}  # fmt: skip
    assert highlights(kpis, FMT) == []


MONTH = {"revenue": 100_000.0, "yoy_growth": 0.05, "gross_margin_pct_12m": 0.40,
         "gross_margin_pct_12m_change": -0.01}  # fmt: skip


def test_a_negative_month_margin_is_the_first_highlight():
    # issue #14: a region at -6.6% gross margin for the month got no highlight
    kpis = {**MONTH, "gross_margin_pct": -0.066}
    found = highlights(kpis, FMT)
    assert found[0] == (
        "The month's gross margin was −6.6%: its sales cost $6.6K more than they brought in."
    )
    assert len(found) == 3


def test_a_month_margin_below_the_floor_or_far_below_its_year():
    floor = MarginAlarm(floor=0.10, drop=0.05)
    [first, *_] = highlights({**MONTH, "gross_margin_pct": 0.04}, FMT, floor)
    # 100,000 × (0.10 − 0.04) = 6,000 short of the floor
    assert first == (
        "The month's gross margin was 4.0%, below the 10.0% floor: $6K of gross margin short of it."
    )
    # 40% over 12 months, 33% in the month: 7 points below, 100,000 × 0.07 = 7,000
    [first, *_] = highlights({**MONTH, "gross_margin_pct": 0.33}, FMT)
    assert first == (
        "The month's gross margin was 33.0%, 7.0 pp below the last 12 months' 40.0%: $7K less "
        "gross margin than at that rate."
    )
    # 4 points below: no alarm (the default drop is 5 points)
    assert not highlights({**MONTH, "gross_margin_pct": 0.36}, FMT)[0].startswith("The month")


@pytest.mark.parametrize("margin", [None, float("nan")])
def test_no_margin_no_alarm(margin):
    # bad news first (the 12-month margin fell a point), then good (revenue up on a year)
    found = highlights({**MONTH, "gross_margin_pct": margin}, FMT)
    assert [f.split(" ")[0] for f in found] == ["Gross", "Revenue"]


def test_the_company_report_names_each_region_raising_a_margin_alarm():
    # the company's own margin (45%, 12 months 46%) raises none; latam sold below cost
    latam = MarginAlert("loss", -0.06, 0.0, 3446.01)
    apac = MarginAlert("drop", 0.40, 0.50, 10.0)
    kpis = {"revenue": 1000.0, "gross_margin_pct": 0.45, "gross_margin_pct_12m": 0.46}
    found = highlights(kpis, FMT, regions={"Latin America": latam, "Asia Pacific": apac})
    assert found[:2] == [
        "In Latin America the month's gross margin was −6.0%: its sales cost $3.4K more than "
        "they brought in.",
        "In Asia Pacific the month's gross margin was 40.0%, 10.0 pp below its last 12 months' "
        "50.0%: $10 less gross margin than at that rate.",
    ]
    recs = recommend(kpis, FMT, "Halvorsen Instruments", regions={"Latin America": latam})
    assert recs[0].priority == 1
    assert recs[0].text == (
        "In Latin America the month's sales cost $3.4K more than they brought in (gross "
        "margin −6.0%): find the lines sold below cost and correct their prices, discounts or "
        "recorded costs."
    )


# --- issue #15: good and bad news alike; the regions behind and ahead -------------------------


def test_the_company_report_names_the_region_furthest_behind_and_the_one_ahead():
    standing = pd.DataFrame(
        {"name": ["Asia Pacific", "Europe", "North America"],
         "revenue_ytd": [980_000.0, 820_000.0, 1_100_000.0],
         "target_ytd": [1_000_000.0, 1_000_000.0, 1_000_000.0],
         "attainment_ytd": [0.98, 0.82, 1.10]},
        index=pd.Index(["apac", "emea", "na"], name="region"),
    )  # fmt: skip
    # the company's own year: revenue up on a year (good), the year to date below target (bad)
    kpis = {"revenue": 5_683_841.5, "yoy_growth": 0.259, "revenue_ytd": 2.9e6,
            "target_ytd": 3.0e6, "attainment_ytd": 2.9 / 3.0}  # fmt: skip
    assert highlights(kpis, FMT, standing=standing) == [
        # 1,000,000 − 820,000 = 180,000 short
        "Europe is furthest behind: 82.0% of its year-to-date target, $180K short.",
        "North America is furthest ahead: 110.0% of its year-to-date target.",
        "Year to date at 96.7% of target: $2.9M of $3M.",
        "Revenue of $5.7M, +25.9% on the same month last year.",
    ]
    # every region on target: no bad news of a region; one region: nothing to compare
    ahead = standing.assign(attainment_ytd=[1.01, 1.02, 1.10])
    assert not any("behind" in h for h in highlights({}, FMT, standing=ahead))
    assert highlights({}, FMT, standing=standing.iloc[:1]) == []
