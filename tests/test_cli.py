"""The command line end to end: sample data, validation, a run, and user errors."""

import json
import re
import shutil
import subprocess
import sys
from contextlib import nullcontext
from pathlib import Path
from types import SimpleNamespace

import pytest

from reportlib.cli import main
from reportlib.run import pipeline
from reportlib.run.forecasts import FORECASTS_DIR

ROOT = Path(__file__).resolve().parents[1]
KPI_KEYS = {"revenue", "target", "attainment", "gross_margin_pct", "orders", "customers"}


def test_sample_data_writes_eight_tables(small_data):
    assert sorted(p.name for p in small_data.iterdir()) == [
        "campaigns.csv", "market.csv", "opportunities.csv", "orders.csv", "reps.csv",
        "surveys.csv", "targets.csv", "tickets.csv",
    ]  # fmt: skip


def test_validate_passes_on_sample_data(small_data):
    assert main(["-q", "validate", "--data", str(small_data), "--period", "2026-10"]) == 0


def test_run_publishes_reports_kpis_and_index(published):
    site = published / "site"
    assert (site / "index.html").is_file()
    assert (site / "2026-10" / "validation" / "index.html").is_file()
    for report in ("latam", "all"):
        html = (site / "2026-10" / f"{report}.html").read_text(encoding="utf-8")
        assert "<script" not in html.lower()
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
        record = json.loads((site / "2026-10" / f"{report}.kpis.json").read_text())
        assert record.keys() >= KPI_KEYS
        assert record["region"] == report
        assert record["status"] in {"fresh", "provisional"}
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="2026-10/latam.html"' in index
    assert len(list((published / ".sites").iterdir())) == 1  # the published build only
    assert list((published / "logs").glob("run-*.log"))


def test_company_figures_are_converted_to_company_currency(published):
    site = published / "site" / "2026-10"
    latam = json.loads((site / "latam.kpis.json").read_text())
    company = json.loads((site / "all.kpis.json").read_text())
    assert latam["currency"] == "BRL"
    assert company["currency"] == "USD"
    # the company holds latam's revenue at the budget rate of 0.18 USD per BRL, plus the rest
    assert company["revenue"] > latam["revenue"] * 0.18


def test_unknown_region_is_a_user_error(small_data, tmp_path, capsys):
    code = main(["run", "--data", str(small_data), "--out", str(tmp_path), "--region", "mars"])
    err = capsys.readouterr().err
    assert code == 2
    assert "unknown region 'mars'" in err
    assert "params/regions/mars.yaml" in err
    assert "Traceback" not in err
    assert not (tmp_path / "site").exists()


