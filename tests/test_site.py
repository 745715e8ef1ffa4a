"""The front page of the report site (reportlib.site.index)."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reportlib.config import load_params
from reportlib.site.index import (
    BELOW_TARGET_MIN,
    FAILED_SUFFIX,
    ON_TARGET_MIN,
    MalformedKpis,
    attainment_status,
    build_index,
    load_kpis,
)

PARAMS = load_params(Path(__file__).parents[1] / "params")
NBSP = "\xa0"
MINUS = "\u2212"


def kpis(region: str, period: str, **values) -> dict:
    base = {
        "region": region,
        "region_name": region.upper(),
        "period": period,
        "currency": "USD",
        "locale": "en_US",
        "status": "fresh",
        "revenue": 1000.0,
        "target": None,
        "attainment": None,
        "gross_margin_pct": None,
        "orders": 1,
        "customers": 1,
        "mom_growth": None,
        "yoy_growth": None,
    }
    return {**base, **values}


def publish(site: Path, period: str, region: str, figures: dict | str | None) -> None:
    folder = site / period
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{region}.html").write_text("<p>report</p>", encoding="utf-8")
    if isinstance(figures, dict):
        figures = json.dumps(figures)
    if figures is not None:
        (folder / f"{region}.kpis.json").write_text(figures, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    october, september = "2026-10", "2026-09"
    publish(
        site,
        october,
        "all",
        kpis(
            "all",
            october,
            status="provisional",
            revenue=12_480_300.0,
            target=13_000_000.0,
            attainment=0.96,
            gross_margin_pct=0.372,
            orders=4210,
            customers=1312,
            yoy_growth=0.081,
        ),
    )
    publish(
        site,
        october,
        "latam",
        kpis(
            "latam",
            october,
            currency="BRL",
            locale="pt_BR",
            status="provisional",
            revenue=1_234_567.8,
            target=1_500_000.0,
            attainment=1_234_567.8 / 1_500_000.0,
            gross_margin_pct=0.298,
            orders=12_345,
            customers=188,
            yoy_growth=-0.042,
        ),
    )
    publish(
        site,
        october,
        "na",
        kpis(
            "na",
            october,
            revenue=4_820_000.0,
            target=5_100_000.0,
            attainment=4_820_000.0 / 5_100_000.0,
            gross_margin_pct=0.384,
            orders=1284,
            customers=402,
            yoy_growth=0.061,
        ),
    )
    publish(
        site,
        october,
        "emea",
        kpis(
            "emea",
            october,
            currency="EUR",
            locale="en_IE",
            revenue=3_800_000.0,
            target=3_700_000.0,
            attainment=3_800_000.0 / 3_700_000.0,
        ),
    )
    publish(site, october, "apac", "{ this is not json")
    # a report of a region that is not (or no longer) in params/, with a hostile name
    publish(
        site,
        october,
        "zz",
        kpis("zz", october, region_name="<script>alert('x')</script> & Co"),
    )
    (site / october / "validation").mkdir()
    (site / october / "validation" / "index.html").write_text("<p>ok</p>", encoding="utf-8")

    for region in ["all", "na", "emea", "latam"]:
        publish(site, september, region, kpis(region, september))
    publish(site, september, "apac", kpis("apac", september, status="failed"))

    # not periods: ignored
    publish(site, "drafts", "na", kpis("na", "drafts"))
    publish(site, "2026-13", "na", kpis("na", "2026-13"))
    (site / "2026-11").write_text("a file, not a folder", encoding="utf-8")
    return site


@pytest.fixture
def page(site: Path) -> str:
    return build_index(site, PARAMS).read_text(encoding="utf-8")


def latest_cards(page: str) -> dict[str, str]:
    """The HTML of each card of the latest month, by the name in its title."""
    latest = page.split('id="archive-heading"')[0]
    chunks = latest.split('<li class="report-card')[1:]
    cards = {}
    for chunk in chunks:
        name = chunk.split('<h3 class="report-card-title">')[1].split("</h3>")[0]
        cards[name] = chunk
    return cards


def archive(page: str) -> str:
    return page.split('id="archive-heading"')[1]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.hrefs.extend(value for name, value in attrs if name in {"href", "src"} and value)


def test_index_written_where_expected(site):
    assert build_index(site, PARAMS) == site / "index.html"
    assert not list(site.glob(".index.html*"))


def test_title_and_latest_month(page):
    assert "<title>Halvorsen Instruments · Monthly sales reports</title>" in page
    assert '<h1 class="page-title">Halvorsen Instruments</h1>' in page
    assert '<h2 id="period-2026-10">October 2026</h2>' in page


def test_cards_company_first_then_regions_in_params_order(page):
    assert list(latest_cards(page)) == [
        "Halvorsen Instruments",
        "Asia Pacific",
        "Europe, Middle East &amp; Africa",
        "Latin America",
        "North America",
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co",
    ]


def test_latam_card_in_brazilian_format(page):
    card = latest_cards(page)["Latin America"]
    # 1 234 567.8 BRL, pt_BR: "R$", no-break space, "." thousands, "," decimals
    assert f'<p class="value">R${NBSP}1,2{NBSP}mi</p>' in card
    assert f'<p class="full">R${NBSP}1.234.567,80</p>' in card
    assert "Revenue (BRL)" in card
    # 1 234 567.8 / 1 500 000 = 0.82304... → 82,3 %, under 90 %: well below target
    assert '<p class="attainment status-bad">' in card
    assert "Well below target" in card
    assert f"82,3% of R${NBSP}1,5{NBSP}mi" in card
    assert "<dd>29,8%</dd>" in card
    assert f'<dd class="delta-down">{MINUS}4,2%</dd>' in card
    assert "<dd>12.345</dd>" in card  # orders, grouped the Brazilian way
    assert "<dd>188</dd>" in card
    assert '<span class="badge badge-provisional">Provisional</span>' in card
    assert '<a href="2026-10/latam.html">' in card


def test_north_america_card_in_us_format(page):
    card = latest_cards(page)["North America"]
    assert '<p class="value">$4.8M</p>' in card
    assert '<p class="full">$4,820,000.00</p>' in card
    # 4.82 / 5.10 = 0.94509... → 94.5 %, between 90 % and 100 %
    assert '<p class="attainment status-warn">' in card
    assert "Below target" in card
    assert "94.5% of $5.1M" in card
    assert "<dd>38.4%</dd>" in card
    assert '<dd class="delta-up">+6.1%</dd>' in card
    assert "<dd>1,284</dd>" in card
    assert '<span class="badge badge-fresh">Fresh</span>' in card


def test_emea_on_target_in_euro(page):
    card = latest_cards(page)["Europe, Middle East &amp; Africa"]
    assert '<p class="value">€3.8M</p>' in card
    assert '<p class="full">€3,800,000.00</p>' in card
    assert '<p class="attainment status-ok">' in card
    assert "On target" in card
    assert "102.7% of €3.7M" in card  # 3.8 / 3.7 = 1.02702...
    assert "<dd>n/a</dd>" in card  # no margin in its kpis


def test_company_card(page):
    card = latest_cards(page)["Halvorsen Instruments"]
    assert card.startswith(' report-card--company"')
    assert '<p class="value">$12.5M</p>' in card
    assert "96.0% of $13M" in card
    assert '<a href="2026-10/all.html">' in card


def test_malformed_kpis_gives_a_card_without_figures(page):
    card = latest_cards(page)["Asia Pacific"]
    assert "Figures unavailable." in card
    assert '<span class="badge badge-unknown">Status unknown</span>' in card
    assert 'class="value"' not in card
    assert '<a href="2026-10/apac.html">' in card


def test_unknown_region_named_from_its_kpis_and_escaped(page):
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co" in page
    assert '<a href="2026-10/zz.html">' in page


def test_validation_link(page):
    assert '<a href="2026-10/validation/index.html">Data validation' in page
    assert "2026-09/validation" not in page  # no such page for September


def test_archive_lists_earlier_months_with_their_reports(page):
    older = archive(page)
    assert '<h3 id="period-2026-09">September 2026</h3>' in older
    for region in ["all", "apac", "emea", "latam", "na"]:
        assert f'href="2026-09/{region}.html"' in older
    assert '<span class="badge badge-failed">Failed</span>' in older
    assert "2026-10/" not in older  # the latest month is not repeated


def test_folders_that_are_not_months_are_ignored(page):
    assert "drafts" not in page
    assert "2026-13" not in page
    assert "2026-11" not in page


def test_links_are_relative_and_resolve(site, page):
    parser = _Links()
    parser.feed(page)
    assert parser.hrefs
    for href in parser.hrefs:
        assert not href.startswith(("/", "http:", "https:", "file:")), href
        assert ".." not in href, href
        if href.startswith("#"):
            continue
        assert (site / href).is_file(), href


def test_failed_report_shows_no_figures(tmp_path):
    publish(tmp_path, "2026-10", "na", kpis("na", "2026-10", status="failed", revenue=99.0))
    card = latest_cards(build_index(tmp_path, PARAMS).read_text(encoding="utf-8"))["North America"]
    assert '<span class="badge badge-failed">Failed</span>' in card
    assert "This month’s report could not be produced." in card
    assert "$99" not in card


def mark_failed(site: Path, period: str, region: str) -> None:
    (site / period).mkdir(parents=True, exist_ok=True)
    (site / period / f"{region}{FAILED_SUFFIX}").write_text("{}", encoding="utf-8")


def test_failed_report_links_this_months_earlier_run(tmp_path):
    publish(tmp_path, "2026-09", "na", kpis("na", "2026-09"))
    publish(tmp_path, "2026-10", "na", kpis("na", "2026-10", revenue=99.0))
    mark_failed(tmp_path, "2026-10", "na")
    card = latest_cards(build_index(tmp_path, PARAMS).read_text(encoding="utf-8"))["North America"]
    assert '<span class="badge badge-failed">Failed</span>' in card
    assert "This month’s report could not be produced." in card
    assert '<a href="2026-10/na.html">Last good report: October 2026, an earlier run' in card
    assert "$99" not in card  # the earlier run's figures are not shown as this run's


def test_failed_report_links_the_latest_good_earlier_month(tmp_path):
    publish(tmp_path, "2026-08", "na", kpis("na", "2026-08"))
    publish(tmp_path, "2026-09", "na", kpis("na", "2026-09"))
    mark_failed(tmp_path, "2026-09", "na")  # September failed too (its own earlier run aside)
    (tmp_path / "2026-09" / "na.html").unlink()
    mark_failed(tmp_path, "2026-10", "na")
    publish(tmp_path, "2026-10", "emea", kpis("emea", "2026-10"))
    page = build_index(tmp_path, PARAMS).read_text(encoding="utf-8")
    card = latest_cards(page)["North America"]
    assert '<a href="2026-08/na.html">Last good report: August 2026<' in card
    archive = page[page.index('id="archive-heading"') :]
    assert (
        'North America <span class="badge badge-failed">Failed</span>: <a href="2026-08/na.html">'
        in archive
    )


def test_failed_report_without_any_good_one_says_so(tmp_path):
    mark_failed(tmp_path, "2026-10", "na")
    card = latest_cards(build_index(tmp_path, PARAMS).read_text(encoding="utf-8"))["North America"]
    assert "Report not published" in card and "href" not in card


def test_kpis_for_another_month_are_not_shown(tmp_path):
    publish(tmp_path, "2026-10", "na", kpis("na", "2026-09", revenue=4_820_000.0))
    card = latest_cards(build_index(tmp_path, PARAMS).read_text(encoding="utf-8"))["North America"]
    assert "Figures unavailable." in card
    assert "4.8M" not in card


def test_report_without_html_has_no_link(tmp_path):
    folder = tmp_path / "2026-10"
    folder.mkdir()
    (folder / "na.kpis.json").write_text(json.dumps(kpis("na", "2026-10")), encoding="utf-8")
    card = latest_cards(build_index(tmp_path, PARAMS).read_text(encoding="utf-8"))["North America"]
    assert "<a " not in card
    assert "Report not published" in card


def test_empty_site(tmp_path):
    page = build_index(tmp_path / "new-site", PARAMS).read_text(encoding="utf-8")
    assert "No reports have been published yet." in page
    assert "Archive" not in page


def test_stylesheet_is_inlined_and_loads_nothing(page):
    assert "<style>" in page
    assert ".kpi-tiles" in page
    assert "<link" not in page
    assert "<script" not in page
    assert "@import" not in page


@pytest.mark.parametrize(
    ("attainment", "expected"),
    [
        (1.25, ("On target", "status-ok")),
        (1.0, ("On target", "status-ok")),
        (0.9999, ("Below target", "status-warn")),
        (0.9, ("Below target", "status-warn")),
        (0.8999, ("Well below target", "status-bad")),
        (0.0, ("Well below target", "status-bad")),
        (None, ("No target", "status-neutral")),
        (float("nan"), ("No target", "status-neutral")),
    ],
)
def test_attainment_status(attainment, expected):
    assert attainment_status(attainment) == expected


def test_thresholds():
    assert (ON_TARGET_MIN, BELOW_TARGET_MIN) == (1.0, 0.9)


def test_load_kpis_reads_a_good_file(tmp_path):
    path = tmp_path / "na.kpis.json"
    path.write_text(
        json.dumps(kpis("na", "2026-10", orders=12.0, target=10.0, extra_key="ignored")),
        encoding="utf-8",
    )
    loaded = load_kpis(path, region_id="na", period="2026-10")
    assert (loaded.revenue, loaded.target, loaded.orders, loaded.attainment) == (
        1000.0,
        10.0,
        12,
        None,
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"region": "emea"}, "'region' is 'emea'"),
        ({"period": "2026-09"}, "'period' is '2026-09'"),
        ({"status": "done"}, "'status' is 'done'"),
        ({"currency": "dollars"}, "'currency'"),
        ({"revenue": "1000"}, "'revenue' is '1000'"),
        ({"revenue": None}, "'revenue' is None"),
        ({"orders": True}, "'orders' is True"),
        ({"customers": 2.5}, "'customers' is 2.5"),
        ({"target": [1]}, "'target' is [1]"),
    ],
)
def test_load_kpis_refuses_bad_values(tmp_path, change, message):
    path = tmp_path / "na.kpis.json"
    path.write_text(json.dumps({**kpis("na", "2026-10"), **change}), encoding="utf-8")
    with pytest.raises(MalformedKpis, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_kpis(path, region_id="na", period="2026-10")


@pytest.mark.parametrize("text", ["[1, 2]", "", "{", "\udcff"])
def test_load_kpis_refuses_non_objects(tmp_path, text):
    path = tmp_path / "na.kpis.json"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    with pytest.raises(MalformedKpis):
        load_kpis(path, region_id="na", period="2026-10")


def test_load_kpis_missing_file(tmp_path):
    with pytest.raises(MalformedKpis, match="not found"):
        load_kpis(tmp_path / "na.kpis.json", region_id="na", period="2026-10")
