"""Numbers, amounts and dates read only as a source's declared format says.

A value that does not fit the declared format is never read as another number: with
``decimal: ','`` and ``thousands: '.'``, ``1.234,56`` is 1234.56 and ``2018,52`` is 2018.52, but
``2018.52`` is rejected (it is not 201852). Every function here is vectorised (pyarrow's RE2
regular expressions and casts); Python code runs per distinct bad value or per currency, never
per cell.

Grammar of a number, for decimal mark ``D`` and thousands separator ``T``::

    [+-] ( digits | 1-3 digits (T 3 digits)+ ) [D digits]  |  [+-] D digits,  then [e[+-]digits]

``T = ' '`` also accepts the no-break spaces of French and Excel exports (U+00A0, U+202F) and the
thin space (U+2009); ``T = "'"`` also accepts the typographic apostrophe (U+2019) of Swiss exports.
A leading U+2212 minus sign reads as ``-``. A trailing minus (``5.00-``) and parentheses
(``(5.00)``) are not read: the reason says so.

In money columns (``currency`` given) an amount may carry one mark of the row's currency, before
or after the number: its ISO code (``USD 46,839.50``, ``EUR 12``) or a symbol Babel knows for it in
a locale of a country using it or of a widely used language (``$``, ``US$``, ``R$``, ``€``, ``£``).
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

DECIMALS = (".", ",")
"""Decimal marks a source may declare."""
THOUSANDS = ("", ",", ".", " ", "'")
"""Thousands separators a source may declare ("" for none)."""

_SPACES = "\u00a0\u202f\u2009"  # no-break, narrow no-break and thin spaces
_THOUSANDS_CLASS = {",": ",", ".": r"\.", " ": f"[ {_SPACES}]", "'": "['\u2019]"}
_MINUS = "\u2212"
_BLANK = rf"[\s{_SPACES}]"
_MARK_CHARS = r"[^\d\s+\-.,'()\x{2019}" + _MINUS + _SPACES + "]"
_LOOSE_NUMBER = rf"[.,]?\d(?:[\d.,'\x{{2019}} {_SPACES}]*[\d.,])?(?:[eE][+-]?\d+)?"
_SPLIT = (
    rf"^(?P<s1>[+\-{_MINUS}]?)(?P<pre>{_MARK_CHARS}+)?{_BLANK}*(?P<s2>[+\-{_MINUS}]?)"
    rf"(?P<num>{_LOOSE_NUMBER})"
    rf"(?:{_BLANK}*(?P<post>[^\d\s+\-()]+(?:{_BLANK}+[^\d\s+\-()]+)*))?$"
)
"""An amount split into sign, mark before, sign, number and mark after (RE2)."""
_EMPTY = pa.scalar("", pa.large_string())
_SEPARATOR = pa.scalar("\x1f", pa.large_string())  # between a value and its row's currency

EXCEL_EPOCH = pd.Timestamp("1899-12-30")
"""Day 0 of Excel's 1900 date system: serial 1 is 1899-12-31 here, which matches Excel from
serial 61 (1900-03-01) on, Excel counting a 29 February 1900 that never was."""
EXCEL_SERIALS = (61, 2958465)
"""Serials read as dates in workbooks: 1900-03-01 to 9999-12-31 (Excel's last day)."""
COMMON_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%m-%d-%Y",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%d/%m/%y",
    "%m/%d/%y",
    "%d.%m.%y",
    "%Y%m%d",
    "%d %b %Y",
    "%d-%b-%Y",
    "%b %d, %Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %H:%M",
    "%d.%m.%Y %H:%M",
)
"""Date formats tried on values the declared one cannot read, to suggest the right one."""
_DATE_WORDS = {"%Y": "YYYY", "%m": "MM", "%d": "DD", "%y": "YY", "%H": "hh", "%M": "mm"}


# --- numbers -----------------------------------------------------------------------------------


def number_pattern(decimal: str, thousands: str) -> str:
    """The RE2 pattern (anchored) of a signed number written with ``decimal`` and ``thousands``.

    Raises:
        ValueError: ``decimal`` is not ``.`` or ``,``, ``thousands`` not one of
            :data:`THOUSANDS`, or both are the same mark.
    """
    _check_format(decimal, thousands)
    mark = re.escape(decimal)
    whole = r"\d+"
    if thousands:
        whole = rf"(?:\d{{1,3}}(?:{_THOUSANDS_CLASS[thousands]}\d{{3}})+|\d+)"
    return rf"^[+-]?(?:{whole}(?:{mark}\d*)?|{mark}\d+)(?:[eE][+-]?\d+)?$"


