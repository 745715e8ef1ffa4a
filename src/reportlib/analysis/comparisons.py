"""Comparisons across the members of a dimension: when there are enough members to compare.

A table or chart that compares channels, categories, industries, segments, teams, reps, regions
or competitors says nothing when one member is the whole: its one row reads 100% share, it is
"the lowest of the teams", a scatter has one dot. Such a comparison is replaced by one sentence
naming the only member (:func:`too_few_members`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import pandas as pd

from reportlib.formatting import Formatter
from reportlib.i18n import N_, _, ngettext

MIN_MEMBERS = 2
"""A comparison across the members of a dimension needs at least this many with sales."""
COMPARISON_RULE = N_(
    "A comparison across the members of a dimension (channels, product categories, industries, "
    "segments, teams, sales reps, regions, competitors, campaigns, bands of months since hire) "
    "is made only when at least {members} of them had sales in the span compared; with fewer, "
    "one sentence names the only one instead of a table or chart whose one row is the whole."
)
"""Shown to readers as :func:`comparison_rule` says it (``{members}``: :data:`MIN_MEMBERS`)."""


def comparison_rule(fmt: Formatter) -> str:
    """:data:`COMPARISON_RULE` in the report's language, with :data:`MIN_MEMBERS` formatted."""
    return _(COMPARISON_RULE).format(members=fmt.number(MIN_MEMBERS))


class Span(NamedTuple):
    """The span a comparison covers, as :func:`too_few_members` names it.

    Attributes:
        month: The (last) month, formatted (``October 2026``).
        months: How many months to ``month`` are compared (1: the month alone).
        year_ago: The same month a year earlier, formatted, when the month is compared with it.
        months_text: ``months`` formatted (the report's ``Formatter``).
    """

    month: str
    months: int = 1
    year_ago: str | None = None
    months_text: str = "1"

    @property
    def kind(self) -> str:
        """``year_apart`` (two months a year apart), ``months`` (several to one) or ``month``."""
        if self.year_ago is not None:
            return "year_apart"
        return "months" if self.months > 1 else "month"


def month_span(period: pd.Period, fmt: Formatter, months: int = 1) -> Span:
    """The ``months`` months to ``period`` (the month alone by default)."""
    return Span(fmt.month(period), months, months_text=fmt.number(months))


def year_apart_span(period: pd.Period, fmt: Formatter) -> Span:
    """``period`` and the same month a year earlier."""
    return Span(fmt.month(period), year_ago=fmt.month(period - 12))


