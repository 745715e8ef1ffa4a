"""Formulas of computed columns: a checked, data-only arithmetic over export columns."""

import numpy as np
import pandas as pd
import pytest

from reportlib.errors import ConfigError
from reportlib.intake.formulas import evaluate, number_text, parse_formula, row_numbers


def run(text: str, **columns: list[float]) -> np.ndarray:
    formula = parse_formula(text)
    rows = len(next(iter(columns.values())))
    operands = {name: np.array(values, dtype="float64") for name, values in columns.items()}
    return evaluate(formula, operands, rows).numbers


def test_cost_is_sales_minus_profit():
    values = run("Sales - Profit", Sales=[261.96, 957.5775], Profit=[41.9136, -383.031])
    assert number_text(values).to_pylist() == ["220.0464", "1340.6085"]


def test_list_price_from_net_revenue_quantity_and_discount():
    values = run("Sales / Quantity / (1 - Discount)", Sales=[22.368], Quantity=[2], Discount=[0.2])
    assert number_text(values).to_pylist() == ["13.98"]


def test_precedence_parentheses_and_unary_minus():
    values = run("-a + b * (2 - 0.5) / 3", a=[1.0], b=[4.0])
    assert values.tolist() == [1.0]  # -1 + 4 * 1.5 / 3


def test_headers_in_backticks_and_their_order():
    formula = parse_formula("`Unit Price (€)` * `Qty.` - Rebate + `Qty.`")
    assert formula.headers == ("Unit Price (€)", "Qty.", "Rebate")
    operands = {"Unit Price (€)": [2.5], "Qty.": [4], "Rebate": [1]}
    values = run("`Unit Price (€)` * `Qty.` - Rebate", **operands)
    assert values.tolist() == [9.0]


def test_a_bare_name_like_a_placeholder_is_still_a_header():
    formula = parse_formula("`a b` + _h0")
    assert formula.headers == ("a b", "_h0")
    values = run("`a b` + _h0", **{"a b": [1.0], "_h0": [2.0]})
    assert values.tolist() == [3.0]


def test_division_by_zero_is_nan_and_names_the_divisor():
    formula = parse_formula("Sales / Quantity / (1 - Discount)")
    result = evaluate(
        formula,
        {
            "Sales": np.array([10.0, 10.0, 10.0]),
            "Quantity": np.array([2.0, 0.0, 2.0]),
            "Discount": np.array([0.5, 0.0, 1.0]),
        },
        3,
    )
    assert np.isnan(result.numbers[1]) and np.isnan(result.numbers[2])
    assert result.numbers[0] == 10.0
    divisors = {text: mask.tolist() for text, mask in result.zero_divisors}
    assert divisors == {"Quantity": [False, True, False], "1 - Discount": [False, False, True]}


def test_row_number_counts_rows_per_key_in_file_order():
    assert row_numbers(pd.Series(["A", "A", "B", "A"])).tolist() == [1, 2, 1, 3]
    formula = parse_formula("row_number(`Order ID`)")
    assert formula.row_number_of == "Order ID"
    assert parse_formula("row_number(OrderNo)").headers == ("OrderNo",)


@pytest.mark.parametrize(
    ("values", "decimal", "expected"),
    [
        ([429.99999999999994, 1200.0, 0.1 + 0.2], ".", ["430", "1200", "0.3"]),
        ([13.98, 1234.5, -5.25], ",", ["13,98", "1234,5", "-5,25"]),
        ([-0.0, 1e16, 1.5e-5, 1e-7], ".", ["0", "10000000000000000", "0.000015", "0.0000001"]),
        ([np.nan, np.inf, -np.inf], ".", ["", "", ""]),
        ([123456789012.345], ".", ["123456789000"]),
    ],
)
def test_number_text(values, decimal, expected):
    assert number_text(np.array(values), decimal).to_pylist() == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("__import__('os').system('x')", "not allowed: calls"),
        ("Sales.__class__", "not allowed: attribute access"),
        ("open('f')", "not allowed: calling open()"),
        ("2**1000000", "not allowed: the operator **"),
        ("'Sales'", "not allowed: the value 'Sales'"),
        ("Sales // 2", "not allowed: the operator //"),
        ("Sales % 2", "not allowed: the operator %"),
        ("Sales[0]", "not allowed: subscripts"),
        ("Sales > 0", "not allowed: comparisons"),
        ("Sales and Profit", "not allowed: and / or"),
        ("lambda: 1", "not allowed: lambda"),
        ("Sales if Profit else 0", "not allowed: if ... else"),
        ("Sales * 0,5", "not allowed: commas (numbers are written with a '.' decimal point"),
        ("not Sales", "not allowed: the operator not"),
        ("True + Sales", "not allowed: the value True"),
        ("open", "'open' is a Python name"),
        ("__builtins__ + 1", "'__builtins__' is a Python name"),
        ("row_number(`Order ID`) + 1", "row_number(<header>) is a whole formula"),
        ("row_number(a, b)", "row_number takes one header"),
        ("row_number(key=a)", "row_number takes one header"),
        ("1 - 0.2", "uses no column of the export"),
        ("`Order ID", "a backtick is not closed"),
        ("`` + 1", "empty backticks"),
        ("Sales +", "not a formula"),
        ("", "the formula is empty"),
        ("-" * 40 + "Sales", "nested more than 30 levels"),
        ("Sales + " + "1" * 400, "is too large"),
        ("Sales" + " + Sales" * 100, "longer than 500 characters"),
    ],
)
def test_what_is_not_a_formula(text, expected):
    with pytest.raises(ConfigError) as info:
        parse_formula(text)
    assert expected in info.value.message
