"""The landing's sentences: whole templates, capped probabilities, caveats where they apply."""

import numpy as np
import pandas as pd

from reportlib.analysis import forecast as fc
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
        "The fiscal quarter (October 2026 to December 2026) lands at $21,270,000.00 against a "
        "target of $16,350,000.00, with a probability of more than 95% of reaching it. This "
        "landing lies above the pipeline's best-case forecast of $17,080,000.00: it counts on "
        "revenue that no deal in the pipeline accounts for yet."
    )
    assert text(said["year"]) == (
        "The fiscal year (January 2026 to December 2026) lands at $65,360,000.00 against a "
        "target of $62,510,000.00, with a probability of 90% of reaching it."
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
        "pipeline's commit forecast of $4,180,000.00 (won so far plus the deals in Commit): the "
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
        "The fiscal quarter (October 2026 to December 2026) is fully invoiced: $327.00 against "
        "a target of $330.00."
    )
    assert text(said["year"]) == (
        "The fiscal year (January 2026 to December 2026) lands at $1,278.00, with no target to "
        "hold it against."
    )
    unsimulated = landings(
        {"landing": 333.0, "target": 330.0, "probability": np.nan},
        {"landing": 1278.0, "target": 1320.0, "probability": np.nan},
    )
    said = fc.landing_sentences(unsimulated, None, None, FMT)
    assert text(said["quarter"]).endswith(
        "against a target of $330.00; the forecast gives no probability of reaching it."
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
