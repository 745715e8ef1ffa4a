"""`reportlib plan` end to end on the shared small data: the targets it writes validate as the
data's targets and add up to the goal plus the buffer; bad settings and years stop with a
message naming the file or option, the key and what to do.

The expected figures are worked out here from the files themselves (orders.csv, the budget
rates and buffer of params/), not with the planning code.
"""

from __future__ import annotations

import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
import yaml

from reportlib.cli import main

PARAMS = Path(__file__).resolve().parents[1] / "params"
CENT = Decimal("0.01")


def _settings() -> tuple[dict[str, Decimal], Decimal]:
    """The budget rates and the buffer, read from the YAML files as the analyst wrote them."""
    defaults = yaml.safe_load((PARAMS / "defaults.yaml").read_text(encoding="utf-8"))
    planning = yaml.safe_load((PARAMS / "planning.yaml").read_text(encoding="utf-8"))
    rates = {c: Decimal(str(r)) for c, r in defaults["fx_rates"].items()}
    return rates, Decimal(str(planning["buffer"]))


def _worth(targets: pd.DataFrame, rates: dict[str, Decimal]) -> Decimal:
    """Σ target × budget rate, exact from the CSV's text, rounded to the company cent."""
    total = sum(
        Decimal(t) * rates[c] for t, c in zip(targets["target"], targets["currency"], strict=True)
    )
    return Decimal(total).quantize(CENT, rounding=ROUND_HALF_UP)


def _read(folder: Path, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    plan = folder / "plan" / str(year)
    targets = pd.read_csv(plan / f"targets-{year}.csv", dtype=str, keep_default_na=False)
    reps = pd.read_csv(plan / f"reps-planned-{year}.csv", dtype=str, keep_default_na=False)
    return targets, reps


def test_the_plan_of_the_samples_next_year_validates_and_adds_up(small_data, tmp_path, capsys):
    rates, buffer = _settings()
    out = tmp_path / "out"
    goal = Decimal("5000000")
    args = ["-q", "plan", "--data", str(small_data), "--year", "2027", "--out", str(out)]
    assert main([*args, "--company-target", str(goal), "--no-report"]) == 0
    summary = capsys.readouterr().out
    targets, hires = _read(out, 2027)
    # the contract's targets columns; the whole fiscal (= calendar) year 2027
    assert list(targets.columns) == ["month", "rep_id", "region", "target", "currency"]
    assert sorted(set(targets["month"])) == [f"2027-{m:02d}" for m in range(1, 13)]
    # Σ target × budget rate = goal × (1 + buffer), to the cent: 5,000,000 × 1.10
    assert _worth(targets, rates) == (goal * (1 + buffer)).quantize(CENT) == Decimal("5500000.00")
    assert "5,500,000.00 USD" in summary and "potential view: used" in summary
    # planning.yaml's hires: Brazil from 2027-03 and EMEA North from 2027-07, in seat from then
    assert hires[["rep_id", "team", "hire_date"]].to_numpy().tolist() == [
        ["PLAN-01", "Brazil", "2027-03-01"],
        ["PLAN-02", "EMEA North", "2027-07-01"],
    ]
    first = targets.groupby("rep_id")["month"].min()
    assert (first["PLAN-01"], first["PLAN-02"]) == ("2027-03", "2027-07")

    # next year's data: targets.csv replaced by the plan's, the planned hires added to reps.csv
    data = Path(shutil.copytree(small_data, tmp_path / "data"))
    shutil.copy(out / "plan" / "2027" / "targets-2027.csv", data / "targets.csv")
    reps = pd.read_csv(data / "reps.csv", dtype=str, keep_default_na=False)
    pd.concat([reps, hires[reps.columns]]).to_csv(data / "reps.csv", index=False)
    assert main(["-q", "validate", "--data", str(data)]) == 0


def test_growth_grows_this_years_landing(small_data, tmp_path, capsys):
    """--growth 0 plans this fiscal year's landing itself, and --growth 0.2 1.2 times it.

    The landing (2026's actual months to October and the forecast of the last two) is at least
    the year's actual revenue to October, summed here from orders.csv at the budget rates.
    """
    rates, buffer = _settings()
    totals = []
    for growth in ("0", "0.2"):
        out = tmp_path / growth
        args = ["-q", "plan", "--data", str(small_data), "--year", "2027", "--out", str(out)]
        assert main([*args, "--growth", growth, "--no-report"]) == 0
        totals.append(_worth(_read(out, 2027)[0], rates))
    capsys.readouterr()
    orders = pd.read_csv(
        small_data / "orders.csv", usecols=["order_date", "net_revenue", "currency"]
    )
    this_year = orders[orders["order_date"].str[:7].between("2026-01", "2026-10")]
    actual = sum(
        Decimal(str(v)) * rates[c]
        for v, c in zip(this_year["net_revenue"], this_year["currency"], strict=True)
    )
    landing = totals[0] / (1 + buffer)
    assert actual <= landing <= actual * Decimal("1.5")
    assert abs(totals[1] - totals[0] * Decimal("1.2")) <= CENT


def _params(tmp_path: Path, planning: str | None = None, defaults: tuple[str, str] | None = None):
    folder = Path(shutil.copytree(PARAMS, tmp_path / "params"))
    if planning is not None:
        (folder / "planning.yaml").write_text(planning, encoding="utf-8")
    if defaults is not None:
        path = folder / "defaults.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(*defaults), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("case", "extra", "expected"),
    [
        (
            "weights that do not add up to 1",
            {"planning": "weights: {top_down: 0.5, bottom_up: 0.4, potential: 0.2}\n"},
            ["planning.yaml", "weights", "add up to 1.1, not 1"],
        ),
        (
            "a hire in an unknown team",
            {
                "planning": "weights: {top_down: 0.5, bottom_up: 0.5, potential: 0}\n"
                "hires:\n  - {team: Brazill, month: 2027-03}\n"
            },
            ["planning.yaml", "'hires.0.team'", "'Brazill'", "did you mean 'Brazil'"],
        ),
        ("a year with no history", {"year": "2029"}, ["--year 2029", "use --year 2027"]),
        ("a year the data already hold", {"year": "2026"}, ["--year 2026", "use --year 2027"]),
        (
            "no goal",
            {"goal": [], "planning": "weights: {top_down: 0.5, bottom_up: 0.5, potential: 0}\n"},
            ["no company goal", "--growth G", "--company-target AMOUNT", "growth: 0.08"],
        ),
    ],
)
def test_bad_settings_and_years_stop_with_what_to_do(
    small_data, tmp_path, capsys, case, extra, expected
):
    params = _params(tmp_path, extra.get("planning"), extra.get("defaults"))
    args = ["-q", "plan", "--data", str(small_data), "--year", extra.get("year", "2027")]
    args += ["--out", str(tmp_path / "out"), "--params", str(params), "--no-report"]
    assert main([*args, *extra.get("goal", ["--growth", "0.05"])]) == 2, case
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err
    assert "hint: " in err
    for text in expected:
        assert text in err, (case, text, err)
    assert not (tmp_path / "out" / "plan").exists()


