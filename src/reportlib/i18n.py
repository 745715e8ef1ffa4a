"""Words for readers that depend on a count: one whole sentence per plural form.

A sentence that holds a count is written twice, whole, as gettext's ``ngettext`` takes it: the
singular and the plural template, each with its named placeholders (``{customers}``), and the
count that chooses between them. Nothing is glued from fragments, so that a translation can
reorder the sentence and a language with other plural forms can supply them. Until the
reports are translated (gettext's catalogs), English's rule applies: one is singular, every
other count (0, 2, 1.5 …) plural.
"""

from __future__ import annotations


def ngettext(singular: str, plural: str, n: float) -> str:
    """The template for ``n`` things: ``singular`` when ``n`` is 1, else ``plural``.

    The signature of :func:`gettext.ngettext`, so that catalogs can take over unchanged.

    Args:
        singular: The whole sentence (a template with ``{placeholders}``) for one thing.
        plural: The same sentence for any other number of things.
        n: The count that decides (the unformatted number, not its text).

    Returns:
        ``singular`` or ``plural``, unformatted: the caller fills in the placeholders, with
        the count formatted by ``reportlib.formatting.Formatter``.

    Example:
        >>> ngettext("{n} customer has bought it.", "{n} customers have bought it.", 1)
        '{n} customer has bought it.'
    """
    return singular if n == 1 else plural
