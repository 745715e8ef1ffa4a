"""Numbers, money, percentages and months in a region's locale (Babel, never by hand).

Rules every output of :class:`Formatter` keeps (the report's glossary states them):

- A negative figure carries the minus sign U+2212 (``−97%``, ``−$5.00``), in every locale:
  Babel writes the hyphen-minus ``-`` for most locales and ``−`` for a few, so two reports,
  or a table and a sentence, would disagree.
- A figure that rounds to zero carries no sign (``0%``, not ``−0%``).
- Compact money always rounds: Babel's compact format leaves amounts under 1,000 unrounded
  (``$225.75107747424002``), so they are written in whole currency units (``$226``).
- After a word of direction (rose, fell, gained, lost) a change is written unsigned:
  ``points(change, signed=False)`` gives ``2.6 pp`` for "rose 2.6 pp"; the sign belongs to
  figures that stand alone (``+2.6 pp`` in a table).
- Money a person reads (sentences, tiles, highlights, recommendations) is rounded to what
  matters, :meth:`Formatter.rounded_money` (``$5.7M``, ``R$ 5,7 mi``, ``$6.6K``, ``$226``); exact
  amounts, to the cent, belong in tables (:meth:`Formatter.money`).
- Two different amounts shown together never read the same: :meth:`Formatter.distinct_money`
  gives compact money as many decimals as it takes to tell them apart.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from babel import Locale
from babel.dates import format_skeleton
from babel.numbers import format_compact_currency, format_currency, format_decimal, format_percent

from reportlib import i18n
from reportlib.i18n import _

MISSING = "n/a"
MINUS = "\u2212"
"""The one minus sign of the reports (U+2212 MINUS SIGN)."""
COMPACT_FROM = 1000
"""Compact money abbreviates from this amount up (``$1.2K``); below it, whole units."""


def _missing(value: float | None) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _is_zero(text: str) -> bool:
    """True when every digit of ``text`` is 0 (a figure that rounded to zero)."""
    return not any(ch.isdigit() and unicodedata.digit(ch, 0) != 0 for ch in text)


def _minus(text: str) -> str:
    """``text`` with U+2212 for a minus sign; no sign at all when it rounded to zero."""
    if "-" not in text and MINUS not in text:
        return text
    if _is_zero(text):
        return text.replace("-", "").replace(MINUS, "")
    return text.replace("-", MINUS)


def _fraction_pattern(pattern: str, digits: int) -> str:
    """A Babel number pattern with ``digits`` fraction digits: ``¤#,##0.00`` → ``¤#,##0``."""
    fraction = "." + "0" * digits if digits else ""
    return re.sub(r"0(?:\.[0#]+)?(?=[^0#.,]|$)", "0" + fraction, pattern)


