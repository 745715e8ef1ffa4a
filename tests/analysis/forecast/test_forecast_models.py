"""Simple forecasting methods and accuracy measures against figures worked out by hand."""

import numpy as np
import pytest

from reportlib.analysis import forecast as fc


def test_simple_methods():
    history = np.array([1.0, 2, 3, 4, 5, 6, 7, 8])
    # season 4: the last four values repeat
    assert fc.seasonal_naive_forecast(history, 6, season=4).tolist() == [5, 6, 7, 8, 5, 6]
    # slope (16 − 10) ÷ (3 − 1) = 3
    assert fc.drift_forecast(np.array([10.0, 12, 16]), 2).tolist() == [19, 22]
    assert fc.naive_forecast(np.array([10.0, 12, 16]), 2).tolist() == [16, 16]
    assert fc.mean_forecast(np.array([10.0, 12, 17]), 2).tolist() == [13, 13]
    assert fc.drift_forecast(np.array([7.0]), 2).tolist() == [7, 7]  # one value: no slope


def test_accuracy_measures():
    actual = [100.0, 200.0, 0.0, 100.0]
    forecast = [110.0, 180.0, 10.0, 120.0]
    # e = A − F = −10, 20, −10, −20
    training = [10.0, 20.0, 14.0, 26.0]  # season 2: |14 − 10|, |26 − 20| → scale 5
    m = fc.accuracy(actual, forecast, training, season=2)
    assert m["n"] == 4
    assert m["mae"] == pytest.approx(15.0)  # 60 ÷ 4
    assert m["rmse"] == pytest.approx(np.sqrt(250.0))  # (100 + 400 + 100 + 400) ÷ 4
    assert m["mape"] == pytest.approx(0.4 / 3)  # 0.1, 0.1, 0.2 over the three nonzero months
    assert m["wape"] == pytest.approx(0.15)  # 60 ÷ 400
    assert m["bias"] == pytest.approx(0.05)  # (10 − 20 + 10 + 20) ÷ 400
    assert m["mase"] == pytest.approx(3.0)  # 15 ÷ 5


def test_accuracy_edge_cases():
    zeros = fc.accuracy([0.0, 0.0], [1.0, 2.0], [5.0, 5.0, 5.0])
    assert zeros["mae"] == pytest.approx(1.5)
    assert zeros["mape"] is None and zeros["wape"] is None and zeros["bias"] is None
    # training no longer than a season: scaled by the naïve method, |5 − 5| = 0 → no MASE
    assert zeros["mase"] is None
    short = fc.accuracy([10.0], [8.0], [1.0, 4.0, 6.0])  # naïve scale (3 + 2) ÷ 2 = 2.5
    assert short["mase"] == pytest.approx(2 / 2.5)
    empty = fc.accuracy([], [])
    assert empty["n"] == 0 and empty["mae"] is None and empty["wape"] is None


def test_floor_at_zero_only_for_a_series_never_below_zero():
    values = np.array([[-5.0, 0.0, 7.0], [np.nan, -0.1, 3.0]])
    floored = fc.floor_at_zero(values, np.array([0.0, 4.0, 9.0]))
    np.testing.assert_array_equal(floored, [[0.0, 0.0, 7.0], [np.nan, 0.0, 3.0]])
    assert values[0, 0] == -5.0  # a new array: the input is not changed
    # a month of net returns in the history: nothing is floored
    np.testing.assert_array_equal(fc.floor_at_zero(values, np.array([3.0, -1.0])), values)
    np.testing.assert_array_equal(fc.floor_at_zero(values, np.array([])), values)
