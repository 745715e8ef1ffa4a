"""Reports assembled from section notebooks: reading, leaving out, assembling, configuring."""

import copy
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from reportlib import present
from reportlib.config import load_params
from reportlib.errors import ConfigError
from reportlib.intake.data import Tables
from reportlib.report import DataQuality
from reportlib.run.sections import CLOSING, OPENING, LeftOut, assemble, left_out, read_section

ROOT = Path(__file__).resolve().parents[1]
KERNELSPEC = {"kernelspec": {"name": "reportlib", "display_name": "Python", "language": "python"}}


def _section(folder, name, heading, needs=None, body="x = 1"):
    parameters = nbformat.v4.new_code_cell('region = "all"', metadata={"tags": ["parameters"]})
    opening = nbformat.v4.new_code_cell(OPENING, metadata={"tags": ["opening", "remove-cell"]})
    cells = [
        parameters,
        opening,
        nbformat.v4.new_markdown_cell(f"## {heading}\n\nWhat it shows."),
        nbformat.v4.new_code_cell(body),
    ]
    nb = nbformat.v4.new_notebook(cells=cells, metadata=KERNELSPEC)
    if needs is not None:
        nb.metadata["reportlib"] = {"needs": needs}
    nbformat.write(nb, folder / f"{name}.ipynb")
    return nb


def test_a_section_reads_its_title_and_needs(tmp_path):
    _section(tmp_path, "team", "Team performance", ["reps", "opportunities"])
    section, nb = read_section(tmp_path, "team")
    assert section.title == "Team performance"
    assert section.needs == ("reps", "opportunities")
    assert section.path == tmp_path / "team.ipynb"
    assert len(nb.cells) == 4


def test_a_missing_section_or_unknown_data_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match=r"lists section 'pipeline', but .* does not exist"):
        read_section(tmp_path, "pipeline")
    _section(tmp_path, "odd", "Odd", ["phone_calls"])
    with pytest.raises(ConfigError, match="needs 'phone_calls', which is neither an input table"):
        read_section(tmp_path, "odd")
    _section(tmp_path, "odd2", "Odd", ["orders.colour"])
    with pytest.raises(ConfigError, match=r"needs 'orders\.colour'"):
        read_section(tmp_path, "odd2")


def test_a_section_is_left_out_only_when_none_of_its_data_was_delivered(tmp_path):
    orders = pd.DataFrame({"order_id": ["A"], "net_revenue": [1.0], "cost": [0.5]})
    opportunities = pd.DataFrame({"opportunity_id": ["O1"]})
    sections = [
        read_section(tmp_path, name)[0]
        for name, heading, needs in [
            ("summary", "Executive summary", None),
            ("team", "Team performance", ["reps", "opportunities"]),
            ("campaigns", "Campaigns", ["campaigns"]),
            ("margin", "Margin", ["orders.cost"]),
            ("leakage", "Leakage", ["orders.list_price"]),
        ]
        if _section(tmp_path, name, heading, needs)
    ]
    tables = Tables(orders=orders, opportunities=opportunities)
    # team shows the opportunities it has; margin has its cost column
    assert left_out(sections, tables) == (
        LeftOut("Campaigns", ("campaigns",)),
        LeftOut("Leakage", ("orders.list_price",)),
    )
    assert left_out(sections[:1], Tables(orders=orders)) == ()


def test_sections_assemble_into_one_report_notebook(tmp_path):
    first = _section(tmp_path, "a", "First", body="a = 1")
    second = _section(tmp_path, "b", "Second", ["campaigns"], body="b = 2")
    before = copy.deepcopy([first, second])
    report = assemble([first, second])
    sources = [c.source for c in report.cells]
    assert sources == [
        'region = "all"',
        OPENING,
        "## First\n\nWhat it shows.",
        "a = 1",
        "## Second\n\nWhat it shows.",
        "b = 2",
        CLOSING,
    ]
    assert report.cells[0].metadata["tags"] == ["parameters"]
    assert report.cells[-1].metadata["tags"] == ["remove-cell"]
    assert len({c.id for c in report.cells}) == len(report.cells)
    assert "reportlib" not in report.metadata  # a section's needs are not the report's
    assert report.metadata["kernelspec"]["name"] == "reportlib"
    assert [first, second] == before  # the inputs are not changed
    nbformat.validate(report)


def test_a_report_needs_a_parameters_and_an_opening_cell():
    markdown_only = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Glossary")])
    with pytest.raises(ConfigError, match="no section has a cell tagged 'parameters'"):
        assemble([markdown_only])
    with pytest.raises(ConfigError, match="at least one section"):
        assemble([])


def _params(tmp_path, region_sections: str):
    folder = tmp_path / "params"
    shutil.copytree(ROOT / "params", folder)
    with (folder / "regions" / "latam.yaml").open("a", encoding="utf-8") as handle:
        handle.write(region_sections)
    return folder


def test_a_region_lists_its_own_sections(tmp_path):
    params = load_params(_params(tmp_path, "sections: [summary, forecast, glossary]\n"))
    assert params.sections("latam") == ("summary", "forecast", "glossary")
    assert params.sections("na") == params.defaults.sections
    assert params.sections("all") == params.defaults.sections


@pytest.mark.parametrize(
    ("listed", "message"),
    [
        ("[summary, summary]", "section(s) listed twice: summary"),
        ("[Team]", "section 'Team': use the notebook's file stem"),
        ("[]", "a report needs at least one section"),
    ],
)
def test_a_bad_section_list_names_the_fault(tmp_path, listed, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_params(_params(tmp_path, f"sections: {listed}\n"))


def test_the_data_quality_section_names_the_sections_left_out():
    quality = DataQuality(
        (),
        left_out=(
            LeftOut("Team performance", ("reps", "opportunities")),
            LeftOut("Margin", ("orders.cost",)),
        ),
    )
    assert present.left_out_note(quality).data == (
        "<p>Left out of this report because their data were not delivered: Team performance "
        "(needs the reps table or the opportunities table); Margin (needs the cost of each "
        "order line).</p>"
    )
    assert present.left_out_note(DataQuality(())) is None
    # written beside each report's extract, and read back
    assert DataQuality.from_dict(quality.to_dict()) == quality
