"""The plan report's sentences and chart labels in Portuguese and Spanish (issue #17).

Expectations worked out by hand from the catalogs' translations, with each locale's numbers
(Babel): pt_BR writes R$ 13,2 mi and +10,0%, es_MX $13.2 M and +10.0% (a no-break space before
"mi" and "M"). Plural forms (CLDR): in pt_BR 0 and 1 take the first form, in es only 1 does.
The views read as in the tables, charts and glossary: Divisão da meta / Capacidade / Potencial /
Meta, Reparto de la meta / Capacidad / Potencial / Meta.
"""

from pathlib import Path

import pandas as pd
import pytest
from babel.messages.pofile import read_po

from reportlib import i18n
from reportlib.analysis.planning import statements
from reportlib.charts import planning as plan_charts
from reportlib.config import load_params
from reportlib.formatting import Formatter
from reportlib.site.index import build_index

PT = Formatter("pt_BR", "BRL")
ES = Formatter("es_MX", "MXN")
NBSP = "\xa0"
PARAMS = load_params(Path(__file__).resolve().parents[1] / "params")


def hires(*rep_ids: str) -> pd.DataFrame:
    """``summary.hire_months``' shape, one row per planned seat (only ``rep_id`` is counted)."""
    return pd.DataFrame({"rep_id": list(rep_ids), "target": [1000.0] * len(rep_ids)})


# --- the goal ------------------------------------------------------------------------------------


def test_goal_grown_over_the_landing():
    # 12,000,000 landing grown by 10% = 13,200,000: the two amounts read apart (13,2 / 12)
    with i18n.use("pt-BR"):
        said = statements.goal_takeaway(2027, 13_200_000, 12_000_000, 0.10, 2026, PT).text()
    assert said == (
        f"A meta da empresa para 2027 é R${NBSP}13,2{NBSP}mi: o fechamento previsto do ano fiscal "
        f"2026 é R${NBSP}12{NBSP}mi, e a meta acrescenta a esse valor um crescimento de +10,0%."
    )
    with i18n.use("es"):
        said = statements.goal_takeaway(2027, 13_200_000, 12_000_000, 0.10, 2026, ES).text()
    assert said == (
        f"La meta de la empresa para 2027 es $13.2{NBSP}M: el cierre previsto del año fiscal 2026 "
        f"es $12{NBSP}M, y la meta le aplica a ese monto un crecimiento de +10.0%."
    )


def test_goal_set_by_the_company():
    with i18n.use("pt-BR"):
        said = statements.goal_takeaway(2027, 5_000_000, None, None, 2026, PT).text()
    assert (
        said == f"A meta da empresa para 2027 é R${NBSP}5{NBSP}mi, o valor definido pela empresa."
    )
    with i18n.use("es"):
        said = statements.goal_takeaway(2027, 5_000_000, None, None, 2026, ES).text()
    assert said == f"La meta de la empresa para 2027 es $5{NBSP}M, el monto que fijó la empresa."


def test_buffer_above_the_goal():
    # 11,000,000 against a goal of 10,000,000: a 10% over-assignment
    with i18n.use("pt-BR"):
        said = statements.buffer_sentence(10_000_000, 11_000_000, 0.10, PT).text()
    assert said == (
        f"As metas dos vendedores somam R${NBSP}11{NBSP}mi, 10% acima da meta da empresa de "
        f"R${NBSP}10{NBSP}mi, para que ela seja atingida mesmo que alguns vendedores não "
        "atinjam a sua."
    )


# --- feasibility ---------------------------------------------------------------------------------


def test_feasibility_within_reach():
    # 7 of 10 = 70%, at least the 60% a plan is commonly judged achievable at
    with i18n.use("pt-BR"):
        said = statements.feasibility_takeaway(10, 7, PT).text()
    assert said == (
        "7 de 10 vendedores têm capacidade para atingir pelo menos 80% da sua meta (70%): o plano "
        "é viável, pois um plano costuma ser considerado alcançável quando entre 60% e 70% dos "
        "vendedores têm essa capacidade."
    )
    with i18n.use("es"):
        said = statements.feasibility_takeaway(10, 7, ES).text()
    assert said == (
        "7 de 10 vendedores tienen capacidad para alcanzar al menos el 80% de su meta (70%): el "
        "plan es viable, ya que un plan suele considerarse alcanzable cuando entre el 60% y el "
        "70% de los vendedores tienen esa capacidad."
    )


def test_feasibility_a_stretch():
    # 3 of 10 = 30%, under 60%
    with i18n.use("pt-BR"):
        said = statements.feasibility_takeaway(10, 3, PT).text()
    assert said == (
        "Só 3 de 10 vendedores têm capacidade para atingir pelo menos 80% da sua meta (30%): o "
        "plano é ambicioso, pois um plano costuma ser considerado alcançável quando entre 60% e "
        "70% dos vendedores têm essa capacidade."
    )
    with i18n.use("es"):
        said = statements.feasibility_takeaway(10, 3, ES).text()
    assert said == (
        "Solo 3 de 10 vendedores tienen capacidad para alcanzar al menos el 80% de su meta (30%): "
        "el plan es exigente, ya que un plan suele considerarse alcanzable cuando entre el 60% y "
        "el 70% de los vendedores tienen esa capacidad."
    )


def test_one_rep_who_can_reach_takes_the_singular():
    # the verb agrees with the reps who can reach: one of ten "tem" / "tiene"
    with i18n.use("pt-BR"):
        said = statements.feasibility_takeaway(10, 1, PT).text()
    assert said.startswith("Só 1 de 10 vendedores tem capacidade para atingir pelo menos 80% ")
    with i18n.use("es"):
        said = statements.feasibility_takeaway(10, 1, ES).text()
    assert said.startswith("Solo 1 de 10 vendedores tiene capacidad para alcanzar al menos el 80% ")
    with i18n.use("es"):
        said = statements.feasibility_takeaway(10, 7, ES).text()
    assert said.startswith("7 de 10 vendedores tienen capacidad")
    assert said.endswith("cuando entre el 60% y el 70% de los vendedores tienen esa capacidad.")


