"""The data gate: Great Expectations checks of the input tables, and their HTML page.

This is the only module of reportlib that imports Great Expectations (GX 1.x). The checks are
built from the data contract in :mod:`reportlib.intake.schema`, one expectation suite per table, and
run in an in-memory (ephemeral) GX context that is silent and offline: no analytics, no
progress bars, no files written. Results come back as plain :class:`Finding` objects that the
rest of reportlib can print, test and render without knowing GX.

Checks that need more than one column or table (revenue consistency, outliers, freshness) are
computed in pandas as a derived column, and GX checks that column, so every check appears in the
same list of results.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from reportlib import i18n
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _, pgettext
from reportlib.intake.data import FIRST_DATA_LINE, Tables
from reportlib.intake.schema import TABLES, VOCABULARIES, Column, Table
from reportlib.site.pages import render, write_page

if TYPE_CHECKING:
    from great_expectations.expectations import Expectation

    from reportlib.config import Params

Severity = Literal["critical", "warning"]

SAMPLE_SIZE = 5
"""How many example rows and values a finding keeps."""

REVENUE_TOLERANCE = 0.01
"""Relative (1%) and absolute (0.01) tolerance of the net revenue recomputation."""

OUTLIER_FACTOR = 50
"""An order line above this multiple of its product's median net revenue is an outlier."""

REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    ("orders", "rep_id", "reps", "rep_id"),
    ("opportunities", "rep_id", "reps", "rep_id"),
    ("targets", "rep_id", "reps", "rep_id"),
    ("opportunities", "campaign_id", "campaigns", "campaign_id"),
)
"""Foreign keys: (table, column) must be a value of (parent table, parent column)."""
SERVICE_REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    ("tickets", "customer_id", "orders", "customer_id"),
    ("surveys", "customer_id", "orders", "customer_id"),
)
"""Foreign keys whose misses are warnings: a help desk also serves prospects and partners, whose
tickets count in volume and backlog but in no figure of churn or revenue."""

_FIRST_PASS: dict[str, Any] = {"result_format": "BOOLEAN_ONLY"}
"""Every check runs first for its verdict alone, which GX computes in about half the time."""
_RESULT_FORMAT: dict[str, Any] = {
    "result_format": "SUMMARY",
    "partial_unexpected_count": SAMPLE_SIZE,
    "return_unexpected_index_query": False,
}
_DERIVED = "__reportlib_"  # prefix of the helper columns added for GX


@dataclass(frozen=True)
class Text:
    """A check's description or hint: an English template (a catalog message) and its values.

    The analyst's log lines and exception messages read :meth:`english`; the validation page
    reads :meth:`shown`, in the language active when it is written. The values are names from
    the data contract, the params or the data (column names, region ids, codes), never
    translated.

    Attributes:
        template: The message, with named ``{placeholders}`` (marked ``N_`` where written).
        values: Placeholder name → value, as (name, value) pairs.
    """

    template: str
    values: tuple[tuple[str, str], ...] = ()

    def english(self) -> str:
        """The text in English, for logs and exception messages."""
        return self.template.format(**dict(self.values))

    def shown(self) -> str:
        """The text in the active language, for the validation page."""
        return _(self.template).format(**dict(self.values))

    def filled(self, **values: str) -> Text:
        """The same template with more values."""
        return Text(self.template, (*self.values, *values.items()))


def _text(template: str, **values: str) -> Text:
    return Text(template, tuple(values.items()))


