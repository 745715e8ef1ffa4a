"""Column-mapping profiles: real CRM and ERP exports in, the data contract's columns out.

A profile (``params/mappings/<name>.yaml``) says where each contract column of one table is
found in an export (candidate headers, matched case-insensitively), how the export's values
translate into contract values (stage names, forecast categories, deal types), which columns
are percentages, which fixed values fill columns the export lacks, and whether closed/won flags
and forecast categories are derived from the stage.

:func:`apply_profile` works on text: it takes the all-string frame a reader returns and gives an
all-string frame with exactly the contract columns, ready for typing and validation
(``reportlib.data``). Values it cannot translate pass through unchanged, so that validation
names them with their rows. Which profile applies to which input file is decided elsewhere.
"""

from __future__ import annotations

import contextlib
import difflib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
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
from reportlib.errors import ConfigError, DataError
from reportlib.schema import TABLES, Table

MAPPINGS_DIR = "mappings"
"""Folder under ``params/`` holding the profiles."""
CLOSED_WON = "Closed Won"
CLOSED_LOST = "Closed Lost"
_PROFILE_SUFFIXES = (".yaml", ".yml")
_DOCS_HINT = "see docs/mapping.md for the keys of a mapping profile"
_ISO_DATETIME = r"^\s*(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}"
# the words reportlib.data reads as booleans
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
    derive_closed_won_from_stage: bool = False
    forecast_category_from_stage: dict[str, str] = Field(default_factory=dict)

    _path: Path | None = PrivateAttr(default=None)

    @property
    def path(self) -> Path | None:
        """The file the profile was loaded from (None when built in code)."""
        return self._path

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
        table = TABLES.get(info.data.get("table", ""))
        if table is not None:
            _unknown_columns(table, list(value), "columns")
        for column, headers in value.items():
            if any(not h.strip() for h in headers):
                raise _problem(f"columns.{column}: a header is empty")
        return value

    @field_validator("values")
    @classmethod
    def _check_values(cls, value: dict[str, dict[str, str]], info: ValidationInfo) -> Any:
        table = TABLES.get(info.data.get("table", ""))
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
        table = TABLES.get(info.data.get("table", ""))
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
        table = TABLES.get(info.data.get("table", ""))
        if table is not None:
            _unknown_columns(table, list(value), "constants")
            for column, constant in value.items():
                _allowed_targets(table, column, [constant], f"constants.{column}")
        return value

    @field_validator("derive_closed_won_from_stage")
    @classmethod
    def _check_derive(cls, value: bool, info: ValidationInfo) -> bool:
        table = TABLES.get(info.data.get("table", ""))
        needed = {"stage", "is_closed", "is_won"}
        if value and table is not None and not needed <= set(table.column_names):
            raise _problem(f"table {table.name!r} has no stage, is_closed and is_won columns")
        return value

    @field_validator("forecast_category_from_stage")
    @classmethod
    def _check_forecast(cls, value: dict[str, str], info: ValidationInfo) -> Any:
        table = TABLES.get(info.data.get("table", ""))
        if not value or table is None:
            return value
        if not {"stage", "forecast_category"} <= set(table.column_names):
            raise _problem(f"table {table.name!r} has no stage and forecast_category columns")
        _allowed_targets(
            table, "forecast_category", list(value.values()), "forecast_category_from_stage"
        )
        return value


def available_profiles(params_dir: str | Path) -> list[str]:
    """Names of the profiles in ``<params_dir>/mappings/``, sorted."""
    folder = Path(params_dir) / MAPPINGS_DIR
    if not folder.is_dir():
        return []
    return sorted({p.stem for p in folder.iterdir() if p.suffix in _PROFILE_SUFFIXES})


def load_profile(params_dir: str | Path, name: str) -> MappingProfile:
    """Load and check ``<params_dir>/mappings/<name>.yaml``.

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
        profile = MappingProfile.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(_explain(path, MappingProfile, exc).message, hint=_DOCS_HINT) from None
    profile._path = path
    return profile


def _match_headers(
    raw: pd.DataFrame, profile: MappingProfile, table: Table, source: str
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Contract column → export header found, and the candidates tried for each column."""
    by_key: dict[str, list[str]] = {}
    for header in raw.columns:
        by_key.setdefault(_key(str(header)), []).append(header)
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
                raise DataError(
                    f"{source}: headers {headers} differ only in case or blanks; "
                    f"cannot tell which holds {column!r}",
                    hint="rename or remove one of them in the export",
                )
            found[column] = headers[0]
            break
    return found, tried


