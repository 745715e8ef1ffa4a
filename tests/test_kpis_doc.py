"""docs/kpis.md lists every key a report publishes in kpis.json, and when each is null."""

import re
from dataclasses import replace
from pathlib import Path

import pytest

from reportlib.analysis.kpis import collect_kpis
from reportlib.report import open_report

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def latam(small_data):
    ctx = open_report("latam", "2026-10", small_data, ROOT / "params")
    return ctx, collect_kpis(ctx)


def test_every_published_key_is_documented(latam):
    ctx, kpis = latam
    record = {**ctx.kpi_record(kpis), "status": "fresh"}
    documented = set(re.findall(r"`([a-z0-9_]+)`", (ROOT / "docs" / "kpis.md").read_text()))
    assert sorted(set(record) - documented) == []


def test_required_keys_are_published(small_data):
    ctx = open_report("all", "2026-10", small_data, ROOT / "params")
    record = collect_kpis(ctx)
    required = {
        "revenue", "target", "attainment", "gross_margin_pct", "orders", "customers",
        "win_rate", "pipeline_coverage", "romi", "discount_leakage",
    }  # fmt: skip
    assert required <= record.keys()
    assert all(record[k] is not None for k in required)


def _null_table() -> list[tuple[list[str], set[str]]]:
    """The rows of docs/kpis.md's "Order columns not delivered" table: (columns, null keys)."""
    text = (ROOT / "docs" / "kpis.md").read_text(encoding="utf-8")
    section = text.split("### Order columns not delivered", 1)[1].split("\n\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        if line.startswith("| `"):
            columns, keys = line.strip("|").split("|")
            rows.append((re.findall(r"`([a-z_]+)`", columns), set(re.findall(r"`(\w+)`", keys))))
    return rows


@pytest.mark.parametrize(
    ("columns", "keys"), _null_table(), ids=lambda v: "+".join(v) if isinstance(v, list) else ""
)
def test_the_keys_a_column_not_delivered_makes_null_are_documented(latam, columns, keys):
    ctx, full = latam
    null_anyway = {k for k, v in full.items() if v is None}
    for column in columns:
        orders = ctx.tables.orders.drop(columns=column)
        record = collect_kpis(replace(ctx, tables=replace(ctx.tables, orders=orders)))
        assert record.keys() == full.keys(), "every key stays in the record"
        nulls = {k for k, v in record.items() if v is None}
        assert nulls - null_anyway == keys - null_anyway, f"without {column}"
        assert keys <= nulls, f"without {column}"
