"""The plan report: its tables and sentences on a plan made by hand, and `reportlib plan` end to
end (pages per report under site/plan/YYYY/, linked from the index; rep-level tables only in a
region's plan; a planned hire ramping in its months; tables that add up to the targets file).

The hand-made plan: two regions, North America (USD) and Latin America (BRL, budget rate 0.2
USD), three months. Amounts in the company currency (``amount``) are each row's region-currency
target × its rate.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from reportlib.analysis.planning import Plan, statements, summary
from reportlib.cli import main
from reportlib.formatting import Formatter
from reportlib.run.planning import PlanBasis, PlanRecord, read_plan, write_plan
from reportlib.site.index import build_index, plan_entries

MONTHS = pd.period_range("2027-01", periods=3, freq="M", name="month")
NAN = float("nan")


def _months() -> pd.DataFrame:
    #        rep,  region,  team,   (in seat, ramp, region-currency target) per month
    seats = {
        "A1": ("na", "East", [(True, 1.0, 100.0), (True, 1.0, 200.0), (True, 1.0, 300.0)]),
        "A2": ("na", "East", [(True, 1.0, 50.0), (True, 1.0, 50.0), (True, 1.0, 100.0)]),
        "B1": ("latam", "Brazil", [(True, 1.0, 500.0), (True, 1.0, 500.0), (True, 1.0, 1000.0)]),
        "H1": ("latam", "Brazil", [(False, 0.0, 0.0), (True, 0.25, 250.0), (True, 0.5, 500.0)]),
    }
    rows = []
    for rep, (region, team, cells) in seats.items():
        rate, currency = (1.0, "USD") if region == "na" else (0.2, "BRL")
        for month, (in_seat, ramp, target) in zip(MONTHS, cells, strict=True):
            rows.append((rep, region, team, month, in_seat, ramp, target * rate, currency, target))
    columns = ["rep_id", "region", "team", "month", "in_seat", "ramp", "amount", "currency"]
    return pd.DataFrame(rows, columns=[*columns, "target"])


@pytest.fixture
def plan() -> Plan:
    seats = pd.DataFrame(
        {
            "rep_name": ["Ann", "Al", "Bia", "H1"],
            "region": ["na", "na", "latam", "latam"],
            "team": ["East", "East", "Brazil", "Brazil"],
            "planned": [False, False, False, True],
            "months": [3, 3, 3, 2],
        },
        index=pd.Index(["A1", "A2", "B1", "H1"], name="rep_id"),
    )
    reps = pd.DataFrame(
        {
            "region": ["na", "na", "latam", "latam"],
            "team": ["East", "East", "Brazil", "Brazil"],
            "target": [600.0, 200.0, 400.0, 150.0],
            "bottom_up": [500.0, 100.0, 400.0, 100.0],
            "needed_growth": [0.2, 1.0, 0.0, NAN],
            "beyond_best": [0.0, 1.0, 0.0, NAN],
            "can_reach": [1.0, 0.0, 1.0, 0.0],
        },
        index=seats.index,
    )
    groups = pd.DataFrame(
        [
            ("na", "", 800.0, 700.0, 600.0, 100.0, 2, 0.5, 0.5),
            ("latam", "", 550.0, 400.0, 500.0, -100.0, 2, 0.5, 0.0),
            ("na", "East", 800.0, 700.0, 600.0, 100.0, 2, 0.5, 0.5),
            ("latam", "Brazil", 550.0, 400.0, 500.0, -100.0, 2, 0.5, 0.0),
        ],
        columns=[
            "region",
            "team",
            "target",
            "top_down",
            "bottom_up",
            "gap",
            "reps",
            "share_can_reach",
            "share_beyond_best",
        ],
    )
    views = pd.DataFrame(
        {
            "top_down": [600.0, 400.0],
            "bottom_up": [500.0, 500.0],
            "potential": [NAN, NAN],
            "target": [650.0, 450.0],
        },
        index=pd.Index(["na", "latam"], name="region"),
    )
    return Plan(
        year=2027,
        history_end=pd.Period("2026-10", freq="M"),
        goal=1000.0,
        total=1100.0,
        weights={"top_down": 0.5, "bottom_up": 0.5, "potential": 0.0},
        potential_used=False,
        ramp=pd.Series([0.25, 0.5, 0.75], index=pd.RangeIndex(3, name="quarter"), name="ramp"),
        ramp_measured=True,
        seats=seats,
        views=views,
        months=_months(),
        feasibility_reps=reps,
        feasibility_groups=groups,
        targets=pd.DataFrame(columns=["month", "rep_id", "region", "target", "currency"]),
    )


def test_region_views_in_the_regions_currency(plan):
    latam = summary.region_views(plan, rate=0.2, region="latam")
    # company amounts / 0.2: 400 -> 2,000; 500 -> 2,500; 450 -> 2,250; 2,250 / 2,500 - 1 = -10%
    assert latam.loc["latam", ["top_down", "bottom_up", "target"]].tolist() == [2000, 2500, 2250]
    assert latam.loc["latam", "vs_bottom_up"] == pytest.approx(-0.10)
    company = summary.region_views(plan)
    assert company["vs_bottom_up"].tolist() == pytest.approx([0.30, -0.10])  # 650/500, 450/500


def test_monthly_targets_by_region_and_by_team(plan):
    company = summary.monthly_targets(plan, names={"na": "North America", "latam": "LatAm"})
    # company currency: NA 100+50, 200+50, 300+100; LatAm (500+0, 500+250, 1000+500) x 0.2
    assert company["North America"].tolist() == [150, 250, 400]
    assert company["LatAm"].tolist() == [100, 150, 300]
    assert company["total"].tolist() == [250, 400, 700]
    latam = summary.monthly_targets(plan, "latam")
    assert list(latam.columns) == ["Brazil", "total"]
    assert latam["total"].tolist() == [500, 750, 1500]  # BRL


def test_rep_month_targets_and_the_hire_ramping(plan):
    table = summary.rep_month_targets(plan, "latam")
    assert table.index.tolist() == ["B1", "H1"]
    assert table.loc["H1", list(MONTHS)].tolist() == [0, 250, 500]  # nothing before the seat
    assert table["total"].tolist() == [2000, 750]
    assert table.loc["B1", "rep_name"] == "Bia"
    hires = summary.hire_months(plan, "latam")
    assert hires["month"].astype(str).tolist() == ["2027-02", "2027-03"]
    assert hires["ramp"].tolist() == [0.25, 0.5]
    assert summary.hire_months(plan, "na").empty


def test_feasibility_of_reps_and_groups(plan):
    reps = summary.rep_feasibility(plan, "latam", rate=0.2)
    # the allocated targets (BRL) and the capacity 400 / 0.2, 100 / 0.2
    assert reps["target"].tolist() == [2000, 750]
    assert reps["bottom_up"].tolist() == [2000, 500]
    assert reps["planned"].tolist() == [False, True]
    assert reps["can_reach"].tolist() == [True, False]
    assert reps["beyond_best"].tolist()[0] is False
    assert pd.isna(reps.loc["H1", "beyond_best"])  # no best path for a new seat
    assert summary.reach_counts(plan) == (4, 2, 1)
    assert summary.reach_counts(plan, "latam") == (2, 1, 0)
    teams = summary.group_feasibility(plan, rate=0.2, region="latam")
    assert teams.index.tolist() == ["Brazil"]
    assert teams.loc["Brazil", "gap"] == pytest.approx(-500.0)  # -100 / 0.2
    assert summary.group_feasibility(plan).index.tolist() == ["na", "latam"]


def test_the_plans_sentences():
    fmt = Formatter("en_US", "USD")
    goal = statements.goal_takeaway(2027, 10_800_000, 10_000_000, 0.08, 2026, fmt).text()
    assert goal == (
        "The company goal for 2027 is $10.8M: fiscal year 2026 is forecast to land at $10M, "
        "and the goal grows that by +8.0%."
    )
    given = statements.goal_takeaway(2027, 5_000_000, None, None, 2026, fmt).text()
    assert given == "The company goal for 2027 is $5M, the amount the company set."
    reach = statements.feasibility_takeaway(10, 7, fmt).text()
    assert reach.startswith("7 of 10 reps have the capacity for at least 80% of their target (70%)")
    assert "within reach" in reach and "60% to 70%" in reach
    assert "Only 5 of 10 reps" in statements.feasibility_takeaway(10, 5, fmt).text()
    assert statements.feasibility_takeaway(0, 0, fmt) is None
    totals = pd.Series([100.0, 300.0, 200.0], index=MONTHS)
    phasing = statements.phasing_takeaway(totals, fmt).text()
    assert "February 2027 carries the most ($300, 50.0% of the year)" in phasing  # 300 / 600
    assert "January 2027 the least ($100)" in phasing
    hires = pd.DataFrame({"rep_id": ["H1", "H1", "H2"]})
    assert statements.hires_sentence(hires, fmt).text().startswith("2 planned hires take")
    assert "1 target goes beyond" in statements.beyond_best_sentence(4, 1, fmt).text()


def test_blend_sentence_says_why_potential_is_left_out():
    fmt = Formatter("en_US", "USD")
    weights = {"top_down": 0.5, "bottom_up": 0.5, "potential": 0.0}
    text = statements.blend_sentence(weights, "no_market", fmt).text()
    assert "(top-down, 50%)" in text and "(bottom-up, 50%)" in text
    assert "the market table was not delivered" in text
    used = statements.blend_sentence(
        {"top_down": 0.4, "bottom_up": 0.4, "potential": 0.2}, "used", fmt
    )
    assert "(potential, 20%)" in used.text()


def test_a_written_plan_reads_back_exactly(plan, tmp_path):
    basis = PlanBasis(2026, 1000.0, 0.1, "settings", None, 0.1, {"latam": 0.15}, "no_market")
    back = read_plan(write_plan(PlanRecord(plan, basis), tmp_path / "plan"))
    assert back.basis == basis
    assert back.plan.history_end == plan.history_end and back.plan.weights == plan.weights
    pd.testing.assert_frame_equal(back.plan.months, plan.months)
    pd.testing.assert_frame_equal(back.plan.seats, plan.seats)
    pd.testing.assert_series_equal(back.plan.ramp, plan.ramp)


def test_the_index_lists_plans_beside_the_months(tmp_path):
    from reportlib.config import load_params

    params = load_params(Path(__file__).resolve().parents[1] / "params")
    site = tmp_path / "site"
    pages = ("plan/2027/all.html", "plan/2027/all.pdf", "plan/2027/latam.html")
    pages += ("plan/2026/all.html",)
    for page in pages:
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text("<html></html>", encoding="utf-8")
    (site / "plan" / "notes").mkdir()  # not a year: ignored
    entries = plan_entries(site, params)
    assert [e.year for e in entries] == ["2027", "2026"]
    assert entries[0].links == (
        ("Halvorsen Instruments", "plan/2027/all.html", "plan/2027/all.pdf"),
        ("Latin America", "plan/2027/latam.html", None),
    )
    html = build_index(site, params).read_text(encoding="utf-8")
    assert 'href="plan/2027/latam.html"' in html and "Sales plans" in html
    assert 'href="plan/2027/all.pdf"' in html


@pytest.fixture(scope="module")
def planned(small_data, tmp_path_factory) -> Path:
    """`reportlib plan` of the shared small data's next year, report included."""
    out = tmp_path_factory.mktemp("plan") / "out"
    args = ["-q", "plan", "--data", str(small_data), "--out", str(out), "--jobs", "1"]
    assert main([*args, "--company-target", "5000000"]) == 0
    return out


