"""Team analyses against figures worked out by hand on a tiny sales team."""

from pathlib import Path

import pandas as pd
import pytest

from reportlib import sample
from reportlib.analysis import team
from reportlib.config import load_params
from reportlib.formatting import Formatter
from reportlib.report import prepare

P = pd.Period
MAR = P("2026-03", "M")
ROOT = Path(__file__).resolve().parents[2]
FMT = Formatter("en_US", "USD")


@pytest.fixture
def reps() -> pd.DataFrame:
    rows = [
        # rep, name, role, team, manager, hire, end
        ("M1", "Mia Boss", "Sales Manager", "North", None, "2018-01-01", None),
        ("A1", "Ann Ash", "Account Executive", "North", "M1", "2020-01-15", None),
        ("A2", "Bob Birch", "Account Executive", "North", "M1", "2026-01-10", None),
        ("M2", "Max Chief", "Sales Manager", "South", None, "2018-01-01", None),
        ("B1", "Cid Cedar", "Account Executive", "South", "M2", "2019-05-01", None),
        ("B2", "Dee Dogwood", "Account Executive", "South", "M2", "2021-03-01", "2026-01-31"),
    ]
    frame = pd.DataFrame(
        rows,
        columns=["rep_id", "rep_name", "role", "team", "manager_id", "hire_date", "end_date"],
    )
    for col in ("rep_id", "rep_name", "role", "team", "manager_id"):
        frame[col] = frame[col].astype("string")
    frame["hire_date"] = pd.to_datetime(frame["hire_date"])
    frame["end_date"] = pd.to_datetime(frame["end_date"])
    return frame


@pytest.fixture
def orders() -> pd.DataFrame:
    rows = [
        ("A1", "2025-12-15", 500.0),
        ("A1", "2026-01-10", 100.0),
        ("A1", "2026-02-10", 100.0),
        ("A1", "2026-03-05", 150.0),
        ("A2", "2026-02-20", 30.0),
        ("A2", "2026-03-20", 60.0),
        ("B1", "2026-01-05", 50.0),
        ("B1", "2026-03-10", 40.0),
        ("B2", "2026-01-20", 80.0),
        ("M1", "2026-03-15", 20.0),  # the manager's own sale: team revenue, no quota
    ]
    frame = pd.DataFrame(rows, columns=["rep_id", "order_date", "net_revenue"])
    frame["rep_id"] = frame["rep_id"].astype("string")
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    return frame


@pytest.fixture
def targets() -> pd.DataFrame:
    rows = [
        ("2025-12", "A1", 400.0),
        ("2026-01", "A1", 100.0),
        ("2026-02", "A1", 100.0),
        ("2026-03", "A1", 100.0),
        ("2026-04", "A1", 120.0),
        ("2026-02", "A2", 50.0),
        ("2026-03", "A2", 50.0),
        ("2026-01", "B1", 100.0),
        ("2026-02", "B1", 100.0),
        ("2026-03", "B1", 100.0),
        ("2026-04", "B1", 100.0),
        ("2026-01", "B2", 100.0),
        ("2026-03", "M1", 999.0),  # managers carry no quota: ignored
    ]
    frame = pd.DataFrame(rows, columns=["month", "rep_id", "target"])
    return frame.astype({"month": "string", "rep_id": "string"})


