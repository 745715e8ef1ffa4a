"""What a report notebook opens: extracts in reportlib's own format, defaults from any folder."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from reportlib.config import load_params, project_dir
from reportlib.errors import ConfigError
from reportlib.intake.data import load_tables
from reportlib.report import open_report
from reportlib.run.extract import write_extract

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def params_dir(tmp_path):
    target = tmp_path / "params"
    shutil.copytree(ROOT / "params", target)
    return target


def test_extract_is_read_as_written_never_through_the_sources_settings(
    small_data, tmp_path, params_dir
):
    tables = load_tables(small_data, load_params(ROOT / "params")).tables
    extract = write_extract(tables.for_region("latam"), tmp_path / "extract")
    # the raw exports of this company arrive under other names, with a decimal comma
    (params_dir / "sources.yaml").write_text(
        "orders: {file: VENDAS.CSV, decimal: ',', separator: ';'}\n"
        "opportunities: {file: opps.csv}\n",
        encoding="utf-8",
    )
    ctx = open_report("latam", "2026-10", extract, params_dir)
    latam = tables.orders[tables.orders["region"] == "latam"]
    in_period = latam[latam["order_date"] <= pd.Timestamp("2026-10-31")]
    assert len(ctx.tables.orders) == len(in_period) > 0
    assert ctx.tables.opportunities is not None
    assert len(ctx.tables.opportunities) == int((tables.opportunities["region"] == "latam").sum())
    assert ctx.tables.orders["net_revenue"].sum() == pytest.approx(in_period["net_revenue"].sum())


def test_empty_paths_find_the_project_from_any_working_folder(tmp_path, monkeypatch):
    """papermill starts the kernel in the caller's folder, JupyterLab in notebooks/."""
    if not (ROOT / "data" / "sample" / "orders.csv").exists():
        pytest.skip("needs the sample data (make sample-data)")
    monkeypatch.chdir(tmp_path)
    assert project_dir() == ROOT
    ctx = open_report("latam", "2026-10", "", "")
    assert ctx.region.id == "latam"
    assert set(ctx.tables.orders["region"]) == {"latam"}


def test_project_dir_from_a_folder_above_params(tmp_path, monkeypatch):
    (tmp_path / "params").mkdir()
    (tmp_path / "params" / "defaults.yaml").write_text("company: {}\n", encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.setattr("reportlib.config.__file__", str(tmp_path.parent / "x" / "a" / "b.py"))
    assert project_dir(tmp_path / "notebooks") == tmp_path
    with pytest.raises(ConfigError) as info:
        project_dir(tmp_path.parent)
    assert "no params/defaults.yaml" in info.value.message
