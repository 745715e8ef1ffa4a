"""The team section's sentences about deals: win rate, deal size and cycle, and velocity.

Each sentence is written whole, with named placeholders, in English and looked up in the
report's language (:mod:`reportlib.i18n`); a count decides its plural form
(``ngettext``). The figures come from ``kpis`` (:mod:`reportlib.analysis.kpis`) and are
formatted with the report's :class:`~reportlib.formatting.Formatter`. A notebook shows them
with ``present.say(*deal_sentences(kpis, fmt), otherwise=no_deal_closed(fmt))``: a sentence
holding a missing figure is left out whole.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlib.analysis.sentences import Sentence, number
from reportlib.analysis.team import WIN_RATE_MONTHS
from reportlib.formatting import Formatter
from reportlib.i18n import _, ngettext


def deal_sentences(kpis: Mapping[str, object], fmt: Formatter) -> list[Sentence]:
    """The deals closed, won and open, three sentences.

    Args:
        kpis: The report's figures: ``closed_deals``, ``win_rate``, ``win_rate_value`` (over
            :data:`~reportlib.analysis.team.WIN_RATE_MONTHS` months), ``avg_deal_size``
            (money), ``sales_cycle_days``, ``open_qualified_deals`` and ``sales_velocity``
            (money a day).
        fmt: Formatter of the report.

    Returns:
        The win rate, the average won deal and the pipeline's daily velocity, in that order;
        a figure missing from ``kpis`` is passed on as None (the sentence is then left out).
    """
    closed = number(kpis.get("closed_deals"))
    won = ngettext(
        "Over the last {months} months {closed} deal closed, and the win rate was {win_rate} "
        "({win_rate_value} by value).",
        "Over the last {months} months {closed} deals closed and {win_rate} of them were won "
        "({win_rate_value} by value).",
        2 if closed is None else closed,
    )
    return [
        Sentence(
            won,
            {
                "months": fmt.number(WIN_RATE_MONTHS),
                "closed": fmt.number(closed),
                "win_rate": fmt.pct(kpis.get("win_rate")),  # type: ignore[arg-type]
                "win_rate_value": fmt.pct(kpis.get("win_rate_value")),  # type: ignore[arg-type]
            },
        ),
        Sentence(
            _(
                "The average won deal is worth {deal_size} and took {cycle} days from creation "
                "to close."
            ),
            {
                "deal_size": fmt.rounded_money(kpis.get("avg_deal_size")),  # type: ignore[arg-type]
                "cycle": fmt.number(kpis.get("sales_cycle_days")),  # type: ignore[arg-type]
            },
        ),
        Sentence(
            _(
                "With {open} qualified deals open, the pipeline should turn into about {velocity} "
                "a day."
            ),
            {
                "open": fmt.number(kpis.get("open_qualified_deals")),  # type: ignore[arg-type]
                "velocity": fmt.rounded_money(kpis.get("sales_velocity")),  # type: ignore[arg-type]
            },
        ),
    ]


def no_deal_closed(fmt: Formatter) -> str:
    """The sentence shown instead of :func:`deal_sentences` when no deal closed in the span."""
    return ngettext(
        "No deal closed in the last month.",
        "No deal closed in the last {n} months.",
        WIN_RATE_MONTHS,
    ).format(n=fmt.number(WIN_RATE_MONTHS))