@pytest.fixture
def opps() -> pd.DataFrame:
    rows = [
        # id, rep, created, close, closed, won, amount, probability
        ("O1", "A1", "2025-12-01", "2026-01-10", True, True, 100.0, 1.0),  # cycle 40 days
        ("O2", "A1", "2026-01-01", "2026-02-20", True, True, 300.0, 1.0),  # cycle 50 days
        ("O3", "A1", "2026-01-15", "2026-03-01", True, False, 300.0, 0.0),
        ("O4", "B1", "2026-02-01", "2026-03-15", True, False, 50.0, 0.0),
        ("O5", "B1", "2026-01-01", "2026-03-31", True, True, 200.0, 1.0),  # cycle 89 days
        ("O6", "A2", "2025-10-01", "2025-12-20", True, True, 1000.0, 1.0),  # before the year
        ("O7", "A1", "2026-03-01", "2026-05-15", False, False, 400.0, 0.5),
        ("O8", "B1", "2026-02-10", "2026-04-10", False, False, 150.0, 0.1),  # not qualified
        ("O9", "A2", "2026-04-05", "2026-05-01", False, False, 999.0, 0.5),  # created later
        ("O10", "A1", "2026-03-10", "2026-04-20", True, True, 250.0, 1.0),  # won after March
        ("O11", "B1", "2026-01-10", "2026-08-01", False, False, 500.0, 0.3),  # closes in Q3
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "opportunity_id",
            "rep_id",
            "created_date",
            "close_date",
            "is_closed",
            "is_won",
            "amount",
            "probability",
        ],
    )
    frame[["opportunity_id", "rep_id"]] = frame[["opportunity_id", "rep_id"]].astype("string")
    frame[["is_closed", "is_won"]] = frame[["is_closed", "is_won"]].astype("boolean")
    for col in ("created_date", "close_date"):
        frame[col] = pd.to_datetime(frame[col])
    return frame


def test_quota_reps_keeps_account_executives(reps, targets):
    roster = team.quota_reps(reps)
    assert list(roster.index) == ["A1", "A2", "B1", "B2"]
    # without a reps table every rep with a target counts, of no team
    bare = team.quota_reps(None, targets)
    assert sorted(bare.index) == ["A1", "A2", "B1", "B2", "M1"]
    assert bare["team"].isna().all()
    assert team.quota_reps(None, None).empty


def test_rep_attainment_month_qtd_ytd(orders, targets, reps):
    before = orders.copy()
    frame = team.rep_attainment(orders, targets, reps, MAR)
    pd.testing.assert_frame_equal(orders, before)  # input not mutated
    # best YTD first; M1 is a manager, not listed
    assert list(frame.index) == ["A1", "A2", "B2", "B1"]
    a1 = frame.loc["A1"]
    assert a1["revenue_month"] == 150.0
    assert a1["attainment_month"] == pytest.approx(1.5)  # 150 / 100
    assert a1["revenue_ytd"] == 350.0  # Dec 2025 is last fiscal year
    assert a1["attainment_qtd"] == pytest.approx(350 / 300)
    assert a1["attainment_ytd"] == pytest.approx(350 / 300)
    assert frame.loc["A2", "attainment_ytd"] == pytest.approx(0.9)  # 90 / 100
    assert frame.loc["B1", "attainment_ytd"] == pytest.approx(0.3)  # 90 / 300
    assert frame.loc["B2", "attainment_ytd"] == pytest.approx(0.8)  # 80 / 100
    assert pd.isna(frame.loc["B2", "attainment_month"])  # no March target


def test_rep_attainment_with_a_fiscal_year_from_december(orders, targets, reps):
    frame = team.rep_attainment(orders, targets, reps, MAR, fiscal_year_start_month=12)
    # fiscal year Dec 2025 - Nov 2026: A1 500 + 350 = 850 against 400 + 300 = 700
    assert frame.loc["A1", "revenue_ytd"] == 850.0
    assert frame.loc["A1", "attainment_ytd"] == pytest.approx(850 / 700)
    # the fiscal quarter holding March starts in March
    assert frame.loc["A1", "attainment_qtd"] == pytest.approx(1.5)


def test_attainment_distribution_by_team_and_overall(orders, targets, reps):
    dist = team.attainment_distribution(team.rep_attainment(orders, targets, reps, MAR))
    assert list(dist.index) == ["South", "North", "All reps"]  # lowest median first
    south, north, every = dist.loc["South"], dist.loc["North"], dist.loc["All reps"]
    # South: 0.3 and 0.8
    assert south["reps"] == 2
    assert south["median"] == pytest.approx(0.55)
    assert south["p10"] == pytest.approx(0.35)  # 0.3 + 0.1 x 0.5
    assert south["p90"] == pytest.approx(0.75)
    assert south["share_at_target"] == 0.0
    # North: 0.9 and 1.1667
    assert north["median"] == pytest.approx((0.9 + 350 / 300) / 2)
    assert north["share_at_target"] == 0.5
    # all four, sorted 0.3, 0.8, 0.9, 1.1667: P10 at position 0.3 -> 0.3 + 0.3 x 0.5
    assert every["reps"] == 4
    assert every["median"] == pytest.approx(0.85)
    assert every["p10"] == pytest.approx(0.45)
    assert every["p90"] == pytest.approx(0.9 + 0.7 * (350 / 300 - 0.9))  # position 2.7
    assert every["share_at_target"] == 0.25


