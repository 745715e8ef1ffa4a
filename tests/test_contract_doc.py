"""docs/data-contract.md and reportlib.intake.schema describe the same tables, columns, values."""

import re
from pathlib import Path

import pytest

from reportlib.intake.schema import TABLES, Column

DOC = Path(__file__).resolve().parents[1] / "docs" / "data-contract.md"
KIND_WORDS = {
    "str": "text",
    "int": "whole number",
    "float": "number",
    "date": "date",
    "timestamp": "timestamp",
    "month": "month",
    "bool": "boolean",
}


def sections() -> dict[str, str]:
    """Text under each ``## `table` — ...`` heading, keyed by table name."""
    parts = re.split(r"^## ", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE)
    out = {}
    for part in parts[1:]:
        heading, _, body = part.partition("\n")
        match = re.match(r"`(\w+)` — (mandatory|optional)$", heading.strip())
        if match:
            out[match.group(1)] = heading + "\n" + body
    return out


def column_rows(section: str) -> dict[str, list[str]]:
    """Cells of each row of the section's column table, keyed by column name."""
    rows = {}
    for line in section.splitlines():
        match = re.match(r"\| `(\w+)` \|(.*)\|$", line)
        if match:
            rows[match.group(1)] = [cell.strip() for cell in match.group(2).split("|")]
    return rows


def range_text(col: Column) -> str | None:
    if col.min_value is not None and col.max_value is not None:
        return f"{col.min_value:g} to {col.max_value:g}"
    if col.min_value is not None:
        return f"≥ {col.min_value:g}"
    if col.max_value is not None:
        return f"≤ {col.max_value:g}"
    return None


def test_every_table_has_exactly_one_section():
    assert list(sections()) == list(TABLES)


@pytest.mark.parametrize("name", list(TABLES))
def test_section_says_whether_the_table_is_mandatory(name):
    heading = sections()[name].splitlines()[0]
    assert heading.endswith("mandatory" if TABLES[name].required else "optional")


@pytest.mark.parametrize("name", list(TABLES))
def test_section_lists_every_column_in_contract_order(name):
    rows = column_rows(sections()[name])
    assert list(rows) == TABLES[name].column_names


@pytest.mark.parametrize("name", list(TABLES))
def test_column_types_nullability_and_ranges(name):
    rows = column_rows(sections()[name])
    for col in TABLES[name].columns:
        kind, empty, allowed, meaning = rows[col.name]
        assert kind == KIND_WORDS[col.kind], (name, col.name)
        assert empty == ("yes" if col.nullable else "no"), (name, col.name)
        expected_range = range_text(col)
        if expected_range is not None:
            assert expected_range in allowed, (name, col.name)
        assert meaning.startswith("optional: ") == col.optional, (name, col.name)
        if col.money:
            assert "money, in the row's `currency`" in meaning, (name, col.name)
        else:
            assert "money" not in meaning, (name, col.name)


@pytest.mark.parametrize("name", list(TABLES))
def test_every_allowed_value_is_listed(name):
    rows = column_rows(sections()[name])
    for col in TABLES[name].columns:
        if col.allowed is None:
            continue
        listed = re.findall(r"`([^`]+)`", rows[col.name][2])
        assert listed == list(col.allowed), (name, col.name)


@pytest.mark.parametrize("name", list(TABLES))
def test_key_is_stated(name):
    key = ", ".join(f"`{c}`" for c in TABLES[name].key)
    assert f"- Key: {key}" in sections()[name]


def test_overview_table_agrees():
    doc = DOC.read_text(encoding="utf-8")
    for name, table in TABLES.items():
        key = ", ".join(f"`{c}`" for c in table.key)
        mandatory = "yes" if table.required else "no"
        row = f"| `{name}` | `{name}.csv` | {mandatory} | "
        line = next(line for line in doc.splitlines() if line.startswith(row))
        assert f"| {key} |" in line, name
