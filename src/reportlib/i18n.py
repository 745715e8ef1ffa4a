"""Reports in the reader's language: gettext message catalogs, managed with Babel.

Everything a reader sees is written in English in the code, marked for translation, and looked
up in the catalog of the report's language at the moment it is written:

- ``_("Revenue")``: a message; ``ngettext(singular, plural, n)``: a sentence that holds a count,
  written twice, whole, so that a language with other plural forms can supply its own;
  ``pgettext(context, message)``: a short word whose translation depends on where it stands
  (``pgettext("status", "behind")``).
- ``N_("Revenue")``: marks a message defined once, at import (a label in a constant), that is
  translated where it is shown (``_(LABEL)``).
- Placeholders are named, ``{customers}``, and filled with ``str.format`` after the lookup, so a
  translation can reorder a sentence; :func:`brace_placeholders` (a Babel checker) rejects a
  translation whose placeholders differ from its source's.

The catalogs are ``src/reportlib/locale/<ll_CC>/LC_MESSAGES/reportlib.po``, one domain for the
whole project; ``make catalogs`` extracts the messages (``babel.cfg``: the library, the section
notebooks, their Markdown cells and the templates) and updates them. They are read with Babel and
compiled in memory when first used (no compiled file to keep in step). English is the source
language: it has no catalog.

One report is written in one language: a report's kernel activates it (:func:`activate`) when the
report opens; the run's own process writes the index and the validation page inside
:func:`use`.
"""

from __future__ import annotations

import gettext as _gettext
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale, negotiate_locale
from babel.messages.catalog import Catalog, Message, TranslationError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "reportlib"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("en", "pt-BR", "es")
"""The languages shipped complete, as BCP 47 tags: English (the source), Brazilian Portuguese
and Spanish. A catalog in :data:`LOCALE_DIR` adds one (README, "Adding a language")."""

_active: _gettext.NullTranslations = _gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def catalog_name(language: str) -> str:
    """The catalog folder of a BCP 47 tag: ``pt-BR`` → ``pt_BR``, ``es`` → ``es``."""
    return language.replace("-", "_")


def available() -> tuple[str, ...]:
    """The languages reports can be written in: English and each catalog in :data:`LOCALE_DIR`."""
    found = sorted(
        p.parent.parent.name.replace("_", "-")
        for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
    )
    return (SOURCE_LANGUAGE, *found)


def language_of(locale: str) -> str:
    """The language a report in ``locale`` is written in when its params name none.

    The catalog of the locale's own language and territory (``pt_BR`` → ``pt-BR``), else one of
    its language (``es_MX`` → ``es``, ``pt_PT`` → ``pt-BR``), else English.

    Args:
        locale: A Babel locale such as ``pt_BR``.
    """
    parsed = Locale.parse(locale)
    tags = available()
    exact = negotiate_locale([str(parsed)], [catalog_name(t) for t in tags])
    if exact:
        return exact.replace("_", "-")
    same = [t for t in tags if t.split("-")[0] == parsed.language]
    return same[0] if same else SOURCE_LANGUAGE