@dataclass(frozen=True)
class Finding:
    """One failed check, in terms an analyst can act on.

    Attributes:
        table: Table name, e.g. ``orders``.
        column: Column checked, or None for a table-level check.
        check: What was expected, in plain English.
        severity: ``critical`` stops the run; ``warning`` is reported only.
        unexpected_count: How many rows (or items, for table-level checks) failed.
        rows: Up to five file line numbers of failing rows (data row index + 2).
        values: Up to five distinct offending values, as printable strings.
        hint: What to do about it, in plain English.
        check_text: ``check`` as a :class:`Text`, for the page in the reader's language
            (None: the page shows ``check``).
        hint_text: ``hint`` as a :class:`Text` (None: the page shows ``hint``).
    """

    table: str
    column: str | None
    check: str
    severity: Severity
    unexpected_count: int
    rows: tuple[int, ...]
    values: tuple[str, ...]
    hint: str
    check_text: Text | None = field(default=None, compare=False)
    hint_text: Text | None = field(default=None, compare=False)

    def shown_check(self) -> str:
        """``check`` in the active language (the validation page)."""
        return self.check_text.shown() if self.check_text else self.check

    def shown_hint(self) -> str:
        """``hint`` in the active language (the validation page)."""
        return self.hint_text.shown() if self.hint_text else self.hint

    def message(self) -> str:
        """The finding on one line, naming table, column, rows, values, check and hint."""
        detail = []
        if self.column is not None:
            detail.append(f"column {self.column!r}")
        if self.rows:
            noun = "row" if self.unexpected_count == 1 else "rows"
            first = "first rows" if self.unexpected_count > len(self.rows) else "rows"
            detail.append(f"{self.unexpected_count} {noun} ({first} {list(self.rows)})")
        text = self.table
        if detail:
            text += ": " + ", ".join(detail)
        if self.values:
            text += f": values {', '.join(self.values)}"
        return f"{text} — {self.check}; hint: {self.hint}"


@dataclass(frozen=True)
class CheckResult:
    """One expectation that was run, failed or not, for the validation page.

    Attributes:
        table: Table name.
        column: Column checked, or None for a table-level check.
        check: What was expected, in plain English.
        severity: ``critical`` or ``warning``.
        success: Whether the data met the expectation.
        unexpected_count: Failing rows (or items).
        element_count: Rows checked.
        check_text: ``check`` as a :class:`Text`, for the page in the reader's language
            (None: the page shows ``check``).
    """

    table: str
    column: str | None
    check: str
    severity: str
    success: bool
    unexpected_count: int
    element_count: int
    check_text: Text | None = field(default=None, compare=False)

    def shown_check(self) -> str:
        """``check`` in the active language (the validation page)."""
        return self.check_text.shown() if self.check_text else self.check


@dataclass(frozen=True)
class ValidationReport:
    """Everything one validation run found.

    Attributes:
        period: The report month, ``YYYY-MM``.
        checks: Every check run, in table and contract order.
        findings: The failed checks only.
        row_counts: Rows of each table validated.
    """

    period: str
    checks: tuple[CheckResult, ...]
    findings: tuple[Finding, ...]
    row_counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no finding is critical."""
        return not self.critical

    @property
    def critical(self) -> tuple[Finding, ...]:
        """Findings that stop the run."""
        return tuple(f for f in self.findings if f.severity == "critical")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Findings reported without stopping the run."""
        return tuple(f for f in self.findings if f.severity == "warning")


@dataclass(frozen=True)
class _Run:
    """What the checks of one run depend on besides a table's own rows."""

    tables: Tables
    params: Params
    period: pd.Period
    today: date


# --------------------------------------------------------------------------------------------
# Building expectations from the contract


def _expect(
    kind: str,
    *,
    check: Text,
    hint: Text,
    severity: Severity = "critical",
    about: str | None = None,
    **kwargs: Any,
) -> Expectation:
    """A GX expectation of class ``kind`` (``kwargs`` are its arguments).

    Its description goes into ``meta``: ``check`` and ``hint`` (templates and their values,
    :class:`Text`) and the column a reader is told about, which is ``about`` if given, else the
    expectation's own ``column`` unless that is a helper column (then the check is table-level).
    """
    import great_expectations.expectations as gxe

    shown = about or kwargs.get("column")
    if shown is not None and shown.startswith(_DERIVED):
        shown = None
    meta = {
        "check": check.template,
        "check_values": dict(check.values),
        "hint": hint.template,
        "hint_values": dict(hint.values),
        "column": shown,
    }
    return getattr(gxe, kind)(severity=severity, meta=meta, **kwargs)


