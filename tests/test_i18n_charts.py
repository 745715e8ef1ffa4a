"""Charts in the reader's language (issue #16): titles, axes, legends, labels, alt text, months.

Each expectation is written by hand from the catalogs' Portuguese and Spanish and from Babel's
month abbreviations ("out. 25" in pt_BR, "oct 25" in es_MX); English runs in the other chart tests.
"""

from datetime import datetime

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from reportlib import i18n
from reportlib.analysis import forecast as fc
from reportlib.analysis import profitability as prof
from reportlib.analysis.market import NO_COMPETITOR
from reportlib.charts import MonthTicks, month_label, month_labels, quarter_label
from reportlib.charts import campaigns as campaign_charts
from reportlib.charts import customers as customer_charts
from reportlib.charts import forecast as forecast_charts
from reportlib.charts import market as market_charts
from reportlib.charts import products as product_charts
from reportlib.charts import profitability as profitability_charts
from reportlib.charts import revenue as revenue_charts
from reportlib.charts import team as team_charts
from reportlib.formatting import Formatter

PT = Formatter("pt_BR", "BRL")
ES = Formatter("es_MX", "MXN")
EN = Formatter("en_US", "USD")
OCT = pd.Period("2026-10", "M")
YEAR = pd.period_range("2025-10", "2026-10", freq="M", name="month")


def x_ticks(ax) -> list[str]:
    ax.figure.draw_without_rendering()
    return [t.get_text() for t in ax.get_xticklabels()]


def y_ticks(ax) -> list[str]:
    ax.figure.draw_without_rendering()
    return [t.get_text() for t in ax.get_yticklabels()]


def legend_texts(figure) -> list[str]:
    return [t.get_text() for legend in figure.legends for t in legend.get_texts()]


# months on an axis: Babel's abbreviation in the formatter's locale, never strftime's English


def test_month_label_is_babels_abbreviation_in_the_reports_words():
    october = pd.Period("2025-10", "M")
    assert month_label(october, EN) == "Oct 25"
    with i18n.use("pt-BR"):
        assert month_label(october, PT) == "out. 25"
        assert month_labels(pd.period_range("2026-01", "2026-02", freq="M"), PT) == [
            "jan. 26",
            "fev. 26",
        ]
    with i18n.use("es"):
        assert month_label(october, ES) == "oct 25"
        # a Brazilian region read in Spanish: Spanish month names (Formatter.words_locale)
        assert month_label(october, PT) == "oct 25"


def test_month_ticks_of_a_date_axis_follow_the_report_when_the_chart_is_made():
    october = mdates.date2num(datetime(2025, 10, 1))
    with i18n.use("pt-BR"):
        ticks = MonthTicks(PT)
    with i18n.use("es"):
        spanish = MonthTicks(ES)
    assert ticks(october) == "out. 25"  # drawn later, still in the report's words
    assert spanish(october) == "oct 25"
    assert MonthTicks(EN)(october) == "Oct 25"


def test_quarter_label_is_babels_in_the_reports_words():
    q4 = pd.Period("2024Q4", "Q")
    assert quarter_label(q4, EN) == "Q4 2024"
    with i18n.use("pt-BR"):
        assert quarter_label(q4, PT) == "T4 2024"
    with i18n.use("es"):
        assert quarter_label(q4, ES) == "T4 2024"


# revenue


def _revenue() -> pd.DataFrame:
    return pd.DataFrame({"revenue": 100.0, "target": 150.0}, index=YEAR)


def test_revenue_chart_in_portuguese():
    with i18n.use("pt-BR"):
        chart = revenue_charts.revenue_vs_target(_revenue(), PT)
    ax = chart.figure.axes[0]
    ticks = x_ticks(ax)  # 13 months, each labelled
    assert ticks[0] == "out. 25" and ticks[3] == "jan. 26" and ticks[-1] == "out. 26"
    assert ax.get_ylabel() == "Receita líquida (BRL)"
    assert legend_texts(chart.figure) == ["Meta", "Receita"]  # the line, then the bars
    assert chart.alt.startswith(
        "Gráfico de barras da receita líquida mensal de outubro de 2025 a outubro de 2026, com a "
        "meta como linha tracejada. outubro de 2026: "
    )


