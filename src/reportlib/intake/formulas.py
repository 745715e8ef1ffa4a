"""Formulas of computed columns: a small arithmetic over an export's columns, kept as data.

A mapping profile (``reportlib.intake.mapping``) may compute a contract column that an export lacks
from columns it has: ``cost: Sales - Profit``. A formula is parsed with :mod:`ast` and checked
against a short whitelist of node types, then evaluated column-wise with NumPy. Nothing in a
formula is ever run as Python, so a profile cannot run code.

The language:

- numbers (``1``, ``0.5``, ``1e3``; always with a ``.`` decimal point);
- export headers, bare (``Sales``) or in backticks when they hold blanks or symbols
  (```Order ID```, ```Discount %```);
- ``+ - * /``, parentheses and a leading minus;
- as a whole formula, ``row_number(<header>)``: the 1-based position of a row among the rows
  with the same value of that header, in file order (an order's line number).
"""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from reportlib.errors import ConfigError

ROW_NUMBER = "row_number"
"""The one function a formula may call."""
MAX_LENGTH = 500
"""Longest formula accepted, in characters."""
MAX_DEPTH = 30
"""Deepest nesting of operations accepted."""
SIGNIFICANT_DIGITS = 10
"""Results are rounded to this many significant digits (``429.99999999999994`` → ``430``)."""

_LANGUAGE = "a formula has numbers, headers, + - * /, parentheses and row_number(<header>)"
_BACKTICKED = re.compile(r"`([^`]*)`")
_PYTHON_NAMES = frozenset(dir(builtins))
_OPERATORS: dict[type[ast.operator], str] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.Pow: "**",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.BitAnd: "&",
}
_ALLOWED_OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Div)
_WHAT: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access (a dot after a name)",
    ast.Subscript: "subscripts ([...])",
    ast.Compare: "comparisons",
    ast.BoolOp: "and / or",
    ast.Lambda: "lambda",
    ast.IfExp: "if ... else",
    ast.NamedExpr: ":=",
    ast.JoinedStr: "f-strings",
    ast.Starred: "*",
    ast.Tuple: "commas (numbers are written with a '.' decimal point: 0.5)",
}


@dataclass(frozen=True)
class Formula:
    """A checked formula.

    Attributes:
        text: The formula as written in the profile.
        tree: Its syntax tree; headers written in backticks appear as placeholder names.
        names: Placeholder name → the header written in backticks.
        headers: The headers it uses, each once, in the order they appear.
        row_number_of: The header of ``row_number(<header>)`` when that is the formula.
    """

    text: str
    tree: ast.expr
    names: Mapping[str, str]
    headers: tuple[str, ...]
    row_number_of: str | None = None


@dataclass(frozen=True)
class Evaluation:
    """The result of a formula on every row.

    Attributes:
        numbers: float64, one per row; NaN where an operand is NaN or a divisor is 0.
        zero_divisors: (divisor as written, rows where it is 0) for each division.
    """

    numbers: np.ndarray
    zero_divisors: tuple[tuple[str, np.ndarray], ...]


def _refuse(what: str) -> ConfigError:
    return ConfigError(f"not allowed: {what}; {_LANGUAGE}")


def _check_name(node: ast.Name, names: Mapping[str, str], used: list[str]) -> None:
    header = names.get(node.id)
    if header is None:
        if node.id in _PYTHON_NAMES or node.id.startswith("__"):
            raise ConfigError(
                f"{node.id!r} is a Python name, not allowed bare; if it is a header of the "
                f"export, write it in backticks: `{node.id}`"
            )
        header = node.id
    if header not in used:
        used.append(header)


