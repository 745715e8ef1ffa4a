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
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from reportlib.intake.readers import TEXT

NULL_TOKENS = frozenset({"", "n/a", "#n/a", "null", "none", "nan", "-", "—", "–"})
"""Cell texts that mean "no value" in exports (compared case-insensitively)."""

DECIMALS = (".", ",")
"""Decimal marks a source may declare."""
THOUSANDS = ("", ",", ".", " ", "'")
"""Thousands separators a source may declare ("" for none)."""

_SPACES = "\u00a0\u202f\u2009"  # no-break, narrow no-break and thin spaces
_SEPARATOR_CHARS = {",": (",",), ".": (".",), " ": (" ", *_SPACES), "'": ("'", "\u2019")}
_MINUS = "\u2212"
_SIGNS = "+-" + _MINUS
_BLANKS = " \t" + _SPACES
_NUMBER_CHARS = "0123456789.,'\u2019" + _BLANKS + _SIGNS
"""Characters of a number in any format: what is left around them is a currency mark."""

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
    """The anchored RE2 (and Python) pattern of a signed number in this format.

    Raises:
        ValueError: ``decimal`` is not ``.`` or ``,``, ``thousands`` not one of
            :data:`THOUSANDS`, or both are the same mark.
    """
    _check_format(decimal, thousands)
    mark = re.escape(decimal)
    whole = r"[0-9]+"
    if thousands:
        group = "[" + "".join(re.escape(c) for c in _SEPARATOR_CHARS[thousands]) + "]"
        whole = rf"(?:[0-9]{{1,3}}(?:{group}[0-9]{{3}})+|[0-9]+)"
    return rf"^[+-]?(?:{whole}(?:{mark}[0-9]*)?|{mark}[0-9]+)(?:[eE][+-]?[0-9]+)?$"


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
    with_values: bool = True,
) -> tuple[pd.Series, pd.Series]:
    """Read a column of text as numbers written with ``decimal`` and ``thousands``.

    Args:
        text: Strings (pandas ``string`` dtype or object), NA for an empty cell; already trimmed.
        decimal: The decimal mark, ``.`` or ``,``.
        thousands: The thousands separator: ``""`` (none), ``,``, ``.``, ``' '`` or ``"'"``.
        currency: The ISO code of each row's currency (a Series aligned with ``text``), or one
            code for every row. When given, a cell may carry a mark of its row's currency;
            when None, no cell may.
        with_values: Whether each reason names its value; without, reasons are short phrases
            that many rows share (``not a number written 1.234,56 (decimal ',', thousands
            '.')``), for quarantine files and their summaries.

    Returns:
        ``(values, reasons)``, both indexed like ``text``: ``values`` as float64 with NaN where a
        cell is empty or bad; ``reasons`` a ``string`` Series, NA where the cell is fine or empty,
        else why it does not fit, e.g. ``'2018.52' does not fit decimal ',' with thousands '.'``.

    Raises:
        ValueError: an unknown decimal mark or thousands separator, or both the same.
    """
    _check_format(decimal, thousands)
    fmt = (decimal, thousands, with_values)
    strings = arrow_text(text).combine_chunks()  # one buffer: read byte by byte below
    if decimal == "." and not thousands:  # the common case first: one cast, nothing else
        fast = _arrow_floats(strings)
        if fast is not None:
            bad = strings.is_valid().to_numpy(zero_copy_only=False) & ~np.isfinite(fast)
            return _result(text, fast, bad, fmt, currency)
    valid = strings.is_valid().to_numpy(zero_copy_only=False)
    data = _value_bytes(strings)
    ascii_only = bool((data < 0x80).all())
    separators = _SEPARATOR_CHARS.get(thousands, ())
    plain = ascii_only and not any(_has_byte(data, c) for c in separators)
    if plain and (decimal == "." or not _has_byte(data, ".")):
        # nothing to check: one decimal mark, which pyarrow's cast reads as the grammar does
        # (a mark, a second sign or mark, a space: the cast refuses the column)
        numbers = pc.replace_substring(strings, ",", ".") if decimal == "," else strings
        fast = _arrow_floats(numbers)
        if fast is not None:
            return _result(text, fast, valid & ~np.isfinite(fast), fmt, currency)
    fits = np.ones(len(strings), dtype=bool)
    body = strings
    if currency is not None:
        body, fits = _strip_marks(strings, currency)
    if not ascii_only:
        body = pc.replace_substring(body, _MINUS, "-")
    fits &= flags(pc.match_substring_regex(body, number_pattern(decimal, thousands)))
    for char in separators if ascii_only else separators[:1]:
        body = pc.replace_substring(body, char, "")
    if not ascii_only:
        for char in separators[1:]:
            body = pc.replace_substring(body, char, "")
    if decimal != ".":
        body = pc.replace_substring(body, decimal, ".")
    if not fits.all():
        body = pc.if_else(pa.array(fits), body, pa.scalar(None, body.type))
    values = _arrow_floats(body)
    if values is None:
        as_text = pd.Series(pd.arrays.ArrowStringArray(body))
        values = pd.to_numeric(as_text, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    bad = valid & ~(fits & np.isfinite(values))
    return _result(text, values, bad, fmt, currency)


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
            if _reads(text, (decimal, thousands), currency, whole):
                found.append((decimal, thousands))
    return found


def number_format_hint(
    text: pd.Series,
    bad: pd.Series,
    *,
    decimal: str,
    thousands: str,
    currency: pd.Series | str | None = None,
    whole: bool = False,
    most: bool = False,
) -> str:
    """What to do about the bad values of a number column, pointing the right way.

    The settings that would read the bad values are tried (every decimal mark and thousands
    separator); one that reads the rest of the column too is suggested (never the current
    one). When none reads the rest, the hint says the rows are written another way, unless
    ``most`` values are bad: then the file is, and the setting that reads them is suggested.
    When no setting reads them, the hint says what is wrong with the values.

    Args:
        text: The column's text (NA for empty cells).
        bad: Boolean mask of the cells that were not read, aligned with ``text``.
        decimal: The declared decimal mark.
        thousands: The declared thousands separator.
        currency: As for :func:`parse_numbers`.
        whole: Whether the column holds whole numbers.
        most: Whether most of the column's values are bad.

    Returns:
        One sentence for the ``hint`` of an error.
    """
    bad_text, bad_codes = _sample(text[bad], currency)
    good_text, good_codes = _sample(text[~bad].dropna(), currency)
    found = number_formats_reading(bad_text, currency=bad_codes, whole=whole)
    found = [f for f in found if f != (decimal, thousands)]
    fits = [f for f in found if _reads(good_text, f, good_codes, whole)]
    pick = fits or (found if most else [])
    if pick:
        new = min(pick, key=lambda f: (f[0] != decimal) + (f[1] != thousands))
        changes = [
            f"{name}: {value!r}"
            for name, value, old in (("decimal", new[0], decimal), ("thousands", new[1], thousands))
            if value != old
        ]
        value = str(bad_text.iloc[0])
        read = parse_numbers(
            bad_text.iloc[:1],
            decimal=new[0],
            thousands=new[1],
            currency=bad_codes.iloc[:1] if isinstance(bad_codes, pd.Series) else bad_codes,
        )[0]
        then = f"{value!r} then reads as {np.format_float_positional(read.iloc[0], trim='-')}"
        if not fits:
            then += "; then fix the few rows written otherwise"
        return f"use {' and '.join(changes)} for this source in params/sources.yaml ({then})"
    if found:
        return (
            f"these rows write numbers as {number_example(*found[0], whole=whole)} "
            f"({describe_format(*found[0])}), unlike the rest of the column: fix those rows"
        )
    problems = parse_numbers(
        bad_text, decimal=decimal, thousands=thousands, currency=bad_codes, with_values=False
    )[1]
    if problems.str.startswith("marked").any():
        return (
            "some amounts are marked with another currency than their row's: check those "
            "amounts and the currency column"
        )
    if problems.str.contains("minus").any() or problems.str.contains("parentheses").any():
        return "write negative numbers with a leading minus (-5.00): fix those rows or the export"
    if problems.str.contains("outside a money column").any():
        return "remove the currency marks from this column: only money columns may carry them"
    if whole:
        return "these values are not whole numbers: fix those rows"
    return "these values are not numbers in any format: fix those rows"


def _sample(
    values: pd.Series, currency: pd.Series | str | None, limit: int = 2000
) -> tuple[pd.Series, pd.Series | str | None]:
    """Up to ``limit`` distinct values spread over the column, with their rows' currencies."""
    values = values.iloc[:: max(1, len(values) // (8 * limit))]  # keeps this fast on 1M rows
    keys = values.astype("string")
    if isinstance(currency, pd.Series):
        keys = keys + "\x1f" + currency[values.index].astype("string").fillna("")
    picked = values[~keys.duplicated().to_numpy()]
    picked = picked.iloc[:: max(1, len(picked) // limit)]
    if isinstance(currency, pd.Series):
        return picked, currency[picked.index]
    return picked, currency


def _reads(
    text: pd.Series, fmt: tuple[str, str], currency: pd.Series | str | None, whole: bool
) -> bool:
    values, reasons = parse_numbers(text, decimal=fmt[0], thousands=fmt[1], currency=currency)
    return bool(reasons.isna().all()) and (not whole or bool((values.dropna() % 1 == 0).all()))


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
            marks.add(_unspaced(symbol))
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


def arrow_text(text: pd.Series) -> pa.ChunkedArray:
    """``text`` as pyarrow ``large_string`` chunks (nulls for NA), however pandas holds it.

    Arrow strings of that type are not copied. Text pandas keeps as Python objects
    (``mode.string_storage`` "python") is copied into Arrow: compared in pandas, through NumPy, a
    value ending in NUL loses it.
    """
    if not isinstance(text.array, pd.arrays.ArrowStringArray):
        text = text.astype(TEXT)
    data = pa.chunked_array(text.array.__arrow_array__())
    return data if data.type == pa.large_string() else data.cast(pa.large_string())


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


def _value_bytes(strings: pa.LargeStringArray) -> np.ndarray:
    """The UTF-8 bytes of all values of ``strings``, one after another (a view, no copy)."""
    offsets = np.frombuffer(strings.buffers()[1], dtype=np.int64)
    offsets = offsets[strings.offset : strings.offset + len(strings) + 1]
    data = strings.buffers()[2]
    if data is None or len(offsets) < 2:
        return np.zeros(0, dtype=np.uint8)
    return np.frombuffer(data, dtype=np.uint8)[offsets[0] : offsets[-1]]


def _has_byte(data: np.ndarray, char: str) -> bool:
    """Whether the ASCII ``char`` occurs in ``data``."""
    return bool((data == ord(char)).any())


def flags(mask: pa.Array) -> np.ndarray:
    """A pyarrow boolean array as numpy, null → False."""
    return pc.fill_null(mask, False).to_numpy(zero_copy_only=False)


def _unspaced(mark: str) -> str:
    return "".join(c for c in mark if c not in _BLANKS)


def _strip_marks(strings: pa.Array, currency: pd.Series | str) -> tuple[pa.Array, np.ndarray]:
    """The amounts without their currency marks, and whether each mark is one of its row's.

    A mark is what is left before or after the characters of a number (a sign may come before
    a mark: ``-$5.00``). A cell with no mark, or with text on both sides, keeps its text for the
    number check to judge; a cell without a mark is fine whatever its row's currency. Mirrors
    :func:`_split_mark`.
    """
    size = _byte_sizes(strings)
    pre = pc.utf8_rtrim(strings, characters=_NUMBER_CHARS)
    post = pc.utf8_ltrim(strings, characters=_NUMBER_CHARS)
    pre_size = _byte_sizes(pre)
    post_size = _byte_sizes(post)
    unsigned = pc.utf8_ltrim(pre, characters=_SIGNS)
    unsigned_size = _byte_sizes(unsigned)
    # a mark holds no character of a number (a sign may come before one)
    before = (pre_size > 0) & (pre_size < size) & _same_size(unsigned, pc.utf8_ltrim)
    after = (post_size > 0) & (post_size < size) & _same_size(post, pc.utf8_rtrim)
    before, after = before & ~after, after & ~before
    if not (before | after).any():
        return strings, np.ones(len(strings), dtype=bool)
    sign = pre_size - unsigned_size
    start = np.where(before, sign, np.where(after, size - post_size, 0))
    stop = np.where(before, pre_size, np.where(after, size, 0))
    body = pc.utf8_trim(_drop_bytes(strings, start, stop), characters=_BLANKS)
    mark = pc.utf8_trim(pc.if_else(pa.array(before), unsigned, post), characters=_BLANKS)
    marked = before | after
    ok = ~marked
    ok[marked] = _marks_fit(mark.filter(pa.array(marked)), _codes_of(currency, marked))
    return body, ok


def _byte_sizes(strings: pa.Array) -> np.ndarray:
    """The length in bytes of each value as int64, 0 for an empty cell (null)."""
    return pc.fill_null(pc.binary_length(strings), 0).to_numpy(zero_copy_only=False)


def _same_size(strings: pa.Array, trim: Callable[..., pa.Array]) -> np.ndarray:
    """Whether ``trim`` (utf8_ltrim or utf8_rtrim of number characters) leaves values whole."""
    trimmed = trim(strings, characters=_NUMBER_CHARS)
    return flags(pc.equal(pc.binary_length(trimmed), pc.binary_length(strings)))


def _drop_bytes(strings: pa.LargeStringArray, start: np.ndarray, stop: np.ndarray) -> pa.Array:
    """Each value without its bytes ``start:stop`` (per row), vectorised over the byte buffer."""
    offsets = np.frombuffer(strings.buffers()[1], dtype=np.int64)
    offsets = offsets[strings.offset : strings.offset + len(strings) + 1]
    data = _value_bytes(strings)
    first = offsets[:-1] - offsets[0]
    cut = stop > start
    edges = np.zeros(len(data) + 1, dtype=np.int8)  # +1 where a cut starts, -1 where it ends
    edges[first[cut] + start[cut]] += 1  # cuts do not overlap: no position repeats
    edges[first[cut] + stop[cut]] -= 1
    keep = np.cumsum(edges[:-1], dtype=np.int8) == 0
    sizes = np.diff(offsets) - np.where(cut, stop - start, 0)
    new_offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    out = pa.LargeStringArray.from_buffers(
        len(strings), pa.py_buffer(new_offsets), pa.py_buffer(data[keep].tobytes())
    )
    return pc.if_else(strings.is_valid(), out, pa.scalar(None, pa.large_string()))


def _codes_of(currency: pd.Series | str, rows: np.ndarray) -> pd.Series:
    """The currency code of each of ``rows`` (a mask), upper case; NA where missing."""
    if isinstance(currency, str):
        return pd.Series(currency.upper(), index=range(int(rows.sum())), dtype="string")
    codes = currency.astype("string")[rows].reset_index(drop=True)
    return codes.str.upper()


def _marks_fit(mark: pa.Array, codes: pd.Series) -> np.ndarray:
    """Whether each mark is one of its row's currency, checked once per (mark, currency)."""
    mark_index, marks = pd.factorize(pd.Series(pd.arrays.ArrowStringArray(mark)))
    code_index, code_values = pd.factorize(codes)  # a missing currency: -1
    width = len(code_values) + 1
    pairs, inverse = np.unique(
        mark_index.astype(np.int64) * width + code_index + 1, return_inverse=True
    )
    fits = []
    for pair in pairs.tolist():
        m, c = divmod(pair, width)
        fits.append(c > 0 and _mark_fits(marks[m], code_values[c - 1]))
    return np.array(fits, dtype=bool)[inverse]


def _mark_fits(mark: str, code: str) -> bool:
    mark = _unspaced(mark)
    return mark.upper() == code or mark in currency_marks(code)


def _split_mark(value: str) -> tuple[str, str]:
    """``value`` as (number text, currency mark); mirrors :func:`_strip_marks` for one value."""
    pre, post = value.rstrip(_NUMBER_CHARS), value.lstrip(_NUMBER_CHARS)
    unsigned = pre.lstrip(_SIGNS)
    before = 0 < len(pre) < len(value) and unsigned.lstrip(_NUMBER_CHARS) == unsigned
    after = 0 < len(post) < len(value) and post.rstrip(_NUMBER_CHARS) == post
    if before and not after:
        sign = value[: len(pre) - len(unsigned)]
        return (sign + value[len(pre) :]).strip(_BLANKS), unsigned.strip(_BLANKS)
    if after and not before:
        return value[: len(value) - len(post)].strip(_BLANKS), post.strip(_BLANKS)
    return value, ""


def _result(
    text: pd.Series,
    values: np.ndarray,
    bad: np.ndarray,
    fmt: tuple[str, str, bool],
    currency: pd.Series | str | None,
) -> tuple[pd.Series, pd.Series]:
    out = np.where(bad, np.nan, values)
    reasons = pd.Series(
        pd.arrays.ArrowStringArray(pa.nulls(len(text), pa.large_string())), index=text.index
    )
    if bad.any():
        codes = None if currency is None else _codes_of(currency, bad)
        why = _reasons(text[bad].astype("string").reset_index(drop=True), codes, *fmt)
        reasons[bad] = why.to_numpy()
    return pd.Series(out, index=text.index, dtype="float64"), reasons


def _reasons(
    values: pd.Series, codes: pd.Series | None, decimal: str, thousands: str, with_values: bool
) -> pd.Series:
    """Why each of ``values`` (bad cells) is not read; worked out once per (value, currency)."""
    keys = values if codes is None else values + "\x1f" + codes.fillna("")
    index, distinct = pd.factorize(keys)
    pattern = re.compile(number_pattern(decimal, thousands))
    why = [
        _why(key, codes is not None, pattern, decimal, thousands)[with_values] for key in distinct
    ]
    return pd.Series(np.asarray(why, dtype=object)[index], dtype="string")


def _why(
    key: str, money: bool, pattern: re.Pattern[str], decimal: str, thousands: str
) -> tuple[str, str]:
    """Why one cell is bad: (a phrase without the value, a sentence naming it).

    ``key`` is the value, then (in a money column) a unit separator and its row's currency.
    """
    value, _, code = key.partition("\x1f")
    shown = repr(value)
    body, mark = _split_mark(value)
    if mark and not (_currencies_of(_unspaced(mark)) or (code and _mark_fits(mark, code))):
        body, mark = value, ""  # letters that are no currency's mark: not an amount at all
    number = pattern.match(body.replace(_MINUS, "-")) is not None
    if re.fullmatch(r"\(.*\)", value):
        why = "negative amounts in parentheses are not read: write a leading minus (-5.00)"
        return f"a negative amount in parentheses ({why})", f"{shown}: {why}"
    if re.fullmatch(r"[^-]*[0-9.,]-", value):
        why = "a trailing minus is not read: write the minus first (-5.00)"
        return f"a trailing minus ({why})", f"{shown}: {why}"
    if mark and number and not money:
        why = f"a currency mark ({mark!r}) outside a money column"
        return why, f"{shown} carries {why}"
    if mark and number and not code:
        why = f"a currency mark ({mark!r}) on a row without currency"
        return why, f"{shown} carries {why}"
    if mark and number and not _mark_fits(mark, code):
        named = _currencies_of(_unspaced(mark))
        why = f"marked {mark!r}" + (f" ({', '.join(named)})" if named != [mark] else "")
        why += f", not in the row's currency {code}"
        return why, f"{shown} is {why}"
    if number:
        return "a number too large to hold", f"{shown} is too large a number"
    written = f"written {number_example(decimal, thousands)}"
    separator = f"thousands {thousands!r}" if thousands else "no thousands separator"
    return (
        f"not a number {written} ({describe_format(decimal, thousands)})",
        f"{shown} does not fit decimal {decimal!r} with {separator}",
    )


def _currencies_of(mark: str) -> list[str]:
    """Currencies whose ISO code or common symbol ``mark`` is; empty when it is none's."""
    from babel.numbers import list_currencies

    if mark.upper() in list_currencies():
        return [mark.upper()]
    return sorted(code for code, symbols in _common_symbols().items() if mark in symbols)


@functools.cache
def _common_symbols() -> dict[str, frozenset[str]]:
    from babel import Locale

    out: dict[str, set[str]] = {}
    for name in ("en", "en_US", "en_GB", "en_AU", "en_CA", "pt_BR", "de", "fr", "ja"):
        for code, symbol in Locale.parse(name).currency_symbols.items():
            out.setdefault(code, set()).add(_unspaced(symbol))
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
    out = out.where((out >= pd.Timestamp.min) & (out <= pd.Timestamp.max))  # 1677-2262
    out = out.astype("datetime64[ns]")
    if excel_serials:
        out = out.fillna(_excel_dates(text.where(out.isna())))
    return out, out.isna() & text.notna()


_OFFSET = r"[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$"
"""The end of an ISO 8601 timestamp that names its time zone: ``Z``, ``+02:00``, ``-0300``."""


def parse_timestamps(text: pd.Series, *, timezone: str = "UTC") -> tuple[pd.Series, pd.Series]:
    """Read a column of ISO 8601 date-times as UTC.

    ``2026-10-03T14:05:11Z``, ``2026-10-03T11:05:11-03:00``, ``2026-10-03 14:05`` and
    ``2026-10-03`` (midnight) are read; fractions of a second are kept. A value with an offset
    (or ``Z``) is converted from it, each row by its own; a value without one is a local time of
    ``timezone`` (a clock time that a daylight-saving change skips moves forward, one it repeats
    takes the earlier instant).

    Args:
        text: Strings, NA for empty cells.
        timezone: IANA name of the time zone of values written without an offset.

    Returns:
        ``(values, bad)``: naive ``datetime64[ns]`` values in UTC (NaT where empty or bad), and
        a boolean mask of cells that are not ISO 8601 date-times.

    Raises:
        ValueError: ``timezone`` is not a time zone name.
    """
    text = text.astype("string").str.strip()
    aware = text.str.contains(_OFFSET, regex=True).fillna(False).astype(bool)
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    if aware.any():
        read = pd.to_datetime(text[aware], format="ISO8601", utc=True, errors="coerce")
        out[aware] = read.dt.tz_localize(None).astype("datetime64[ns]")
    local = ~aware & text.notna()
    if local.any():
        read = pd.to_datetime(text[local], format="ISO8601", errors="coerce")
        if isinstance(read.dtype, pd.DatetimeTZDtype):  # pragma: no cover - offsets caught above
            read = read.dt.tz_convert("UTC").dt.tz_localize(None)
        else:
            read = read.dt.tz_localize(
                timezone, ambiguous=True, nonexistent="shift_forward"
            ).dt.tz_convert("UTC")
            read = read.dt.tz_localize(None)
        out[local] = read.astype("datetime64[ns]")
    return out, out.isna() & text.notna()


def excel_serials(text: pd.Series) -> pd.Series:
    """Which cells hold a plausible Excel date serial (a number within :data:`EXCEL_SERIALS`)."""
    number = text.astype("string").str.fullmatch(r"[0-9]+(?:\.[0-9]+)?").fillna(False)
    days = pd.to_numeric(text.where(number.astype(bool)), errors="coerce").astype("float64")
    return pd.Series((days >= EXCEL_SERIALS[0]) & (days <= EXCEL_SERIALS[1]), index=text.index)


def _excel_dates(text: pd.Series) -> pd.Series:
    """Dates of the Excel serials in ``text`` (NaT elsewhere and beyond 2262)."""
    serial = excel_serials(text)
    days = pd.to_numeric(text.where(serial), errors="coerce").to_numpy("float64", na_value=np.nan)
    limit = (pd.Timestamp.max.date() - EXCEL_EPOCH.date()).days  # the last day datetime64[ns] holds
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


def date_format_hint(
    text: pd.Series, bad: pd.Series, *, date_format: str, workbook: bool = False, most: bool = False
) -> str:
    """What to do about the bad values of a date column, pointing the right way.

    Common formats are tried on the bad values; one that reads the rest of the column too (or
    any, when ``most`` values are bad) is suggested, saying when the day and month order
    cannot be told. A date_format is never suggested for values no format reads.

    Args:
        text: The column's text (NA for empty cells).
        bad: Boolean mask of the cells that were not read, aligned with ``text``.
        date_format: The declared date format.
        workbook: Whether the file is an Excel workbook (whose serial numbers are read).
        most: Whether most of the column's values are bad.

    Returns:
        One sentence for the ``hint`` of an error.
    """
    bad_text = _sample(text[bad], None)[0]
    good_text = _sample(text[~bad].dropna(), None)[0]
    if not workbook and excel_serials(bad_text).all():
        return (
            "these look like Excel date serials (46296 is 2026-10-01): save the dates as "
            "dates (YYYY-MM-DD), or read the workbook itself"
        )
    found = [f for f in date_formats_reading(bad_text) if f != date_format]
    fits = [f for f in found if not parse_dates(good_text, date_format=f)[1].any()]
    pick = fits or (found if most else [])
    where = "for this source in params/sources.yaml"
    if len(pick) > 1:
        shown = " or ".join(f"{f!r} ({date_words(f)})" for f in pick)
        return (
            f"set date_format: {shown} {where}: no value tells the day from the month "
            "(none above 12), so check how the export writes dates"
        )
    if pick:
        value = str(bad_text.iloc[0])
        read = parse_dates(bad_text.iloc[:1], date_format=pick[0])[0].iloc[0]
        then = f"{value!r} then reads as {read:%Y-%m-%d}"
        if not fits:
            then += "; then fix the few rows written otherwise"
        return f"set date_format: {pick[0]!r} {where} ({then})"
    if found:
        return (
            f"these rows are written {date_words(found[0])}, unlike the rest of the column "
            f"({date_words(date_format)}): fix those rows"
        )
    return "these values are not dates in any common format: fix those rows"