def test_bottom_decile_is_at_or_below_p10(orders, targets, reps):
    bottom = team.bottom_decile(team.rep_attainment(orders, targets, reps, MAR))
    assert list(bottom.index) == ["B1"]  # 0.3 <= P10 0.45
    assert team.bottom_decile(team.rep_attainment(orders.iloc[:0], None, reps, MAR)).empty


def test_deal_stats_over_three_months(opps):
    stats = team.deal_stats(opps, P("2026-01", "M"), MAR).loc["All"]
    # closed Jan-Mar: O1 won 100, O2 won 300, O3 lost 300, O4 lost 50, O5 won 200
    assert stats["closed"] == 5
    assert stats["won"] == 3
    assert stats["lost"] == 2
    assert stats["win_rate"] == pytest.approx(0.6)
    assert stats["win_rate_value"] == pytest.approx(600 / 950)
    assert stats["avg_deal_size"] == pytest.approx(200.0)
    assert stats["cycle_mean_days"] == pytest.approx((40 + 50 + 89) / 3)
    assert stats["cycle_median_days"] == 50


def test_deal_stats_by_team_and_empty(opps, reps):
    by_team = team.deal_stats(team.with_team(opps, reps), P("2026-01", "M"), MAR, by="team")
    assert by_team.loc["North", "win_rate"] == pytest.approx(2 / 3)  # O1, O2 won; O3 lost
    assert by_team.loc["North", "win_rate_value"] == pytest.approx(400 / 700)
    assert by_team.loc["South", "win_rate"] == pytest.approx(0.5)
    assert by_team.loc["South", "win_rate_value"] == pytest.approx(200 / 250)
    none = team.deal_stats(opps, P("2024-01", "M"), P("2024-03", "M")).loc["All"]
    assert none["closed"] == 0
    assert pd.isna(none["win_rate"])
    assert pd.isna(none["avg_deal_size"])


def test_with_team_maps_reps_and_copes_without(opps, reps):
    assert list(team.with_team(opps, reps)["team"].iloc[:5]) == [
        "North",
        "North",
        "North",
        "South",
        "South",
    ]
    assert team.with_team(opps, None)["team"].isna().all()
    assert "team" not in opps.columns  # input not mutated


def test_open_qualified_at_the_end_of_march(opps):
    chosen = team.open_qualified(opps, MAR)
    # O7 (50%), O11 (30%) still open; O10 closed in April so it was open at March's end;
    # O8 is at 10%, O9 was created in April
    assert sorted(chosen["opportunity_id"]) == ["O10", "O11", "O7"]


def test_sales_velocity(opps):
    # 3 qualified open deals x 200 average won x 60% win rate / 59.667 days
    assert team.sales_velocity(opps, MAR) == pytest.approx(3 * 200 * 0.6 / ((40 + 50 + 89) / 3))
    assert team.sales_velocity(None, MAR) is None
    assert team.sales_velocity(opps.iloc[:0], MAR) is None


def test_pipeline_coverage_mid_quarter(opps, orders, targets, reps):
    cov = team.pipeline_coverage(opps, orders, targets, reps, P("2026-02", "M")).loc["All"]
    # open at the end of February and closing in March: O3 300 + O4 50 + O5 200
    assert cov["open_pipeline"] == 550.0
    # Q1 targets of the account executives (M1's 999 ignored): 300 + 100 + 300 + 100
    assert cov["quarter_target"] == 800.0
    assert cov["closed_qtd"] == 360.0  # Jan 230 + Feb 130
    assert cov["coverage"] == pytest.approx(550 / 440)


