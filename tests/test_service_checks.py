"""The data gate on the service tables: customers known (a warning), no timestamps ahead."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from reportlib.config import load_params
from reportlib.intake.data import Tables
from reportlib.intake.validation import validate

ROOT = Path(__file__).resolve().parents[1]
PERIOD = pd.Period("2024-05", "M")
REGIONS = {"apac": "AUD", "emea": "EUR", "latam": "BRL", "na": "USD"}


def orders() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_id": pd.array([f"O{i}" for i in range(4)], dtype="string"),
            "order_date": pd.to_datetime(["2024-05-02"] * 4),
            "region": pd.array(list(REGIONS), dtype="string"),
            "customer_id": pd.array(["C0", "C1", "C2", "C3"], dtype="string"),
            "net_revenue": [100.0] * 4,
            "currency": pd.array(list(REGIONS.values()), dtype="string"),
        }
    )


def tickets() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ticket_id": pd.array(["T1", "T2", "T3"], dtype="string"),
            # T3 was opened on the run's day, in the afternoon: not in the future
            "created_at": pd.to_datetime(
                ["2024-05-02 09:00", "2024-05-03 10:00", "2024-06-03 15:00"]
            ),
            "region": pd.array(["na", "na", "emea"], dtype="string"),
            "customer_id": pd.array(["C3", "P-77", "C2"], dtype="string"),  # P-77: a prospect
            "status": pd.array(["Solved", "Open", "New"], dtype="string"),
        }
    )


def surveys(when: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "response_id": pd.array(["S1"], dtype="string"),
            "answered_at": pd.to_datetime([when]),
            "region": pd.array(["na"], dtype="string"),
            "customer_id": pd.array(["C3"], dtype="string"),
            "score": pd.array([9], dtype="Int64"),
        }
    )


@pytest.fixture(scope="module")
def report():
    params = load_params(ROOT / "params")
    tables = Tables(orders=orders(), tickets=tickets(), surveys=surveys("2024-06-04 08:00"))
    return validate(tables, params, PERIOD, today=date(2024, 6, 3))


def test_a_ticket_of_a_customer_without_orders_is_a_warning(report):
    found = [f for f in report.findings if f.table == "tickets"]
    assert [(f.column, f.check, f.severity) for f in found] == [
        ("customer_id", "customer_id found in orders", "warning")
    ]
    assert "P-77" in found[0].values[0]  # noqa: PD011 (a field, not DataFrame.values)
    assert found[0].rows == (3,)


def test_an_answer_after_the_run_day_is_in_the_future(report):
    found = [f for f in report.findings if f.table == "surveys"]
    assert [(f.column, f.check, f.severity) for f in found] == [
        ("answered_at", "dates not in the future", "critical")
    ]
