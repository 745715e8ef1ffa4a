"""The front page of the static report site: this month's reports as cards, earlier months below.

Layout of a site folder::

    <site_dir>/index.html                       written by :func:`build_index`
    <site_dir>/<YYYY-MM>/<region_id>.html       one report per region, ``all`` for the company
    <site_dir>/<YYYY-MM>/<region_id>.kpis.json  its headline figures (see :func:`load_kpis`)
    <site_dir>/<YYYY-MM>/<region_id>.failed.json  written when this month's report failed
    <site_dir>/<YYYY-MM>/<region_id>.xlsx       its tables as one workbook (site.downloads)
    <site_dir>/<YYYY-MM>/<region_id>.pdf        its print layout, from ``reportlib run --pdf``
    <site_dir>/<YYYY-MM>/validation/index.html  the data validation page, when there is one

Every link is relative, so the site works from ``file://`` as well as from any static server.
Folders not named ``YYYY-MM`` are ignored. A report whose ``kpis.json`` is missing or malformed
still gets its card, reading "Figures unavailable".

A card shows the report's revenue in its own currency and, for a region reporting in another
currency, in the company currency at the budget rates of ``params`` (``fx_rates``); attainment
for the month and the fiscal year to date; a sparkline of the last 12 months' revenue (inline
SVG drawn here from ``revenue_last_12_months``, with a label saying what it shows); and links to
the page, its PDF and its workbook when they are there.
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pandas as pd
from babel import Locale, UnknownLocaleError
from markupsafe import Markup

from reportlib import i18n
from reportlib.config import COMPANY_ID, Params, Region
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _, pgettext
from reportlib.site.pages import STYLESHEET, render, write_page

log = logging.getLogger(__name__)

INDEX_TEMPLATE = "index.html.j2"
"""The one stylesheet of the site, shared with the report pages and inlined in each."""

ON_TARGET_MIN = 1.0
"""Attainment (revenue / target) from which a region is "On target"."""
BELOW_TARGET_MIN = 0.9
"""Attainment from which a region is "Below target"; under it, "Well below target"."""

STATUS_LABELS = {"fresh": "Fresh", "provisional": "Provisional", "failed": "Failed"}
"""How the ``status`` of a kpis.json reads on the site, in English (:func:`status_label` gives
it in the index's language)."""
STATUS_MEANINGS = {
    "fresh": N_("Rendered from data that passed validation."),
    "provisional": N_("Data validation raised warnings, so the figures may still change."),
    "failed": N_("This month’s report could not be produced; the card links the last good one."),
}
"""What each badge means: the index's legend (one whole sentence each, after the label);
translated where shown."""
SPARKLINE_LABEL = N_(
    "Revenue by month, {start} to {end}: lowest {low} in {low_month}, highest {high} in "
    "{high_month}, {last} in {end}."
)
"""The accessible name of a card's sparkline (a whole sentence, translated where shown)."""
SPARKLINE_LABEL_LAST_HIGH = N_(
    "Revenue by month, {start} to {end}: lowest {low} in {low_month}, highest {high} in "
    "{end}, the last month."
)
SPARKLINE_LABEL_LAST_LOW = N_(
    "Revenue by month, {start} to {end}: highest {high} in {high_month}, lowest {low} in "
    "{end}, the last month."
)
""":data:`SPARKLINE_LABEL` when the last month is the highest or the lowest (said once)."""
SPARKLINE_WIDTH, SPARKLINE_HEIGHT, SPARKLINE_PAD = 120, 32, 3
"""Size of the sparkline in CSS pixels, and its inner margin (the line's width and end dot)."""
UNAVAILABLE = "Figures unavailable"
"""What the log says a card of a missing or malformed kpis.json reads (the page says it in the
index's language)."""
UNKNOWN_STATUS = N_("Status unknown")
"""Badge of a report whose kpis.json is missing or malformed (translated where shown)."""

_PERIOD_DIR_RE = re.compile(r"^\d{4}-(?:0[1-9]|1[0-2])$")
_PLAN_YEAR_RE = re.compile(r"^\d{4}$")
PLAN_FOLDER = "plan"
"""The site's folder of plan reports, ``<site_dir>/plan/<YYYY>/<id>.html``, and the output
folder's of the targets files, ``<out>/plan/<YYYY>/targets-YYYY.csv`` (``reportlib plan``)."""
_REPORT_ID_RE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
_KPIS_SUFFIX = ".kpis.json"
FAILED_SUFFIX = ".failed.json"
"""Marks a report whose last run failed; the card then links the last good report."""


class MalformedKpis(ValueError):
    """A kpis.json that cannot be trusted; the site shows "Figures unavailable" instead."""


@dataclass(frozen=True)
class Kpis:
    """The headline figures of one report, read from ``<region_id>.kpis.json``.

    Amounts are in ``currency``; attainment, margin and growth are fractions (0.95 is 95%).
    """

    region: str
    period: str
    status: str
    currency: str
    revenue: float
    orders: int
    customers: int
    region_name: str | None = None
    locale: str | None = None
    target: float | None = None
    attainment: float | None = None
    gross_margin_pct: float | None = None
    mom_growth: float | None = None
    yoy_growth: float | None = None
    attainment_ytd: float | None = None
    revenue_last_12_months: tuple[float | None, ...] = ()


@dataclass(frozen=True)
class Figures:
    """A card's figures, formatted for the region's locale and currency."""

    currency: str
    revenue: str
    revenue_full: str
    target: str
    attainment: str
    attainment_label: str
    attainment_class: str
    attainment_ytd: str
    attainment_ytd_label: str
    attainment_ytd_class: str
    gross_margin: str
    yoy_growth: str
    yoy_class: str
    orders: str
    customers: str
    company_currency: str | None = None
    revenue_company: str | None = None
    """Revenue in the company currency at budget rates; None when the report is in it."""
    sparkline: Markup | None = None


@dataclass(frozen=True)
class Card:
    """One report of one month on the front page."""

    region_id: str
    name: str
    href: str | None
    status: str
    status_label: str
    figures: Figures | None
    last_good_href: str | None = None
    last_good_label: str | None = None
    pdf_href: str | None = None
    workbook_href: str | None = None

    @property
    def is_company(self) -> bool:
        """True for the company-wide report."""
        return self.region_id == COMPANY_ID


@dataclass(frozen=True)
class PeriodEntry:
    """The reports of one month."""

    key: str
    label: str
    cards: tuple[Card, ...]
    validation_href: str | None


@dataclass(frozen=True)
class PlanEntry:
    """The plan reports of one plan year (``reportlib plan``).

    ``links``: (name, href of the page, href of its PDF or None), in report order.
    """

    year: str
    links: tuple[tuple[str, str, str | None], ...]


def status_label(status: str) -> str:
    """A report's badge (``fresh``, ``provisional``, ``failed``) in the active language."""
    labels = {
        "fresh": pgettext("status", "Fresh"),
        "provisional": pgettext("status", "Provisional"),
        "failed": pgettext("status", "Failed"),
    }
    return labels[status]


def attainment_status(attainment: float | None) -> tuple[str, str]:
    """The label (in the active language) and CSS class of an attainment (revenue / target).

    Args:
        attainment: A fraction, 1.0 being exactly on target; None when there is no target.

    Returns:
        ``("On target", "status-ok")`` from :data:`ON_TARGET_MIN`, ``("Below target",
        "status-warn")`` from :data:`BELOW_TARGET_MIN`, ``("Well below target", "status-bad")``
        under it, and ``("No target", "status-neutral")`` without a value (labels in English;
        in the language ``reportlib.i18n`` has active).
    """
    if attainment is None or math.isnan(attainment):
        return pgettext("status", "No target"), "status-neutral"
    if attainment >= ON_TARGET_MIN:
        return pgettext("status", "On target"), "status-ok"
    if attainment >= BELOW_TARGET_MIN:
        return pgettext("status", "Below target"), "status-warn"
    return pgettext("status", "Well below target"), "status-bad"


def load_kpis(path: Path, *, region_id: str, period: str) -> Kpis:
    """Read and check one ``<region_id>.kpis.json``.

    Args:
        path: The file.
        region_id: The report it must describe (its file name).
        period: The month it must describe (its folder), ``YYYY-MM``.

    Returns:
        The figures.

    Raises:
        MalformedKpis: if the file is missing, is not a JSON object, describes another region
            or month, or a value has the wrong type.
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MalformedKpis(f"{path}: not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedKpis(f"{path}: not readable as JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise MalformedKpis(f"{path}: expected a JSON object, got {type(raw).__name__}")

    def problem(message: str) -> MalformedKpis:
        return MalformedKpis(f"{path}: {message}")

    if raw.get("region") != region_id:
        raise problem(f"'region' is {raw.get('region')!r}, expected {region_id!r}")
    if raw.get("period") != period:
        raise problem(f"'period' is {raw.get('period')!r}, expected {period!r}")
    status = raw.get("status")
    if status not in STATUS_LABELS:
        raise problem(f"'status' is {status!r}, expected one of {', '.join(STATUS_LABELS)}")
    currency = raw.get("currency")
    if not isinstance(currency, str) or not _CURRENCY_RE.match(currency):
        raise problem(f"'currency' is {currency!r}, expected an ISO 4217 code such as USD")

    def number(key: str, *, required: bool = False) -> float | None:
        value = raw.get(key)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise problem(f"{key!r} is {value!r}, expected a number")
        if math.isnan(value) and not required:
            return None
        if not math.isfinite(value):
            raise problem(f"{key!r} is {value!r}, expected a finite number")
        return float(value)

    def count(key: str) -> int:
        value = raw.get(key)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise problem(f"{key!r} is {value!r}, expected a whole number ≥ 0")
        return value

    def series(key: str) -> tuple[float | None, ...]:
        value = raw.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise problem(f"{key!r} is {value!r}, expected a list of numbers")
        out: list[float | None] = []
        for item in value:
            if item is not None and (
                isinstance(item, bool)
                or not isinstance(item, int | float)
                or not math.isfinite(item)
            ):
                raise problem(f"{key!r} holds {item!r}, expected numbers or null")
            out.append(None if item is None else float(item))
        return tuple(out)

    def text(key: str) -> str | None:
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise problem(f"{key!r} is {value!r}, expected text")
        return value

    revenue = number("revenue", required=True)
    assert revenue is not None  # required=True never gives None
    return Kpis(
        region=region_id,
        period=period,
        status=status,
        currency=currency,
        revenue=revenue,
        orders=count("orders"),
        customers=count("customers"),
        region_name=text("region_name"),
        locale=text("locale"),
        target=number("target"),
        attainment=number("attainment"),
        gross_margin_pct=number("gross_margin_pct"),
        mom_growth=number("mom_growth"),
        yoy_growth=number("yoy_growth"),
        attainment_ytd=number("attainment_ytd"),
        revenue_last_12_months=series("revenue_last_12_months"),
    )


def build_index(site_dir: Path, params: Params) -> Path:
    """Write ``<site_dir>/index.html`` from the month folders found in ``site_dir``.

    The newest month comes first, as cards: the company report, then the regions in the order
    of ``params``, then any other report found in the folder. Earlier months are listed in an
    archive with links to their reports.

    The page is written in the language ``reportlib.i18n`` has active: the run writes it in the
    company's reading language (``reportlib.run.publish``); months and the legend's
    percentages in the company's locale.

    Args:
        site_dir: The site folder; created when missing.
        params: The run's parameters (company name, regions, locales and currencies).

    Returns:
        The path of the index page written.

    Raises:
        RenderError: if the page cannot be rendered or written.
    """
    site_dir = Path(site_dir)
    site_dir.mkdir(parents=True, exist_ok=True)
    periods = [
        _period_entry(site_dir, folder.name, params)
        for folder in sorted(site_dir.iterdir(), key=lambda p: p.name, reverse=True)
        if folder.is_dir() and _PERIOD_DIR_RE.match(folder.name)
    ]
    company = Formatter(params.company.locale, params.company.currency)
    context = {
        "lang": i18n.language(),
        "company_name": params.company.name,
        "latest": periods[0] if periods else None,
        "archive": periods[1:],
        "plans": plan_entries(site_dir, params),
        "stylesheet": Markup(STYLESHEET.read_text(encoding="utf-8")),  # our own file
        "legend": {
            "on": company.pct(ON_TARGET_MIN, 0),
            "below": company.pct(BELOW_TARGET_MIN, 0),
        },
        "company_currency": params.company.currency,
        "badges": [
            (status, status_label(status), _(STATUS_MEANINGS[status])) for status in STATUS_LABELS
        ],
    }
    target = write_page(site_dir / "index.html", render(INDEX_TEMPLATE, **context))
    log.debug("wrote %s (%d months)", target, len(periods))
    return target


def plan_entries(site_dir: Path, params: Params) -> list[PlanEntry]:
    """The plan reports in ``<site_dir>/plan/<YYYY>/``, newest year first.

    Each year lists its pages ``<id>.html``: the company's, then the regions in the order of
    ``params``, then any other, named in the active language.
    """
    folder = site_dir / PLAN_FOLDER
    if not folder.is_dir():
        return []
    entries = []
    for year_dir in sorted(folder.iterdir(), key=lambda p: p.name, reverse=True):
        if not (year_dir.is_dir() and _PLAN_YEAR_RE.match(year_dir.name)):
            continue
        found = {p.stem for p in year_dir.glob("*.html") if _REPORT_ID_RE.match(p.stem)}
        known = [rid for rid in [COMPANY_ID, *params.regions] if rid in found]
        links = []
        for rid in [*known, *sorted(found - set(known))]:
            region = _named_region(params, rid)
            name = region.name if region else rid
            href = f"{PLAN_FOLDER}/{quote(year_dir.name)}/{quote(rid)}"
            pdf = f"{href}.pdf" if (year_dir / f"{rid}.pdf").is_file() else None
            links.append((name, f"{href}.html", pdf))
        if links:
            entries.append(PlanEntry(year_dir.name, tuple(links)))
    return entries


def month_formatter(params: Params) -> Formatter:
    """The formatter of the month names of the index and the validation page: the company's.

    Its months are words of the language being written (``Formatter.words_locale``): a
    Portuguese page reads "outubro de 2026" even for a company whose numbers are American.
    """
    return Formatter(params.company.locale, params.company.currency)


def _period_entry(site_dir: Path, key: str, params: Params) -> PeriodEntry:
    folder = site_dir / key
    found = _report_ids(folder)
    known = [rid for rid in [COMPANY_ID, *params.regions] if rid in found]
    others = sorted(found - set(known))
    cards = tuple(_card(folder, key, rid, params) for rid in [*known, *others])
    validation = folder / "validation" / "index.html"
    return PeriodEntry(
        key=key,
        label=month_formatter(params).month(pd.Period(key, freq="M")),
        cards=cards,
        validation_href=f"{quote(key)}/validation/index.html" if validation.is_file() else None,
    )


def _report_ids(folder: Path) -> set[str]:
    """Ids of the reports in a month folder: files ``<id>.html`` or ``<id>.kpis.json``."""
    ids = set()
    for path in folder.iterdir():
        if not path.is_file():
            continue
        if path.name.endswith(_KPIS_SUFFIX):
            rid = path.name[: -len(_KPIS_SUFFIX)]
        elif path.name.endswith(FAILED_SUFFIX):
            rid = path.name[: -len(FAILED_SUFFIX)]
        elif path.suffix == ".html":
            rid = path.stem
        else:
            continue
        if rid == COMPANY_ID or _REPORT_ID_RE.match(rid):
            ids.add(rid)
    return ids


def _named_region(params: Params, report_id: str) -> Region | None:
    """The report's region (or the company), named in the active language; None if unknown."""
    known = report_id == COMPANY_ID or report_id in params.regions
    return params.region(report_id).in_language(i18n.language()) if known else None


def _card(folder: Path, key: str, region_id: str, params: Params) -> Card:
    region = _named_region(params, region_id)
    html = folder / f"{region_id}.html"
    href = f"{quote(key)}/{quote(region_id)}.html" if html.is_file() else None
    try:
        kpis: Kpis | None = load_kpis(
            folder / f"{region_id}{_KPIS_SUFFIX}", region_id=region_id, period=key
        )
    except MalformedKpis as exc:
        log.warning("%s; its card reads %r", exc, UNAVAILABLE)
        kpis = None

    name = region.name if region else (kpis.region_name if kpis and kpis.region_name else region_id)
    if (folder / f"{region_id}{FAILED_SUFFIX}").exists():
        return _failed_card(folder, region_id, name, params)
    if kpis is None:
        return Card(region_id, name, href, "unknown", _(UNKNOWN_STATUS), None)
    if kpis.status == "failed":
        return Card(region_id, name, href, "failed", status_label("failed"), None)
    if region and region.currency != kpis.currency:
        log.warning(
            "%s: kpis in %s but params/regions/%s.yaml says %s; showing %s",
            folder / f"{region_id}{_KPIS_SUFFIX}",
            kpis.currency,
            region_id,
            region.currency,
            kpis.currency,
        )
    locale = region.locale if region else _usable_locale(kpis.locale, params.company.locale)
    company = Formatter(params.company.locale, params.company.currency)
    figures = _figures(
        kpis,
        Formatter(locale, kpis.currency),
        company,
        _budget_rate(params, kpis.currency),
        month_formatter(params),
    )
    return Card(
        region_id,
        name,
        href,
        kpis.status,
        status_label(kpis.status),
        figures,
        pdf_href=_href(folder, key, f"{region_id}.pdf"),
        workbook_href=_href(folder, key, f"{region_id}.xlsx"),
    )


def _href(folder: Path, key: str, name: str) -> str | None:
    """The relative link to ``<key>/<name>`` from the index, when the file is there."""
    return f"{quote(key)}/{quote(name)}" if (folder / name).is_file() else None


def _budget_rate(params: Params, currency: str) -> float | None:
    """Value of one unit of ``currency`` in the company currency at budget rates, if known.

    ``fx_rates`` gives each currency's value in the company currency; the ratio of two rates
    is taken so that a company currency rate other than 1.0 still converts right.
    """
    rates = params.defaults.fx_rates
    if currency not in rates or params.company.currency not in rates:
        return None
    return rates[currency] / rates[params.company.currency]


def _failed_card(folder: Path, region_id: str, name: str, params: Params) -> Card:
    """The card of a report whose last run failed, linking the last good version of it.

    That is this month's report from an earlier run when there is one, otherwise the report of
    the latest earlier month that did not fail.
    """
    months = month_formatter(params)
    earlier = sorted(
        (
            f
            for f in folder.parent.iterdir()
            if f.is_dir() and _PERIOD_DIR_RE.match(f.name) and f.name < folder.name
        ),
        key=lambda f: f.name,
        reverse=True,
    )
    for month in [folder, *earlier]:
        html = month / f"{region_id}.html"
        failed = month != folder and (month / f"{region_id}{FAILED_SUFFIX}").exists()
        if html.is_file() and not failed:
            label = months.month(pd.Period(month.name, freq="M"))
            if month == folder:
                label = _("{month}, an earlier run").format(month=label)
            href = f"{quote(month.name)}/{quote(region_id)}.html"
            return Card(region_id, name, None, "failed", status_label("failed"), None, href, label)
    return Card(region_id, name, None, "failed", status_label("failed"), None)


def _usable_locale(locale: str | None, fallback: str) -> str:
    if locale:
        try:
            Locale.parse(locale)
        except (UnknownLocaleError, ValueError, TypeError):
            log.warning("unknown locale %r in a kpis.json; using %s", locale, fallback)
        else:
            return locale
    return fallback


def _figures(
    kpis: Kpis,
    fmt: Formatter,
    company: Formatter | None = None,
    rate: float | None = None,
    months: Formatter | None = None,
) -> Figures:
    """A card's figures: ``fmt`` in the report's locale and currency, ``company`` the company's.

    Args:
        kpis: The report's figures.
        fmt: Formatter of the report's locale and currency.
        company: Formatter of the company's locale and currency (converted revenue).
        rate: Value of one unit of the report's currency in the company currency (budget rate);
            the converted revenue is shown when the currencies differ and the rate is known.
        months: Formatter of the month names (:func:`month_formatter`); default ``company``.
    """
    company = company or fmt
    months = months or company
    label, css_class = attainment_status(kpis.attainment)
    ytd_label, ytd_class = attainment_status(kpis.attainment_ytd)
    yoy = kpis.yoy_growth
    converted = (
        company.money(kpis.revenue * rate, compact=True)
        if rate is not None and company.currency != kpis.currency
        else None
    )
    return Figures(
        currency=kpis.currency,
        revenue=fmt.money(kpis.revenue, compact=True),
        revenue_full=fmt.money(kpis.revenue),
        target=fmt.money(kpis.target, compact=True),
        attainment=fmt.pct(kpis.attainment),
        attainment_label=label,
        attainment_class=css_class,
        attainment_ytd=fmt.pct(kpis.attainment_ytd),
        attainment_ytd_label=ytd_label,
        attainment_ytd_class=ytd_class,
        gross_margin=fmt.pct(kpis.gross_margin_pct),
        yoy_growth=fmt.signed_pct(yoy),
        yoy_class="" if yoy is None else ("delta-up" if yoy >= 0 else "delta-down"),
        orders=fmt.number(kpis.orders),
        customers=fmt.number(kpis.customers),
        company_currency=company.currency if converted else None,
        revenue_company=converted,
        sparkline=sparkline(
            kpis.revenue_last_12_months, pd.Period(kpis.period, freq="M"), fmt, months
        ),
    )


def sparkline_points(
    values: tuple[float | None, ...] | list[float | None],
    width: float = SPARKLINE_WIDTH,
    height: float = SPARKLINE_HEIGHT,
    pad: float = SPARKLINE_PAD,
) -> list[list[tuple[float, float]]]:
    """The sparkline's runs of points in SVG coordinates; a missing month breaks the line.

    Month i of n sits at x = pad + i × (width − 2·pad) ÷ (n − 1); the lowest amount at
    y = height − pad, the highest at y = pad (SVG's y grows downwards), a flat series at
    mid-height. Coordinates are rounded to 0.1 px.

    Args:
        values: Amounts, oldest first; None for a month without data.
        width: Width of the drawing, px.
        height: Height of the drawing, px.
        pad: Margin kept free on every side, px.

    Returns:
        Lists of (x, y), one per run of months with data; empty when fewer than 2 months have.
    """
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return []
    low, high = min(known), max(known)
    step = (width - 2 * pad) / (len(values) - 1)
    runs: list[list[tuple[float, float]]] = [[]]
    for i, value in enumerate(values):
        if value is None:
            if runs[-1]:
                runs.append([])
            continue
        share = 0.5 if high == low else (value - low) / (high - low)
        y = height - pad - share * (height - 2 * pad)
        runs[-1].append((round(pad + i * step, 1), round(y, 1)))
    return [run for run in runs if run]


def sparkline(
    values: tuple[float | None, ...] | list[float | None],
    period: pd.Period,
    fmt: Formatter,
    company: Formatter,
) -> Markup | None:
    """A 12-month revenue sparkline as inline SVG, named by a sentence; None without 2 months.

    Drawn here from the numbers (no chart library, nothing fetched): one polyline per run of
    months with data (:func:`sparkline_points`), a dot on the last month. The ``aria-label``
    and ``<title>`` are :data:`SPARKLINE_LABEL`: the span, the lowest and highest month, and
    the last amount.

    Args:
        values: Revenue of each month to ``period``, oldest first (``revenue_last_12_months``).
        period: The last month of the series.
        fmt: Formatter of the amounts (the report's currency).
        company: Formatter of the month names (the index's language).
    """
    runs = sparkline_points(values)
    if not runs:
        return None
    months = [period - (len(values) - 1 - i) for i in range(len(values))]
    known = [(v, m) for v, m in zip(values, months, strict=True) if v is not None]
    low = min(known, key=lambda vm: vm[0])
    high = max(known, key=lambda vm: vm[0])
    template = SPARKLINE_LABEL
    if high[1] == known[-1][1] and high[0] != low[0]:
        template = SPARKLINE_LABEL_LAST_HIGH
    elif low[1] == known[-1][1] and high[0] != low[0]:
        template = SPARKLINE_LABEL_LAST_LOW
    label = _(template).format(
        start=company.month(known[0][1]),
        end=company.month(known[-1][1]),
        low=fmt.money(low[0], compact=True),
        low_month=company.month(low[1]),
        high=fmt.money(high[0], compact=True),
        high_month=company.month(high[1]),
        last=fmt.money(known[-1][0], compact=True),
    )
    lines = Markup("").join(
        Markup('<polyline points="{}"/>').format(" ".join(f"{x:g},{y:g}" for x, y in run))
        for run in runs
    )
    x, y = runs[-1][-1]
    return Markup(
        '<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" role="img" aria-label="{label}"><title>{label}</title>'
        '<g fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" '
        'stroke-linecap="round">{lines}</g><circle cx="{x:g}" cy="{y:g}" r="2.5" '
        'fill="currentColor"/></svg>'
    ).format(w=SPARKLINE_WIDTH, h=SPARKLINE_HEIGHT, label=label, lines=lines, x=x, y=y)
