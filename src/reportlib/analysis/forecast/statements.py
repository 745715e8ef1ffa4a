"""The forecast's sentences: landings and caveats, the pipeline, the forecasts' track record.

Where the fiscal quarter and year land, with their caveats; what the pipeline says of the
quarter; how last month's forecast and the stored ones fared. Each sentence is written whole,
once per case, with named placeholders (:data:`LANDING`, :data:`CAVEATS`, :data:`PROBABILITY`,
:data:`PIPELINE`, :data:`LAST_FORECAST`, :data:`TRACK_RECORD`); which landing case applies is
decided by :func:`~reportlib.analysis.forecast.caveats.landing_statement`. The functions here
only pick the template and format its figures with the report's
:class:`~reportlib.formatting.Formatter`, money rounded to what matters (``distinct_money`` for
the amounts of one sentence, so that different ones never read alike; exact amounts are in the
section's tables); a sentence whose figure is missing takes its case without that figure, or is
left out, never written with "n/a". The report shows each
:class:`Sentence` with ``present.sentence(sentence.template, **sentence.values)``.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

import pandas as pd

from reportlib.analysis.forecast.caveats import (
    MAX_BACKTEST_WAPE,
    LandingStatement,
    landing_statement,
)
from reportlib.analysis.forecast.scorecard import (
    INSIDE_80,
    INSIDE_95,
    NO_INTERVAL,
    OUTSIDE,
    TrackRecord,
    interval_verdict,
)
from reportlib.analysis.sentences import Sentence
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _

PERIODS = {"quarter": N_("The fiscal quarter"), "year": N_("The fiscal year")}
"""How each landing's period is named at the start of a sentence (``landing_values``'s
``period``, for a sentence written elsewhere); this module's sentences name it whole."""
LANDING = {
    ("quarter", "settled"): N_(
        "The fiscal quarter ({start} to {end}) is fully invoiced: {landing} against a target of "
        "{target}."
    ),
    ("quarter", "no_target"): N_(
        "The fiscal quarter ({start} to {end}) lands at {landing}, with no target to hold it "
        "against."
    ),
    ("quarter", "no_probability"): N_(
        "The fiscal quarter ({start} to {end}) lands at {landing} against a target of {target}; "
        "the forecast gives no probability of reaching it."
    ),
    ("quarter", "exact"): N_(
        "The fiscal quarter ({start} to {end}) lands at {landing} against a target of {target}, "
        "with a probability of {probability} of reaching it."
    ),
    ("quarter", "above"): N_(
        "The fiscal quarter ({start} to {end}) lands at {landing} against a target of {target}, "
        "with a probability of more than {probability} of reaching it."
    ),
    ("quarter", "below"): N_(
        "The fiscal quarter ({start} to {end}) lands at {landing} against a target of {target}, "
        "with a probability of less than {probability} of reaching it."
    ),
    ("year", "settled"): N_(
        "The fiscal year ({start} to {end}) is fully invoiced: {landing} against a target of "
        "{target}."
    ),
    ("year", "no_target"): N_(
        "The fiscal year ({start} to {end}) lands at {landing}, with no target to hold it against."
    ),
    ("year", "no_probability"): N_(
        "The fiscal year ({start} to {end}) lands at {landing} against a target of {target}; the "
        "forecast gives no probability of reaching it."
    ),
    ("year", "exact"): N_(
        "The fiscal year ({start} to {end}) lands at {landing} against a target of {target}, "
        "with a probability of {probability} of reaching it."
    ),
    ("year", "above"): N_(
        "The fiscal year ({start} to {end}) lands at {landing} against a target of {target}, "
        "with a probability of more than {probability} of reaching it."
    ),
    ("year", "below"): N_(
        "The fiscal year ({start} to {end}) lands at {landing} against a target of {target}, "
        "with a probability of less than {probability} of reaching it."
    ),
}
"""The landing's sentence for each period and ``LandingStatement.wording``; with a probability,
for each ``LandingStatement.bound`` (``exact``, ``above``, ``below``): each sentence whole."""
PROBABILITY = {"above": N_("more than {p}"), "below": N_("less than {p}")}
"""A probability as it may be stated in a table cell, for each ``LandingStatement.bound`` but
``exact`` (the figure alone)."""
CAVEATS = {
    "above_best_case": N_(
        "This landing lies above the pipeline's best-case forecast of {best_case}: it counts on "
        "revenue that no deal in the pipeline accounts for yet."
    ),
    "below_commit": N_(
        "This landing lies below the pipeline's commit forecast of {commit} (won so far plus the "
        "deals in Commit): the time series expects less than the deals committed."
    ),
    "backtest_error": N_(
        "The model behind these landings missed by {wape} of revenue in its backtest, more than "
        "the {threshold} beyond which this report warns: read the landings and their "
        "probabilities as a rough guide."
    ),
}
"""Each caveat's sentence; the pipeline's follow the quarter's landing, the backtest's both."""
_PIPELINE = ("above_best_case", "below_commit")
PIPELINE = {
    "against_landing": N_(
        "The pipeline puts the quarter between {commit} (commit forecast: {closed} won so far "
        "plus the deals in Commit) and {best_case} (best-case forecast), against the time "
        "series' {landing}."
    ),
    "alone": N_(
        "The pipeline puts the quarter between {commit} (commit forecast: {closed} won so far "
        "plus the deals in Commit) and {best_case} (best-case forecast)."
    ),
    "weighted": N_(
        "Weighted by stage probability, the deals closing in the rest of the quarter are worth "
        "{weighted}."
    ),
}
"""The pipeline's sentences of the quarter: its range, with the time series' landing when there
is one (``against_landing``) or without (``alone``); then its weighted value."""
LAST_FORECAST = {
    (INSIDE_80, True): N_(
        "In {made_in} we forecast {forecast} for {month}; the actual was {actual} (forecast "
        "error {error} of the actual), inside the 80% prediction interval."
    ),
    (INSIDE_95, True): N_(
        "In {made_in} we forecast {forecast} for {month}; the actual was {actual} (forecast "
        "error {error} of the actual), outside the 80% but inside the 95% prediction interval."
    ),
    (OUTSIDE, True): N_(
        "In {made_in} we forecast {forecast} for {month}; the actual was {actual} (forecast "
        "error {error} of the actual), outside the 95% prediction interval."
    ),
    (NO_INTERVAL, True): N_(
        "In {made_in} we forecast {forecast} for {month}; the actual was {actual} (forecast "
        "error {error} of the actual), the forecast had no prediction interval."
    ),
    (INSIDE_80, False): N_(
        "In {made_in} we forecast {forecast} for {month}; the actual was {actual}, inside the "
        "80% prediction interval."
    ),
    (INSIDE_95, False): N_(
        "In {made_in} we forecast {forecast} for {month}; the actual was {actual}, outside the "
        "80% but inside the 95% prediction interval."
    ),
    (OUTSIDE, False): N_(
        "In {made_in} we forecast {forecast} for {month}; the actual was {actual}, outside the "
        "95% prediction interval."
    ),
    (NO_INTERVAL, False): N_(
        "In {made_in} we forecast {forecast} for {month}; the actual was {actual}, the forecast "
        "had no prediction interval."
    ),
}
"""Last month's forecast against the actual, for each ``interval_verdict``, with the error as a
share of the actual (True) or without (False: an actual of 0 leaves it undefined)."""
TRACK_RECORD = {
    "months": N_("Months scored so far: {months}."),
    "error": N_(
        "Forecasting one month ahead, the stored forecasts missed by {wape} of revenue (WAPE) "
        "with a bias of {bias}."
    ),
    "intervals": N_(
        # "95% prediction", not "95% interval": "% i" would read as a %-conversion to gettext
        "{inside80} of the actuals fell inside their 80% prediction interval and {inside95} "
        "inside their 95% prediction interval."
    ),
}
"""The track record's sentences, each left out when its figures are missing."""


