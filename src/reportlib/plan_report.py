"""What a plan section opens: its region, the plan and how its goal was set, in one object.

The plan report's sections (``notebooks/plan/``) open with :data:`PLAN_OPENING`, the one call
:func:`open_plan`. ``reportlib plan`` writes the plan once (``run.planning.write_plan``) and
renders each page from it; a section opened in JupyterLab with its defaults plans the sample's
next year itself, from ``params/planning.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlib import i18n
from reportlib.analysis.planning import Plan
from reportlib.config import SAMPLE_DATA_DIR, Params, Region, load_params, project_dir
from reportlib.errors import ConfigError
from reportlib.formatting import Formatter
from reportlib.run.planning import PlanBasis, make_plan, next_year, read_plan

PLAN_OPENING = (
    "from reportlib.plan_report import open_plan\n\n"
    "ctx = open_plan(region, year, plan_dir, params_dir)"
)
"""The source of every plan section's opening cell."""


@dataclass(frozen=True)
class PlanContext:
    """Everything a plan section needs.

    Attributes:
        region: The report's region (the company: id ``all``), named in its language.
        plan: The company's plan (every region's seats and targets).
        basis: How the goal was set.
        fmt: Formatter of the report's locale and currency.
        company_fmt: Formatter of the report's locale and the company currency.
        params: All parameters, named in the report's language.
    """

    region: Region
    plan: Plan
    basis: PlanBasis
    fmt: Formatter
    company_fmt: Formatter
    params: Params

    @property
    def regional(self) -> bool:
        """True for a region's plan, False for the company's."""
        return not self.region.is_company

    @property
    def region_id(self) -> str | None:
        """The region's id in the plan's frames; None for the company's plan."""
        return self.region.id if self.regional else None

    @property
    def rate(self) -> float:
        """Company units per unit of the report's currency (the budget rate; 1 for the company)."""
        return self.params.fx_rate(self.region.currency) / self.params.fx_rate(
            self.params.company.currency
        )

    def region_name(self, region_id: str) -> str:
        """A region's name as the report writes it."""
        return self.params.region(region_id).name


def open_plan(
    region: str, year: int | str, plan_dir: str | Path, params_dir: str | Path
) -> PlanContext:
    """Load a plan report's plan: the one I/O call of a plan section.

    Args:
        region: Region id, or ``all`` for the company.
        year: The plan year; 0 or empty: the year after the data's last fiscal year.
        plan_dir: A plan written by ``reportlib plan`` (``work/plan-<YYYY>/plan``); empty: plan
            the project's sample data with ``params/planning.yaml`` (its ``growth``).
        params_dir: The ``params/`` folder; empty means the project's.

    Raises:
        DataError: if the plan or the data cannot be read.
        ConfigError: if the settings cannot make a plan (no goal, a wrong year), or ``plan_dir``
            holds another year's plan.
    """
    root = None if plan_dir and params_dir else project_dir()
    params = load_params(params_dir or root / "params")
    if plan_dir:
        record = read_plan(plan_dir)
        if year and int(year) != record.plan.year:
            raise ConfigError(
                f"{plan_dir}: holds the plan of {record.plan.year}, not of {year}",
                hint=f"open it with year {record.plan.year} (or 0), or plan {year} first",
            )
    else:
        from reportlib.intake.data import load_tables
        from reportlib.run.read import resolve_period

        data = root / SAMPLE_DATA_DIR
        tables = load_tables(data, params).tables
        last = resolve_period(tables, None)
        plan_year = int(year) if year else next_year(params, last)
        record = make_plan(tables, params, last, plan_year, source=data)
    language = params.region(region).reading_language
    i18n.activate(language)  # everything written from here on
    params = params.in_language(language)
    region_obj = params.region(region)
    return PlanContext(
        region=region_obj,
        plan=record.plan,
        basis=record.basis,
        fmt=Formatter(region_obj.locale, region_obj.currency),
        company_fmt=Formatter(region_obj.locale, params.company.currency),
        params=params,
    )


__all__ = ["PLAN_OPENING", "PlanContext", "open_plan"]
