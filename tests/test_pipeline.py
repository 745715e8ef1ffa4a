"""Runs as the scheduler sees them: incremental, isolated per report, published atomically.

These runs use a one-cell report notebook (the ``tiny_report`` fixture of conftest.py) so that each
takes a few seconds; the real notebook's runs are checked through the shared ``published`` fixture.
"""

import io
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, redirect_stderr
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from reportlib.cli import main
from reportlib.run import manifest as mf
from reportlib.run import pipeline, publish, render
from reportlib.run.forecasts import FORECASTS_DIR, forecast_history
from reportlib.run.pipeline import RunOptions, RunResult, run
from reportlib.run.read import write_quarantine
from reportlib.site import pdf

PERIOD = "2026-10"


def _options(data: Path, out: Path, notebooks: Path, **kw) -> RunOptions:
    values = {
        "data_dir": data,
        "period": pd.Period(PERIOD, freq="M"),
        "regions": ("latam", "emea"),
        "out_dir": out,
        "jobs": 1,  # one worker: the fewest processes to start; no test here needs two
        "notebooks_dir": notebooks,
        "progress": False,
        **kw,
    }
    return RunOptions(**values)


def _site_files(out: Path) -> dict[str, bytes]:
    site = out / "site"
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@dataclass
class Step:
    result: RunResult | None
    files: dict[str, bytes]
    link: str
    exit_code: int | None = None
    stderr: str = ""
    logged: tuple[tuple[str, str], ...] = ()
    """(level, message) of each record of ``reportlib.site.pdf`` during the step."""


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _descendants(pid: int) -> set[int]:
    """Every process started under ``pid``: workers, their forkservers and kernels."""
    found = _children(pid)
    for child in list(found):
        found |= _descendants(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if Path(f"/proc/{pid}").exists()}


def _written_since(folder: Path, since: float) -> bool:
    """Whether a file in ``folder`` was written after ``since`` (``time.time()``)."""
    return folder.is_dir() and any(p.stat().st_mtime > since for p in folder.iterdir())


def _kill_mid_run(data: Path, out: Path, notebooks: Path) -> tuple[int, set[int], set[int]]:
    """Start a forced run in a child process and SIGKILL it while a report's notebook runs.

    Returns:
        The exit status, the processes the run had started (workers, their forkservers and
        kernels), and those still alive 10 s after the kill.
    """
    command = [sys.executable, "-m", "reportlib", "-q", "run", "--data", str(data)]
    command += ["--out", str(out), "--period", PERIOD, "--force", "--notebooks", str(notebooks)]
    command += ["--region", "latam", "--region", "emea", "--jobs", "1"]  # a worker is enough
    executed = out / "work" / PERIOD / "executed"
    started = time.time()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while not _written_since(executed, started) and time.monotonic() < deadline:
            assert child.poll() is None, "the run ended before it could be killed"
            time.sleep(0.05)
        time.sleep(0.5)  # a kernel is running a report's notebook
        workers = _descendants(child.pid)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    deadline = time.monotonic() + 10
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    return child.returncode, workers, _alive(workers)


