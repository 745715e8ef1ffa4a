"""The competitors section's own sentences and the win-rate table's titles, whole.

Each text is written whole in English, one for each case (a region's report groups the win
rates by deal type, the company's by region), and looked up in the report's language
(:mod:`reportlib.i18n`). Figures are formatted with the report's
:class:`~reportlib.formatting.Formatter`; a notebook shows a :class:`~.sentences.Sentence` with
``present.say``, which leaves out a sentence holding a missing figure. The sentences on market
share and rivals' gains are :mod:`reportlib.analysis.market`'s.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from reportlib.analysis.sentences import Sentence
from reportlib.formatting import Formatter
from reportlib.i18n import _


def base_rate_sentence(kpis: Mapping[str, object], fmt: Formatter, period: pd.Period) -> Sentence:
    """The win rate of the deals without a competitor (``kpis["win_rate_no_competitor"]``).

    Args:
        kpis: The report's figures (the rate over the 12 months to ``period``, a fraction).
        fmt: Formatter of the report.
        period: The reported month.
    """
    return Sentence(
        _("The company won {base} of the deals without a competitor in the 12 months to {month}."),
        {
            "base": fmt.pct(kpis.get("win_rate_no_competitor")),  # type: ignore[arg-type]
            "month": fmt.month(period),
        },
    )


def top_rival_sentence(kpis: Mapping[str, object], fmt: Formatter) -> Sentence:
    """The win rate against the competitor that gained most share (``top_competitor_gain``).

    Args:
        kpis: The report's figures: ``top_competitor_gain`` (a name, or None) and
            ``win_rate_vs_top_competitor`` (a fraction).
        fmt: Formatter of the report.
    """
    return Sentence(
        _("The company won {top_rate} of its deals against {top}."),
        {
            "top": kpis.get("top_competitor_gain"),  # type: ignore[dict-item]
            "top_rate": fmt.pct(kpis.get("win_rate_vs_top_competitor")),  # type: ignore[arg-type]
        },
    )


def win_matrix_titles(regional: bool, fmt: Formatter, period: pd.Period) -> tuple[str, str]:
    """The folded block's summary and the caption of the win rates by competitor and group.

    Args:
        regional: A region's report (its deals grouped by deal type); else the company's (by
            region).
        fmt: Formatter of the report.
        period: The reported month (deals closed in the 12 months to it).

    Returns:
        (summary, caption), in the report's language.
    """
    month = fmt.month(period)
    if regional:
        return (
            _("Win rate against each competitor by deal type, and why deals were lost: two tables"),
            _(
                "Win rate against each competitor by deal type, deals closed in the 12 months to "
                "{month}"
            ).format(month=month),
        )
    return (
        _("Win rate against each competitor by region, and why deals were lost: two tables"),
        _(
            "Win rate against each competitor by region, deals closed in the 12 months to {month}"
        ).format(month=month),
    )
