"""What the page's own code writes, in Portuguese and Spanish (issue #16): tiles, the
data-quality texts, the recommendations' framing, table cells, the footer, the title, the
downloads' own words. Each expectation is worked out by hand from the catalogs' translations."""

import csv
from datetime import UTC, datetime
from types import SimpleNamespace

import nbformat
import pandas as pd
from openpyxl import load_workbook

from reportlib import i18n, present
from reportlib.analysis.recommendations import Recommendation
from reportlib.config import Region
from reportlib.formatting import Formatter
from reportlib.intake.data import TableSummary
from reportlib.intake.schema import column_label
from reportlib.report import DataQuality, ReportContext
from reportlib.run.sections import LeftOut
from reportlib.site import downloads as dl
from reportlib.site.provenance import Provenance, footer_html

PT = Formatter("pt_BR", "BRL")
ES = Formatter("es_MX", "MXN")
KPIS = {
    "revenue": 950.0,
    "target": 1000.0,
    "attainment": 0.95,  # below target (0.95 < 1)
    "gross_margin_pct": 0.5,
    "mom_growth": 0.1,
    "yoy_growth": -0.2,
    "pipeline_coverage": 2.0,
    "win_rate": 0.25,  # needs 1 ÷ 25% = 4.0× coverage: 2.0× is short of it
}


def _quality(**kwargs) -> DataQuality:
    return DataQuality(
        (TableSummary("orders", "orders.csv", 10, 9, 1, not_delivered=("rep_id", "cost")),),
        **kwargs,
    )


# --- tiles ---------------------------------------------------------------------------------------


def test_tiles_in_portuguese():
    with i18n.use("pt-BR"):
        html = present.kpi_tiles(KPIS, PT).data
    assert '<p class="label">Receita</p><p class="value">R$\xa0950</p>' in html
    assert "+10,0% vs. mês anterior" in html
    assert "−20,0% vs. mesmo mês do ano anterior" in html
    assert '<p class="label">Atingimento da meta</p><p class="value">95,0%</p>' in html
    assert '<p class="status">Abaixo da meta</p>' in html
    assert '<p class="label">Margem bruta</p><p class="value">50,0%</p>' in html
    assert '<p class="label">Cobertura do funil</p><p class="value">2,0×</p>' in html
    assert '<p class="status">Abaixo do necessário (4,0×)</p>' in html
    assert "necessário: 1 ÷ taxa de conversão de 25%" in html
    assert "oportunidades em aberto ÷ meta restante deste trimestre" in html


def test_tiles_in_spanish():
    with i18n.use("es"):
        html = present.kpi_tiles(KPIS, ES).data
    assert '<p class="label">Ingresos</p><p class="value">$950</p>' in html
    assert "−20.0% vs. mismo mes del año anterior" in html  # es_MX writes 20.0%
    assert '<p class="label">Cumplimiento de la meta</p>' in html
    assert '<p class="status">Por debajo de la meta</p>' in html
    assert '<p class="label">Cobertura del embudo</p>' in html
    assert '<p class="status">Por debajo de lo necesario (4.0×)</p>' in html
    assert "necesario: 1 ÷ tasa de cierre de 25%" in html


def test_a_tile_without_cost_says_so_in_portuguese():
    kpis = {"revenue": 950.0, "gross_margin_pct": None}
    with i18n.use("pt-BR"):
        html = present.kpi_tiles(kpis, PT, ("cost",)).data
    assert '<p class="label">Margem bruta</p><p class="value">Sem dados</p>' in html
    assert "requer o custo de cada linha de pedido, que não foi entregue" in html


def test_region_strip_in_portuguese():
    standing = pd.DataFrame(
        {"name": ["Brasil"], "attainment": [0.95], "attainment_ytd": [None]},
        index=pd.Index(["br"]),
    )
    with i18n.use("pt-BR"):
        html = present.region_strip(standing, PT).data
    assert "Mês 95,0% · Abaixo da meta" in html
    assert "Acumulado no ano: Sem meta" in html


# --- data quality --------------------------------------------------------------------------------


