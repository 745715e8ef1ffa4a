"""A retailer's order-line export, as its system writes it, end to end.

The export (the shape of Tableau's "Sample - Superstore") has order id, dates, customer,
segment, region, product, category, sales, quantity, discount and profit, and nothing else: no
rep, channel, industry, list price, cost or line number, and no CRM tables. It loads through a
profile that renames what it has and computes cost as Sales − Profit, validates, and renders
every report; each report's revenue equals the sum of Sales worked out here from the file.
"""

import csv
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reportlib.cli import main
from reportlib.config import load_params

ROOT = Path(__file__).resolve().parents[1]
HEADER = [
    "Row ID",
    "Order ID",
    "Order Date",
    "Ship Date",
    "Ship Mode",
    "Customer ID",
    "Customer Name",
    "Segment",
    "Country",
    "City",
    "State",
    "Postal Code",
    "Region",
    "Product ID",
    "Category",
    "Sub-Category",
    "Product Name",
    "Sales",
    "Quantity",
    "Discount",
    "Profit",
]
PRODUCTS = [
    ("FUR-BO-10001798", "Furniture", "Bookcases", "Bush Somerset Collection Bookcase", 130.98),
    ("FUR-CH-10000454", "Furniture", "Chairs", "Hon Deluxe Fabric Chairs, Rounded Back", 243.98),
    ("OFF-LA-10000240", "Office Supplies", "Labels", "Self-Adhesive Address Labels", 7.31),
    ("OFF-PA-10002365", "Office Supplies", "Paper", "Xerox 1967", 15.55),
    ("TEC-PH-10002275", "Technology", "Phones", "Mitel 5320 IP Phone VoIP phone", 207.99),
    ("TEC-AC-10002167", "Technology", "Accessories", "Imation 8GB Mini TravelDrive USB 2.0", 45.0),
]
REGIONS = ["Central", "East", "South", "West"]
SEGMENTS = ["Consumer", "Corporate", "Home Office"]
PERIOD = "2026-10"


def write_superstore(path: Path, seed: int = 5) -> None:
    """About 1,900 order lines from January 2025 to October 2026, quoted as Excel writes CSV."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2025-01-01", "2026-10-31", freq="D")
    rows, row_id = [], 0
    for number in range(900):
        day = days[rng.integers(len(days))]
        region = REGIONS[number % 4]
        customer = int(rng.integers(60))
        order = f"{'CA' if number % 3 else 'US'}-{day.year}-{100000 + number * 37}"
        for _ in range(int(rng.integers(1, 4))):
            product = PRODUCTS[int(rng.integers(len(PRODUCTS)))]
            quantity = int(rng.integers(1, 8))
            discount = float(rng.choice([0, 0, 0.2, 0.45]))
            sales = round(product[4] * quantity * (1 - discount), 4)
            profit = round(sales * float(rng.uniform(-0.3, 0.45)), 4)
            row_id += 1
            rows.append(
                [
                    row_id,
                    order,
                    f"{day.month}/{day.day}/{day.year}",
                    f"{day.month}/{day.day}/{day.year}",
                    "Second Class",
                    f"CG-{12500 + customer}",
                    f"Customer {customer}",
                    SEGMENTS[customer % 3],
                    "United States",
                    "Henderson",
                    "Kentucky",
                    "42420",
                    region,
                    product[0],
                    product[1],
                    product[2],
                    product[3],
                    f"{sales:g}",
                    quantity,
                    f"{discount:g}",
                    f"{profit:g}",
                ]
            )
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(rows)


def retailer_params(folder: Path) -> Path:
    """params/ of the retailer: four regions in USD, its own segments, the example profile."""
    (folder / "regions").mkdir(parents=True)
    (folder / "mappings").mkdir()
    shutil.copy(ROOT / "params" / "mappings" / "retailer-example.yaml", folder / "mappings")
    (folder / "defaults.yaml").write_text(
        "company: {name: Superstore, currency: USD, locale: en_US}\n"
        "fx_rates: {USD: 1.0}\n"
        "vocabularies:\n  segments: [Consumer, Corporate, Home Office]\n"
        f"sections: [{', '.join(load_params(ROOT / 'params').defaults.sections)}]\n",
        encoding="utf-8",
    )
    for region in REGIONS:
        (folder / "regions" / f"{region.lower()}.yaml").write_text(
            f"name: {region}\ncurrency: USD\nlocale: en_US\n", encoding="utf-8"
        )
    (folder / "sources.yaml").write_text(
        "orders:\n  file: superstore.csv\n  mapping: retailer-example\n  date_format: '%m/%d/%Y'\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.slow
def test_retailer_export_renders_every_report_with_its_revenue(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    write_superstore(data / "superstore.csv")
    params = retailer_params(tmp_path / "params")
    out = tmp_path / "out"
    args = ["-q", "run", "--data", str(data), "--out", str(out), "--params", str(params)]
    assert main([*args, "--period", PERIOD, "--jobs", "1"]) == 0

    raw = pd.read_csv(data / "superstore.csv", dtype=str, keep_default_na=False)
    when = pd.to_datetime(raw["Order Date"], format="%m/%d/%Y")
    month = raw[(when >= "2026-10-01") & (when <= "2026-10-31")]
    sales = month["Sales"].astype(float)
    site = out / "site" / PERIOD
    for report in ["central", "east", "south", "west", "all"]:
        record = json.loads((site / f"{report}.kpis.json").read_text(encoding="utf-8"))
        mine = month if report == "all" else month[month["Region"] == report.title()]
        expected = float(sales[mine.index].sum())
        assert expected > 0
        assert record["revenue"] == pytest.approx(expected, abs=0.005), report
        assert record["orders"] == mine["Order ID"].nunique(), report
        profit = float(mine["Profit"].astype(float).sum())
        assert record["gross_margin_pct"] == pytest.approx(profit / expected), report
        html = (site / f"{report}.html").read_text(encoding="utf-8")
        assert "Traceback" not in html
    quality = json.loads(
        (out / "work" / PERIOD / "extracts" / "all" / "quality.json").read_text(encoding="utf-8")
    )
    orders = next(t for t in quality["tables"] if t["table"] == "orders")
    assert orders["input_rows"] == len(raw) and orders["quarantined"] == 0
    assert set(orders["not_delivered"]) == {"vertical", "rep_id", "channel"}
    assert orders["ignored_columns"] == [
        "Row ID", "Ship Date", "Ship Mode", "Country", "City", "State", "Postal Code",
        "Sub-Category",
    ]  # fmt: skip
