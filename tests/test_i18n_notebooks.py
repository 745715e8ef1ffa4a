"""The section notebooks in the reader's language: their Markdown cells and headings, their
table captions and column labels, and the sentences they took out of their cells (issue #16).

Expectations are written by hand, as a Brazilian or Latin American reader reads them; amounts
and rates come from Babel (``R$ 52 mil``, ``25,0%``), with its no-break spaces."""

import pandas as pd
import pytest

from reportlib import i18n
from reportlib.analysis import campaign_statements, deal_statements, market_statements
from reportlib.analysis.forecast import model_statements
from reportlib.formatting import Formatter

BR = Formatter("pt_BR", "BRL")
MX = Formatter("es_MX", "MXN")
OCTOBER = pd.Period("2026-10", "M")
DEALS = {
    "closed_deals": 40,
    "win_rate": 0.25,
    "win_rate_value": 0.3,
    "avg_deal_size": 52_000.0,
    "sales_cycle_days": 61,
    "open_qualified_deals": 12,
    "sales_velocity": 4_100.0,
}


@pytest.mark.parametrize(
    ("language", "source", "translated"),
    [
        ("pt-BR", "## Team performance", "## Desempenho das equipes"),
        ("es", "## Team performance", "## Desempeño de los equipos"),
        ("pt-BR", "Team performance", "Desempenho das equipes"),  # the heading alone
        ("es", "Forecast", "Pronóstico"),
        (
            "pt-BR",
            "### Last month's forecast against the actual",
            "### A previsão do mês passado vs. o realizado",
        ),
    ],
)
def test_markdown_cells_and_headings_are_translated(language, source, translated):
    with i18n.use(language):
        assert i18n.translate_markdown(source) == translated


def test_a_whole_markdown_cell_is_swapped_for_its_translation():
    cell = (
        "Only account executives carry a target; a team's revenue also counts its manager's own\n"
        "sales. Individual reps appear only in their own region's report."
    )
    with i18n.use("pt-BR"):
        assert i18n.translate_markdown(cell) == (
            "Só os executivos de contas têm meta; a receita de uma equipe também inclui as vendas "
            "do próprio\ngerente. Os vendedores aparecem individualmente apenas no relatório da "
            "sua região."
        )
    with i18n.use("es"):
        assert i18n.translate_markdown(cell).startswith(
            "Solo los ejecutivos de cuentas tienen meta"
        )


def test_the_glossary_reads_in_the_directors_terms():
    with open(i18n.LOCALE_DIR.parents[2] / "notebooks" / "glossary.py", encoding="utf-8") as f:
        lines = [line for line in f.read().split("# %% [markdown]\n", 1)[1].splitlines()]
    cell = "\n".join(line[2:] if line.startswith("# ") else line.lstrip("#") for line in lines)
    with i18n.use("pt-BR"):
        text = i18n.translate_markdown(cell)
        assert text.startswith("## Glossário\n\n- **Receita**: receita líquida faturada")
        assert "- **Cobertura do funil**:" in text and "- **Taxa de conversão**:" in text
    with i18n.use("es"):
        text = i18n.translate_markdown(cell)
        assert text.startswith("## Glosario\n\n- **Ingresos**: ingresos netos facturados")
        assert "- **Cobertura del embudo**:" in text and "### Cómo evalúa el informe" in text


def test_column_labels_and_captions():
    with i18n.use("pt-BR"):
        assert i18n.pgettext("column", "Share") == "Participação"
        assert i18n.pgettext("forecast category", "Best Case") == "Melhor cenário"
        caption = i18n._("Sales teams, fiscal year to {month}, lowest attainment first")
        assert caption.format(month="outubro de 2026") == (
            "Equipes de vendas, ano fiscal até outubro de 2026, menor atingimento primeiro"
        )
        assert (
            i18n.ngettext(
                "Campaign list ({n} campaign)", "Campaign list ({n} campaigns)", 1
            ).format(n="1")
            == "Lista de campanhas (1 campanha)"
        )
    with i18n.use("es"):
        assert i18n.pgettext("column", "Share") == "Participación"
        assert i18n.pgettext("forecast category", "Commit") == "Compromiso"
        assert (
            i18n.ngettext(
                "Campaign list ({n} campaign)", "Campaign list ({n} campaigns)", 14
            ).format(n="14")
            == "Lista de campañas (14 campañas)"
        )


def test_deal_sentences_in_portuguese():
    with i18n.use("pt-BR"):
        said = [s.text() for s in deal_statements.deal_sentences(DEALS, BR)]
        none_closed = deal_statements.no_deal_closed(BR)
    assert said == [
        "Nos últimos 3 meses, 40 negócios foram fechados e 25,0% deles foram ganhos "
        "(30,0% em valor).",
        "O negócio ganho médio vale R$\xa052\xa0mil e levou 61 dias da criação ao fechamento.",
        "Com 12 negócios qualificados em aberto, o funil deve render cerca de R$\xa04,1\xa0mil "
        "por dia.",
    ]
    assert none_closed == "Nenhum negócio foi fechado nos últimos 3 meses."


