"""Benchmark: what forecasting adds to a run, for every region and the company.

Usage: ``python benchmarks/forecast.py [DATA_DIR]`` (default ``data/sample``). Times, in one
process, everything a report computes for its forecast section and its kpis.json: the model
choice by rolling-origin backtest with intervals, the quarter and year landing against target,
and the pipeline forecast. Writes ``outputs/bench/forecast.json``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PERIOD = "2026-10"  # the sample's last complete month
TARGET_S = 10.0  # forecasting every region and the company adds under 10 s to a run


def main() -> int:
    """Time the forecast of every report and print the table."""
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "sample"
    t0 = time.perf_counter()
    import reportlib.analysis.forecast as fcst
    from reportlib.config import load_params
    from reportlib.report import open_report

    imports = time.perf_counter() - t0
    params = load_params(ROOT / "params")
    rows = {}
    for region in params.report_ids():
        ctx = open_report(region=region, period=PERIOD, data_dir=data, params_dir=ROOT / "params")
        t = time.perf_counter()
        kpis = fcst.forecast_kpis(
            ctx.tables.orders,
            ctx.tables.targets,
            ctx.tables.opportunities,
            ctx.period,
            params.defaults.fiscal_year_start_month,
            ctx.forecast_history,
            ctx.region.currency,
        )
        rows[region] = {"seconds": time.perf_counter() - t, "model": kpis["forecast_model"]}
    total = sum(r["seconds"] for r in rows.values())
    print(f"{'report':<8} {'model':<22} seconds")
    for region, row in rows.items():
        print(f"{region:<8} {row['model']:<22} {row['seconds']:6.2f}")
    print(f"{'total':<8} {'':<22} {total:6.2f}  (+ {imports:.1f} s importing statsmodels et al.)")
    met = total + imports <= TARGET_S
    verdict = "met" if met else "NOT met"
    print(f"target: under {TARGET_S:.0f} s for every region and the company: {verdict}")
    out = ROOT / "outputs" / "bench" / "forecast.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps({"data": str(data), "imports_s": imports, "reports": rows, "total_s": total}),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
