"""The profitability, team and forecast texts in Portuguese and Spanish, worked out by hand.

Each module's sentences and labels, read in ``pt-BR`` (Brazilian formatter) and in ``es``
(Mexican formatter), against texts written out here; the values that logic compares (verdicts,
flags, forecast categories, tenure bands, views, kpis.json's note) stay English in the data and
are translated only where they are shown.
"""

import numpy as np
import pandas as pd
import pytest

from reportlib import i18n
from reportlib.analysis import forecast as fc
from reportlib.analysis import profitability as prof
from reportlib.analysis import profitability_statements as said
from reportlib.analysis import team
from reportlib.analysis.forecast import statements
from reportlib.formatting import Formatter

P = pd.Period
OCT = P("2026-10", "M")
PT = Formatter("pt_BR", "BRL")
ES = Formatter("es_MX", "MXN")


def _orders() -> pd.DataFrame:
    """Two channels, two years: leakage 16.3% against 14.0%, Partner's up most (2.6 pp)."""
    columns = ["order_date", "channel", "rep_id", "quantity", "list_price", "net_revenue", "cost"]
    rows = [
        ("2026-10-05", "Direct", "R1", 10, 100.0, 800.0, 500.0),
        ("2026-06-05", "Partner", "R2", 10, 100.0, 874.0, 600.0),
        ("2025-10-05", "Direct", "R1", 10, 100.0, 820.0, 500.0),
        ("2025-06-05", "Partner", "R2", 10, 100.0, 900.0, 600.0),
    ]
    frame = pd.DataFrame(rows, columns=columns)
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    for column in ("channel", "rep_id"):
        frame[column] = frame[column].astype("string")
    frame["quantity"] = frame["quantity"].astype("Int64")
    return frame


def _texts(sentences) -> list[str]:
    return [s.text() for s in sentences]


# --- profitability_statements ------------------------------------------------------------------


def test_leakage_sentences_in_portuguese_and_spanish():
    figures = prof.profitability_kpis(_orders(), OCT)
    with i18n.use("pt-BR"):
        assert _texts(said.leakage_sentences(figures, OCT, PT, by_channel=True)) == [
            "Nos 12 meses até outubro de 2026, os descontos consumiram 16,3% do valor de tabela, "
            "contra 14,0% nos 12 meses anteriores (+2,3 p.p.).",
            "A perda com descontos subiu mais, em 2,6 p.p., no canal Partner.",
        ]
    with i18n.use("es"):
        assert _texts(said.leakage_sentences(figures, OCT, ES, by_channel=True)) == [
            "En los 12 meses hasta octubre de 2026, los descuentos se llevaron 16.3% del valor de "
            "lista, frente a 14.0% en los 12 meses anteriores (+2.3 p.p.).",
            "La fuga por descuentos subió más, en 2.6 p.p., en el canal Partner.",
        ]


def test_no_mix_sentence_in_portuguese():
    with i18n.use("pt-BR"):
        assert said.no_mix_sentence(PT).text() == (
            "Sem efeito de composição: nenhuma mudança de participação de um canal moveu a "
            "margem bruta de 12 meses em 0,05 p.p. ou mais, por isso a tabela omite o efeito de "
            "composição."
        )


def test_a_top_ten_caption_in_portuguese_and_spanish():
    reps = pd.concat([_orders().iloc[[0]]] * 12, ignore_index=True)
    reps["rep_id"] = pd.array([f"R{k:02d}" for k in range(1, 13)], dtype="string")
    rep = said.MARGIN_COMPARISONS[-1]
    with i18n.use("pt-BR"):
        assert said.margin_view(reps, rep, OCT, PT).caption == (
            "Margem bruta por vendedor, outubro de 2026 e últimos 12 meses: os 10 maiores de 12 "
            "pela receita de 12 meses"
        )
    with i18n.use("es"):
        assert said.margin_view(reps, rep, OCT, ES).caption == (
            "Margen bruto por vendedor, octubre de 2026 y últimos 12 meses: los 10 mayores de 12 "
            "por ingresos de 12 meses"
        )
    # the table's header, as the report shows it
    with i18n.use("es"):
        assert i18n._(rep.label) == "Vendedor"


# --- profitability -----------------------------------------------------------------------------


