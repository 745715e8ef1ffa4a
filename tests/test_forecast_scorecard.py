"""Keeping score of the revenue forecast: stored records, the history file, the scorecard.

The scorecard figures are worked out by hand from three stored forecasts (see ``RECORDS``).
"""

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reportlib.analysis import forecast as fc
from reportlib.errors import DataError
from reportlib.report import FORECAST_HISTORY_FILE, open_report, read_forecast_history

P = pd.Period
AUG, SEP, OCT = P("2026-08", "M"), P("2026-09", "M"), P("2026-10", "M")
ROOT = Path(__file__).resolve().parents[1]


def row(month, forecast, lo80, hi80, lo95, hi95):
    return {
        "month": month,
        "forecast": forecast,
        "lo80": lo80,
        "hi80": hi80,
        "lo95": lo95,
        "hi95": hi95,
    }


def record(made_in, rows, currency="BRL", model="drift", region="latam"):
    return {
        "region": region,
        "made_in": made_in,
        "currency": currency,
        "model": model,
        "rows": rows,
    }


# Three monthly runs, each forecasting the next two months. Only the one-step-ahead row of each
# is scored; the two-step-ahead rows (2026-09 from July, 2026-10 from August) are not, and the
# November forecast made in October lies after the reported month.
RECORDS = [
    record("2026-07", [row("2026-08", 100, 90, 110, 80, 120), row("2026-09", 105, 1, 2, 1, 2)]),
    record("2026-08", [row("2026-09", 120, 110, 130, 95, 145), row("2026-10", 999, 0, 1, 0, 1)]),
    record("2026-09", [row("2026-10", 90, 85, 95, 80, 100), row("2026-11", 95, 90, 99, 85, 105)]),
    record("2026-10", [row("2026-11", 500, 400, 600, 300, 700)]),
]
# July has an actual but no forecast made in June: it is absent from the scorecard.
ACTUAL = pd.Series(
    [95.0, 110.0, 100.0, 150.0],
    index=pd.period_range("2026-07", "2026-10", freq="M", name="month"),
    name="revenue",
)


@pytest.fixture
def history() -> pd.DataFrame:
    return fc.history_from_records(json.loads(json.dumps(RECORDS)), "latam")


# --- the scorecard -----------------------------------------------------------------------------


def test_scorecard_by_hand(history):
    card = fc.forecast_scorecard(history, ACTUAL, OCT, "BRL")
    assert list(card.index) == [AUG, SEP, OCT]
    assert list(card.columns) == list(fc.SCORECARD_COLUMNS)
    assert list(card["made_in"]) == [P("2026-07", "M"), AUG, SEP]
    assert list(card["forecast"]) == [100.0, 120.0, 90.0]
    assert list(card["actual"]) == [110.0, 100.0, 150.0]
    # error = forecast − actual: 100 − 110 = −10; 120 − 100 = 20; 90 − 150 = −60
    assert list(card["error"]) == [-10.0, 20.0, -60.0]
    # error % = error ÷ actual: −10 ÷ 110 = −0.0909…; 20 ÷ 100 = 0.2; −60 ÷ 150 = −0.4
    assert card["error_pct"].tolist() == pytest.approx([-1 / 11, 0.2, -0.4])
    # August: 90 ≤ 110 ≤ 110 (bounds count as inside); September: 100 < 110 but 95 ≤ 100 ≤ 145;
    # October: 150 > 95 and 150 > 100
    assert card["inside80"].tolist() == [True, False, False]
    assert card["inside95"].tolist() == [True, True, False]


