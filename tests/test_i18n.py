"""The language machinery: which language a report is written in, lookups, plural forms, and
the placeholder checker the catalogs are held to."""

import io
from pathlib import Path

import nbformat
import pytest
from babel.messages.catalog import Catalog, Message, TranslationError

from reportlib import i18n
from reportlib.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("pt_BR", "pt-BR"),  # the catalog of the locale's language and territory
        ("es_MX", "es"),  # the catalog of its language
        ("es_ES", "es"),
        ("pt_PT", "pt-BR"),  # Portuguese readers read Brazilian Portuguese before English
        ("en_US", "en"),
        ("de_DE", "en"),  # no German catalog: English
    ],
)
def test_a_report_reads_its_locales_language_when_params_name_none(locale, language):
    assert i18n.language_of(locale) == language


def test_shipped_languages_are_available():
    assert set(i18n.LANGUAGES) <= set(i18n.available())


def test_a_region_names_its_language_or_gets_its_locales(tmp_path):
    from reportlib.config import Region

    assert Region(id="x", name="X", currency="BRL", locale="pt_BR").reading_language == "pt-BR"
    chosen = Region(id="x", name="X", currency="BRL", locale="pt_BR", language="ES")
    assert chosen.reading_language == "es"  # tags are matched ignoring case


def test_a_language_without_a_catalog_names_the_file_the_key_and_the_choices(tmp_path):
    import shutil

    from reportlib.config import load_params

    params = tmp_path / "params"
    shutil.copytree(ROOT / "params", params)
    region = params / "regions" / "latam.yaml"
    region.write_text(region.read_text() + "language: de\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_params(params)
    message = caught.value.message
    assert str(region) in message and "language" in message
    assert "no catalog for language 'de': use one of en, es, pt-BR" in message


def test_messages_are_looked_up_in_the_active_language_and_restored():
    assert i18n.language() == "en" and i18n._("Contents") == "Contents"
    with i18n.use("pt-BR"):
        assert i18n.language() == "pt-BR"
        assert i18n._("Contents") == "Sumário"
        with i18n.use("es"):
            assert i18n._("Contents") == "Contenido"
        assert i18n._("Contents") == "Sumário"
    assert i18n._("Contents") == "Contents"
    assert i18n._("A message no catalog holds") == "A message no catalog holds"


def test_an_unknown_language_cannot_be_activated():
    with pytest.raises(KeyError):
        i18n.activate("de")
    assert i18n.language() == "en"


@pytest.mark.parametrize(
    ("n", "form"),
    [(0, "other"), (1, "one"), (1.0, "one"), (2, "other"), (1.5, "other"), (1_000_000, "other")],
)
def test_english_plural_forms(n, form):
    assert i18n.ngettext("one", "other", n) == form


def test_placeholders_are_the_named_fields_of_str_format():
    assert i18n.placeholders("{n} of {total} ({share}) {{literal}}") == {"n", "total", "share"}
    assert i18n.placeholders("no fields") == set()


def _message(source, translation):
    return Message(source, translation)


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("{region} sold {amount}.", "{amount} vendidos por {region}."),  # reordered
        (("One customer", "{n} customers"), ("Um cliente", "", "{n} clientes")),  # optional {n}
        (("{n} customer", "{n} customers"), ("{n} cliente", "{n} clientes", "{n} clientes")),
    ],
)
def test_the_checker_accepts_the_same_placeholders_in_any_order(source, translation):
    i18n.brace_placeholders(Catalog(locale="pt_BR"), _message(source, translation))


@pytest.mark.parametrize(
    ("source", "translation", "said"),
    [
        ("{region} sold {amount}.", "{region} vendeu.", "missing ['amount'], added []"),
        ("{region} sold.", "{regiao} vendeu.", "missing ['region'], added ['regiao']"),
        (("{n} customer", "{n} customers"), ("{n} cliente", "clientes"), "missing ['n']"),
    ],
)
def test_the_checker_rejects_a_placeholder_missing_or_added(source, translation, said):
    with pytest.raises(TranslationError, match=said.replace("[", r"\[").replace("]", r"\]")):
        i18n.brace_placeholders(Catalog(locale="pt_BR"), _message(source, translation))