# Each sentence is written whole, for each member (as a reader calls one: ``products.MIX_MEMBERS``,
# ``profitability_statements.MARGIN_COMPARISONS``) and each kind of span, so that a translation can
# make the member's words agree and the span's preposition fit.
ONE_MEMBER = {  # (member, span) -> the sentence
    ("sales channel", "month"): N_(
        "All sales in {month} were in one sales channel, {name}: there is no other sales channel "
        "to compare it with."
    ),
    ("sales channel", "year_apart"): N_(
        "All sales in {month} and {year_ago} were in one sales channel, {name}: there is no other "
        "sales channel to compare it with."
    ),
    ("product category", "month"): N_(
        "All sales in {month} were in one product category, {name}: there is no other product "
        "category to compare it with."
    ),
    ("product category", "year_apart"): N_(
        "All sales in {month} and {year_ago} were in one product category, {name}: there is no "
        "other product category to compare it with."
    ),
    ("industry", "month"): N_(
        "All sales in {month} were in one industry, {name}: there is no other industry to compare "
        "it with."
    ),
    ("industry", "year_apart"): N_(
        "All sales in {month} and {year_ago} were in one industry, {name}: there is no other "
        "industry to compare it with."
    ),
    ("customer segment", "month"): N_(
        "All sales in {month} were in one customer segment, {name}: there is no other customer "
        "segment to compare it with."
    ),
    ("customer segment", "year_apart"): N_(
        "All sales in {month} and {year_ago} were in one customer segment, {name}: there is no "
        "other customer segment to compare it with."
    ),
    ("sales rep", "month"): N_(
        "All sales in {month} were in one sales rep, {name}: there is no other sales rep to "
        "compare it with."
    ),
    ("sales rep", "year_apart"): N_(
        "All sales in {month} and {year_ago} were in one sales rep, {name}: there is no other "
        "sales rep to compare it with."
    ),
    ("region", "month"): N_(
        "All sales in {month} were in one region, {name}: there is no other region to compare it "
        "with."
    ),
    ("region", "year_apart"): N_(
        "All sales in {month} and {year_ago} were in one region, {name}: there is no other region "
        "to compare it with."
    ),
}
ONE_MEMBER_MONTHS = {  # member -> the sentence over the months to a month
    "sales channel": lambda n: ngettext(
        "All sales in the {months} month to {month} were in one sales channel, {name}: there is "
        "no other sales channel to compare it with.",
        "All sales in the {months} months to {month} were in one sales channel, {name}: there is "
        "no other sales channel to compare it with.",
        n,
    ),
    "product category": lambda n: ngettext(
        "All sales in the {months} month to {month} were in one product category, {name}: there "
        "is no other product category to compare it with.",
        "All sales in the {months} months to {month} were in one product category, {name}: there "
        "is no other product category to compare it with.",
        n,
    ),
    "industry": lambda n: ngettext(
        "All sales in the {months} month to {month} were in one industry, {name}: there is no "
        "other industry to compare it with.",
        "All sales in the {months} months to {month} were in one industry, {name}: there is no "
        "other industry to compare it with.",
        n,
    ),
    "customer segment": lambda n: ngettext(
        "All sales in the {months} month to {month} were in one customer segment, {name}: there "
        "is no other customer segment to compare it with.",
        "All sales in the {months} months to {month} were in one customer segment, {name}: there "
        "is no other customer segment to compare it with.",
        n,
    ),
    "sales rep": lambda n: ngettext(
        "All sales in the {months} month to {month} were in one sales rep, {name}: there is no "
        "other sales rep to compare it with.",
        "All sales in the {months} months to {month} were in one sales rep, {name}: there is no "
        "other sales rep to compare it with.",
        n,
    ),
    "region": lambda n: ngettext(
        "All sales in the {months} month to {month} were in one region, {name}: there is no other "
        "region to compare it with.",
        "All sales in the {months} months to {month} were in one region, {name}: there is no "
        "other region to compare it with.",
        n,
    ),
}
NO_MEMBER = {  # (member, span) -> the sentence
    ("sales channel", "month"): N_(
        "There were no sales in {month}, so there is nothing to compare by sales channel."
    ),
    ("sales channel", "year_apart"): N_(
        "There were no sales in {month} and {year_ago}, so there is nothing to compare by sales "
        "channel."
    ),
    ("product category", "month"): N_(
        "There were no sales in {month}, so there is nothing to compare by product category."
    ),
    ("product category", "year_apart"): N_(
        "There were no sales in {month} and {year_ago}, so there is nothing to compare by product "
        "category."
    ),
    ("industry", "month"): N_(
        "There were no sales in {month}, so there is nothing to compare by industry."
    ),
    ("industry", "year_apart"): N_(
        "There were no sales in {month} and {year_ago}, so there is nothing to compare by industry."
    ),
    ("customer segment", "month"): N_(
        "There were no sales in {month}, so there is nothing to compare by customer segment."
    ),
    ("customer segment", "year_apart"): N_(
        "There were no sales in {month} and {year_ago}, so there is nothing to compare by "
        "customer segment."
    ),
    ("sales rep", "month"): N_(
        "There were no sales in {month}, so there is nothing to compare by sales rep."
    ),
    ("sales rep", "year_apart"): N_(
        "There were no sales in {month} and {year_ago}, so there is nothing to compare by sales "
        "rep."
    ),
    ("region", "month"): N_(
        "There were no sales in {month}, so there is nothing to compare by region."
    ),
    ("region", "year_apart"): N_(
        "There were no sales in {month} and {year_ago}, so there is nothing to compare by region."
    ),
}
NO_MEMBER_MONTHS = {  # member -> the sentence over the months to a month
    "sales channel": lambda n: ngettext(
        "There were no sales in the {months} month to {month}, so there is nothing to compare by "
        "sales channel.",
        "There were no sales in the {months} months to {month}, so there is nothing to compare by "
        "sales channel.",
        n,
    ),
    "product category": lambda n: ngettext(
        "There were no sales in the {months} month to {month}, so there is nothing to compare by "
        "product category.",
        "There were no sales in the {months} months to {month}, so there is nothing to compare by "
        "product category.",
        n,
    ),
    "industry": lambda n: ngettext(
        "There were no sales in the {months} month to {month}, so there is nothing to compare by "
        "industry.",
        "There were no sales in the {months} months to {month}, so there is nothing to compare by "
        "industry.",
        n,
    ),
    "customer segment": lambda n: ngettext(
        "There were no sales in the {months} month to {month}, so there is nothing to compare by "
        "customer segment.",
        "There were no sales in the {months} months to {month}, so there is nothing to compare by "
        "customer segment.",
        n,
    ),
    "sales rep": lambda n: ngettext(
        "There were no sales in the {months} month to {month}, so there is nothing to compare by "
        "sales rep.",
        "There were no sales in the {months} months to {month}, so there is nothing to compare by "
        "sales rep.",
        n,
    ),
    "region": lambda n: ngettext(
        "There were no sales in the {months} month to {month}, so there is nothing to compare by "
        "region.",
        "There were no sales in the {months} months to {month}, so there is nothing to compare by "
        "region.",
        n,
    ),
}

