"""What notebooks put on the page: escaped, labelled, formatted."""

import pandas as pd

from reportlib import present
from reportlib.formatting import Formatter

FMT = Formatter("en_US", "USD")


def test_table_escapes_names_and_uses_headers():
    frame = pd.DataFrame(
        {"revenue": [1234.5]}, index=pd.Index(["<script>alert(1)</script> & O'Brien"])
    )
    html = present.table(
        frame, {"revenue": ("Revenue", FMT.money)}, caption="By <customer>", index_label="Customer"
    ).data
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; O&#39;Brien" in html
    assert "<caption>By &lt;customer&gt;</caption>" in html
    assert '<th scope="col">Customer</th>' in html
    assert '<th scope="col" class="num">Revenue</th>' in html
    assert '<td class="num">$1,234.50</td>' in html


def test_paragraph_escapes_values_not_template():
    html = present.paragraph("{name} sold {amount}.", name="<b>Ana</b>", amount="$5").data
    assert html == "<p>&lt;b&gt;Ana&lt;/b&gt; sold $5.</p>"


def test_kpi_tiles_show_status_in_words():
    kpis = {
        "revenue": 950.0,
        "target": 1000.0,
        "attainment": 0.95,
        "gross_margin_pct": 0.5,
        "orders": 3,
        "customers": 2,
        "mom_growth": 0.1,
        "yoy_growth": -0.2,
    }
    html = present.kpi_tiles(kpis, FMT).data
    assert "Below target" in html
    assert "95.0%" in html
    assert "−20.0% vs a year earlier" in html
    assert "delta-down" in html
    assert "$950.00" in html


def test_publish_forecast_uses_its_own_mimetype(monkeypatch):
    shown = []
    monkeypatch.setattr(present, "display", lambda *args, **kwargs: shown.append((args, kwargs)))
    record = {"region": "latam", "made_in": "2026-10", "rows": [{"month": "2026-11"}]}
    present.publish_forecast(record)
    assert present.FORECAST_MIMETYPE == "application/vnd.reportlib.forecast+json"
    assert shown == [(({present.FORECAST_MIMETYPE: record},), {"raw": True})]


def test_yes_no():
    assert [present.yes_no(v) for v in (True, False, pd.NA, None, float("nan"))] == [
        "yes",
        "no",
        "n/a",
        "n/a",
        "n/a",
    ]
    flags = pd.array([True, False, pd.NA], dtype="boolean")
    assert [present.yes_no(v) for v in flags] == ["yes", "no", "n/a"]