def test_babel_runs_the_placeholder_checker_on_a_catalog():
    catalog = Catalog(locale="pt_BR")
    catalog.add("{region} sold {amount}.", "{region} vendeu.")
    problems = [str(e) for _message, errors in catalog.check() for e in errors]
    assert problems == ["placeholders differ from the source's: missing ['amount'], added []"]


def test_a_notebooks_markdown_cells_headings_and_code_messages_are_extracted():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell('region = "all"'),
            nbformat.v4.new_markdown_cell("## Team performance\n\nWho sold what."),
            nbformat.v4.new_code_cell('x = _("Revenue")\ny = ngettext("{n} rep", "{n} reps", n)'),
            nbformat.v4.new_markdown_cell("   "),
        ]
    )
    found = list(
        i18n.extract_notebook(
            io.BytesIO(nbformat.writes(nb).encode("utf-8")),
            {"_": None, "ngettext": (1, 2)},
            [],
            {},
        )
    )
    assert [(line, message) for line, _f, message, _c in found] == [
        (2, "## Team performance\n\nWho sold what."),
        (2, "Team performance"),
        (3, "Revenue"),
        (3, ("{n} rep", "{n} reps", None)),  # Babel keeps the count's place
    ]


def test_markdown_is_put_in_the_active_language():
    with i18n.use("pt-BR"):
        assert i18n.translate_markdown("Contents") == "Sumário"
        assert i18n.translate_markdown("An analyst's own note") == "An analyst's own note"
        assert i18n.translate_markdown("\n") == "\n"


def test_heading_text():
    assert i18n.heading_text("## Team performance") == "Team performance"
    assert i18n.heading_text("### Last month's forecast ###") == "Last month's forecast"
    assert i18n.heading_text("Not a heading") is None
    assert i18n.heading_text("#hashtag") is None


def test_a_region_is_named_in_the_language_of_the_report():
    from reportlib.config import load_params

    params = load_params(ROOT / "params")
    assert params.region("latam").name == "Latin America"  # as the English reports name it
    assert params.in_language("pt-BR").region("latam").name == "América Latina"
    assert params.in_language("es").region_names()["latam"] == "América Latina"
    # a language a region has no name in keeps its own; the original is unchanged
    assert params.in_language("en").region("emea").name == "Europe, Middle East & Africa"
    assert params.in_language("pt-BR").region("emea").name == "Europa, Oriente Médio e África"
    assert params.region("latam").name == "Latin America"


def test_a_name_in_a_language_without_a_catalog_is_an_error():
    from reportlib.config import Region

    with pytest.raises(ValueError, match=r"names in \['de'\]: no catalog of that language"):
        Region(id="x", name="X", currency="EUR", locale="de_DE", names={"de": "Lateinamerika"})
    region = Region(id="x", name="X", currency="BRL", locale="pt_BR", names={"PT-br": " Y "})
    assert region.in_language("pt-BR").name == "Y"


@pytest.mark.parametrize(
    ("language", "locale", "month"),
    [
        ("en", "en_US", "October 2026"),
        ("pt-BR", "pt_BR", "outubro de 2026"),
        ("es", "pt_BR", "octubre de 2026"),  # read in Spanish in a Brazilian region
        ("en", "pt_BR", "October 2026"),
        ("pt-BR", "en_US", "outubro de 2026"),
    ],
)
def test_month_names_are_in_the_report_language_numbers_in_the_regions_locale(
    language, locale, month
):
    import pandas as pd

    from reportlib.formatting import Formatter

    fmt = Formatter(locale, "BRL")
    with i18n.use(language):
        assert fmt.month(pd.Period("2026-10", "M")) == month
        assert fmt.number(1234.5, 1) == ("1.234,5" if locale == "pt_BR" else "1,234.5")