def landing_values(
    name: str,
    row: pd.Series,
    said: LandingStatement,
    fmt: Formatter,
    landing: str,
    target: str,
) -> dict[str, str]:
    """The figures every sentence about a landing names, as text.

    Args:
        name: ``quarter`` or ``year`` (:data:`PERIODS`).
        row: The landing's row of :func:`~reportlib.analysis.forecast.landings.landing`.
        said: How its probability may be stated (``landing_statement``).
        fmt: The report's formatter.
        landing: The landing as written (told apart from the other amounts of the sentence).
        target: The target as written.

    Returns:
        ``period``, ``start``, ``end``, ``landing``, ``target`` and ``probability`` (as
        :func:`stated_probability_text` states it), in the report's language.
    """
    return {
        "period": _(PERIODS[name]),
        "start": fmt.month(row["start"]),
        "end": fmt.month(row["end"]),
        "landing": landing,
        "target": target,
        "probability": stated_probability_text(said, fmt),
    }


def stated_probability_text(statement: LandingStatement, fmt: Formatter) -> str:
    """The probability of reaching the target as it may be stated: ``67%``, ``more than 95%``.

    Returns:
        The figure (``exact``) or its :data:`PROBABILITY` wording, in the report's language;
        ``fmt``'s missing-value text when the statement states no probability (for a table
        cell, never a sentence).
    """
    if statement.bound is None:
        return fmt.pct(None)
    shown = fmt.pct(statement.probability, 0)
    return shown if statement.bound == "exact" else _(PROBABILITY[statement.bound]).format(p=shown)


