"""params/sources.yaml: a CRM export lands in `opportunities` through its mapping profile."""

import shutil
from pathlib import Path

import pytest

from reportlib.config import load_params
from reportlib.errors import ConfigError, DataError
from reportlib.intake.data import load_tables
from reportlib.sample import generate, write_csv

ROOT = Path(__file__).resolve().parents[1]
CRM = ROOT / "tests" / "fixtures" / "crm"


@pytest.fixture(scope="module")
def sample_csv(tmp_path_factory) -> Path:
    """The sample company with 1,000 order lines as CSV files, generated once for this module
    (about 4 s each time); each test copies it with :func:`data_folder` and changes its copy."""
    return write_csv(generate(orders=1_000), tmp_path_factory.mktemp("sample-1000"))


def data_folder(sample_csv: Path, tmp_path: Path) -> Path:
    """A copy of ``sample_csv`` at ``tmp_path / "data"``, for one test to change."""
    return Path(shutil.copytree(sample_csv, tmp_path / "data"))


@pytest.fixture
def params_dir(tmp_path):
    target = tmp_path / "params"
    shutil.copytree(ROOT / "params", target)
    return target


@pytest.mark.parametrize(
    ("mapping", "export"),
    [
        ("salesforce", "salesforce_dataloader_opportunity.csv"),
        ("salesforce", "salesforce_report_opportunities.csv"),
        ("hubspot", "hubspot_deals_internal.csv"),
    ],
)
def test_crm_export_loads_through_sources_yaml(tmp_path, sample_csv, params_dir, mapping, export):
    data = data_folder(sample_csv, tmp_path)
    (data / "opportunities.csv").unlink()
    shutil.copy(CRM / export, data / export)
    (params_dir / "sources.yaml").write_text(
        f"opportunities:\n  file: {export}\n  mapping: {mapping}\n"
    )
    intake = load_tables(data, load_params(params_dir))
    opp = intake.tables.opportunities
    rows = sum(1 for _ in (CRM / export).open(encoding="utf-8")) - 1
    summary = {s.table: s for s in intake.summary}["opportunities"]
    assert summary.input_rows == rows
    assert summary.accepted + summary.quarantined == rows
    assert summary.file == export
    assert set(opp["stage"]) >= {"Closed Won"}
    assert opp["probability"].between(0, 1).all()
    won = opp[opp["stage"] == "Closed Won"]
    assert won["is_won"].all() and won["is_closed"].all()


def test_export_without_a_required_column_names_it_and_the_fix(tmp_path, sample_csv, params_dir):
    data = data_folder(sample_csv, tmp_path)
    shutil.copy(CRM / "hubspot_deals_labels.csv", data / "deals.csv")
    (params_dir / "sources.yaml").write_text(
        "opportunities:\n  file: deals.csv\n  mapping: hubspot\n"
    )
    with pytest.raises(DataError) as info:
        load_tables(data, load_params(params_dir))
    assert "no column for currency (looked for 'deal_currency_code', 'Currency')" in str(info.value)
    assert "constants.currency" in info.value.hint


def test_unknown_table_in_sources_yaml(params_dir):
    (params_dir / "sources.yaml").write_text("oportunities:\n  mapping: salesforce\n")
    with pytest.raises(ConfigError) as info:
        load_params(params_dir)
    assert "unknown table 'oportunities'; did you mean 'opportunities'?" in info.value.message


def test_misspelt_source_key(params_dir):
    (params_dir / "sources.yaml").write_text("orders:\n  decimals: ','\n")
    with pytest.raises(ConfigError) as info:
        load_params(params_dir)
    assert "unknown key 'orders.decimals'; did you mean 'decimal'?" in info.value.message


def test_salesforce_report_with_its_footer_loads_every_deal(tmp_path, sample_csv, params_dir):
    """A report export ends with totals, a confidentiality line and a copyright: not deals."""
    data = data_folder(sample_csv, tmp_path)
    (data / "opportunities.csv").unlink()
    export = CRM / "salesforce_report_opportunities.csv"
    deals = sum(1 for _ in export.open(encoding="utf-8")) - 1
    footer = (
        f'\n"Grand Totals ({deals} records)"\n\n'
        '"Confidential Information - Do Not Distribute"\n'
        '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n'
    )
    (data / "report.csv").write_text(export.read_text(encoding="utf-8") + footer, "utf-8")
    (params_dir / "sources.yaml").write_text(
        "opportunities:\n  file: report.csv\n  mapping: salesforce\n"
    )
    intake = load_tables(data, load_params(params_dir))
    summary = {s.table: s for s in intake.summary}["opportunities"]
    assert (summary.input_rows, summary.accepted, summary.quarantined) == (deals, deals, 0)