def test_verdicts_stay_english_in_the_data_and_are_shown_translated():
    with i18n.use("pt-BR"):
        assert prof.DILUTIVE == "dilutive growth"  # the charts and most_dilutive compare it
        assert prof.verdict_label(prof.DILUTIVE) == "crescimento que dilui a margem"
        assert prof.verdict_label(prof.LOW_MARGIN_LAGGING) == "margem baixa, perdendo participação"
        assert prof.verdict_label("Direct") == "Direct"
    with i18n.use("es"):
        assert prof.verdict_label(prof.ACCRETIVE) == "crecimiento que eleva el margen"
        assert prof.verdict_label(prof.NO_SALES) == "sin ventas"


# --- team --------------------------------------------------------------------------------------


def test_rep_spread_and_lowest_team_in_portuguese_and_spanish():
    kpis = {
        "reps_with_target": 12,
        "median_rep_attainment": 0.95,
        "p10_rep_attainment": 0.6,
        "p90_rep_attainment": 1.2,
        "share_reps_at_target": 0.25,
    }
    teams = pd.DataFrame({"attainment": [0.8, 1.1]}, index=pd.Index(["Norte", "Sul"], name="team"))
    with i18n.use("pt-BR"):
        assert team.rep_spread(kpis, PT) == (
            "Entre os 12 executivos de contas com meta neste ano fiscal, a mediana do atingimento "
            "da meta no acumulado do ano é 95,0% (P10 60,0%, P90 120,0%), e 25,0% deles estão em "
            "100% ou acima."
        )
        assert team.lowest_team(teams, PT) == (
            "Norte tem o menor atingimento da meta no acumulado do ano entre as 2 equipes: 80,0% "
            "da meta."
        )
    with i18n.use("es"):
        assert team.rep_spread({**kpis, "reps_with_target": 1}, ES) == (
            "El único ejecutivo de cuentas con meta en este año fiscal está en 95.0% de su meta "
            "acumulada del año."
        )
        assert team.lowest_team(teams, ES) == (
            "Norte tiene el menor cumplimiento de la meta en el acumulado del año entre los 2 "
            "equipos: 80.0% de su meta."
        )


def test_outlier_rule_flags_and_bands_in_portuguese_and_spanish():
    with i18n.use("pt-BR"):
        assert team.outlier_rule(PT) == (
            "Um vendedor é sinalizado quando seu atingimento da meta no acumulado do ano fica "
            "abaixo do percentil 10 (P10) ou acima do percentil 90 (P90) dos vendedores com meta; "
            "um vendedor com menos de 3 negócios fechados no ano fiscal não é classificado pela "
            "taxa de conversão."
        )
        assert team.flag_label("above P90") == "acima do P90"
        assert team.flag_label("") == ""
        assert team.tenure_label(team.UNKNOWN_TENURE) == "data de contratação desconhecida"
        assert team.distribution_label(team.ALL_REPS) == "Todos os vendedores"
    with i18n.use("es"):
        assert team.flag_label("below P10") == "por debajo del P10"
        assert team.tenure_label("over 12 months") == "más de 12 meses"
        assert team.rep_population(False) == (
            "Todo recuento de vendedores en esta sección se refiere a los mismos vendedores, cada "
            "uno una vez: los ejecutivos de cuentas con meta en el acumulado del año fiscal, "
            "incluidos los que se fueron en ese período."
        )
    # English: the rule as it always read
    assert team.outlier_rule(Formatter("en_US", "USD")) == team.OUTLIER_RULE


def test_one_band_of_tenure_names_the_band_in_the_readers_language():
    ramp = pd.DataFrame(
        {"reps": [0, 4, 0, 0, 1]},
        index=pd.Index([b for _, b in team.TENURE_BUCKETS] + [team.UNKNOWN_TENURE]),
    )
    with i18n.use("pt-BR"):
        assert team.too_few_tenures(ramp) == (
            "Os executivos de contas com meta e data de contratação conhecida estão todos na mesma "
            "faixa de tempo de casa, 4–6 meses: não há curva de produtividade a comparar entre "
            "faixas."
        )


# --- forecast: statements and caveats ----------------------------------------------------------


def _landings(quarter: dict, year: dict) -> pd.DataFrame:
    base = {"start": P("2026-10", "M"), "end": P("2026-12", "M"), "months_left": 2}
    rows = {"quarter": {**base, **quarter}, "year": {**base, "start": P("2026-01", "M"), **year}}
    return pd.DataFrame.from_dict(rows, orient="index")


