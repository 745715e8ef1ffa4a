"""The customers, products, campaigns and market sentences and labels in Portuguese and Spanish.

Expectations worked out by hand from the catalogs' translations, with the numbers and months
of each locale (Babel): pt_BR writes 1.604 and 25,0%, es_MX 1,604 and 25.0%; both write the
month as "outubro de 2026" / "octubre de 2026".
"""

import pandas as pd
import pytest

from reportlib import i18n
from reportlib.analysis import campaigns as cp
from reportlib.analysis import customer_statements as cs
from reportlib.analysis import customers as cu
from reportlib.analysis import market as mk
from reportlib.analysis import product_statements as ps
from reportlib.analysis import products as pr
from reportlib.analysis.products import Launch
from reportlib.formatting import Formatter

P = pd.Period("2026-10", "M")
PT = Formatter("pt_BR", "BRL")
ES = Formatter("es_MX", "MXN")


# --- customers -------------------------------------------------------------------------------


def test_buyers_in_portuguese_and_spanish():
    kpis = {"active_customers": 1604, "new_customers": 1, "new_customer_revenue_share": 0.02}
    with i18n.use("pt-BR"):
        said = cs.buyers_sentence(kpis, P, PT, region="América Latina").text()
    assert said == (
        "1.604 clientes compraram nos 12 meses até outubro de 2026. 1 cliente comprou na região "
        "América Latina pela primeira vez em outubro de 2026, trazendo 2,0% da receita do mês."
    )
    kpis = {"active_customers": 1, "new_customers": 0, "new_customer_revenue_share": None}
    with i18n.use("es"):
        said = cs.buyers_sentence(kpis, P, ES).text()
    assert said == (
        "1 cliente compró en los 12 meses hasta octubre de 2026. Ningún cliente compró por "
        "primera vez en octubre de 2026."
    )


def test_retention_and_caption_in_portuguese_and_spanish():
    kpis = {
        "retention_rate": 0.75,
        "churn_rate": 0.25,
        "customers_at_start": 40,
        "customers_lost": 10,
        "nrr": 1.05,
        "grr": 0.9,
        "customers_moved": 0,
    }
    with i18n.use("pt-BR"):
        said = cs.retention_sentence(kpis, P, PT).text()
        caption = cs.top_customers_caption(10, 1604, P, PT)
    assert said == (
        "Dos 40 clientes que compraram nos 12 meses até outubro de 2025, 75,0% voltaram a "
        "comprar nos 12 meses até outubro de 2026; 10 não, uma taxa de perda de clientes de "
        "25,0%. A receita dessa coorte inicial chegou a 105,0% do nível de um ano antes "
        "(retenção líquida de receita), ou 90,0% contando só as perdas (retenção bruta de "
        "receita)."
    )
    assert caption == "Os 10 maiores de 1.604 clientes, 12 meses até outubro de 2026"
    with i18n.use("es"):
        assert cs.top_customers_caption(1, 1, P, ES) == (
            "El único cliente con ingresos, 12 meses hasta octubre de 2026"
        )
        assert cs.top_customers_caption(3, 3, P, ES) == (
            "Los 3 clientes con ingresos, de mayor a menor, 12 meses hasta octubre de 2026"
        )


def test_bridge_steps_are_shown_in_the_readers_language_and_kept_english_in_the_data():
    with i18n.use("pt-BR"):
        assert cu.step_label("Churned customers") == "Clientes perdidos"
        assert cu.step_label(cu.BRIDGE_STEPS[0]) == "Receita inicial"
        assert cu.step_label("Acme Ltda") == "Acme Ltda"  # a name stays as delivered
    with i18n.use("es"):
        assert cu.step_label(cu.MOVED_STEP) == "Pasaron a otra región"
        assert cu.step_label(cu.EXISTING_CUSTOMERS) == "Clientes existentes"
    assert cu.BRIDGE_STEPS[5] == "Churned customers"  # the data's label, whatever the language


# --- products --------------------------------------------------------------------------------


def test_new_product_in_portuguese_and_spanish():
    launch = Launch("Sensor X", pd.Period("2026-03", "M"))
    kpis = {"new_product_share": 0.05, "new_product_share_ly": None, "new_product_adopters": 1}
    with i18n.use("pt-BR"):
        said = ps.new_product_sentence(kpis, launch, P, PT)
    assert said is not None and said.text() == (
        "Sensor X, novo para a empresa (lançado em março de 2026), trouxe 5,0% da receita líquida "
        "em outubro de 2026; 1 cliente já o comprou até agora."
    )
    kpis["new_product_adopters"] = 3
    with i18n.use("es"):
        said = ps.new_product_sentence(kpis, launch, P, ES)
    assert said is not None and said.text() == (
        "Sensor X, nuevo para la empresa (lanzado en marzo de 2026), aportó el 5.0% de los "
        "ingresos netos en octubre de 2026; hasta ahora lo compraron 3 clientes."
    )


