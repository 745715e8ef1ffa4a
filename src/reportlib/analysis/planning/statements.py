"""The plan report's sentences, one whole template for each case (:mod:`..sentences`).

Each function picks the template the plan calls for and formats its figures with the report's
:class:`~reportlib.formatting.Formatter`; a notebook shows the
:class:`~reportlib.analysis.sentences.Sentence` with ``present.say`` or ``present.takeaway``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from reportlib.analysis.planning.feasibility import REACH_SHARE
from reportlib.analysis.sentences import Sentence
from reportlib.formatting import Formatter
from reportlib.i18n import _, ngettext

ACHIEVABLE_SHARE = 0.6
ACHIEVABLE_HIGH = 0.7
"""A plan is commonly judged achievable when 60 to 70 percent of the reps can reach 80 percent of
their target (DOMAIN.md, "Setting targets"): below :data:`ACHIEVABLE_SHARE` it is a stretch."""


def goal_takeaway(
    year: int,
    goal: float,
    landing: float | None,
    growth: float | None,
    fiscal_year: int,
    fmt: Formatter,
) -> Sentence:
    """How the company goal was set: a growth over this year's landing, or a given amount.

    Args:
        year: The plan year.
        goal: The company goal, in ``fmt``'s currency.
        landing: This fiscal year's forecast landing in the same currency (None with a given
            goal).
        growth: The growth applied (None with a given goal).
        fiscal_year: The fiscal year of ``landing``.
        fmt: The report's formatter.
    """
    if growth is None or landing is None:
        return Sentence(
            _("The company goal for {year} is {goal}, the amount the company set."),
            {"year": str(year), "goal": fmt.rounded_money(goal)},
        )
    goal_text, landing_text = fmt.distinct_money(goal, landing)
    return Sentence(
        _(
            "The company goal for {year} is {goal}: fiscal year {fiscal_year} is forecast to "
            "land at {landing}, and the goal grows that by {growth}."
        ),
        {
            "year": str(year),
            "goal": goal_text,
            "fiscal_year": str(fiscal_year),
            "landing": landing_text,
            "growth": fmt.signed_pct(growth, 1),
        },
    )


def buffer_sentence(goal: float, total: float, buffer: float, fmt: Formatter) -> Sentence:
    """The over-assignment: the reps' targets add up to more than the goal."""
    if buffer == 0:
        return Sentence(
            _("The reps' targets add up to the goal, {total}, with no margin for reps who miss."),
            {"total": fmt.rounded_money(total)},
        )
    total_text, goal_text = fmt.distinct_money(total, goal)
    return Sentence(
        _(
            "The reps' targets add up to {total}, {buffer} above the goal of {goal}, so that "
            "the goal is met even when some reps miss."
        ),
        {"total": total_text, "buffer": fmt.pct(buffer, 0), "goal": goal_text},
    )


def region_part(
    name: str, target: float, company_total: float, growth: float | None, fmt: Formatter
) -> Sentence:
    """A region's part of the company's targets, and its own growth when the settings give one.

    Args:
        name: The region's name.
        target: The region's targets, in ``fmt``'s currency.
        company_total: Every region's targets in the same currency.
        growth: The region's own growth (``planning.yaml``'s ``regions``), or None.
        fmt: The report's formatter.
    """
    values = {
        "region": name,
        "target": fmt.rounded_money(target),
        "share": fmt.pct(target / company_total if company_total else None, 1),
    }
    if growth is None:
        return Sentence(
            _("The targets of {region} add up to {target}, {share} of the company's."), values
        )
    return Sentence(
        _(
            "The targets of {region} add up to {target}, {share} of the company's: the planning "
            "settings grow the region by {growth} over its part of this year's landing."
        ),
        {**values, "growth": fmt.signed_pct(growth, 1)},
    )


def blend_sentence(weights: Mapping[str, float], potential: str, fmt: Formatter) -> Sentence:
    """How the three views are weighed, and why territory potential counts or not.

    Args:
        weights: The blend's weights as used (``Plan.weights``).
        potential: Why potential counts or not (``run.planning.POTENTIAL_NOTES``).
        fmt: The report's formatter.
    """
    values = {
        "top_down": fmt.pct(weights["top_down"], 0),
        "bottom_up": fmt.pct(weights["bottom_up"], 0),
        "potential": fmt.pct(weights.get("potential", 0.0), 0),
    }
    templates = {
        "used": _(
            "Each target blends three views: the goal split by last year's share of revenue "
            "(top-down, {top_down}), the reps' measured capacity (bottom-up, {bottom_up}) and "
            "the market each region could reach (potential, {potential})."
        ),
        "weight_zero": _(
            "Each target blends the goal split by last year's share of revenue (top-down, "
            "{top_down}) and the reps' measured capacity (bottom-up, {bottom_up}); the market "
            "each region could reach is shown but not counted, as the planning settings give "
            "it no weight."
        ),
        "no_market": _(
            "Each target blends the goal split by last year's share of revenue (top-down, "
            "{top_down}) and the reps' measured capacity (bottom-up, {bottom_up}). Territory "
            "potential is left out: the market table was not delivered."
        ),
        "no_share": _(
            "Each target blends the goal split by last year's share of revenue (top-down, "
            "{top_down}) and the reps' measured capacity (bottom-up, {bottom_up}). Territory "
            "potential is left out: the planning settings give no share of the market a "
            "region could reach."
        ),
        "no_sales": _(
            "Each target blends the goal split by last year's share of revenue (top-down, "
            "{top_down}) and the reps' measured capacity (bottom-up, {bottom_up}). Territory "
            "potential is left out: the market table holds no sales of the last 12 months."
        ),
    }
    return Sentence(templates[potential], values)


