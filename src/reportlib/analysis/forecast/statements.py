"""The sentences that state where the fiscal quarter and year land, with their caveats.

Each sentence is written whole, once per case, with named placeholders (:data:`LANDING`,
:data:`CAVEATS`, :data:`PROBABILITY`); which case applies is decided by
:func:`~reportlib.analysis.forecast.caveats.landing_statement`. The functions here only pick the
template and format its figures with the report's :class:`~reportlib.formatting.Formatter`; the
report shows each :class:`Sentence` with ``present.paragraph(sentence.template,
**sentence.values)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import pandas as pd

from reportlib.analysis.forecast.caveats import (
    MAX_BACKTEST_WAPE,
    LandingStatement,
    landing_statement,
)
from reportlib.formatting import Formatter

PERIODS = {"quarter": "The fiscal quarter", "year": "The fiscal year"}
"""How each landing's period is named at the start of its sentence."""
LANDING = {
    "settled": "{period} ({start} to {end}) is fully invoiced: {landing} against a target of "
    "{target}.",
    "no_target": "{period} ({start} to {end}) lands at {landing}, with no target to hold it "
    "against.",
    "no_probability": "{period} ({start} to {end}) lands at {landing} against a target of "
    "{target}; the forecast gives no probability of reaching it.",
    "probability": "{period} ({start} to {end}) lands at {landing} against a target of "
    "{target}, with a probability of {probability} of reaching it.",
}
"""The landing's sentence for each ``LandingStatement.wording``."""
PROBABILITY = {"exact": "{p}", "above": "more than {p}", "below": "less than {p}"}
"""A probability as it may be stated, for each ``LandingStatement.bound``."""
CAVEATS = {
    "above_best_case": "This landing lies above the pipeline's best-case forecast of "
    "{best_case}: it counts on revenue that no deal in the pipeline accounts for yet.",
    "below_commit": "This landing lies below the pipeline's commit forecast of {commit} (won so "
    "far plus the deals in Commit): the time series expects less than the deals committed.",
    "backtest_error": "The model behind these landings missed by {wape} of revenue in its "
    "backtest, more than the {threshold} beyond which this report warns: read the landings and "
    "their probabilities as a rough guide.",
}
"""Each caveat's sentence; the pipeline's follow the quarter's landing, the backtest's both."""
_PIPELINE = ("above_best_case", "below_commit")


class Sentence(NamedTuple):
    """A template with named placeholders and its formatted values."""

    template: str
    values: dict[str, str]


def stated_probability_text(statement: LandingStatement, fmt: Formatter) -> str:
    """The probability of reaching the target as it may be stated: ``67%``, ``more than 95%``.

    Returns:
        The :data:`PROBABILITY` wording of ``statement``; ``fmt``'s missing-value text when the
        statement states no probability (for a table cell, never a sentence).
    """
    if statement.bound is None:
        return fmt.pct(None)
    return PROBABILITY[statement.bound].format(p=fmt.pct(statement.probability, 0))


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
        sentences = [LANDING[said.wording], *(CAVEATS[c] for c in said.caveats if c in _PIPELINE)]
        values = {
            "period": PERIODS[name],
            "start": fmt.month(row["start"]),
            "end": fmt.month(row["end"]),
            "landing": fmt.money(row["landing"]),
            "target": fmt.money(row["target"]),
            "probability": stated_probability_text(said, fmt),
            "best_case": fmt.money(figures.get("best_case_forecast")),
            "commit": fmt.money(figures.get("commit_forecast")),
        }
        out[name] = Sentence(" ".join(sentences), values)
    if needs_backtest:
        values = {"wape": fmt.pct(backtest_wape), "threshold": fmt.pct(max_error, 0)}
        out["backtest"] = Sentence(CAVEATS["backtest_error"], values)
    return out
