"""The executive summary's tiles, region strip and recommendations (issue #15), from hand-made
figures: where we stand, where we will land, what to do."""

import re

import pandas as pd

from reportlib import present
from reportlib.analysis.recommendations import Recommendation
from reportlib.formatting import Formatter

FMT = Formatter("en_US", "USD")
BRL = Formatter("pt_BR", "BRL")

KPIS = {
    "revenue": 5_683_841.50, "target": 6_170_238.0, "attainment": 0.9212,
    "attainment_qtd": 0.9212, "attainment_ytd": 0.9294,
    "mom_growth": -0.04947, "yoy_growth": 0.2588,
    "gross_margin_pct": 0.5686, "gross_margin_pct_12m": 0.5579,
    "pipeline_coverage": 1.549, "win_rate": 0.4468,
    "commit_forecast": 10.0e6, "best_case_forecast": 30.0e6, "forecast_backtest_wape": 0.054,
    "orders": 808, "customers": 614,
}  # fmt: skip


def _landings(months_left=2):
    rows = {
        "quarter": {"start": pd.Period("2026-10", "M"), "end": pd.Period("2026-12", "M"),
                    "months_left": months_left, "landing": 18_222_551.0,
                    "landing_lo80": 17_604_425.0, "landing_hi80": 18_841_772.0,
                    "target": 17_996_953.0, "probability": 0.6725},
        "year": {"start": pd.Period("2026-01", "M"), "end": pd.Period("2026-12", "M"),
                 "months_left": months_left, "landing": 65_399_113.0,
                 "landing_lo80": 64_780_987.0, "landing_hi80": 66_018_333.0,
                 "target": 68_699_535.0, "probability": 0.0},
    }  # fmt: skip
    return pd.DataFrame.from_dict(rows, orient="index")


def _tile(html, label):
    """The text of the tile labelled ``label``, tags stripped and lines joined by " | "."""
    found = re.search(
        r'<div class="kpi ([a-z-]*)"><p class="label">' + re.escape(label) + r"</p>(.*?)</div>",
        html,
    )
    assert found is not None, f"no tile {label!r}"
    lines = re.findall(r"<p[^>]*>(.*?)</p>", found.group(2))
    return found.group(1), " | ".join(lines)


def test_the_tiles_say_where_we_stand_and_where_we_will_land():
    html = present.kpi_tiles(KPIS, FMT, landings=_landings()).data
    # revenue: month on month and year on year side by side, the same weight (both deltas)
    assert _tile(html, "Revenue") == ("", "$5.7M | \u22124.9% month on month | +25.9% year on year")
    assert html.count('class="delta delta-down">\u22124.9% month on month') == 1
    assert 'class="delta delta-up">+25.9% year on year' in html
    assert _tile(html, "Target attainment") == (
        "status-warn",
        "92.1% | Below target | Quarter to date 92.1% · year to date 92.9% | Target $6.2M",
    )
    # 56.86% − 55.79% = +1.07 pp, against the trailing 12 months (said which)
    assert _tile(html, "Gross margin") == (
        "",
        "56.9% | +1.1 pp vs last 12 months | Last 12 months 55.8%",
    )
    # 1 ÷ 44.68% = 2.24× needed; 1.5× is short of it but above half of it
    assert _tile(html, "Pipeline coverage") == (
        "status-warn",
        "1.5× | Short of the 2.2× needed | needed: 1 ÷ the 45% win rate | open pipeline ÷ "
        "target left this quarter",
    )
    # landings as the forecast section states them: 18,222,551 − 17,996,953 = 225,598 above
    assert _tile(html, "Quarter lands at") == (
        "status-ok",
        "$18.2M | $225.6K above target | 67% chance of target | Target $18M · 80% range "
        "$17.6M to $18.8M",
    )
    # 68,699,535 − 65,399,113 = 3,300,422 short: 95.2% of target; a simulated 0% is "less than 5%"
    assert _tile(html, "Year lands at") == (
        "status-warn",
        "$65.4M | $3.3M short of target | less than 5% chance of target | Target $68.7M · 80% "
        "range $64.8M to $66M",
    )
    assert "n/a" not in html and ".50" not in html
    assert "Orders" not in html  # moved out of the summary's one screen


def test_tiles_whose_data_were_not_delivered_are_left_out_or_say_so():
    # no targets, no opportunities, no cost, a first month: nothing reads "n/a"
    kpis = {"revenue": 950.0, "target": None, "attainment": None, "gross_margin_pct": None,
            "pipeline_coverage": None, "win_rate": None, "mom_growth": None,
            "yoy_growth": None}  # fmt: skip
    html = present.kpi_tiles(kpis, FMT, ("cost",)).data
    assert "n/a" not in html
    assert _tile(html, "Revenue") == ("", "$950")
    assert _tile(html, "Target attainment") == (
        "status-neutral",
        "No target | no target was set for the month",
    )
    assert _tile(html, "Gross margin")[1].startswith("Not delivered | ")
    assert "Pipeline coverage" not in html and "landing" not in html


