"""Each report's links to the rest of the site (reportlib.run.cut.navigation)."""

from pathlib import Path

import pandas as pd

from reportlib.config import load_params
from reportlib.run.cut import navigation
from reportlib.site.navigation import Link, Navigation

PARAMS = load_params(Path(__file__).resolve().parents[1] / "params")
OCTOBER = pd.Period("2026-10", freq="M")


def _publish(folder: Path, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text("<!DOCTYPE html>", encoding="utf-8")


def test_first_month_links_the_index_and_the_regions_of_the_run(tmp_path):
    links = navigation(PARAMS, ["latam", "all"], OCTOBER, tmp_path / "2026-10")
    assert links == {
        "latam": Navigation(),
        "all": Navigation(regions=(Link("latam.html", "Latin America"),)),
    }
    assert links["latam"].index == "../index.html"


def test_last_month_is_linked_when_published_named_in_the_region_s_language(tmp_path):
    _publish(tmp_path / "2026-09", "latam.html", "all.html")
    links = navigation(PARAMS, ["latam", "na", "all"], OCTOBER, tmp_path / "2026-10")
    assert links["latam"].previous == Link("../2026-09/latam.html", "setembro de 2026")
    assert links["all"].previous == Link("../2026-09/all.html", "September 2026")
    assert links["na"].previous is None  # na's September report was never published


def test_a_january_report_links_december(tmp_path):
    _publish(tmp_path / "2025-12", "emea.html")
    links = navigation(PARAMS, ["emea"], pd.Period("2026-01", freq="M"), tmp_path / "2026-01")
    assert links["emea"].previous == Link("../2025-12/emea.html", "December 2025")


def test_the_company_links_regions_published_earlier_in_the_month_too(tmp_path):
    _publish(tmp_path / "2026-10", "apac.html", "na.html")
    links = navigation(PARAMS, ["emea", "all"], OCTOBER, tmp_path / "2026-10")
    assert [link.href for link in links["all"].regions] == ["apac.html", "emea.html", "na.html"]
    assert [link.text for link in links["all"].regions] == [
        "Asia Pacific",
        "Europe, Middle East & Africa",
        "North America",
    ]
    assert links["emea"].regions == ()