@contextmanager
def _records(name: str) -> Iterator[list[logging.LogRecord]]:
    """The records of logger ``name`` (INFO and above) while the block runs."""
    found: list[logging.LogRecord] = []
    handler = logging.Handler(logging.INFO)
    handler.emit = found.append
    logger = logging.getLogger(name)
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield found
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.fixture(scope="module")
def month(small_data, tmp_path_factory, tiny_report) -> dict[str, Step]:
    """One output folder through a sequence of runs, as a scheduler would drive it.

    1. ``first``: latam and emea rendered (latam's September forecast stored before).
    2. ``rerun``: nothing changed.
    3. ``emea_changed``: one emea customer renamed in the data.
    4. ``failed``: a notebook failing for latam (through the command line).
    5. ``killed``: a forced run killed with SIGKILL while rendering.
    6. ``forced``: ``--force`` after the kill, with the good notebook, asking for PDFs where no
       browser is found.
    """
    root = tmp_path_factory.mktemp("month")
    out = root / "out"
    good = tiny_report(root / "good")
    bad = tiny_report(root / "bad", fail_region="latam")
    steps: dict[str, Step] = {}

    def step(name: str, result: RunResult | None, **extra) -> None:
        steps[name] = Step(result, _site_files(out), os.readlink(out / "site"), **extra)

    # the forecast latam's September report stored, as the tiny report makes one
    september = {"region": "latam", "made_in": "2026-09", "currency": "BRL", "model": "snaive"}
    bounds = {"lo80": 90.0, "hi80": 110.0, "lo95": 80.0, "hi95": 120.0}
    september["rows"] = [{"month": "2026-10", "forecast": 100.0, **bounds}]
    (out / FORECASTS_DIR / "latam").mkdir(parents=True)
    (out / FORECASTS_DIR / "latam" / "2026-09.json").write_text(json.dumps(september))
    step("first", run(_options(small_data, out, good)))
    step("rerun", run(_options(small_data, out, good)))

    changed = root / "data"
    shutil.copytree(small_data, changed)
    orders = pd.read_csv(changed / "orders.csv", dtype=str, keep_default_na=False)
    orders.loc[orders.index[orders["region"] == "emea"][0], "customer_name"] = "Renamed GmbH"
    orders.to_csv(changed / "orders.csv", index=False)
    step("emea_changed", run(_options(changed, out, good)))

    args = ["-q", "run", "--data", str(changed), "--out", str(out), "--period", PERIOD]
    args += ["--region", "latam", "--region", "emea", "--notebooks", str(bad), "--jobs", "1"]
    err = io.StringIO()
    with redirect_stderr(err):
        code = main(args)
    step("failed", None, exit_code=code, stderr=err.getvalue())

    code, workers, survivors = _kill_mid_run(changed, out, good)
    step("killed", None, exit_code=code, stderr=f"workers {workers}, alive after {survivors}")
    with pytest.MonkeyPatch.context() as env, _records(pdf.log.name) as said:
        env.setenv(pdf.BROWSER_ENV, str(root / "no-such-chromium"))
        forced = run(_options(changed, out, good, force=True, pdf=True))
    step("forced", forced, logged=tuple((r.levelname, r.getMessage()) for r in said))
    steps["out"] = Step(None, {}, str(out))
    return steps


def test_unchanged_rerun_renders_nothing(month):
    assert sorted(month["first"].result.rendered) == ["emea", "latam"]
    rerun = month["rerun"]
    assert rerun.result.rendered == () and sorted(rerun.result.unchanged) == ["emea", "latam"]
    assert rerun.files == month["first"].files and rerun.link == month["first"].link


def test_only_the_report_whose_data_changed_is_rendered(month):
    step = month["emea_changed"]
    assert step.result.rendered == ("emea",) and step.result.unchanged == ("latam",)
    assert step.files[f"{PERIOD}/latam.html"] == month["first"].files[f"{PERIOD}/latam.html"]
    assert step.files[f"{PERIOD}/emea.html"] != month["first"].files[f"{PERIOD}/emea.html"]


def test_failed_report_does_not_stop_the_others(month):
    step, before = month["failed"], month["emea_changed"]
    out = Path(month["out"].link)
    assert step.exit_code == 5
    assert "FAILED latam" in step.stderr and "planted failure in latam" in step.stderr
    executed = out / "work" / PERIOD / "executed" / "latam.ipynb"
    assert str(executed) in step.stderr
    assert step.files[f"{PERIOD}/latam.failed.json"]
    # latam's last good report stays; emea was rendered again (its notebook changed)
    assert step.files[f"{PERIOD}/latam.html"] == before.files[f"{PERIOD}/latam.html"]
    assert step.files[f"{PERIOD}/emea.kpis.json"] == before.files[f"{PERIOD}/emea.kpis.json"]
    index = step.files["index.html"].decode()
    assert "could not be produced" in index
    assert f'href="{PERIOD}/latam.html">Last good report: October 2026, an earlier run' in index


def test_killed_run_leaves_the_site_as_it_was(month):
    killed, failed = month["killed"], month["failed"]
    assert killed.exit_code == -signal.SIGKILL
    assert killed.stderr.endswith("alive after set()"), killed.stderr  # workers end with the run
    assert not killed.stderr.startswith("workers set()"), "the run had no worker to check"
    assert killed.files == failed.files and killed.link == failed.link


def test_force_renders_all_and_clears_failures(month):
    forced = month["forced"]
    assert sorted(forced.result.rendered) == ["emea", "latam"] and not forced.result.failed
    assert f"{PERIOD}/latam.failed.json" not in forced.files
    out = Path(month["out"].link)
    assert [p.name for p in (out / ".sites").iterdir()] == [Path(forced.link).name]
    assert forced.link.startswith(".sites/") and forced.link != month["killed"].link


def test_a_run_without_a_browser_publishes_the_html_and_says_so_once(month):
    """``--pdf`` with no Chromium to print with: the HTML is published, one line says why."""
    forced = month["forced"]
    assert sorted(forced.result.rendered) == ["emea", "latam"] and not forced.result.failed
    for report in ("emea", "latam"):
        assert f"{PERIOD}/{report}.html" in forced.files
        assert f"{PERIOD}/{report}.pdf" not in forced.files
    assert [level for level, _ in forced.logged] == ["WARNING"]
    assert forced.logged[0][1].startswith("no PDF written: no Chromium browser found")
    assert "latam.pdf" not in forced.files["index.html"].decode()


