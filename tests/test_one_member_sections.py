"""Sections render a company with one member of each dimension: no comparison of one (issue #14).

The sample company cut to one region, one team with one account executive holding a target,
one competitor met in deals, one campaign judged and a market table listing the company alone.
Each section that compares members of a dimension states the only one instead of a table or
chart whose one row is the whole (``analysis.comparisons.COMPARISON_RULE``). The sentences are
unit-tested with hand-worked values; this test checks that the notebooks show them and leave the
comparisons out.
"""

import re
from html import unescape
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ("2025-05-01", "2026-05-31")
"""End dates of the campaigns the September 2026 report judges, a month either side."""


def _one_of_each(sample: Path, out: Path) -> None:
    """Write to ``out`` the sample of ``sample`` cut to one member of each dimension."""
    t = {p.stem: pd.read_csv(p, dtype=str, keep_default_na=False) for p in sample.glob("*.csv")}
    cut = {name: frame[frame["region"] == "emea"] for name, frame in t.items()}
    reps = cut["reps"]
    first_ae = reps[reps["role"] == "Account Executive"].iloc[0]
    reps = reps[reps["team"] == first_ae["team"]]
    cut["reps"] = reps
    cut["orders"] = cut["orders"][cut["orders"]["rep_id"].isin(reps["rep_id"])]
    cut["targets"] = cut["targets"][cut["targets"]["rep_id"] == first_ae["rep_id"]]
    opps = cut["opportunities"]
    opps = opps[opps["rep_id"].isin(reps["rep_id"])]
    rival = opps.loc[opps["competitor"] != "", "competitor"].value_counts().index[0]
    opps = opps[opps["competitor"].isin(["", rival])].copy()
    campaigns = cut["campaigns"]
    end = pd.to_datetime(campaigns["end_date"])
    judged = (end >= JUDGED[0]) & (end <= JUDGED[1])
    campaigns = campaigns[~judged | (campaigns.index == campaigns.index[judged][0])]
    opps.loc[~opps["campaign_id"].isin(campaigns["campaign_id"]), "campaign_id"] = ""
    cut["campaigns"], cut["opportunities"] = campaigns, opps
    cut["market"] = cut["market"][cut["market"]["is_own"] == "true"]
    out.mkdir(parents=True)
    for name, frame in cut.items():
        frame.to_csv(out / f"{name}.csv", index=False)


def _outputs(nb: nbformat.NotebookNode) -> tuple[str, int]:
    """The text of a notebook's HTML outputs, tags stripped, and its number of charts."""
    texts, charts = [], 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            charts += "image/png" in data or "image/svg+xml" in data
            if "text/html" in data:
                texts.append(unescape(re.sub(r"<[^>]+>", " ", data["text/html"])))
    return re.sub(r"\s+", " ", " ".join(texts)), charts


@pytest.fixture(scope="module")
def rendered(small_data, tmp_path_factory, kernel_name) -> dict[str, tuple[str, int]]:
    """Each section's text and number of charts, rendered on the one-member data."""
    root = tmp_path_factory.mktemp("one-member")
    _one_of_each(small_data, root / "data")
    out = {}
    for section, region in (("team", "emea"), ("competitors", "all"), ("campaigns", "emea"),
                            ("targets", "all")):  # fmt: skip
        nb = papermill.execute_notebook(
            str(ROOT / "notebooks" / f"{section}.ipynb"),
            str(root / f"{section}-{region}.ipynb"),
            parameters={"region": region, "period": "2026-09", "data_dir": str(root / "data")},
            kernel_name=kernel_name,
            cwd=str(ROOT / "notebooks"),
            progress_bar=False,
        )
        out[section] = _outputs(nb)
    return out


@pytest.mark.slow
def test_one_team_and_one_rep_are_not_compared(rendered):
    text, charts = rendered["team"]
    assert "Only one sales team, EMEA North, has account executives with a target" in text
    assert re.search(r"Only one account executive, [^,]+, has a target", text)
    assert "The one account executive with a target this fiscal year stands at" in text
    assert "Sales teams, fiscal year to" not in text  # the team table
    assert "Leaderboard" not in text and "lowest year-to-date attainment of the" not in text
    assert "P10" not in text
    assert charts == 0  # neither the box plot of one team nor a ramp of one point


@pytest.mark.slow
def test_one_competitor_one_region_and_one_company_are_not_compared(rendered):
    text, charts = rendered["competitors"]
    assert (
        "Every deal with a competitor that closed in the 12 months to September 2026 was against "
        in text
    )
    assert "was in one region, Europe, Middle East & Africa: there is no other region" in text
    assert "The market table gives sales of one company only in the three months" in text
    assert "held 100.0% of the market" not in text
    assert "Market share and price of each company" not in text
    assert charts == 0


@pytest.mark.slow
def test_one_campaign_is_not_the_worst(rendered):
    text, charts = rendered["campaigns"]
    assert "is the only campaign judged with a return on marketing investment" in text
    assert "the worst is" not in text and "of the campaigns pay back" not in text
    assert "They " not in text
    assert charts == 0


@pytest.mark.slow
def test_one_region_is_not_compared(rendered):
    text, charts = rendered["targets"]
    assert (
        "All sales in September 2026 were in one region, Europe, Middle East & Africa: there is "
        "no other region to compare it with." in text
    )
    assert "Regions compared" not in text
    assert charts == 1  # revenue against target, the company's own