def test_track_record_by_hand(history):
    track = fc.track_record(history, ACTUAL, OCT, "BRL")
    assert track.months == 3
    # WAPE = (|−10| + |20| + |−60|) ÷ (110 + 100 + 150) = 90 ÷ 360 = 0.25
    assert track.wape == pytest.approx(0.25)
    # bias = (−10 + 20 − 60) ÷ 360 = −50 ÷ 360
    assert track.bias == pytest.approx(-50 / 360)
    # inside 80%: August only, 1 of 3; inside 95%: August and September, 2 of 3
    assert track.inside80_share == pytest.approx(1 / 3)
    assert track.inside95_share == pytest.approx(2 / 3)
    assert track.last is not None
    assert track.last["made_in"] == SEP
    assert track.last["forecast"] == 90.0 and track.last["actual"] == 150.0
    assert fc.interval_verdict(track.last) == "outside the 95% prediction interval"
    assert track.note == ""


def test_an_earlier_reported_month_scores_only_up_to_it(history):
    track = fc.track_record(history, ACTUAL[ACTUAL.index <= SEP], SEP, "BRL")
    assert list(track.table.index) == [AUG, SEP]
    assert track.last is not None and track.last["forecast"] == 120.0
    # WAPE = (10 + 20) ÷ (110 + 100) = 30 ÷ 210
    assert track.wape == pytest.approx(30 / 210)
    assert fc.interval_verdict(track.last) == (
        "outside the 80% but inside the 95% prediction interval"
    )


def test_no_forecast_for_the_reported_month(history):
    # the September run's record is missing: October is not scored, the others are
    without = history[history["made_in"] != SEP]
    track = fc.track_record(without, ACTUAL, OCT, "BRL")
    assert list(track.table.index) == [AUG, SEP]
    assert track.last is None


def test_month_without_actual_is_absent(history):
    actual = ACTUAL.drop(SEP)
    card = fc.forecast_scorecard(history, actual, OCT)
    assert list(card.index) == [AUG, OCT]


def test_forecast_without_intervals_and_actual_zero():
    records = [
        record("2026-09", [row("2026-10", 40.0, None, None, None, None)], model="mean"),
    ]
    history = fc.history_from_records(records)
    actual = pd.Series([0.0], index=pd.PeriodIndex([OCT], name="month"))
    track = fc.track_record(history, actual, OCT, "BRL")
    assert track.last is not None
    assert track.last["error"] == 40.0  # 40 − 0
    assert pd.isna(track.last["error_pct"])  # no percentage of an actual of 0
    assert pd.isna(track.last["inside80"]) and pd.isna(track.last["inside95"])
    assert track.inside80_share is None and track.inside95_share is None
    assert track.wape is None  # Σ|actual| = 0
    assert fc.interval_verdict(track.last) == "the forecast had no prediction interval"


def test_inside_the_80_percent_interval():
    history = fc.history_from_records([record("2026-09", [row("2026-10", 100, 90, 110, 80, 120)])])
    actual = pd.Series([103.2], index=pd.PeriodIndex([OCT], name="month"))
    track = fc.track_record(history, actual, OCT, "BRL")
    # error % = (100 − 103.2) ÷ 103.2
    assert track.last["error_pct"] == pytest.approx(-3.2 / 103.2)
    assert fc.interval_verdict(track.last) == "inside the 80% prediction interval"
    assert track.inside80_share == 1.0


def test_stored_bounds_below_zero_are_shown_at_zero_for_revenue_never_below_zero():
    # a forecast stored before the floor: 80% interval −50 to 90, 95% −120 to 130, point −5
    history = fc.history_from_records([record("2026-09", [row("2026-10", -5, -50, 90, -120, 130)])])
    actual = pd.Series([10.0, 30.0], index=pd.period_range("2026-09", "2026-10", freq="M"))
    last = fc.track_record(history, actual, OCT, "BRL").last
    assert (last["lo80"], last["hi80"], last["lo95"], last["hi95"]) == (0.0, 90.0, 0.0, 130.0)
    # the point is scored as it was made: −5 − 30 = −35; 30 lies inside both intervals
    assert last["forecast"] == -5.0 and last["error"] == -35.0
    assert fc.interval_verdict(last) == "inside the 80% prediction interval"
    # a month of net returns: the stored bounds stay as they were
    returns = pd.Series([-10.0, 30.0], index=actual.index)
    assert fc.track_record(history, returns, OCT, "BRL").last["lo80"] == -50.0