def words_locale(locale: str) -> str:
    """The Babel locale of words (month names) in the active language, numbers aside.

    ``locale`` itself when the active language is its language; else the active language's
    catalog locale (``es``, ``pt_BR``, ``en``).

    Args:
        locale: The region's Babel locale, e.g. ``pt_BR``.
    """
    if Locale.parse(locale).language == _language.split("-")[0]:
        return locale
    return catalog_name(_language)


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The catalog of ``language`` (a BCP 47 tag of :func:`available`), compiled in memory.

    English, the source language, translates every message to itself.

    Raises:
        KeyError: if no catalog of ``language`` is shipped.
    """
    if language == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    path = LOCALE_DIR / catalog_name(language) / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        raise KeyError(language)
    with path.open("rb") as f:
        catalog = read_po(f, locale=catalog_name(language), domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def activate(language: str) -> None:
    """Write everything from now on in ``language`` (one report's kernel, or a test).

    Raises:
        KeyError: if no catalog of ``language`` is shipped.
    """
    global _active, _language
    _active, _language = translations(language), language


@contextmanager
def use(language: str) -> Iterator[None]:
    """Write in ``language`` inside the ``with`` block, then in the language of before."""
    before = _language
    activate(language)
    try:
        yield
    finally:
        activate(before)


def language() -> str:
    """The BCP 47 tag of the language being written (``en`` until one is activated)."""
    return _language


def _(message: str) -> str:
    """``message`` in the active language (the message itself when it has no translation)."""
    return _active.gettext(message)


gettext = _


def ngettext(singular: str, plural: str, n: float) -> str:
    """The template for ``n`` things, in the active language's plural form for ``n``.

    Args:
        singular: The whole sentence (a template with ``{placeholders}``) for one thing.
        plural: The same sentence for any other number of things.
        n: The count that decides (the unformatted number, not its text); a fraction such as
            1.5 takes the plural form in every language shipped.

    Returns:
        The template, unformatted: the caller fills in the placeholders, with the count
        formatted by ``reportlib.formatting.Formatter``.

    Example:
        >>> ngettext("{n} customer has bought it.", "{n} customers have bought it.", 1)
        '{n} customer has bought it.'
    """
    whole = int(n) if float(n).is_integer() else 2
    return _active.ngettext(singular, plural, whole)


def pgettext(context: str, message: str) -> str:
    """``message`` in the active language, as said in ``context`` (a word with two senses)."""
    return _active.pgettext(context, message)


def N_(message: str) -> str:
    """``message`` unchanged: marks it for the catalogs; :func:`_` translates it where shown."""
    return message


_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)(?:[!:][^{}]*)?\}")


def placeholders(text: str) -> set[str]:
    """The named ``str.format`` placeholders of ``text``: ``"{n} of {total:,}"`` → {n, total}."""
    return set(_PLACEHOLDER.findall(text))


def brace_placeholders(catalog: Catalog | None, message: Message) -> None:
    """Babel checker: a translation has the same ``{placeholders}`` as its source.

    Registered under ``babel.checkers`` (pyproject.toml), so ``pybabel compile`` and
    ``Catalog.check()`` run it with Babel's own. Each plural form of a translation is checked
    against the source's: a placeholder that one of the source's two forms leaves out (``"One
    customer"``, ``"{n} customers"``) may be left out of any form.

    Raises:
        TranslationError: naming the placeholders missing or added.
    """
    del catalog
    sources = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    strings: Any = message.string
    translated = strings if isinstance(strings, (list, tuple)) else (strings,)
    each = [placeholders(s) for s in sources]
    expected = set().union(*each)
    optional = expected - set.intersection(*each)  # in one plural form of the source only
    for text in translated:
        if not text:
            continue
        found = placeholders(text)
        missing = expected - found - optional
        added = found - expected
        if missing or added:
            raise TranslationError(
                f"placeholders differ from the source's: missing {sorted(missing)}, "
                f"added {sorted(added)}"
            )


def heading_text(line: str) -> str | None:
    """The text of a Markdown heading line (``"## Team performance"`` → ``"Team performance"``)."""
    match = re.match(r"^#{1,6}\s+(.+?)\s*#*\s*$", line)
    return match.group(1) if match else None


def extract_notebook(
    fileobj: Any, keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str, str | tuple[str, ...], list[str]]]:
    """Babel extraction method for section notebooks (``.ipynb``; named in ``babel.cfg``).

    Yields the messages of each code cell (Babel's Python extractor, with the cell's number as
    its line) and, for each Markdown cell, its whole source and the text of each heading in it:
    the run puts a report's Markdown in its language (:func:`translate_markdown`), and the
    data-quality section names a section left out by its heading.
    """
    import nbformat
    from babel.messages.extract import extract_python

    nb = nbformat.read(io.TextIOWrapper(fileobj, encoding="utf-8"), as_version=4)
    for number, cell in enumerate(nb.cells, start=1):
        source = cell.source
        if cell.cell_type == "markdown" and source.strip():
            yield number, "gettext", source, ["Markdown cell of a section notebook"]
            for line in source.splitlines():
                heading = heading_text(line)
                if heading:
                    yield number, "gettext", heading, ["Heading of a section"]
        elif cell.cell_type == "code":
            code = io.BytesIO(source.encode("utf-8"))
            for _line, funcname, message, comments in extract_python(
                code, keywords, comment_tags, options
            ):
                yield number, funcname, message, comments


def translate_markdown(source: str) -> str:
    """A Markdown cell's source in the active language (itself when it has no translation)."""
    return _(source) if source.strip() else source