def number_example(decimal: str, thousands: str, *, whole: bool = False) -> str:
    """How 1234.56 (or 1234 when ``whole``) is written in this format, e.g. ``1.234,56``."""
    _check_format(decimal, thousands)
    text = f"1{thousands}234"
    return text if whole else f"{text}{decimal}56"


def describe_format(decimal: str, thousands: str) -> str:
    """The format in the words of ``params/sources.yaml``, e.g. ``decimal ',', thousands '.'``."""
    separator = f"thousands {thousands!r}" if thousands else "no thousands separator"
    return f"decimal {decimal!r}, {separator}"


def parse_numbers(
    text: pd.Series,
    *,
    decimal: str,
    thousands: str,
    currency: pd.Series | str | None = None,
) -> tuple[pd.Series, pd.Series]:
    """Read a column of text as numbers written with ``decimal`` and ``thousands``.

    Args:
        text: Strings (pandas ``string`` dtype or object), NA for an empty cell; already trimmed.
        decimal: The decimal mark, ``.`` or ``,``.
        thousands: The thousands separator: ``""`` (none), ``,``, ``.``, ``' '`` or ``"'"``.
        currency: The ISO code of each row's currency (a Series aligned with ``text``), or one
            code for every row. When given, a cell may carry a mark of its row's currency;
            when None, no cell may.

    Returns:
        ``(values, reasons)``, both indexed like ``text``: ``values`` as float64 with NaN where a
        cell is empty or bad; ``reasons`` a ``string`` Series, NA where the cell is fine or empty,
        else why it does not fit, e.g. ``'2018.52' does not fit decimal ',' with thousands '.'``.

    Raises:
        ValueError: an unknown decimal mark or thousands separator, or both the same.
    """
    _check_format(decimal, thousands)
    strings = _arrow_strings(text)
    if decimal == "." and not thousands:  # nothing to check: the cast alone decides
        fast = _arrow_floats(strings)
        if fast is not None:
            bad = strings.is_valid().to_numpy(zero_copy_only=False) & ~np.isfinite(fast)
            return _result(text, fast, bad, strings, decimal, thousands, currency)
    body, mark_ok = strings, None
    if currency is not None:
        body, mark_ok = _strip_marks(strings, _arrow_codes(currency, len(text)))
    body = pc.replace_substring(body, _MINUS, "-")
    fits = _filled(pc.match_substring_regex(body, number_pattern(decimal, thousands)))
    if mark_ok is not None:
        fits &= mark_ok
    plain = body
    if thousands:
        plain = pc.replace_substring_regex(plain, _THOUSANDS_CLASS[thousands], "")
    if decimal != ".":
        plain = pc.replace_substring(plain, decimal, ".")
    plain = pc.if_else(pa.array(fits), plain, pa.scalar(None, plain.type))
    values = _arrow_floats(plain)
    if values is None:
        as_text = pd.Series(pd.arrays.ArrowStringArray(plain))
        values = pd.to_numeric(as_text, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    bad = strings.is_valid().to_numpy(zero_copy_only=False) & ~(fits & np.isfinite(values))
    return _result(text, values, bad, strings, decimal, thousands, currency)


def number_formats_reading(
    text: pd.Series,
    *,
    currency: pd.Series | str | None = None,
    whole: bool = False,
) -> list[tuple[str, str]]:
    """Every ``(decimal, thousands)`` setting that reads all non-empty values of ``text``.

    A thousands separator that no value uses is left out (``(',', '.')`` is not listed when
    ``(',', '')`` reads the same values), so that the list holds the settings the values tell
    apart, simplest first. ``whole`` asks for whole numbers (an ``int`` column).

    Args:
        text: Strings, NA for empty cells.
        currency: As for :func:`parse_numbers`.
        whole: Whether the values must be whole numbers.

    Returns:
        ``(decimal, thousands)`` pairs in the order of :data:`DECIMALS` and :data:`THOUSANDS`.
    """
    found: list[tuple[str, str]] = []
    for decimal in DECIMALS:
        for thousands in THOUSANDS:
            if thousands == decimal or (decimal, "") in found:
                continue
            values, reasons = parse_numbers(
                text, decimal=decimal, thousands=thousands, currency=currency
            )
            read = reasons.isna().all()
            if read and whole:
                read = bool(((values.dropna() % 1) == 0).all())
            if read:
                found.append((decimal, thousands))
    return found


@functools.cache
def currency_marks(code: str) -> frozenset[str]:
    """The marks an amount in currency ``code`` may carry: the code and its Babel symbols.

    Symbols are looked up in the locales of every country where ``code`` is legal tender today
    and in those of widely used languages (``$`` and ``US$`` for USD, ``$``, ``A$`` and ``AU$``
    for AUD, ``R$`` for BRL, ``€`` for EUR, ``£`` for GBP), spaces removed (``$US``).
    """
    from babel import Locale, UnknownLocaleError

    marks = {code}
    for name in (*_locales_using(code), *_WIDE_LOCALES):
        try:
            symbol = Locale.parse(name).currency_symbols.get(code)
        except (UnknownLocaleError, ValueError):
            continue
        if symbol:
            marks.add(re.sub(rf"{_BLANK}+", "", symbol))
    return frozenset(marks)


_WIDE_LOCALES = ("en", "fr", "de", "es", "pt", "it", "nl", "ja", "zh", "ru", "sv", "pl")


@functools.cache
def _territory_locales() -> dict[str, tuple[str, ...]]:
    from babel import localedata

    out: dict[str, list[str]] = {}
    for name in localedata.locale_identifiers():
        territory = name.rsplit("_", 1)[-1] if "_" in name else ""
        if territory.isupper() or territory.isdigit():
            out.setdefault(territory, []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def _locales_using(code: str) -> list[str]:
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    names: list[str] = []
    for territory in get_global("territory_currencies"):
        if code in get_territory_currencies(territory):
            names.extend(_territory_locales().get(territory, ()))
    return names


def _check_format(decimal: str, thousands: str) -> None:
    if decimal not in DECIMALS:
        raise ValueError(f"decimal mark {decimal!r} is not one of {DECIMALS}")
    if thousands not in THOUSANDS:
        raise ValueError(f"thousands separator {thousands!r} is not one of {THOUSANDS}")
    if thousands == decimal:
        raise ValueError(f"thousands and decimal are both {decimal!r}")


def _arrow_strings(text: pd.Series) -> pa.Array:
    """``text`` as one pyarrow string array (nulls for NA), without copying pyarrow strings."""
    if not isinstance(text.array, pd.arrays.ArrowStringArray):
        text = text.astype(pd.StringDtype("pyarrow"))
    data = text.array.__arrow_array__()
    if isinstance(data, pa.ChunkedArray):
        data = data.combine_chunks()
    return data.cast(pa.large_string())


def _arrow_codes(currency: pd.Series | str, size: int) -> pa.Array:
    if isinstance(currency, str):
        return pa.array([currency.upper()] * size, type=pa.large_string())
    return pc.utf8_upper(_arrow_strings(currency))


def _arrow_floats(strings: pa.Array) -> np.ndarray | None:
    """``strings`` as float64 when pyarrow parses every value (null → NaN); else None.

    pyarrow's parser rounds exactly as pandas does and is many times faster, but refuses a
    whole column for one value it cannot read (pandas then reads it value by value), and reads
    ``-0`` as −0.0 where pandas reads 0.0 (pandas then reads the column too).
    """
    try:
        values = pc.cast(strings, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, TypeError):
        return None
    out = values.to_numpy(zero_copy_only=False)  # nulls become NaN
    if np.signbit(out[out == 0]).any():
        return None
    return out


def _filled(mask: pa.Array) -> np.ndarray:
    """A pyarrow boolean array as numpy, null → False."""
    return pc.fill_null(mask, False).to_numpy(zero_copy_only=False)


def _strip_marks(strings: pa.Array, codes: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """The amounts without their currency marks, and whether each mark is one of its row's.

    Cells that cannot be split keep their text (the number check rejects them); a cell without
    a mark is fine whatever its row's currency.
    """
    parts = pc.extract_regex(strings, _SPLIT)
    split = parts.is_valid()
    field = {name: pc.struct_field(parts, name) for name in ("s1", "pre", "s2", "num", "post")}
    body = pc.binary_join_element_wise(field["s1"], field["s2"], field["num"], _EMPTY)
    body = pc.if_else(split, body, strings.cast(body.type))
    pre, post = field["pre"], field["post"]
    one = pc.or_(pc.equal(pc.utf8_length(pre), 0), pc.equal(pc.utf8_length(post), 0))
    mark = pc.replace_substring_regex(pc.binary_join_element_wise(pre, post, _EMPTY), _BLANK, "")
    marked = _filled(pc.greater(pc.utf8_length(mark), 0))
    ok = ~marked | ~_filled(split)
    if marked.any():
        ok |= _filled(one) & _marks_fit(mark, codes, marked)
    return body, ok


def _marks_fit(mark: pa.Array, codes: pa.Array, marked: np.ndarray) -> np.ndarray:
    """Whether each mark is one of its row's currency, checked once per (mark, currency)."""
    pairs = pc.binary_join_element_wise(mark, codes, _SEPARATOR)
    pairs = pc.if_else(pa.array(marked), pairs, pa.scalar(None, pairs.type))
    encoded = pc.dictionary_encode(pairs)
    fits = [_mark_fits(*pair.split("\x1f")) for pair in encoded.dictionary.to_pylist()]
    taken = pc.take(pa.array(fits, type=pa.bool_()), encoded.indices)
    return _filled(taken)


def _mark_fits(mark: str, code: str) -> bool:
    return mark.upper() == code or mark in currency_marks(code)


def _result(
    text: pd.Series,
    values: np.ndarray,
    bad: np.ndarray,
    strings: pa.Array,
    decimal: str,
    thousands: str,
    currency: pd.Series | str | None,
) -> tuple[pd.Series, pd.Series]:
    out = np.where(bad, np.nan, values)
    reasons = pd.Series(pd.NA, index=text.index, dtype="string")
    if bad.any():
        where = np.flatnonzero(bad)
        codes = None if currency is None else _arrow_codes(currency, len(text)).take(where)
        why = _reasons(strings.take(where), codes, decimal, thousands)
        reasons.iloc[where] = why
    return pd.Series(out, index=text.index, dtype="float64"), reasons


def _reasons(
    values: pa.Array, codes: pa.Array | None, decimal: str, thousands: str
) -> pd.arrays.ArrowStringArray:
    """Why each of ``values`` (bad cells) is not read; checked once per distinct (value, code)."""
    if codes is not None:
        values = pc.binary_join_element_wise(values, pc.fill_null(codes, ""), _SEPARATOR)
    encoded = pc.dictionary_encode(values)
    distinct = encoded.dictionary.to_pylist()
    pattern = re.compile(_python_pattern(number_pattern(decimal, thousands)), re.ASCII)
    why = [_why(key, codes is not None, pattern, decimal, thousands) for key in distinct]
    taken = pc.take(pa.array(why, type=pa.large_string()), encoded.indices)
    return pd.array(taken, dtype=pd.StringDtype("pyarrow"))


def _python_pattern(pattern: str) -> str:
    return re.sub(r"\\x\{([0-9a-fA-F]{4})\}", lambda m: chr(int(m.group(1), 16)), pattern)


_SPLIT_PY = re.compile(_python_pattern(_SPLIT), re.ASCII)


def _why(key: str, money: bool, pattern: re.Pattern[str], decimal: str, thousands: str) -> str:
    """The reason for one bad cell (``key`` is the value, then its row's currency if money)."""
    value, _, code = key.partition("\x1f")
    shown = repr(value)
    fmt = f"decimal {decimal!r} with " + (
        f"thousands {thousands!r}" if thousands else "no thousands separator"
    )
    split = _SPLIT_PY.match(value)
    body = value.replace(_MINUS, "-")
    mark = ""
    if split:
        body = (split["s1"] + split["s2"] + split["num"]).replace(_MINUS, "-")
        mark = re.sub(rf"{_BLANK}+", "", (split["pre"] or "") + (split["post"] or ""))
    number = pattern.match(body) is not None
    if mark and split and split["pre"] and split["post"]:
        return f"{shown} carries two currency marks"
    if mark and number and not money:
        return f"{shown} carries a currency mark {mark!r}: only amounts in money columns may"
    if mark and number and not code:
        return f"{shown} carries a currency mark {mark!r} but its row has no currency"
    if mark and number and not _mark_fits(mark, code):
        named = _currencies_of(mark)
        other = f" ({', '.join(named)})" if named else ""
        return f"{shown} is marked {mark!r}{other}, not the row's currency {code}"
    if number:
        return f"{shown} is too large a number"
    if re.fullmatch(r"\(.*\)", value):
        return f"{shown}: negative amounts in parentheses are not read; write a leading minus"
    if re.fullmatch(r"[^-]*[0-9.,]-", value):
        return f"{shown}: a trailing minus is not read; write the minus first"
    return f"{shown} does not fit {fmt}"


def _currencies_of(mark: str) -> list[str]:
    """Currencies whose code or common symbol ``mark`` is (from Babel's English names)."""
    if re.fullmatch("[A-Za-z]{3}", mark):
        return [mark.upper()]
    return sorted(code for code, symbols in _common_symbols().items() if mark in symbols)


@functools.cache
def _common_symbols() -> dict[str, frozenset[str]]:
    from babel import Locale

    out: dict[str, set[str]] = {}
    for name in ("en", "en_US", "en_GB", "en_AU", "en_CA", "pt_BR", "de", "fr", "ja"):
        for code, symbol in Locale.parse(name).currency_symbols.items():
            out.setdefault(code, set()).add(re.sub(rf"{_BLANK}+", "", symbol))
    return {code: frozenset(symbols) for code, symbols in out.items() if symbols != {code}}


# --- dates ---------------------------------------------------------------------------------


def date_words(date_format: str) -> str:
    """A strftime pattern in words: ``%d/%m/%Y`` → ``DD/MM/YYYY``."""
    shown = date_format
    for code, word in _DATE_WORDS.items():
        shown = shown.replace(code, word)
    return shown


def parse_dates(
    text: pd.Series, *, date_format: str, excel_serials: bool = False
) -> tuple[pd.Series, pd.Series]:
    """Read a column of text as dates written ``date_format``.

    Args:
        text: Strings, NA for empty cells.
        date_format: A strftime pattern, e.g. ``%d/%m/%Y``.
        excel_serials: Also read Excel serial day numbers (``46296`` → 2026-10-01, a fraction of
            a day dropped, as the workbook reader drops times) between :data:`EXCEL_SERIALS`;
            only for workbooks, where a date cell formatted as a number comes out this way.

    Returns:
        ``(values, bad)``: ``datetime64[ns]`` values (NaT where empty or bad; dates with a time
        zone keep their local date and time) and a boolean mask of cells that are not dates.

    Raises:
        ValueError: ``date_format`` is not a pattern pandas can use on these values (a bad
            directive, or time-zone offsets that differ by row).
    """
    out = pd.to_datetime(text, format=date_format, errors="coerce")
    if isinstance(out.dtype, pd.DatetimeTZDtype):
        out = out.dt.tz_localize(None)  # the local date as written
    out = out.astype("datetime64[ns]")
    if excel_serials:
        out = out.fillna(_excel_dates(text.where(out.isna())))
    out = out.where((out >= pd.Timestamp.min) & (out <= pd.Timestamp.max))  # 1677-2262
    return out.astype("datetime64[ns]"), out.isna() & text.notna()


def excel_serials(text: pd.Series) -> pd.Series:
    """Which cells hold a plausible Excel date serial (a number within :data:`EXCEL_SERIALS`)."""
    days = pd.to_numeric(
        text.where(text.str.fullmatch(r"\d+(?:\.\d+)?").fillna(False).astype(bool)),
        errors="coerce",
    )
    return (days >= EXCEL_SERIALS[0]) & (days <= EXCEL_SERIALS[1])


def _excel_dates(text: pd.Series) -> pd.Series:
    """Dates of the Excel serials in ``text`` (NaT elsewhere and beyond 2262)."""
    days = pd.to_numeric(text.where(excel_serials(text)), errors="coerce").to_numpy("float64")
    limit = (pd.Timestamp.max - EXCEL_EPOCH).days
    days = np.where(days <= limit, np.floor(days), np.nan)
    return pd.Series(EXCEL_EPOCH + pd.to_timedelta(days, unit="D"), index=text.index)


def date_formats_reading(text: pd.Series) -> list[str]:
    """The formats of :data:`COMMON_DATE_FORMATS` that read every non-empty value of ``text``.

    Several formats are listed when the values cannot tell them apart (``03/04/2026`` reads
    with ``%d/%m/%Y`` and ``%m/%d/%Y``).
    """
    values = text.dropna().drop_duplicates()
    if values.empty:
        return []
    found = []
    for date_format in COMMON_DATE_FORMATS:
        try:
            _, bad = parse_dates(values, date_format=date_format)
        except ValueError:
            continue
        if not bad.any():
            found.append(date_format)
    return found
