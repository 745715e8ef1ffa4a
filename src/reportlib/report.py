"""What a report notebook opens: its region, period, data and formatter, in one object."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from reportlib import i18n
from reportlib.analysis._common import has_columns
from reportlib.analysis.forecast import (
    RevenueForecast,
    empty_history,
    forecast_revenue,
    history_from_records,
    landing,
    revenue_series,
)
from reportlib.config import SAMPLE_DATA_DIR, Params, Region, load_params, project_dir
from reportlib.errors import DataError
from reportlib.formatting import Formatter
from reportlib.i18n import _
from reportlib.intake.data import Tables, TableSummary, load_tables
from reportlib.periods import latest_complete_month, parse_period
from reportlib.run.extract import is_extract, read_extract
from reportlib.run.sections import LeftOut, left_out, read_section

if TYPE_CHECKING:
    from reportlib.analysis.profitability import MarginAlert
    from reportlib.analysis.recommendations import Recommendation

QUALITY_FILE = "quality.json"
"""Written by a run beside each report's extract: the intake counts and validation warnings."""

FORECAST_HISTORY_FILE = "forecast_history.json"
"""Written by a run beside each report's extract: a JSON list of the forecast records
(``analysis.forecast.forecast_record``) of that report made in months before the reported one,
oldest first. Absent when a notebook is opened on raw data."""

COMPANY_VIEW_DIR = "company"
"""The folder of a region's extract holding its :class:`CompanyView` (apart from the region's
own tables, which hold only its rows)."""

FIRST_SALES_FILE = "first_sales.parquet"
"""Written by a run into each region's extract, in :data:`COMPANY_VIEW_DIR`: the month the
company first sold each product code under each name (``analysis.products.first_sales`` of
every region's orders). See :class:`CompanyView`."""

BOUGHT_ELSEWHERE_FILE = "bought_elsewhere.parquet"
"""Written by a run into each region's extract, in :data:`COMPANY_VIEW_DIR`: the months in which
the region's customers bought in another region (``analysis.customers.bought_elsewhere``). See
:class:`CompanyView`."""

KPIS_MIMETYPE = "application/vnd.reportlib.analysis.kpis+json"
"""The output a report notebook publishes its headline figures under (``present.publish_kpis``);
the run collects it into ``<report>.kpis.json``. The HTML template hides every output of an
``application/vnd.reportlib.*`` mimetype."""

FORECAST_MIMETYPE = "application/vnd.reportlib.forecast+json"
"""The output a report notebook publishes its forecast record under
(``present.publish_forecast``); the run stores it for next month's scorecard."""


@dataclass(frozen=True)
class DataQuality:
    """What the report can say about its data.

    Attributes:
        tables: Row counts per input table (input = accepted + quarantined).
        warnings: Validation warnings; any makes the report provisional.
        left_out: Sections of the report left out because none of their data was delivered.
    """

    tables: tuple[TableSummary, ...]
    warnings: tuple[str, ...] = ()
    left_out: tuple[LeftOut, ...] = ()

    @property
    def provisional(self) -> bool:
        """True when validation warned: the figures may still change."""
        return bool(self.warnings)

    def to_dict(self) -> dict[str, object]:
        """Plain data for ``quality.json``."""
        return {
            "tables": [vars(t) for t in self.tables],
            "warnings": list(self.warnings),
            "left_out": [{"title": s.title, "needs": list(s.needs)} for s in self.left_out],
        }

    @classmethod
    def from_dict(cls, raw: dict[str, object]) -> DataQuality:
        """Read back :meth:`to_dict`."""
        tables = tuple(
            TableSummary(
                **{
                    **t,
                    "ignored_columns": tuple(t.get("ignored_columns", ())),
                    "not_delivered": tuple(t.get("not_delivered", ())),
                }
            )
            for t in raw["tables"]  # type: ignore[attr-defined]
        )
        sections = tuple(
            LeftOut(s["title"], tuple(s["needs"]))
            for s in raw.get("left_out", ())  # type: ignore[attr-defined]
        )
        return cls(tables, tuple(raw.get("warnings", ())), sections)  # type: ignore[arg-type]


