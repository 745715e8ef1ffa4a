"""Shared fixtures: a small sample data set and a site published from it (built once)."""

import logging
import os
from pathlib import Path

import nbformat
import pytest

from reportlib.cli import main
from reportlib.config import load_params

ROOT = Path(__file__).resolve().parents[1]


PLANTED = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
"""Markup planted in latam's rep and campaign names: it must show as text and never run."""


@pytest.fixture(scope="session")
def small_data(tmp_path_factory) -> Path:
    """Sample data with 4,000 order lines (seed 11), as CSV files.

    Latam's rep and campaign names hold :data:`PLANTED`, so that every test of the published
    site also checks escaping.
    """
    import pandas as pd

    out = tmp_path_factory.mktemp("data")
    assert main(["-q", "sample-data", "--out", str(out), "--orders", "4000", "--seed", "11"]) == 0
    for table, column in (("reps", "rep_name"), ("campaigns", "campaign_name")):
        frame = pd.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False)
        latam = frame["region"] == "latam"
        frame.loc[latam, column] = [f"{PLANTED} {i}" for i in range(int(latam.sum()))]
        frame.to_csv(out / f"{table}.csv", index=False)
    return out


SECRETS = {
    "REPORTLIB_DB_URL": "postgresql://reports:planted-db-password-7f3a@db.internal:5432/sales",
    "CRM_API_TOKEN": "planted-crm-token-91c2e4d0",
}
"""Credentials in the environment of the ``published`` run, as a deployment would hold them."""


@pytest.fixture(scope="session")
def planted_secrets() -> dict[str, str]:
    """:data:`SECRETS`: environment variables of the ``published`` run."""
    return dict(SECRETS)


@pytest.fixture(scope="session")
def published(small_data, tmp_path_factory) -> Path:
    """The output folder of a run over ``small_data`` for latam and the company.

    The run's environment holds :data:`SECRETS`, so that tests can check none reaches an output.
    """
    out = tmp_path_factory.mktemp("outputs")
    args = ["-q", "run", "--data", str(small_data), "--out", str(out)]
    saved = {name: os.environ.get(name) for name in SECRETS}
    os.environ.update(SECRETS)
    try:
        assert main([*args, "--region", "latam", "--region", "all", "--jobs", "2"]) == 0
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return out


TINY_REPORT = """
from types import SimpleNamespace

from IPython.display import display
from reportlib.report import open_report

ctx = open_report(region=region, period=period, data_dir=data_dir, params_dir=params_dir)
if region == fail_region:
    raise RuntimeError(f"planted failure in {region}")
orders = ctx.tables.orders
display({"application/vnd.reportlib.analysis.kpis+json": ctx.kpi_record({
    "revenue": float(orders["net_revenue"].sum()),
    "orders": int(orders["order_id"].nunique()),
    "customers": int(orders["customer_id"].nunique()),
})}, raw=True)
display({"application/vnd.reportlib.forecast+json": {
    "region": region, "made_in": period, "currency": ctx.region.currency, "model": "snaive",
    "rows": [{"month": str(ctx.period + 1), "forecast": 100.0, "lo80": 90.0, "hi80": 110.0,
              "lo95": 80.0, "hi95": 120.0}],
}}, raw=True)
"""
"""A report in one cell: the KPI and forecast records a run needs, in a few seconds.

The two mimetypes of reportlib.present are written out so that the kernel skips its imports.
"""


def write_tiny_report(folder: Path, fail_region: str = "") -> Path:
    """Write a notebooks folder whose report is :data:`TINY_REPORT`, raising for ``fail_region``.

    The first section the project's ``params/`` lists holds the parameters cell and, as its
    opening cell, the tiny report; every other listed section is an empty notebook.
    """
    folder.mkdir(parents=True, exist_ok=True)
    first, *others = load_params(ROOT / "params").defaults.sections
    parameters = nbformat.v4.new_code_cell(
        'region = "all"\nperiod = ""\ndata_dir = ""\nparams_dir = ""\n'
        f"fail_region = {fail_region!r}"
    )
    parameters.metadata["tags"] = ["parameters"]
    opening = nbformat.v4.new_code_cell(TINY_REPORT, metadata={"tags": ["opening"]})
    nb = nbformat.v4.new_notebook(cells=[parameters, opening])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, folder / f"{first}.ipynb")
    for name in others:
        nbformat.write(nbformat.v4.new_notebook(metadata=nb.metadata), folder / f"{name}.ipynb")
    return folder


@pytest.fixture(scope="session")
def tiny_report():
    """:func:`write_tiny_report`, for runs that test the pipeline rather than the report."""
    return write_tiny_report


@pytest.fixture(scope="session")
def dask_scheduler():
    """A one-worker Dask cluster in local processes; no dashboard.

    The scheduler still serves its health routes over HTTP: on a free loopback port rather
    than the default 8787.
    """
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=1,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster.scheduler_address
