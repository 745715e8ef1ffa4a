"""Loading ``params/``: the real files, and one broken copy per way a file can be wrong."""

import shutil
from pathlib import Path

import pytest

from reportlib.config import COMPANY_ID, Params, PrintSettings, Region, Stakeholder, load_params
from reportlib.errors import ConfigError

PARAMS = Path(__file__).resolve().parents[1] / "params"
HINT = "see README, section 'Parameters'"


@pytest.fixture
def params_dir(tmp_path):
    """A private copy of the real params/ to break one thing in."""
    return Path(shutil.copytree(PARAMS, tmp_path / "params"))


def edit(path: Path, old: str, new: str) -> Path:
    """Replace the one occurrence of ``old`` in ``path``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def load_error(params_dir: Path) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_params(params_dir)
    return info.value


# --- the real parameters -------------------------------------------------------------------


def test_real_params_load():
    params = load_params(PARAMS)
    assert isinstance(params, Params)
    assert list(params.regions) == ["apac", "emea", "latam", "na"]
    assert params.report_ids() == ["apac", "emea", "latam", "na", "all"]
    assert {r: params.region(r).currency for r in params.report_ids()} == {
        "apac": "AUD",
        "emea": "EUR",
        "latam": "BRL",
        "na": "USD",
        "all": "USD",
    }
    assert {r: params.region(r).locale for r in params.report_ids()} == {
        "apac": "en_AU",
        "emea": "en_IE",
        "latam": "pt_BR",
        "na": "en_US",
        "all": "en_US",
    }
    assert params.defaults.fx_rates == {"USD": 1.0, "EUR": 1.08, "BRL": 0.18, "AUD": 0.65}
    assert params.defaults.fiscal_year_start_month == 1
    assert params.defaults.sections[:3] == ("summary", "targets", "profitability")
    assert params.sections("latam") == params.defaults.sections  # no region lists its own


def test_real_params_company_and_regions():
    params = load_params(PARAMS)
    company = params.company
    assert COMPANY_ID == "all"
    assert company.id == "all"
    assert company.is_company
    assert company.name == "Halvorsen Instruments"
    assert params.region("all") is company
    assert company.stakeholders == (
        Stakeholder(name="Chief Sales Officer", role="CSO"),
        Stakeholder(name="Executive committee", role="Board report"),
    )
    latam = params.region("latam")
    assert latam == Region(
        id="latam",
        name="Latin America",
        currency="BRL",
        locale="pt_BR",
        language="pt-BR",
        names={"pt-BR": "América Latina", "es": "América Latina"},
        description="Brazil and the rest of Latin America, reported in Brazilian real.",
        stakeholders=(
            Stakeholder(name="Diretor(a) de Vendas, América Latina", role="Regional sales lead"),
        ),
        print=PrintSettings(confidentiality="Confidencial — uso interno"),
    )
    assert not latam.is_company
    assert latam.stakeholders[0].email is None
    assert params.fx_rate("EUR") == 1.08
    assert params.fx_rate("BRL") == 0.18


def test_loads_from_a_string_path(params_dir):
    assert list(load_params(str(params_dir)).regions) == ["apac", "emea", "latam", "na"]


def test_params_are_frozen():
    params = load_params(PARAMS)
    with pytest.raises(ValueError, match="frozen"):
        params.region("na").currency = "EUR"  # type: ignore[misc]


def test_unknown_region_lists_the_known_ids():
    params = load_params(PARAMS)
    with pytest.raises(ConfigError) as info:
        params.region("nope")
    assert info.value.message == "unknown region 'nope'; known: apac, emea, latam, na, all"
    assert info.value.hint == "add params/regions/nope.yaml to define it"
    assert info.value.exit_code == 2


def test_a_new_region_is_a_new_file(params_dir):
    (params_dir / "regions" / "nordics.yaml").write_text(
        "name: Nordics\ncurrency: EUR\nlocale: sv_SE\n", encoding="utf-8"
    )
    params = load_params(params_dir)
    assert list(params.regions) == ["apac", "emea", "latam", "na", "nordics"]
    assert params.region("nordics").stakeholders == ()
    assert params.region("nordics").description == ""


# --- region files --------------------------------------------------------------------------


def test_misspelt_key_names_file_and_key_and_suggests_the_right_one(params_dir):
    path = edit(params_dir / "regions" / "emea.yaml", "currency: EUR", "curency: EUR")
    err = load_error(params_dir)
    assert err.message == (
        f"{path}: missing key 'currency'; unknown key 'curency'; did you mean 'currency'? "
        "(allowed: currency, description, language, locale, name, names, print, sections, "
        "stakeholders)"
    )
    assert err.hint == HINT
    assert str(err) == f"{err.message}\nhint: {HINT}"


def test_unknown_key_in_a_stakeholder_lists_the_stakeholder_keys(params_dir):
    path = edit(params_dir / "regions" / "na.yaml", "    role: Regional", "    rol: Regional")
    err = load_error(params_dir)
    assert err.message == (
        f"{path}: unknown key 'stakeholders.0.rol'; did you mean 'role'? "
        "(allowed: email, name, role)"
    )


def test_unknown_key_without_a_close_match(params_dir):
    path = edit(params_dir / "regions" / "na.yaml", "locale: en_US\n", "locale: en_US\nzzz: 1\n")
    err = load_error(params_dir)
    assert err.message == (
        f"{path}: unknown key 'zzz' "
        "(allowed: currency, description, language, locale, name, names, print, sections, "
        "stakeholders)"
    )


def test_missing_key(params_dir):
    path = edit(params_dir / "regions" / "apac.yaml", "locale: en_AU\n", "")
    err = load_error(params_dir)
    assert err.message == f"{path}: missing key 'locale'"


def test_lower_case_currency_is_rejected(params_dir):
    path = edit(params_dir / "regions" / "na.yaml", "currency: USD", "currency: usd")
    err = load_error(params_dir)
    assert err.message == (
        f"{path}: key 'currency': Value error, currency must be an ISO 4217 code "
        "such as USD or EUR, not 'usd'"
    )


def test_unknown_locale_is_rejected(params_dir):
    path = edit(params_dir / "regions" / "latam.yaml", "locale: pt_BR", "locale: xx_QQ")
    err = load_error(params_dir)
    assert err.message == (
        f"{path}: key 'locale': Value error, unknown locale 'xx_QQ' "
        "(use a code such as en_US or pt_BR)"
    )


def test_region_file_may_not_set_its_id(params_dir):
    path = edit(params_dir / "regions" / "na.yaml", "name: North", "id: us\nname: North")
    err = load_error(params_dir)
    assert err.message == f"{path}: unknown key 'id' (the region id is the file name)"


@pytest.mark.parametrize("file_name", ["all.yaml", "all.yml", "North America.yaml", "NA.yaml"])
def test_unusable_region_file_names_are_rejected(params_dir, file_name):
    path = params_dir / "regions" / file_name
    shutil.copy(params_dir / "regions" / "na.yaml", path)
    err = load_error(params_dir)
    assert err.message == f"{path}: {path.stem!r} is not a usable region id"
    assert err.hint == ("use lower-case letters, digits, '-' or '_', and not 'all' (the company)")


def test_region_currency_needs_an_fx_rate(params_dir):
    path = edit(params_dir / "regions" / "emea.yaml", "currency: EUR", "currency: CHF")
    err = load_error(params_dir)
    assert err.message == (
        f"{path}: currency 'CHF' has no rate in {params_dir / 'defaults.yaml'} fx_rates"
    )
    assert err.hint == "add 'CHF: <value in USD>' to fx_rates"


def test_empty_regions_folder(params_dir):
    for path in (params_dir / "regions").iterdir():
        path.unlink()
    err = load_error(params_dir)
    assert err.message == f"{params_dir / 'regions'}: no region files found"
    assert err.hint == "add params/regions/<id>.yaml"


def test_missing_regions_folder(params_dir):
    shutil.rmtree(params_dir / "regions")
    err = load_error(params_dir)
    assert err.message == f"{params_dir / 'regions'}: no region files found"


def test_invalid_yaml_names_the_file(params_dir):
    path = params_dir / "regions" / "emea.yaml"
    path.write_text("name: [Europe\ncurrency: EUR\n", encoding="utf-8")
    err = load_error(params_dir)
    assert err.message.startswith(f"{path}: not valid YAML: ")
    assert "line 2" in err.message  # where the parser gave up


def test_a_list_at_the_top_level_is_rejected(params_dir):
    path = params_dir / "regions" / "emea.yaml"
    path.write_text("- name: Europe\n- currency: EUR\n", encoding="utf-8")
    err = load_error(params_dir)
    assert err.message == f"{path}: expected a mapping of keys to values at the top level"


def test_an_empty_region_file_misses_every_required_key(params_dir):
    path = params_dir / "regions" / "emea.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    err = load_error(params_dir)
    assert err.message == (
        f"{path}: missing key 'name'; missing key 'currency'; missing key 'locale'"
    )


# --- defaults.yaml -------------------------------------------------------------------------


def test_missing_params_folder(tmp_path):
    err = load_error(tmp_path / "nowhere")
    assert err.message == f"{tmp_path / 'nowhere' / 'defaults.yaml'}: file not found"
    assert err.hint == "run from the project folder"


def test_misspelt_top_level_key_in_defaults(params_dir):
    path = edit(params_dir / "defaults.yaml", "fx_rates:", "fx_rate:")
    err = load_error(params_dir)
    assert err.message == (
        f"{path}: missing key 'fx_rates'; unknown key 'fx_rate'; did you mean 'fx_rates'? "
        "(allowed: company, fiscal_year_start_month, fx_rates, launches, margin_alarm, "
        "plan_sections, print, sections, vocabularies)"
    )


def test_launch_months_are_read_and_checked(params_dir):
    edit(params_dir / "defaults.yaml", "launches: {}", "launches: {Insight Cloud: 2025-05}")
    assert load_params(params_dir).defaults.launches == {"Insight Cloud": "2025-05"}
    path = edit(
        params_dir / "defaults.yaml", "{Insight Cloud: 2025-05}", "{Insight Cloud: 2025-05-01}"
    )
    assert load_error(params_dir).message == (
        f"{path}: key 'launches.Insight Cloud': Value error, write a launch month as YYYY-MM, "
        "e.g. 2025-05, not datetime.date(2025, 5, 1)"
    )


def test_misspelt_company_key_names_its_place_in_defaults(params_dir):
    path = edit(params_dir / "defaults.yaml", "  currency: USD", "  curency: USD")
    err = load_error(params_dir)
    assert err.message == (
        f"{path}: missing key 'company.currency'; unknown key 'company.curency'; "
        "did you mean 'currency'? "
        "(allowed: currency, description, language, locale, name, names, print, sections, "
        "stakeholders)"
    )


def test_unknown_key_in_a_company_stakeholder(params_dir):
    path = edit(params_dir / "defaults.yaml", "      role: CSO", "      emial: cso@example.com")
    err = load_error(params_dir)
    assert err.message == (
        f"{path}: unknown key 'company.stakeholders.0.emial'; did you mean 'email'? "
        "(allowed: email, name, role)"
    )


def test_company_may_not_set_its_id(params_dir):
    path = edit(params_dir / "defaults.yaml", "  name: Halvorsen", "  id: hq\n  name: Halvorsen")
    err = load_error(params_dir)
    assert err.message == f"{path}: unknown key 'company.id' (the company id is always 'all')"


def test_fiscal_year_start_month_out_of_range(params_dir):
    path = edit(
        params_dir / "defaults.yaml", "fiscal_year_start_month: 1", "fiscal_year_start_month: 13"
    )
    err = load_error(params_dir)
    assert err.message == (
        f"{path}: key 'fiscal_year_start_month': Input should be less than or equal to 12"
    )


def test_fx_rates_must_be_positive(params_dir):
    path = edit(params_dir / "defaults.yaml", "BRL: 0.18", "BRL: 0")
    err = load_error(params_dir)
    assert err.message == f"{path}: key 'fx_rates.BRL': Input should be greater than 0"


def test_company_currency_needs_an_fx_rate(params_dir):
    path = edit(params_dir / "defaults.yaml", "  USD: 1.0\n", "")
    err = load_error(params_dir)
    assert err.message == f"{path}: the company currency 'USD' has no rate in fx_rates"
    assert err.hint == "add 'USD: 1.0' to fx_rates"


RETAIL_VOCABULARY = "vocabularies:\n  segments: [Consumer, Corporate, Home Office]\n"


def test_company_vocabulary_replaces_the_standard_list(params_dir):
    with (params_dir / "defaults.yaml").open("a", encoding="utf-8") as f:
        f.write(RETAIL_VOCABULARY)
    params = load_params(params_dir)
    orders = params.tables["orders"]
    assert orders.column("segment").allowed == ("Consumer", "Corporate", "Home Office")
    # the others keep the standard lists, and the structural ones never change
    assert orders.column("channel").allowed == ("Direct", "Inside Sales", "Partner", "E-commerce")
    assert params.tables["opportunities"].column("forecast_category").allowed[0] == "Pipeline"


def test_default_vocabularies_are_the_standard_lists():
    params = load_params(PARAMS)
    assert params.tables["orders"].column("segment").allowed == ("Enterprise", "Mid-Market", "SMB")
    assert params.tables["reps"].column("role").allowed == ("Account Executive", "Sales Manager")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            "vocabularies:\n  segments: [Consumer, consumer]\n",
            "['Consumer', 'consumer'] listed twice",
        ),
        ("vocabularies:\n  segments: []\n", "list at least one value"),
        ("vocabularies:\n  segmnets: [Consumer]\n", "unknown key 'vocabularies.segmnets'"),
    ],
)
def test_bad_vocabulary_names_the_key(params_dir, lines, expected):
    with (params_dir / "defaults.yaml").open("a", encoding="utf-8") as f:
        f.write(lines)
    assert expected in load_error(params_dir).message


def test_margin_alarm_defaults_and_bounds(params_dir):
    params = load_params(params_dir)
    assert params.defaults.margin_alarm.floor == 0.0
    assert params.defaults.margin_alarm.drop == 0.05
    edit(params_dir / "defaults.yaml", "  drop: 0.05", "  drop: 0")
    assert "key 'margin_alarm.drop'" in load_error(params_dir).message
