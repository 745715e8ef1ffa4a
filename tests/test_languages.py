"""The Latin America report in Portuguese (the ``published`` run) and in Spanish (the retail
profile's run, ``retail_published``): no English word of the English report's running text is
left, names aside, and ``<html lang>`` says the language.

The English vocabulary is that of the company report of the same run (``all.html``, English):
every word of its visible text. Names are every word of the names the data delivers (customers,
products, reps, teams, campaigns, competitors, regions, the company) and acronyms (written in
capitals in the English page, such as NRR or P90). What is left in the other language's page is
English left untranslated, except the few words spelled alike in both languages
(:data:`SPELLED_ALIKE`, each a word of Portuguese or Spanish).
"""

import re
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]

NAMES = frozenset(
    {
        # the software that made the page, named in its footer
        "reportlib", "pandas", "great", "expectations", "papermill", "nbconvert", "seaborn",
        # products, companies, people and notations the pages cite by name
        "excel", "salesforce", "herfindahl", "hirschman", "net", "promoter", "score", "ad",
    }
)  # fmt: skip
"""Proper names the pages use in every language (the words of each)."""

SPELLED_ALIKE = {
    "pt-BR": frozenset(
        {"as", "do", "no", "chance", "mi", "vs", "volume", "zero", "normal", "fiscal", "rival",
         "marketing"}
    ),
    "es": frozenset({"no", "mi", "vs", "fiscal", "error", "rival", "detractor"}),
}  # fmt: skip
"""Words of the English page that are also words of Portuguese or Spanish, as the page uses
them: articles and prepositions (as, do, no), words spelled alike (volume, zero, fiscal,
rival, error, detractor, chance, normal, marketing in Brazilian usage), the abbreviation "mi"
(milhões) and "vs." as both languages write it."""


def _visible_text(page: Path) -> str:
    """The page's text a reader sees, code (file and setting names) aside."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for hidden in soup(["script", "style", "svg", "title", "meta", "code"]):
        hidden.decompose()
    return soup.get_text(" ")


def _words(text: str) -> set[str]:
    """Its words of letters, lower-cased; code digests (hexadecimal letters only) aside."""
    words = {w.casefold() for w in re.findall(r"[^\W\d_]{2,}", text)}
    return {w for w in words if not re.fullmatch(r"[a-f]+", w) or len(w) > 4}


def _acronyms(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\b[A-Z][A-Z0-9]+\b", text)}


def _names(data: Path) -> set[str]:
    """Every word the data delivers as text: names, the company's vocabularies (channels,
    segments, industries, loss reasons, priorities), and its files' names."""
    words: set[str] = set()
    for csv in data.glob("*.csv"):
        words |= _words(csv.stem)
        frame = pd.read_csv(csv, dtype=str, keep_default_na=False)
        for column in frame.columns:
            values = frame[column].unique()
            if not pd.to_numeric(pd.Series(values), errors="coerce").notna().all():
                words |= _words(" ".join(values))
    return words


def _english_left(out: Path, data: Path, report: str, params_names: set[str]) -> list[str]:
    english_page = _visible_text(out / "site" / "2026-10" / "all.html")
    english = _words(english_page) - _acronyms(english_page)
    other = _words(_visible_text(out / "site" / "2026-10" / f"{report}.html"))
    return sorted((english & other) - _names(data) - params_names - NAMES)


def _params_names() -> set[str]:
    from reportlib.config import load_params

    params = load_params(ROOT / "params")
    return _words(" ".join(params.region_names().values()))


def _lang(out: Path, report: str) -> str:
    page = (out / "site" / "2026-10" / f"{report}.html").read_text(encoding="utf-8")
    return re.search(r'<html lang="([^"]+)"', page).group(1)


@pytest.mark.slow
def test_the_portuguese_report_has_no_english_left(published, small_data):
    assert _lang(published, "latam") == "pt-BR" and _lang(published, "all") == "en"
    left = set(_english_left(published, small_data, "latam", _params_names()))
    assert sorted(left - SPELLED_ALIKE["pt-BR"]) == []


@pytest.mark.slow
def test_the_spanish_report_has_no_english_left(retail_published):
    assert _lang(retail_published, "latam") == "es"
    data = retail_published / "data"
    left = set(_english_left(retail_published, data, "latam", _params_names()))
    assert sorted(left - SPELLED_ALIKE["es"]) == []
