"""Reports when optional order columns are not delivered: the figures that need them are left
out, their sections say so, and kpis.json keeps every key with null.

One end-to-end run renders a retailer's export (no rep, channel, industry, segment, list price or
line number; no other table) for latam, which two tests read; the rest are unit tests without
kernels.
"""

import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from reportlib.analysis.kpis import collect_kpis
from reportlib.cli import main
from reportlib.config import load_params
from reportlib.formatting import Formatter
from reportlib.intake.data import Tables
from reportlib.report import ReportContext

ROOT = Path(__file__).resolve().parents[1]
OCT = pd.Period("2026-10", "M")
RETAILER = [
    "order_id", "order_date", "region", "customer_id", "customer_name", "product_id",
    "product_name", "category", "quantity", "discount_pct", "net_revenue", "cost", "currency",
]  # fmt: skip
"""The columns of a retailer's order export: the contract's mandatory ones and some optional."""
CHANNEL_KEYS = ("most_dilutive", "largest_leakage_increase", "largest_leakage_increase_change")


def _retailer_orders() -> pd.DataFrame:
    rows = [
        # order, date, customer, product, category, qty, discount, net revenue, cost
        ("S1", "2026-10-05", "C1", "P1", "Sensors", 2, 0.1, 180.0, 100.0),
        ("S2", "2026-10-20", "C2", "P2", "Software", 1, 0.0, 320.0, 80.0),
        ("S3", "2026-09-10", "C1", "P1", "Sensors", 1, 0.0, 100.0, 60.0),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "order_id", "order_date", "customer_id", "product_id", "category", "quantity",
            "discount_pct", "net_revenue", "cost",
        ],
    )  # fmt: skip
    frame = frame.assign(
        order_date=pd.to_datetime(frame["order_date"]),
        region="latam",
        customer_name="Name of " + frame["customer_id"],
        product_name="Name of " + frame["product_id"],
        currency="BRL",
        quantity=frame["quantity"].astype("Int64"),
    )
    text = ["order_id", "region", "customer_id", "customer_name", "product_id", "product_name"]
    return frame.astype(dict.fromkeys([*text, "category", "currency"], "string"))[RETAILER]


def _context(orders: pd.DataFrame) -> ReportContext:
    params = load_params(ROOT / "params")
    region = params.region("latam")
    return ReportContext(
        region=region,
        period=OCT,
        tables=Tables(orders=orders),
        fmt=Formatter(region.locale, region.currency),
        params=params,
    )


def test_collect_kpis_of_a_retailer_export():
    kpis = collect_kpis(_context(_retailer_orders()))
    # October: revenue 180 + 320 = 500, cost 100 + 80 = 180
    assert kpis["revenue"] == 500.0
    assert kpis["gross_margin_pct"] == pytest.approx(320 / 500)
    # trailing 12 months: revenue 600, cost 240
    assert kpis["gross_margin_pct_12m"] == pytest.approx(360 / 600)
    # no channel, no list price, no rep: null, and the keys are there
    for key in (*CHANNEL_KEYS, "discount_leakage", "median_rep_attainment", "target"):
        assert key in kpis and kpis[key] is None, key


def test_collect_kpis_without_cost_keeps_every_key_with_null():
    with_cost = collect_kpis(_context(_retailer_orders()))
    kpis = collect_kpis(_context(_retailer_orders().drop(columns="cost")))
    assert kpis.keys() == with_cost.keys()
    assert kpis["revenue"] == 500.0
    for key in ("gross_margin_pct", "gross_margin_pct_12m", "campaign_margin_pct", "romi"):
        assert kpis[key] is None, key


def test_company_currency_conversion_converts_only_the_money_columns_delivered():
    # intake.data.Tables.converted: the company report of an export without cost or list price
    orders = _retailer_orders().drop(columns="cost")
    out = Tables(orders=orders).converted({"BRL": 0.2}, "USD").orders
    assert list(out["net_revenue"]) == pytest.approx([36.0, 64.0, 20.0])
    assert "cost" not in out and "list_price" not in out
    assert set(out["currency"]) == {"USD"}


