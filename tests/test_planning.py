"""Next year's targets (analysis.planning and params/planning.yaml): figures worked out by hand."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reportlib.analysis import planning as pl
from reportlib.config import PlannedHire, PlannedLeaver, check_planning, load_params
from reportlib.errors import ConfigError, DataError
from reportlib.intake.schema import TARGETS

PARAMS = Path(__file__).resolve().parents[1] / "params"
AE = "Account Executive"
RAMP = (0.25, 0.5, 0.75, 1.0)


def _reps(rows: list[tuple[str, str, str, str, str | None]]) -> pd.DataFrame:
    """A reps table: (rep_id, team, region, hire_date, end_date), every one an AE."""
    frame = pd.DataFrame(rows, columns=["rep_id", "team", "region", "hire_date", "end_date"])
    frame["role"] = AE
    frame["rep_name"] = frame["rep_id"]
    frame["manager_id"] = None
    frame["hire_date"] = pd.to_datetime(frame["hire_date"])
    frame["end_date"] = pd.to_datetime(frame["end_date"])
    return frame


def _window(rows: list[tuple[str, str, str, int, float]], months: int = 12) -> pd.DataFrame:
    """rep_months-shaped frame: each (rep_id, region, team, tenure in 2026-10, monthly revenue)
    repeated over the ``months`` months to 2026-10."""
    out = []
    end = pd.Period("2026-10", freq="M")
    for rep_id, region, team, tenure, revenue in rows:
        for k in range(months):
            out.append((rep_id, region, team, end - k, tenure - k, revenue))
    return pd.DataFrame(out, columns=["rep_id", "region", "team", "month", "tenure", "revenue"])


# --- settings --------------------------------------------------------------------------------


@pytest.fixture
def params_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(PARAMS, tmp_path / "params"))


def _write(params_dir: Path, text: str) -> None:
    (params_dir / "planning.yaml").write_text(text, encoding="utf-8")


def test_the_sample_settings_load():
    planning = load_params(PARAMS).planning
    assert planning is not None
    assert planning.buffer == pytest.approx(0.10)
    assert planning.region_growth("latam") == pytest.approx(0.15)
    assert planning.reachable("latam") == pytest.approx(0.35)
    assert planning.reachable("na") == pytest.approx(0.30)


def test_no_planning_file_means_no_settings(params_dir):
    (params_dir / "planning.yaml").unlink()
    assert load_params(params_dir).planning is None


def test_weights_that_do_not_add_up_to_one_name_the_file_the_key_and_the_fix(params_dir):
    _write(params_dir, "weights: {top_down: 0.5, bottom_up: 0.3, potential: 0.3}\n")
    with pytest.raises(ConfigError) as err:
        load_params(params_dir)
    text = str(err.value)
    assert "planning.yaml" in text and "'weights'" in text
    assert "add up to 1.1, not 1" in text and "make top_down + bottom_up + potential = 1" in text


def test_a_misspelt_key_is_named_with_a_suggestion(params_dir):
    _write(params_dir, "bufer: 0.1\nweights: {top_down: 0.5, bottom_up: 0.5, potential: 0}\n")
    with pytest.raises(ConfigError, match=r"planning\.yaml: unknown key 'bufer'; did you mean"):
        load_params(params_dir)


def test_a_falling_ramp_is_refused(params_dir):
    _write(
        params_dir, "ramp: [0.5, 0.25]\nweights: {top_down: 0.5, bottom_up: 0.5, potential: 0}\n"
    )
    with pytest.raises(ConfigError, match=r"key 'ramp': .*falls"):
        load_params(params_dir)


def test_an_unknown_region_is_named(params_dir):
    _write(params_dir, "reachable_share: 0.3\nregions:\n  mars:\n    growth: 0.1\n")
    with pytest.raises(ConfigError, match=r"planning\.yaml: key 'regions\.mars': no region 'mars'"):
        load_params(params_dir)


def test_potential_without_a_reachable_share_says_what_to_set(params_dir):
    _write(params_dir, "weights: {top_down: 0.4, bottom_up: 0.4, potential: 0.2}\n")
    with pytest.raises(ConfigError) as err:
        load_params(params_dir)
    assert "key 'reachable_share'" in str(err.value)
    assert "make weights.potential 0" in str(err.value)


def test_a_hire_in_an_unknown_team_is_named_with_the_teams():
    params = load_params(PARAMS).model_copy(
        update={
            "planning": load_params(PARAMS).planning.model_copy(
                update={"hires": (PlannedHire(team="Brasil", month="2027-03"),)}
            )
        }
    )
    reps = _reps([("R1", "Brazil", "latam", "2020-01-01", None)])
    with pytest.raises(ConfigError) as err:
        check_planning(params, reps)
    text = str(err.value)
    assert "planning.yaml: key 'hires.0.team': no team 'Brasil'" in text
    assert "did you mean 'Brazil'?" in text and "(teams: Brazil)" in text


def test_a_hire_in_a_region_its_team_is_not_in_is_named():
    planning = load_params(PARAMS).planning.model_copy(
        update={"hires": (PlannedHire(team="Brazil", month="2027-03", region="na"),)}
    )
    params = load_params(PARAMS).model_copy(update={"planning": planning})
    reps = _reps([("R1", "Brazil", "latam", "2020-01-01", None)])
    with pytest.raises(ConfigError, match=r"key 'hires\.0\.region': team 'Brazil' is in region"):
        check_planning(params, reps)


def test_a_leaver_who_is_not_a_rep_is_named():
    planning = load_params(PARAMS).planning.model_copy(
        update={"hires": (), "leavers": (PlannedLeaver(rep_id="R999", month="2027-06"),)}
    )
    params = load_params(PARAMS).model_copy(update={"planning": planning})
    reps = _reps([("R1", "Brazil", "latam", "2020-01-01", None)])
    with pytest.raises(ConfigError, match=r"key 'leavers\.0\.rep_id': no rep 'R999'"):
        check_planning(params, reps)


def test_a_year_with_no_history_names_the_option():
    orders = pd.DataFrame({"order_date": pd.to_datetime(["2024-03-05", "2026-10-20"])})
    assert pl.history_end(orders, 2027) == pd.Period("2026-10", freq="M")
    with pytest.raises(ConfigError) as err:
        pl.history_end(orders, 2029)
    assert "--year 2029: no history to plan from" in str(err.value)
    assert "--year 2027" in str(err.value)  # the hint


# --- top-down --------------------------------------------------------------------------------


def test_company_goal_grows_the_landing_or_takes_the_amount():
    assert pl.company_goal(landing=1000.0, growth=0.08) == pytest.approx(1080.0)
    assert pl.company_goal(amount=5e6) == 5e6
    with pytest.raises(ConfigError, match="one way"):
        pl.company_goal(landing=1000.0, growth=0.08, amount=5e6)


def test_top_down_splits_the_goal_by_trailing_share():
    # regions: a 300, b 100 of trailing revenue -> a 3/4 of 1000 = 750, b 250
    regions = pl.top_down_regions(1000.0, pd.Series({"a": 300.0, "b": 100.0}))
    assert regions.to_dict() == pytest.approx({"a": 750.0, "b": 250.0})
    # b grows by its own 50% over its quarter of the 800 landing: 0.25 x 800 x 1.5 = 300;
    # a takes the rest of the goal: 1000 - 300 = 700
    own = pl.top_down_regions(1000.0, pd.Series({"a": 300.0, "b": 100.0}), 800.0, {"b": 0.5})
    assert own.to_dict() == pytest.approx({"a": 700.0, "b": 300.0})

    # region a: team T1 (r1 20/month, r2 10/month but leaves after June) and T2 (r3 30/month)
    reps = _reps(
        [
            ("r1", "T1", "a", "2020-01-01", None),
            ("r2", "T1", "a", "2020-01-01", None),
            ("r3", "T2", "a", "2020-01-01", None),
        ]
    )
    seats = pl.plan_seats(reps, 2027, leavers=[PlannedLeaver(rep_id="r2", month="2027-06")])
    window = _window([("r1", "a", "T1", 80, 20.0), ("r2", "a", "T1", 80, 10.0)])
    window = pd.concat([window, _window([("r3", "a", "T2", 80, 30.0)])])
    amounts = pl.top_down(pd.Series({"a": 750.0}), seats, window)
    # teams: T1 360 of 720 trailing -> 375, T2 375; in T1 weights r1 240 x 12/12 = 240 and
    # r2 120 x 6/12 = 60: r1 375 x 0.8 = 300, r2 75
    assert amounts.to_dict() == pytest.approx({"r1": 300.0, "r2": 75.0, "r3": 375.0})


# --- bottom-up -------------------------------------------------------------------------------


def test_measured_ramp_interpolates_missing_quarters():
    history = pd.DataFrame(
        {
            "rep_id": ["n1", "n1", "n2", "n2", "m1", "m1"],
            "tenure": [0, 1, 3, 4, 30, 31],
            "revenue": [20.0, 30.0, 40.0, 60.0, 100.0, 100.0],
        }
    )
    # q0 mean 25 / mature 100 = 0.25; q1 50 / 100 = 0.5; q2 and q3 between 0.5 and 1.0 (q4)
    curve = pl.measured_ramp(history)
    assert curve.tolist() == pytest.approx([0.25, 0.5, 2 / 3, 5 / 6])


def test_capacity_follows_the_ramp_from_the_hire_month():
    reps = _reps([("r1", "T", "a", "2026-08-15", None)])
    seats = pl.plan_seats(reps, 2027)
    # hired 2026-08: months to 2026-10 at tenure 0, 1, 2 (ramp 0.25 each) earned 10, 20, 30:
    # 60 over 0.75 ramped months = 80 per fully ramped month
    window = pd.DataFrame(
        {
            "rep_id": ["r1"] * 3,
            "region": ["a"] * 3,
            "team": ["T"] * 3,
            "month": pd.period_range("2026-08", "2026-10", freq="M"),
            "tenure": [0, 1, 2],
            "revenue": [10.0, 20.0, 30.0],
        }
    )
    productivity = pl.full_productivity(seats, window, RAMP)
    assert productivity["r1"] == pytest.approx(80.0)
    months = pl.seat_months(seats, 2027, RAMP)
    cap = pl.capacity(months, productivity, expected_attainment=0.9)
    # Jan tenure 5 (0.5), Feb-Apr 6-8 (0.75), May on (1.0): 0.9 x (40 + 3 x 60 + 8 x 80)
    assert cap.tolist()[:5] == pytest.approx([36.0, 54.0, 54.0, 54.0, 72.0])
    assert cap.sum() == pytest.approx(0.9 * 860.0)


def test_a_hire_without_history_takes_the_median_of_its_team():
    reps = _reps(
        [
            ("r1", "T", "a", "2020-01-01", None),
            ("r2", "T", "a", "2020-01-01", None),
            ("r3", "T", "a", "2020-01-01", None),
        ]
    )
    hire = PlannedHire(team="T", month="2027-03")
    seats = pl.plan_seats(reps, 2027, hires=[hire])
    window = _window([("r1", "a", "T", 80, 10.0), ("r2", "a", "T", 80, 40.0)])
    window = pd.concat([window, _window([("r3", "a", "T", 80, 70.0)])])
    productivity = pl.full_productivity(seats, window, RAMP)
    assert productivity["PLAN-01"] == pytest.approx(40.0)


def test_a_planned_hire_ramps_in_its_months():
    reps = _reps([("r1", "Brazil", "latam", "2020-01-01", None)])
    seats = pl.plan_seats(reps, 2027, hires=[PlannedHire(team="Brazil", month="2027-03")])
    assert seats.loc["PLAN-01", ["region", "months"]].tolist() == ["latam", 10]
    months = pl.seat_months(seats, 2027, RAMP)
    hire = months[months["rep_id"] == "PLAN-01"]
    assert hire["ramp"].tolist() == [0, 0, 0.25, 0.25, 0.25, 0.5, 0.5, 0.5, 0.75, 0.75, 0.75, 1]
    # flat seasonality: the year's 1100 over 3 x 0.25 + 3 x 0.5 + 3 x 0.75 + 1 = 5.5 units
    targets = pd.DataFrame({"target": [1200.0, 1100.0]}, index=["r1", "PLAN-01"])
    season = pd.DataFrame([[1 / 12] * 12], index=["latam"], columns=range(1, 13))
    phased = pl.phase(targets, months, season)
    amounts = phased.loc[phased["rep_id"] == "PLAN-01", "amount"].tolist()
    assert amounts == pytest.approx([0, 0, 50, 50, 50, 100, 100, 100, 150, 150, 150, 200])
    assert phased.loc[phased["rep_id"] == "r1", "amount"].tolist() == pytest.approx([100.0] * 12)


# --- potential -------------------------------------------------------------------------------


def test_potential_is_market_size_times_reachable_share():
    months = [str(p) for p in pd.period_range("2025-10", "2026-10", freq="M")]  # 13 months
    rows = []
    for m in months:
        rows.append((m, "eu", "Us", True, 100.0, "EUR"))
        rows.append((m, "eu", "Rival", False, 300.0, "EUR"))
    market = pd.DataFrame(
        rows, columns=["month", "region", "competitor", "is_own", "sales", "currency"]
    )
    end = pd.Period("2026-10", freq="M")
    # 12 months (2025-10 is outside) x 400 EUR x 2.0 = 9600 company units; x 0.25 = 2400
    potential = pl.territory_potential(market, {"EUR": 2.0}, end, {"eu": 0.25, "na": 0.3})
    assert potential.to_dict() == pytest.approx({"eu": 2400.0})
    assert pl.territory_potential(None, {"EUR": 2.0}, end, {"eu": 0.25}) is None


# --- blend -----------------------------------------------------------------------------------


def test_blend_weights_the_views_shares_and_fixes_the_total():
    reps = _reps(
        [
            ("r1", "T", "a", "2020-01-01", None),
            ("r2", "T", "a", "2020-01-01", None),
            ("r3", "U", "b", "2020-01-01", None),
        ]
    )
    seats = pl.plan_seats(reps, 2027)
    td = pd.Series({"r1": 450.0, "r2": 150.0, "r3": 400.0})
    bu = pd.Series({"r1": 100.0, "r2": 200.0, "r3": 700.0})
    potential = pd.Series({"a": 250.0, "b": 750.0})
    weights = {"top_down": 0.5, "bottom_up": 0.3, "potential": 0.2}
    out = pl.blend(seats, td, bu, potential, weights, total=1100.0)
    # region a: 0.5 x 600/1000 + 0.3 x 300/1000 + 0.2 x 250/1000 = 0.44 -> 484; b 616
    assert out.groupby("region")["target"].sum().to_dict() == pytest.approx(
        {"a": 484.0, "b": 616.0}
    )
    # reps of team T, potential's weight spread: 0.625 and 0.375; r1 0.625 x 0.75 + 0.375 x 1/3
    # = 0.59375 of 484 = 287.375
    assert out.loc["r1", "target"] == pytest.approx(287.375)
    assert out.loc["r2", "target"] == pytest.approx(196.625)
    assert out["target"].sum() == pytest.approx(1100.0)


def test_without_a_market_table_the_other_weights_are_scaled_up():
    weights = {"top_down": 0.5, "bottom_up": 0.3, "potential": 0.2}
    assert pl.view_weights(weights, None) == pytest.approx(
        {"top_down": 0.625, "bottom_up": 0.375, "potential": 0.0}
    )
    with pytest.raises(ConfigError, match="only the potential view has a weight"):
        pl.view_weights({"top_down": 0, "bottom_up": 0, "potential": 1.0}, None)


# --- phasing ---------------------------------------------------------------------------------


def test_phasing_follows_measured_seasonality():
    # 2026: January 200, every other month 100 -> January 2/13, the others 1/13
    dates = pd.to_datetime([f"2026-{m:02d}-10" for m in range(1, 13)])
    orders = pd.DataFrame(
        {"order_date": dates, "region": "a", "net_revenue": [200.0] + [100.0] * 11}
    )
    short = pd.DataFrame(
        {"order_date": pd.to_datetime(["2026-11-02"]), "region": "b", "net_revenue": [50.0]}
    )
    season = pl.seasonality(
        pd.concat([orders, short], ignore_index=True), pd.Period("2026-12", "M")
    )
    assert season.loc["a", 1] == pytest.approx(2 / 13)
    assert season.loc["a", 2] == pytest.approx(1 / 13)
    assert season.loc["b"].tolist() == pytest.approx([1 / 12] * 12)  # less than a year
    reps = _reps([("r1", "T", "a", "2015-01-01", None)])
    seats = pl.plan_seats(reps, 2027)
    months = pl.seat_months(seats, 2027, RAMP)
    phased = pl.phase(pd.DataFrame({"target": [1300.0]}, index=["r1"]), months, season)
    assert phased["amount"].tolist() == pytest.approx([200.0] + [100.0] * 11)


# --- buffer and the exact sum ---------------------------------------------------------------


def test_largest_remainder_adds_up_exactly_and_breaks_ties_to_the_earlier_row():
    assert pl.largest_remainder([1.0, 1.0, 1.0], 100).tolist() == [34, 33, 33]
    assert pl.largest_remainder([0.2, 0.5, 0.3], 7).tolist() == [1, 4, 2]  # 1.4 3.5 2.1


def test_targets_in_three_currencies_add_up_exactly_to_goal_plus_buffer():
    rates = {"USD": 1.0, "EUR": 1.08, "BRL": 0.18}
    currency = {"na": "USD", "eu": "EUR", "br": "BRL"}
    total = 1000.0 * (1 + 0.10)  # goal 1000 plus a 10% buffer
    cells = pd.DataFrame({"region": ["na", "eu", "br"], "amount": [total / 3] * 3})
    out = pl.allocate(cells, total, currency, rates)
    # 110000 cents: 36667, 36667, 36666; EUR 36667 / 1.08 = 33950.9 -> 339.51 EUR (worth
    # 366.6708); BRL 36666 / 0.18 = 203700 -> 2037.00 BRL; left over -0.08 cents, under half
    # a BRL cent's worth (0.18): no change
    assert out["target"].tolist() == [366.67, 339.51, 2037.00]
    assert pl.company_total(out, rates) == Decimal("1100.00")

    # 100.00 split EUR / BRL: 46.30 EUR (worth 50.004) and 277.78 BRL (worth 50.0004) are 0.44
    # cents too many: two BRL cents (0.36) fewer -> 277.76 BRL, 100.0008 -> 100.00
    halves = pd.DataFrame({"region": ["eu", "br"], "amount": [50.0, 50.0]})
    out = pl.allocate(halves, 100.0, currency, rates)
    assert out["target"].tolist() == [46.30, 277.76]
    assert pl.company_total(out, rates) == Decimal("100.00")


def test_the_targets_table_is_in_the_contracts_format():
    cells = pd.DataFrame(
        {
            "rep_id": ["PLAN-01", "r1", "PLAN-01"],
            "region": ["br"] * 3,
            "month": pd.PeriodIndex(["2027-02", "2027-01", "2027-01"], freq="M"),
            "in_seat": [True, True, False],
            "target": [10.0, 20.0, 0.0],
            "currency": ["BRL"] * 3,
        }
    )
    out = pl.targets_table(cells)
    assert list(out.columns) == [c.name for c in TARGETS.columns] == pl.TARGET_COLUMNS
    assert out.to_numpy().tolist() == [
        ["2027-01", "r1", "br", 20.0, "BRL"],
        ["2027-02", "PLAN-01", "br", 10.0, "BRL"],
    ]


# --- feasibility -----------------------------------------------------------------------------


def test_feasibility_gap_needed_growth_and_reps_beyond_the_best():
    reps = _reps([("r1", "T", "a", "2015-01-01", None), ("r2", "T", "a", "2015-01-01", None)])
    seats = pl.plan_seats(reps, 2027)
    months = pl.seat_months(seats, 2027, RAMP)
    targets = pd.DataFrame(
        {"region": "a", "team": "T", "target": [1200.0, 600.0]}, index=["r1", "r2"]
    )
    td = pd.Series({"r1": 1000.0, "r2": 800.0})
    bu = pd.Series({"r1": 1000.0, "r2": 400.0})
    window = _window([("r1", "a", "T", 140, 80.0), ("r2", "a", "T", 140, 60.0)])
    best = pd.Series([np.nan, np.nan, np.nan, np.nan, 90.0], index=range(5))
    by_rep, groups = pl.feasibility(targets, td, bu, months, window, best)
    # r1: 1200 / 12 / 80 - 1 = +25%; best path 12 x 90 = 1080 < 1200; capacity 1000 >= 960
    # r2: 600 / 12 / 60 - 1 = -1/6; 600 < 1080; capacity 400 < 0.8 x 600 = 480
    assert by_rep["needed_growth"].tolist() == pytest.approx([0.25, -1 / 6])
    assert by_rep["best_path"].tolist() == pytest.approx([1080.0, 1080.0])
    assert by_rep["beyond_best"].tolist() == [1.0, 0.0]
    assert by_rep["can_reach"].tolist() == [1.0, 0.0]
    region = groups[groups["team"] == ""].iloc[0]
    assert region[["top_down", "bottom_up", "gap", "reps"]].tolist() == [1800.0, 1400.0, 400.0, 2]
    assert region[["share_beyond_best", "share_can_reach"]].tolist() == [0.5, 0.5]
    assert groups["team"].tolist() == ["", "T"]


def test_tenure_best_is_the_best_reps_latest_year_in_each_quarter():
    history = pd.DataFrame(
        {
            "rep_id": ["n1", "n1", "n2"] + ["m1"] * 13,
            "month": pd.PeriodIndex(
                ["2026-01", "2026-02", "2026-01", *pd.period_range("2025-10", "2026-10", freq="M")],
                freq="M",
            ),
            "tenure": [0, 1, 0, *range(20, 33)],
            "revenue": [10.0, 30.0, 5.0, 1000.0, *[100.0] * 12],
        }
    )
    best = pl.tenure_best(history)
    # q0: n1 (10 + 30) / 2 = 20 beats n2's 5; mature: m1's latest 12 months, 100 (not 1000)
    assert best[0] == pytest.approx(20.0)
    assert best[4] == pytest.approx(100.0)
    assert best[[1, 2, 3]].isna().all()


def test_rep_months_counts_every_month_in_seat_in_the_company_currency():
    reps = _reps(
        [("r1", "T", "a", "2026-08-15", None), ("r2", "T", "a", "2020-01-01", "2026-09-03")]
    )
    orders = pd.DataFrame(
        {
            "order_date": pd.to_datetime(["2026-09-10", "2026-10-01", "2026-10-05"]),
            "rep_id": ["r1", "r1", "r1"],
            "net_revenue": [50.0, 10.0, 5.0],
            "currency": ["USD", "EUR", "USD"],
        }
    )
    out = pl.rep_months(orders, reps, {"USD": 1.0, "EUR": 2.0}, pd.Period("2026-10", "M"))
    # the window runs from the first month with orders, 2026-09: r1 from then (tenure 1),
    # r2 until they left in 2026-09; October: 10 EUR x 2.0 + 5 USD = 25
    assert out[["rep_id", "tenure", "revenue"]].to_numpy().tolist() == [
        ["r1", 1, 50.0],
        ["r1", 2, 25.0],
        ["r2", 80, 0.0],
    ]


# --- every step in order, on the sample company (session fixture; no run) --------------------


def test_the_sample_companys_plan_adds_up_to_the_goal_plus_the_buffer(sample_company):
    params = load_params(PARAMS)
    settings = check_planning(params, sample_company.reps)
    rates = params.defaults.fx_rates
    currency = {rid: region.currency for rid, region in params.regions.items()}
    before = {
        name: frame.copy()
        for name, frame in (
            ("orders", sample_company.orders),
            ("reps", sample_company.reps),
            ("market", sample_company.market),
        )
    }
    plan = pl.build_plan(
        sample_company.orders,
        sample_company.reps,
        sample_company.market,
        settings,
        2027,
        goal=80_000_000.0,
        rates=rates,
        region_currency=currency,
        landing_amount=75_000_000.0,
    )
    assert plan.history_end == pd.Period("2026-10", freq="M")
    assert plan.total == pytest.approx(88_000_000.0)  # the sample's buffer is 10%
    assert pl.company_total(plan.targets, rates) == Decimal("88000000.00")
    assert list(plan.targets.columns) == pl.TARGET_COLUMNS
    assert set(plan.targets["month"]) == {f"2027-{m:02d}" for m in range(1, 13)}
    assert (plan.targets["target"] >= 0).all()
    by_region = plan.targets.groupby("region")["currency"].unique().map(list).to_dict()
    assert by_region == {"apac": ["AUD"], "emea": ["EUR"], "latam": ["BRL"], "na": ["USD"]}
    # the Brazil hire of 2027-03 has targets from March only, rising with the ramp
    hire = plan.targets[plan.targets["rep_id"] == "PLAN-01"]
    assert hire["month"].iloc[0] == "2027-03" and len(hire) == 10
    ramp = plan.months.loc[plan.months["rep_id"] == "PLAN-01", "ramp"].tolist()
    assert ramp[:2] == [0.0, 0.0] and ramp[2:] == sorted(ramp[2:])
    # the leaver R016's last target is June's
    assert plan.targets.loc[plan.targets["rep_id"] == "R016", "month"].max() == "2027-06"
    assert plan.views["top_down"].sum() == pytest.approx(80_000_000.0)
    assert plan.views["target"].sum() == pytest.approx(88_000_000.0)
    assert plan.potential_used and plan.views.notna().all().all()
    for name, frame in before.items():  # the inputs are left as they were
        pd.testing.assert_frame_equal(getattr(sample_company, name), frame)
    new = pl.planned_reps(plan.seats, sample_company.reps)
    assert new["rep_id"].tolist() == ["PLAN-01", "PLAN-02"]
    assert list(new.columns) == list(sample_company.reps.columns)


def test_a_negative_amount_counts_as_no_share():
    values = pd.Series([30.0, -10.0, 10.0, 0.0, 0.0])
    groups = pd.Series(["a", "a", "a", "b", "b"])
    # a: 30 and 10 of 40 (the -10 counts as 0); b sums to 0: no shares
    assert pl.shares(values, groups).tolist()[:3] == pytest.approx([0.75, 0.0, 0.25])
    assert pl.shares(values, groups).iloc[3:].isna().all()


def test_a_plan_needs_the_reps_and_the_orders_rep_id():
    orders = pd.DataFrame(
        {
            "order_date": pd.to_datetime(["2026-10-05"]),
            "region": ["a"],
            "net_revenue": [10.0],
            "currency": ["USD"],
        }
    )
    reps = _reps([("r1", "T", "a", "2020-01-01", None)])
    args = {"year": 2027, "goal": 100.0, "rates": {"USD": 1.0}, "region_currency": {"a": "USD"}}
    settings = load_params(PARAMS).planning.model_copy(update={"hires": (), "leavers": ()})
    with pytest.raises(DataError, match="reps table was not delivered"):
        pl.build_plan(orders.assign(rep_id="r1"), None, None, settings, **args)
    with pytest.raises(DataError, match="the orders deliver no rep_id"):
        pl.build_plan(orders, reps, None, settings, **args)


def test_a_small_plan_by_hand_without_a_market_table():
    months = pd.period_range("2025-11", "2026-10", freq="M")
    orders = pd.DataFrame(
        {
            "order_date": [m.start_time + pd.Timedelta(days=9) for m in months] * 2,
            "region": ["a"] * 12 + ["b"] * 12,
            "rep_id": ["r1"] * 12 + ["r2"] * 12,
            "net_revenue": [100.0] * 12 + [50.0] * 12,
            "currency": ["USD"] * 12 + ["EUR"] * 12,
        }
    )
    reps = _reps([("r1", "T", "a", "2015-01-01", None), ("r2", "U", "b", "2015-01-01", None)])
    settings = load_params(PARAMS).planning.model_copy(update={"hires": (), "leavers": ()})
    rates = {"USD": 1.0, "EUR": 2.0}
    plan = pl.build_plan(
        orders, reps, None, settings, 2027, 1000.0, rates, {"a": "USD", "b": "EUR"}
    )
    # no market table: weights 0.4 / 0.4 scaled to 0.5 / 0.5
    assert not plan.potential_used
    assert plan.weights == pytest.approx({"top_down": 0.5, "bottom_up": 0.5, "potential": 0.0})
    # only mature reps: the first quarter takes 0.25, the others lie on the line to 1.0
    assert plan.ramp.tolist() == pytest.approx([0.25, 0.4375, 0.625, 0.8125])
    # both regions earned 1200 company units (50 EUR x 2.0) and both reps can earn as much:
    # 1100 (1000 + 10%) split 550 / 550, flat seasons: 110000 cents over 24 months, 4583 each
    # and one more for the first 8; b's 4583 cents are 22.92 EUR (worth 45.84): 12 cents too
    # many, taken from the largest USD cell (January's)
    a = plan.targets[plan.targets["region"] == "a"]["target"].tolist()
    b = plan.targets[plan.targets["region"] == "b"]["target"].tolist()
    assert a == [45.72] + [45.84] * 7 + [45.83] * 4
    assert b == [22.92] * 12
    assert pl.company_total(plan.targets, rates) == Decimal("1100.00")
    by_region = plan.views.round(6).to_dict("index")
    assert by_region["a"]["top_down"] == pytest.approx(500.0)
    assert by_region["a"]["bottom_up"] == pytest.approx(1200.0)
    assert by_region["a"]["target"] == pytest.approx(550.0)