def test_pipeline_coverage_in_the_quarters_last_month_looks_at_the_next(
    opps, orders, targets, reps
):
    cov = team.pipeline_coverage(opps, orders, targets, reps, MAR, by_team=True)
    # Q2: North O7 400 + O10 250 against A1's April 120; South O8 150 against B1's 100
    assert cov.loc["North", "open_pipeline"] == 650.0
    assert cov.loc["North", "coverage"] == pytest.approx(650 / 120)
    assert cov.loc["South", "coverage"] == pytest.approx(1.5)
    overall = team.pipeline_coverage(opps, orders, targets, reps, MAR).loc["All"]
    assert overall["closed_qtd"] == 0.0
    assert overall["coverage"] == pytest.approx(800 / 220)
    assert pd.isna(team.pipeline_coverage(None, orders, targets, reps, MAR).loc["All", "coverage"])


def test_team_table(orders, targets, reps, opps):
    table = team.team_table(orders, targets, reps, opps, MAR)
    assert list(table.index) == ["South", "North"]  # lowest attainment first
    north, south = table.loc["North"], table.loc["South"]
    assert north["manager"] == "Mia Boss"
    assert north["reps"] == 2
    assert north["revenue"] == 460.0  # A1 350 + A2 90 + the manager's 20
    assert north["target"] == 400.0
    assert north["attainment"] == pytest.approx(1.15)
    assert north["win_rate"] == pytest.approx(2 / 3)
    assert north["pipeline_coverage"] == pytest.approx(650 / 120)
    # the account executives with a target this fiscal year, as the text counts them: B2 left
    # in January but its January target is in the South's target
    assert south["reps"] == 2
    assert (
        table["reps"].sum() == team.team_kpis(orders, targets, reps, opps, MAR)["reps_with_target"]
    )
    assert south["revenue"] == 170.0
    assert south["attainment"] == pytest.approx(170 / 400)
    assert south["win_rate"] == pytest.approx(0.5)
    assert team.team_table(orders, targets, None, opps, MAR).empty
    leaderless = reps.assign(manager_id=reps["manager_id"].where(reps["team"] != "South"))
    assert team.team_table(orders, targets, leaderless, opps, MAR).loc["South", "manager"] == "n/a"
    bare = team.team_table(orders, None, reps, None, MAR)
    assert bare["attainment"].isna().all()
    assert bare["win_rate"].isna().all()


def test_leaderboard_ranks_and_flags(orders, targets, reps, opps):
    board = team.leaderboard(orders, targets, reps, opps, MAR, fiscal_year_start_month=12)
    # YTD from December: A1 850/700, A2 90/100, B2 80/100, B1 90/300
    assert list(board.index) == ["A1", "A2", "B2", "B1"]
    assert list(board["rank"]) == [1, 2, 3, 4]
    a1, a2 = board.loc["A1"], board.loc["A2"]
    assert a1["closed_deals"] == 3  # O1, O2 won, O3 lost
    assert a1["deals_won"] == 2
    assert a1["win_rate"] == pytest.approx(2 / 3)
    assert a1["win_rate_rank"] == 1
    assert a2["win_rate"] == 1.0  # O6 won in December
    assert pd.isna(a2["win_rate_rank"])  # one closed deal: not ranked on win rate
    assert board.loc["B2", "closed_deals"] == 0
    # P10 = 0.45 and P90 = 0.9 + 0.7 x (1.2143 - 0.9) = 1.12
    assert list(board["flag"]) == ["above P90", "", "", "below P10"]
    assert "P10" in team.OUTLIER_RULE
    assert str(team.MIN_CLOSED_DEALS) in team.OUTLIER_RULE
    assert team.leaderboard(orders, targets, reps, None, MAR)["closed_deals"].eq(0).all()
    # the leaderboard feeds the distribution too: median of 0.3, 0.8, 0.9, 1.2143
    assert team.attainment_distribution(board).loc["All reps", "median"] == pytest.approx(0.85)
    assert list(team.bottom_decile(board).index) == ["B1"]