def test_currency_mismatch_is_not_compared(history):
    # the August and September runs forecast in USD: only August's own month stays comparable
    mixed = history.assign(
        currency=np.where(history["made_in"].isin([AUG, SEP]), "USD", history["currency"])
    )
    track = fc.track_record(mixed, ACTUAL, OCT, "BRL")
    assert list(track.table.index) == [AUG]
    assert track.last is None
    assert track.note == (
        "the forecasts made in 2026-08, 2026-09 are in USD, not in BRL, so they are not compared"
    )
    # WAPE over August alone: 10 ÷ 110
    assert track.wape == pytest.approx(10 / 110)


def test_empty_history():
    track = fc.track_record(fc.empty_history(), ACTUAL, OCT, "BRL")
    assert track.table.empty and list(track.table.columns) == list(fc.SCORECARD_COLUMNS)
    assert track.last is None and track.months == 0
    assert track.wape is None and track.bias is None and track.inside80_share is None
    assert track.note == ""


def test_history_is_not_modified(history):
    before = history.copy()
    fc.track_record(history, ACTUAL, OCT, "BRL")
    pd.testing.assert_frame_equal(history, before)


# --- headline figures --------------------------------------------------------------------------


def orders_of(revenue: dict[str, float]) -> pd.DataFrame:
    months = pd.PeriodIndex(list(revenue), freq="M")
    return pd.DataFrame(
        {
            "order_id": [f"O{i}" for i in range(len(months))],
            "customer_id": "C1",
            "order_date": months.to_timestamp() + pd.Timedelta(days=9),
            "net_revenue": list(revenue.values()),
            "cost": 1.0,
        }
    )


def test_forecast_kpis_last_forecast(history):
    orders = orders_of({"2026-08": 110.0, "2026-09": 100.0, "2026-10": 150.0})
    k = fc.forecast_kpis(orders, None, None, OCT, history=history, currency="BRL")
    # made in September for October: 90; error % = (90 − 150) ÷ 150 = −0.4
    assert k["last_forecast"] == 90.0
    assert k["last_forecast_error_pct"] == pytest.approx(-0.4)
    other = fc.forecast_kpis(orders, None, None, OCT, history=history, currency="USD")
    assert other["last_forecast"] is None and other["last_forecast_error_pct"] is None
    bare = fc.forecast_kpis(orders, None, None, OCT)
    assert bare["last_forecast"] is None and bare["last_forecast_error_pct"] is None


def test_forecast_kpis_actual_zero_has_no_error_pct(history):
    orders = orders_of({"2026-08": 110.0, "2026-09": 100.0, "2026-10": 0.0})
    k = fc.forecast_kpis(orders, None, None, OCT, history=history, currency="BRL")
    assert k["last_forecast"] == 90.0 and k["last_forecast_error_pct"] is None


# --- the record and its round trip -------------------------------------------------------------


def pattern(end: str = "2026-10") -> pd.Series:
    """20 months of 1,000 × (100 + month number): seasonal naïve forecasts it exactly."""
    index = pd.period_range(end=end, periods=20, freq="M", name="month")
    return pd.Series(1000.0 * (100 + index.month), index=index, name="revenue")