def test_data_quality_texts_in_portuguese():
    quality = _quality(left_out=(LeftOut("Pricing", ("reps", "orders.rep_id")),))
    with i18n.use("pt-BR"):
        assert present.not_delivered_note(quality).data == (
            "<p>Ausentes em orders.csv: vendedor, custo. Os números que dependem dessas colunas "
            "foram omitidos.</p>"
        )
        assert present.left_out_note(quality).data == (
            "<p>Ficaram de fora deste relatório porque seus dados não foram entregues: Pricing "
            "(requer a tabela de vendedores ou o campo vendedor de cada linha de pedido).</p>"
        )
        assert present.needs_sentence("Margem bruta", ["cost", "channel"]) == (
            "Margem bruta depende dos dados de custo e canal de vendas de cada linha de pedido, "
            "que esta exportação não traz."
        )
        banner = present.provisional_banner(DataQuality((), ("2 linhas sem cliente",))).data
    assert "<strong>Números provisórios.</strong>" in banner
    assert 'Detalhes: <a href="validation/index.html">validação dos dados</a>.' in banner


def test_data_quality_texts_in_spanish():
    one = DataQuality((TableSummary("targets", "targets.csv", 5, 5, 0, not_delivered=("cost",)),))
    with i18n.use("es"):
        assert present.not_delivered_note(one).data == (
            "<p>No incluida en targets.csv: costo. Se omiten las cifras que dependen de ella.</p>"
        )
        assert present.needs_sentence("Margen bruto", ["cost", "channel"]) == (
            "Margen bruto requiere los datos de costo y canal de ventas de cada línea de pedido, "
            "que esta exportación no incluye."
        )
        html = present.quality_table(_quality(), ES).data
    assert (
        "<caption>Filas leídas de cada archivo: filas leídas = aceptadas + en cuarentena</caption>"
    ) in html
    assert '<th scope="col">Tabla</th><th scope="col" class="text">Archivo</th>' in html
    assert '<th scope="row">Pedidos</th>' in html


# --- table cells and recommendations -------------------------------------------------------------


def test_missing_cells_and_flags_in_portuguese():
    frame = pd.DataFrame({"won": [True, None], "share": [0.5, None]}, index=pd.Index(["a", "b"]))
    columns = {"won": ("Ganha", present.yes_no), "share": ("Participação", PT.pct)}
    with i18n.use("pt-BR"):
        html = present.table(frame, columns, caption="Negócios", index_label="Negócio").data
    assert '<td class="text" data-label="Ganha">sim</td>' in html
    assert '<td class="text" data-label="Ganha">n/d</td>' in html
    assert '<td class="num" data-label="Participação">n/d</td>' in html
    assert "n/a" not in html
    assert present.yes_no(None) == "n/a"  # the Formatter's MISSING, which code compares


def test_recommendations_framing_in_portuguese_and_spanish():
    recs = [Recommendation(1, "Revise os descontos.", "Conter descontos", 12_000.0)]
    with i18n.use("pt-BR"):
        html = present.recommendation_details(recs, PT).data
        empty = present.top_recommendations([], title="Recomendações").data
    assert '<span class="badge">Agir já</span>' in html
    assert "Em jogo: R$\xa012\xa0mil." in html  # Babel: no-break spaces
    assert empty == "<p>Recomendações: sem recomendações neste mês.</p>"
    with i18n.use("es"):
        assert present.recommendation_details([], ES).data == "<p>Sin recomendaciones este mes.</p>"
        html = present.recommendation_details([Recommendation(3, "Vigilar.")], ES).data
    assert '<span class="badge">Monitorear</span>' in html


# --- formatting, title, footer -------------------------------------------------------------------


def test_points_and_title_in_the_reports_language():
    ctx = SimpleNamespace(
        region=SimpleNamespace(name="América Latina"), fmt=PT, period=pd.Period("2026-10", "M")
    )
    with i18n.use("pt-BR"):
        assert PT.points(0.063) == "+6,3 p.p."
        assert ReportContext.title.fget(ctx) == (
            "Relatório de vendas — América Latina — outubro de 2026"
        )
    with i18n.use("es"):
        assert ES.points(-0.063, signed=False) == "6.3 p.p."
    assert PT.points(0.063) == "+6,3 pp"  # English: the unit as before


PROV = Provenance(
    inputs=(("orders.csv", "abc123"),),
    commit="f00ba47",
    versions=(("pandas", "2.2.3"), ("seaborn", "not installed")),
    started=datetime(2026, 11, 2, 7, 5, tzinfo=UTC),
)
LATAM = Region(id="latam", name="América Latina", currency="BRL", locale="pt_BR")