def test_revenue_chart_in_spanish():
    with i18n.use("es"):
        chart = revenue_charts.revenue_vs_target(_revenue(), ES)
        margins = revenue_charts.margin_bars(
            pd.DataFrame({"gross_margin_pct": [0.2, 0.45]}, index=pd.Index(["Partner", "Direct"])),
            ES,
            "Canal",
        )
    ax = chart.figure.axes[0]
    assert x_ticks(ax)[0] == "oct 25" and x_ticks(ax)[-1] == "oct 26"
    assert ax.get_ylabel() == "Ingresos netos (MXN)"
    assert legend_texts(chart.figure) == ["Meta", "Ingresos"]
    assert margins.figure.axes[0].get_xlabel() == "Margen bruto %"
    assert margins.alt == (
        "Gráfico de barras horizontales del margen bruto % por canal: de Partner, con 20.0%, a "
        "Direct, con 45.0%."
    )


# campaigns


def _campaigns(romi: list[float]) -> pd.DataFrame:
    names = [f"Campanha {i}" for i in range(len(romi))]
    return pd.DataFrame(
        {"spend": 1000.0, "revenue": 5000.0, "romi": romi},
        index=pd.Index(names, name="campaign"),
    )


def test_romi_bars_in_portuguese():
    with i18n.use("pt-BR"):
        chart = campaign_charts.romi_bars(_campaigns([-0.968, 1.5, 0.25]), PT)
    labels = {t.get_text().strip() for t in chart.figure.axes[0].texts}
    assert {"−97%: dá prejuízo", "+150%: se paga", "+25%: se paga"} <= labels
    assert chart.alt.startswith(
        "Gráfico de barras divergentes do retorno sobre o investimento em marketing (ROMI) por "
        "campanha: 2 de 3 campanhas se pagam e 1 dá prejuízo. Pior: Campanha 0, com −97% ("
    )
    assert "Melhor: Campanha 1, com +150%." in chart.alt
    assert chart.figure.axes[0].get_xlabel() == (
        "ROMI: (receita atribuída × margem bruta − investimento) ÷ investimento"
    )


def test_romi_bars_in_spanish_count_the_losers_in_the_plural_and_say_what_is_shown():
    with i18n.use("es"):
        chart = campaign_charts.romi_bars(_campaigns([-0.5, -0.2, 1.0, 2.0]), ES, max_bars=3)
    assert "2 de 4 campañas se pagan y 2 pierden dinero." in chart.alt
    note = "Las 3 campañas con el menor ROMI, de 4"
    assert chart.figure.axes[0].get_title(loc="left") == note
    assert chart.alt.endswith(f" {note}.")


def test_romi_bars_when_every_campaign_pays_back_say_so_whole():
    # not "11 de 11 campanhas se pagam e 0 dá prejuízo"
    with i18n.use("pt-BR"):
        alt = campaign_charts.romi_bars(_campaigns([0.5, 1.5, 2.0]), PT).alt
    assert alt.startswith(
        "Gráfico de barras divergentes do retorno sobre o investimento em marketing (ROMI) por "
        "campanha: todas as 3 campanhas se pagam. Pior: Campanha 0, com +50% ("
    )
    assert "dá prejuízo" not in alt


# customers


def test_cohort_heatmap_in_portuguese_names_quarters_the_brazilian_way():
    cohorts = pd.period_range("2025Q3", "2025Q4", freq="Q", name="cohort")
    matrix = pd.DataFrame(
        [[1.0, 0.5], [1.0, float("nan")]],
        index=cohorts,
        columns=pd.Index(range(2), name="quarters_since_first"),
    )
    sizes = pd.Series([10, 20], index=cohorts)
    with i18n.use("pt-BR"):
        chart = customer_charts.cohort_heatmap(matrix, PT, sizes)
    ax = chart.figure.axes[0]
    assert y_ticks(ax) == ["T3 2025 (10)", "T4 2025 (20)"]
    assert ax.get_xlabel() == "Trimestres desde a primeira compra"
    assert ax.get_ylabel() == "Trimestre da primeira compra (clientes)"
    assert chart.alt == (
        "Mapa de calor da parcela de clientes novos que compraram em cada trimestre após a "
        "primeira compra, para 2 coortes trimestrais de clientes que compraram pela primeira vez "
        "entre julho de 2025 e dezembro de 2025. Na média das coortes, 50,0% compraram no "
        "trimestre seguinte."
    )