def test_targets_beyond_the_best():
    with i18n.use("pt-BR"):
        one = statements.beyond_best_sentence(10, 1, PT).text()
        none = statements.beyond_best_sentence(10, 0, PT).text()
    assert one == (
        "1 meta vai além do que o melhor vendedor com o mesmo tempo de casa já vendeu: convém "
        "revisá-la com o gestor do vendedor."
    )
    assert (
        none
        == "Nenhuma meta vai além do que o melhor vendedor com o mesmo tempo de casa já vendeu."
    )
    with i18n.use("es"):
        two = statements.beyond_best_sentence(10, 2, ES).text()
    assert two == (
        "2 metas van más allá de lo que ha vendido el mejor vendedor con la misma antigüedad: "
        "conviene revisarlas con los gerentes de los vendedores."
    )


# --- hires and their ramp ------------------------------------------------------------------------


def test_hires_sentence_counts_the_seats():
    with i18n.use("pt-BR"):
        two = statements.hires_sentence(hires("H1", "H1", "H2"), PT).text()
        one = statements.hires_sentence(hires("H1"), PT).text()
        none = statements.hires_sentence(hires(), PT).text()
    assert two == (
        "2 contratações previstas recebem meta desde o primeiro mês, crescendo com a sua rampa de "
        "produtividade."
    )
    assert one == (
        "1 contratação prevista recebe meta desde o primeiro mês, crescendo com a sua rampa de "
        "produtividade."
    )
    assert none == (
        "Nenhuma contratação está prevista: todas as metas são de executivos de contas já na "
        "posição."
    )
    with i18n.use("es"):
        one = statements.hires_sentence(hires("H1", "H1"), ES).text()
        two = statements.hires_sentence(hires("H1", "H2"), ES).text()
    assert one == (
        "1 contratación prevista recibe una meta desde su primer mes, que crece con su curva de "
        "productividad."
    )
    assert two == (
        "2 contrataciones previstas reciben una meta desde su primer mes, que crece con su curva "
        "de productividad."
    )


def test_ramp_sentence():
    ramp = pd.Series([0.25, 0.5, 0.75, 1.0])
    with i18n.use("pt-BR"):
        said = statements.ramp_sentence(ramp, True, PT).text()
    assert said == (
        "Os novos contratados vendem no primeiro trimestre 25% do que vende um vendedor com "
        "produtividade plena, e chegam à produtividade plena depois de 4 trimestres (segundo o "
        "histórico dos vendedores)."
    )
    with i18n.use("es"):
        said = statements.ramp_sentence(pd.Series([0.5]), False, ES).text()
    assert said == (
        "Los vendedores recién contratados venden en su primer trimestre el 50% de lo que vende un "
        "vendedor con productividad plena, y alcanzan la productividad plena después de 1 "
        "trimestre (según la configuración de planificación)."
    )


# --- the views' labels, as in the tables, the charts' legends and the glossary -------------------


VIEWS = {
    "pt-BR": ["Divisão da meta", "Capacidade", "Potencial", "Meta"],
    "es": ["Reparto de la meta", "Capacidad", "Potencial", "Meta"],
}


@pytest.mark.parametrize("language", VIEWS)
def test_view_labels_are_translated(language):
    views = ["top_down", "bottom_up", "potential", "target"]
    with i18n.use(language):
        assert [plan_charts.view_label(v) for v in views] == VIEWS[language]
    assert plan_charts.view_label("top_down") == "Top-down"  # English again outside the block


@pytest.mark.parametrize("language", VIEWS)
def test_the_glossary_defines_the_views_under_their_labels(language):
    path = i18n.LOCALE_DIR / i18n.catalog_name(language) / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with path.open("rb") as f:
        catalog = read_po(f)
    glossary = next(
        m.string
        for m in catalog
        if isinstance(m.id, str) and m.id.startswith("## Glossary of the plan")
    )
    top_down, bottom_up, *_ = VIEWS[language]
    assert f"- **{top_down} (" in glossary
    assert f"- **{bottom_up} (" in glossary


# --- the index's sales plans ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "pt-BR",
            [
                '<h2 id="plans-heading">Planos de vendas</h2>',
                '<h3 id="plan-2027">Metas para 2027</h3>',
                'América Latina<span class="visually-hidden">: plano de vendas para 2027</span>',
                'PDF<span class="visually-hidden"> do plano de vendas para 2027, '
                "Halvorsen Instruments</span>",
            ],
        ),
        (
            "es",
            [
                '<h2 id="plans-heading">Planes de ventas</h2>',
                '<h3 id="plan-2027">Metas para 2027</h3>',
                'América Latina<span class="visually-hidden">: plan de ventas para 2027</span>',
                'PDF<span class="visually-hidden"> del plan de ventas para 2027, '
                "Halvorsen Instruments</span>",
            ],
        ),
    ],
)
def test_the_index_lists_the_plans_in_the_companys_language(tmp_path, language, expected):
    site = tmp_path / "site"
    for page in ("plan/2027/all.html", "plan/2027/all.pdf", "plan/2027/latam.html"):
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text("<html></html>", encoding="utf-8")
    with i18n.use(language):
        html = build_index(site, PARAMS).read_text(encoding="utf-8")
    for text in expected:
        assert text in html
    assert "sales plan" not in html and "Sales plans" not in html