def landing_sentences(
    landings: pd.DataFrame,
    backtest_wape: float | None,
    pipeline: Mapping[str, float | None] | None,
    fmt: Formatter,
    *,
    max_error: float = MAX_BACKTEST_WAPE,
) -> dict[str, Sentence]:
    """The sentences of the fiscal quarter's and year's landings, and the backtest caveat.

    Args:
        landings: Output of :func:`~reportlib.analysis.forecast.landings.landing` (rows
            ``quarter`` and ``year``).
        backtest_wape: Backtest WAPE of the chosen model (fraction), or None.
        pipeline: :func:`~reportlib.analysis.forecast.categories.pipeline_forecast` of the
            quarter (its figures None without opportunities); held against the quarter only.
        fmt: The report's formatter.
        max_error: See :func:`~reportlib.analysis.forecast.caveats.landing_statement`.

    Returns:
        ``quarter`` and ``year``: the landing's sentence, followed for the quarter by its
        pipeline caveat when one applies; ``backtest``, only when the backtest caveat applies to
        either landing: the caveat's sentence, said once for both.
    """
    figures = pipeline or {}
    out: dict[str, Sentence] = {}
    needs_backtest = False
    for name in ("quarter", "year"):
        row = landings.loc[name]
        said = landing_statement(
            row, backtest_wape, pipeline if name == "quarter" else None, max_error=max_error
        )
        needs_backtest |= "backtest_error" in said.caveats
        case = said.bound if said.wording == "probability" else said.wording
        sentences = [
            _(LANDING[(name, case)]),
            *(_(CAVEATS[c]) for c in said.caveats if c in _PIPELINE),
        ]
        pipeline_amounts = (
            (figures.get("best_case_forecast"), figures.get("commit_forecast"))
            if name == "quarter"
            else (None, None)
        )
        landing_text, target_text, best_text, commit_text = fmt.distinct_money(
            _amount(row["landing"]), _amount(row["target"]), *map(_amount, pipeline_amounts)
        )
        values = landing_values(name, row, said, fmt, landing_text, target_text) | {
            "best_case": best_text,
            "commit": commit_text,
            # the sentence says "more than" or "less than" itself: the figure alone
            "probability": fmt.pct(said.probability, 0),
        }
        template = " ".join(sentences)
        # only the figures the sentence names: a missing one it does not name (the pipeline's,
        # without deals or for the year) would have the page drop the sentence
        named = {field for _, field, _, _ in string.Formatter().parse(template) if field}
        out[name] = Sentence(template, {k: v for k, v in values.items() if k in named})
    if needs_backtest:
        values = {"wape": fmt.pct(backtest_wape), "threshold": fmt.pct(max_error, 0)}
        out["backtest"] = Sentence(_(CAVEATS["backtest_error"]), values)
    return out


