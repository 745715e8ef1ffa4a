"""Comparisons across the members of a dimension: when there are enough members to compare.

A table or chart that compares channels, categories, industries, segments, teams, reps, regions
or competitors says nothing when one member is the whole: its one row reads 100% share, it is
"the lowest of the teams", a scatter has one dot. Such a comparison is replaced by one sentence
naming the only member (:func:`too_few_members`).
"""

from __future__ import annotations

from collections.abc import Sequence

MIN_MEMBERS = 2
"""A comparison across the members of a dimension needs at least this many with sales."""
COMPARISON_RULE = (
    "A comparison across the members of a dimension (channels, product categories, industries, "
    "segments, teams, sales reps, regions, competitors, campaigns, bands of months since hire) "
    "is made only when at least "
    f"{MIN_MEMBERS} of them had sales in the span compared; with fewer, one sentence names the "
    "only one instead of a table or chart whose one row is the whole."
)


def comparable(names: Sequence[object]) -> bool:
    """Whether ``names`` (the members of a dimension with sales) are enough to compare.

    See :data:`COMPARISON_RULE`: at least :data:`MIN_MEMBERS`.
    """
    return len(names) >= MIN_MEMBERS


def too_few_members(names: Sequence[object], member: str, span: str) -> str | None:
    """The sentence that replaces a comparison across fewer than :data:`MIN_MEMBERS` members.

    Args:
        names: The members of the dimension that had sales in ``span``.
        member: What one member is, e.g. ``sales channel``.
        span: The span compared, e.g. ``the 12 months to October 2026``.

    Returns:
        None when ``names`` can be compared (:func:`comparable`), else one whole sentence.
    """
    if comparable(names):
        return None
    if not len(names):
        return f"There were no sales in {span}, so there is nothing to compare by {member}."
    return (
        f"All sales in {span} were in one {member}, {names[0]}: there is no other {member} to "
        "compare it with."
    )
