"""A sentence of a report, written whole: one template with named placeholders and its values.

The analyses decide which sentence applies and format its figures with the report's
:class:`~reportlib.formatting.Formatter`; the report shows a paragraph of them with
``present.say(*sentences)``, which escapes the values and leaves out a sentence holding a missing
figure. Templates stay whole, so that a translation can reorder a sentence's placeholders.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import NamedTuple

import pandas as pd

from reportlib.i18n import ngettext


class Sentence(NamedTuple):
    """A template with named placeholders and its formatted values."""

    template: str
    values: dict[str, str]

    def text(self) -> str:
        """The sentence as plain text (for tests and alt texts; pages escape the values)."""
        return self.template.format(**self.values)


def number(value: object) -> float | None:
    """``value`` as a float, or None when it is not a number or is missing (None, NA, NaN)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or pd.isna(value):
        return None
    return float(value)


def figure(kpis: Mapping[str, object], key: str) -> float | None:
    """The figure ``key`` of ``kpis`` (:func:`number`), None when it is absent or missing."""
    return number(kpis.get(key))


def plural(forms: tuple[str, str], n: float) -> str:
    """The template of ``forms`` (singular, plural) that fits the count ``n`` (``ngettext``).

    ``pybabel extract`` finds only a literal ``ngettext(singular, plural, n)`` call: a pair of
    forms kept in a constant is looked up here but never reaches the catalogs, and is shown in
    English. Write the call where the count is known (``takeaways.teams_at_target``).
    """
    return ngettext(forms[0], forms[1], n)
