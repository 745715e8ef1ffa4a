"""A report is an ordered list of section notebooks, run as one notebook in one kernel.

Each section is a notebook under ``notebooks/`` (``<name>.ipynb``, paired with its percent
script ``<name>.py``), runnable on its own in JupyterLab. It opens with two cells every section
shares:

- the **parameters** cell (tag ``parameters``): ``region``, ``period``, ``data_dir`` and
  ``params_dir``, pointing at the sample data when left empty;
- the **opening** cell (tag ``opening``): :data:`OPENING`, the one library call that loads the
  report (:func:`reportlib.report.open_report`) into ``ctx``.

The report's list of sections comes from ``params/``: ``sections`` in ``defaults.yaml``, which
a region's file may replace with its own. A section says in its notebook metadata which data it
shows (``reportlib: {needs: [opportunities, market]}``: input tables, or ``orders.<column>`` for
an optional order column); it is left out of a report when **none** of them was delivered, and
the data-quality section names it (:class:`LeftOut`). A section without ``needs`` is always in.

:func:`assemble` joins the sections into one notebook: the first parameters and opening cells,
then every section's other cells in order, then :data:`CLOSING`, which publishes the report's
KPI record. The page keeps one kernel and one HTML file, so a run is as fast as one notebook.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from reportlib import i18n
from reportlib.analysis._common import has_columns
from reportlib.errors import ConfigError
from reportlib.intake.schema import TABLES

if TYPE_CHECKING:
    from reportlib.intake.data import Tables

PARAMETERS_TAG = "parameters"
OPENING_TAG = "opening"
METADATA_KEY = "reportlib"
"""Notebook metadata key of a section's settings (``needs``)."""

OPENING = (
    "from reportlib.report import open_report\n\n"
    "ctx = open_report(region, period, data_dir, params_dir)"
)
"""The source of every section's opening cell."""

CLOSING = "ctx.publish()"
"""The last cell of an assembled report: publishes its KPI record (``ReportContext.publish``)."""


@dataclass(frozen=True)
class Section:
    """One section notebook.

    Attributes:
        name: File stem under the notebooks folder, as listed in ``params/``.
        path: The ``.ipynb`` file.
        title: Its first heading (``## Team performance``), for the reader.
        needs: The data it shows: table names, or ``orders.<column>``; empty: always shown.
    """

    name: str
    path: Path
    title: str
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class LeftOut:
    """A section left out of a report because none of its data was delivered.

    Attributes:
        title: The section's heading.
        needs: What it would have shown (``Section.needs``).
    """

    title: str
    needs: tuple[str, ...]


def _title(nb: nbformat.NotebookNode, name: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return name.replace("_", " ").capitalize()


def _check_need(need: str, where: Path) -> None:
    table, _, column = need.partition(".")
    if table not in TABLES or (column and column not in TABLES[table].column_names):
        known = ", ".join(sorted(TABLES))
        raise ConfigError(
            f"{where}: needs {need!r}, which is neither an input table nor an order column",
            hint=f"name tables ({known}) or optional order columns as orders.<column>",
        )


def read_section(notebooks_dir: Path, name: str) -> tuple[Section, nbformat.NotebookNode]:
    """Read section ``name`` from ``notebooks_dir``.

    Returns:
        The section and its notebook.

    Raises:
        ConfigError: if the notebook is missing, unreadable, or its ``needs`` names unknown data.
    """
    path = notebooks_dir / f"{name}.ipynb"
    if not path.is_file():
        raise ConfigError(
            f"params/ lists section {name!r}, but {path} does not exist",
            hint="add the section notebook, or remove it from `sections` in params/",
        )
    try:
        nb = nbformat.read(path, as_version=4)
    except (OSError, ValueError) as exc:  # nbformat's read errors are ValueErrors
        raise ConfigError(f"{path}: not a readable notebook: {exc}") from None
    raw = nb.metadata.get(METADATA_KEY, {}).get("needs", [])
    needs = tuple(str(n) for n in ([raw] if isinstance(raw, str) else raw))
    for need in needs:
        _check_need(need, path)
    return Section(name, path, _title(nb, name), needs), nb


def delivered(tables: Tables, need: str) -> bool:
    """Whether ``need`` (a table name, or ``orders.<column>``) was delivered in ``tables``.

    A region's cut (``Tables.for_region``) delivers what the whole data delivers, so a run
    decides once for every report.

    Args:
        tables: The input tables (absent optional tables are ``None``).
        need: As in :attr:`Section.needs`.
    """
    table, _, column = need.partition(".")
    frame = getattr(tables, table)
    return frame is not None and (not column or has_columns(frame, column))


def has_data(section: Section, tables: Tables) -> bool:
    """Whether the section is shown: it needs nothing, or some of what it needs was delivered."""
    return not section.needs or any(delivered(tables, n) for n in section.needs)


def left_out(sections: Sequence[Section], tables: Tables) -> tuple[LeftOut, ...]:
    """The sections none of whose data was delivered, in report order."""
    return tuple(LeftOut(s.title, s.needs) for s in sections if not has_data(s, tables))


def _tags(cell: nbformat.NotebookNode) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", ()))


def assemble(
    notebooks: Sequence[nbformat.NotebookNode], closing: str | None = CLOSING
) -> nbformat.NotebookNode:
    """Join section notebooks into one report notebook (inputs are not changed).

    The first parameters cell and the first opening cell lead; every other cell follows in
    section order, its Markdown in the language ``reportlib.i18n`` has active (the run
    activates the report's); ``closing`` ends it (:data:`CLOSING`; None: a report that
    publishes no KPI record, such as the plan's). The kernelspec is the first section's.

    Raises:
        ConfigError: if no section has a parameters cell or an opening cell.
    """
    if not notebooks:
        raise ConfigError("a report needs at least one section", hint="list them in params/")
    head: dict[str, nbformat.NotebookNode] = {}
    body = []
    for nb in notebooks:
        for cell in nb.cells:
            tag = next((t for t in (PARAMETERS_TAG, OPENING_TAG) if t in _tags(cell)), None)
            if tag is None:
                body.append(_in_language(cell))
            elif tag not in head:
                head[tag] = copy.deepcopy(cell)
    for tag in (PARAMETERS_TAG, OPENING_TAG):
        if tag not in head:
            raise ConfigError(
                f"no section has a cell tagged {tag!r}",
                hint="every section notebook starts with the parameters and opening cells",
            )
    cells = [head[PARAMETERS_TAG], head[OPENING_TAG], *body]
    if closing is not None:
        cells.append(nbformat.v4.new_code_cell(closing, metadata={"tags": ["remove-cell"]}))
    for number, cell in enumerate(cells):
        cell["id"] = f"cell-{number}"  # ids repeat across sections; these are unique and stable
    report = nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(notebooks[0].metadata))
    report.metadata.pop(METADATA_KEY, None)
    return report


def _in_language(cell: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``cell``; a Markdown cell's text in the active language."""
    copied = copy.deepcopy(cell)
    if copied.cell_type == "markdown":
        copied.source = i18n.translate_markdown(copied.source)
    return copied