@dataclass(frozen=True)
class CompanyView:
    """What a region's report knows of the other regions: two small tables.

    A region's data are cut to the region before its notebook runs, yet two of its statements
    need the whole company: whether a product is new to the company or only to the region,
    and whether a customer who stopped buying in the region was lost or moved to another
    region. The run computes these tables once from every region's orders and writes them
    into each region's extract (:data:`COMPANY_VIEW_DIR`: :data:`FIRST_SALES_FILE` and
    :data:`BOUGHT_ELSEWHERE_FILE`, part of the report's manifest key, so that a change
    elsewhere that alters them renders the report again); opened on raw exports,
    :func:`open_report` computes them from the whole data. They hold every month the data
    hold; the analyses keep the months up to the period.

    Attributes:
        first_sales: Rows ``product_id``, ``product_name``, ``first_sale`` (Period): the month
            the company first sold each product code under each name
            (``analysis.products.first_sales``).
        bought_elsewhere: Rows ``customer_id``, ``month`` (Period): the months in which the
            region's customers bought (positive net revenue) in another region
            (``analysis.customers.bought_elsewhere``).
    """

    first_sales: pd.DataFrame
    bought_elsewhere: pd.DataFrame

    @classmethod
    def for_regions(cls, orders: pd.DataFrame, region_ids: Sequence[str]) -> dict[str, CompanyView]:
        """The view of each region of ``region_ids`` from the company's ``orders`` (any period)."""
        from reportlib.analysis.customers import bought_elsewhere, months_bought
        from reportlib.analysis.products import first_sales

        first = first_sales(orders)
        bought = months_bought(orders)
        return {rid: cls(first, bought_elsewhere(bought, rid)) for rid in region_ids}

    def frames(self) -> dict[str, pd.DataFrame]:
        """The two tables as files hold them: months as ``YYYY-MM`` text, by file name."""
        return {
            FIRST_SALES_FILE: self.first_sales.astype({"first_sale": str}).astype("string"),
            BOUGHT_ELSEWHERE_FILE: self.bought_elsewhere.astype(
                {"customer_id": "string", "month": str}
            ).astype({"month": "string"}),
        }

    def write(self, folder: str | Path) -> None:
        """Write the two files into :data:`COMPANY_VIEW_DIR` of a report's extract ``folder``."""
        out = Path(folder) / COMPANY_VIEW_DIR
        out.mkdir(exist_ok=True)
        for name, frame in self.frames().items():
            frame.to_parquet(out / name, index=False)

    @staticmethod
    def remove(folder: str | Path) -> None:
        """Delete the view from ``folder`` (the company's own extract needs none)."""
        out = Path(folder) / COMPANY_VIEW_DIR
        for name in (FIRST_SALES_FILE, BOUGHT_ELSEWHERE_FILE):
            (out / name).unlink(missing_ok=True)
        if out.is_dir() and not any(out.iterdir()):
            out.rmdir()

    @classmethod
    def read(cls, folder: str | Path) -> CompanyView | None:
        """The view written into ``folder`` by :meth:`write`; None when it holds none.

        Raises:
            DataError: naming the file, if one cannot be read as :meth:`write` writes it.
        """
        out = Path(folder) / COMPANY_VIEW_DIR
        paths = [out / name for name in (FIRST_SALES_FILE, BOUGHT_ELSEWHERE_FILE)]
        if not all(p.is_file() for p in paths):
            return None
        try:
            first = pd.read_parquet(paths[0])
            elsewhere = pd.read_parquet(paths[1])
            return cls(
                pd.DataFrame(
                    {
                        "product_id": first["product_id"].astype("string"),
                        "product_name": first["product_name"].astype("string"),
                        "first_sale": pd.PeriodIndex(first["first_sale"].astype(str), freq="M"),
                    }
                ),
                pd.DataFrame(
                    {
                        "customer_id": elsewhere["customer_id"].astype("string"),
                        "month": pd.PeriodIndex(elsewhere["month"].astype(str), freq="M"),
                    }
                ),
            )
        except (OSError, ValueError, KeyError) as exc:
            raise DataError(
                f"{folder}: the company's first sales or purchases elsewhere cannot be read: {exc}",
                hint="they are written by `reportlib run` into a region's extract; run again",
            ) from None