def test_a_fiscal_year_from_april_plans_april_to_march(small_data, tmp_path, capsys):
    """With fiscal years from April, the data's last month (October 2026) is in fiscal year 2026
    (April 2026 to March 2027): the plan year 2027 runs from April 2027 to March 2028."""
    rates, buffer = _settings()
    params = _params(
        tmp_path, defaults=("fiscal_year_start_month: 1", "fiscal_year_start_month: 4")
    )
    out = tmp_path / "out"
    args = ["-q", "plan", "--data", str(small_data), "--out", str(out), "--params", str(params)]
    assert main([*args, "--company-target", "1000000", "--no-report"]) == 0  # --year defaults
    assert "Plan for 2027" in capsys.readouterr().out
    targets, hires = _read(out, 2027)
    months = sorted(set(targets["month"]))
    assert months == [f"2027-{m:02d}" for m in range(4, 13)] + ["2028-01", "2028-02", "2028-03"]
    goal = Decimal("1000000")
    assert _worth(targets, rates) == (goal * (1 + buffer)).quantize(CENT) == Decimal("1100000.00")
    # planning.yaml's hire in March 2027 is in seat from the plan year's first month, April
    assert targets[targets["rep_id"] == "PLAN-01"]["month"].min() == "2027-04"
    assert hires.loc[hires["rep_id"] == "PLAN-01", "hire_date"].tolist() == ["2027-03-01"]
    assert main([*args, "--year", "2028", "--company-target", "1", "--no-report"]) == 2
    assert "use --year 2027" in capsys.readouterr().err


def test_data_without_reps_stop_naming_the_folder(small_data, tmp_path, capsys):
    """An export of orders and targets alone (a retailer's) has no one to give a target to."""
    data = Path(shutil.copytree(small_data, tmp_path / "data"))
    (data / "reps.csv").unlink()
    args = ["-q", "plan", "--data", str(data), "--out", str(tmp_path / "out"), "--no-report"]
    code = main([*args, "--growth", "0.05"])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    assert f"{data}: a plan gives each account executive their targets" in err
    assert "reps.csv" in err
    assert not (tmp_path / "out" / "plan").exists()