_GENERIC = {  # span kind -> (one member, no member) of a member not named above
    "month": (
        N_(
            "All sales in {month} were in one {member}, {name}: there is no other {member} to "
            "compare it with."
        ),
        N_("There were no sales in {month}, so there is nothing to compare by {member}."),
    ),
    "year_apart": (
        N_(
            "All sales in {month} and {year_ago} were in one {member}, {name}: there is no other "
            "{member} to compare it with."
        ),
        N_(
            "There were no sales in {month} and {year_ago}, so there is nothing to compare by "
            "{member}."
        ),
    ),
}


ONE_IN_SPAN = N_(
    "All sales in {span} were in one {member}, {name}: there is no other {member} to compare it "
    "with."
)
"""Transitional: sales in a span given as text (:func:`too_few_members`)."""
NONE_IN_SPAN = N_("There were no sales in {span}, so there is nothing to compare by {member}.")
"""Transitional: no sales in a span given as text."""


def _generic_months(months: int, *, one: bool) -> str:
    """The sentence over ``months`` months of a member :data:`ONE_MEMBER_MONTHS` does not name."""
    if one:
        return ngettext(
            "All sales in the {months} month to {month} were in one {member}, {name}: there is "
            "no other {member} to compare it with.",
            "All sales in the {months} months to {month} were in one {member}, {name}: there is "
            "no other {member} to compare it with.",
            months,
        )
    return ngettext(
        "There were no sales in the {months} month to {month}, so there is nothing to compare by "
        "{member}.",
        "There were no sales in the {months} months to {month}, so there is nothing to compare "
        "by {member}.",
        months,
    )


def comparable(names: Sequence[object]) -> bool:
    """Whether ``names`` (the members of a dimension with sales) are enough to compare.

    See :data:`COMPARISON_RULE`: at least :data:`MIN_MEMBERS`.
    """
    return len(names) >= MIN_MEMBERS


def _member_key(member: str) -> str:
    """``member`` as the sentences know it: English, also when given in the active language."""
    known = {m for m, _kind in ONE_MEMBER}
    if member in known:
        return member
    return next((m for m in sorted(known) if _(m) == member), member)


def _template(member: str, span: Span, *, one: bool) -> str:
    """The sentence for ``member`` and ``span``, in the active language."""
    if span.kind == "months":
        table: dict[str, Callable[[int], str]] = ONE_MEMBER_MONTHS if one else NO_MEMBER_MONTHS
        if member in table:
            return table[member](span.months)
        return _generic_months(span.months, one=one)
    known = (ONE_MEMBER if one else NO_MEMBER).get((member, span.kind))
    if known is not None:
        return _(known)
    return _(_GENERIC[span.kind][0 if one else 1])


def too_few_members(names: Sequence[object], member: str, span: Span | str) -> str | None:
    """The sentence that replaces a comparison across fewer than :data:`MIN_MEMBERS` members.

    Args:
        names: The members of the dimension that had sales in ``span``.
        member: What one member is, e.g. ``sales channel`` (a key of the sentences:
            :data:`ONE_MEMBER`, :data:`NO_MEMBER`, in English or in the active language; another
            member's name is put in a general sentence, translated alone).
        span: The span compared (:func:`month_span`, :func:`year_apart_span`). Transitional: a
            text such as ``the 12 months to October 2026`` is put as given in a general sentence
            (:data:`ONE_IN_SPAN`, :data:`NONE_IN_SPAN`), whose words cannot agree with it.

    Returns:
        None when ``names`` can be compared (:func:`comparable`), else one whole sentence in the
        active language.
    """
    if comparable(names):
        return None
    if isinstance(span, str):
        template = _(ONE_IN_SPAN if len(names) else NONE_IN_SPAN)
        return template.format(span=span, member=member, name=names[0] if len(names) else "")
    member = _member_key(member)
    template = _template(member, span, one=bool(len(names)))
    return template.format(
        month=span.month,
        months=span.months_text,
        year_ago=span.year_ago,
        member=_(member),
        name=names[0] if len(names) else "",
    )