def test_customer_bridge_in_portuguese():
    steps = [
        "Starting revenue",
        "New customers",
        "Returning customers",
        "Expansion",
        "Contraction",
        "Churned customers",
        "Ending revenue",
    ]
    bridge = pd.DataFrame(
        {"amount": [1000.0, 200.0, 50.0, 100.0, -80.0, -120.0, 1150.0]},
        index=pd.Index(steps, name="step"),
    )
    with i18n.use("pt-BR"):
        chart = customer_charts.bridge_waterfall(bridge, PT, OCT)
    ax = chart.figure.axes[0]
    assert y_ticks(ax) == [
        "Receita inicial",
        "Novos",
        "Retorno",
        "Expansão",
        "Contração",
        "Perdidos",
        "Receita final",
    ]
    assert ax.get_xlabel() == "Receita líquida, 12 meses (BRL)"
    assert chart.alt.startswith(
        "Gráfico em cascata da receita líquida dos 12 meses até outubro de 2025, "
    )
    assert "clientes novos +" in chart.alt and "clientes perdidos −" in chart.alt


def test_active_customers_in_spanish():
    active = pd.DataFrame({"customers": [10, 12, 11]}, index=YEAR[-3:])
    with i18n.use("es"):
        chart = customer_charts.active_customers_line(active, ES)
    ax = chart.figure.axes[0]
    assert x_ticks(ax) == ["ago 26", "sep 26", "oct 26"]  # CLDR es_MX: "sep"
    assert ax.get_ylabel() == "Clientes con compras en 3 meses"
    assert chart.alt == (
        "Gráfico de líneas de los clientes activos (clientes que compraron en los últimos 3 "
        "meses) cada mes, de agosto de 2026 a octubre de 2026. octubre de 2026: 11 clientes."
    )


# forecast


def pattern() -> pd.Series:
    """20 months of 1,000 × (100 + month number): seasonal naïve forecasts it exactly."""
    index = pd.period_range("2025-03", "2026-10", freq="M", name="month")
    return pd.Series(1000.0 * (100 + index.month), index=index, name="revenue")


def test_revenue_forecast_in_portuguese():
    with i18n.use("pt-BR"):
        chart = forecast_charts.revenue_forecast(fc.forecast_revenue(pattern()), None, PT)
    ax = chart.figure.axes[0]
    ticks = [t for t in x_ticks(ax) if t]
    assert ticks and all(
        t[:3]
        in {"jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"}
        for t in ticks
    )
    assert legend_texts(chart.figure)[:2] == ["Receita", "Ingênuo sazonal"]
    assert "Intervalo de previsão de 80%" in legend_texts(chart.figure)
    assert chart.alt.startswith(
        "Gráfico de linhas da receita líquida mensal de março de 2025 a outubro de 2026 e da "
        "previsão do modelo Ingênuo sazonal até outubro de 2027, com intervalos de previsão de "
        "80% e 95%. Previsão para novembro de 2026: "
    )


def test_quarter_views_in_spanish():
    views = pd.DataFrame(
        {
            "amount": [333_000.0, 300_000.0, np.nan, 330_000.0],
            "low": [320_000.0, np.nan, np.nan, np.nan],
            "high": [345_000.0, np.nan, np.nan, np.nan],
        },
        index=pd.Index(fc.VIEW_LABELS, name="view"),
    )
    with i18n.use("es"):
        chart = forecast_charts.quarter_views(views, ES, OCT, pd.Period("2026-12", "M"))
    ax = chart.figure.axes[0]
    assert x_ticks(ax)[-1] == "Meta"
    assert x_ticks(ax)[1] == "Pronóstico\nde\ncompromiso"
    assert [t.get_text() for t in ax.texts][2] == "n/d"
    assert ax.get_ylabel() == "Trimestre fiscal (MXN)"
    assert chart.alt.startswith(
        "Gráfico de barras del trimestre fiscal de octubre de 2026 a diciembre de 2026 según dos "
        "visiones: cierre previsto de la serie temporal "
    )
    assert "(rango del 80% de " in chart.alt and ", pronóstico de compromiso " in chart.alt
    assert "frente a una meta de " in chart.alt and chart.alt.endswith("(línea discontinua).")


# market