def test_one_deal_closed_is_said_in_the_singular():
    one = {**DEALS, "closed_deals": 1, "win_rate": 1.0, "win_rate_value": 1.0}
    with i18n.use("es"):
        said = deal_statements.deal_sentences(one, MX)[0].text()
    assert said == (
        "En los últimos 3 meses se cerró 1 negocio, y la tasa de cierre fue de 100.0% "
        "(100.0% en valor)."
    )
    with i18n.use("en"):
        assert deal_statements.deal_sentences(one, BR)[0].template.startswith(
            "Over the last {months} months {closed} deal closed,"
        )


def test_win_matrix_titles_by_deal_type_in_a_region_and_by_region_for_the_company():
    with i18n.use("pt-BR"):
        summary, caption = market_statements.win_matrix_titles(True, BR, OCTOBER)
    assert summary.startswith("Taxa de conversão contra cada concorrente por tipo de negócio")
    assert caption.endswith("negócios fechados nos 12 meses até outubro de 2026")
    with i18n.use("es"):
        summary, _caption = market_statements.win_matrix_titles(False, MX, OCTOBER)
        base = market_statements.base_rate_sentence({"win_rate_no_competitor": 0.42}, MX, OCTOBER)
    assert summary == (
        "Tasa de cierre frente a cada competidor por región, y por qué se perdieron negocios: "
        "dos tablas"
    )
    assert base.text() == (
        "La empresa ganó 42.0% de los negocios sin competidor en los 12 meses hasta "
        "octubre de 2026."
    )


def test_campaign_results_in_portuguese_one_campaign():
    kpis = {
        "campaigns": 1,
        "campaign_spend": 120_000.0,
        "cost_per_lead": 85.5,
        "attributed_pipeline": 2_400_000.0,
        "attributed_revenue": 900_000.0,
        "roas": 7.5,  # 900,000 ÷ 120,000
        "campaign_margin_pct": 0.4,
        "romi": 2.0,  # (900,000 × 0.4 − 120,000) ÷ 120,000
        "worst_campaign": "Feira SP",
        "worst_campaign_romi": 2.0,
    }
    window = {"first": "janeiro de 2026", "last": "maio de 2026"}
    with i18n.use("pt-BR"):
        said = [s.text() for s in campaign_statements.results_sentences(kpis, BR, window, None)]
    assert said == [
        "1 campanha terminou entre janeiro de 2026 e maio de 2026.",
        "O investimento foi de R$\xa0120\xa0mil, R$\xa086 por contato.",
        "O funil atribuído somou R$\xa02,4\xa0mi, dos quais R$\xa0900\xa0mil foram ganhos: um "
        "retorno sobre o investimento em mídia (ROAS, receita ÷ investimento) de 750%.",
        "Descontado o custo das mercadorias, com margem bruta de 40,0%, o retorno sobre o "
        "investimento em marketing (ROMI) é de +200%.",
        "A pior é Feira SP, com ROMI de +200%.",
    ]


def test_campaign_spend_without_a_cost_per_lead_and_one_rated_campaign():
    kpis = {"campaigns": 3, "campaign_spend": 50_000.0, "cost_per_lead": None}
    with i18n.use("es"):
        said = campaign_statements.results_sentences(
            kpis, MX, {"first": "enero de 2026", "last": "mayo de 2026"}, "Solo una."
        )
    assert said[0].text() == "3 campañas terminaron entre enero de 2026 y mayo de 2026."
    assert said[1].text() == "La inversión fue de $50\xa0k."
    assert said[-1].text() == "Solo una."


class _Backtested:
    """The parts of a RevenueForecast the model sentences read."""

    model = "seasonal_naive"
    model_label = "Sazonal"
    forecast = pd.DataFrame(
        {"forecast": [1_960_000.0], "lo80": [1_700_000.0], "hi80": [2_020_000.0]},
        index=pd.PeriodIndex(["2026-11"], freq="M"),
    )
    backtest = pd.DataFrame(index=range(12))

    def backtest_wape(self, model=None):
        return 0.081


def test_model_sentences_in_portuguese():
    with i18n.use("pt-BR"):
        chosen = model_statements.chosen_model_sentence(_Backtested(), BR)
        missed = model_statements.backtest_sentence(_Backtested(), BR)
    assert chosen.text() == (
        "Modelo escolhido: Sazonal. A previsão para novembro de 2026 é de R$\xa01,96\xa0mi "
        "(intervalo de previsão de 80%: R$\xa01,7\xa0mi a R$\xa02,02\xa0mi)."
    )
    assert missed.text() == (
        "Ao prever cada um dos últimos 12 meses a partir dos meses anteriores, errou 8,1% da "
        "receita (WAPE); a referência ingênua sazonal errou 8,1%."
    )


def test_the_published_latam_report_reads_its_sections_in_portuguese(published):
    """The run swaps each Markdown cell for its translation and the cells' code writes
    Portuguese; the company's report stays English."""
    latam = (published / "site" / "2026-10" / "latam.html").read_text(encoding="utf-8")
    company = (published / "site" / "2026-10" / "all.html").read_text(encoding="utf-8")
    for text in (
        "Desempenho das equipes",  # a heading
        "Só os executivos de contas têm meta",  # a whole Markdown cell
        "Equipes de vendas, ano fiscal até outubro de 2026, menor atingimento primeiro",
        "Glossário",
        "Cobertura do funil",
    ):
        assert text in latam, text
    for english in ("Team performance", "Only account executives carry a target", "Glossary"):
        assert english not in latam, english
        assert english in company, english