def _check(node: ast.AST, names: Mapping[str, str], used: list[str], depth: int = 0) -> None:
    """Walk ``node``; raise ConfigError at the first thing outside the language."""
    if depth > MAX_DEPTH:
        raise ConfigError(f"the formula is nested more than {MAX_DEPTH} levels deep")
    match node:
        case ast.BinOp(left=left, op=op, right=right):
            if not isinstance(op, _ALLOWED_OPERATORS):
                raise _refuse(f"the operator {_OPERATORS.get(type(op), type(op).__name__)}")
            _check(left, names, used, depth + 1)
            _check(right, names, used, depth + 1)
        case ast.UnaryOp(op=op, operand=operand):
            if not isinstance(op, ast.USub | ast.UAdd):
                raise _refuse(f"the operator {type(op).__name__.lower()}")
            _check(operand, names, used, depth + 1)
        case ast.Constant(value=value):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise _refuse(
                    f"the value {value!r} (headers with blanks or symbols go in backticks: "
                    "`Order ID`)"
                    if isinstance(value, str)
                    else f"the value {value!r}"
                )
            try:
                number = float(value)
            except OverflowError:
                number = float("inf")
            if not np.isfinite(number):
                raise ConfigError(f"the number {str(value)[:20]}... is too large")
        case ast.Name():
            _check_name(node, names, used)
        case ast.Call(func=ast.Name(id=name)) if name == ROW_NUMBER and name not in names:
            raise ConfigError(f"{ROW_NUMBER}(<header>) is a whole formula, not a part of one")
        case ast.Call(func=ast.Name(id=name)) if name not in names:
            raise _refuse(f"calling {name}()")
        case ast.Call():
            raise _refuse("calls")
        case _:
            raise _refuse(_WHAT.get(type(node), type(node).__name__))


def _row_number_header(body: ast.expr, names: Mapping[str, str]) -> str | None:
    """The header of a formula ``row_number(<header>)``, or None for another formula."""
    if not (
        isinstance(body, ast.Call)
        and isinstance(body.func, ast.Name)
        and body.func.id == ROW_NUMBER
    ):
        return None
    if body.keywords or len(body.args) != 1 or not isinstance(body.args[0], ast.Name):
        raise ConfigError(f"{ROW_NUMBER} takes one header: {ROW_NUMBER}(`Order ID`)")
    used: list[str] = []
    _check_name(body.args[0], names, used)
    return used[0]


def _swap_backticks(text: str) -> tuple[str, dict[str, str]]:
    """Replace each ```header``` with a placeholder name no bare word of ``text`` can be."""
    prefix = "_h"
    while prefix in text:
        prefix += "_"
    names: dict[str, str] = {}

    def placeholder(match: re.Match[str]) -> str:
        header = match.group(1)
        if not header.strip():
            raise ConfigError("empty backticks: write the header between them")
        name = f"{prefix}{len(names)}"
        names[name] = header
        return f" {name} "

    swapped = _BACKTICKED.sub(placeholder, text)
    if "`" in swapped:
        raise ConfigError("a backtick is not closed: write headers as `Order ID`")
    return swapped, names


def parse_formula(text: str) -> Formula:
    """Parse and check one formula.

    Args:
        text: The formula, e.g. ``Sales / Quantity / (1 - Discount)``.

    Returns:
        The checked formula.

    Raises:
        ConfigError: saying what is not allowed or not understood (the caller adds the file
            and key): any syntax beyond the language above, a bare Python name, a formula
            that uses no header, one longer than :data:`MAX_LENGTH` characters.
    """
    if len(text) > MAX_LENGTH:
        raise ConfigError(f"the formula is longer than {MAX_LENGTH} characters")
    if not text.strip():
        raise ConfigError("the formula is empty")
    swapped, names = _swap_backticks(text)
    try:
        tree = ast.parse(swapped.strip(), mode="eval")
    except SyntaxError as exc:
        raise ConfigError(f"not a formula ({exc.msg}); {_LANGUAGE}") from None
    except (ValueError, RecursionError, MemoryError):
        raise ConfigError(f"not a formula; {_LANGUAGE}") from None
    header = _row_number_header(tree.body, names)
    if header is not None:
        return Formula(text, tree.body, names, (header,), row_number_of=header)
    used: list[str] = []
    _check(tree.body, names, used)
    if not used:
        raise ConfigError("the formula uses no column of the export; a fixed value is a constant")
    return Formula(text, tree.body, names, tuple(used))


def _show(node: ast.expr, names: Mapping[str, str]) -> str:
    """``node`` written back as in the profile, headers in backticks where they were."""
    text = ast.unparse(node)
    if not names:
        return text
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    return pattern.sub(lambda m: f"`{names[m.group(1)]}`", text)


