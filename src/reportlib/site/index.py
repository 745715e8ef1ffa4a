"""The front page of the static report site: this month's reports as cards, earlier months below.

Layout of a site folder::

    <site_dir>/index.html                       written by :func:`build_index`
    <site_dir>/<YYYY-MM>/<region_id>.html       one report per region, ``all`` for the company
    <site_dir>/<YYYY-MM>/<region_id>.kpis.json  its headline figures (see :func:`load_kpis`)
    <site_dir>/<YYYY-MM>/<region_id>.failed.json  written when this month's report failed
    <site_dir>/<YYYY-MM>/validation/index.html  the data validation page, when there is one

Every link is relative, so the site works from ``file://`` as well as from any static server.
Folders not named ``YYYY-MM`` are ignored. A report whose ``kpis.json`` is missing or malformed
still gets its card, reading "Figures unavailable".
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

from reportlib.config import COMPANY_ID, Params
from reportlib.formatting import Formatter
from reportlib.site.pages import STYLESHEET, render, write_page

log = logging.getLogger(__name__)

INDEX_TEMPLATE = "index.html.j2"
"""The one stylesheet of the site, shared with the report pages and inlined in each."""

ON_TARGET_MIN = 1.0
"""Attainment (revenue / target) from which a region is "On target"."""
BELOW_TARGET_MIN = 0.9
"""Attainment from which a region is "Below target"; under it, "Well below target"."""

STATUS_LABELS = {"fresh": "Fresh", "provisional": "Provisional", "failed": "Failed"}
"""How the ``status`` of a kpis.json reads on the site."""
UNAVAILABLE = "Figures unavailable"
UNKNOWN_STATUS = "Status unknown"
"""Badge of a report whose kpis.json is missing or malformed."""

_PERIOD_DIR_RE = re.compile(r"^\d{4}-(?:0[1-9]|1[0-2])$")
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
    gross_margin: str
    yoy_growth: str
    yoy_class: str
    orders: str
    customers: str


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


def attainment_status(attainment: float | None) -> tuple[str, str]:
    """The label and CSS class of an attainment (revenue / target).

    Args:
        attainment: A fraction, 1.0 being exactly on target; None when there is no target.

    Returns:
        ``("On target", "status-ok")`` from :data:`ON_TARGET_MIN`, ``("Below target",
        "status-warn")`` from :data:`BELOW_TARGET_MIN`, ``("Well below target", "status-bad")``
        under it, and ``("No target", "status-neutral")`` without a value.
    """
    if attainment is None or math.isnan(attainment):
        return "No target", "status-neutral"
    if attainment >= ON_TARGET_MIN:
        return "On target", "status-ok"
    if attainment >= BELOW_TARGET_MIN:
        return "Below target", "status-warn"
    return "Well below target", "status-bad"


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
    )


def build_index(site_dir: Path, params: Params) -> Path:
    """Write ``<site_dir>/index.html`` from the month folders found in ``site_dir``.

    The newest month comes first, as cards: the company report, then the regions in the order
    of ``params``, then any other report found in the folder. Earlier months are listed in an
    archive with links to their reports.

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
        "lang": "en",
        "company_name": params.company.name,
        "latest": periods[0] if periods else None,
        "archive": periods[1:],
        "stylesheet": Markup(STYLESHEET.read_text(encoding="utf-8")),  # our own file
        "legend": {
            "on": company.pct(ON_TARGET_MIN, 0),
            "below": company.pct(BELOW_TARGET_MIN, 0),
        },
    }
    target = write_page(site_dir / "index.html", render(INDEX_TEMPLATE, **context))
    log.debug("wrote %s (%d months)", target, len(periods))
    return target


def _period_entry(site_dir: Path, key: str, params: Params) -> PeriodEntry:
    folder = site_dir / key
    found = _report_ids(folder)
    known = [rid for rid in [COMPANY_ID, *params.regions] if rid in found]
    others = sorted(found - set(known))
    cards = tuple(_card(folder, key, rid, params) for rid in [*known, *others])
    validation = folder / "validation" / "index.html"
    company = Formatter(params.company.locale, params.company.currency)
    return PeriodEntry(
        key=key,
        label=company.month(pd.Period(key, freq="M")),
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


def _card(folder: Path, key: str, region_id: str, params: Params) -> Card:
    known = region_id == COMPANY_ID or region_id in params.regions
    region = params.region(region_id) if known else None
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
        return Card(region_id, name, href, "unknown", UNKNOWN_STATUS, None)
    if kpis.status == "failed":
        return Card(region_id, name, href, "failed", STATUS_LABELS["failed"], None)
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
    figures = _figures(kpis, Formatter(locale, kpis.currency))
    return Card(region_id, name, href, kpis.status, STATUS_LABELS[kpis.status], figures)


def _failed_card(folder: Path, region_id: str, name: str, params: Params) -> Card:
    """The card of a report whose last run failed, linking the last good version of it.

    That is this month's report from an earlier run when there is one, otherwise the report of
    the latest earlier month that did not fail.
    """
    company = Formatter(params.company.locale, params.company.currency)
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
            label = company.month(pd.Period(month.name, freq="M"))
            if month == folder:
                label = f"{label}, an earlier run"
            href = f"{quote(month.name)}/{quote(region_id)}.html"
            return Card(region_id, name, None, "failed", STATUS_LABELS["failed"], None, href, label)
    return Card(region_id, name, None, "failed", STATUS_LABELS["failed"], None)


def _usable_locale(locale: str | None, fallback: str) -> str:
    if locale:
        try:
            Locale.parse(locale)
        except (UnknownLocaleError, ValueError, TypeError):
            log.warning("unknown locale %r in a kpis.json; using %s", locale, fallback)
        else:
            return locale
    return fallback


def _figures(kpis: Kpis, fmt: Formatter) -> Figures:
    label, css_class = attainment_status(kpis.attainment)
    yoy = kpis.yoy_growth
    return Figures(
        currency=kpis.currency,
        revenue=fmt.money(kpis.revenue, compact=True),
        revenue_full=fmt.money(kpis.revenue),
        target=fmt.money(kpis.target, compact=True),
        attainment=fmt.pct(kpis.attainment),
        attainment_label=label,
        attainment_class=css_class,
        gross_margin=fmt.pct(kpis.gross_margin_pct),
        yoy_growth=fmt.signed_pct(yoy),
        yoy_class="" if yoy is None else ("delta-up" if yoy >= 0 else "delta-down"),
        orders=fmt.number(kpis.orders),
        customers=fmt.number(kpis.customers),
    )