@dataclass(frozen=True)
class ReportContext:
    """Everything a report section needs.

    Attributes:
        region: The region (or the company, id ``all``).
        period: The reported month.
        tables: This region's rows, money in ``region.currency``; order lines after the period
            are left out so that a past month reports as it stood.
        fmt: Formatter for the region's locale and currency.
        params: All parameters.
        quality: Intake counts and validation warnings of the data.
        forecast_history: The stored forecasts of earlier reports of this region, one row per
            forecast month (``analysis.forecast.HISTORY_COLUMNS``: ``made_in``, ``month``,
            ``model``, ``currency``, ``forecast``, ``lo80``, ``hi80``, ``lo95``, ``hi95``);
            empty without a :data:`FORECAST_HISTORY_FILE`.
        company: A region's :class:`CompanyView` of the other regions; None for the company's
            report (its tables are the whole company), and for a region's report that cannot
            see the others (an extract without the view's files): it then calls no product new
            to the company and no customer moved.
    """

    region: Region
    period: pd.Period
    tables: Tables
    fmt: Formatter
    params: Params
    quality: DataQuality = field(default_factory=lambda: DataQuality(()))
    forecast_history: pd.DataFrame = field(default_factory=empty_history)
    company: CompanyView | None = None

    @property
    def regional(self) -> bool:
        """True for a region's report, False for the company's."""
        return not self.region.is_company

    @property
    def fiscal_start(self) -> int:
        """First month of the fiscal year (1 = January)."""
        return self.params.defaults.fiscal_year_start_month

    @property
    def first_sales(self) -> pd.DataFrame | None:
        """The company's first sale of each product, for a region's report; None for the company.

        A region that cannot see the other regions gets an empty table: no product is then
        known to be new to the company (``analysis.products.product_launches``).
        """
        if not self.regional:
            return None
        if self.company is None:
            from reportlib.analysis.products import first_sales

            return first_sales(self.tables.orders.iloc[:0])
        return self.company.first_sales

    @property
    def bought_elsewhere(self) -> pd.DataFrame | None:
        """Months the region's customers bought in other regions; None for the company's report.

        None too for a region that cannot see the other regions: no customer is then known to
        have moved (``analysis.customers.customer_kpis``).
        """
        return None if not self.regional or self.company is None else self.company.bought_elsewhere

    @property
    def launch_dates(self) -> dict[str, pd.Period]:
        """``params/defaults.yaml``'s ``launches``: launch month by product name."""
        return {
            name: pd.Period(month, freq="M")
            for name, month in self.params.defaults.launches.items()
        }

    @property
    def has_quota(self) -> bool:
        """Targets and reps were delivered: attainment of reps and teams can be measured."""
        return self.tables.targets is not None and self.tables.reps is not None

    @property
    def has_deals(self) -> bool:
        """The opportunities table was delivered."""
        return self.tables.opportunities is not None

    @property
    def rep_sales(self) -> bool:
        """Targets, reps and each order's sales rep: rep and team attainment can be shown."""
        return self.has_quota and has_columns(self.tables.orders, "rep_id")

    @cached_property
    def kpis(self) -> dict[str, Any]:
        """The report's headline figures (``analysis.kpis.collect_kpis``), computed once."""
        from reportlib.analysis.kpis import collect_kpis

        return collect_kpis(self)

    @cached_property
    def teams(self) -> pd.DataFrame:
        """``analysis.team.team_table`` of the report, computed once."""
        from reportlib.analysis.team import team_table

        t = self.tables
        return team_table(
            t.orders, t.targets, t.reps, t.opportunities, self.period, self.fiscal_start
        )

    @cached_property
    def board(self) -> pd.DataFrame:
        """``analysis.team.leaderboard`` of the report, computed once."""
        from reportlib.analysis.team import leaderboard

        t = self.tables
        return leaderboard(
            t.orders, t.targets, t.reps, t.opportunities, self.period, self.fiscal_start
        )

    @cached_property
    def region_margin_alerts(self) -> dict[str, MarginAlert]:
        """In the company report, each region's month margin alarm by region name; else empty.

        ``analysis.profitability.margin_alerts_by`` with ``params``' ``margin_alarm``.
        """
        from reportlib.analysis.profitability import margin_alerts_by

        if self.regional:
            return {}
        alarm = self.params.defaults.margin_alarm
        found = margin_alerts_by(self.tables.orders, "region", self.period, alarm.floor, alarm.drop)
        return {self.params.region(region).name: alert for region, alert in found.items()}

    @cached_property
    def region_standing(self) -> pd.DataFrame | None:
        """In the company report, each region against its target (month, year to date); else None.

        ``analysis.standing.region_standing``, regions in the order of ``params/regions/``
        (index: region id, which names the region's report ``<id>.html``).
        """
        from reportlib.analysis.standing import region_standing

        if self.regional:
            return None
        names = {rid: r.name for rid, r in self.params.regions.items()}
        t = self.tables
        return region_standing(t.orders, t.targets, self.period, names, self.fiscal_start)

    @cached_property
    def recommendations(self) -> list[Recommendation]:
        """``analysis.recommendations.recommend`` of the report, most money at stake first."""
        from reportlib.analysis.recommendations import recommend

        return recommend(
            self.kpis,
            self.fmt,
            self.region.name,
            self.teams if self.has_quota else None,
            alarm=self.params.defaults.margin_alarm,
            regions=self.region_margin_alerts,
            landings=self.landings,
            standing=self.region_standing,
        )

    @cached_property
    def revenue_forecast(self) -> RevenueForecast:
        """``analysis.forecast.forecast_revenue`` of the monthly revenue up to the period."""
        return forecast_revenue(revenue_series(self.tables.orders, self.period))

    @cached_property
    def landings(self) -> pd.DataFrame:
        """``analysis.forecast.landing`` from :attr:`revenue_forecast`: rows quarter and year."""
        return landing(self.revenue_forecast, self.tables.targets, self.period, self.fiscal_start)

    def publish(self) -> None:
        """Publish the KPI record for the run (the last cell of an assembled report)."""
        from reportlib.present import publish_kpis

        publish_kpis(self.kpi_record(self.kpis))

    @property
    def title(self) -> str:
        """``Sales report — North America — October 2026``, in the active language."""
        return _("Sales report — {region} — {month}").format(
            region=self.region.name, month=self.fmt.month(self.period)
        )

    def kpi_record(self, kpis: dict[str, float | int | None]) -> dict[str, object]:
        """The ``<id>.kpis.json`` record: who and when, then the figures."""
        return {
            "region": self.region.id,
            "region_name": self.region.name,
            "period": str(self.period),
            "currency": self.region.currency,
            "locale": self.region.locale,
            **kpis,
        }


