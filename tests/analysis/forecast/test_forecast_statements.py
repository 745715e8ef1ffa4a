"""The landing's sentences: whole templates, capped probabilities, caveats where they apply."""

import numpy as np
import pandas as pd

from reportlib.analysis import forecast as fc
from reportlib.analysis.forecast import statements
from reportlib.formatting import Formatter

P = pd.Period
FMT = Formatter("en_US", "USD")


def landings(quarter: dict, year: dict) -> pd.DataFrame:
    """Two rows of ``landing``, October 2026 reported, fiscal year from January."""
    base = {"start": P("2026-10", "M"), "end": P("2026-12", "M"), "months_left": 2}
    rows = {
        "quarter": {**base, **quarter},
        "year": {**base, "start": P("2026-01", "M"), **year},
    }
    return pd.DataFrame.from_dict(rows, orient="index")


def text(sentence: fc.Sentence) -> str:
    return sentence.template.format(**sentence.values)


def test_the_issues_99_percent_quarter_above_best_case_from_a_model_19_percent_off():
    # the quarter lands at $21.27M against $16.35M on 98.9% of the paths, above the pipeline's
    # best case of $17.08M; the year at $65.36M against $62.51M on 89.75%; backtest WAPE 19%
    frame = landings(
        {"landing": 21_270_000.0, "target": 16_350_000.0, "probability": 0.989},
        {"landing": 65_360_000.0, "target": 62_510_000.0, "probability": 0.8975},
    )
    pipeline = {"commit_forecast": 10_400_000.0, "best_case_forecast": 17_080_000.0}
    said = fc.landing_sentences(frame, 0.19, pipeline, FMT)
    assert text(said["quarter"]) == (
        "The fiscal quarter (October 2026 to December 2026) lands at $21.3M against a target of "
        "$16.4M, with a probability of more than 95% of reaching it. This landing lies above the "
        "pipeline's best-case forecast of $17.1M: it counts on revenue that no deal in the "
        "pipeline accounts for yet."
    )
    assert text(said["year"]) == (
        "The fiscal year (January 2026 to December 2026) lands at $65.4M against a target of "
        "$62.5M, with a probability of 90% of reaching it."
    )
    assert text(said["backtest"]) == (
        "The model behind these landings missed by 19.0% of revenue in its backtest, more than "
        "the 10% beyond which this report warns: read the landings and their probabilities as a "
        "rough guide."
    )
    assert not any("99%" in text(s) for s in said.values())


def test_below_commit_near_zero_and_a_good_model():
    frame = landings(
        {"landing": 3_740_000.0, "target": 4_320_000.0, "probability": 0.012},
        {"landing": 15_880_000.0, "target": 16_430_000.0, "probability": 0.017},
    )
    pipeline = {"commit_forecast": 4_180_000.0, "best_case_forecast": 7_190_000.0}
    said = fc.landing_sentences(frame, 0.054, pipeline, FMT)
    assert text(said["quarter"]).endswith(
        "with a probability of less than 5% of reaching it. This landing lies below the "
        "pipeline's commit forecast of $4.2M (won so far plus the deals in Commit): the "
        "time series expects less than the deals committed."
    )
    assert text(said["year"]).endswith("with a probability of less than 5% of reaching it.")
    assert "backtest" not in said


def test_settled_untargeted_and_unsimulated_landings_have_no_missing_figures():
    frame = landings(
        {"landing": 327.0, "target": 330.0, "probability": 0.0, "months_left": 0},
        {"landing": 1278.0, "target": np.nan, "probability": np.nan},
    )
    said = fc.landing_sentences(frame, None, None, FMT)
    assert text(said["quarter"]) == (
        "The fiscal quarter (October 2026 to December 2026) is fully invoiced: $327 against a "
        "target of $330."
    )
    assert text(said["year"]) == (
        "The fiscal year (January 2026 to December 2026) lands at $1.3K, with no target to "
        "hold it against."
    )
    unsimulated = landings(
        {"landing": 333.0, "target": 330.0, "probability": np.nan},
        {"landing": 1278.0, "target": 1320.0, "probability": np.nan},
    )
    said = fc.landing_sentences(unsimulated, None, None, FMT)
    assert text(said["quarter"]).endswith(
        "against a target of $330; the forecast gives no probability of reaching it."
    )
    assert not any("n/a" in text(s) for s in said.values())


def test_stated_probability_text_for_tables():
    assert (
        fc.stated_probability_text(fc.LandingStatement("probability", "exact", 0.6725), FMT)
        == "67%"
    )
    assert (
        fc.stated_probability_text(fc.LandingStatement("probability", "above", 0.95), FMT)
        == "more than 95%"
    )
    assert fc.stated_probability_text(fc.LandingStatement("settled"), FMT) == "n/a"


# --- the pipeline and the track record: a missing figure leaves its clause out, never "n/a" ---


