"""Shared fixtures: a small sample data set and a site published from it (built once)."""

from pathlib import Path

import pytest

from reportlib.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def small_data(tmp_path_factory) -> Path:
    """Sample data with 4,000 order lines (seed 11), as CSV files."""
    out = tmp_path_factory.mktemp("data")
    assert main(["-q", "sample-data", "--out", str(out), "--orders", "4000", "--seed", "11"]) == 0
    return out


@pytest.fixture(scope="session")
def published(small_data, tmp_path_factory) -> Path:
    """The output folder of a run over ``small_data`` for latam and the company."""
    out = tmp_path_factory.mktemp("outputs")
    args = ["-q", "run", "--data", str(small_data), "--out", str(out)]
    assert main([*args, "--region", "latam", "--region", "all", "--jobs", "2"]) == 0
    return out
