"""Rules a row of a table must keep across its typed values, or be quarantined.

Typing (``reportlib.intake.data``) rejects a cell that cannot be read; the rules here reject a
row whose readable values cannot be true together or lie outside what the figures can use:
a ticket solved before it was opened, a satisfaction rating of 7 on a 1–5 scale. Such rows are
quarantined with their reason like unreadable ones (input rows = accepted + quarantined), so
that one impossible ticket leaves the service figures but never stops a run. Checks that need
other tables (customers known) are the validation's (``reportlib.intake.validation``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

Rule = Callable[[Mapping[str, pd.Series]], tuple[np.ndarray, str] | None]
"""Typed columns of a table → (rows that break the rule, reason), or None when the columns the
rule needs are not delivered."""


def _numbers(column: pd.Series) -> np.ndarray:
    return column.to_numpy(dtype="float64", na_value=np.nan)


def _between(name: str, low: float, high: float) -> Rule:
    """Values of ``name`` from ``low`` to ``high`` (empty values pass)."""

    def rule(columns: Mapping[str, pd.Series]) -> tuple[np.ndarray, str] | None:
        if name not in columns:
            return None
        values = _numbers(columns[name])
        with np.errstate(invalid="ignore"):
            bad = (values < low) | (values > high)
        return bad, f"{name}: not from {low:g} to {high:g}"

    return rule


def _not_negative(name: str, what: str) -> Rule:
    """Hours of ``name`` are not negative (``what`` says what a negative one means)."""

    def rule(columns: Mapping[str, pd.Series]) -> tuple[np.ndarray, str] | None:
        if name not in columns:
            return None
        with np.errstate(invalid="ignore"):
            bad = _numbers(columns[name]) < 0
        return bad, f"{name}: {what}"

    return rule


def _not_before(later: str, earlier: str) -> Rule:
    """Timestamps of ``later`` are not before those of ``earlier`` on the same row."""

    def rule(columns: Mapping[str, pd.Series]) -> tuple[np.ndarray, str] | None:
        if later not in columns or earlier not in columns:
            return None
        bad = (columns[later] < columns[earlier]).to_numpy(dtype=bool, na_value=False)
        return bad, f"{later}: before {earlier}"

    return rule


ROW_RULES: dict[str, tuple[Rule, ...]] = {
    "tickets": (
        _not_negative("first_response_hours", "negative (a first response before creation)"),
        _not_before("solved_at", "created_at"),
        _between("csat_rating", 1, 5),
    ),
    "surveys": (_between("score", 0, 10),),
}
"""The rules of each table; a table not listed has none."""


def row_rule_reasons(table: str, columns: Mapping[str, pd.Series]) -> pd.Series:
    """Why each row of ``table`` breaks its rules: NA where it keeps them all.

    Args:
        table: Contract table name.
        columns: Its typed columns (as ``reportlib.intake.data`` reads them), on one index;
            columns not delivered are absent. Not changed.

    Returns:
        A ``string`` Series on the columns' index: NA for a row that keeps every rule, else
        its reasons joined with "; " (``solved_at: before created_at``).
    """
    index = next(iter(columns.values())).index if columns else pd.RangeIndex(0)
    out = pd.Series(pd.NA, index=index, dtype="string")
    for rule in ROW_RULES.get(table, ()):
        found = rule(columns)
        if found is None:
            continue
        bad, reason = found
        if bad.any():
            mask = pd.Series(bad, index=index)
            out[mask] = (out[mask] + "; " + reason).fillna(reason)
    return out
