"""When a landing statement gets a caveat, and how its probability may be stated.

A landing (:func:`~reportlib.analysis.forecast.landings.landing`) comes with the share of simulated
paths that reach the target. That share assumes the chosen model is right: the paths carry the
model's own noise, not the doubt about the model. So the report never states it bare near
certainty, and says when the landing deserves less trust than the figure suggests:

- **Stated probability** (:func:`stated_probability`): a probability above
  :data:`PROBABILITY_BOUND` (95%) is stated as "more than 95%", one below 1 − bound (5%) as
  "less than 5%"; in between, as it is. A simulated 98.9% is not a 98.9% chance once the model's
  own error is counted, so no report says "99%" or "1%".
- **Caveats** (:func:`landing_statement`), for a landing that still holds forecast months:

  - ``above_best_case``: the quarter's landing is above the pipeline's best-case forecast (Best
    Case + Most Likely + Commit + Closed, :func:`~reportlib.analysis.forecast.categories.
    pipeline_forecast`): the time series counts on revenue no deal in the pipeline accounts for.
  - ``below_commit``: the quarter's landing is below the commit forecast (Commit + Closed): the
    time series expects less than the deals already committed.
  - ``backtest_error``: the chosen model's backtest WAPE (one-month-ahead forecasts of the last
    months, :mod:`~reportlib.analysis.forecast.backtest`) is above :data:`MAX_BACKTEST_WAPE`.

  A period with no month left (fully invoiced) is a fact, not a forecast: no caveat and no
  probability. The pipeline only forecasts the fiscal quarter, so the year is only held against
  the backtest.

Everything here decides; the sentences are written by the report (``notebooks/forecast.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from reportlib.analysis.sentences import number

PROBABILITY_BOUND = 0.95
"""Probabilities above this are stated as "more than 95%", below 1 − this as "less than 5%"."""
MAX_BACKTEST_WAPE = 0.10
"""A model whose backtest WAPE is above this (10% of revenue) gets the ``backtest_error`` caveat.

A judgement, not a standard: a model that misses a month by more than a tenth of its revenue
leaves the gap between a quarter's landing and its target (a few percent, most months) inside its
own error, so its probability of reaching the target is a rough guide at best. The sample
company's models range from 5% (the company) to 19% (LATAM). ``landing_statement`` takes another
threshold as ``max_error``.
"""

Bound = Literal["exact", "above", "below"]
Wording = Literal["settled", "no_target", "no_probability", "probability"]
Caveat = Literal["above_best_case", "below_commit", "backtest_error"]


def stated_probability(probability: float, bound: float = PROBABILITY_BOUND) -> tuple[Bound, float]:
    """How a probability may be stated: as it is, or as "more than" / "less than" a bound.

    Args:
        probability: A probability, 0–1.
        bound: The highest probability stated as it is (0.5–1); 1 − ``bound`` is the lowest.

    Returns:
        ``("exact", probability)`` when 1 − bound ≤ probability ≤ bound; ``("above", bound)``
        above it; ``("below", 1 − bound)`` below it.

    Raises:
        ValueError: if ``probability`` is not within 0–1 or ``bound`` not within 0.5–1.
    """
    if not 0.5 <= bound <= 1:
        raise ValueError(f"bound is {bound!r}, expected a probability from 0.5 to 1")
    if not 0 <= probability <= 1:
        raise ValueError(f"probability is {probability!r}, expected a number from 0 to 1")
    low = round(1 - bound, 12)  # 1 − 0.95 is 0.050000000000000044 in binary
    if probability > bound:
        return "above", bound
    if probability < low:
        return "below", low
    return "exact", probability


@dataclass(frozen=True)
class LandingStatement:
    """What may be said of one landing (a row of ``landing``).

    Attributes:
        wording: ``settled`` (no month left: the period is fully invoiced, against a target),
            ``no_target`` (no positive target to hold it against), ``no_probability`` (a target
            but no simulated paths) or ``probability``.
        bound: With ``probability``: ``exact``, ``above`` or ``below`` (:func:`stated_probability`);
            None otherwise.
        probability: With ``probability``: the figure to state (the probability, or the bound it
            crossed); None otherwise.
        caveats: The caveats that apply, in the order ``above_best_case`` / ``below_commit``,
            ``backtest_error``; empty when no month is left.
    """

    wording: Wording
    bound: Bound | None = None
    probability: float | None = None
    caveats: tuple[Caveat, ...] = ()


def landing_statement(
    row: Mapping[str, object],
    backtest_wape: float | None,
    pipeline: Mapping[str, float | None] | None = None,
    *,
    max_error: float = MAX_BACKTEST_WAPE,
    bound: float = PROBABILITY_BOUND,
) -> LandingStatement:
    """What may be said of a landing, and which caveats it needs (see the module docstring).

    Args:
        row: A row of :func:`~reportlib.analysis.forecast.landings.landing` (``months_left``,
            ``landing``, ``target``, ``probability``).
        backtest_wape: Backtest WAPE of the model behind the landing (fraction); None when it
            was not backtested.
        pipeline: For the fiscal quarter only, :func:`~reportlib.analysis.forecast.categories.
            pipeline_forecast` (``commit_forecast``, ``best_case_forecast``); None for the year or
            without opportunities.
        max_error: Backtest WAPE above which the ``backtest_error`` caveat applies.
        bound: See :func:`stated_probability`.

    Returns:
        The :class:`LandingStatement`.
    """
    target, probability = number(row["target"]), number(row["probability"])
    has_target = target is not None and target > 0
    if int(row["months_left"]) == 0:  # type: ignore[call-overload]
        return LandingStatement("settled" if has_target else "no_target")
    caveats: list[Caveat] = []
    land = number(row["landing"])
    best = None if pipeline is None else number(pipeline.get("best_case_forecast"))
    commit = None if pipeline is None else number(pipeline.get("commit_forecast"))
    if land is not None and best is not None and land > best:
        caveats.append("above_best_case")
    elif land is not None and commit is not None and land < commit:
        caveats.append("below_commit")
    if backtest_wape is not None and backtest_wape > max_error:
        caveats.append("backtest_error")
    if not has_target:
        return LandingStatement("no_target", caveats=tuple(caveats))
    if probability is None:
        return LandingStatement("no_probability", caveats=tuple(caveats))
    stated, figure = stated_probability(probability, bound)
    return LandingStatement("probability", stated, figure, tuple(caveats))
