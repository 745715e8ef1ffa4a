"""Next year's targets: the company goal, three views of it, their blend, phasing and feasibility.

Formulas from DOMAIN.md, "Setting targets (quota planning)"; settings from ``params/planning.yaml``
(:class:`reportlib.config.Planning`). Every amount here is in the company currency (the budget
rates ``fx_rates`` convert each row: one unit of a currency = ``rate`` company units) until
:func:`allocate`, which gives each target in its region's currency.

- **History**: the trailing window is the :data:`TRAILING_MONTHS` months ending with the last
  month with orders before the plan year (:func:`history_end`). Only account executives
  (``team.QUOTA_ROLE``) carry targets; a rep's months in seat run from their hire month to
  their leaving month.
- **Seats** (:func:`plan_seats`): the account executives in seat in the plan year, minus the
  planned leavers after their last month, plus the planned hires (open seats) from their first
  month. Tenure in a month = months since the hire month (0 in it).
- **Ramp** (:func:`measured_ramp`): productivity in quarter ``q`` since hire ÷ productivity of
  reps past their first year, where productivity = mean revenue per rep-month in seat; clipped
  to 0–1, made non-decreasing; a quarter without rep-months is interpolated between its
  neighbours (the mature quarter counting as 1.0; a first quarter without any takes
  :data:`DEFAULT_RAMP`'s, DOMAIN.md's example). ``planning.yaml``'s ``ramp`` replaces it. Full
  (1.0) after the curve's last quarter. (``team.ramp`` measures attainment of targets by
  tenure band, not productivity, so it is not reused.)
- **Top-down** (:func:`company_goal`, :func:`top_down`): goal = this year's landing ×
  (1 + growth), or a given amount. A region's part = goal × its share of the trailing revenue
  (all its orders); a region with its own growth gets its share of the landing × (1 + its
  growth), and the other regions share the rest by trailing share. A team's part of its region
  = its account executives' trailing revenue share; a rep's part of the team = trailing revenue
  × months in seat ÷ 12 (months in seat alone when no one in the team has history).
- **Bottom-up** (:func:`full_productivity`, :func:`capacity`): a rep's full productivity =
  trailing revenue ÷ Σ ramp factor over their months in the window (revenue per fully ramped
  month); a seat without history takes the median of its team (else region, else company).
  Capacity in a month = full productivity × ramp factor at that month's tenure × in seat ×
  expected attainment; rolled up by Σ.
- **Potential** (:func:`territory_potential`): a region's market size = Σ sales of every
  company in the market table (own included) over the trailing window × its reachable share;
  None without a market table.
- **Blend** (:func:`blend`): each view gives shares (a region's share of the view's total, a
  team's of its region, a rep's of its team); the blended share is the weighted mean of the
  views' shares (potential exists at region level only: below it the other two weights are
  scaled to add up to 1; a view that is 0 across a group is left out there). The goal fixes
  the total: the reps' targets add up to goal × (1 + buffer).
- **Phasing** (:func:`seasonality`, :func:`phase`): a rep's year is spread over the months in
  proportion to their region's share of revenue in each calendar month (the last whole years of
  history, up to :data:`SEASONAL_YEARS`; twelfths with less than a year) × their ramp factor in
  that month (0 outside their seat).
- **Exact sum** (:func:`allocate`): amounts are split into company-currency cents by largest
  remainder (ties to the earlier row), converted to region-currency cents, and the rounding
  left over is put on the largest cell of the currency worth the least: Σ target × rate,
  rounded to the company cent, is goal × (1 + buffer) rounded to the cent: exact whenever
  some region's currency is worth less than one company unit (the sample's BRL and AUD);
  otherwise within half a company cent.
- **Feasibility** (:func:`feasibility`): per region and team, top-down − bottom-up; per rep,
  the growth needed = target per month in seat ÷ trailing revenue per month in seat − 1;
  a rep is flagged when their target exceeds the best path any rep walked at the same tenure
  (Σ over their months of the highest mean monthly revenue of any rep in that tenure quarter);
  a rep "can reach 80%" when capacity ≥ 0.8 × target (DOMAIN.md: a plan is commonly judged
  achievable when about 60–70% of reps can).

No I/O; inputs are never changed. Errors for the analyst are :class:`ConfigError` naming the
setting or option to change.

Modules: :mod:`~reportlib.analysis.planning.history` (the trailing window, ramp, seasonality),
:mod:`~reportlib.analysis.planning.views` (seats, top-down, bottom-up, potential),
:mod:`~reportlib.analysis.planning.targets` (blend, phasing, exact allocation, the contract's
format), :mod:`~reportlib.analysis.planning.feasibility` and
:mod:`~reportlib.analysis.planning.plan` (every step in order: :func:`build_plan`).
"""

from reportlib.analysis.planning.feasibility import (
    REACH_SHARE,
    feasibility,
)
from reportlib.analysis.planning.history import (
    DEFAULT_RAMP,
    SEASONAL_YEARS,
    TRAILING_MONTHS,
    company_amounts,
    history_end,
    measured_ramp,
    ramp_factor,
    region_revenue,
    rep_months,
    seasonality,
    shares,
    tenure_best,
    year_months,
)
from reportlib.analysis.planning.plan import (
    Plan,
    build_plan,
    planned_reps,
    this_year_landing,
)
from reportlib.analysis.planning.targets import (
    TARGET_COLUMNS,
    VIEWS,
    allocate,
    blend,
    company_total,
    largest_remainder,
    phase,
    targets_table,
    to_cents,
    view_weights,
)
from reportlib.analysis.planning.views import (
    capacity,
    company_goal,
    full_productivity,
    plan_seats,
    seat_months,
    territory_potential,
    top_down,
    top_down_regions,
)

__all__ = [
    "DEFAULT_RAMP",
    "REACH_SHARE",
    "SEASONAL_YEARS",
    "TARGET_COLUMNS",
    "TRAILING_MONTHS",
    "VIEWS",
    "Plan",
    "allocate",
    "blend",
    "build_plan",
    "capacity",
    "company_amounts",
    "company_goal",
    "company_total",
    "feasibility",
    "full_productivity",
    "history_end",
    "largest_remainder",
    "measured_ramp",
    "phase",
    "plan_seats",
    "planned_reps",
    "ramp_factor",
    "region_revenue",
    "rep_months",
    "seasonality",
    "seat_months",
    "shares",
    "targets_table",
    "tenure_best",
    "territory_potential",
    "this_year_landing",
    "to_cents",
    "top_down",
    "top_down_regions",
    "view_weights",
    "year_months",
]