def evaluate(formula: Formula, operands: Mapping[str, np.ndarray], rows: int) -> Evaluation:
    """Evaluate an arithmetic formula on every row at once.

    Args:
        formula: A formula from :func:`parse_formula` (not a ``row_number`` one).
        operands: Each header of ``formula.headers`` → its float64 values, one per row.
        rows: The number of rows.

    Returns:
        The values (NaN where an operand is NaN or a divisor is 0) and the zero divisors.
    """
    divisors: list[tuple[str, np.ndarray]] = []

    def walk(node: ast.expr) -> np.ndarray:
        match node:
            case ast.Constant(value=value):
                return np.full(rows, float(value))
            case ast.Name(id=name):
                return np.asarray(operands[formula.names.get(name, name)], dtype="float64")
            case ast.UnaryOp(op=ast.USub(), operand=operand):
                return -walk(operand)
            case ast.UnaryOp(operand=operand):
                return walk(operand)
            case ast.BinOp(left=left, op=op, right=right):
                a, b = walk(left), walk(right)
                with np.errstate(all="ignore"):
                    if isinstance(op, ast.Add):
                        return a + b
                    if isinstance(op, ast.Sub):
                        return a - b
                    if isinstance(op, ast.Mult):
                        return a * b
                    zero = b == 0
                    divisors.append((_show(right, formula.names), zero))
                    return np.where(zero, np.nan, a / b)
        raise AssertionError(f"unchecked formula node {ast.dump(node)}")  # pragma: no cover

    return Evaluation(walk(formula.tree), tuple(divisors))


def row_numbers(keys: pd.Series) -> np.ndarray:
    """1-based position of each row among the rows with the same key, in the given order.

    ``['A', 'A', 'B', 'A']`` → ``[1, 2, 1, 3]``; empty keys count as one key of their own.
    """
    codes, _ = pd.factorize(keys, use_na_sentinel=False)
    return pd.Series(codes).groupby(codes, sort=False).cumcount().to_numpy() + 1


def _round_significant(values: np.ndarray, digits: int) -> np.ndarray:
    """Round values below ``10**digits`` to ``digits`` significant digits (the nearest float)."""
    size = np.abs(values)
    magnitude = np.floor(np.log10(size, where=size > 0, out=np.zeros_like(values)))
    scale = 10.0 ** np.clip(digits - 1 - magnitude, 0, 300)
    with np.errstate(all="ignore"):
        rounded = np.round(values * scale) / scale
    return rounded + 0.0  # -0.0 → 0.0


def number_text(values: np.ndarray, decimal: str = ".") -> pa.Array:
    """Numbers as text the way a plain export writes them: ``220.0464``, ``1200``, ``13,98``.

    Args:
        values: float64 values; NaN and infinities become ``""``.
        decimal: The decimal mark to write.

    Returns:
        A pyarrow string array, rounded to :data:`SIGNIFICANT_DIGITS` significant digits,
        without grouping, exponent or trailing zeros.
    """
    finite = np.isfinite(values)
    plain = finite & (np.abs(values) < 10.0 ** (SIGNIFICANT_DIGITS - 1))
    rounded = _round_significant(np.where(plain, values, 0.0), SIGNIFICANT_DIGITS)
    text = pc.cast(pa.array(rounded), pa.string())  # the shortest text that reads back the same
    # rare: too large for the vectorised rounding, or written with an exponent (1e-07)
    exponent = pc.match_substring(text, "e").to_numpy(zero_copy_only=False)
    odd = np.flatnonzero((finite & ~plain) | (plain & exponent))
    if len(odd):
        exact = [format(Decimal(f"{values[i]:.{SIGNIFICANT_DIGITS}g}"), "f") for i in odd]
        where = np.zeros(len(values), dtype=bool)
        where[odd] = True
        text = pc.replace_with_mask(text, pa.array(where), pa.array(exact, type=pa.string()))
    if decimal != ".":
        text = pc.replace_substring(text, ".", decimal)
    return pc.if_else(pa.array(finite), text, "")
