"""The service section's sentences, charts, kpis, highlight and recommendation, by hand."""

import pandas as pd
import pytest

from reportlib import i18n
from reportlib.analysis import service
from reportlib.analysis import service_statements as said
from reportlib.analysis.highlights import highlights
from reportlib.analysis.kpis import SERVICE_KPIS, service_kpis
from reportlib.analysis.recommendations import recommend
from reportlib.charts import service as service_charts
from reportlib.formatting import Formatter

FMT = Formatter("en_US", "USD")
P = pd.Period("2026-10", freq="M")


def _trend(backlog, **columns):
    months = pd.period_range(end=P, periods=len(backlog), freq="M")
    frame = pd.DataFrame(
        {"backlog": backlog, **columns}, index=pd.PeriodIndex(months, name="month")
    )
    return frame.astype("float64")


def _t(created, solved=None, first=None, breached=None, rating=None, priority="Normal", cid="C1"):
    return {
        "ticket_id": f"T{created}{cid}",
        "customer_id": cid,
        "region": "latam",
        "created_at": pd.Timestamp(created),
        "solved_at": pd.NaT if solved is None else pd.Timestamp(solved),
        "status": "Solved" if solved else "Open",
        "priority": priority,
        "first_response_hours": first,
        "first_response_breached": breached,
        "csat_rating": rating,
    }


def test_a_backlog_build_up_is_at_least_a_quarter_and_ten_tickets_above_three_months_earlier():
    # 40 -> 50: +10 tickets and +25%: a build-up; 40 -> 49: 9 more, none; 8 -> 18: +125%, +10
    assert said.buildup(_trend([40, 0, 0, 50])) == (40.0, 50.0)
    assert said.buildup(_trend([40, 0, 0, 49])) is None
    assert said.buildup(_trend([100, 0, 0, 120])) is None  # +20 tickets but only +20%
    assert said.buildup(_trend([8, 0, 0, 18])) == (8.0, 18.0)
    assert said.buildup(_trend([8, 0, 18])) is None  # fewer than 4 months


def test_the_takeaway_names_a_build_up_first_then_sla_and_csat_then_nps():
    grew = said.service_takeaway(_trend([40, 0, 0, 50], sla_breach_rate=[0, 0, 0, 0.2]), P, FMT)
    assert grew.text() == (
        "The support backlog built up from 40 open tickets at the end of July 2026 to 50 at "
        "the end of October 2026."
    )
    calm = _trend([40, 0, 0, 41], sla_breach_rate=[0, 0, 0, 0.2], csat=[0, 0, 0, 0.75])
    assert said.service_takeaway(calm, P, FMT).text() == (
        "In October 2026, 20% of support tickets missed their SLA target, and 75.0% of the "
        "ratings were good (CSAT)."
    )
    answers = _trend([None, None, None, None], sla_breach_rate=[None] * 4, nps=[0, 0, 0, 12.4])
    assert said.service_takeaway(answers, P, FMT).text() == (
        "The Net Promoter Score of the 3 months to October 2026 was 12."
    )
    with i18n.use("pt-BR"):
        assert said.service_takeaway(grew_trend := _trend([40, 0, 0, 50]), P, FMT).text() == (
            "A fila de chamados de suporte cresceu de 40 chamados abertos no fim de julho de "
            "2026 para 50 no fim de outubro de 2026."
        )
    with i18n.use("es"):
        assert (
            said.service_takeaway(grew_trend, P, FMT)
            .text()
            .startswith("La acumulación de casos de soporte creció de 40 casos abiertos")
        )