def test_one_channel_in_portuguese_and_spanish():
    orders = pd.DataFrame(
        {
            "order_date": pd.to_datetime(["2025-10-03", "2026-10-05"]),
            "net_revenue": [100.0, 200.0],
            "channel": pd.Series(["E-commerce", "E-commerce"], dtype="string"),
        }
    )
    with i18n.use("pt-BR"):
        assert pr.mix_too_few(orders, P, PT) == {
            "channel": "Todas as vendas de outubro de 2026 e de outubro de 2025 foram em um único "
            "canal de vendas, E-commerce: não há outro canal de vendas com o qual compará-lo."
        }
    with i18n.use("es"):
        assert pr.mix_too_few(orders.iloc[:0], P, ES) == {
            "channel": "No hubo ventas ni en octubre de 2026 ni en octubre de 2025, por lo que no "
            "hay nada que comparar por canal de ventas."
        }


# --- campaigns -------------------------------------------------------------------------------


def test_verdicts_and_the_spend_rule_in_portuguese_and_spanish():
    with i18n.use("pt-BR"):
        assert cp.verdict_words(cp.PAYS_BACK) == "se paga"
        assert cp.check_words(True) == "verificar o investimento"
        assert cp.check_spend_rule(PT) == (
            "Um retorno sobre o investimento em marketing acima de 10.000%, ou vindo de um "
            "investimento abaixo de 10% do investimento da campanha mediana, é marcado como "
            "“verificar o investimento”: retornos assim costumam indicar investimento lançado em "
            "outro lugar ou negócios atribuídos à campanha errada."
        )
    with i18n.use("es"):
        assert cp.verdict_words(cp.LOSES_MONEY) == "pierde dinero"
        assert cp.verdict_words(cp.NO_SPEND) == "sin inversión"
        assert cp.verdict_words(pd.NA) == ""
        assert cp.window_rule(ES) == (
            "Las campañas se evalúan cuando sus negocios ya tuvieron tiempo de cerrarse: el "
            "informe abarca las campañas que terminaron en los 12 meses hasta 5 meses antes del "
            "mes del informe."
        )
    assert cp.PAYS_BACK == "pays back"  # the data's verdict, whatever the language


@pytest.mark.parametrize(
    ("language", "fmt", "expected"),
    [
        (
            "pt-BR",
            PT,
            "Feira Sul é a única campanha avaliada com retorno sobre o investimento em marketing: "
            "um ROMI de −80%, então ela dá prejuízo.",
        ),
        (
            "es",
            ES,
            "Feira Sul es la única campaña evaluada con retorno de la inversión en marketing: un "
            "ROMI de −80%, así que pierde dinero.",
        ),
    ],
)
def test_one_rated_campaign_in_portuguese_and_spanish(language, fmt, expected):
    results = pd.DataFrame({"romi": [-0.8, float("nan")]}, index=["Feira Sul", "Webinar"])
    with i18n.use(language):
        assert cp.one_rated(results, fmt) == expected


# --- market ----------------------------------------------------------------------------------


def test_market_position_in_portuguese_and_spanish():
    kpis = {
        "market_share": 0.25,
        "relative_share": 0.6,
        "largest_rival": "Vantora",
        "price_index": 120.0,
    }
    with i18n.use("pt-BR"):
        assert mk.position_sentences(kpis, PT, P) == [
            "Em outubro de 2026 a empresa detinha 25,0% do mercado.",
            "Suas vendas foram 60,0% das do seu maior concorrente, Vantora.",
            "Seu índice de preço ficou em 120 (100 = preço médio dos concorrentes; acima de 100, "
            "a empresa é mais cara).",
        ]
    with i18n.use("es"):
        assert mk.position_sentences({"market_share": 0.25}, ES, P) == [
            "En octubre de 2026 la empresa tenía el 25.0% del mercado."
        ]


def test_too_few_to_compare_and_no_gain_in_portuguese_and_spanish():
    wins = mk.win_rate_by_competitor(None, P)
    with i18n.use("es"):
        assert mk.too_few_rivals(wins, ES, P) == (
            "Ningún negocio cerrado en los 12 meses hasta octubre de 2026 tuvo competidor, así que "
            "no hay tasa de cierre por competidor que comparar."
        )
        assert mk.too_few_groups(mk.win_rate_matrix(None, P), "type", P, ES) == (
            "Ningún negocio se cerró en los 12 meses hasta octubre de 2026, así que no hay tasas "
            "de cierre que comparar por tipo de negocio."
        )
    with i18n.use("pt-BR"):
        gain = mk.gain_sentence({}, mk.competitor_shares(None, P), PT, P)
        assert gain == (
            "Nenhum concorrente ganhou participação de mercado no ano, ou a tabela de mercado não "
            "foi fornecida."
        )
        assert mk.no_gain(gain)
        assert mk.too_few_companies(mk.competitor_shares(None, P), P, PT) == (
            "A tabela de mercado não traz vendas nos três meses até outubro de 2026, então não há "
            "participações de mercado para comparar."
        )


def test_market_labels_in_portuguese_and_spanish():
    with i18n.use("pt-BR"):
        assert mk.label(mk.NO_COMPETITOR) == "Sem concorrente"
        assert mk.label(mk.NOT_GIVEN) == "Não informado"
        assert mk.label("Vantora") == "Vantora"  # a competitor's name stays as delivered
    with i18n.use("es"):
        assert mk.label(mk.ALL) == "General"
    assert mk.NO_COMPETITOR == "No competitor"  # the data's label, whatever the language
