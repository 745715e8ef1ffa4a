"""The sample company's headline figures, held as they were published before a refactoring.

``tests/fixtures/sample-kpis/<report>.json`` is each report's ``kpis.json`` of the sample
(``make reports``, October 2026, before the report became section notebooks and the package was
regrouped), without the run's ``status``. A change that moves code must leave every figure as it
was; a change that means to alter a figure updates the fixture in the same commit and says why.
"""

import json
from pathlib import Path

import pytest

from reportlib.config import SAMPLE_DATA_DIR
from reportlib.report import open_report

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "sample-kpis"
REPORTS = ("all", "apac", "emea", "latam", "na")


@pytest.fixture(scope="module")
def sample_dir() -> Path:
    folder = ROOT / SAMPLE_DATA_DIR
    if not (folder / "orders.csv").exists():
        pytest.skip("no sample data: `make sample-data` writes it (make test does)")
    return folder


@pytest.mark.parametrize("report", REPORTS)
def test_sample_kpis_are_the_published_ones(sample_dir, report):
    expected = json.loads((FIXTURES / f"{report}.json").read_text(encoding="utf-8"))
    ctx = open_report(report, "2026-10", sample_dir, ROOT / "params")
    record = ctx.kpi_record(ctx.kpis)
    assert sorted(record) == sorted(expected)
    for key, value in expected.items():
        if isinstance(value, float):
            assert record[key] == pytest.approx(value, rel=1e-9, abs=1e-9), key
        else:
            assert record[key] == value, key