def feasibility_takeaway(seats: int, can_reach: int, fmt: Formatter) -> Sentence | None:
    """How many reps have the capacity for most of their target, and what that says of the plan.

    Returns:
        An achievable or stretch sentence (:data:`ACHIEVABLE_SHARE`); None without seats.
    """
    if seats == 0:
        return None
    values = {
        "count": fmt.number(can_reach),
        "seats": fmt.number(seats),
        "reach": fmt.pct(REACH_SHARE, 0),
        "share": fmt.pct(can_reach / seats, 0),
        "low": fmt.pct(ACHIEVABLE_SHARE, 0),
        "high": fmt.pct(ACHIEVABLE_HIGH, 0),
    }
    if can_reach / seats >= ACHIEVABLE_SHARE:
        template = ngettext(
            "{count} of {seats} reps has the capacity for at least {reach} of their target "
            "({share}): the plan is within reach, as a plan is commonly judged achievable when "
            "{low} to {high} of reps can.",
            "{count} of {seats} reps have the capacity for at least {reach} of their target "
            "({share}): the plan is within reach, as a plan is commonly judged achievable when "
            "{low} to {high} of reps can.",
            can_reach,
        )
    else:
        template = ngettext(
            "Only {count} of {seats} reps has the capacity for at least {reach} of their target "
            "({share}): the plan is a stretch, as a plan is commonly judged achievable when "
            "{low} to {high} of reps can.",
            "Only {count} of {seats} reps have the capacity for at least {reach} of their "
            "target ({share}): the plan is a stretch, as a plan is commonly judged achievable "
            "when {low} to {high} of reps can.",
            can_reach,
        )
    return Sentence(template, values)


def beyond_best_sentence(seats: int, beyond: int, fmt: Formatter) -> Sentence | None:
    """How many targets go beyond what any rep at the same tenure has reached (None: no seats)."""
    if seats == 0:
        return None
    if beyond == 0:
        return Sentence(
            _("No target goes beyond what the best rep at the same tenure has sold."), {}
        )
    return Sentence(
        ngettext(
            "{count} target goes beyond what the best rep at the same tenure has sold: check "
            "it with the rep's manager.",
            "{count} targets go beyond what the best rep at the same tenure has sold: check "
            "them with the reps' managers.",
            beyond,
        ),
        {"count": fmt.number(beyond)},
    )


def phasing_takeaway(totals: pd.Series, fmt: Formatter) -> Sentence | None:
    """The busiest and quietest months of the plan year.

    Args:
        totals: Target by month (``PeriodIndex``), the report's currency.
        fmt: The report's formatter.

    Returns:
        None when the year has no target.
    """
    year = float(totals.sum())
    if totals.empty or year <= 0:
        return None
    high, low = totals.idxmax(), totals.idxmin()
    high_text, low_text = fmt.distinct_money(float(totals[high]), float(totals[low]))
    return Sentence(
        _(
            "Each month's target follows the region's seasonality and the reps' months in "
            "seat: {high} carries the most ({high_amount}, {high_share} of the year), "
            "{low} the least ({low_amount})."
        ),
        {
            "high": fmt.month(high),
            "high_amount": high_text,
            "high_share": fmt.pct(float(totals[high]) / year, 1),
            "low": fmt.month(low),
            "low_amount": low_text,
        },
    )


def ramp_sentence(ramp: pd.Series, measured: bool, fmt: Formatter) -> Sentence:
    """How new hires ramp up: their first quarter's share of full productivity and when full.

    Args:
        ramp: Share of full productivity by quarter since hire (``Plan.ramp``).
        measured: Whether it was measured from history (else the planning settings gave it).
        fmt: The report's formatter.
    """
    quarters = len(ramp)
    values = {"first": fmt.pct(float(ramp.iloc[0]), 0), "quarters": fmt.number(quarters)}
    if measured:
        template = ngettext(
            "New hires sell {first} of what a fully ramped rep sells in their first quarter, "
            "and all of it after {quarters} quarter (measured from the reps' history).",
            "New hires sell {first} of what a fully ramped rep sells in their first quarter, "
            "and all of it after {quarters} quarters (measured from the reps' history).",
            quarters,
        )
    else:
        template = ngettext(
            "New hires sell {first} of what a fully ramped rep sells in their first quarter, "
            "and all of it after {quarters} quarter (as the planning settings give it).",
            "New hires sell {first} of what a fully ramped rep sells in their first quarter, "
            "and all of it after {quarters} quarters (as the planning settings give it).",
            quarters,
        )
    return Sentence(template, values)


def hires_sentence(hires: pd.DataFrame, fmt: Formatter) -> Sentence:
    """How many planned seats there are, and that their targets ramp with them.

    Args:
        hires: ``summary.hire_months`` of the report.
        fmt: The report's formatter.
    """
    count = int(hires["rep_id"].nunique()) if not hires.empty else 0
    if count == 0:
        return Sentence(
            _("No hire is planned: every target goes to an account executive already in seat."),
            {},
        )
    return Sentence(
        ngettext(
            "{count} planned hire takes a target from their first month, growing with their ramp.",
            "{count} planned hires take a target from their first month, growing with their ramp.",
            count,
        ),
        {"count": fmt.number(count)},
    )