def test_ramp_counts_the_reps_the_text_counts(orders, targets, reps, opps):
    frame = team.ramp(orders, targets, reps, MAR)
    assert list(frame.index) == [
        "0–3 months",
        "4–6 months",
        "7–12 months",
        "over 12 months",
        "hire date unknown",
    ]
    # one row per account executive with a target this fiscal year, each counted once: the
    # chart's reps add up to the text's (49 bucket counts against 40 reps was the bug)
    assert (
        frame["reps"].sum() == team.team_kpis(orders, targets, reps, opps, MAR)["reps_with_target"]
    )
    new = frame.loc["0–3 months"]
    # A2, hired January 2026: 2 months at March; YTD 30 + 60 of 50 + 50
    assert new["reps"] == 1
    assert new["revenue"] == 90.0
    assert new["attainment"] == pytest.approx(0.9)
    assert new["median_attainment"] == pytest.approx(0.9)
    assert frame.loc["4–6 months", "reps"] == 0
    assert pd.isna(frame.loc["7–12 months", "attainment"])
    old = frame.loc["over 12 months"]
    # A1 350 / 300, B1 90 / 300, B2 (left in January, at 58 months) 80 / 100
    assert old["reps"] == 3
    assert old["revenue"] == 520.0
    assert old["target"] == 700.0
    assert old["attainment"] == pytest.approx(520 / 700)
    assert old["median_attainment"] == pytest.approx(0.8)  # of 350/300, 0.3, 0.8
    assert frame.loc["hire date unknown", "reps"] == 0
    assert team.ramp(orders, None, reps, MAR)["reps"].eq(0).all()


def test_ramp_keeps_reps_without_a_hire_date_apart(orders, targets, reps):
    undated = reps.assign(hire_date=reps["hire_date"].where(reps["rep_id"] != "A2"))
    frame = team.ramp(orders, targets, undated, MAR)
    assert frame.loc["hire date unknown", "reps"] == 1
    assert frame.loc["hire date unknown", "attainment"] == pytest.approx(0.9)
    assert frame.loc["0–3 months", "reps"] == 0
    assert frame["reps"].sum() == 4


def test_team_kpis(orders, targets, reps, opps):
    k = team.team_kpis(orders, targets, reps, opps, MAR)
    assert k["win_rate"] == pytest.approx(0.6)
    assert k["win_rate_value"] == pytest.approx(600 / 950)
    assert k["closed_deals"] == 5
    assert k["avg_deal_size"] == pytest.approx(200.0)
    assert k["sales_cycle_days"] == pytest.approx(179 / 3)
    assert k["sales_cycle_median_days"] == 50.0
    assert k["open_qualified_deals"] == 3
    assert k["sales_velocity"] == pytest.approx(360 / (179 / 3))
    assert k["pipeline_coverage"] == pytest.approx(800 / 220)
    assert k["median_rep_attainment"] == pytest.approx(0.85)
    assert k["p10_rep_attainment"] == pytest.approx(0.45)
    assert k["share_reps_at_target"] == 0.25
    assert k["reps_with_target"] == 4
    assert k["lowest_team_attainment"] == pytest.approx(170 / 400)


def test_team_kpis_without_optional_tables_or_rows(orders, targets, reps, opps):
    bare = team.team_kpis(orders, None, None, None, MAR)
    assert set(bare.values()) == {None}
    assert {"win_rate", "pipeline_coverage", "median_rep_attainment"} <= set(bare)
    empty = team.team_kpis(orders.iloc[:0], targets.iloc[:0], reps.iloc[:0], opps.iloc[:0], MAR)
    assert empty["win_rate"] is None
    assert empty["closed_deals"] == 0
    assert empty["sales_velocity"] is None
    assert empty["median_rep_attainment"] is None
    assert empty["pipeline_coverage"] is None
    no_reps = team.team_kpis(orders, targets, None, opps, MAR)
    assert no_reps["lowest_team_attainment"] is None
    # without roles every rep with a target carries quota: M1 (20 / 999) joins the four
    assert no_reps["reps_with_target"] == 5


# --- orders without rep_id ("not delivered": absent from the frame) ---------------------------


def test_team_kpis_without_rep_id(orders, targets, reps, opps):
    k = team.team_kpis(orders.drop(columns="rep_id"), targets, reps, opps, MAR)
    for key in (
        "median_rep_attainment",
        "p10_rep_attainment",
        "p90_rep_attainment",
        "share_reps_at_target",
        "reps_with_target",
        "lowest_team_attainment",
    ):
        assert k[key] is None, key
    # the deal figures come from the opportunities: as with rep_id
    assert k["win_rate"] == pytest.approx(0.6)
    assert k["sales_velocity"] == pytest.approx(360 / (179 / 3))
    # coverage needs no rep: Q2 open pipeline 800 against the April targets 220, nothing closed
    assert k["pipeline_coverage"] == pytest.approx(800 / 220)


