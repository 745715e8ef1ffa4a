"""Section notebooks: hygiene (thin, stripped, parameterized, paired, small), and the forecast
record of a report assembled from them (nbval runs each section on its own, with its defaults)."""

import ast
import json
from pathlib import Path

import jupytext
import nbformat
import pytest

from reportlib.config import load_params
from reportlib.run.sections import OPENING

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
REQUIRED_PARAMETERS = {"region", "period", "data_dir"}
MAX_LINES = 160  # of a section's percent script: small enough to read in one sitting


def _code(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.name)
def notebook(request):
    return request.param


def test_every_listed_section_has_a_notebook_and_every_notebook_is_listed():
    listed = load_params(ROOT / "params").defaults.sections
    assert sorted(p.stem for p in NOTEBOOKS) == sorted(listed)
    assert len(listed) >= 12


def test_sections_are_small(notebook):
    lines = notebook.with_suffix(".py").read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{notebook.name}: {lines} lines; split it into two sections"


def test_code_sections_open_with_the_one_library_call(notebook):
    """A section with code starts with its parameters and the shared opening, nothing else."""
    nb = nbformat.read(notebook, as_version=4)
    code = _code(nb)
    if not code:  # markdown only (the glossary)
        return
    assert code[0].metadata.get("tags") == ["parameters"]
    assert "opening" in code[1].metadata.get("tags", [])
    assert code[1].source == OPENING
    assert all("opening" not in c.metadata.get("tags", []) for c in code[2:])


def test_committed_without_outputs(notebook):
    nb = nbformat.read(notebook, as_version=4)
    dirty = [i for i, c in enumerate(_code(nb)) if c.outputs or c.execution_count]
    assert dirty == [], f"{notebook.name}: code cells {dirty} hold outputs; strip them"


def test_parameters_cell_holds_plain_literals(notebook):
    nb = nbformat.read(notebook, as_version=4)
    tagged = [c for c in _code(nb) if "parameters" in c.metadata.get("tags", [])]
    if not _code(nb):
        return
    assert len(tagged) == 1
    tree = ast.parse(tagged[0].source)
    names = {}
    for node in tree.body:
        assert isinstance(node, ast.Assign), "the parameters cell only assigns"
        assert isinstance(node.value, ast.Constant), "parameters are plain literals"
        names[node.targets[0].id] = node.value.value
    assert names.keys() >= REQUIRED_PARAMETERS
    # empty paths: the project's sample data and params, wherever the kernel starts
    # (tests/test_report.py checks what they resolve to)
    assert names["data_dir"] == "" and names["params_dir"] == ""


def test_thin_no_def_or_class(notebook):
    nb = nbformat.read(notebook, as_version=4)
    for cell in _code(nb):
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(
                node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda
            ), f"{notebook.name}: move logic into src/reportlib"


def test_paired_script_in_sync(notebook):
    script = notebook.with_suffix(".py")
    assert script.exists(), f"pair it: jupytext --set-formats ipynb,py:percent {notebook}"
    paired = jupytext.read(script)
    nb = nbformat.read(notebook, as_version=4)
    assert [(c.cell_type, c.source) for c in paired.cells] == [
        (c.cell_type, c.source) for c in nb.cells
    ], "run `jupytext --sync notebooks/*.ipynb`"


@pytest.mark.slow
def test_published_report_scores_last_months_forecast_and_stores_its_own(published):
    """latam's report, whose output folder held its September forecast, scores it and stores
    October's (the ``published`` run: every listed section assembled in one notebook)."""
    month = published / "site" / "2026-10"
    record = json.loads((month / "latam.kpis.json").read_text(encoding="utf-8"))
    assert record["region"] == "latam" and record["period"] == "2026-10"
    assert record["revenue"] > 0 and 0 < record["gross_margin_pct"] < 1
    assert record["last_forecast"] == 1234567.0
    # (forecast − actual) ÷ actual, the actual being the month's revenue
    expected = (1234567.0 - record["revenue"]) / record["revenue"]
    assert record["last_forecast_error_pct"] == pytest.approx(expected)
    html = (month / "latam.html").read_text(encoding="utf-8")
    # latam reads Portuguese: the forecast of September, rounded in prose
    assert "Em setembro de 2026, a previsão para outubro de 2026 foi de R$\xa01,2\xa0mi" in html
    assert "começa no relatório do próximo mês" not in html  # no "no forecast stored yet"
    stored = json.loads((published / "forecasts" / "latam" / "2026-10.json").read_text())
    assert stored["made_in"] == "2026-10" and stored["region"] == "latam"
    assert stored["currency"] == "BRL" and stored["rows"][0]["month"] == "2026-11"