@pytest.fixture(scope="module")
def retailer_run(small_data, tmp_path_factory) -> tuple[Path, Path]:
    """The data and output folders of latam's October report rendered from a retailer's export:
    orders alone, in the :data:`RETAILER` columns of ``small_data``'s orders."""
    root = tmp_path_factory.mktemp("retailer")
    data, out = root / "retailer", root / "out"
    data.mkdir()
    export = pd.read_csv(small_data / "orders.csv", dtype=str, keep_default_na=False)[RETAILER]
    export.to_csv(data / "orders.csv", index=False)
    args = ["-q", "run", "--data", str(data), "--out", str(out), "--region", "latam"]
    assert main([*args, "--period", "2026-10", "--jobs", "1"]) == 0
    return data, out


@pytest.mark.slow
def test_a_retailer_export_renders_and_says_what_it_lacks(retailer_run):
    data, out = retailer_run
    executed = nbformat.read(out / "work" / "2026-10" / "executed" / "latam.ipynb", as_version=4)
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    errors = [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]
    assert errors == []
    html = (out / "site" / "2026-10" / "latam.html").read_text(encoding="utf-8")
    # latam reads Portuguese (issue #16); what each sentence leaves out is the notebook's words
    for sentence in (
        " depende dos dados de preço de tabela de cada linha de pedido, que esta exportação não "
        "traz.",  # discount leakage
        " depende dos dados de canal de vendas de cada linha de pedido, que esta exportação não "
        "traz.",  # gross margin by sales channel
        " depende dos dados de segmento do cliente de cada linha de pedido, que esta exportação "
        "não traz.",  # revenue by customer segment
        "Ausentes em orders.csv: número da linha, setor, segmento do cliente, vendedor, canal de "
        "vendas, preço de tabela. Os números que dependem dessas colunas foram omitidos.",
    ):
        assert sentence in html

    # the figures, worked out from the export with plain pandas
    rows = pd.read_csv(data / "orders.csv")
    latam = rows[(rows["region"] == "latam") & rows["order_date"].str.startswith("2026-10")]
    net, cost = latam["net_revenue"].sum(), latam["cost"].sum()
    record = json.loads((out / "site" / "2026-10" / "latam.kpis.json").read_text())
    assert record["revenue"] == pytest.approx(net)
    assert record["gross_margin_pct"] == pytest.approx((net - cost) / net)
    for key in CHANNEL_KEYS:
        assert key in record and record[key] is None, key


@pytest.mark.slow
def test_orders_alone_render_and_sections_say_what_they_need(retailer_run):
    _, out = retailer_run
    html = (out / "site" / "2026-10" / "latam.html").read_text(encoding="utf-8")
    # the sections none of whose data was delivered are left out of the page and its contents,
    # and the data-quality section names them
    # (latam reads Portuguese, issue #16: the sections' headings are their notebooks' words)
    for heading in ("Desempenho das equipes", "Concorrentes e mercado", "Campanhas e iniciativas"):
        assert f'id="{heading.replace(" ", "-")}"' not in html
        assert f'href="#{heading.replace(" ", "-")}"' not in html
    assert (
        "Ficaram de fora deste relatório porque seus dados não foram entregues: Desempenho das "
        "equipes (requer a tabela de vendedores ou a tabela de oportunidades); Concorrentes e "
        "mercado (requer a tabela de oportunidades ou a tabela de mercado); Atendimento ao "
        "cliente (requer a tabela de chamados de suporte ou a tabela de pesquisas com clientes); "
        "Campanhas e iniciativas (requer a tabela de campanhas)."
    ) in html
    # the sections with data stay, saying in a sentence what they lack
    assert 'id="Metas-e-receita"' in html and 'id="Previs%C3%A3o"' in html
    assert "A previsão pelo funil precisa da tabela de oportunidades." in html
    record = json.loads((out / "site" / "2026-10" / "latam.kpis.json").read_text())
    assert record["revenue"] > 0
    assert record["target"] is None and record["win_rate"] is None
