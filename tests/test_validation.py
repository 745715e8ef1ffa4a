"""Tests of the Great Expectations data gate and its HTML page."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from reportlib.config import Params, load_params
from reportlib.intake.data import Tables
from reportlib.intake.schema import TABLES
from reportlib.intake.validation import (
    CheckResult,
    Finding,
    ValidationReport,
    validate,
    write_validation_page,
)

ROOT = Path(__file__).resolve().parents[1]
PERIOD = pd.Period("2024-05", freq="M")
TODAY = date(2024, 6, 3)
CURRENCY = {"apac": "AUD", "emea": "EUR", "latam": "BRL", "na": "USD"}
REGIONS = ["apac", "apac", "emea", "emea", "latam", "latam", "na", "na"]
REVENUE_CHECK = "net_revenue = quantity × list_price × (1 − discount_pct), within 1%"
OUTLIER_CHECK = "net_revenue at most 50× the median line of its product"

Rows = list[dict[str, Any]]


# ---------------------------------------------------------------------------------------------
# Building small typed tables by hand


def frame(name: str, rows: Rows, index: list[int] | None = None) -> pd.DataFrame:
    """A frame of table ``name`` in the dtypes ``read_table`` produces."""
    data: dict[str, Any] = {}
    for col in TABLES[name].columns:
        if not any(col.name in row for row in rows):
            continue  # lets a test leave a column out
        values = [row.get(col.name) for row in rows]
        if col.kind in ("str", "month"):
            data[col.name] = pd.array(values, dtype="string")
        elif col.kind == "int":
            data[col.name] = pd.array(values, dtype="Int64")
        elif col.kind == "float":
            data[col.name] = pd.array(values, dtype="float64")
        elif col.kind in ("date", "timestamp"):
            data[col.name] = pd.to_datetime(pd.Series(values)).astype("datetime64[ns]").array
        else:
            data[col.name] = pd.array(values, dtype="boolean")
    return pd.DataFrame(data, index=index)


def order_rows() -> Rows:
    return [
        {
            "order_id": f"O{i}",
            "line_number": 1,
            "order_date": f"2024-05-{i + 1:02d}",
            "region": region,
            "customer_id": f"C{i}",
            "customer_name": f"Customer {i}",
            "vertical": "Retail",
            "segment": "SMB",
            "rep_id": f"R-{region}",
            "channel": "Direct",
            "product_id": "P1",
            "product_name": "Widget",
            "category": "Hardware",
            "quantity": 1,
            "list_price": 100.0,
            "discount_pct": 0.0,
            "net_revenue": 100.0,
            "cost": 40.0,
            "currency": CURRENCY[region],
        }
        for i, region in enumerate(REGIONS)
    ]


def rep_rows() -> Rows:
    return [
        {
            "rep_id": f"R-{region}",
            "rep_name": f"Rep {region}",
            "role": "Account Executive",
            "team": "Team",
            "manager_id": None,
            "region": region,
            "hire_date": "2020-01-01",
            "end_date": None,
        }
        for region in CURRENCY
    ]


def opportunity_rows() -> Rows:
    def opp(i: int, closed: bool, won: bool, category: str, campaign: str | None) -> dict:
        return {
            "opportunity_id": f"OP{i}",
            "opportunity_name": f"Deal {i}",
            "customer_id": f"C{i}",
            "rep_id": "R-na",
            "region": "na",
            "stage": "Closed Won" if won else ("Closed Lost" if closed else "Qualification"),
            "amount": 1000.0,
            "currency": "USD",
            "probability": 1.0 if won else (0.0 if closed else 0.2),
            "created_date": "2024-03-01",
            "close_date": "2024-05-20",
            "forecast_category": category,
            "is_closed": closed,
            "is_won": won,
            "type": "New Business",
            "lead_source": "Web",
            "campaign_id": campaign,
            "competitor": None,
            "loss_reason": "Price" if closed and not won else None,
        }

    return [
        opp(0, True, True, "Closed", "CA1"),
        opp(1, True, False, "Omitted", None),
        opp(2, False, False, "Pipeline", "CA1"),
    ]


def target_rows() -> Rows:
    return [
        {"month": "2024-05", "rep_id": f"R-{r}", "region": r, "target": 1000.0, "currency": c}
        for r, c in CURRENCY.items()
    ]


def campaign_rows() -> Rows:
    return [
        {
            "campaign_id": "CA1",
            "campaign_name": "Spring webinar",
            "region": "na",
            "type": "Webinar",
            "start_date": "2024-04-01",
            "end_date": "2024-04-30",
            "spend": 500.0,
            "leads": 10,
            "currency": "USD",
        }
    ]


def market_rows() -> Rows:
    return [
        {
            "month": "2024-05",
            "region": "na",
            "competitor": name,
            "is_own": own,
            "sales": 5000.0,
            "avg_price": 100.0,
            "currency": "USD",
        }
        for name, own in (("Halvorsen", True), ("Rival", False))
    ]


def ticket_rows() -> Rows:
    return [
        {
            "ticket_id": "T1",
            "created_at": "2024-05-02 09:30:00",
            "region": "na",
            "customer_id": "C6",
            "status": "Solved",
            "priority": "High",
            "channel": "Email",
            "category": "How-to",
            "first_response_hours": 1.5,
            "solved_at": "2024-05-03 10:00:00",
            "first_response_breached": False,
            "resolution_breached": False,
            "csat_rating": 5,
        },
        {
            "ticket_id": "T2",
            "created_at": "2024-05-20 16:00:00",
            "region": "emea",
            "customer_id": "C2",
            "status": "Open",
            "priority": None,
            "channel": None,
            "category": None,
            "first_response_hours": None,
            "solved_at": None,
            "first_response_breached": None,
            "resolution_breached": None,
            "csat_rating": None,
        },
    ]


def survey_rows() -> Rows:
    return [
        {
            "response_id": "S1",
            "answered_at": "2024-05-10 12:00:00",
            "region": "na",
            "customer_id": "C7",
            "score": 9,
        }
    ]


def all_rows() -> dict[str, Rows]:
    return {
        "orders": order_rows(),
        "opportunities": opportunity_rows(),
        "targets": target_rows(),
        "reps": rep_rows(),
        "campaigns": campaign_rows(),
        "market": market_rows(),
        "tickets": ticket_rows(),
        "surveys": survey_rows(),
    }


def tables_from(rows: dict[str, Rows]) -> Tables:
    return Tables(**{name: frame(name, table_rows) for name, table_rows in rows.items()})


def summary(report: ValidationReport) -> dict[tuple, tuple]:
    """Findings as {(table, column, check): (severity, count, rows, values)}."""
    return {
        (f.table, f.column, f.check): (f.severity, f.unexpected_count, f.rows, f.values)  # noqa: PD011
        for f in report.findings
    }


# ---------------------------------------------------------------------------------------------
# Scenarios, each validated once


@pytest.fixture(scope="module")
def params() -> Params:
    return load_params(ROOT / "params")


@pytest.fixture(scope="module")
def clean_report(params: Params) -> ValidationReport:
    return validate(tables_from(all_rows()), params, PERIOD, today=TODAY)


@pytest.fixture(scope="module")
def dirty_report(params: Params) -> ValidationReport:
    rows = all_rows()
    orders = rows["orders"]
    orders[0]["net_revenue"] = 110.0  # 10% off quantity x price: warning
    orders[1].update(order_id="O0", quantity=100, net_revenue=10000.0)  # duplicate key, outlier
    orders[2]["customer_name"] = None
    orders[3]["segment"] = "Smb"
    orders[4]["region"] = "mars"
    orders[5]["currency"] = "GBP"
    orders[6].update(rep_id="R-x", order_date="2024-04-15")  # na has no order in May ...
    orders[7]["order_date"] = "2030-01-01"  # ... and a date in the future
    rows["opportunities"][1]["campaign_id"] = "CA9"
    rows["opportunities"][2]["is_won"] = True  # won but not closed
    for row in rows["market"]:
        del row["avg_price"]
    return validate(tables_from(rows), params, PERIOD, today=TODAY)


# ---------------------------------------------------------------------------------------------
# validate


def test_clean_tables_pass_every_check(clean_report: ValidationReport) -> None:
    assert clean_report.ok
    assert clean_report.findings == ()
    assert clean_report.period == "2024-05"
    assert all(c.success for c in clean_report.checks)
    assert clean_report.row_counts == {
        "orders": 8,
        "opportunities": 3,
        "targets": 4,
        "reps": 4,
        "campaigns": 1,
        "market": 2,
        "tickets": 2,
        "surveys": 1,
    }
    assert {c.table for c in clean_report.checks} == set(TABLES)


def test_checks_are_built_from_the_contract(clean_report: ValidationReport) -> None:
    for name, table in TABLES.items():
        not_null = {
            c.column
            for c in clean_report.checks
            if c.table == name and c.check == "no empty values"
        }
        assert not_null == {c.name for c in table.columns if not c.nullable}
        allowed = {
            c.column
            for c in clean_report.checks
            if c.table == name and c.check == "values in the allowed set"
        }
        assert allowed == {c.name for c in table.columns if c.allowed}
    orders = [c for c in clean_report.checks if c.table == "orders"]
    assert all(c.element_count == 8 for c in orders)
    assert [c.severity for c in orders if c.check in (REVENUE_CHECK, OUTLIER_CHECK)] == [
        "warning",
        "warning",
    ]


def test_dirty_tables_give_exactly_the_expected_findings(dirty_report: ValidationReport) -> None:
    c, w = "critical", "warning"
    assert summary(dirty_report) == {
        ("orders", "segment", "values in the allowed set"): (c, 1, (5,), ("'Smb'",)),
        ("orders", None, "one row per order_id, line_number"): (
            c,
            2,
            (2, 3),
            ("order_id='O0', line_number=1",),
        ),
        ("orders", "customer_name", "no empty values"): (c, 1, (4,), ("empty",)),
        ("orders", "region", "region defined in params/regions/"): (c, 1, (6,), ("'mars'",)),
        ("orders", "currency", "currency has a budget rate"): (c, 1, (7,), ("'GBP'",)),
        ("orders", "rep_id", "rep_id found in reps"): (c, 1, (8,), ("'R-x'",)),
        ("orders", "order_date", "dates not in the future"): (c, 1, (9,), ("'2030-01-01'",)),
        ("orders", None, "every region has orders dated in 2024-05"): (c, 1, (), ("'na'",)),
        ("orders", "net_revenue", REVENUE_CHECK): (w, 1, (2,), ("110",)),
        ("orders", "net_revenue", OUTLIER_CHECK): (w, 1, (3,), ("10000",)),
        ("opportunities", "is_closed", "a won deal (is_won true) is also closed"): (
            c,
            1,
            (4,),
            ("False",),
        ),
        ("opportunities", "campaign_id", "campaign_id found in campaigns"): (
            c,
            1,
            (3,),
            ("'CA9'",),
        ),
        ("market", None, "every mandatory contract column present"): (c, 1, (), ("'avg_price'",)),
    }
    assert not dirty_report.ok
    assert len(dirty_report.critical) == 11
    assert len(dirty_report.warnings) == 2
    severities = [f.severity for f in dirty_report.findings]
    assert severities == sorted(severities, key=lambda s: s != "critical")


def test_segment_finding_in_full(dirty_report: ValidationReport) -> None:
    expected = Finding(
        table="orders",
        column="segment",
        check="values in the allowed set",
        severity="critical",
        unexpected_count=1,
        rows=(5,),
        values=("'Smb'",),
        hint="expected one of Enterprise, Mid-Market, SMB, or list the company's own as "
        "vocabularies.segments in params/defaults.yaml",
    )
    assert expected in dirty_report.findings


def test_hints_name_what_is_missing(dirty_report: ValidationReport) -> None:
    hints = {f.check: f.hint for f in dirty_report.findings}
    assert hints["every region has orders dated in 2024-05"].startswith(
        "no order dated in 2024-05 for na;"
    )
    assert "avg_price" in hints["every mandatory contract column present"]
    assert hints["region defined in params/regions/"].startswith(
        "expected one of apac, emea, latam, na"
    )
    assert hints["currency has a budget rate"].startswith("expected one of AUD, BRL, EUR, USD")
    assert "2024-06-03" in hints["dates not in the future"]


def test_rows_follow_the_frame_index_and_gx_stays_quiet(
    params: Params, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture
) -> None:
    rows = all_rows()
    rows["orders"][3]["segment"] = "enterprise"
    tables = tables_from(rows)
    cut = tables.orders.set_axis(range(100, 108))  # e.g. a region cut keeps the original index
    monkeypatch.chdir(tmp_path)
    report = validate(Tables(orders=cut, reps=tables.reps), params, PERIOD, today=TODAY)
    assert summary(report) == {
        ("orders", "segment", "values in the allowed set"): (
            "critical",
            1,
            (105,),
            ("'enterprise'",),
        )
    }
    assert report.row_counts == {"orders": 8, "reps": 4}
    out, err = capfd.readouterr()
    assert out == ""
    assert "Calculating Metrics" not in err
    assert list(tmp_path.iterdir()) == []  # GX wrote no files


def test_great_expectations_is_imported_by_validation_only() -> None:
    importers = []
    for path in (ROOT / "src" / "reportlib").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(n.split(".")[0] == "great_expectations" for n in names):
                importers.append(path.name)
    assert set(importers) == {"validation.py"}


# ---------------------------------------------------------------------------------------------
# Finding and ValidationReport


def test_finding_message_is_one_line() -> None:
    finding = Finding(
        "orders",
        "segment",
        "values in the allowed set",
        "critical",
        3,
        (4, 9, 12),
        ("'Smb'", "'enterprise'"),
        "expected one of Enterprise, Mid-Market, SMB",
    )
    assert finding.message() == (
        "orders: column 'segment', 3 rows (rows [4, 9, 12]): values 'Smb', 'enterprise'"
        " — values in the allowed set; hint: expected one of Enterprise, Mid-Market, SMB"
    )


def test_finding_message_of_table_level_and_truncated_findings() -> None:
    table_level = Finding(
        "orders", None, "every region has orders", "critical", 1, (), ("'na'",), "add"
    )
    assert table_level.message() == "orders: values 'na' — every region has orders; hint: add"
    many = Finding("orders", "x", "no empty values", "critical", 12, (2, 3), ("empty",), "fill")
    assert "12 rows (first rows [2, 3])" in many.message()


def test_report_with_warnings_only_is_ok() -> None:
    warning = Finding("orders", "net_revenue", "c", "warning", 1, (2,), ("1",), "h")
    report = ValidationReport("2024-05", (), (warning,), {"orders": 1})
    assert report.ok
    assert report.warnings == (warning,)
    assert report.critical == ()


# ---------------------------------------------------------------------------------------------
# write_validation_page


def test_page_escapes_data_and_needs_no_network(tmp_path: Path) -> None:
    evil = "<script>alert(1)</script>"
    finding = Finding("orders", "customer_name", evil, "critical", 1, (2,), (repr(evil),), evil)
    check = CheckResult("orders", "customer_name", evil, "critical", False, 1, 3)
    report = ValidationReport("2024-05", (check,), (finding,), {"orders": 3})
    path = write_validation_page(report, tmp_path / "out" / "validation.html", title="Checks")
    html = path.read_text(encoding="utf-8")
    assert path == tmp_path / "out" / "validation.html"
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "http://" not in html
    assert "https://" not in html
    assert '<html lang="en">' in html
    assert "<title>Checks — 2024-05</title>" in html
    assert 'name="viewport"' in html
    assert "FAILED" in html
    assert "✗ Fail" in html


def test_page_lists_findings_then_checks(dirty_report: ValidationReport, tmp_path: Path) -> None:
    html = write_validation_page(dirty_report, tmp_path / "v.html").read_text(encoding="utf-8")
    assert html.count('<th scope="col">') >= 8
    first_warning = html.index(REVENUE_CHECK)
    assert html.index("values in the allowed set") < first_warning  # critical first
    assert html.index("All checks") > first_warning
    for name in TABLES:
        assert f'id="checks-{name}"' in html
    assert "&#39;Smb&#39;" in html
    assert "http://" not in html and "https://" not in html


def test_page_of_a_clean_run_says_passed(clean_report: ValidationReport, tmp_path: Path) -> None:
    page = write_validation_page(
        clean_report, tmp_path / "v.html", title="Data validation — 2024-05"
    )
    html = page.read_text(encoding="utf-8")
    assert "<title>Data validation — 2024-05</title>" in html  # the period once
    assert "Status: PASSED" in html
    assert "Every check passed." in html
    assert "✗ Fail" not in html


def test_orders_without_optional_columns_pass(params: Params) -> None:
    """A retailer's export: no line number, rep, channel, segment, vertical, prices or cost."""
    rows = all_rows()
    optional = [c.name for c in TABLES["orders"].columns if c.optional and c.name != "product_id"]
    for row in rows["orders"]:
        for name in optional:
            del row[name]
    report = validate(tables_from(rows), params, PERIOD, today=TODAY)
    assert report.ok and report.findings == ()
    checked = {(c.table, c.column) for c in report.checks if c.table == "orders"}
    assert ("orders", "product_id") in checked
    assert not {("orders", name) for name in optional} & checked


