"""docs/kpis.md lists every key a report publishes in kpis.json."""

import re
from pathlib import Path

from reportlib.kpis import collect_kpis
from reportlib.report import open_report

ROOT = Path(__file__).resolve().parents[1]


def test_every_published_key_is_documented(small_data):
    ctx = open_report("latam", "2026-10", small_data, ROOT / "params")
    record = {**ctx.kpi_record(collect_kpis(ctx)), "status": "fresh"}
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