def test_the_plan_report_is_published_for_every_report(planned):
    year_dir = planned / "site" / "plan" / "2027"
    pages = sorted(p.stem for p in year_dir.glob("*.html"))
    assert pages == ["all", "apac", "emea", "latam", "na"]
    index = (planned / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="plan/2027/all.html"' in index and 'href="plan/2027/latam.html"' in index
    company = (year_dir / "all.html").read_text(encoding="utf-8")
    assert "sales plan for 2027" in company and 'href="../../index.html"' in company
    assert 'href="latam.html"' in company  # the company's plan links the regions'
    assert not re.search(r"(?:src|href)=\"https?://", company)  # nothing from the network
    assert (year_dir / "all.xlsx").is_file() and (year_dir / "latam.xlsx").is_file()
    assert not (planned / "site" / "plan" / "2027" / "validation").exists()
    assert "validation/index.html" not in company  # no link to a page that is not there


def test_rep_tables_only_in_the_regions_plan(planned, small_data):
    reps = pd.read_csv(small_data / "reps.csv", dtype=str)
    year_dir = planned / "site" / "plan" / "2027"
    company = (year_dir / "all.html").read_text(encoding="utf-8")
    assert not any(f">{rep}<" in company for rep in reps["rep_id"])
    latam = (year_dir / "latam.html").read_text(encoding="utf-8")
    latam_reps = reps[(reps["region"] == "latam") & (reps["role"] == "Account Executive")]
    assert all(f">{rep}<" in latam for rep in latam_reps["rep_id"])
    assert ">PLAN-01<" in latam  # planning.yaml's hire in Brazil
    assert 'lang="pt-BR"' in latam


def test_the_hire_ramps_in_its_months_and_the_page_shows_it(planned):
    """planning.yaml's EMEA North hire starts in July 2027: six months in seat, two quarters of
    ramp (July to September, October to December), the second more productive than the first."""
    record = read_plan(planned / "work" / "plan-2027" / "plan")
    months = record.plan.months
    hire = months[(months["rep_id"] == "PLAN-02") & months["in_seat"]]
    assert hire["month"].astype(str).tolist() == [f"2027-{m:02d}" for m in range(7, 13)]
    ramp = hire["ramp"].tolist()
    assert ramp[0] == ramp[1] == ramp[2] < ramp[3] == ramp[4] == ramp[5] <= 1.0
    assert (months[(months["rep_id"] == "PLAN-02") & ~months["in_seat"]]["target"] == 0).all()
    targets = pd.read_csv(planned / "plan" / "2027" / "targets-2027.csv")
    written = targets[targets["rep_id"] == "PLAN-02"]["target"].tolist()
    assert written == pytest.approx(hire["target"].tolist(), abs=0.005)
    emea = (planned / "site" / "plan" / "2027" / "emea.html").read_text(encoding="utf-8")
    # the hire's six months in the hires table, and one row in each rep table
    assert "Planned hires: their targets month by month" in emea
    assert emea.count('<th scope="row">PLAN-02</th>') == 6 + 2


def test_plan_sections_are_listed_thin_and_open_with_the_one_call():
    import ast

    import nbformat

    from reportlib.config import load_params
    from reportlib.plan_report import PLAN_OPENING

    root = Path(__file__).resolve().parents[1]
    folder = root / "notebooks" / "plan"
    notebooks = sorted(folder.glob("*.ipynb"))
    listed = load_params(root / "params").defaults.plan_sections
    assert sorted(p.stem for p in notebooks) == sorted(listed)
    for path in notebooks:
        assert path.with_suffix(".py").read_text(encoding="utf-8").count("\n") <= 160, path.name
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and not c.execution_count for c in code), path.name
        if not code:  # the glossary
            continue
        assert code[0].metadata.get("tags") == ["parameters"]
        assert code[1].source == PLAN_OPENING
        for cell in code:
            for node in ast.walk(ast.parse(cell.source)):
                assert not isinstance(node, ast.FunctionDef | ast.ClassDef | ast.Lambda), path.name


def test_regions_follow_the_order_given(plan):
    order = ["latam", "na"]
    assert summary.region_views(plan, order=order).index.tolist() == ["latam", "na"]
    assert summary.group_feasibility(plan, order=order).index.tolist() == ["latam", "na"]
    assert summary.region_views(plan).index.tolist() == ["na", "latam"]  # the plan's own


def test_the_latin_america_plan_reads_portuguese(planned):
    """The sample's Latin America reads Brazilian Portuguese: headings, sentences, tables."""
    from bs4 import BeautifulSoup

    page = (planned / "site" / "plan" / "2027" / "latam.html").read_text(encoding="utf-8")
    text = BeautifulSoup(page, "html.parser").get_text(" ")
    for english in (
        "sales plan for",
        "The goal and how it was set",
        "The company goal for",
        "Can the plan be reached?",
        "Month by month",
        "New hires and their ramp",
        "Glossary of the plan",
        "Each rep's target",
        "Planned hire",
        "Download",
    ):
        assert english not in text, english
    assert "América Latina" in text and "2027" in text