def _track(forecast: float, actual: float, bounds: tuple = (None,) * 4) -> fc.TrackRecord:
    """The track record of one forecast of October 2026 made in September."""
    lo80, hi80, lo95, hi95 = bounds
    row = {"month": "2026-10", "forecast": forecast, "lo80": lo80, "hi80": hi80}
    record = {
        "region": "latam",
        "made_in": "2026-09",
        "currency": "USD",
        "model": "drift",
        "rows": [{**row, "lo95": lo95, "hi95": hi95}],
    }
    history = fc.history_from_records([record])
    series = pd.Series([actual], index=pd.PeriodIndex([P("2026-10", "M")], name="month"))
    return fc.track_record(history, series, P("2026-10", "M"), "USD")


def test_last_forecast_against_an_actual_of_zero_has_no_error_percentage():
    # forecast 40, actual 0: error 40 has no percentage of the actual, no interval was stored;
    # the notebook wrote "(forecast error n/a of the actual)"
    track = _track(40.0, 0.0)
    said = statements.last_forecast_sentence(track.last, P("2026-10", "M"), FMT)
    assert text(said) == (
        "In September 2026 we forecast $40 for October 2026; the actual was $0, the "
        "forecast had no prediction interval."
    )
    # and the track record says what it can: one month, no WAPE of actuals summing to 0, no
    # interval shares (it wrote "missed by n/a of revenue (WAPE) with a bias of n/a; n/a ...")
    assert [text(s) for s in statements.track_record_sentences(track, FMT)] == [
        "Months scored so far: 1."
    ]


def test_last_forecast_and_track_record_with_every_figure():
    # forecast 100 (80%: 90-110, 95%: 80-120), actual 125: error = forecast − actual = −25,
    # −20.0% of the actual; outside both intervals. WAPE 25 / 125, bias −25 / 125
    track = _track(100.0, 125.0, (90.0, 110.0, 80.0, 120.0))
    said = statements.last_forecast_sentence(track.last, P("2026-10", "M"), FMT)
    assert text(said) == (
        "In September 2026 we forecast $100 for October 2026; the actual was $125 "
        "(forecast error −20.0% of the actual), outside the 95% prediction interval."
    )
    assert [text(s) for s in statements.track_record_sentences(track, FMT)] == [
        "Months scored so far: 1.",
        "Forecasting one month ahead, the stored forecasts missed by 20.0% of revenue (WAPE) "
        "with a bias of −20.0%.",
        "0% of the actuals fell inside their 80% prediction interval and 0% inside their 95% "
        "prediction interval.",
    ]


def test_pipeline_without_a_landing_leaves_the_time_series_out():
    pipeline = {
        "weighted_pipeline": 520.0,
        "closed_won_qtd": 100.0,
        "commit_forecast": 360.0,
        "best_case_forecast": 710.0,
    }
    said = statements.pipeline_sentences(pipeline, np.nan, FMT)
    assert [text(s) for s in said] == [
        "The pipeline puts the quarter between $360 (commit forecast: $100 won so far plus "
        "the deals in Commit) and $710 (best-case forecast).",
        "Weighted by stage probability, the deals closing in the rest of the quarter are worth "
        "$520.",
    ]
    said = statements.pipeline_sentences(pipeline, 655.0, FMT)
    assert text(said[0]).endswith("(best-case forecast), against the time series' $655.")
    # without deals the pipeline's figures are None: nothing to say
    assert statements.pipeline_sentences(dict.fromkeys(pipeline), 655.0, FMT) == []


def test_amounts_of_one_sentence_are_rounded_yet_never_read_alike():
    # issue #15: sentences carried cents ("lands at $18,222,551.34 against a target of
    # $17,996,953.00"); rounded to one decimal, $18.02M and $17.98M would both read "$18M"
    frame = landings(
        {"landing": 18_020_000.0, "target": 17_980_000.0, "probability": 0.55},
        {"landing": 65_399_112.81, "target": 68_699_535.0, "probability": 0.0},
    )
    said = fc.landing_sentences(frame, 0.05, None, FMT)
    assert "lands at $18.02M against a target of $17.98M" in text(said["quarter"])
    assert "lands at $65.4M against a target of $68.7M" in text(said["year"])
    brl = fc.landing_sentences(frame, 0.05, None, Formatter("pt_BR", "BRL"))
    assert "R$\xa065,4\xa0mi" in text(brl["year"])


def test_no_sentence_carries_a_missing_value_it_does_not_use():
    # present.say drops a sentence holding a missing value (n/a), used or not: the year's landing
    # once carried the pipeline's best case and commit, which only the quarter's caveats name,
    # and vanished from the page
    frame = landings(
        {"landing": 21_270_000.0, "target": 16_350_000.0, "probability": 0.989},
        {"landing": 65_360_000.0, "target": 62_510_000.0, "probability": 0.8975},
    )
    pipeline = {"commit_forecast": 10_400_000.0, "best_case_forecast": 17_080_000.0}
    for said in (
        fc.landing_sentences(frame, 0.19, pipeline, FMT),
        fc.landing_sentences(frame, 0.05, None, FMT),
    ):
        for name, sentence in said.items():
            assert "n/a" not in list(sentence.values.values()), name  # noqa: PD011
