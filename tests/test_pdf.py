"""``reportlib run --pdf``: each page printed by headless Chromium, or one plain log line without
a browser and the HTML published all the same (reportlib.site.pdf)."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from reportlib.cli import main
from reportlib.run.pipeline import RunOptions, run
from reportlib.site import pdf

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")

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
    written = pdf.write_pdfs([page], browser=Path(CHROMIUM))
    assert written == [tmp_path / "latam.pdf"]
    data = written[0].read_bytes()
    assert data.startswith(b"%PDF")
    # A4 is 595 × 842 points (210 × 297 mm)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes
    assert all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)


def _run_tiny(small_data, out, notebooks, monkeypatch, browser: str | None):
    if browser is None:
        monkeypatch.setenv(pdf.BROWSER_ENV, str(out.parent / "no-such-chromium"))
    else:
        monkeypatch.setenv(pdf.BROWSER_ENV, browser)
    return run(
        RunOptions(
            data_dir=small_data,
            period=pd.Period("2026-10", freq="M"),
            regions=("latam",),
            out_dir=out,
            jobs=1,
            notebooks_dir=notebooks,
            progress=False,
            pdf=True,
        )
    )


def test_a_run_without_a_browser_publishes_the_html(
    small_data, tiny_report, tmp_path, monkeypatch, caplog
):
    out = tmp_path / "out"
    with caplog.at_level(logging.WARNING):
        result = _run_tiny(small_data, out, tiny_report(tmp_path / "nb"), monkeypatch, None)
    assert result.rendered == ("latam",) and not result.failed
    period = out / "site" / "2026-10"
    assert (period / "latam.html").is_file()
    assert not (period / "latam.pdf").exists()
    said = [r.getMessage() for r in caplog.records if r.name == "reportlib.site.pdf"]
    assert len(said) == 1 and said[0].startswith("no PDF written")


@needs_chromium
def test_run_pdf_prints_into_the_build_and_the_index_links_it(
    small_data, tiny_report, tmp_path, monkeypatch
):
    out = tmp_path / "out"
    notebooks = tiny_report(tmp_path / "nb")
    _run_tiny(small_data, out, notebooks, monkeypatch, CHROMIUM)
    period = out / "site" / "2026-10"
    assert (period / "latam.pdf").read_bytes().startswith(b"%PDF")
    assert 'href="2026-10/latam.pdf"' in (out / "site" / "index.html").read_text(encoding="utf-8")
    # the site is a link to the build: the PDF was written there before the swap
    assert (out / "site").is_symlink() and (out / "site").resolve() == period.parent.resolve()
    # a run without --pdf that renders the report again leaves no PDF of the old page behind
    args = ["-q", "run", "--data", str(small_data), "--out", str(out), "--region", "latam"]
    assert main([*args, "--period", "2026-10", "--notebooks", str(notebooks), "--force"]) == 0
    assert not (out / "site" / "2026-10" / "latam.pdf").exists()
