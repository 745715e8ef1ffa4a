"""Numbers, money, percentages and months in a region's locale (Babel, never by hand)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
from babel.dates import format_skeleton
from babel.numbers import format_compact_currency, format_currency, format_decimal, format_percent

MISSING = "n/a"


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


@dataclass(frozen=True)
class Formatter:
    """Formats values for one report.

    Args:
        locale: Babel locale such as ``pt_BR``.
        currency: ISO 4217 code of the report's amounts.
    """

    locale: str
    currency: str

    def money(self, value: float | None, *, compact: bool = False) -> str:
        """``R$ 1.234,56`` for pt_BR/BRL; compact gives ``R$ 1,2 mi``."""
        if _missing(value):
            return MISSING
        if compact:
            return format_compact_currency(
                value, self.currency, locale=self.locale, fraction_digits=1
            )
        return format_currency(value, self.currency, locale=self.locale)

    def number(self, value: float | None, digits: int = 0) -> str:
        """A grouped number, ``1.234`` in pt_BR."""
        if _missing(value):
            return MISSING
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def pct(self, value: float | None, digits: int = 1) -> str:
        """A fraction as a percentage: 0.873 gives ``87.3%``."""
        if _missing(value):
            return MISSING
        pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
        return format_percent(value, format=pattern, locale=self.locale)

    def signed_pct(self, value: float | None, digits: int = 1) -> str:
        """A change as a signed percentage: ``+4.2%`` or ``−3.0%``."""
        if _missing(value):
            return MISSING
        text = self.pct(abs(value), digits)
        return ("+" if value >= 0 else "−") + text

    def points(self, value: float | None, digits: int = 1) -> str:
        """A change between two percentages, in percentage points: 0.063 gives ``+6.3 pp``.

        A change that rounds to zero has no sign.
        """
        if _missing(value):
            return MISSING
        text = self.number(abs(value) * 100, digits) + " pp"
        if round(abs(value) * 100, digits) == 0:
            return text
        return ("+" if value > 0 else "−") + text

    def month(self, period: pd.Period) -> str:
        """The month name and year: ``October 2026``, ``outubro de 2026``."""
        return format_skeleton("yMMMM", period.start_time.to_pydatetime(), locale=self.locale)