def _amount(value: object) -> float | None:
    """A figure as a float; None when it is None, NA or NaN."""
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return None
    return float(value)  # type: ignore[arg-type]


def pipeline_sentences(
    pipeline: Mapping[str, float | None], landing: float | None, fmt: Formatter
) -> list[Sentence]:
    """What the pipeline says of the fiscal quarter, against the time series' landing.

    Args:
        pipeline: :func:`~reportlib.analysis.forecast.categories.pipeline_forecast` of the
            quarter.
        landing: The quarter's landing (``landing`` of its row of
            :func:`~reportlib.analysis.forecast.landings.landing`); None or NaN without one.
        fmt: The report's formatter.

    Returns:
        :data:`PIPELINE` ``against_landing`` (``alone`` without a landing), then ``weighted``;
        empty without deals (the pipeline's figures None).
    """
    if _amount(pipeline.get("commit_forecast")) is None:
        return []
    landing = _amount(landing)
    commit, closed, best_case, landing_text = fmt.distinct_money(
        _amount(pipeline.get("commit_forecast")),
        _amount(pipeline.get("closed_won_qtd")),
        _amount(pipeline.get("best_case_forecast")),
        landing,
    )
    values = {"commit": commit, "closed": closed, "best_case": best_case}
    said = [
        Sentence(_(PIPELINE["alone"]), values)
        if landing is None
        else Sentence(_(PIPELINE["against_landing"]), {**values, "landing": landing_text})
    ]
    weighted = _amount(pipeline.get("weighted_pipeline"))
    if weighted is not None:
        said.append(Sentence(_(PIPELINE["weighted"]), {"weighted": fmt.rounded_money(weighted)}))
    return said


def last_forecast_sentence(last: pd.Series, period: pd.Period, fmt: Formatter) -> Sentence:
    """Last month's forecast of ``period`` against its actual.

    Args:
        last: The reported month's row of the scorecard (``TrackRecord.last``).
        period: The reported month.
        fmt: The report's formatter.

    Returns:
        The :data:`LAST_FORECAST` sentence of the row's ``interval_verdict``, with the error as
        a share of the actual; without it when that is undefined (an actual of 0).
    """
    forecast, actual = fmt.distinct_money(_amount(last["forecast"]), _amount(last["actual"]))
    values = {
        "made_in": fmt.month(last["made_in"]),
        "forecast": forecast,
        "month": fmt.month(period),
        "actual": actual,
    }
    verdict = interval_verdict(last)
    error = _amount(last["error_pct"])
    if error is None:
        return Sentence(_(LAST_FORECAST[(verdict, False)]), values)
    template = _(LAST_FORECAST[(verdict, True)])
    return Sentence(template, {**values, "error": fmt.signed_pct(error)})


def track_record_sentences(track: TrackRecord, fmt: Formatter) -> list[Sentence]:
    """How the stored one-month-ahead forecasts fared: :data:`TRACK_RECORD`'s sentences.

    Returns:
        ``months``, then ``error`` when the WAPE and bias are known (not when the actuals sum
        to 0) and ``intervals`` when both interval shares are (not without intervals); empty
        when no month was scored.
    """
    if not track.months:
        return []
    said = [Sentence(_(TRACK_RECORD["months"]), {"months": fmt.number(track.months)})]
    if track.wape is not None and track.bias is not None:
        values = {"wape": fmt.pct(track.wape), "bias": fmt.signed_pct(track.bias)}
        said.append(Sentence(_(TRACK_RECORD["error"]), values))
    if track.inside80_share is not None and track.inside95_share is not None:
        values = {
            "inside80": fmt.pct(track.inside80_share, 0),
            "inside95": fmt.pct(track.inside95_share, 0),
        }
        said.append(Sentence(_(TRACK_RECORD["intervals"]), values))
    return said
