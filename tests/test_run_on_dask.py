"""A whole run rendering on a Dask cluster (its own file, so that a parallel test run can place it
apart from the long sequence of runs in test_pipeline.py)."""

import json

import pandas as pd

from reportlib.run.pipeline import RunOptions, run

PERIOD = "2026-10"


def test_reports_render_on_a_dask_cluster(small_data, tmp_path, tiny_report, dask_scheduler):
    good = tiny_report(tmp_path / "good")
    out = tmp_path / "out"
    options = RunOptions(
        data_dir=small_data,
        period=pd.Period(PERIOD, freq="M"),
        regions=("latam", "emea"),
        out_dir=out,
        jobs=2,
        notebooks_dir=good,
        progress=False,
        scheduler=dask_scheduler,
    )
    result = run(options)
    assert sorted(result.rendered) == ["emea", "latam"] and not result.failed
    for report in ("emea", "latam"):
        record = json.loads((out / "site" / PERIOD / f"{report}.kpis.json").read_text())
        assert record["region"] == report and record["revenue"] > 0