def test_a_landing_without_target_or_fully_invoiced():
    landings = _landings()
    landings.loc["year", ["target", "probability"]] = [float("nan"), float("nan")]
    html = present.kpi_tiles(KPIS, FMT, landings=landings).data
    assert _tile(html, "Year lands at") == (
        "status-neutral",
        "$65.4M | No target | 80% range $64.8M to $66M",
    )
    done = present.kpi_tiles(KPIS, FMT, landings=_landings(months_left=0)).data
    # no month left: a fact, no chance and no range; coverage then looks at the next quarter
    assert _tile(done, "Quarter lands at") == (
        "status-ok",
        "$18.2M | $225.6K above target | Target $18M | fully invoiced",
    )
    assert "target left, next quarter" in done


def test_the_region_strip_links_each_region_with_its_status_in_words():
    standing = pd.DataFrame(
        {"name": ["Latin America", "Europe <&>"], "attainment": [1.064, 0.77],
         "attainment_ytd": [0.969, None]},
        index=pd.Index(["latam", "emea"], name="region"),
    )  # fmt: skip
    html = present.region_strip(standing, FMT).data
    tiles = re.findall(r'<div class="kpi ([a-z-]+)">(.*?)</div>', html)
    assert tiles == [
        (
            "status-warn",  # the bar: the year to date's status
            '<p class="label"><a class="report-link" href="latam.html">Latin America</a></p>'
            '<p class="note"><span class="status-ok">Month 106.4% · On target</span></p>'
            '<p class="note"><span class="status-warn">Year to date 96.9% · Below target'
            "</span></p>",
        ),
        (
            "status-neutral",
            '<p class="label"><a class="report-link" href="emea.html">Europe &lt;&amp;&gt;</a></p>'
            '<p class="note"><span class="status-bad">Month 77.0% · Well below target</span></p>'
            '<p class="note"><span class="status-neutral">Year to date: No target</span></p>',
        ),
    ]
    assert present.region_strip(None, FMT) is None  # a region's report


def test_the_summary_names_the_top_three_and_the_section_gives_all_with_money():
    recs = [
        Recommendation(1, "The fiscal year ... full reason.", "Close the year's gap", 3.3e6),
        Recommendation(1, "Europe is at 82% ...", "Get Europe back to target", 180_000.0),
        Recommendation(2, "Team South ...", "Review team South", 120_000.0),
        Recommendation(1, "Discounts rose ...", "Tighten discounts"),
    ]
    top = present.top_recommendations(recs, title="What to do first").data
    assert re.findall(r"<li>(.*?)</li>", top) == [
        "Close the year&#39;s gap",
        "Get Europe back to target",
        "Review team South",
    ]
    assert "full reason" not in top  # the summary does not repeat the section word for word
    section = present.recommendation_details(recs, BRL).data
    items = re.findall(r"<li>(.*?)</li>", section)
    assert len(items) == 4
    assert "full reason" in items[0] and "At stake: R$\xa03,3\xa0mi." in items[0]
    assert "At stake" not in items[3]
    assert present.top_recommendations([], title="What to do first").data == (
        "<p>What to do first: no rule fired this month.</p>"
    )


def test_a_landing_tile_rounds_its_figure_and_tells_its_pairs_apart():
    # latam read "R$ 65,36 mi" for its year: one amount near the target's made all four precise
    landings = _landings()
    landings.loc["year", ["landing", "target", "landing_lo80", "landing_hi80", "probability"]] = [
        65_380_000.0, 62_510_000.0, 62_500_000.0, 68_400_000.0, 0.9,
    ]  # fmt: skip
    html = present.kpi_tiles(KPIS, BRL, landings=landings).data
    _, text = _tile(html, "Year lands at")
    # 65,380,000 − 62,510,000 = 2,870,000 above
    assert text.startswith("R$\xa065,4\xa0mi | R$\xa02,9\xa0mi above target | 90% chance")
    assert "Target R$\xa062,5\xa0mi · 80% range R$\xa062,5\xa0mi to R$\xa068,4\xa0mi" in text
    # a landing and a target that round alike are written apart: $18.02M against $17.98M
    close = _landings()
    close.loc["quarter", ["landing", "target"]] = [18_020_000.0, 17_980_000.0]
    _, text = _tile(present.kpi_tiles(KPIS, FMT, landings=close).data, "Quarter lands at")
    assert text.startswith("$18.02M | $40K above target") and "Target $17.98M" in text
