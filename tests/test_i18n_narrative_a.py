"""The takeaways, highlights, summary, recommendations and comparison sentences in Portuguese and
Spanish.

Expectations worked out by hand from the catalogs' translations, with the numbers and months of
each locale (Babel): pt_BR writes 1.000 and 105,0%, es_MX 1,000 and 105.0%; the months read
"outubro de 2026" / "octubre de 2026". Plural forms (CLDR): in pt_BR 0 and 1 take the first
form, in es only 1 does.
"""

import numpy as np
import pandas as pd
import pytest

from reportlib import i18n
from reportlib.analysis import comparisons, highlights, recommendations, takeaways
from reportlib.formatting import Formatter
from reportlib.intake.data import TableSummary

OCT = pd.Period("2026-10", "M")
PT = Formatter("pt_BR", "BRL")
ES = Formatter("es_MX", "MXN")


def trend(revenue: list[float], target: list[float]) -> pd.DataFrame:
    """``revenue_vs_target``'s shape: months ending in October 2026."""
    months = pd.period_range(end=OCT, periods=len(revenue), freq="M", name="month")
    out = pd.DataFrame({"revenue": revenue, "target": target}, index=months)
    out["attainment"] = (out["revenue"] / out["target"]).where(out["target"] > 0)
    return out


# --- takeaways -------------------------------------------------------------------------------


def test_targets_takeaway_in_portuguese_and_spanish():
    # 90/100, 120/100, 105/100: October 105.0%; 2 of the 3 months met their target
    run = trend([90.0, 120.0, 105.0], [100.0, 100.0, 100.0])
    with i18n.use("pt-BR"):
        said = takeaways.targets_takeaway(run, PT).text()
    assert said == (
        "Em outubro de 2026, a receita atingiu 105,0% da meta; a meta foi atingida em 2 dos 3 "
        "meses exibidos que têm meta."
    )
    with i18n.use("es"):
        said = takeaways.targets_takeaway(run, ES).text()
    assert said == (
        "En octubre de 2026, los ingresos alcanzaron el 105.0% de la meta; la meta se cumplió en "
        "2 de los 3 meses mostrados que tienen meta."
    )


def test_targets_takeaway_without_a_target_states_the_revenue_in_portuguese():
    with i18n.use("pt-BR"):
        said = takeaways.targets_takeaway(trend([1.0, 1_200_000.0], [np.nan, np.nan]), PT)
    assert said.text() == (
        "A receita de outubro de 2026 foi de R$\u00a01,2\u00a0mi; não há meta definida para o mês."
    )


