"""What a run leaves behind: no credentials anywhere, and no region's data in another's files."""

import html
from pathlib import Path

import pandas as pd

PERIOD = "2026-10"


def test_no_secret_from_the_environment_reaches_any_output(published, planted_secrets):
    files = [p for p in published.rglob("*") if p.is_file()]
    assert len(files) > 20  # site, extracts, executed notebooks, manifest, forecasts, logs
    assert any(p.suffix == ".ipynb" for p in files)  # executed notebooks hold their parameters
    assert any(p.suffix == ".log" for p in files)
    for path in files:
        content = path.read_bytes()
        for name, secret in planted_secrets.items():
            assert secret.encode() not in content, f"{name}'s value found in {path}"
            password = secret.split(":")[2].split("@")[0] if "@" in secret else secret
            assert password.encode() not in content, f"{name}'s password found in {path}"


def _names(data: Path, table: str, column: str) -> pd.DataFrame:
    return pd.read_csv(data / f"{table}.csv", dtype=str, keep_default_na=False)[["region", column]]


def _foreign(data: Path, table: str, column: str, region: str) -> set[str]:
    """Names that appear in other regions' rows and never in ``region``'s."""
    frame = _names(data, table, column)
    own = set(frame.loc[frame["region"] == region, column])
    return set(frame.loc[frame["region"] != region, column]) - own - {""}


def test_a_region_publishes_no_other_regions_customers_or_reps(small_data, published):
    folder = published / "site" / PERIOD
    latam = (folder / "latam.html").read_text(encoding="utf-8")
    latam += (folder / "latam.kpis.json").read_text(encoding="utf-8")
    company = (folder / "all.html").read_text(encoding="utf-8")
    for table, column in (("orders", "customer_name"), ("reps", "rep_name")):
        foreign = _foreign(small_data, table, column, "latam")
        assert len(foreign) > 10
        # the company report names customers and reps of every region: the check can fail
        assert any(html.escape(name) in company for name in foreign), (table, column)
        leaked = sorted(n for n in foreign if html.escape(n) in latam or n in latam)
        assert not leaked, f"{table}.{column} of other regions in latam's report: {leaked[:5]}"


def test_a_region_extract_holds_only_its_rows(published):
    extract = published / "work" / PERIOD / "extracts" / "latam"
    for path in sorted(extract.glob("*.parquet")):
        frame = pd.read_parquet(path)
        assert set(frame["region"]) <= {"latam"}, path.name
