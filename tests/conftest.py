"""Shared fixtures: a small sample data set and a site published from it (built once)."""

import json
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from filelock import FileLock

from reportlib.cli import main
from reportlib.config import load_params
from reportlib.run import kernels
from reportlib.run.executors import shared_workers
from reportlib.run.forecasts import FORECASTS_DIR

ROOT = Path(__file__).resolve().parents[1]


PLANTED = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
"""Markup planted in latam's rep and campaign names: it must show as text and never run."""


def built_once(tmp_path_factory, name: str, build: Callable[[Path], None]) -> Path:
    """A session folder that the first test process to ask builds; the others reuse it.

    ``make test`` runs the suite in several processes (pytest-xdist); a costly session fixture
    would otherwise be built once in each. The processes share the parent of their base
    temporary folders, and a file lock makes the others wait while one builds.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    folder, done = root / name, root / f"{name}.done"
    with FileLock(str(root / f"{name}.lock")):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            build(folder)
            done.touch()
    return folder


def _write_small_data(out: Path) -> None:
    import pandas as pd

    assert main(["-q", "sample-data", "--out", str(out), "--orders", "4000", "--seed", "11"]) == 0
    for table, column in (("reps", "rep_name"), ("campaigns", "campaign_name")):
        frame = pd.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False)
        latam = frame["region"] == "latam"
        frame.loc[latam, column] = [f"{PLANTED} {i}" for i in range(int(latam.sum()))]
        frame.to_csv(out / f"{table}.csv", index=False)


@pytest.fixture(scope="session")
def small_data(tmp_path_factory) -> Path:
    """Sample data with 4,000 order lines (seed 11), as CSV files (built once per test run).

    Latam's rep and campaign names hold :data:`PLANTED`, so that every test of the published
    site also checks escaping.
    """
    return built_once(tmp_path_factory, "small-data", _write_small_data)


@pytest.fixture(autouse=True)
def _written_in_english():
    """Each test starts in English and leaves English active (``open_report`` activates the
    language of the report it opens for the whole process)."""
    from reportlib import i18n

    i18n.activate(i18n.SOURCE_LANGUAGE)
    yield
    i18n.activate(i18n.SOURCE_LANGUAGE)


@pytest.fixture(scope="session")
def sample_company(tmp_path_factory):
    """The sample company's tables as ``reportlib.sample.generate()`` makes them by default.

    Generated once per test run (about 8 s) and pickled; the other test processes read the
    pickle (a fraction of a second). Analyses never change their inputs, so every module's
    planted-fact tests share them.
    """
    import pickle

    from reportlib import sample

    def generate(folder: Path) -> None:
        (folder / "tables.pickle").write_bytes(pickle.dumps(sample.generate()))

    folder = built_once(tmp_path_factory, "sample-company", generate)
    return pickle.loads((folder / "tables.pickle").read_bytes())


SECRETS = {
    "REPORTLIB_DB_URL": "postgresql://reports:planted-db-password-7f3a@db.internal:5432/sales",
    "CRM_API_TOKEN": "planted-crm-token-91c2e4d0",
}
"""Credentials in the environment of every run of the suite, as a deployment would hold them."""


@pytest.fixture(scope="session")
def planted_secrets() -> dict[str, str]:
    """:data:`SECRETS`: environment variables of every run of the suite."""
    return dict(SECRETS)


@pytest.fixture(scope="session", autouse=True)
def _runs_share_workers():
    """The runs of a test process reuse their render workers (``executors.shared_workers``),
    and the environment holds :data:`SECRETS` for all of them.

    A run's workers spend seconds importing and forking their first kernel; the suite makes
    some twenty runs. What a run's own workers do (that they end with it, even when it is
    killed) is checked on runs in a process of their own (test_pipeline's killed run) and on
    pools of their own (test_executors). Every worker and kernel starts with the secrets in
    its environment, as a deployment's would: none may reach an output (test_outputs).
    """
    with pytest.MonkeyPatch.context() as env, shared_workers():
        for name, value in SECRETS.items():
            env.setenv(name, value)
        yield


LATAM_SEPTEMBER_FORECAST = {
    "region": "latam",
    "made_in": "2026-09",
    "currency": "BRL",
    "model": "drift",
    "rows": [
        {
            "month": "2026-10",
            "forecast": 1234567.0,
            "lo80": 1000000.0,
            "hi80": 1500000.0,
            "lo95": 900000.0,
            "hi95": 1600000.0,
        }
    ],
}
"""The forecast latam's report stored in September, in the ``published`` output folder."""


@pytest.fixture(scope="session")
def published(small_data, tmp_path_factory) -> Path:
    """The output folder of a run over ``small_data`` for latam and the company.

    The folder holds :data:`LATAM_SEPTEMBER_FORECAST` before the run, as a September run would
    have stored it, so that latam's report scores last month's forecast.

    The run's environment holds :data:`SECRETS` (as every run's of the suite), so that tests can
    check none reaches an output.
    Built once per test run, whatever the number of test processes.
    """

    def publish(out: Path) -> None:
        last_month = out / FORECASTS_DIR / "latam" / "2026-09.json"
        last_month.parent.mkdir(parents=True)
        last_month.write_text(json.dumps(LATAM_SEPTEMBER_FORECAST), encoding="utf-8")
        args = ["-q", "run", "--data", str(small_data), "--out", str(out)]
        assert os.environ.items() >= SECRETS.items()  # as every run's (_runs_share_workers)
        assert main([*args, "--region", "latam", "--region", "all", "--jobs", "1"]) == 0

    return built_once(tmp_path_factory, "published", publish)


@pytest.fixture(scope="session")
def retail_published(tmp_path_factory) -> Path:
    """The output folder of runs over the retail sample profile (seed 7): every report of
    October 2026, and EMEA's of March 2026.

    Order lines and targets only, one channel, customers buying across regions, re-listed
    products, a first-quarter dip in EMEA, a negative margin in Latin America's last month
    (``reportlib.sample_retail.PLANTED_FACTS``). Latin America's report is written in Spanish
    (``params/`` copied to ``<out>/params`` with ``language: es``). Built once per test run.
    """

    def publish(out: Path) -> None:
        data, params = out / "data", out / "params"
        assert main(["-q", "sample-data", "--profile", "retail", "--out", str(data)]) == 0
        shutil.copytree(ROOT / "params", params)
        latam = params / "regions" / "latam.yaml"
        latam.write_text(
            latam.read_text(encoding="utf-8").replace("language: pt-BR", "language: es"),
            encoding="utf-8",
        )
        assert "language: es" in latam.read_text(encoding="utf-8")
        args = ["-q", "run", "--data", str(data), "--out", str(out), "--jobs", "1"]
        args += ["--params", str(params)]
        assert main(args) == 0
        # March, when EMEA's yearly first-quarter dip has just happened
        assert main([*args, "--period", "2026-03", "--region", "emea"]) == 0

    return built_once(tmp_path_factory, "retail-published", publish)


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


LONGEST_FIRST = (
    "test_cli.py",  # builds ``published`` first thing, while the other process runs ...
    "test_pipeline.py",  # ... the longest file that does not need it
    "test_retail_profile.py",
    "test_retailer.py",
    "test_one_member_sections.py",
    "test_browser.py",
    "test_notebooks.py",
    "test_not_delivered.py",
    "test_executors.py",  # the Dask cluster's tests, a whole run among them
    "test_corpus.py",
    "test_properties.py",
)
"""Test files with the longest end-to-end runs, started first by ``make test``'s processes.

``make test`` hands out whole files in this order (``--no-loadscope-reorder``: pytest-xdist
would otherwise hand out the files with the most tests first, and the longest runs, few tests
each, would be left to the end, one process running while the other waits).
"""


def pytest_collection_modifyitems(config, items):
    """Put the longest test files first, each file's tests in their own order.

    ``make test`` hands whole files to its test processes in collection order; starting the
    longest first leaves short files to even out the end instead of one long file running alone.
    """
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


NBVAL_KERNEL = "reportlib-forked"
"""The kernelspec ``make test`` names to nbval (``--nbval-kernel-name``): this interpreter's
ipykernel, each notebook's kernel forked from a forkserver that imported pandas, matplotlib,
statsmodels and reportlib once per test process (:class:`reportlib.run.kernels.
ForkedKernelProvisioner`, registered under this name by pyproject.toml). A fresh kernel per
notebook, as before, at a fraction of the start. It exists only while the suite runs, in a
folder of its own put first on ``JUPYTER_PATH``: JupyterLab's ``reportlib`` kernel is untouched.
"""


@pytest.fixture(scope="session")
def kernel_name(pytestconfig) -> str:
    """The kernel for tests that execute section notebooks with papermill: :data:`NBVAL_KERNEL`
    (forked, quick to start) when ``make test`` wrote it, else the plain Python kernel."""
    if getattr(pytestconfig.option, "nbval_kernel_name", None) == NBVAL_KERNEL:
        return NBVAL_KERNEL
    return kernels.KERNEL_NAME


def pytest_configure(config):
    """Write the :data:`NBVAL_KERNEL` kernelspec when nbval is asked for it (in each process)."""
    if getattr(config.option, "nbval_kernel_name", None) != NBVAL_KERNEL:
        return
    folder = Path(tempfile.mkdtemp(prefix="reportlib-nbval-kernel-"))
    spec = folder / "kernels" / NBVAL_KERNEL / "kernel.json"
    spec.parent.mkdir(parents=True)
    spec.write_text(
        json.dumps(
            {
                "argv": [
                    sys.executable,
                    *kernels.LAUNCHER,
                    "-f",
                    "{connection_file}",
                    *kernels.KERNEL_ARGUMENTS,
                ],
                "display_name": "Python (reportlib, forked for the tests)",
                "language": "python",
                "metadata": {"kernel_provisioner": {"provisioner_name": NBVAL_KERNEL}},
            }
        )
    )
    before = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(folder), before]))

    def restore() -> None:
        if before is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = before
        shutil.rmtree(folder, ignore_errors=True)

    config.add_cleanup(restore)