def prepare(tables: Tables, params: Params, region_id: str, period: pd.Period) -> Tables:
    """Cut ``tables`` to one region, convert the company view to its currency, drop later orders."""
    region = params.region(region_id)
    cut = tables.for_region(region_id)
    if region.is_company:
        rates = {
            c: r / params.fx_rate(region.currency) for c, r in params.defaults.fx_rates.items()
        }
        cut = cut.converted(rates, region.currency)
    orders = cut.orders[cut.orders["order_date"] <= period.end_time]
    return replace(cut, orders=orders)


def read_forecast_history(data_dir: str | Path, region: str, period: pd.Period) -> pd.DataFrame:
    """The stored forecasts in ``data_dir``'s :data:`FORECAST_HISTORY_FILE`, made before ``period``.

    Args:
        data_dir: A report's data folder.
        region: The report's region id; every record must be a forecast of it.
        period: The reported month; records made in it or later are left out.

    Returns:
        ``analysis.forecast.history_from_records`` of the file; empty when there is no file.

    Raises:
        DataError: naming the file and what is wrong, if it is not the JSON list of forecast
            records of ``region`` that a run writes.
    """
    path = Path(data_dir) / FORECAST_HISTORY_FILE
    if not path.exists():
        return empty_history()
    try:
        history = history_from_records(json.loads(path.read_text(encoding="utf-8")), region)
    except ValueError as exc:  # JSON and decoding errors are ValueErrors too
        raise DataError(
            f"{path}: not a forecast history: {exc}",
            hint="it is written by `reportlib run` from outputs/forecasts/<region>/; "
            "delete it to report without last month's forecast, or run again",
        ) from exc
    return history[history["made_in"] < period].reset_index(drop=True)