def _listing(values: Iterable[object]) -> str:
    return ", ".join(str(v) for v in values)


def _range_hint(col: Column) -> Text:
    low = None if col.min_value is None else f"{col.min_value:g}"
    high = None if col.max_value is None else f"{col.max_value:g}"
    if low is not None and high is not None:
        return _text(N_("expected values from {low} to {high}"), low=low, high=high)
    if low is not None:
        return _text(N_("expected values of at least {low}"), low=low)
    return _text(N_("expected values of at most {high}"), high=str(high))


def _column_checks(table: Table, col: Column, run: _Run) -> Iterator[Expectation]:
    """Checks of one column on its own: filled in, allowed values, range."""
    name = col.name
    if not col.nullable:
        yield _expect(
            "ExpectColumnValuesToNotBeNull",
            column=name,
            check=_text(N_("no empty values")),
            hint=_text(N_("fill in {column} on every row"), column=name),
        )
    if col.allowed is not None:
        own = next((v for v, where in VOCABULARIES.items() if where == (table.name, name)), None)
        hint = (
            _text(
                N_(
                    "expected one of {values}, or list the company's own as "
                    "vocabularies.{vocabulary} in params/defaults.yaml"
                ),
                values=_listing(col.allowed),
                vocabulary=own,
            )
            if own
            else _text(N_("expected one of {values}"), values=_listing(col.allowed))
        )
        yield _expect(
            "ExpectColumnValuesToBeInSet",
            column=name,
            value_set=list(col.allowed),
            check=_text(N_("values in the allowed set")),
            hint=hint,
        )
    if name == table.region_column:
        regions = sorted(run.params.regions)
        yield _expect(
            "ExpectColumnValuesToBeInSet",
            column=name,
            value_set=regions,
            check=_text(N_("region defined in params/regions/")),
            hint=_text(
                N_("expected one of {values}, or add params/regions/<id>.yaml"),
                values=_listing(regions),
            ),
        )
    if name == "currency":
        rates = sorted(run.params.defaults.fx_rates)
        yield _expect(
            "ExpectColumnValuesToBeInSet",
            column=name,
            value_set=rates,
            check=_text(N_("currency has a budget rate")),
            hint=_text(
                N_("expected one of {values} (fx_rates in params/defaults.yaml)"),
                values=_listing(rates),
            ),
        )
    if col.kind in ("int", "float") and (col.min_value is not None or col.max_value is not None):
        yield _expect(
            "ExpectColumnValuesToBeBetween",
            column=name,
            min_value=col.min_value,
            max_value=col.max_value,
            check=_text(N_("values within the allowed range")),
            hint=_range_hint(col),
        )
    if name == table.date_column and col.kind in ("date", "timestamp"):
        latest = pd.Timestamp(run.today)
        if col.kind == "timestamp":  # any time of the run's day
            latest += pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)
        yield _expect(
            "ExpectColumnValuesToBeBetween",
            column=name,
            max_value=latest,
            check=_text(N_("dates not in the future")),
            hint=_text(
                N_("expected dates on or before {day}; correct the mistyped dates"),
                day=run.today.isoformat(),
            ),
        )


def _key_check(table: Table) -> Expectation:
    """One row per key value."""
    key = ", ".join(table.key)
    common = {
        "check": _text(N_("one row per {key}"), key=key),
        "hint": _text(N_("remove or merge the duplicate rows")),
    }
    if len(table.key) == 1:
        return _expect("ExpectColumnValuesToBeUnique", column=table.key[0], **common)
    return _expect("ExpectCompoundColumnsToBeUnique", column_list=list(table.key), **common)