def test_bad_period_is_a_user_error(small_data, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--data", str(small_data), "--period", "2026-13"])
    assert exc.value.code == 2
    assert "YYYY-MM" in capsys.readouterr().err


def test_critical_data_problem_stops_before_publishing(
    small_data, published, tmp_path, capsys, monkeypatch
):
    broken = tmp_path / "data"
    shutil.copytree(small_data, broken)
    orders = (broken / "orders.csv").read_text(encoding="utf-8").splitlines()
    header = orders[0].split(",")
    row = orders[3].split(",")  # file line 4
    row[header.index("segment")] = "Giant"
    orders[3] = ",".join(row)
    (broken / "orders.csv").write_text("\n".join(orders) + "\n", encoding="utf-8")
    before = (published / "site" / "index.html").read_bytes()
    # the data gate stops the run before any report is rendered, so no workers are started here
    # (a run starts them, with a spare kernel each, while it validates: about 9 s)
    no_workers = SimpleNamespace(close=lambda: None)
    monkeypatch.setattr(pipeline, "start_pool", lambda options, tasks: nullcontext(no_workers))
    code = main(["-q", "run", "--data", str(broken), "--out", str(published), "--region", "latam"])
    err = capsys.readouterr().err
    assert code == 4
    assert "segment" in err
    assert "Giant" in err
    assert "4" in err  # the file line of the bad row
    assert (published / "site" / "index.html").read_bytes() == before


def test_validate_names_why_rows_were_quarantined(small_data, tmp_path, caplog):
    broken = tmp_path / "data"
    shutil.copytree(small_data, broken)
    orders = (broken / "orders.csv").read_text(encoding="utf-8").splitlines()
    header = orders[0].split(",")
    for line in (5, 9):  # file lines 5 and 9
        row = orders[line - 1].split(",")
        row[header.index("quantity")] = "two"
        orders[line - 1] = ",".join(row)
    (broken / "orders.csv").write_text("\n".join(orders) + "\n", encoding="utf-8")
    assert main(["validate", "--data", str(broken), "--period", "2026-10"]) == 0
    said = [r.getMessage() for r in caplog.records if "cannot be used" in r.getMessage()]
    assert said == [
        f"orders.csv: 2 of {len(orders) - 1} rows cannot be used: quantity: not whole numbers "
        "(2 rows, first on line 5) (`reportlib run` writes them to "
        "outputs/<YYYY-MM>/quarantine/orders.csv)"
    ]


def test_missing_data_folder_is_a_user_error(tmp_path, capsys):
    code = main(["validate", "--data", str(tmp_path / "nowhere")])
    err = capsys.readouterr().err
    assert code == 3
    assert "orders" in err
    assert "Traceback" not in err


def test_python_dash_m_entry_point():
    done = subprocess.run(
        [sys.executable, "-m", "reportlib", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "sample-data" in done.stdout and "validate" in done.stdout and "run" in done.stdout


RENAMED = {
    "orders": "VENDAS.CSV",
    "opportunities": "opps.csv",
    "targets": "Metas 2026.txt",
    "reps": "vendedores.csv",
    "campaigns": "campanhas.csv",
    "market": "mercado.csv",
}


SUPPORT_RENAMED = {"tickets": "chamados.csv", "surveys": "pesquisas NPS.csv"}


def _as_brazilian_export(source: Path, target: Path) -> None:
    """Rewrite a sample CSV the way a Brazilian ERP writes it: ';', decimal comma, DD/MM/YYYY."""
    import pandas as pd

    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    frame = frame.replace({r"^(-?\d+)\.(\d+)$": r"\1,\2"}, regex=True)
    frame = frame.replace({r"^(\d{4})-(\d{2})-(\d{2})$": r"\3/\2/\1"}, regex=True)
    frame.to_csv(target, sep=";", index=False, encoding="utf-8-sig")


def test_tables_under_other_file_names_publish_the_same_figures(small_data, published, tmp_path):
    """Every table under another name, with its settings: the report reads the run's extract.

    The extract is reportlib's own format; before, the report read it through the sources'
    settings and lost the renamed tables (win rate null) or failed (no VENDAS.CSV in it).
    """
    data, params = tmp_path / "exports", tmp_path / "params"
    data.mkdir()
    shutil.copytree(ROOT / "params", params)
    lines = []
    for table, name in RENAMED.items():
        _as_brazilian_export(small_data / f"{table}.csv", data / name)
        lines.append(
            f"{table}:\n  file: {name}\n  separator: ';'\n  decimal: ','\n"
            f"  encoding: utf-8-sig\n  date_format: '%d/%m/%Y'"
        )
    for table, name in SUPPORT_RENAMED.items():  # the support tables: other names only
        (data / name).write_bytes((small_data / f"{table}.csv").read_bytes())
        lines.append(f"{table}:\n  file: {name}")
    (params / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    # the same forecast of last month as the published run's folder holds
    shutil.copytree(published / FORECASTS_DIR / "latam", out / FORECASTS_DIR / "latam")
    (out / FORECASTS_DIR / "latam" / "2026-10.json").unlink()
    args = ["-q", "run", "--data", str(data), "--out", str(out), "--params", str(params)]
    assert main([*args, "--region", "latam", "--period", "2026-10", "--jobs", "1"]) == 0
    renamed = json.loads((out / "site" / "2026-10" / "latam.kpis.json").read_text())
    default = json.loads((published / "site" / "2026-10" / "latam.kpis.json").read_text())
    assert renamed["win_rate"] is not None and renamed["open_pipeline"] > 0
    assert renamed == default
