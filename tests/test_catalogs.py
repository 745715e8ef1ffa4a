"""The shipped catalogs are complete, current and safe to format (the checks of README's
"Languages"): every message of the code is in each catalog, translated, not fuzzy, and each
translation has its source's placeholders (Babel's checkers and reportlib's)."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from reportlib import i18n

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED = [tag for tag in i18n.LANGUAGES if tag != i18n.SOURCE_LANGUAGE]


def _catalog(language: str):
    path = i18n.LOCALE_DIR / i18n.catalog_name(language) / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with path.open("rb") as f:
        return read_po(f, locale=i18n.catalog_name(language))


def _key(message_id, context):
    return (tuple(message_id) if isinstance(message_id, (list, tuple)) else message_id, context)


@pytest.fixture(scope="module")
def extracted() -> set:
    """Every message of the code, as ``make catalogs`` extracts it (babel.cfg)."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        ROOT, method_map, options_map
    ):
        if isinstance(message, (list, tuple)):
            message = tuple(m for m in message if m is not None)
        found.add(_key(message, context))
    return found


def test_the_code_has_messages(extracted):
    # the extraction covers the library, the notebooks' code and Markdown, and the templates
    assert ("Contents", None) in extracted  # html.py
    assert ("## Targets and revenue", None) in extracted  # a notebook's Markdown cell
    assert ("Skip to content", None) in extracted  # the page template


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_of_the_code_is_in_the_catalog(language, extracted):
    held = {_key(m.id, m.context) for m in _catalog(language) if m.id}
    missing = sorted(str(k) for k in extracted - held)
    assert missing == [], f"run `make catalogs` and translate: {missing[:10]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_entry_is_untranslated_or_fuzzy(language):
    catalog = _catalog(language)
    left = [
        f"line {m.lineno}: {'fuzzy' if m.fuzzy else 'untranslated'}: {str(m.id)[:70]!r}"
        for m in catalog
        if m.id
        and (m.fuzzy or not m.string or (isinstance(m.string, (list, tuple)) and not all(m.string)))
    ]
    path = i18n.LOCALE_DIR / i18n.catalog_name(language) / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    assert left == [], f"translate these entries of {path}, then run make catalogs again"


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_their_placeholders_and_plural_forms(language):
    problems = [
        f"{message.id!r}: {error}"
        for message, errors in _catalog(language).check()
        for error in errors
    ]
    assert problems == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalog_compiles_and_is_used(language):
    with i18n.use(language):
        assert i18n._("Contents") != "Contents"
