"""Do the regions add up to the company? Checked before anything is published."""

from __future__ import annotations

import math
from collections.abc import Mapping

from reportlib.config import COMPANY_ID, Params

MONEY = ("revenue", "target", "open_pipeline")
COUNTS = ("orders",)
RELATIVE_TOLERANCE = 1e-6


def reconcile(records: Mapping[str, Mapping[str, object]], params: Params) -> list[str]:
    """Compare the sum of the regional figures with the company's.

    Money is converted to the company currency at the budget rates in ``params``; counts must
    match exactly. A figure absent from every record is skipped.

    Args:
        records: kpis.json records by report id; must hold every region and ``all``.
        params: The parameters of the run (regions, currencies, budget rates).

    Returns:
        One message per figure that does not add up (empty when everything reconciles).
    """
    ids = [*params.regions, COMPANY_ID]
    company_rate = params.fx_rate(params.company.currency)
    problems = []
    for key in (*MONEY, *COUNTS):
        values = {rid: records[rid].get(key) for rid in ids}
        missing = [rid for rid, value in values.items() if value is None]
        if len(missing) == len(ids):
            continue
        if missing:
            problems.append(f"{key}: missing in the report(s) {', '.join(missing)}")
            continue
        total = float(values.pop(COMPANY_ID))  # type: ignore[arg-type]
        if key in MONEY:
            rates = {
                rid: params.fx_rate(params.region(rid).currency) / company_rate for rid in values
            }
            summed = sum(float(v) * rates[rid] for rid, v in values.items())  # type: ignore[arg-type]
            ok = math.isclose(summed, total, rel_tol=RELATIVE_TOLERANCE, abs_tol=0.01)
        else:
            summed = float(sum(int(v) for v in values.values()))  # type: ignore[call-overload]
            ok = summed == total
        if not ok:
            problems.append(
                f"{key}: the regions add up to {summed:,.2f}, the company report has {total:,.2f}"
            )
    return problems