def _missing_error(
    raw: pd.DataFrame,
    profile: MappingProfile,
    table: Table,
    missing: list[str],
    tried: dict[str, list[str]],
    source: str,
) -> DataError:
    headers = [str(h) for h in raw.columns]
    looked = []
    for column in missing:
        close = {
            h
            for c in tried[column]
            for h in difflib.get_close_matches(c, headers, n=1, cutoff=0.75)
        }
        tip = f", closest header {sorted(close)[0]!r}" if close else ""
        looked.append(f"{column} (looked for {', '.join(map(repr, tried[column]))}{tip})")
    where = str(profile.path) if profile.path else "the mapping profile"
    keys = ", ".join(f"columns.{c}" for c in missing)
    return DataError(
        f"{source}: no column for {', '.join(looked)} in this {table.name} export; "
        f"headers found: {headers}",
        hint=(
            f"add the export's header to {where} under {keys} (a value that is the same on "
            "every row, such as a one-currency export's currency, can go under "
            f"constants.{missing[0]} instead)"
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
    mapped = text.map(lambda v: lookup.get(_key(v)))
    return text.where(mapped.isna(), mapped)


def _percent_text(number: str, decimal: str) -> str:
    """``'90'`` → ``'0.9'`` exactly (decimal arithmetic), written with ``decimal``."""
    text = format(Decimal(number).scaleb(-2).normalize(), "f")
    return text.replace(".", decimal)


def _scale_percent(text: pd.Series, mode: str, decimal: str, thousands: str) -> pd.Series:
    """Percent → fraction as text, by ``mode``; a cell with ``%`` is always a percentage.

    Numbers are read and written with the file's ``decimal`` mark, so that the loader reads
    the result as it reads the file's other numbers.
    """
    number = text.str.replace(r"[\s%\u00a0\u202f]", "", regex=True)
    if thousands.strip():
        number = number.str.replace(thousands, "", regex=False)
    if decimal != ".":
        number = number.str.replace(decimal, ".", regex=False)
    value = pd.to_numeric(number.mask(number == ""), errors="coerce")
    has_sign = text.str.contains("%", regex=False)
    if mode == "percent" or (mode == "auto" and (bool((value > 1).any()) or has_sign.any())):
        convert = value.notna()
    else:
        convert = has_sign & value.notna()
    cells = text.to_numpy(dtype=object).copy()
    numbers = number.to_numpy(dtype=object)
    finite = np.isfinite(value.to_numpy(dtype="float64"))  # NaN is not finite either
    for position in np.flatnonzero(convert.to_numpy(dtype=bool) & finite):
        with contextlib.suppress(InvalidOperation):  # not a plain decimal: validation says so
            cells[position] = _percent_text(numbers[position], decimal)
    return pd.Series(cells, index=text.index, dtype=str)


def _date_part(text: pd.Series) -> pd.Series:
    """An ISO date-time (``2026-01-15T10:22:31.000Z``, ``2026-01-15 10:22``) → its date."""
    part = text.str.extract(_ISO_DATETIME, expand=False)
    return text.where(part.isna(), part)


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


def apply_profile(
    raw: pd.DataFrame,
    profile: MappingProfile,
    *,
    source: str,
    decimal: str = ".",
    thousands: str = "",
) -> pd.DataFrame:
    """Rename, translate and complete an export's columns into one contract table, as text.

    Date-times written the ISO way in date columns (Salesforce's ``CreatedDate``
    ``2026-01-15T10:22:31.000Z``) keep their date part; other values keep their format.

    Args:
        raw: The export as read, every column text, index = file line - 2. Not changed.
        profile: The profile of this kind of export.
        source: The file the export came from, for messages.
        decimal: The file's decimal mark, for reading and writing percentages.
        thousands: The file's thousands separator ("" for none).

    Returns:
        A new frame of strings with exactly the contract columns of ``profile.table`` in
        contract order and the index of ``raw``. A column the export lacks is empty when the
        contract allows empty values, else filled from ``constants`` or derived from the stage.

    Raises:
        DataError: naming ``source``, the contract columns no header matched, the headers found
            and what to add to the profile.
    """
    table = TABLES[profile.table]
    found, tried = _match_headers(raw, profile, table, source)
    derived: set[str] = set()
    if profile.derive_closed_won_from_stage:
        derived |= {"is_closed", "is_won"}
    if profile.forecast_category_from_stage:
        derived.add("forecast_category")
    missing = [
        c.name
        for c in table.columns
        if c.name not in found
        and not c.nullable
        and c.name not in profile.constants
        and c.name not in derived
    ]
    if missing:
        raise _missing_error(raw, profile, table, missing, tried, source)

    translations = profile.values  # noqa: PD011 (a field, not DataFrame.values)
    out: dict[str, pd.Series] = {}
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
        else:
            fill = profile.constants.get(column, "")
            text = pd.Series(fill, index=raw.index, dtype=str)
        out[column] = text
    if profile.derive_closed_won_from_stage:
        _derive_flags(out, found)
    if profile.forecast_category_from_stage:
        _fill_forecast(out, profile.forecast_category_from_stage)
    return pd.DataFrame(out, index=raw.index)[table.column_names]