def test_pipeline_coverage_without_rep_id_counts_the_whole_quarter(opps, orders, targets, reps):
    no_rep = orders.drop(columns="rep_id")
    cov = team.pipeline_coverage(opps, no_rep, targets, reps, P("2026-02", "M")).loc["All"]
    # every line of Q1 to February: Jan 100 + 50 + 80 and Feb 100 + 30
    assert cov["closed_qtd"] == 360.0
    assert cov["coverage"] == pytest.approx(550 / 440)
    assert team.pipeline_coverage(opps, no_rep, targets, reps, MAR, by_team=True).empty


def test_rep_and_team_tables_are_empty_without_rep_id(orders, targets, reps, opps):
    no_rep = orders.drop(columns="rep_id")
    assert team.rep_attainment(no_rep, targets, reps, MAR).empty
    assert team.team_table(no_rep, targets, reps, opps, MAR).empty
    board = team.leaderboard(no_rep, targets, reps, opps, MAR)
    assert board.empty
    assert {"rep_name", "attainment_ytd", "win_rate", "flag"} <= set(board.columns)
    ramp = team.ramp(no_rep, targets, reps, MAR)
    assert ramp["reps"].eq(0).all() and ramp["attainment"].isna().all()


# --- one team, one rep: nothing to compare (issue #14) ----------------------------------------

SPAN = "March 2026"  # the reported month: the span is the fiscal year to it


def test_one_team_is_not_compared(orders, targets, reps, opps):
    north = reps[reps["team"] == "North"]
    table = team.team_table(orders, targets, north, opps, MAR)
    assert list(team.compared_teams(table)) == ["North"]
    assert team.too_few_teams(table, SPAN) == (
        "Only one sales team, North, has account executives with a target in the fiscal year to "
        "March 2026: there is no other team to compare it with."
    )
    both = team.team_table(orders, targets, reps, opps, MAR)
    assert list(team.compared_teams(both)) == ["South", "North"]
    assert team.too_few_teams(both, SPAN) is None
    # a team whose account executives have no target is listed, but not compared
    north_only = targets[targets["rep_id"].isin(["A1", "A2"])]
    listed = team.team_table(orders, targets=north_only, reps=reps, opportunities=opps, period=MAR)
    assert list(listed.index) == ["North", "South"]
    assert team.too_few_teams(listed, SPAN).startswith("Only one sales team, North,")
    assert team.too_few_teams(both.iloc[:0], SPAN) == (
        "No sales team has account executives with a target in the fiscal year to March 2026, "
        "so there are no teams to compare."
    )


def test_one_rep_is_not_ranked(orders, targets, reps, opps):
    alone = targets[targets["rep_id"] == "A1"]
    board = team.leaderboard(orders, alone, reps, opps, MAR)
    assert list(team.compared_reps(board)) == ["A1"]  # A2, B1, B2 sold without a target
    assert team.too_few_reps(board, SPAN) == (
        "Only one account executive, Ann Ash, has a target in the fiscal year to March 2026: "
        "there is no other rep to rank them against."
    )
    assert team.too_few_reps(team.leaderboard(orders, targets, reps, opps, MAR), SPAN) is None
    assert team.too_few_reps(board.iloc[:0], SPAN) == (
        "No account executive has a target in the fiscal year to March 2026, so there is no one "
        "to rank."
    )


def test_one_team_is_not_the_lowest(orders, targets, reps, opps):
    both = team.team_table(orders, targets, reps, opps, MAR)
    # South 170 / 400
    assert team.lowest_team(both, FMT) == (
        "South has the lowest year-to-date attainment of the 2 teams: 42.5% of its target."
    )
    north = team.team_table(orders, targets, reps[reps["team"] == "North"], opps, MAR)
    assert team.lowest_team(north, FMT) is None


