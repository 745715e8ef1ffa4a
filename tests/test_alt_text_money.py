"""Chart alt texts are prose: money in them is rounded to what matters, never to the cent.

Issue #15: a screen reader read "Waterfall chart of net revenue from R$ 42.934.235,46 …" aloud;
money in prose is rounded (``Formatter.rounded_money``, ``distinct_money``), exact amounts
belong in tables.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

MONEY_TO_THE_CENT = re.compile(r"\d[.,]\d{3}[.,]\d{2}(?!\d)")
"""A grouped amount with two decimals: ``42.934.235,46``, ``$24,301.68``."""


def test_the_pattern_finds_money_to_the_cent_and_not_rounded_money():
    for exact in ("R$\xa042.934.235,46", "$24,301.68", "$1,234.50 spent"):
        assert MONEY_TO_THE_CENT.search(exact), exact
    for rounded in ("R$\xa042,9\xa0mi", "$24.3K", "$1.24M", "$226", "87.3%", "1,234 customers"):
        assert not MONEY_TO_THE_CENT.search(rounded), rounded


@pytest.mark.parametrize("page", ["latam.html", "all.html"])
def test_no_chart_alt_text_holds_money_to_the_cent(published: Path, page: str):
    html = (published / "site" / "2026-10" / page).read_text(encoding="utf-8")
    alts = [img["alt"] for img in BeautifulSoup(html, "html.parser").find_all("img", alt=True)]
    assert len(alts) >= 5, f"{page}: only {len(alts)} images with alt text"
    to_the_cent = {
        alt: MONEY_TO_THE_CENT.findall(alt) for alt in alts if MONEY_TO_THE_CENT.search(alt)
    }
    assert not to_the_cent, to_the_cent
