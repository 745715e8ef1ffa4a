"""A region's report sees the rest of the company through its CompanyView, however it is opened."""

from pathlib import Path

import pandas as pd
import pytest

from reportlib.intake.data import Tables
from reportlib.report import (
    BOUGHT_ELSEWHERE_FILE,
    COMPANY_VIEW_DIR,
    FIRST_SALES_FILE,
    CompanyView,
    open_report,
)
from reportlib.run.cut import write_extracts

ROOT = Path(__file__).resolve().parents[1]
P = pd.Period


def _orders(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows,
        columns=["order_date", "region", "customer_id", "product_id", "product_name", "revenue"],
    ).rename(columns={"revenue": "net_revenue"})
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    text = ["region", "customer_id", "product_id", "product_name"]
    return frame.astype(dict.fromkeys(text, "string")).assign(currency="USD")


@pytest.fixture
def company() -> Tables:
    # K1 buys in na, then in emea from March 2026; the Widget sells in emea from January 2024
    # and in na from February 2026, there under the code W2
    return Tables(
        orders=_orders(
            [
                ("2024-01-10", "emea", "K9", "W1", "Widget", 100.0),
                ("2024-02-10", "na", "K1", "S1", "Sensor", 50.0),
                ("2026-02-03", "na", "K2", "W2", "Widget", 70.0),
                ("2026-03-04", "emea", "K1", "S1", "Sensor", 80.0),
            ]
        )
    )


def test_the_view_of_a_region(company):
    view = CompanyView.for_regions(company.orders, ["na"])["na"]
    assert view.first_sales.to_dict("list") == {
        "product_id": ["S1", "W1", "W2"],
        "product_name": ["Sensor", "Widget", "Widget"],
        "first_sale": [P("2024-02", "M"), P("2024-01", "M"), P("2026-02", "M")],
    }
    assert view.bought_elsewhere.to_dict("list") == {
        "customer_id": ["K1"],
        "month": [P("2026-03", "M")],
    }


def test_a_run_writes_the_view_beside_each_region_and_the_report_reads_it(company, tmp_path):
    extracts = write_extracts(company, ["na", "emea", "all"], tmp_path)
    na = extracts["na"].folder
    view = na / COMPANY_VIEW_DIR
    assert (view / FIRST_SALES_FILE).is_file() and (view / BOUGHT_ELSEWHERE_FILE).is_file()
    assert not (extracts["all"].folder / COMPANY_VIEW_DIR).exists()  # the company sees itself
    ctx = open_report("na", "2026-03", na, ROOT / "params")
    assert set(ctx.tables.orders["region"]) == {"na"}
    pd.testing.assert_frame_equal(
        ctx.first_sales, CompanyView.for_regions(company.orders, ["na"])["na"].first_sales
    )
    assert ctx.bought_elsewhere.to_dict("list") == {
        "customer_id": ["K1"],
        "month": [P("2026-03", "M")],
    }
    company_ctx = open_report("all", "2026-03", extracts["all"].folder, ROOT / "params")
    assert company_ctx.first_sales is None and company_ctx.bought_elsewhere is None


def test_the_view_counts_in_the_manifest_key(company, tmp_path):
    before = write_extracts(company, ["na", "emea"], tmp_path / "a")
    # K1 stops buying in emea: na's own rows are the same, but what na can say is not
    orders = company.orders[company.orders["order_date"] < "2026-03-01"]
    after = write_extracts(Tables(orders=orders), ["na", "emea"], tmp_path / "b")
    assert before["na"].digest != after["na"].digest


def test_a_region_without_the_view_cannot_call_anything_new_to_the_company(company, tmp_path):
    extracts = write_extracts(company, ["na"], tmp_path)
    for name in (FIRST_SALES_FILE, BOUGHT_ELSEWHERE_FILE):
        (extracts["na"].folder / COMPANY_VIEW_DIR / name).unlink()
    ctx = open_report("na", "2026-03", extracts["na"].folder, ROOT / "params")
    assert ctx.company is None
    assert ctx.first_sales.empty
    assert ctx.bought_elsewhere is None