def test_volume_sentences_count_the_backlog_and_its_tickets_older_than_a_week():
    tickets = pd.DataFrame(
        [
            _t("2026-10-02", "2026-10-03"),  # opened and solved in October
            _t("2026-10-30"),  # open, 1.x days old at the month's end
            _t("2026-10-05"),  # open, 26 days old
            _t("2026-09-01"),  # open, 60 days old: 2 of the 3 older than 7 days
        ]
    )
    figures = service.summary(tickets, None, P)
    ages = service.backlog_ages(tickets, P)
    opened, still = said.volume_sentences(figures, ages, P, FMT)
    assert opened.text() == "3 support tickets were opened in October 2026 and 1 solved."
    assert still.text() == "At the month's end 3 tickets were still open (2 for more than 7 days)."
    with i18n.use("pt-BR"):
        _opened, still = said.volume_sentences(figures, ages, P, FMT)
        assert (
            still.text()
            == "No fim do mês, 3 chamados continuavam abertos (2 havia mais de 7 dias)."
        )
    assert said.volume_sentences({"tickets": None, "backlog": None}, ages, P, FMT) == ()


def test_breach_sentence_names_the_priority_with_the_highest_rate():
    tickets = pd.DataFrame(
        [
            _t("2026-10-01", breached=True, priority="High"),
            _t("2026-10-02", breached=False, priority="High"),
            _t("2026-10-03", breached=True, priority="Low"),
            _t("2026-10-04", breached=False, priority="Low"),
            _t("2026-10-05", breached=True, priority="Urgent"),
        ]
    )
    table = service.sla_breach_by_priority(tickets, P)
    # all: 3 of 5 = 60%; High 1/2, Low 1/2, Urgent 1/1 = 100%
    assert said.breach_sentence(table, FMT).text() == (
        "The SLA breach rate was 60.0%; the highest was that of the Urgent priority, at 100.0%."
    )
    assert said.breach_sentence(None, FMT) is None
    chart = service_charts.breach_by_priority(table, FMT)
    assert chart.alt.endswith("all priorities together: 60.0%.")


def test_satisfaction_and_times_sentences():
    figures = {"csat": 3 / 4, "ratings": 4, "nps": 25.0, "nps_customers": 8}
    assert said.satisfaction_sentence(figures, FMT).text() == (
        "CSAT was 75.0% of 4 ratings; the Net Promoter Score was 25, from the latest answers "
        "of 8 customers."
    )
    assert said.satisfaction_sentence({"csat": None, "nps": None}, FMT) is None
    times = {
        "median_first_response_hours": 2.0,
        "p90_first_response_hours": 10.25,
        "median_resolution_hours": 30.0,
        "p90_resolution_hours": 100.0,
    }
    assert said.times_sentence(times, FMT).text() == (
        "The first response came after 2.0 hours at the median and 10.2 hours for the slowest "
        "tenth of tickets (P90); a ticket was solved after 30.0 hours at the median and 100.0 "
        "hours at P90 (calendar hours)."
    )


def test_churn_by_experience_sentences():
    table = pd.DataFrame(
        {"churn_rate": [0.2, 0.1, 0.3, 0.15, 0.05], "nrr": [0.9, 1.1, 0.8, 1.0, 1.2]},
        index=[
            service.BREACHED,
            service.NOT_BREACHED,
            service.DETRACTORS,
            service.PASSIVES,
            service.PROMOTERS,
        ],
    )
    assert said.breach_churn_sentence(table, P, FMT).text() == (
        "Of the customers with a ticket that missed its SLA target in the 12 months to October "
        "2025, 20.0% have stopped buying since, against 10.0% of the others; their net revenue "
        "retention was 90%, against 110%."
    )
    assert said.nps_churn_sentence(table, P, FMT).text() == (
        "By their NPS answers in the 12 months to October 2025, 30.0% of the detractors have "
        "stopped buying since, 15.0% of the passives and 5.0% of the promoters."
    )
    assert said.breach_churn_sentence(table.iloc[2:], P, FMT) is None