def test_one_rep_has_no_spread(orders, targets, reps, opps):
    kpis = team.team_kpis(orders, targets, reps, opps, MAR)
    # YTD A1 350/300, A2 90/100, B2 80/100, B1 90/300: median (0.8 + 0.9) / 2 = 0.85,
    # P10 0.3 + 0.3 × 0.5 = 0.45, P90 0.9 + 0.7 × (1.1667 − 0.9) = 1.0867, one of four at target
    assert team.rep_spread(kpis, FMT) == (
        "Across the 4 account executives with a target this fiscal year the median year-to-date "
        "attainment is 85.0% (P10 45.0%, P90 108.7%), and 25.0% of them are at or above 100%."
    )
    alone = team.team_kpis(orders, targets[targets["rep_id"] == "A1"], reps, opps, MAR)
    assert alone["reps_with_target"] == 1
    # A1: 350 / 300 in January to March
    assert team.rep_spread(alone, FMT) == (
        "The one account executive with a target this fiscal year stands at 116.7% of their "
        "year-to-date target."
    )
    assert team.rep_spread(team.team_kpis(orders, None, reps, opps, MAR), FMT) is None
    assert team.rep_spread({**kpis, "p90_rep_attainment": None}, FMT) is None


def test_the_rep_count_names_the_team_table_and_ramp_only_when_shown():
    assert "the team table and the ramp chart" in team.rep_population(True)
    assert team.rep_population(False) == (
        "Every count of reps in this section is of the same reps, each once: the account "
        "executives with a target in the fiscal year to date, including those who left during it."
    )


def test_one_band_of_tenure_is_no_ramp(orders, targets, reps):
    # A1 hired January 2020 (over 12 months), A2 January 2026 (0–3 months), B1, B2 (over 12)
    assert team.too_few_tenures(team.ramp(orders, targets, reps, MAR)) is None
    alone = team.ramp(orders, targets[targets["rep_id"] == "A1"], reps, MAR)
    assert team.too_few_tenures(alone) == (
        "The account executives with a target and a known hire date all fall in one band of "
        "months since hire, over 12 months: there is no ramp to compare across bands."
    )
    undated = team.ramp(orders, targets, reps.assign(hire_date=pd.NaT), MAR)
    assert team.too_few_tenures(undated) == team.NO_TENURE


# --- the sample company ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def company(sample_company):
    tables = sample_company
    params = load_params(ROOT / "params")
    period = P(sample.DEFAULT_END, "M")
    return {rid: prepare(tables, params, rid, period) for rid in ("emea", "all")}, period


@pytest.mark.parametrize("region", ["emea", "all"])
def test_sample_underperforming_team_is_lowest_ytd(company, region):
    cuts, period = company
    t = cuts[region]
    table = team.team_table(t.orders, t.targets, t.reps, t.opportunities, period)
    assert table.index[0] == sample.UNDERPERFORMING_TEAM
    weakest = table.iloc[0]["attainment"]
    # 30% below plan: about 0.7 of the ~97% the other teams reach
    assert 0.6 < weakest < 0.8
    assert table["attainment"].iloc[1:].min() > 0.85
    kpis = team.team_kpis(t.orders, t.targets, t.reps, t.opportunities, period)
    assert kpis["lowest_team_attainment"] == pytest.approx(weakest)
    reps = team.rep_attainment(t.orders, t.targets, t.reps, period)
    dist = team.attainment_distribution(reps)
    assert dist.index[0] == sample.UNDERPERFORMING_TEAM
    assert dist.loc[sample.UNDERPERFORMING_TEAM, "share_at_target"] == 0.0
    # its five account executives are the bottom five of the leaderboard
    board = team.leaderboard(t.orders, t.targets, t.reps, t.opportunities, period)
    assert (board["team"].iloc[-5:] == sample.UNDERPERFORMING_TEAM).all()
    assert (board["team"].iloc[:-5] != sample.UNDERPERFORMING_TEAM).all()


def test_sample_team_kpis_are_plausible(company):
    cuts, period = company
    t = cuts["all"]
    k = team.team_kpis(t.orders, t.targets, t.reps, t.opportunities, period)
    # deals are won about 45% of the time in the sample (50% without a competitor, less with)
    assert 0.35 < k["win_rate"] < 0.55
    assert 40 < k["sales_cycle_days"] < 80  # lognormal around 55 days
    assert k["reps_with_target"] == 40  # 5 account executives in each of 8 teams
    assert k["sales_velocity"] > 0