def test_record_round_trip():
    forecast = fc.forecast_revenue(pattern())
    rec = fc.forecast_record(forecast, region="latam", made_in=OCT, currency="BRL")
    assert rec["region"] == "latam" and rec["made_in"] == "2026-10"
    assert rec["currency"] == "BRL" and rec["model"] == "seasonal_naive"
    assert len(rec["rows"]) == fc.HORIZON
    # November forecast = November a year earlier = 1,000 × (100 + 11)
    assert rec["rows"][0]["month"] == "2026-11" and rec["rows"][0]["forecast"] == 111_000.0
    text = json.dumps([rec], allow_nan=False)  # strict JSON: no NaN
    history = fc.history_from_records(json.loads(text), "latam")
    assert list(history.columns) == list(fc.HISTORY_COLUMNS)
    assert (history["made_in"] == OCT).all()
    assert list(history["month"]) == list(forecast.forecast.index)
    assert (history["model"] == "seasonal_naive").all() and (history["currency"] == "BRL").all()
    for column in fc.RECORD_VALUES:
        np.testing.assert_array_equal(history[column], forecast.forecast[column])


def test_record_of_a_forecast_without_intervals_holds_nulls():
    two_months = pattern().iloc[-2:]  # too short for a backtest: the average month, no intervals
    forecast = fc.forecast_revenue(two_months)
    rec = fc.forecast_record(forecast, region="na", made_in=OCT, currency="USD")
    assert rec["model"] == "mean"
    # the average of September (109,000) and October (110,000)
    assert rec["rows"][0]["forecast"] == 109_500.0
    assert rec["rows"][0]["lo80"] is None and rec["rows"][0]["hi95"] is None
    history = fc.history_from_records(json.loads(json.dumps([rec])))
    assert history["lo80"].isna().all() and (history["forecast"] == 109_500.0).all()


def test_record_of_an_empty_forecast():
    forecast = fc.forecast_revenue(
        pd.Series([], dtype="float64", index=pd.PeriodIndex([], freq="M"))
    )
    rec = fc.forecast_record(forecast, region="na", made_in=OCT, currency="USD")
    assert rec["model"] is None and rec["rows"] == []
    assert fc.history_from_records(json.loads(json.dumps([rec]))).empty


def test_record_must_be_made_in_the_last_month_of_its_history():
    forecast = fc.forecast_revenue(pattern())
    with pytest.raises(ValueError, match="ends in 2026-10, not in 2026-09"):
        fc.forecast_record(forecast, region="latam", made_in=SEP, currency="BRL")


def test_history_is_ordered_by_made_in_then_month():
    newest_first = list(reversed(RECORDS))
    history = fc.history_from_records(newest_first)
    assert list(zip(history["made_in"].astype(str), history["month"].astype(str), strict=True)) == [
        ("2026-07", "2026-08"),
        ("2026-07", "2026-09"),
        ("2026-08", "2026-09"),
        ("2026-08", "2026-10"),
        ("2026-09", "2026-10"),
        ("2026-09", "2026-11"),
        ("2026-10", "2026-11"),
    ]


# --- malformed histories -----------------------------------------------------------------------


def good() -> dict:
    return record("2026-09", [row("2026-10", 90, 85, 95, 80, 100)])


def with_row(**changes) -> list:
    rec = good()
    rec["rows"][0].update(changes)
    return [rec]


def without(key: str) -> list:
    rec = good()
    del rec[key]
    return [rec]


MALFORMED = {
    "not a list": ({"made_in": "2026-09"}, "the history is dict, expected a list of records"),
    "record not an object": ([42], "record 0 is int, expected an object"),
    "no made_in": (without("made_in"), "record 0 has no 'made_in'"),
    "no rows": (without("rows"), "record 0 (made in 2026-09) has no 'rows'"),
    "bad made_in": (
        [{**good(), "made_in": "2026-13"}],
        "record 0.made_in is '2026-13', expected a month written YYYY-MM",
    ),
    "other region": (
        [{**good(), "region": "emea"}],
        "record 0 (made in 2026-09) is a forecast of region 'emea', not of 'latam'",
    ),
    "currency missing": (
        [{**good(), "currency": None}],
        "record 0 (made in 2026-09).currency is None, expected a text",
    ),
    "rows not a list": (
        [{**good(), "rows": {}}],
        "record 0 (made in 2026-09).rows is dict, expected a list",
    ),
    "figure as text": (
        with_row(lo80="85"),
        "record 0 (made in 2026-09).rows[0].lo80 is '85', expected a number or null",
    ),
    "figure as boolean": (
        with_row(forecast=True),
        "record 0 (made in 2026-09).rows[0].forecast is True, expected a number or null",
    ),
    "missing figure": (
        [{**good(), "rows": [{"month": "2026-10", "forecast": 90}]}],
        "record 0 (made in 2026-09).rows[0] has no 'lo80'",
    ),
    "month not after made_in": (
        with_row(month="2026-09"),
        "record 0 (made in 2026-09).rows[0].month is 2026-09, expected a month after 2026-09",
    ),
    "month twice": (
        [{**good(), "rows": good()["rows"] * 2}],
        "record 0 (made in 2026-09).rows[1].month 2026-10 appears twice in the record",
    ),
    "two records of one month": ([good(), good()], "records 0 and 1 were both made in 2026-09"),
}