def _left_out(params: Params, region: str, tables: Tables) -> tuple[LeftOut, ...]:
    """The sections of ``region`` left out for want of data, when opened on raw exports.

    The sections are read from the ``notebooks/`` folder beside ``params/``; without one (a
    ``params/`` folder of its own) nothing is left out.
    """
    notebooks_dir = params.root.resolve().parent / "notebooks"
    if not notebooks_dir.is_dir():
        return ()
    sections = [read_section(notebooks_dir, name)[0] for name in params.sections(region)]
    return left_out(sections, tables)


def open_report(
    region: str, period: str, data_dir: str | Path, params_dir: str | Path
) -> ReportContext:
    """Load a report's data: the one I/O call of a notebook.

    Args:
        region: Region id, or ``all`` for the company.
        period: ``YYYY-MM``; empty means the latest complete month in the data.
        data_dir: Folder of the input tables (raw exports, or a run's per-report extract with
            the optional :data:`QUALITY_FILE`, :data:`FORECAST_HISTORY_FILE` and, for a region,
            its :class:`CompanyView`); empty means the sample data of the project
            (``config.project_dir``).
        params_dir: The ``params/`` folder; empty means the project's.

    Raises:
        DataError: if a table or the forecast history cannot be read.
    """
    if not data_dir or not params_dir:
        root = project_dir()
        data_dir = data_dir or root / SAMPLE_DATA_DIR
        params_dir = params_dir or root / "params"
    params = load_params(params_dir)
    language = params.region(region).reading_language
    i18n.activate(language)  # everything written from here on
    params = params.in_language(language)  # the names as written in it
    region_obj = params.region(region)
    quality_file = Path(data_dir) / QUALITY_FILE
    company: CompanyView | None = None
    if is_extract(data_dir):  # a run's extract: reportlib's own format, never the sources'
        tables = read_extract(data_dir)
        summary: tuple[TableSummary, ...] = ()
        if not region_obj.is_company:
            company = CompanyView.read(data_dir)
    else:  # raw exports, read as params/sources.yaml describes them
        intake = load_tables(data_dir, params)
        tables, summary = intake.tables, intake.summary
        if not region_obj.is_company:
            company = CompanyView.for_regions(tables.orders, [region])[region]
    quality = (
        DataQuality.from_dict(json.loads(quality_file.read_text(encoding="utf-8")))
        if quality_file.exists()
        else DataQuality(summary, left_out=_left_out(params, region, tables))
    )
    month = (
        parse_period(period) if period else latest_complete_month(tables.orders["order_date"].max())
    )
    return ReportContext(
        region=region_obj,
        period=month,
        tables=prepare(tables, params, region, month),
        fmt=Formatter(region_obj.locale, region_obj.currency),
        params=params,
        quality=quality,
        forecast_history=read_forecast_history(data_dir, region, month),
        company=company,
    )
