"""The blend, its phasing over months, and the exact allocation in region currencies.

Formulas: the package docstring (:mod:`reportlib.analysis.planning`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from reportlib.analysis.planning.history import shares
from reportlib.errors import ConfigError

VIEWS = ("top_down", "bottom_up", "potential")
TARGET_COLUMNS = ["month", "rep_id", "region", "target", "currency"]
"""The data contract's ``targets`` columns (``reportlib.intake.schema.TARGETS``), in order."""


def view_weights(weights: Mapping[str, float], potential: pd.Series | None) -> dict[str, float]:
    """The blend's weights: those given, potential's spread over the others without its view.

    Raises:
        ConfigError: when no view with a weight is left.
    """
    out = {v: float(weights.get(v, 0.0)) for v in VIEWS}
    if potential is None:
        out["potential"] = 0.0
    total = sum(out.values())
    if total <= 0:
        raise ConfigError(
            "planning.yaml: key 'weights': only the potential view has a weight, and there is "
            "no market table to measure it",
            hint="give top_down or bottom_up a weight, or deliver the market table",
        )
    return {v: w / total for v, w in out.items()}


def _blend_level(views: Mapping[str, pd.Series], weights: Mapping[str, float], groups) -> pd.Series:
    """Weighted mean of each view's shares within ``groups``; a view at 0 in a group is skipped."""
    index = next(iter(views.values())).index
    num = pd.Series(0.0, index=index)
    den = pd.Series(0.0, index=index)
    for name, values in views.items():
        w = weights.get(name, 0.0)
        if w <= 0:
            continue
        share = shares(values.astype("float64"), groups)
        num = num + (w * share).fillna(0.0)
        den = den + share.notna() * w
    ones = pd.Series(1.0, index=index)
    even = 1.0 / (ones.groupby(groups).transform("sum") if groups is not None else ones.sum())
    return (num / den).where(den > 0).fillna(even)


def blend(
    seats: pd.DataFrame,
    top_down_amounts: pd.Series,
    bottom_up_amounts: pd.Series,
    potential: pd.Series | None,
    weights: Mapping[str, float],
    total: float,
) -> pd.DataFrame:
    """Each seat's target for the year: the views' shares blended, scaled to ``total``.

    Args:
        seats: Output of :func:`plan_seats`.
        top_down_amounts: Output of :func:`top_down` (by seat).
        bottom_up_amounts: Each seat's capacity for the year (Σ :func:`capacity`).
        potential: Output of :func:`territory_potential`, or None.
        weights: Output of :func:`view_weights`.
        total: goal × (1 + buffer), company currency.

    Returns:
        Indexed like ``seats``: ``region``, ``team``, ``region_share``, ``team_share`` (of the
        region), ``rep_share`` (of the team) and ``target`` (company currency, adding up to
        ``total``).
    """
    regions = pd.Index(seats["region"].unique(), name="region")
    td_r = top_down_amounts.groupby(seats["region"]).sum().reindex(regions, fill_value=0.0)
    bu_r = bottom_up_amounts.groupby(seats["region"]).sum().reindex(regions, fill_value=0.0)
    region_views = {"top_down": td_r, "bottom_up": bu_r}
    if potential is not None:
        region_views["potential"] = potential.reindex(regions, fill_value=0.0)
    region_share = _blend_level(region_views, weights, None)
    region_share = region_share / region_share.sum()
    lower = {v: weights.get(v, 0.0) for v in ("top_down", "bottom_up")}
    if sum(lower.values()) <= 0:
        lower = {"top_down": 0.5, "bottom_up": 0.5}
    teams = seats.groupby(["region", "team"]).size().index
    td_t = top_down_amounts.groupby([seats["region"], seats["team"]]).sum().reindex(teams)
    bu_t = bottom_up_amounts.groupby([seats["region"], seats["team"]]).sum().reindex(teams)
    team_share = _blend_level(
        {"top_down": td_t, "bottom_up": bu_t}, lower, teams.get_level_values("region")
    )
    team_key = seats["team"] + "\x00" + seats["region"]
    rep_share = _blend_level(
        {"top_down": top_down_amounts, "bottom_up": bottom_up_amounts}, lower, team_key
    )
    key = pd.MultiIndex.from_arrays([seats["region"], seats["team"]])
    out = seats[["region", "team"]].copy()
    out["region_share"] = seats["region"].map(region_share).to_numpy()
    out["team_share"] = team_share.reindex(key).to_numpy()
    out["rep_share"] = rep_share.to_numpy()
    out["target"] = total * out["region_share"] * out["team_share"] * out["rep_share"]
    return out