def test_the_issues_landing_in_portuguese_and_spanish():
    frame = _landings(
        {"landing": 21_270_000.0, "target": 16_350_000.0, "probability": 0.989},
        {"landing": 65_360_000.0, "target": 62_510_000.0, "probability": 0.8975},
    )
    pipeline = {"commit_forecast": 10_400_000.0, "best_case_forecast": 17_080_000.0}
    with i18n.use("pt-BR"):
        out = fc.landing_sentences(frame, 0.19, pipeline, PT)
        assert out["quarter"].text() == (
            "O trimestre fiscal (outubro de 2026 a dezembro de 2026) deve fechar em "
            "R$\xa021,3\xa0mi contra uma meta de R$\xa016,4\xa0mi, com probabilidade de mais de "
            "95% de atingi-la. Este fechamento previsto está acima da previsão de melhor cenário "
            "do funil, de R$\xa017,1\xa0mi: conta com receita que nenhum negócio do funil "
            "sustenta ainda."
        )
        assert out["year"].text() == (
            "O ano fiscal (janeiro de 2026 a dezembro de 2026) deve fechar em R$\xa065,4\xa0mi "
            "contra uma meta de R$\xa062,5\xa0mi, com probabilidade de 90% de atingi-la."
        )
        assert out["backtest"].text() == (
            "O modelo por trás destes fechamentos previstos errou em 19,0% da receita no teste "
            "retroativo, mais do que os 10% a partir dos quais este relatório alerta: os "
            "fechamentos previstos e suas probabilidades são apenas uma indicação aproximada."
        )
    with i18n.use("es"):
        out = fc.landing_sentences(frame, 0.05, pipeline, ES)
        assert out["year"].text() == (
            "El año fiscal (enero de 2026 a diciembre de 2026) tiene un cierre previsto de "
            "$65.4\xa0M frente a una meta de $62.5\xa0M, con una probabilidad de 90% de alcanzarla."
        )
        assert "backtest" not in out


def test_stated_probability_in_a_table_cell():
    statement = fc.LandingStatement("probability", "below", 0.05)
    with i18n.use("pt-BR"):
        assert fc.stated_probability_text(statement, PT) == "menos de 5%"
    with i18n.use("es"):
        assert fc.stated_probability_text(statement, ES) == "menos de 5%"
        exact = fc.LandingStatement("probability", "exact", 0.6725)
        assert fc.stated_probability_text(exact, ES) == "67%"


def test_pipeline_sentences_in_spanish():
    pipeline = {
        "commit_forecast": 4_000_000.0,
        "closed_won_qtd": 1_000_000.0,
        "best_case_forecast": 6_000_000.0,
        "weighted_pipeline": 2_500_000.0,
    }
    with i18n.use("es"):
        assert _texts(statements.pipeline_sentences(pipeline, None, ES)) == [
            "El embudo sitúa el trimestre entre $4\xa0M (pronóstico de compromiso: $1\xa0M ganados "
            "hasta ahora más los negocios en Compromiso) y $6\xa0M (pronóstico de mejor "
            "escenario).",
            "Ponderados por la probabilidad de la etapa, los negocios que cierran en el resto del "
            "trimestre valen $2.5\xa0M.",
        ]


def test_last_forecast_and_track_record_in_portuguese():
    last = pd.Series(
        {
            "made_in": P("2026-09", "M"),
            "forecast": 80.0,
            "actual": 100.0,
            "error_pct": -0.2,
            "inside80": False,
            "inside95": True,
        }
    )
    with i18n.use("pt-BR"):
        assert statements.last_forecast_sentence(last, OCT, PT).text() == (
            "Em setembro de 2026, a previsão para outubro de 2026 foi de R$\xa080; o realizado "
            "foi R$\xa0100 (erro de previsão de −20,0% sobre o realizado), fora do intervalo de "
            "previsão de 80%, mas dentro do de 95%."
        )
    no_error = last.copy()
    no_error["error_pct"] = np.nan  # an actual of 0: no error as a share of it
    with i18n.use("es"):
        assert statements.last_forecast_sentence(no_error, OCT, ES).text() == (
            "En septiembre de 2026 se pronosticaron $80 para octubre de 2026; el valor real fue "
            "$100, fuera del intervalo de predicción del 80%, pero dentro del de 95%."
        )