@dataclass(frozen=True)
class Formatter:
    """Formats values for one report.

    Args:
        locale: Babel locale such as ``pt_BR``.
        currency: ISO 4217 code of the report's amounts.
    """

    locale: str
    currency: str

    def money(
        self, value: float | None, *, compact: bool = False, digits: int | None = None
    ) -> str:
        """``R$ 1.234,56`` for pt_BR/BRL; compact gives ``R$ 1,2 mi``.

        Args:
            value: The amount, in the report's currency.
            compact: Abbreviate from :data:`COMPACT_FROM` up (``$1.2K``, ``$3.4M``); smaller
                amounts in whole units (``$226``).
            digits: Fraction digits: of the abbreviated number when compact (default 1; an
                amount under :data:`COMPACT_FROM` then gets ``digits − 1``), else of the amount
                (default: the currency's own, 2 for USD).
        """
        if _missing(value):
            return MISSING
        if compact:
            places = 1 if digits is None else digits
            if abs(value) >= COMPACT_FROM - 0.5:  # 999.5 rounds to 1,000: "$1K", not "$1,000"
                text = format_compact_currency(
                    math.copysign(max(abs(value), COMPACT_FROM), value),
                    self.currency,
                    locale=self.locale,
                    fraction_digits=places,
                )
            else:
                text = self._currency(value, max(0, places - 1))
        elif digits is not None:
            text = self._currency(value, digits)
        else:
            text = format_currency(value, self.currency, locale=self.locale)
        return _minus(text)

    def rounded_money(self, value: float | None) -> str:
        """Money for a reader of prose and tiles: ``$5.7M``, ``R$ 5,7 mi``, ``$6.6K``, ``$226``.

        The one money format of sentences and tiles (tables keep :meth:`money`'s exact
        amounts): compact with one decimal from :data:`COMPACT_FROM` up, whole currency units
        below it, the minus sign U+2212. Amounts that stand side by side in one sentence take
        :meth:`distinct_money` instead, so that different ones never read alike.

        Args:
            value: The amount, in the report's currency; None or NaN reads ``n/a`` (which a
                sentence never shows: ``present.sentence`` leaves it out).
        """
        return self.money(value, compact=True)

    def distinct_money(self, *values: float, most_digits: int = 3) -> tuple[str, ...]:
        """Compact money for amounts shown together, precise enough to tell them apart.

        ``R$ 1,96 mi`` and ``R$ 2,02 mi``, not ``R$ 2 mi`` twice: each amount is written
        compact with the fewest fraction digits, from 1 to ``most_digits``, at which amounts
        that differ (in cents) read differently; if they still read alike, in full. Equal
        amounts read alike. A missing amount reads ``n/a``, as in :meth:`money`.

        Args:
            values: The amounts, in the report's currency.
            most_digits: The most fraction digits of a compact amount before writing in full.
        """
        cents = [None if _missing(v) else round(v, 2) for v in values]
        texts = _distinct(
            lambda v, digits: self.money(v, compact=True, digits=digits), values, cents, most_digits
        )
        return texts if texts is not None else tuple(self.money(v) for v in values)

    def _currency(self, value: float, digits: int) -> str:
        """The locale's currency format with exactly ``digits`` fraction digits."""
        standard = Locale.parse(self.locale).currency_formats["standard"].pattern
        return format_currency(
            value,
            self.currency,
            format=_fraction_pattern(standard, digits),
            locale=self.locale,
            currency_digits=False,
        )

    def signed_money(self, value: float | None, digits: int | None = None) -> str:
        """A change in money with its sign: ``+$5.00`` or ``−$5.00`` (none when it rounds to 0)."""
        if _missing(value):
            return MISSING
        text = self.money(abs(value), digits=digits)
        return text if _is_zero(text) else ("+" if value > 0 else MINUS) + text

    def number(self, value: float | None, digits: int = 0) -> str:
        """A grouped number, ``1.234`` in pt_BR."""
        if _missing(value):
            return MISSING
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return _minus(format_decimal(value, format=pattern, locale=self.locale))

    def pct(self, value: float | None, digits: int = 1) -> str:
        """A fraction as a percentage: 0.873 gives ``87.3%``."""
        if _missing(value):
            return MISSING
        pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
        return _minus(format_percent(value, format=pattern, locale=self.locale))

    def distinct_pct(self, *values: float | None, most_digits: int = 3) -> tuple[str, ...]:
        """Percentages shown together, precise enough to tell different ones apart.

        ``10.93%`` and ``10.87%``, not ``10.9%`` twice beside a change of ``−0.1 pp``: each
        value gets the fewest fraction digits, from 1 to ``most_digits``, at which values that
        differ read differently. Equal values read alike; a missing one reads ``n/a``.
        """
        texts = _distinct(self.pct, values, values, most_digits)
        return texts if texts is not None else tuple(self.pct(v, most_digits) for v in values)

    def signed_pct(self, value: float | None, digits: int = 1) -> str:
        """A change as a signed percentage: ``+4.2%`` or ``−3.0%``; none when it rounds to 0."""
        if _missing(value):
            return MISSING
        text = self.pct(abs(value), digits)
        return text if _is_zero(text) else ("+" if value > 0 else MINUS) + text

    def points(self, value: float | None, digits: int = 1, *, signed: bool = True) -> str:
        """A change between two percentages, in percentage points: 0.063 gives ``+6.3 pp``.

        A change that rounds to zero has no sign. ``signed=False`` gives the magnitude alone
        (``6.3 pp``), for a sentence whose verb says the direction ("rose 6.3 pp"). The unit is
        in the language being written (``6,3 p.p.`` in Portuguese).
        """
        if _missing(value):
            return MISSING
        # the unit in the active language (reportlib.i18n): "6,3 p.p." in Portuguese
        text = _("{number} pp").format(number=self.number(abs(value) * 100, digits))
        if not signed or _is_zero(text):
            return text
        return ("+" if value > 0 else MINUS) + text

    @property
    def words_locale(self) -> str:
        """The locale of the words in dates (month names): the report's language's.

        The region's locale when the report is written in its language (``pt_BR`` for a
        Portuguese report); else the language's own (``es`` for a report read in Spanish in a
        ``pt_BR`` region: "octubre de 2026", with the region's number symbols everywhere else).
        """
        return i18n.words_locale(self.locale)

    def month(self, period: pd.Period) -> str:
        """The month name and year: ``October 2026``, ``outubro de 2026``, ``octubre de 2026``.

        In :attr:`words_locale`.
        """
        return format_skeleton("yMMMM", period.start_time.to_pydatetime(), locale=self.words_locale)


def _distinct(
    text: Callable[[Any, int], str], values: Sequence[Any], keys: Sequence[Any], most_digits: int
) -> tuple[str, ...] | None:
    """Each value's ``text(value, digits)`` at the fewest digits that tell different ones apart.

    Digits run from 1 to ``most_digits``; values whose ``keys`` differ must read differently.
    None when they still read alike at ``most_digits``.
    """
    for digits in range(1, most_digits + 1):
        texts = tuple(text(v, digits) for v in values)
        if not any(
            texts[i] == texts[j] and keys[i] != keys[j]
            for i in range(len(values))
            for j in range(i + 1, len(values))
        ):
            return texts
    return None
