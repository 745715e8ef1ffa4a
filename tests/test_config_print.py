"""The print settings in ``params/``: the confidentiality line, company-wide or a region's own."""

import shutil
from pathlib import Path

import pytest

from reportlib.config import PrintSettings, load_params
from reportlib.errors import ConfigError

PARAMS = Path(__file__).resolve().parents[1] / "params"


@pytest.fixture
def params_dir(tmp_path):
    return Path(shutil.copytree(PARAMS, tmp_path / "params"))


def test_the_company_line_is_every_report_s_unless_its_region_sets_one():
    params = load_params(PARAMS)
    line = "Confidential — for internal use"
    assert params.defaults.print == PrintSettings(confidentiality=line)
    assert {rid: params.print_settings(rid).confidentiality for rid in params.report_ids()} == {
        "apac": line,
        "emea": line,
        "latam": "Confidencial — uso interno",  # in the report's language
        "na": line,
        "all": line,
    }


def test_a_region_file_sets_its_own_line(params_dir):
    path = params_dir / "regions" / "apac.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + 'print:\n  confidentiality: "Internal"\n',
        encoding="utf-8",
    )
    params = load_params(params_dir)
    assert params.print_settings("apac").confidentiality == "Internal"
    assert params.print_settings("latam").confidentiality == "Confidencial — uso interno"
    assert params.print_settings("na").confidentiality == "Confidential — for internal use"


def test_no_print_key_means_no_line(params_dir):
    path = params_dir / "defaults.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("print:\n")
    end = text.index("\n\n", start)
    path.write_text(text[:start] + text[end + 2 :], encoding="utf-8")
    assert load_params(params_dir).print_settings("all").confidentiality == ""


def test_a_misspelt_print_key_is_named(params_dir):
    path = params_dir / "defaults.yaml"
    text = path.read_text(encoding="utf-8").replace("  confidentiality:", "  confidential:")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown key 'print\.confidential'; did you mean"):
        load_params(params_dir)


def test_the_line_is_one_line():
    with pytest.raises(ValueError, match="on one line"):
        PrintSettings(confidentiality="Confidential\nfor internal use")
