"""Do the regions add up to the company? Checked before anything is published.

:func:`reconcile` compares the records; :func:`check_reconciliation`, the run's stage, reads them
from the new build and stops the run when they do not add up.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

from reportlib.config import COMPANY_ID, Params
from reportlib.errors import RenderError

log = logging.getLogger(__name__)

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


def check_reconciliation(
    params: Params, report_ids: Sequence[str], period_dir: Path, failed: int
) -> None:
    """Fail before publishing when the regions do not add up to the company.

    Reads ``<period_dir>/<report>.kpis.json`` of every report. Only runs that render every
    region and the company can be checked, and only when no report failed (``failed`` counts
    the failed ones); otherwise the check is skipped, and logged as skipped.

    Raises:
        RenderError: listing the figures that do not add up (nothing is published then).
    """
    if failed:
        log.warning("reconciliation skipped: %d report(s) failed", failed)
        return
    if set(report_ids) != set(params.report_ids()):
        log.info("reconciliation skipped: not every region was rendered")
        return
    records = {
        rid: json.loads((period_dir / f"{rid}.kpis.json").read_text(encoding="utf-8"))
        for rid in report_ids
    }
    problems = reconcile(records, params)
    if problems:
        raise RenderError(
            "the regions do not add up to the company; nothing was published:\n"
            + "\n".join(f"- {p}" for p in problems),
            hint="a row's region or currency is probably wrong; see the company report's data",
        )
    log.info("reconciled: the regions add up to the company")