def _reference_checks(name: str, frame: pd.DataFrame, run: _Run) -> Iterator[Expectation]:
    """Foreign keys into the reps, campaigns and orders tables, when those are present."""
    for child, column, parent, parent_column in (*REFERENCES, *SERVICE_REFERENCES):
        parent_frame = getattr(run.tables, parent)
        if child != name or parent_frame is None or column not in frame:
            continue
        if parent_column not in parent_frame:
            continue
        known = sorted({str(v) for v in parent_frame[parent_column].dropna().unique()})
        service = (child, column, parent, parent_column) in SERVICE_REFERENCES
        hint = (
            _text(
                N_(
                    "these customers have no orders: their rows count in the service figures "
                    "but not in churn or revenue; correct {column} where it should name a "
                    "customer of orders"
                ),
                column=column,
            )
            if service
            else _text(
                N_("add the missing {table} rows, or correct {column}"),
                table=parent,
                column=column,
            )
        )
        yield _expect(
            "ExpectColumnValuesToBeInSet",
            column=column,
            value_set=known,
            severity="warning" if service else "critical",
            check=_text(N_("{column} found in {table}"), column=column, table=parent),
            hint=hint,
        )


def _numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A column as float64, missing or non-numeric values as NaN."""
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def _revenue_mismatch(frame: pd.DataFrame) -> pd.Series:
    """net_revenue of lines that differ from quantity x list_price x (1 - discount_pct)."""
    net = _numbers(frame, "net_revenue")
    expected = (
        _numbers(frame, "quantity")
        * _numbers(frame, "list_price")
        * (1 - _numbers(frame, "discount_pct"))
    )
    tolerance = np.maximum(REVENUE_TOLERANCE, REVENUE_TOLERANCE * np.abs(expected))
    with np.errstate(invalid="ignore"):
        bad = np.abs(net - expected) > tolerance
    return pd.Series(np.where(bad, net, np.nan), index=frame.index)


def _revenue_outliers(frame: pd.DataFrame) -> pd.Series:
    """net_revenue of lines above OUTLIER_FACTOR times their product's median."""
    net = pd.Series(_numbers(frame, "net_revenue"), index=frame.index)
    median = net.groupby(frame["product_id"], sort=False).transform("median")
    bad = (net > OUTLIER_FACTOR * median).to_numpy(dtype=bool, na_value=False)
    return net.where(bad)


def _won_not_closed(frame: pd.DataFrame) -> pd.Series:
    """is_closed of deals marked won but not closed, missing for other rows."""
    won = frame["is_won"].to_numpy(dtype=object, na_value=None) == True  # noqa: E712
    not_closed = frame["is_closed"].to_numpy(dtype=object, na_value=None) == False  # noqa: E712
    return frame["is_closed"].where(won & not_closed)


def _regions_in_period(frame: pd.DataFrame, table: Table, period: pd.Period) -> pd.Series:
    """The region of each row dated in ``period``, missing for other rows."""
    dates = pd.to_datetime(frame[table.date_column], errors="coerce")
    inside = (dates >= period.start_time) & (dates <= period.end_time)
    return frame[table.region_column].where(inside.to_numpy(dtype=bool, na_value=False))


def _has(frame: pd.DataFrame, *columns: str | None) -> bool:
    return all(c is not None and c in frame for c in columns)


Derived = tuple[str, pd.Series, "Expectation"]
"""A helper column's name, its values, and the expectation GX checks on it."""


def _freshness(frame: pd.DataFrame, run: _Run) -> Derived | None:
    """Every region has at least one order dated in the report month (table-level)."""
    table = TABLES["orders"]
    if not _has(frame, table.date_column, table.region_column):
        return None
    period = f"{run.period:%Y-%m}"
    name = _DERIVED + "region_in_period"
    check = _expect(
        "ExpectColumnDistinctValuesToContainSet",
        column=name,
        value_set=sorted(run.params.regions),
        check=_text(N_("every region has orders dated in {month}"), month=period),
        hint=_text(
            N_(
                "no order dated in {month} for {missing}; check that the export covers the "
                "whole month for every region, or remove params/regions/<id>.yaml of a region "
                "the company does not have"
            ),
            month=period,
        ),
    )
    return name, _regions_in_period(frame, table, run.period), check