def test_segments_are_checked_against_the_company_vocabulary(params: Params) -> None:
    from reportlib.config import Vocabularies

    retail = Vocabularies(segments=("Consumer", "Corporate", "Home Office"))
    company = params.model_copy(
        update={"defaults": params.defaults.model_copy(update={"vocabularies": retail})}
    )
    rows = all_rows()
    for row in rows["orders"]:
        row["segment"] = "Home Office"
    rows["orders"][0]["segment"] = "Consumer"
    rows["orders"][2]["segment"] = "SMB"  # a standard segment this company does not use
    report = validate(tables_from(rows), company, PERIOD, today=TODAY)
    found = summary(report)[("orders", "segment", "values in the allowed set")]
    assert found[:2] == ("critical", 1) and found[3] == ("'SMB'",)
    assert {f.hint for f in report.findings} == {
        "expected one of Consumer, Corporate, Home Office, or list the company's own as "
        "vocabularies.segments in params/defaults.yaml"
    }


# --------------------------------------------------------------------------------------------
# The validation kept for a run of the same inputs (reportlib.run.validate)


def _data(tables: Tables, out: Path):
    from reportlib.intake.data import Intake
    from reportlib.run.read import Data

    return Data(Intake(tables, (), {}), pd.Period("2026-05", "M"), out)