# --- forecast: models, backtest, kpis, categories, landings, scorecard -------------------------


def test_model_names_roles_and_notes_in_the_readers_language_kpis_in_english():
    series = pd.Series([100.0, 120.0], index=pd.period_range("2026-09", periods=2, freq="M"))
    forecast = fc.forecast_revenue(series)
    one = fc.forecast_revenue(series.iloc[1:])
    with i18n.use("pt-BR"):
        assert fc.model_label("seasonal_naive") == "Ingênuo sazonal"
        assert forecast.model_label == "Mês médio"
        assert forecast.note == (  # kpis.json's forecast_note: English
            "only 2 month(s) of history: the forecast is the average month, without backtest, "
            "intervals or probabilities"
        )
        assert forecast.note_text() == (
            "apenas 2 meses de histórico: a previsão é o mês médio, sem teste retroativo, "
            "intervalos nem probabilidades"
        )
        assert one.note_text().startswith("apenas 1 mês de histórico:")
    with i18n.use("es"):
        assert fc.model_label("drift") == "Deriva (paseo aleatorio con deriva)"
        assert fc.model_label(None) == "n/d"
        assert one.note_text().startswith("solo 1 mes de historial:")


def test_accuracy_table_reads_in_portuguese():
    y = 100.0 + 10.0 * np.sin(np.arange(20) * 2 * np.pi / 12)
    series = pd.Series(y, index=pd.period_range("2025-03", periods=20, freq="M"))
    forecast = fc.forecast_revenue(series)
    with i18n.use("pt-BR"):
        table = fc.accuracy_table(forecast)
    chosen = fc.model_label(forecast.model)  # English, outside the block
    assert forecast.model in ("seasonal_naive", "drift")
    roles = dict(zip(table.index, table["role"], strict=True))
    if forecast.model == "seasonal_naive":
        assert chosen == "Seasonal naïve" and roles == {
            "Ingênuo sazonal": "escolhido, referência",
            "Deriva (passeio aleatório com deriva)": "",
        }
    else:
        assert roles == {
            "Deriva (passeio aleatório com deriva)": "escolhido",
            "Ingênuo sazonal": "referência",
        }


def test_categories_and_views_stay_english_in_the_data():
    with i18n.use("pt-BR"):
        table = fc.forecast_categories(None, OCT)
        assert list(fc.CATEGORIES) == ["Closed", "Commit", "Most Likely", "Best Case", "Pipeline"]
        assert [fc.category_label(c) for c in fc.CATEGORIES] == [
            "Fechado",
            "Compromisso",
            "Mais provável",
            "Melhor cenário",
            "Funil",
        ]
        assert fc.category_label("Omitted") == "Omitido"
        assert fc.view_label("Time-series landing") == "Fechamento previsto da série temporal"
        assert table.empty
    with i18n.use("es"):
        assert [fc.category_label(c) for c in ("Commit", "Best Case", "Pipeline", "Closed")] == [
            "Compromiso",
            "Mejor escenario",
            "Embudo",
            "Cerrado",
        ]
        assert fc.view_label("Best-case forecast") == "Pronóstico de mejor escenario"
        assert fc.view_label("Target") == "Meta"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "pt-BR",
            "a previsão feita em 2026-09 está em USD, não em BRL, por isso não é comparada",
        ),
        (
            "es",
            "el pronóstico hecho en 2026-09 está en USD, no en BRL, por lo que no se compara",
        ),
    ],
)
def test_a_forecast_in_another_currency_is_not_compared_said_in_the_readers_language(
    language, expected
):
    history = fc.history_from_records(
        [
            {
                "region": "latam",
                "made_in": "2026-09",
                "currency": "USD",
                "model": "drift",
                "rows": [
                    {"month": "2026-10", "forecast": 90.0, "lo80": 80.0, "hi80": 100.0,
                     "lo95": 70.0, "hi95": 110.0},
                ],
            }
        ]
    )  # fmt: skip
    actual = pd.Series([100.0], index=pd.PeriodIndex([OCT], freq="M"))
    with i18n.use(language):
        assert fc.track_record(history, actual, OCT, "BRL").note == expected