def test_win_rate_bars_in_portuguese():
    frame = pd.DataFrame(
        {
            "closed": [100, 96, 264],
            "won": [17, 26, 144],
            "lost": [83, 70, 120],
            "win_rate": [0.17, 26 / 96, 144 / 264],
        },
        index=pd.Index(["Vantora", "Orbis", NO_COMPETITOR], name="competitor"),
    )
    with i18n.use("pt-BR"):
        chart = market_charts.win_rate_bars(frame, PT, OCT)
    ax = chart.figure.axes[0]
    assert (
        ax.get_xlabel() == "Taxa de conversão, negócios fechados nos 12 meses até outubro de 2026"
    )
    assert ax.get_ylabel() == "Principal concorrente"
    assert "Sem concorrente: 54,5%" in [t.get_text() for t in ax.texts]
    assert chart.alt == (
        "Gráfico de barras horizontais da taxa de conversão contra cada concorrente, negócios "
        "fechados nos 12 meses até outubro de 2026. A linha tracejada é a taxa de conversão dos "
        "negócios sem concorrente, 54,5% (144 ganhos de 264). Vantora: 17,0% (17 ganhos de 100); "
        "Orbis: 27,1% (26 ganhos de 96)."
    )


def test_market_share_lines_in_spanish():
    shares = pd.DataFrame({"Acme": [0.3, 0.35], "Vantora": [0.2, 0.15]}, index=YEAR[-2:])
    with i18n.use("es"):
        chart = market_charts.market_share_lines(shares, ES)
    ax = chart.figure.axes[0]
    assert x_ticks(ax) == ["sep 26", "oct 26"]
    assert ax.get_ylabel() == "Participación en las ventas del mercado"
    assert chart.alt == (
        "Gráfico de líneas de la participación de mercado mensual de septiembre de 2026 a "
        "octubre de 2026, con Acme como línea gruesa frente a sus competidores. Acme: de 30.0% "
        "a 35.0%; Vantora: de 20.0% a 15.0%."
    )


# products


def test_mix_shift_in_spanish_names_the_dimensions_as_a_list():
    index = pd.MultiIndex.from_tuples(
        [
            ("channel", "Direct"),
            ("channel", "Partner"),
            ("category", "Software"),
            ("category", "Sensors"),
        ],
        names=["dimension", "group"],
    )
    mix = pd.DataFrame(
        {"share": [0.5, 0.5, 0.45, 0.55], "mix_shift": [-0.1, 0.1, 0.125, -0.125]}, index=index
    )
    with i18n.use("es"):
        chart = product_charts.mix_shift_bars(mix, ES, OCT)
    ax = chart.figure.axes[0]
    assert "Canal: Partner" in y_ticks(ax) and "Categoría: Software" in y_ticks(ax)
    assert ax.get_xlabel() == (
        "Variación de la participación en los ingresos netos, de octubre de 2025 a octubre de 2026"
    )
    # the points' unit ("p.p." in Spanish) is the formatter's
    assert "Mayor ganancia: Categoría: Software, +12.5" in chart.alt
    assert ", hasta 45.0%; mayor pérdida: Categoría: Sensors, −12.5" in chart.alt
    assert chart.alt.endswith(", hasta 55.0%.")
    assert "por canal y categoría." in chart.alt


def test_adoption_line_in_portuguese():
    adoption = pd.DataFrame({"share": [0.1, 0.2], "adopters": [3, 5]}, index=YEAR[-2:])
    with i18n.use("pt-BR"):
        chart = product_charts.adoption_line(adoption, PT, "Sensor X")
    ax = chart.figure.axes[0]
    assert x_ticks(ax) == ["set. 26", "out. 26"]
    assert ax.get_ylabel() == "Participação na receita líquida"
    assert chart.alt == (
        "Gráfico de linhas da parcela da receita líquida mensal trazida por Sensor X, novo na "
        "empresa, desde o lançamento em setembro de 2026: 10,0% em setembro de 2026, 20,0% em "
        "outubro de 2026, máximo de 20,0% em outubro de 2026. 5 clientes já o compraram."
    )


# profitability