def _revenue_consistency(frame: pd.DataFrame, run: _Run) -> Derived | None:
    """net_revenue agrees with quantity, list price and discount (warning)."""
    if not _has(frame, "net_revenue", "quantity", "list_price", "discount_pct"):
        return None
    name = _DERIVED + "revenue_mismatch"
    check = _expect(
        "ExpectColumnValuesToBeNull",
        column=name,
        severity="warning",
        check=_text(N_("net_revenue = quantity × list_price × (1 − discount_pct), within 1%")),
        hint=_text(N_("check the price, quantity and discount of these lines")),
        about="net_revenue",
    )
    return name, _revenue_mismatch(frame), check


def _revenue_outlier(frame: pd.DataFrame, run: _Run) -> Derived | None:
    """No order line far above the usual line of its product (warning)."""
    if not _has(frame, "net_revenue", "product_id"):
        return None
    name = _DERIVED + "revenue_outlier"
    check = _expect(
        "ExpectColumnValuesToBeNull",
        column=name,
        severity="warning",
        check=_text(
            N_("net_revenue at most {factor}× the median line of its product"),
            factor=str(OUTLIER_FACTOR),
        ),
        hint=_text(N_("check for a misplaced decimal point or a wrong quantity")),
        about="net_revenue",
    )
    return name, _revenue_outliers(frame), check


def _won_is_closed(frame: pd.DataFrame, run: _Run) -> Derived | None:
    """A won deal is closed (GX's column-pair expectations loop in Python: too slow here)."""
    if not _has(frame, "is_won", "is_closed"):
        return None
    name = _DERIVED + "won_not_closed"
    check = _expect(
        "ExpectColumnValuesToBeNull",
        column=name,
        check=_text(N_("a won deal (is_won true) is also closed")),
        hint=_text(N_("set is_closed to true on deals with is_won true")),
        about="is_closed",
    )
    return name, _won_not_closed(frame), check


DERIVED_CHECKS = {
    "orders": (_freshness, _revenue_consistency, _revenue_outlier),
    "opportunities": (_won_is_closed,),
}
"""Checks across columns or rows, per table, computed in pandas and checked by GX."""


def _table_checks(name: str, frame: pd.DataFrame, run: _Run) -> tuple[pd.DataFrame, list[Any]]:
    """The frame GX should see (with helper columns) and the expectations of one table."""
    table = run.params.tables[name]
    checks: list[Expectation] = [
        _expect(
            "ExpectTableColumnsToMatchSet",
            column_set=table.mandatory_columns,
            exact_match=False,
            check=_text(N_("every mandatory contract column present")),
            hint=_text(
                N_("add the missing columns {missing}; see docs/data-contract.md for {table}"),
                table=name,
            ),
        )
    ]
    for col in table.columns:
        if col.name in frame:
            checks.extend(_column_checks(table, col, run))
    if _has(frame, *table.key):
        checks.append(_key_check(table))
    checks.extend(_reference_checks(name, frame, run))
    derived: dict[str, pd.Series] = {}
    for build in DERIVED_CHECKS.get(name, ()):
        built = build(frame, run)
        if built is not None:
            derived[built[0]] = built[1]
            checks.append(built[2])
    for position, check in enumerate(checks):
        check.meta["position"] = position  # GX may return results in another order
    return _for_gx(frame).assign(**derived), checks


def _fast_dtype(column: pd.Series) -> str | None:
    """A NumPy dtype GX compares vectorised, where the column's own dtype is slow in GX.

    GX checks ranges of ``int``, ``float`` and ``datetime64[ns]`` columns at once, but calls
    Python once per value for nullable integers and other datetime resolutions.
    """
    if pd.api.types.is_extension_array_dtype(column.dtype) and pd.api.types.is_integer_dtype(
        column.dtype
    ):
        return "float64" if column.hasnans else "int64"
    if pd.api.types.is_datetime64_dtype(column.dtype) and column.dtype != "datetime64[ns]":
        return "datetime64[ns]"
    return None


