"""Column-mapping profiles: real CRM and ERP exports in, the data contract's columns out.

A profile (``params/mappings/<name>.yaml``) says where each contract column of one table is
found in an export (candidate headers, matched case-insensitively), how the export's values
translate into contract values (stage names, forecast categories, deal types), which columns
are percentages, which fixed values fill columns the export lacks, which columns are computed
from others (``cost: Sales - Profit``, see ``reportlib.intake.formulas``), and whether
closed/won flags and forecast categories are derived from the stage.

:func:`apply_profile` works on text: it takes the all-string frame a reader returns and gives an
all-string frame with the contract columns the export delivers, ready for typing and validation
(``reportlib.intake.data``), with the reasons rows cannot be used and the export's unused headers.
Values it cannot translate pass through unchanged, so that validation names them with their
rows. Which profile applies to which input file is decided elsewhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from reportlib.config import _explain, _read_yaml
from reportlib.errors import ConfigError, DataError, MissingColumnsError
from reportlib.intake.formulas import (
    ROW_NUMBER,
    Formula,
    evaluate,
    number_text,
    parse_formula,
    row_numbers,
)
from reportlib.intake.parsing import NULL_TOKENS, parse_numbers
from reportlib.intake.readers import SHORT_ROW, TEXT
from reportlib.intake.schema import TABLES, Table

MAPPINGS_DIR = "mappings"
"""Folder under ``params/`` holding the profiles."""
CLOSED_WON = "Closed Won"
CLOSED_LOST = "Closed Lost"
_PROFILE_SUFFIXES = (".yaml", ".yml")
_DOCS_HINT = "see docs/mapping.md for the keys of a mapping profile"
_ISO_DATETIME = r"^\s*(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}.*$"
# the words reportlib.intake.data reads as booleans
_TRUE = frozenset({"true", "1", "yes", "y", "t"})
_FALSE = frozenset({"false", "0", "no", "n", "f"})


def _problem(message: str) -> PydanticCustomError:
    return PydanticCustomError("mapping_profile", "{message}", {"message": message})


def _key(text: str) -> str:
    """How headers and values are compared: blanks and a byte-order mark ignored, any case."""
    return text.strip().lstrip("\ufeff").strip().casefold()


def _require_text(value: object, where: str) -> None:
    """Reject YAML scalars that are not text (unquoted yes/no/on/off/true/false, numbers)."""
    if isinstance(value, dict):
        for key, item in value.items():
            _require_text(key, where)
            _require_text(item, f"{where}.{key}")
    elif isinstance(value, list):
        for item in value:
            _require_text(item, where)
    elif isinstance(value, bool | int | float):
        kind = "boolean" if isinstance(value, bool) else "number"
        raise _problem(
            f"{where}: {value!r} was read as a {kind}, not as text; put it in quotes "
            "(unquoted yes, no, on, off, true, false and numbers are not text in YAML)"
        )


def _unknown_columns(table: Table, names: list[str], where: str) -> None:
    unknown = [n for n in names if n not in table.column_names]
    if unknown:
        close = difflib.get_close_matches(unknown[0], table.column_names, n=1)
        tip = f" (did you mean {close[0]!r}?)" if close else ""
        raise _problem(
            f"{where}: {', '.join(map(repr, unknown))} not a column of table {table.name!r}{tip}; "
            f"its columns: {', '.join(table.column_names)}"
        )


def _allowed_targets(table: Table, column: str, targets: list[str], where: str) -> None:
    allowed = table.column(column).allowed
    bad = [t for t in targets if allowed is not None and t not in allowed]
    if bad:
        raise _problem(
            f"{where}: {', '.join(map(repr, bad))} not allowed in {table.name}.{column} "
            f"(allowed: {', '.join(allowed or ())})"
        )


class MappingProfile(BaseModel):
    """How one export's columns and values become one contract table.

    Attributes:
        table: The contract table the export fills (a name in ``schema.TABLES``).
        columns: Contract column → candidate export headers, first present wins. Headers match
            ignoring case and surrounding blanks; the contract name itself is always tried last.
        values: Contract column → {export value: contract value}, matched ignoring case and
            surrounding blanks; other values pass through unchanged.
        probability: How the ``probability`` column is written: ``fraction`` (0–1),
            ``percent`` (0–100) or ``auto`` (percent if any value is above 1). A value with a
            ``%`` sign is always a percentage.
        percent_columns: Other number columns written in percent (``15`` for 15 %).
        constants: Contract column → fixed value, used when the export has no such column.
        computed: Number column → formula over the export's headers (``Sales - Profit``,
            ``row_number(`Order ID`)``; see ``reportlib.intake.formulas``), used when the export has
            no header for the column. Results are in contract units (not percent-scaled).
        derive_closed_won_from_stage: When the export lacks ``is_closed`` or ``is_won``, derive
            them from the (mapped) stage: ``Closed Won`` is closed and won, ``Closed Lost``
            closed and lost, anything else open. A flag the export has is used as it is.
        forecast_category_from_stage: (Mapped) stage → forecast category, filling the
            ``forecast_category`` cells the export leaves empty or the column it lacks.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    table: str
    columns: dict[str, list[str]] = Field(default_factory=dict)
    values: dict[str, dict[str, str]] = Field(default_factory=dict)
    probability: Literal["auto", "percent", "fraction"] = "auto"
    percent_columns: list[str] = Field(default_factory=list)
    constants: dict[str, str] = Field(default_factory=dict)
    computed: dict[str, str] = Field(default_factory=dict)
    derive_closed_won_from_stage: bool = False
    forecast_category_from_stage: dict[str, str] = Field(default_factory=dict)

    _path: Path | None = PrivateAttr(default=None)
    _table: Table | None = PrivateAttr(default=None)

    @property
    def path(self) -> Path | None:
        """The file the profile was loaded from (None when built in code)."""
        return self._path

    @property
    def contract_table(self) -> Table:
        """The table the profile fills, with the allowed values it was checked against."""
        return self._table or TABLES[self.table]

    @property
    def formulas(self) -> dict[str, Formula]:
        """Computed column → its parsed formula (checked when the profile was made)."""
        return {column: parse_formula(text) for column, text in self.computed.items()}

    @field_validator("table")
    @classmethod
    def _known_table(cls, value: str) -> str:
        if value not in TABLES:
            raise _problem(f"unknown table {value!r}; tables: {', '.join(TABLES)}")
        return value

    @field_validator(
        "columns",
        "values",
        "percent_columns",
        "constants",
        "computed",
        "forecast_category_from_stage",
        mode="before",
    )
    @classmethod
    def _text_only(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name == "columns" and isinstance(value, dict):
            # a single header may be written without brackets
            value = {k: [v] if isinstance(v, str) else v for k, v in value.items()}
        _require_text(value, str(info.field_name))
        return value

    @field_validator("columns")
    @classmethod
    def _check_columns(cls, value: dict[str, list[str]], info: ValidationInfo) -> Any:
        table = _contract(info).get(info.data.get("table", ""))
        if table is not None:
            _unknown_columns(table, list(value), "columns")
        for column, headers in value.items():
            if any(not h.strip() for h in headers):
                raise _problem(f"columns.{column}: a header is empty")
        return value

    @field_validator("values")
    @classmethod
    def _check_values(cls, value: dict[str, dict[str, str]], info: ValidationInfo) -> Any:
        table = _contract(info).get(info.data.get("table", ""))
        if table is not None:
            _unknown_columns(table, list(value), "values")
        for column, mapping in value.items():
            seen: dict[str, tuple[str, str]] = {}
            for source, target in mapping.items():
                earlier = seen.setdefault(_key(source), (source, target))
                if earlier[1] != target:
                    raise _problem(
                        f"values.{column}: {earlier[0]!r} and {source!r} are the same value "
                        f"(case is ignored) but map to {earlier[1]!r} and {target!r}"
                    )
            if table is not None:
                _allowed_targets(table, column, list(mapping.values()), f"values.{column}")
        return value

    @field_validator("percent_columns")
    @classmethod
    def _check_percent(cls, value: list[str], info: ValidationInfo) -> Any:
        table = _contract(info).get(info.data.get("table", ""))
        if table is None:
            return value
        _unknown_columns(table, value, "percent_columns")
        if "probability" in value:
            raise _problem("percent_columns: set 'probability: percent' for the probability")
        not_float = [c for c in value if table.column(c).kind != "float"]
        if not_float:
            raise _problem(f"percent_columns: {not_float} are not number columns with fractions")
        return value

    @field_validator("constants")
    @classmethod
    def _check_constants(cls, value: dict[str, str], info: ValidationInfo) -> Any:
        table = _contract(info).get(info.data.get("table", ""))
        if table is not None:
            _unknown_columns(table, list(value), "constants")
            for column, constant in value.items():
                _allowed_targets(table, column, [constant], f"constants.{column}")
        return value

    @field_validator("computed")
    @classmethod
    def _check_computed(cls, value: dict[str, str], info: ValidationInfo) -> Any:
        table = _contract(info).get(info.data.get("table", ""))
        if table is None:
            return value
        _unknown_columns(table, list(value), "computed")
        both = [c for c in value if c in info.data.get("constants", {})]
        if both:
            raise _problem(
                f"computed.{both[0]} and constants.{both[0]}: a column is computed or constant"
            )
        computed_keys = {_key(c): c for c in value}
        for column, text in value.items():
            where = f"computed.{column}"
            kind = table.column(column).kind
            if kind not in ("int", "float"):
                raise _problem(f"{where}: only number columns can be computed; {column} is {kind}")
            try:
                formula = parse_formula(text)
            except ConfigError as exc:
                raise _problem(f"{where}: {text!r}: {exc.message}") from None
            if (column == "line_number") != (formula.row_number_of is not None):
                raise _problem(
                    f"{where}: {text!r}: line_number is computed with {ROW_NUMBER}(<header>), "
                    f"e.g. {ROW_NUMBER}(`Order ID`), and {ROW_NUMBER} computes nothing else"
                )
            computed_operand = [h for h in formula.headers if _key(h) in computed_keys]
            if computed_operand:
                name = computed_keys[_key(computed_operand[0])]
                raise _problem(
                    f"{where}: {text!r} uses {name}, which is computed too; write it out in "
                    "the export's columns"
                )
        return value

    @field_validator("derive_closed_won_from_stage")
    @classmethod
    def _check_derive(cls, value: bool, info: ValidationInfo) -> bool:
        table = _contract(info).get(info.data.get("table", ""))
        needed = {"stage", "is_closed", "is_won"}
        if value and table is not None and not needed <= set(table.column_names):
            raise _problem(f"table {table.name!r} has no stage, is_closed and is_won columns")
        return value

    @field_validator("forecast_category_from_stage")
    @classmethod
    def _check_forecast(cls, value: dict[str, str], info: ValidationInfo) -> Any:
        table = _contract(info).get(info.data.get("table", ""))
        if not value or table is None:
            return value
        if not {"stage", "forecast_category"} <= set(table.column_names):
            raise _problem(f"table {table.name!r} has no stage and forecast_category columns")
        _allowed_targets(
            table, "forecast_category", list(value.values()), "forecast_category_from_stage"
        )
        return value


def _contract(info: ValidationInfo) -> Mapping[str, Table]:
    """The tables a profile is checked against: the company's, else the standard contract.

    The company's tables (with its vocabularies) come as ``tables`` in the validation context.
    """
    return (info.context or {}).get("tables", TABLES)


def available_profiles(params_dir: str | Path) -> list[str]:
    """Names of the profiles in ``<params_dir>/mappings/``, sorted."""
    folder = Path(params_dir) / MAPPINGS_DIR
    if not folder.is_dir():
        return []
    return sorted({p.stem for p in folder.iterdir() if p.suffix in _PROFILE_SUFFIXES})


def load_profile(
    params_dir: str | Path, name: str, tables: Mapping[str, Table] | None = None
) -> MappingProfile:
    """Load and check ``<params_dir>/mappings/<name>.yaml``.

    ``tables`` are the company's contract tables (``Params.tables``, with its vocabularies);
    the translations of values are checked against their allowed values. Default: the
    standard contract.

    Raises:
        ConfigError: for an unknown profile name (listing the available ones), an unknown key,
            or a column that is not in the profile's table; naming the file and the key.
    """
    folder = Path(params_dir) / MAPPINGS_DIR
    available = available_profiles(params_dir)
    if name not in available:
        close = difflib.get_close_matches(name, available, n=1)
        tip = f" (did you mean {close[0]!r}?)" if close else ""
        raise ConfigError(
            f"{folder}: no mapping profile {name!r}{tip}; "
            f"available: {', '.join(available) or 'none'}",
            hint=f"use one of those names, or write {folder / name}.yaml (see docs/mapping.md)",
        )
    path = next(
        folder / f"{name}{suffix}"
        for suffix in _PROFILE_SUFFIXES
        if (folder / f"{name}{suffix}").is_file()
    )
    raw = _read_yaml(path)
    try:
        profile = MappingProfile.model_validate(raw, context={"tables": tables or TABLES})
    except ValidationError as exc:
        raise ConfigError(_explain(path, MappingProfile, exc).message, hint=_DOCS_HINT) from None
    profile._path = path
    profile._table = (tables or TABLES)[profile.table]
    return profile


@dataclass(frozen=True)
class MappedExport:
    """An export mapped onto one contract table, as text.

    Attributes:
        frame: Strings, one column per contract column the export delivers (found, constant,
            derived or computed) in contract order, on the export's index. An optional
            contract column the export does not deliver is left out; a nullable one is "".
        reasons: String Series on the export's index: "" where the row is fine, else why it
            cannot be used (``cost: computed from Sales - Profit, but Profit is empty``, ``...
            but Quantity is 0``); several reasons are joined with "; ".
        unused: The export's headers the profile did not use (neither mapped to a column nor
            an operand of a computed column), in file order.
        headers: Contract column → the export header it was read from (columns found in the
            export only), so that messages name the column the user sees in the file.
    """

    frame: pd.DataFrame
    reasons: pd.Series
    unused: tuple[str, ...]
    headers: dict[str, str] = field(default_factory=dict)


def _headers_by_key(raw: pd.DataFrame) -> dict[str, list[str]]:
    by_key: dict[str, list[str]] = {}
    for header in raw.columns:
        by_key.setdefault(_key(str(header)), []).append(header)
    return by_key


def _ambiguous(headers: list[str], what: str, source: str) -> DataError:
    return DataError(
        f"{source}: headers {headers} differ only in case or blanks; cannot tell which holds "
        f"{what}",
        hint="rename or remove one of them in the export",
    )


def _match_headers(
    by_key: dict[str, list[str]], profile: MappingProfile, table: Table, source: str
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Contract column → export header found, and the candidates tried for each column."""
    found: dict[str, str] = {}
    tried: dict[str, list[str]] = {}
    for column in table.column_names:
        candidates = list(profile.columns.get(column, []))
        if _key(column) not in map(_key, candidates):
            candidates.append(column)
        tried[column] = candidates
        for candidate in candidates:
            headers = by_key.get(_key(candidate))
            if not headers:
                continue
            if len(headers) > 1:
                raise _ambiguous(headers, repr(column), source)
            found[column] = headers[0]
            break
    return found, tried


def _missing_error(
    raw: pd.DataFrame,
    profile: MappingProfile,
    table: Table,
    missing: list[tuple[str, ...]],
    tried: dict[str, list[str]],
    source: str,
) -> MissingColumnsError:
    """The error for what no header, constant, derivation or formula gives.

    Each entry of ``missing`` is one column, or a group of which one is needed
    (``product_id`` or ``category``).
    """
    headers = [str(h) for h in raw.columns]

    def looked_for(column: str) -> str:
        close = {
            h
            for c in tried[column]
            for h in difflib.get_close_matches(c, headers, n=1, cutoff=0.75)
        }
        tip = f", closest header {sorted(close)[0]!r}" if close else ""
        return f"{column} (looked for {', '.join(map(repr, tried[column]))}{tip})"

    looked = [" or ".join(map(looked_for, group)) for group in missing]
    where = str(profile.path) if profile.path else "the mapping profile"
    keys = ", ".join(" or ".join(f"columns.{c}" for c in group) for group in missing)
    first = missing[0][0]
    computed = (
        f"; a number the export holds in another shape can be computed under computed.{first}"
        if table.column(first).kind in ("int", "float")
        else ""
    )
    return MissingColumnsError(
        f"{source}: no column for {', '.join(looked)} in this {table.name} export; "
        f"headers found: {headers}",
        hint=(
            f"add the export's header to {where} under {keys} (a value that is the same on "
            "every row, such as a one-currency export's currency, can go under "
            f"constants.{first} instead{computed})"
        ),
    )


def _translate(
    text: pd.Series, mapping: dict[str, str] | None, allowed: tuple[str, ...] | None
) -> pd.Series:
    """Replace values found in ``mapping`` (any case, blanks ignored); keep the others.

    In a column with a closed list of values, a value that differs from an allowed one only in
    case or blanks is written as allowed (``best case`` → ``Best Case``).
    """
    lookup = {_key(value): value for value in allowed or ()}
    lookup |= {_key(source): target for source, target in (mapping or {}).items()}
    if not lookup:
        return text
    distinct = text.drop_duplicates()  # keys worked out once per distinct value
    targets = {v: lookup[_key(v)] for v in distinct if _key(v) in lookup}
    mapped = text.map(targets)
    return text.where(mapped.isna(), mapped)


def _scale_percent(text: pd.Series, mode: str, decimal: str, thousands: str) -> pd.Series:
    """Percent → fraction as text, by ``mode``; a cell with ``%`` is always a percentage.

    Numbers are read strictly as the file declares them (``parsing.parse_numbers``) and
    written as computed columns are (``formulas.number_text``: the file's ``decimal`` mark, no
    grouping), so that the loader reads the result as it reads the file's other numbers; a
    cell that does not fit stays as it is, for the loader to name.
    """
    has_sign = text.str.contains("%", regex=False).fillna(False).astype(bool)
    bare = text.str.replace("%", "", regex=False).str.strip()
    value, _ = parse_numbers(
        bare.mask(bare.str.lower().isin(NULL_TOKENS)).astype("string"),
        decimal=decimal,
        thousands=thousands,
    )
    if mode == "percent" or (mode == "auto" and (bool((value > 1).any()) or has_sign.any())):
        convert = value.notna()
    else:
        convert = has_sign & value.notna()
    numbers = value.to_numpy(dtype="float64")
    take = convert.to_numpy(dtype=bool) & np.isfinite(numbers)
    cells = text.to_numpy(dtype=object).copy()
    cells[take] = np.asarray(number_text(numbers / 100, decimal).to_pylist(), dtype=object)[take]
    return pd.Series(cells, index=text.index, dtype=str)


def _date_part(text: pd.Series) -> pd.Series:
    """An ISO date-time (``2026-01-15T10:22:31.000Z``, ``2026-01-15 10:22``) → its date."""
    return text.str.replace(_ISO_DATETIME, r"\1", regex=True)  # vectorised on Arrow strings


def _flag(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(is true, is false) for cells written as a boolean the loader accepts."""
    low = text.str.strip().str.lower()
    return low.isin(_TRUE), low.isin(_FALSE)


def _bool_text(flag: pd.Series) -> pd.Series:
    return flag.map({True: "true", False: "false"}).astype(str)


def _derive_flags(out: dict[str, pd.Series], found: dict[str, str]) -> None:
    """Fill an absent ``is_closed`` / ``is_won`` from the flag present, else from the stage."""
    stage = out["stage"].map(_key)
    stage_won = stage == _key(CLOSED_WON)
    stage_closed = stage_won | (stage == _key(CLOSED_LOST))
    if "is_won" in found and "is_closed" not in found:
        won_true, _ = _flag(out["is_won"])
        out["is_closed"] = _bool_text(won_true | stage_closed)
    elif "is_closed" in found and "is_won" not in found:
        closed_true, _ = _flag(out["is_closed"])
        out["is_won"] = _bool_text(closed_true & stage_won)
    elif "is_closed" not in found and "is_won" not in found:
        out["is_closed"] = _bool_text(stage_closed)
        out["is_won"] = _bool_text(stage_won)


def _fill_forecast(out: dict[str, pd.Series], by_stage: dict[str, str]) -> None:
    lookup = {_key(stage): category for stage, category in by_stage.items()}
    derived = out["stage"].map(lambda v: lookup.get(_key(v), ""))
    current = out["forecast_category"]
    out["forecast_category"] = current.where(current.str.strip() != "", derived)


def _operand_header(
    name: str,
    by_key: dict[str, list[str]],
    profile: MappingProfile,
    column: str,
    source: str,
) -> str:
    """The export header a formula's ``name`` stands for (matched like other headers)."""
    headers = by_key.get(_key(name))
    if headers and len(headers) > 1:
        raise _ambiguous(headers, f"{name!r} of computed.{column}", source)
    if headers:
        return headers[0]
    found = [h for group in by_key.values() for h in group]
    close = difflib.get_close_matches(_key(name), list(by_key), n=1, cutoff=0.6)
    tip = f" (did you mean {by_key[close[0]][0]!r}?)" if close else ""
    where = str(profile.path) if profile.path else "the mapping profile"
    raise DataError(
        f"{source}: computed.{column} ({profile.computed[column]!r}) uses {name!r}, which is "
        f"not a header of this export{tip}; headers found: {found}",
        hint=(
            f"correct the header in {where} under computed.{column} (headers with blanks or "
            f"symbols go in backticks: `Order ID`), or map {column} under columns.{column}"
        ),
    )


@dataclass(frozen=True)
class _Operand:
    """One export column read as numbers for formulas (NumPy arrays, one item per row)."""

    numbers: np.ndarray  # float64, NaN where empty, bad or cut off
    failed: np.ndarray  # bool: empty or not a number
    problem: np.ndarray  # object strings where failed, e.g. "Profit is empty"; "" elsewhere
    short: np.ndarray  # bool: the line was cut off before this field
    empty: np.ndarray  # bool: the cell is empty (or a missing-value text)


def _operand(header: str, text: pd.Series, decimal: str, thousands: str) -> _Operand:
    """Read one export column as numbers, the way the loader reads the file's numbers."""
    cells = text.astype(TEXT).fillna("").str.strip()
    short = (cells == SHORT_ROW).to_numpy(dtype=bool)
    empty = cells.str.lower().isin(NULL_TOKENS).to_numpy(dtype=bool)
    values, why = parse_numbers(cells.mask(short | empty), decimal=decimal, thousands=thousands)
    bad = why.notna().to_numpy(dtype=bool)
    problem = np.full(len(cells), "", dtype=object)
    problem[bad] = (header + " " + why[bad]).to_numpy(dtype=object)
    problem[empty] = f"{header} is empty"
    number = np.where(bad, np.nan, values.to_numpy(dtype="float64"))
    return _Operand(number, bad | empty, problem, short, empty & ~short)


def _joined(parts: list[np.ndarray], rows: np.ndarray, separator: str) -> list[str]:
    """For each position in ``rows``, the non-empty texts of ``parts`` there, joined."""
    columns = [part[rows] for part in parts]
    return [separator.join(t for t in texts if t) for texts in zip(*columns, strict=True)]


def _text_series(cells: pa.Array, index: pd.Index) -> pd.Series:
    return pd.Series(pd.arrays.ArrowStringArray(cells), index=index)


def _computed(
    column: str,
    formula: Formula,
    raw: pd.DataFrame,
    headers: list[str],
    operand: Callable[[str], _Operand],
    decimal: str,
    nullable: bool = False,
) -> tuple[pd.Series, np.ndarray]:
    """One computed column as text, and the reason of each row ("" where fine, as objects).

    ``headers`` are the export headers of ``formula.headers``. A cell whose line was cut off
    before an operand holds :data:`SHORT_ROW`, for the loader to report the line. In a
    ``nullable`` column, a row with an empty operand (and no bad one) is left empty, not
    rejected: a ticket not answered yet has no reply time to convert.
    """
    rows = len(raw)
    if formula.row_number_of is not None:
        keys = raw[headers[0]].astype(TEXT).fillna("").str.strip()
        cells = pc.cast(pa.array(row_numbers(keys)), pa.string())
        short = pa.array((keys == SHORT_ROW).to_numpy(dtype=bool))
        cells = pc.if_else(short, SHORT_ROW, cells)
        return _text_series(cells, raw.index), np.full(rows, "", dtype=object)
    operands = [operand(header) for header in headers]
    short = np.logical_or.reduce([o.short for o in operands])
    failed = np.logical_or.reduce([o.failed for o in operands])
    why = np.full(rows, "", dtype=object)
    why[failed] = _joined([o.problem for o in operands], np.flatnonzero(failed), " and ")
    numbers = dict(zip(formula.headers, (o.numbers for o in operands), strict=True))
    evaluation = evaluate(formula, numbers, rows)
    for divisor, zero in evaluation.zero_divisors:
        why[zero & ~failed] = f"{divisor} is 0"
        failed |= zero
    out_of_range = ~np.isfinite(evaluation.numbers) & ~failed
    why[out_of_range] = "the result is out of range"
    failed = (failed | out_of_range) & ~short  # a cut-off line: the loader says so
    blank = np.zeros(rows, dtype=bool)
    if nullable:
        blank = np.logical_or.reduce([o.empty for o in operands])
        blank &= ~np.logical_or.reduce([o.failed & ~o.empty for o in operands])
        failed &= ~blank
    cells = pc.if_else(pa.array(failed | blank), "", number_text(evaluation.numbers, decimal))
    cells = pc.if_else(pa.array(short), SHORT_ROW, cells)
    reasons = np.full(rows, "", dtype=object)
    reasons[failed] = f"{column}: computed from {formula.text}, but " + why[failed]
    return _text_series(cells, raw.index), reasons


def apply_profile(
    raw: pd.DataFrame,
    profile: MappingProfile,
    *,
    source: str,
    decimal: str = ".",
    thousands: str = "",
) -> MappedExport:
    """Rename, translate, compute and complete an export's columns into one contract table.

    Date-times written the ISO way in date columns (Salesforce's ``CreatedDate``
    ``2026-01-15T10:22:31.000Z``) keep their date part; other values keep their format.
    A column the export has no header for is filled from ``constants``, derived from the stage,
    computed from ``computed`` (operands read with ``decimal`` and ``thousands``, results
    written with ``decimal`` and no grouping), left empty when the contract allows empty
    values, or left out when it is optional (not delivered).

    Args:
        raw: The export as read, every column text, index = file line - 2. Not changed.
        profile: The profile of this kind of export.
        source: The file the export came from, for messages.
        decimal: The file's decimal mark, for reading and writing numbers.
        thousands: The file's thousands separator ("" for none).

    Returns:
        The mapped frame (strings, contract order, index of ``raw``), the reasons rows cannot
        be used ("" where fine) and the headers the profile did not use.

    Raises:
        DataError: naming ``source``: the mandatory contract columns no header matched (or
            the ``one_of`` groups none of whose columns did), with the headers found and what
            to add to the profile; a header a formula uses that the export lacks; headers that
            differ only in case.
    """
    table = profile.contract_table
    by_key = _headers_by_key(raw)
    found, tried = _match_headers(by_key, profile, table, source)
    formulas = {c: f for c, f in profile.formulas.items() if c not in found}
    derived: set[str] = set()
    if profile.derive_closed_won_from_stage:
        derived |= {"is_closed", "is_won"}
    if profile.forecast_category_from_stage:
        derived.add("forecast_category")
    delivered = set(found) | set(profile.constants) | derived | set(formulas)
    missing: list[tuple[str, ...]] = [
        (c.name,)
        for c in table.columns
        if c.name not in delivered and not c.nullable and not c.optional
    ]
    missing += [group for group in table.one_of if not delivered & set(group)]
    if missing:
        raise _missing_error(raw, profile, table, missing, tried, source)

    operands: dict[str, _Operand] = {}

    def operand(header: str) -> _Operand:
        if header not in operands:
            operands[header] = _operand(header, raw[header], decimal, thousands)
        return operands[header]

    translations = profile.values  # noqa: PD011 (a field, not DataFrame.values)
    out: dict[str, pd.Series] = {}
    reasons: list[np.ndarray] = []
    used = set(found.values())
    for column in table.column_names:
        if column in found:
            text = raw[found[column]].fillna("").astype(str)
            text = _translate(text, translations.get(column), table.column(column).allowed)
            if table.column(column).kind == "date":
                text = _date_part(text)
            elif column in profile.percent_columns:
                text = _scale_percent(text, "percent", decimal, thousands)
            elif column == "probability":
                text = _scale_percent(text, profile.probability, decimal, thousands)
        elif column in formulas:
            formula = formulas[column]
            headers = [
                _operand_header(name, by_key, profile, column, source) for name in formula.headers
            ]
            used |= set(headers)
            nullable = table.column(column).nullable
            text, why = _computed(column, formula, raw, headers, operand, decimal, nullable)
            reasons.append(why)
        elif column in delivered or not table.column(column).optional:
            fill = profile.constants.get(column, "")
            text = pd.Series(fill, index=raw.index, dtype=str)
        else:
            continue  # an optional column the export does not deliver
        out[column] = text
    if profile.derive_closed_won_from_stage:
        _derive_flags(out, found)
    if profile.forecast_category_from_stage:
        _fill_forecast(out, profile.forecast_category_from_stage)
    frame = pd.DataFrame(out, index=raw.index)[[c for c in table.column_names if c in out]]
    why = np.full(len(raw), "", dtype=object)
    if reasons:
        failed = np.flatnonzero(np.logical_or.reduce([r.astype(bool) for r in reasons]))
        why[failed] = _joined(reasons, failed, "; ")
    unused = tuple(h for h in raw.columns if h not in used)
    headers = {column: str(found[column]) for column in frame.columns if column in found}
    return MappedExport(frame, pd.Series(why, index=raw.index, dtype="string"), unused, headers)
