"""``reportlib run --pdf``: each page printed by headless Chromium, or one plain log line without
a browser and the HTML published all the same (reportlib.site.pdf)."""

from __future__ import annotations

import logging
import re

import pytest

from reportlib.run.execute import Rendered
from reportlib.run.publish import add_reports
from reportlib.run.render import Outcome
from reportlib.site import pdf

CHROMIUM = pdf.find_browser()  # Debian's, or REPORTLIB_CHROMIUM: as `run --pdf` finds it
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium")

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Sales report · October 2026</title>
<style>@page { size: A4; margin: 16mm 14mm 18mm; } table { width: 100%; }</style></head>
<body><h1>Latin America</h1><table><tr><th>Month</th><td>R$ 1.234,56</td></tr></table>
<img src="https://example.com/tracker.png" alt=""></body></html>"""


def test_a_missing_browser_is_said_plainly(monkeypatch, tmp_path):
    monkeypatch.setenv(pdf.BROWSER_ENV, str(tmp_path / "no-such-chromium"))
    assert pdf.find_browser() is None
    reason = pdf.no_pdf_reason(None)
    assert reason is not None
    assert reason.startswith("no PDF written: no Chromium browser found at /usr/bin/chromium")
    assert reason.endswith("the HTML is published")


def test_without_a_browser_nothing_is_printed_and_one_line_says_so(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv(pdf.BROWSER_ENV, str(tmp_path / "no-such-chromium"))
    page = tmp_path / "latam.html"
    page.write_text(PAGE, encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="reportlib.site.pdf"):
        assert pdf.write_pdfs([page]) == []
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "no PDF written" in caplog.records[0].getMessage()
    assert not page.with_suffix(".pdf").exists()


def test_missing_pdfs_are_the_pages_without_one(tmp_path):
    for name in ("all.html", "latam.html", "latam.pdf", "emea.kpis.json"):
        (tmp_path / name).write_text("x")
    assert pdf.missing_pdfs(tmp_path, ["all", "latam", "emea"]) == [tmp_path / "all.html"]


@needs_chromium
def test_a_page_prints_to_a4_offline(tmp_path):
    page = tmp_path / "latam.html"
    page.write_text(PAGE, encoding="utf-8")
    written = pdf.write_pdfs([page], browser=CHROMIUM)
    assert written == [tmp_path / "latam.pdf"]
    data = written[0].read_bytes()
    assert data.startswith(b"%PDF")
    # A4 is 595 × 842 points (210 × 297 mm)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes
    assert all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)


# A run asking for PDFs without a browser publishes the HTML and says so once:
# tests/test_pipeline.py (test_a_run_without_a_browser_publishes_the_html_and_says_so_once, on
# the forced run of its month).


def test_a_report_rendered_again_leaves_no_earlier_pdf_or_csv(tmp_path):
    period_dir, work = tmp_path / "site" / "2026-10", tmp_path / "work"
    (period_dir / "latam-tables").mkdir(parents=True)
    (period_dir / "latam-tables" / "09-old.csv").write_text("old")
    (period_dir / "latam.pdf").write_text("old")
    (work / "latam-tables").mkdir(parents=True)
    for name in ("latam.html", "latam.kpis.json", "latam.xlsx", "latam-tables/01-new.csv"):
        (work / name).write_text("new")
    add_reports(period_dir, Outcome({"latam": [Rendered(work / "latam.html", None)]}, {}))
    assert sorted(p.name for p in period_dir.iterdir()) == [
        "latam-tables", "latam.html", "latam.kpis.json", "latam.xlsx",
    ]  # fmt: skip
    assert [p.name for p in (period_dir / "latam-tables").iterdir()] == ["01-new.csv"]