def _for_gx(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with columns in dtypes GX checks quickly; same values, same index."""
    fast = {}
    for name, column in frame.items():
        dtype = _fast_dtype(column)
        if dtype is None:
            continue
        try:
            fast[name] = column.astype(dtype)
        except (OverflowError, ValueError):  # e.g. a date beyond 2262 in nanoseconds
            continue
    return frame.assign(**fast)


# --------------------------------------------------------------------------------------------
# Running GX


def _context() -> Any:
    """An in-memory GX context: no analytics, no progress bars, no files, no network."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
    )
    return gx.get_context(project_config=config, mode="ephemeral")


def _run_suites(
    suites: dict[str, tuple[pd.DataFrame, list[Any]]], result_format: dict[str, Any]
) -> dict[str, list[Any]]:
    """Validate each table's batch against its suite; its GX results, in check order.

    ``Batch.validate`` runs the suite on the batch and stores nothing: a ``ValidationDefinition``
    added to the context would also serialize the suite, the definition and every result into
    the context's stores, and check them for freshness (a fifth of the time, with results the
    same).
    """
    import great_expectations as gx

    source = _context().data_sources.add_pandas("reportlib")
    results: dict[str, list[Any]] = {}
    for name, (frame, checks) in suites.items():
        batch = (
            source.add_dataframe_asset(name)
            .add_batch_definition_whole_dataframe(name)
            .get_batch(batch_parameters={"dataframe": frame})
        )
        run = batch.validate(
            gx.ExpectationSuite(name=name, expectations=checks), result_format=result_format
        )
        results[name] = sorted(run.results, key=lambda r: r.expectation_config.meta["position"])
    return results


# --------------------------------------------------------------------------------------------
# Reading GX results


def _show(value: object) -> str:
    """A value as a short printable string: text quoted, dates ISO, missing as ``empty``."""
    if isinstance(value, dict):
        return ", ".join(f"{k}={_show(v)}" for k, v in value.items())
    if isinstance(value, tuple | list):
        return "(" + ", ".join(_show(v) for v in value) + ")"
    if value is None or value is pd.NA or value is pd.NaT:
        return "empty"
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, np.integer | int):
        return str(int(value))
    if isinstance(value, np.floating | float):
        if math.isnan(value):
            return "empty"
        return (
            str(int(value))
            if float(value).is_integer() and abs(value) < 1e15
            else repr(float(value))
        )
    if isinstance(value, datetime | date):
        stamp = pd.Timestamp(value)
        text = stamp.date().isoformat() if stamp == stamp.normalize() else stamp.isoformat()
        return repr(text)
    return repr(str(value)) if isinstance(value, str) else repr(value)


def _distinct(values: Iterable[object]) -> tuple[str, ...]:
    shown = dict.fromkeys(_show(v) for v in values)
    return tuple(shown)[:SAMPLE_SIZE]


def _missing(result: dict[str, Any]) -> list[str] | None:
    """The expected items absent from the data, for checks of a set (columns, regions)."""
    if "partial_missing_list" in result:  # distinct values should contain a set
        return sorted(str(v) for v in result["partial_missing_list"])
    if "details" in result:  # table columns should match a set
        return [str(v) for v in result["details"].get("mismatched", {}).get("missing", [])]
    return None


def _failure(result: dict[str, Any]) -> tuple[int, tuple[int, ...], tuple[str, ...]]:
    """(unexpected count, file lines, values) of a failed GX result."""
    missing = _missing(result)
    if missing is not None:
        return int(result.get("missing_count", len(missing))), (), _distinct(missing)
    lines = tuple(int(i) + FIRST_DATA_LINE for i in result.get("partial_unexpected_index_list", []))
    values = _distinct(result.get("partial_unexpected_list", []))
    return int(result.get("unexpected_count", 0)), lines[:SAMPLE_SIZE], values