def test_accounts_are_counted_in_the_company_report_and_listed_in_a_region():
    two = pd.DataFrame({"revenue": [5.0, 3.0]}, index=["C1", "C2"])
    assert said.accounts_sentence(two, False, FMT).text() == (
        "2 accounts that bought in the last 12 months show a bad service signal in the last 3 "
        "months; each region's report names its largest."
    )
    assert (
        said.accounts_sentence(two, True, FMT)
        .text()
        .startswith("The 2 largest accounts with a bad service signal in the last 3 months")
    )
    assert said.accounts_sentence(two.iloc[:0], True, FMT).text() == (
        "No account with revenue shows a bad service signal in the last 3 months."
    )


def test_charts_say_what_they_show():
    trend = _trend([5, 7], tickets=[10, 12])
    chart = service_charts.volume_backlog(trend, FMT)
    assert chart.alt == (
        "Bar chart of support tickets opened each month from September 2026 to October 2026, "
        "with the backlog at each month's end as a line: 12 opened in October 2026 and 7 open at "
        "its end, against 5 at the end of September 2026."
    )
    ages = service.backlog_ages(pd.DataFrame([_t("2026-09-01")]), P)
    assert service_charts.backlog_age(ages, FMT).alt == (
        "Horizontal bar chart of the 1 ticket open at the month's end by age; open for more than "
        "7 days: 1."
    )


def test_service_kpis_are_null_without_the_tables():
    assert service_kpis(None, None, P) == dict.fromkeys(SERVICE_KPIS)
    tickets = pd.DataFrame([_t("2026-10-02", "2026-10-03", first=2.0, breached=False, rating=5)])
    kpis = service_kpis(tickets, None, P)
    assert kpis["tickets"] == 1 and kpis["backlog"] == 0
    assert kpis["median_first_response_hours"] == 2.0
    assert kpis["median_resolution_hours"] == 24.0
    assert kpis["sla_breach_rate"] == 0.0 and kpis["csat"] == 1.0 and kpis["nps"] is None


def test_a_breach_rate_over_a_quarter_is_bad_news_among_the_highlights():
    bad = highlights({"sla_breach_rate": 0.26, "backlog": 12}, FMT)
    assert bad == [
        "26% of the month's support tickets missed their SLA target; 12 tickets were still "
        "open at the month's end."
    ]
    assert highlights({"sla_breach_rate": 0.25, "backlog": 12}, FMT) == []
    with i18n.use("es"):
        assert highlights({"sla_breach_rate": 0.26, "backlog": 12}, FMT) == [
            "26% de los casos de soporte del mes incumplieron su meta de SLA; 12 casos seguían "
            "abiertos al cierre del mes."
        ]


@pytest.mark.parametrize(("backlog", "opened", "fires"), [(51, 100, True), (50, 100, False)])
def test_a_backlog_over_half_the_months_new_tickets_asks_for_support_capacity(
    backlog, opened, fires
):
    recs = recommend({"backlog": backlog, "tickets": opened}, FMT, "Latin America")
    found = [r for r in recs if "support backlog" in r.headline]
    assert bool(found) is fires
    if fires:
        assert found[0].text == (
            "51 support tickets were open at the month's end against 100 opened in the month: "
            "add support capacity and clear the oldest tickets first."
        )
        assert found[0].headline == "Clear the support backlog: 51 open tickets"


def test_priorities_are_shown_in_the_reports_words_and_stay_english_in_the_data():
    tickets = pd.DataFrame(
        [_t("2026-10-01", breached=True, priority="High"), _t("2026-10-02", breached=False)]
    )
    table = service.sla_breach_by_priority(tickets, P)
    assert list(table.index) == ["Normal", "High", service.ALL_PRIORITIES]
    with i18n.use("pt-BR"):
        assert said.breach_sentence(table, FMT).text() == (
            "A taxa de descumprimento do SLA foi de 50.0%; a mais alta foi a da prioridade Alta, "
            "com 100.0%."
        )
        assert said.priority_label("Urgent") == "Urgente"
        assert said.priority_label(service.ALL_PRIORITIES) != service.ALL_PRIORITIES
    with i18n.use("es"):
        assert said.priority_label("Low") == "Baja"
    assert said.priority_label("Tier 0") == "Tier 0"