def test_footer_in_portuguese_spanish_and_english():
    period = pd.Period("2026-10", "M")
    with i18n.use("pt-BR"):
        assert footer_html(LATAM, period, "provisional", PROV) == (
            "<p>Período outubro de 2026 · região América Latina (latam) · dados provisórios · "
            '<a href="validation/index.html">validação dos dados</a></p>'
            "<p>Arquivos de entrada: orders.csv <code>abc123</code></p>"
            "<p>Gerado em 2026-11-02 07:05 UTC a partir da versão <code>f00ba47</code> do código, "
            "com pandas 2.2.3, seaborn não instalado.</p>"
        )
    with i18n.use("es"):
        html = footer_html(LATAM, period, "fresh", PROV)
    # a Brazilian region read in Spanish: the month in Spanish too (Formatter.words_locale)
    assert html.startswith(
        "<p>Período octubre de 2026 · región América Latina (latam) · datos actualizados · "
        '<a href="validation/index.html">validación de los datos</a></p>'
    )
    assert "con pandas 2.2.3, seaborn no instalado.</p>" in html
    assert footer_html(LATAM, period, "fresh", PROV).startswith(
        "<p>Period October 2026 · region América Latina (latam) · data fresh · "
        '<a href="validation/index.html">data validation</a></p><p>Inputs: orders.csv'
    )


# --- downloads -----------------------------------------------------------------------------------


def _record(language: str) -> dict:
    frame = pd.DataFrame({"change": [0.063]}, index=pd.Index(["Brasil"]))
    with i18n.use(language):
        return dl.table_record(
            frame, {"change": ("Variação", PT.points)}, caption="Margem", index_label="Região"
        )


def test_download_links_follow_the_records_language():
    record = _record("pt-BR")
    assert record["language"] == "pt-BR"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("## Margem"),
        nbformat.v4.new_code_cell(""),
    ]
    nb.cells[1].outputs = [
        nbformat.v4.new_output("display_data", data={dl.TABLE_MIMETYPE: record}),
        nbformat.v4.new_output(
            "display_data", data={"text/html": "<table><caption>Margem</caption></table>"}
        ),
    ]
    out = dl.with_links(nb, "latam", [record])  # written in English, the record's language wins
    top = out.cells[0].outputs[0]["data"]["text/html"]
    assert top == (
        '<p class="report-downloads"><a href="latam.xlsx" download>Baixar todas as tabelas '
        "(Excel)</a> · 1 tabela, uma aba</p>"
    )
    table = out.cells[2].outputs[1]["data"]["text/html"]
    assert ">Baixar CSV<span" in table


def test_workbook_and_csv_words_in_spanish(tmp_path):
    record = _record("es")
    dl.write_downloads([record, record], tmp_path, "latam", title="Informe")
    wb = load_workbook(tmp_path / "latam.xlsx")
    assert wb.sheetnames == ["Contenido", "01 Margem", "02 Margem"]
    assert [wb["Contenido"].cell(3, c).value for c in (1, 2)] == ["Hoja", "Tabla"]
    assert wb["01 Margem"]["B3"].number_format.startswith('"+"0.0" p.p."')
    with (tmp_path / "latam-tables" / "01-margem.csv").open(encoding="utf-8-sig") as f:
        header = next(csv.reader(f, delimiter=";"))  # pt_BR numbers: ";" separates
    assert header == ["Região", "Variação (p.p.)"]


def test_every_input_table_has_its_words():
    # a table added to the data contract without them would read "a tabela tickets"
    from reportlib.intake.schema import TABLES

    assert set(present.TABLE_WORDS) == set(TABLES) == set(present.TABLE_NAMES)
    with i18n.use("es"):
        assert present.need_words("tickets") == "la tabla de casos de soporte"
        assert (
            present.need_words("orders.channel")
            == "el campo canal de ventas de cada línea de pedido"
        )
    with i18n.use("pt-BR"):
        assert present.need_words("surveys") == "a tabela de pesquisas com clientes"


def test_a_tickets_column_not_delivered_reads_as_a_support_word():
    quality = DataQuality(
        (TableSummary("tickets", "tickets.csv", 4, 4, 0, not_delivered=("channel",)),)
    )
    with i18n.use("pt-BR"):
        assert present.not_delivered_note(quality).data == (
            "<p>Ausente em tickets.csv: canal de atendimento. Os números que dependem dessa "
            "coluna foram omitidos.</p>"
        )
        assert present.need_words("tickets.csat_rating") == (
            "a tabela de chamados de suporte, coluna nota de CSAT"
        )
    assert present.need_words("tickets.priority") == (
        "the priority column of the support tickets table"
    )
    assert column_label("channel") == "sales channel"  # an order line's
