"""A report's extract: written by a run, read back exactly as written."""

from pathlib import Path

import pytest

from reportlib.config import load_params
from reportlib.errors import DataError
from reportlib.intake.data import Tables, load_tables
from reportlib.run.extract import EXTRACT_FILE, read_extract, write_extract

ROOT = Path(__file__).resolve().parents[1]


def test_extract_lists_its_tables_and_drops_stale_ones(small_data, tmp_path):
    tables = load_tables(small_data, load_params(ROOT / "params")).tables
    folder = write_extract(tables, tmp_path / "x")
    assert (folder / "market.parquet").exists()
    write_extract(Tables(orders=tables.orders), folder)  # next month: orders only
    assert not (folder / "market.parquet").exists()
    again = read_extract(folder)
    assert [name for name, _ in again.items()] == ["orders"]
    assert again.orders.equals(tables.orders)


def test_a_broken_extract_marker_names_the_file(tmp_path):
    (tmp_path / EXTRACT_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_extract(tmp_path)
    assert str(tmp_path / EXTRACT_FILE) in info.value.message
    assert "reportlib run" in info.value.hint