def phase(targets: pd.DataFrame, months: pd.DataFrame, season: pd.DataFrame) -> pd.DataFrame:
    """Each seat's year spread over its months: region seasonality × ramp factor.

    Args:
        targets: Output of :func:`blend` (``target`` by seat).
        months: Output of :func:`seat_months`.
        season: Output of :func:`seasonality` (a region it lacks: twelfths).

    Returns:
        ``months`` with ``weight`` and ``amount`` (company currency); each seat's amounts add
        up to its year's target, 0 outside its seat.
    """
    calendar = months["month"].dt.month.to_numpy()
    index = season.reindex(months["region"].unique()).fillna(1.0 / 12)
    rows = index.index.get_indexer(months["region"])
    factor = index.to_numpy(dtype="float64")[rows, calendar - 1]
    weight = pd.Series(factor * months["ramp"].to_numpy(), index=months.index)
    share = shares(weight, months["rep_id"])
    # a seat whose weights are all 0 (in seat only in months without revenue): by months in seat
    even = shares(months["in_seat"].astype("float64"), months["rep_id"])
    share = share.fillna(even).fillna(0.0)
    year = months["rep_id"].map(targets["target"]).astype("float64")
    return months.assign(weight=weight, amount=year * share)


def largest_remainder(amounts: Sequence[float] | np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to ``amounts`` that add up to ``total`` exactly.

    Hamilton's method: the floor of each quota (``total`` × share), then one more to the rows
    with the largest remainders (ties to the earlier row) until the sum is ``total``.

    Raises:
        ValueError: when ``amounts`` are negative or add up to 0 while ``total`` is not 0.
    """
    values = np.asarray(amounts, dtype="float64")
    if (values < 0).any():
        raise ValueError("amounts to split must not be negative")
    if values.sum() <= 0:
        if total:
            raise ValueError("nothing to split the total by: every amount is 0")
        return np.zeros(len(values), dtype="int64")
    quota = values / values.sum() * total
    base = np.floor(quota).astype("int64")
    left = int(total - base.sum())
    order = np.lexsort((np.arange(len(values)), -(quota - base)))
    base[order[:left]] += 1
    return base


def to_cents(amount: float) -> int:
    """``amount`` in whole cents (half up)."""
    return int((Decimal(str(amount)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def allocate(
    cells: pd.DataFrame,
    total: float,
    region_currency: Mapping[str, str],
    rates: Mapping[str, float],
) -> pd.DataFrame:
    """Company-currency cell amounts as region-currency targets adding up to ``total`` exactly.

    Args:
        cells: Rows with ``region`` and ``amount`` (company currency), e.g. :func:`phase`'s.
        total: goal × (1 + buffer), company currency.
        region_currency: Each region's currency.
        rates: Budget rates (one unit of a currency in company units).

    Returns:
        ``cells`` with ``currency`` and ``target`` (region currency, whole cents) such that
        Σ target × rate, rounded to the company cent, is ``total`` rounded to the cent (see the
        package docstring for the one case where it is only within half a cent).
    """
    out = cells.copy()
    out["currency"] = out["region"].map(dict(region_currency))
    company_cents = largest_remainder(out["amount"].clip(lower=0).to_numpy(), to_cents(total))
    rate = {c: Decimal(str(rates[c])) for c in out["currency"].unique()}
    cents = np.array(
        [
            int((Decimal(int(cc)) / rate[cur]).quantize(Decimal(1), rounding=ROUND_HALF_UP))
            for cc, cur in zip(company_cents, out["currency"], strict=True)
        ],
        dtype="int64",
    )
    worth = sum(Decimal(int(c)) * rate[cur] for c, cur in zip(cents, out["currency"], strict=True))
    residual = Decimal(to_cents(total)) - worth
    if residual and len(out):
        cheapest = min(rate, key=lambda c: (rate[c], c))
        rows = np.flatnonzero(out["currency"].to_numpy() == cheapest)
        biggest = rows[np.argmax(cents[rows])]
        cents[biggest] += int((residual / rate[cheapest]).quantize(Decimal(1), ROUND_HALF_UP))
    out["target"] = cents / 100.0
    return out


def company_total(targets: pd.DataFrame, rates: Mapping[str, float]) -> Decimal:
    """Σ target × rate of ``targets`` (``target``, ``currency``), exact, rounded to the cent."""
    worth = sum(
        Decimal(str(t)) * Decimal(str(rates[c]))
        for t, c in zip(targets["target"], targets["currency"], strict=True)
    )
    return Decimal(worth).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def targets_table(allocated: pd.DataFrame) -> pd.DataFrame:
    """The plan in the data contract's ``targets`` format, ready to write as targets-YYYY.csv.

    Args:
        allocated: Output of :func:`allocate` (``month``, ``rep_id``, ``region``, ``target``,
            ``currency``).

    Returns:
        Columns :data:`TARGET_COLUMNS`: ``month`` written ``YYYY-MM``; one row per rep and month
        in seat (months outside the seat are left out), by month then rep.
    """
    rows = allocated
    if "in_seat" in rows.columns:
        rows = rows[rows["in_seat"].astype(bool)]
    out = pd.DataFrame(
        {
            "month": rows["month"].astype(str).to_numpy(),
            "rep_id": rows["rep_id"].astype(str).to_numpy(),
            "region": rows["region"].astype(str).to_numpy(),
            "target": rows["target"].astype("float64").to_numpy(),
            "currency": rows["currency"].astype(str).to_numpy(),
        }
    )
    return out.sort_values(["month", "rep_id"], kind="stable").reset_index(drop=True)