def test_revenue_bridge_in_portuguese():
    bridge = pd.Series(
        [1000.0, 100.0, -50.0, 20.0, -10.0, 1060.0],
        index=["before", "volume", "mix", "list_price", "discount", "current"],
    )
    with i18n.use("pt-BR"):
        chart = profitability_charts.revenue_bridge(bridge, PT, OCT)
    ax = chart.figure.axes[0]
    assert y_ticks(ax) == [
        "Um ano\nantes",
        "Volume",
        "Composição",
        "Preço de tabela",
        "Desconto",
        "Agora",
    ]
    assert ax.get_xlabel() == "Receita líquida (BRL)"
    assert " em 12 meses até outubro de 2025 a " in chart.alt
    assert " em 12 meses até outubro de 2026: volume " in chart.alt
    assert ", composição " in chart.alt and ", preço de tabela " in chart.alt


def test_margin_vs_share_in_spanish_translates_the_verdicts():
    quality = pd.DataFrame(
        {
            "revenue_12m": [600.0, 400.0],
            "growth": [0.25, 0.10],
            "share_12m": [0.6, 0.4],
            "gross_margin_pct_12m": [0.5, 0.25],
            "verdict": [prof.ACCRETIVE, prof.DILUTIVE],
        },
        index=pd.Index(["Direct", "Partner"], name="channel"),
    )
    with i18n.use("es"):
        chart = profitability_charts.margin_vs_share(quality, ES, "Canal")
    ax = chart.figure.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert "Direct\n(crecimiento que eleva el margen)" in texts
    assert "promedio 40.0%" in texts  # 0.6 × 0.5 + 0.4 × 0.25
    assert ax.get_ylabel() == "Margen bruto %, últimos 12 meses"
    assert (
        "Direct: 60.0% de los ingresos con un margen de 50.0%, crecimiento de +25.0% "
        "(crecimiento que eleva el margen)" in chart.alt
    )
    assert "(crecimiento que diluye el margen)" in chart.alt


# team


def _ramp(reps: list[int], attainment: list[float]) -> pd.DataFrame:
    labels = ["0–3 months", "4–6 months", "7–12 months", "over 12 months", "hire date unknown"]
    return pd.DataFrame(
        {"reps": reps, "attainment": attainment},
        index=pd.CategoricalIndex(labels, categories=labels, ordered=True, name="tenure"),
    )


def test_ramp_curve_in_spanish():
    nan = float("nan")
    with i18n.use("es"):
        chart = team_charts.ramp_curve(_ramp([2, 0, 1, 3, 1], [0.5, nan, 0.9, 1.02, 0.7]), ES)
    ax = chart.figure.axes[0]
    title = (
        "Cumplimiento de la meta acumulado del año de los 7 ejecutivos de cuentas con meta, "
        "cada uno contado una vez, por meses desde la contratación"
    )
    assert ax.get_title(loc="left") == title
    assert x_ticks(ax) == ["0–3 meses", "4–6 meses", "7–12 meses", "más de 12 meses"]
    assert ax.get_xlabel() == "Meses desde la contratación"
    assert chart.alt == (
        f"Gráfico de líneas: {title}, con una línea discontinua en el 100% de la meta. "
        "0–3 meses: 50.0% (2 vendedores); 4–6 meses: ningún vendedor; 7–12 meses: 90.0% "
        "(1 vendedor); más de 12 meses: 102.0% (3 vendedores). 1 vendedor sin fecha de "
        "contratación no aparece en el gráfico (70.0% de la meta)."
    )


def test_attainment_by_team_in_portuguese():
    reps = pd.DataFrame(
        {
            "team": pd.array(["North", "North", "South", "South", None], dtype="string"),
            "attainment_ytd": [1.1, 0.9, 0.6, 0.8, 0.65],
        },
        index=pd.Index(["A1", "A2", "B1", "B2", "B3"], name="rep_id"),
    )
    with i18n.use("pt-BR"):
        chart = team_charts.attainment_by_team(reps, PT)
    ax = chart.figure.axes[0]
    assert y_ticks(ax) == ["Todos os vendedores", "South", "North"]
    assert ax.get_xlabel() == "Atingimento da meta acumulado no ano"
    assert "100% da meta" in [t.get_text().strip() for t in ax.texts]
    assert chart.alt == (
        "Diagrama de caixa do atingimento da meta acumulado no ano por equipe, um ponto por "
        "executivo de contas, com uma linha tracejada em 100% da meta. Mediana por equipe, da "
        "menor para a maior: Todos os vendedores 65,0%; South 70,0%; North 100,0%. 1 de 5 "
        "vendedores estão na meta ou acima dela."
    )