def test_a_run_of_the_same_inputs_reads_the_findings_back(
    params: Params, dirty_report: ValidationReport, tmp_path, monkeypatch
) -> None:
    from reportlib.run import validate as stage

    calls: list[str] = []

    def checked_now(tables, params, period):
        calls.append(str(period))
        return dirty_report

    monkeypatch.setattr(stage.validation, "validate", checked_now)
    data = _data(Tables(orders=pd.DataFrame()), tmp_path)
    first, wrote = stage.validate_data(data, params, 0.0, lambda: "extracts", "inputs-a")
    assert (first, wrote, calls) == (dirty_report, "extracts", ["2026-05"])
    # the same inputs: the kept findings, equal field by field (tuples and all), no new check
    again, _ = stage.validate_data(data, params, 0.0, lambda: None, "inputs-a")
    assert again == dirty_report and calls == ["2026-05"]
    assert [f.message() for f in again.critical] == [f.message() for f in dirty_report.critical]
    # other data, params or code: checked again
    stage.validate_data(data, params, 0.0, lambda: None, "inputs-b")
    assert calls == ["2026-05", "2026-05"]
    # another month: checked again
    other = _data(data.tables, tmp_path)
    object.__setattr__(other, "period", pd.Period("2026-06", "M"))
    stage.validate_data(other, params, 0.0, lambda: None, "inputs-b")
    assert calls == ["2026-05", "2026-05", "2026-06"]


def test_a_damaged_kept_validation_is_checked_again(
    params: Params, dirty_report: ValidationReport, tmp_path, monkeypatch
) -> None:
    from reportlib.run import validate as stage

    calls: list[str] = []
    monkeypatch.setattr(
        stage.validation, "validate", lambda *args: calls.append("checked") or dirty_report
    )
    data = _data(Tables(orders=pd.DataFrame()), tmp_path)
    stage.validate_data(data, params, 0.0, lambda: None, "inputs-a")
    kept = tmp_path / "work" / stage.KEPT_FILE
    for damaged in ("{", '{"key": 1}', "[]", kept.read_text()[:-40]):
        kept.write_text(damaged, encoding="utf-8")
        report, _ = stage.validate_data(data, params, 0.0, lambda: None, "inputs-a")
        assert report == dirty_report
    assert calls == ["checked"] * 5