def _error(exception_info: Any) -> str | None:
    """The message of an exception GX caught while checking, if any."""
    infos = exception_info.values() if isinstance(exception_info, dict) else []
    if isinstance(exception_info, dict) and "raised_exception" in exception_info:
        infos = [exception_info]
    for info in infos:
        if isinstance(info, dict) and info.get("raised_exception"):
            return str(info.get("exception_message") or "unknown error")
    return None


def _read(name: str, result: Any, rows: int) -> tuple[CheckResult, Finding | None]:
    """A GX expectation result as a CheckResult, and a Finding if it failed."""
    config = result.expectation_config
    meta = config.meta
    severity: Severity = "warning" if config.severity == "warning" else "critical"
    details = dict(result.result or {})
    count, lines, values = _failure(details) if not result.success else (0, (), ())
    described = Text(meta["check"], tuple(meta["check_values"].items()))
    hint = Text(meta["hint"], tuple(meta["hint_values"].items()))
    error = _error(result.exception_info)
    if error is not None:
        hint = _text(
            N_("the check could not run ({error}); check the column holds the contract's type"),
            error=error,
        )
    check = CheckResult(
        table=name,
        column=meta["column"],
        check=described.english(),
        severity=severity,
        success=bool(result.success),
        unexpected_count=count,
        element_count=int(details.get("element_count", rows)),
        check_text=described,
    )
    if result.success:
        return check, None
    if "{missing}" in hint.template:
        hint = hint.filled(missing=", ".join(_missing(details) or []))
    finding = Finding(
        name,
        meta["column"],
        described.english(),
        severity,
        count,
        lines,
        values,
        hint.english(),
        check_text=described,
        hint_text=hint,
    )
    return check, finding


def _check(suites: dict[str, tuple[pd.DataFrame, list[Any]]]) -> dict[str, list[Any]]:
    """Every table's GX results in check order; a failed check's result has its details.

    Every check runs for its verdict first; only the failed ones run again, for the rows and
    values their findings name.
    """
    verdicts = _run_suites(suites, _FIRST_PASS)
    failed = {
        name: {r.expectation_config.meta["position"] for r in results if not r.success}
        for name, results in verdicts.items()
    }
    if not any(failed.values()):
        return verdicts
    again = {
        # copies: GX gives an expectation to one suite only
        name: (frame, [copy.copy(c) for c in checks if c.meta["position"] in failed[name]])
        for name, (frame, checks) in suites.items()
        if failed[name]
    }
    details = _run_suites(again, _RESULT_FORMAT)
    merged = {}
    for name, results in verdicts.items():
        detailed = iter(details.get(name, []))
        merged[name] = [r if r.success else next(detailed) for r in results]
    return merged


def validate(
    tables: Tables, params: Params, period: pd.Period, *, today: date | None = None
) -> ValidationReport:
    """Check every table present against the data contract, the parameters and each other.

    Data problems never raise: they come back as findings. The caller decides what to do
    when :attr:`ValidationReport.ok` is false (the CLI raises ``ValidationFailed``). Pass the
    company's tables, not a region cut: every region of ``params`` needs orders in ``period``.

    Args:
        tables: The input tables; frame index = file line - 2 (the header is line 1).
        params: Regions and exchange rates the data must fit.
        period: The report month; every region needs orders dated in it.
        today: Dates after this day are errors; defaults to the current date.

    Returns:
        Every check run, the failed ones as findings, and the rows of each table.
    """
    run = _Run(tables, params, pd.Period(period, freq="M"), today or date.today())
    suites = {name: _table_checks(name, frame, run) for name, frame in tables.items()}
    checks: list[CheckResult] = []
    findings: list[Finding] = []
    for name, results in _check(suites).items():
        for result in results:
            check, finding = _read(name, result, len(suites[name][0]))
            checks.append(check)
            if finding is not None:
                findings.append(finding)
    findings.sort(key=lambda f: f.severity != "critical")
    return ValidationReport(
        period=f"{run.period:%Y-%m}",
        checks=tuple(checks),
        findings=tuple(findings),
        row_counts={name: len(frame) for name, frame in tables.items()},
    )