@pytest.mark.parametrize("records, message", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_records(records, message):
    with pytest.raises(ValueError) as caught:
        fc.history_from_records(records, "latam")
    assert str(caught.value) == message


def test_malformed_history_file_raises_data_error_naming_the_file(tmp_path):
    path = tmp_path / FORECAST_HISTORY_FILE
    path.write_text(json.dumps(with_row(hi80="lots")), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_forecast_history(tmp_path, "latam", OCT)
    assert caught.value.message == (
        f"{path}: not a forecast history: record 0 (made in 2026-09).rows[0].hi80 is 'lots', "
        "expected a number or null"
    )
    assert caught.value.hint and "reportlib run" in caught.value.hint


@pytest.mark.parametrize(
    "content, message",
    [
        ("[{", "Expecting property name enclosed in double quotes"),
        ("", "Expecting value"),
        (b"\xff\xfe[", "codec can't decode"),
    ],
    ids=["truncated", "empty", "not utf-8"],
)
def test_history_file_that_is_not_json(tmp_path, content, message):
    path = tmp_path / FORECAST_HISTORY_FILE
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match="not a forecast history") as caught:
        read_forecast_history(tmp_path, "latam", OCT)
    assert str(path) in caught.value.message and message in caught.value.message


def test_history_file_keeps_only_forecasts_made_before_the_period(tmp_path):
    (tmp_path / FORECAST_HISTORY_FILE).write_text(json.dumps(RECORDS), encoding="utf-8")
    history = read_forecast_history(tmp_path, "latam", OCT)
    assert sorted(set(history["made_in"].astype(str))) == ["2026-07", "2026-08", "2026-09"]
    assert read_forecast_history(tmp_path / "nowhere", "latam", OCT).empty


# --- what a notebook opens ----------------------------------------------------------------------


def test_open_report_exposes_the_history(small_data, tmp_path):
    data = tmp_path / "extract"
    shutil.copytree(small_data, data)
    bare = open_report("latam", "2026-10", data, ROOT / "params")
    assert bare.forecast_history.empty
    assert list(bare.forecast_history.columns) == list(fc.HISTORY_COLUMNS)
    assert str(bare.forecast_history["made_in"].dtype) == "period[M]"

    (data / FORECAST_HISTORY_FILE).write_text(json.dumps(RECORDS[:3]), encoding="utf-8")
    ctx = open_report("latam", "2026-10", data, ROOT / "params")
    assert len(ctx.forecast_history) == 6  # two rows in each of three records
    assert str(ctx.forecast_history["month"].dtype) == "period[M]"
    assert ctx.forecast_history["forecast"].tolist() == [100, 105, 120, 999, 90, 95]

    (data / FORECAST_HISTORY_FILE).write_text(json.dumps([record("2026-09", [], region="na")]))
    with pytest.raises(DataError, match="is a forecast of region 'na', not of 'latam'"):
        open_report("latam", "2026-10", data, ROOT / "params")