def test_forecasts_are_stored_and_fed_to_next_month(month):
    out = Path(month["out"].link)
    stored = json.loads((out / "forecasts" / "latam" / "2026-09.json").read_text())
    assert stored["made_in"] == "2026-09" and stored["rows"][0]["month"] == "2026-10"
    fed = out / "work" / PERIOD / "extracts" / "latam" / "forecast_history.json"
    assert [r["made_in"] for r in json.loads(fed.read_text())] == ["2026-09"]
    # October's own forecast is stored, but not fed back into October's report
    assert (out / "forecasts" / "latam" / f"{PERIOD}.json").is_file()
    made_in = [r["made_in"] for r in forecast_history(out, "latam", pd.Period(PERIOD, freq="M"))]
    assert made_in == ["2026-09"]


def test_interrupted_run_leaves_the_site_as_it_was(month, monkeypatch):
    out = Path(month["out"].link)
    before, link = _site_files(out), os.readlink(out / "site")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(render, "_render", lambda pool, jobs, options: ({}, {}))
    # nothing is rendered, so no worker (and its spare kernel) is started for it
    no_workers = SimpleNamespace(close=lambda: None)
    monkeypatch.setattr(pipeline, "start_pool", lambda options, tasks: nullcontext(no_workers))
    monkeypatch.setattr(publish.site, "build_index", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run(_options(out.parent / "data", out, out.parent / "good", force=True))
    assert _site_files(out) == before and os.readlink(out / "site") == link
    assert [p.name for p in (out / ".sites").iterdir()] == [Path(link).name]


def test_publish_swaps_a_link_and_drops_stale_builds(tmp_path):
    out = tmp_path
    (out / "site" / "2026-09").mkdir(parents=True)  # published as a plain folder
    (out / "site" / "2026-09" / "latam.html").write_text("<p>old</p>", encoding="utf-8")
    (out / ".sites" / "killed-run").mkdir(parents=True)
    build = out / ".sites" / "new"
    shutil.copytree(out / "site", build)
    publish.swap(out, build)
    assert os.readlink(out / "site") == ".sites/new"
    assert (out / "site" / "2026-09" / "latam.html").read_text(encoding="utf-8") == "<p>old</p>"
    assert [p.name for p in (out / ".sites").iterdir()] == ["new"]


def test_manifest_written_by_another_tool_is_a_clear_error(tmp_path):
    (tmp_path / "manifest.json").write_text('{"reports": []}', encoding="utf-8")
    with pytest.raises(mf.ConfigError, match="not a reportlib run manifest"):
        mf.Manifest.load(tmp_path)


def test_tree_digest_sees_content_names_and_new_files(tmp_path):
    (tmp_path / "a.csv").write_text("x\n1\n")
    first = mf.tree_digest([tmp_path], tmp_path)
    assert mf.tree_digest([tmp_path], tmp_path) == first
    (tmp_path / "a.csv").write_text("x\n2\n")
    second = mf.tree_digest([tmp_path], tmp_path)
    assert second != first
    (tmp_path / "b.csv").write_text("")
    assert mf.tree_digest([tmp_path], tmp_path) != second


def test_quarantine_files_never_hold_a_live_formula(tmp_path):
    """Rejected rows are untrusted text that analysts open in a spreadsheet (OWASP)."""
    from reportlib.intake.data import Intake, Tables, TableSummary

    rejects = pd.DataFrame(
        {
            "customer_name": ['=HYPERLINK("http://x","Click")', "@SUM(A1)", "Acme, Inc."],
            "net_revenue": ["+1", "-5", "12,5"],
            "line": [2, 3, 4],
            "reason": ["net_revenue: not a number"] * 3,
        }
    )
    intake = Intake(
        Tables(orders=pd.DataFrame()),
        (TableSummary("orders", "orders.csv", 10, 7, 3),),
        {"orders": rejects},
    )
    (path,) = write_quarantine(intake, tmp_path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads it as UTF-8
    assert path.read_text(encoding="utf-8-sig").splitlines() == [
        "customer_name,net_revenue,line,reason",
        '"\'=HYPERLINK(""http://x"",""Click"")",\'+1,2,net_revenue: not a number',
        "'@SUM(A1),-5,3,net_revenue: not a number",
        '"Acme, Inc.","12,5",4,net_revenue: not a number',
    ]
