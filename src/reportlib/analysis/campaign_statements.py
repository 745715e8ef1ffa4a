"""The campaigns section's paragraph on what the campaigns judged cost and brought back.

Each sentence is written whole in English, with named placeholders, and looked up in the
report's language (:mod:`reportlib.i18n`); the number of campaigns decides the plural form
(``ngettext``). Money is rounded to what matters (``Formatter.rounded_money``); the attributed
pipeline and revenue, shown together, are told apart (``Formatter.distinct_money``). A notebook
shows the sentences with ``present.say``, which leaves out one holding a missing figure.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlib.analysis.sentences import Sentence, figure
from reportlib.formatting import Formatter
from reportlib.i18n import _, ngettext


def results_sentences(
    kpis: Mapping[str, object], fmt: Formatter, window: Mapping[str, str], one_rated: str | None
) -> list[Sentence]:
    """How many campaigns ended, their spend, what they brought back, and the worst of them.

    Args:
        kpis: The report's figures: ``campaigns`` (a count), ``campaign_spend``,
            ``cost_per_lead``, ``attributed_pipeline``, ``attributed_revenue`` (money), ``roas``,
            ``campaign_margin_pct``, ``romi`` (fractions), ``worst_campaign`` (a name) and
            ``worst_campaign_romi``.
        fmt: Formatter of the report.
        window: The months the campaigns ended in, formatted: ``first`` and ``last``.
        one_rated: The sentence on the one campaign with a ROMI
            (``analysis.campaigns.one_rated``), said instead of "the worst"; None when several
            (or none) have one.

    Returns:
        The sentences in order; the spend's says the cost per lead when there is one.
    """
    count = figure(kpis, "campaigns")
    pipeline, revenue = fmt.distinct_money(
        kpis.get("attributed_pipeline"),  # type: ignore[arg-type]
        kpis.get("attributed_revenue"),  # type: ignore[arg-type]
    )
    spend = fmt.rounded_money(figure(kpis, "campaign_spend"))
    cpl = figure(kpis, "cost_per_lead")
    return [
        Sentence(
            ngettext(
                "{n} campaign ended between {first} and {last}.",
                "{n} campaigns ended between {first} and {last}.",
                2 if count is None else count,
            ),
            {"n": fmt.number(count), **window},
        ),
        Sentence(
            _("The spend was {spend}.")
            if cpl is None  # one campaign or several: no "they"
            else _("The spend was {spend}, {cpl} per lead."),
            {"spend": spend, "cpl": fmt.rounded_money(cpl)},
        ),
        Sentence(
            _(
                "The pipeline attributed was {pipeline}, of which {revenue} was won: a return on "
                "ad spend (ROAS, revenue ÷ spend) of {roas}."
            ),
            {"pipeline": pipeline, "revenue": revenue, "roas": fmt.pct(figure(kpis, "roas"), 0)},
        ),
        Sentence(
            _(
                "After the cost of goods, at a gross margin of {margin}, the return on marketing "
                "investment (ROMI) is {romi}."
            ),
            {
                "margin": fmt.pct(figure(kpis, "campaign_margin_pct")),
                "romi": fmt.signed_pct(figure(kpis, "romi"), 0),
            },
        ),
        Sentence("{text}", {"text": one_rated})  # type: ignore[dict-item]
        if one_rated is not None
        else Sentence(
            _("The worst is {worst}, with a ROMI of {worst_romi}."),
            {
                "worst": kpis.get("worst_campaign"),  # type: ignore[dict-item]
                "worst_romi": fmt.signed_pct(figure(kpis, "worst_campaign_romi"), 0),
            },
        ),
    ]