# --------------------------------------------------------------------------------------------
# The validation page


def write_validation_page(
    report: ValidationReport,
    path: Path,
    *,
    title: str | None = None,
    fmt: Formatter | None = None,
    months: Formatter | None = None,
) -> Path:
    """Write ``report`` as a self-contained, accessible HTML page (reportlib's "Data Docs").

    The page needs no network: CSS is inline, there is no script. Values from the data are
    HTML-escaped. Its words are in the language ``reportlib.i18n`` has active (the run writes
    it in the company's reading language); the checks and hints through their
    :class:`Text`, the names of tables, columns and values as in the files.

    Args:
        report: The result of :func:`validate`.
        path: The HTML file to write; its folder is created.
        title: The page heading; default "Data validation" in the active language.
        fmt: Formatter of the counts (the company's locale); default English.
        months: Formatter of the report month's name; default ``fmt``.

    Returns:
        ``path``.

    Raises:
        RenderError: if the file cannot be written.
    """
    fmt = fmt or Formatter("en_US", "USD")
    groups: dict[str, list[CheckResult]] = {}
    for check in report.checks:
        groups.setdefault(check.table, []).append(check)
    findings = [_finding_row(f, fmt) for f in (*report.critical, *report.warnings)]
    html = render(
        "validation.html.j2",
        report=report,
        findings=findings,
        groups={name: [_check_row(c, fmt) for c in checks] for name, checks in groups.items()},
        title=title or _("Data validation"),
        status=_status(report, fmt),
        lang=i18n.language(),
        month=(months or fmt).month(pd.Period(report.period, freq="M")),
        fmt=fmt,
        pgettext=pgettext,  # the page's column headers: words of two senses
    )
    return write_page(Path(path), html)


def severity_label(severity: str) -> str:
    """``critical`` or ``warning`` as the page says it, in the active language."""
    if severity == "critical":
        return pgettext("severity", "Critical")
    return pgettext("severity", "Warning")


def _status(report: ValidationReport, fmt: Formatter) -> str:
    """The page's verdict: passed or failed, with the counts of findings."""
    warnings = len(report.warnings)
    if report.ok:
        return _("Status: PASSED — no critical problem, warnings: {warnings}.").format(
            warnings=fmt.number(warnings)
        )
    return _(
        "Status: FAILED — critical problems: {critical}, warnings: {warnings}. Reports are not "
        "published until the critical problems are fixed."
    ).format(critical=fmt.number(len(report.critical)), warnings=fmt.number(warnings))


def _shown_value(value: str) -> str:
    """A finding's value on the page: ``empty`` (a missing value) in the active language."""
    return pgettext("value", "empty") if value == "empty" else value


def _finding_row(finding: Finding, fmt: Formatter) -> dict[str, Any]:
    """One row of the page's findings table, its words in the active language."""
    return {
        "severity": finding.severity,
        "severity_label": severity_label(finding.severity),
        "table": finding.table,
        "column": finding.column,
        "check": finding.shown_check(),
        "count": fmt.number(finding.unexpected_count),
        "rows": finding.rows,
        "more_rows": finding.unexpected_count > len(finding.rows) > 0,
        "values": [_shown_value(v) for v in finding.values],  # noqa: PD011 (texts)
        "hint": finding.shown_hint(),
    }


def _check_row(check: CheckResult, fmt: Formatter) -> dict[str, Any]:
    """One row of a table's checks on the page, its words in the active language."""
    return {
        "success": check.success,
        "column": check.column,
        "check": check.shown_check(),
        "severity_label": severity_label(check.severity),
        "unexpected": fmt.number(check.unexpected_count),
        "checked": fmt.number(check.element_count),
    }