def teams(attainment: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame({"attainment": attainment}).rename_axis("team").sort_values("attainment")


@pytest.mark.parametrize(
    ("attainment", "pt", "es"),
    [
        (  # 1 of 2 at target: the singular form in both languages
            {"Norte": 1.1, "Sul": 0.95},
            "1 das 2 equipes está na meta ou acima dela no acumulado do ano fiscal; a mais baixa, "
            "Sul, está em 95,0%.",
            "1 de los 2 equipos está en su meta o por encima de ella en el acumulado del año "
            "fiscal; el más bajo, Sul, está en el 95.0%.",
        ),
        (  # 2 of 3: the plural form
            {"Norte": 1.02, "Sul": 0.9, "Leste": 1.0},
            "2 das 3 equipes estão na meta ou acima dela no acumulado do ano fiscal; a mais "
            "baixa, Sul, está em 90,0%.",
            "2 de los 3 equipos están en su meta o por encima de ella en el acumulado del año "
            "fiscal; el más bajo, Sul, está en el 90.0%.",
        ),
    ],
)
def test_team_takeaway_plural_forms(attainment, pt, es):
    with i18n.use("pt-BR"):
        assert takeaways.team_takeaway(teams(attainment), PT).text() == pt
    with i18n.use("es"):
        assert takeaways.team_takeaway(teams(attainment), ES).text() == es


def test_mix_takeaway_names_the_dimension_in_the_readers_language():
    mix = pd.DataFrame(
        {"share": {"Web": 0.45, "Direct": 0.55}, "share_ly": {"Web": 0.3, "Direct": 0.7}}
    )
    mix["mix_shift"] = mix["share"] - mix["share_ly"]
    with i18n.use("pt-BR"):
        said = takeaways.mix_takeaway({"sales channel": mix}, OCT, PT).text()
    assert said == (
        "A maior mudança na composição da receita: a participação de Web (canal de vendas) "
        "passou de 30,0% em outubro de 2025 para 45,0% em outubro de 2026."
    )
    with i18n.use("es"):
        said = takeaways.mix_takeaway({"sales channel": mix}, OCT, ES).text()
    assert said == (
        "El mayor cambio en la composición de los ingresos: la participación de Web (canal de "
        "ventas) pasó del 30.0% en octubre de 2025 al 45.0% en octubre de 2026."
    )


def test_quality_takeaway_one_row_is_singular_in_portuguese_and_spanish():
    tables = [TableSummary("orders", "orders.csv", 200, 199, 1)]
    with i18n.use("pt-BR"):
        assert takeaways.quality_takeaway(tables, PT).text() == (
            "1 de 200 linhas de entrada foi colocada em quarentena (0,5%), em orders.csv."
        )
    with i18n.use("es"):
        assert takeaways.quality_takeaway(tables, ES).text() == (
            "1 de 200 filas de entrada se puso en cuarentena (0.5%), en orders.csv."
        )


def test_campaigns_takeaway_in_spanish():
    results = pd.DataFrame(
        {"spend": [10, 10, 10], "revenue": [5, 5, 5], "romi": [0.5, 0.0, -0.2]},
        index=["C0", "C1", "C2"],
    )
    with i18n.use("es"):
        said = takeaways.campaigns_takeaway(
            results, pd.Period("2025-06", "M"), pd.Period("2026-05", "M"), ES
        ).text()
    assert said == (
        "2 de las 3 campañas finalizadas entre junio de 2025 y mayo de 2026 con retorno conocido "
        "se pagaron, una vez descontado el costo de la mercancía vendida."
    )


# --- highlights and the summary --------------------------------------------------------------


def test_summary_in_portuguese_and_spanish():
    kpis = {
        "revenue": 960.0, "target": 1000.0, "attainment": 0.96, "gross_margin_pct": 0.5,
        "attainment_qtd": 0.9, "attainment_ytd": 1.05,
    }  # fmt: skip
    with i18n.use("pt-BR"):
        said = highlights.summary(kpis, PT, "América Latina", OCT, regional=True)
    assert said == (
        "América Latina faturou R$\u00a0960 em outubro de 2026, 96,0% da meta de "
        "R$\u00a01\u00a0mil, com margem bruta de 50,0%. No acumulado do trimestre, a região está "
        "em 90,0% da meta; no acumulado do ano, em 105,0%."
    )
    with i18n.use("es"):
        said = highlights.summary(kpis, ES, "Latinoamérica", OCT, regional=False)
    assert said == (
        "Latinoamérica facturó $960 en octubre de 2026, el 96.0% de su meta de $1\u00a0k, con un "
        "margen bruto del 50.0%. En el acumulado del trimestre, la empresa está en el 90.0% de "
        "la meta; en el acumulado del año, en el 105.0%."
    )


def test_highlights_in_portuguese():
    kpis = {
        "revenue": 5_683_841.5, "yoy_growth": 0.259,
        "nrr": 1.04, "churn_rate": 0.12,
        "new_product": "Insight Cloud", "new_product_share": 0.25,
    }  # fmt: skip
    with i18n.use("pt-BR"):
        said = highlights.highlights(kpis, PT)
    assert said == [
        "Receita de R$\u00a05,7\u00a0mi, +25,9% vs. o mesmo mês do ano anterior.",
        "Os clientes mantiveram 104% da receita em relação ao ano anterior (retenção líquida de "
        "receita, NRR); 12,0% deles deixaram de comprar.",
        "Insight Cloud trouxe 25,0% da receita do mês.",
    ]


def test_regions_furthest_ahead_and_behind_in_spanish():
    standing = pd.DataFrame(
        {
            "name": ["Norte", "Sur"],
            "revenue_ytd": [1200.0, 600.0],
            "target_ytd": [1000.0, 1000.0],
            "attainment_ytd": [1.2, 0.6],
        },
        index=["n", "s"],
    )
    with i18n.use("es"):
        said = highlights.highlights({}, ES, standing=standing)
    assert said == [
        "Sur es la región más rezagada: el 60.0% de su meta en el acumulado del año; le faltan "
        "$400.",
        "Norte es la región más adelantada: el 120.0% de su meta en el acumulado del año.",
    ]


def test_highlights_rule_in_portuguese_counts_with_the_formatter():
    with i18n.use("pt-BR"):
        assert highlights.highlights_rule(PT).startswith(
            "Os destaques do resumo (no máximo 5) dão o mesmo peso a notícias boas e ruins"
        )


# --- recommendations -------------------------------------------------------------------------


def test_pipeline_recommendation_in_portuguese_and_spanish():
    kpis = {"attainment_qtd": 0.71, "pipeline_coverage": 1.4, "win_rate": 1 / 3}
    with i18n.use("pt-BR"):
        [rec] = recommendations.recommend(kpis, PT, "América Latina")
    assert rec.text == (
        "América Latina está em 71% da meta no acumulado do trimestre, com cobertura do funil de "
        "1,4×: abaixo dos 3,0× que a taxa de conversão de 33% exige. Gerar novas oportunidades "
        "para o funil já."
    )
    assert rec.headline == "Reforçar o funil: cobertura de 1,4× contra os 3,0× necessários"
    with i18n.use("es"):
        [rec] = recommendations.recommend(kpis, ES, "Latinoamérica")
    assert rec.headline == "Reforzar el embudo: cobertura de 1.4× frente a las 3.0× necesarias"


@pytest.mark.parametrize(
    ("lost", "pt"),
    [
        (
            1,
            "A retenção líquida de receita (NRR) está em 92%, com 1 cliente perdido para a "
            "empresa, uma taxa de perda de clientes de 18,0%: fazer uma campanha de retenção com "
            "essa conta.",
        ),
        (
            3,
            "A retenção líquida de receita (NRR) está em 92%, com 3 clientes perdidos para a "
            "empresa, uma taxa de perda de clientes de 18,0%: fazer uma campanha de retenção com "
            "essas contas.",
        ),
    ],
)
def test_retention_recommendation_plural_forms_in_portuguese(lost, pt):
    kpis = {"nrr": 0.92, "churn_rate": 0.18, "customers_lost": lost}
    with i18n.use("pt-BR"):
        [rec] = recommendations.recommend(kpis, PT, "X")
    assert rec.text == pt
    assert rec.headline == "Fazer uma campanha de retenção: retenção líquida de receita de 92%"


def test_lagging_region_recommendation_in_spanish():
    # region_standing's shape: Andes 500 of 1,000 in October and the year to date, Brasil on target
    standing = pd.DataFrame(
        {
            "name": ["Andes", "Brasil"],
            "revenue": [500.0, 1000.0],
            "target": [1000.0, 1000.0],
            "attainment": [0.5, 1.0],
            "revenue_ytd": [500.0, 1000.0],
            "target_ytd": [1000.0, 1000.0],
            "attainment_ytd": [0.5, 1.0],
        },
        index=pd.Index(["a", "b"], name="region"),
    )
    with i18n.use("es"):
        [rec] = recommendations.recommend({}, ES, "Empresa", standing=standing)
    assert rec.text == (
        "Andes está en el 50% de su meta en el acumulado del año; le faltan $500 (50% en el "
        "mes): revisar el embudo de la región y planificar los meses restantes con su líder de "
        "ventas."
    )
    assert rec.headline == "Devolver Andes a la meta: faltan $500 en el acumulado del año"


def test_ranking_rule_is_shown_translated():
    with i18n.use("es"):
        assert i18n._(recommendations.RANKING_RULE).startswith(
            "Las recomendaciones se ordenan por el monto en juego, de mayor a menor"
        )


# --- comparisons -----------------------------------------------------------------------------


def test_one_member_in_portuguese_agrees_with_the_member():
    with i18n.use("pt-BR"):
        channel = comparisons.too_few_members(
            ["Direto"], "sales channel", comparisons.month_span(OCT, PT, 12)
        )
        region = comparisons.too_few_members(["Brasil"], "region", comparisons.month_span(OCT, PT))
    assert channel == (
        "Todas as vendas dos 12 meses até outubro de 2026 foram em um único canal de vendas, "
        "Direto: não há outro canal de vendas com o qual compará-lo."
    )
    assert region == (
        "Todas as vendas de outubro de 2026 foram em uma única região, Brasil: não há outra "
        "região com a qual compará-la."
    )


def test_no_member_in_spanish_over_two_months_a_year_apart():
    with i18n.use("es"):
        said = comparisons.too_few_members([], "industry", comparisons.year_apart_span(OCT, ES))
    assert said == (
        "No hubo ventas ni en octubre de 2026 ni en octubre de 2025, por lo que no hay nada que "
        "comparar por sector."
    )


def test_a_member_given_in_the_readers_language_is_found():
    # a caller that passes the member already translated gets the same whole sentence
    with i18n.use("es"):
        said = comparisons.too_few_members(
            ["Directo"], i18n._("sales channel"), comparisons.month_span(OCT, ES, 24)
        )
    assert said == (
        "Todas las ventas de los 24 meses hasta octubre de 2026 fueron en un solo canal de "
        "ventas, Directo: no hay otro canal de ventas con el cual compararlo."
    )


def test_comparison_rule_in_portuguese():
    with i18n.use("pt-BR"):
        assert "só é feita quando pelo menos 2 deles tiveram vendas" in (
            comparisons.comparison_rule(PT)
        )


def test_english_is_unchanged():
    assert comparisons.too_few_members(
        ["Direct"], "sales channel", comparisons.month_span(OCT, Formatter("en_US", "USD"), 12)
    ) == (
        "All sales in the 12 months to October 2026 were in one sales channel, Direct: there is "
        "no other sales channel to compare it with."
    )
