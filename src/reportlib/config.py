"""The one loader of ``params/``: typed, strict parameters for the company and its regions.

Layout::

    params/defaults.yaml        company-wide settings (the report of region id ``all``)
    params/regions/<id>.yaml    one file per region; adding a region means adding a file

Unknown or misspelt keys are an error that names the file and the key.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from babel import Locale, UnknownLocaleError
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from reportlib import i18n
from reportlib.errors import ConfigError
from reportlib.intake.schema import TABLES, Table, contract

COMPANY_ID = "all"
SAMPLE_DATA_DIR = Path("data") / "sample"
"""Where ``make sample-data`` writes the sample company, under the project folder."""
_REGION_ID_RE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
_SECTION_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_MONTH_RE = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")


def _section_list(names: tuple[str, ...]) -> tuple[str, ...]:
    if not names:
        raise ValueError("a report needs at least one section")
    for name in names:
        if not _SECTION_RE.fullmatch(name):
            raise ValueError(
                f"section {name!r}: use the notebook's file stem (lower case, digits, _), "
                "e.g. team for notebooks/team.ipynb"
            )
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValueError(f"section(s) listed twice: {', '.join(twice)}")
    return names


SectionList = Annotated[tuple[str, ...], AfterValidator(_section_list)]

PLAN_SECTIONS = ("plan_goal", "plan_feasibility", "plan_phasing", "plan_glossary")
"""The sections of a plan report (``notebooks/plan/``) when ``defaults.yaml`` lists none."""


def _launch_month(value: object) -> str:
    if isinstance(value, str) and _MONTH_RE.fullmatch(value.strip()):
        return value.strip()
    raise ValueError(f"write a launch month as YYYY-MM, e.g. 2025-05, not {value!r}")


def _product_names(launches: dict[str, str]) -> dict[str, str]:
    blank = [name for name in launches if not name.strip()]
    if blank:
        raise ValueError("a product name is empty; use the name as the orders spell it")
    return launches


LaunchMonth = Annotated[str, BeforeValidator(_launch_month)]
"""A month written ``YYYY-MM``."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Stakeholder(_Strict):
    """Someone who reads the report."""

    name: str
    role: str = ""
    email: str | None = None


class PrintSettings(_Strict):
    """What the printed report (and its PDF) carries on every page."""

    confidentiality: str = Field(
        default="",
        max_length=200,
        description="line printed at the foot of every page and shown in the page's footer, "
        'e.g. "Confidential — for internal use"; none when empty',
    )

    @field_validator("confidentiality")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if "\n" in value.strip() or "\r" in value:
            raise ValueError("write the confidentiality line on one line")
        return value.strip()


class Region(_Strict):
    """A sales region, or the whole company (id ``all``)."""

    id: str
    name: str
    currency: str = Field(description="ISO 4217 code of the amounts in this region's data")
    locale: str = Field(description="Babel locale for numbers, money and dates, e.g. pt_BR")
    language: str | None = Field(
        default=None,
        description="BCP 47 tag of the language the report is written in (en, pt-BR, es); "
        "default: the locale's language when a catalog ships it, else English",
    )
    names: dict[str, str] = Field(
        default_factory=dict,
        description="the name in other languages, by BCP 47 tag (pt-BR: América Latina); "
        "a report in a language not listed shows `name`",
    )
    stakeholders: tuple[Stakeholder, ...] = ()
    description: str = ""
    sections: SectionList | None = Field(
        default=None,
        description="section notebooks of this report, in order; default: defaults.yaml's",
    )
    print: PrintSettings | None = Field(
        default=None, description="the print settings of this report; default: defaults.yaml's"
    )

    @field_validator("currency")
    @classmethod
    def _iso_currency(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Z]{3}", value):
            raise ValueError(f"currency must be an ISO 4217 code such as USD or EUR, not {value!r}")
        return value

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        try:
            Locale.parse(value)
        except (UnknownLocaleError, ValueError) as exc:
            raise ValueError(
                f"unknown locale {value!r} (use a code such as en_US or pt_BR)"
            ) from exc
        return value

    @field_validator("language")
    @classmethod
    def _shipped_language(cls, value: str | None) -> str | None:
        if value is None:
            return value
        shipped = i18n.available()
        match = [tag for tag in shipped if tag.casefold() == value.strip().casefold()]
        if not match:
            raise ValueError(
                f"no catalog for language {value!r}: use one of {', '.join(shipped)} "
                "(README, section 'Languages', says how to add one)"
            )
        return match[0]

    @field_validator("names")
    @classmethod
    def _named_in_shipped_languages(cls, value: dict[str, str]) -> dict[str, str]:
        shipped = {tag.casefold(): tag for tag in i18n.available()}
        unknown = sorted(tag for tag in value if tag.casefold() not in shipped)
        if unknown:
            use = ", ".join(shipped.values())
            raise ValueError(f"names in {unknown}: no catalog of that language; use {use}")
        blank = sorted(tag for tag, name in value.items() if not str(name).strip())
        if blank:
            raise ValueError(f"names in {blank} are empty")
        return {shipped[tag.casefold()]: str(name).strip() for tag, name in value.items()}

    def in_language(self, language: str) -> Region:
        """This region with its ``name`` in ``language`` (``names``; else ``name`` unchanged)."""
        return self.model_copy(update={"name": self.names.get(language, self.name)})

    @property
    def reading_language(self) -> str:
        """The BCP 47 tag the report is written in: ``language``, else the locale's own."""
        return self.language or i18n.language_of(self.locale)

    @property
    def is_company(self) -> bool:
        """True for the company-wide report."""
        return self.id == COMPANY_ID


class Vocabularies(_Strict):
    """The company's own names for its segments, channels, campaign types and rep roles.

    Each list replaces the standard one of the data contract (``schema.SEGMENTS`` and so on);
    values are matched ignoring case and written as listed here.
    """

    segments: tuple[str, ...] | None = None
    channels: tuple[str, ...] | None = None
    campaign_types: tuple[str, ...] | None = None
    rep_roles: tuple[str, ...] | None = None

    @field_validator("*")
    @classmethod
    def _distinct(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if value is None:
            return value
        names = [str(v).strip() for v in value]
        if not names or any(not n for n in names):
            raise ValueError("list at least one value, none of them empty")
        folded = [n.casefold() for n in names]
        twice = sorted({n for n, f in zip(names, folded, strict=True) if folded.count(f) > 1})
        if twice:
            raise ValueError(f"{twice} listed twice (case is ignored)")
        return tuple(names)


class MarginAlarm(_Strict):
    """When a month's gross margin % raises an alarm: the first highlight and a recommendation.

    Margins are fractions (0.05 = 5 %); a drop is in points, as a fraction (0.05 = 5 points).
    """

    floor: float = Field(
        default=0.0, ge=-1, le=1, description="a month's gross margin % below this is an alarm"
    )
    drop: float = Field(
        default=0.05,
        gt=0,
        le=1,
        description="a month's gross margin % more than this many points below its trailing "
        "12 months' is an alarm",
    )


class Defaults(_Strict):
    """Company-wide settings from ``params/defaults.yaml``."""

    company: Region
    fx_rates: dict[str, Annotated[float, Field(gt=0)]] = Field(
        description="budget rate: value of one unit of each currency in the company currency"
    )
    fiscal_year_start_month: int = Field(default=1, ge=1, le=12)
    sections: SectionList = Field(
        description="section notebooks under notebooks/ of every report, in page order"
    )
    plan_sections: SectionList = Field(
        default=PLAN_SECTIONS,
        description="section notebooks under notebooks/plan/ of every plan report "
        "(`reportlib plan`), in page order",
    )
    vocabularies: Vocabularies = Vocabularies()
    margin_alarm: MarginAlarm = MarginAlarm()
    print: PrintSettings = PrintSettings()
    launches: Annotated[dict[str, LaunchMonth], AfterValidator(_product_names)] = Field(
        default_factory=dict,
        description="launch month (YYYY-MM) by product name (its code when the orders deliver "
        "no names): a product is new for 24 months from it; without one, from its first sale",
    )


class Source(_Strict):
    """How the file of one input table is written (an entry of ``params/sources.yaml``)."""

    file: str | None = Field(
        default=None, description="file name in the data folder (default <table>.csv/.parquet)"
    )
    encoding: Literal["auto", "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"] = "auto"
    separator: Literal["auto", ",", ";", "\t", "|"] = "auto"
    decimal: Literal[".", ","] = "."
    thousands: Literal["", ",", ".", " ", "'"] = ""
    date_format: str = Field(default="%Y-%m-%d", description="strftime pattern, e.g. %d/%m/%Y")
    timezone: str = Field(
        default="UTC",
        description="time zone (IANA name, e.g. America/Sao_Paulo) of date-times written "
        "without an offset; all date-times are read to UTC",
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r}: use an IANA name such as 'America/Sao_Paulo' "
                "or 'Europe/Berlin'"
            ) from None
        return value

    sheet: str | int | None = Field(default=None, description="worksheet of an Excel file")
    header_row: int | None = Field(
        default=None,
        ge=1,
        description="line (worksheet row) of the header when title rows come above it",
    )
    mapping: str | None = Field(default=None, description="profile in params/mappings/")
    max_reject_share: float = Field(
        default=0.05, ge=0, le=1, description="above this share of bad rows the run stops"
    )


DEFAULT_SOURCE = Source()


class PlanWeights(_Strict):
    """How much each view of next year's targets counts in the blend (fractions adding up to 1)."""

    top_down: float = Field(default=0.4, ge=0, le=1, description="the company goal split down")
    bottom_up: float = Field(default=0.4, ge=0, le=1, description="the reps' capacity rolled up")
    potential: float = Field(
        default=0.2, ge=0, le=1, description="each region's market size x its reachable share"
    )

    @model_validator(mode="after")
    def _add_up_to_one(self) -> PlanWeights:
        total = self.top_down + self.bottom_up + self.potential
        if abs(total - 1.0) > 1e-9:
            raise ValueError(
                f"the blend weights add up to {total:g}, not 1: make top_down + bottom_up + "
                "potential = 1 (e.g. 0.4, 0.4, 0.2)"
            )
        return self


class PlannedHire(_Strict):
    """A seat to fill next year: an open seat or a planned hire, ramping from its month."""

    team: str = Field(description="the team of the seat, as the reps table spells it")
    month: LaunchMonth = Field(description="first month in the seat, YYYY-MM")
    region: str | None = Field(
        default=None, description="region id of the seat; default: the region of its team"
    )
    rep_id: str | None = Field(
        default=None, description="the new rep's id when known; default PLAN-01, PLAN-02, ..."
    )


class PlannedLeaver(_Strict):
    """A rep who leaves next year: their seat closes after their last month."""

    rep_id: str = Field(description="a rep_id of the reps table")
    month: LaunchMonth = Field(description="last month in the seat, YYYY-MM")


class RegionPlan(_Strict):
    """A region's own planning settings."""

    growth: float | None = Field(
        default=None,
        gt=-1,
        description="the region's own growth over its part of this year's landing "
        "(0.15 = +15%); the other regions share the rest of the company goal",
    )
    reachable_share: float | None = Field(
        default=None, gt=0, le=1, description="share of its market the region could reach"
    )


class Planning(_Strict):
    """Next year's targets: settings of ``params/planning.yaml`` (DOMAIN.md, 'Setting targets')."""

    weights: PlanWeights = PlanWeights()
    growth: float | None = Field(
        default=None,
        gt=-1,
        description="the company's growth over this fiscal year's landing (0.08 = +8%), used "
        "when the command gives neither --growth nor --company-target",
    )
    buffer: float = Field(
        default=0.10,
        ge=0,
        le=1,
        description="over-assignment: the reps' targets add up to the goal x (1 + buffer)",
    )
    expected_attainment: float = Field(
        default=1.0,
        gt=0,
        le=2,
        description="share of their measured productivity the reps are expected to deliver",
    )
    ramp: tuple[Annotated[float, Field(gt=0, le=1)], ...] | None = Field(
        default=None,
        description="share of full productivity in each quarter since hire (e.g. 0.25, 0.5, "
        "0.75); full after the last; default: measured from history",
    )
    reachable_share: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description="share of its market a region could reach (a region may set its own)",
    )
    regions: dict[str, RegionPlan] = Field(default_factory=dict)
    hires: tuple[PlannedHire, ...] = ()
    leavers: tuple[PlannedLeaver, ...] = ()

    @field_validator("ramp")
    @classmethod
    def _rising(cls, value: tuple[float, ...] | None) -> tuple[float, ...] | None:
        if value is not None and any(b < a for a, b in itertools.pairwise(value)):
            raise ValueError(
                f"the ramp {list(value)} falls; list each quarter's share of full productivity "
                "in order, each at least the one before (e.g. 0.25, 0.5, 0.75)"
            )
        return value

    def reachable(self, region_id: str) -> float | None:
        """The share of its market ``region_id`` could reach: its own, else the company's."""
        own = self.regions.get(region_id)
        if own is not None and own.reachable_share is not None:
            return own.reachable_share
        return self.reachable_share

    def region_growth(self, region_id: str) -> float | None:
        """The region's own growth, or None when it takes its part of the company goal."""
        own = self.regions.get(region_id)
        return None if own is None else own.growth


class Params(_Strict):
    """Everything under ``params/``, validated."""

    defaults: Defaults
    regions: dict[str, Region]
    sources: dict[str, Source] = {}
    planning: Planning | None = None
    root: Path = Path("params")

    @property
    def tables(self) -> dict[str, Table]:
        """The data contract's tables with this company's vocabularies (``schema.contract``)."""
        return contract(self.defaults.vocabularies.model_dump())

    def source(self, table: str) -> Source:
        """How the file of ``table`` is written (defaults when ``sources.yaml`` is silent)."""
        return self.sources.get(table, DEFAULT_SOURCE)

    @property
    def company(self) -> Region:
        """The company-wide pseudo-region ``all``."""
        return self.defaults.company

    def in_language(self, language: str) -> Params:
        """These parameters with every name (regions', company's) as written in ``language``.

        Each report reads its parameters in its own language (``open_report``); the run's own
        texts for a report (title, links) likewise.
        """
        return self.model_copy(
            update={
                "defaults": self.defaults.model_copy(
                    update={"company": self.company.in_language(language)}
                ),
                "regions": {rid: r.in_language(language) for rid, r in self.regions.items()},
            }
        )

    def region(self, region_id: str) -> Region:
        """The region (or company) with this id.

        Raises:
            ConfigError: if no such region is defined.
        """
        if region_id == COMPANY_ID:
            return self.company
        try:
            return self.regions[region_id]
        except KeyError:
            known = ", ".join([*self.regions, COMPANY_ID])
            raise ConfigError(
                f"unknown region {region_id!r}; known: {known}",
                hint=f"add params/regions/{region_id}.yaml to define it",
            ) from None

    def region_names(self) -> dict[str, str]:
        """Display name of each region id (and of ``all``)."""
        return {**{rid: r.name for rid, r in self.regions.items()}, COMPANY_ID: self.company.name}

    def sections(self, report_id: str) -> tuple[str, ...]:
        """The section notebooks of a report, in page order: its region's list, else the default.

        Raises:
            ConfigError: if no such region is defined.
        """
        return self.region(report_id).sections or self.defaults.sections

    def print_settings(self, report_id: str) -> PrintSettings:
        """What a report prints on every page: its region's ``print:``, else defaults.yaml's.

        Raises:
            ConfigError: if no such region is defined.
        """
        return self.region(report_id).print or self.defaults.print

    def report_ids(self) -> list[str]:
        """Every report of a run: the regions in id order, then the company."""
        return [*self.regions, COMPANY_ID]

    def fx_rate(self, currency: str) -> float:
        """Budget rate from ``currency`` to the company currency."""
        return self.defaults.fx_rates[currency]


def project_dir(start: str | Path | None = None) -> Path:
    """The project folder: the one holding ``params/defaults.yaml``.

    reportlib's own checkout when the package is installed from it (``pip install -e .``),
    else the nearest folder at or above ``start`` (default: the working directory), so that a
    notebook finds the project whether Jupyter starts it in ``notebooks/`` or papermill in the
    project folder.

    Raises:
        ConfigError: if no such folder is found.
    """
    checkout = Path(__file__).resolve().parents[2]
    here = Path(start or Path.cwd()).resolve()
    for folder in (checkout, here, *here.parents):
        if (folder / "params" / "defaults.yaml").is_file():
            return folder
    raise ConfigError(
        f"no params/defaults.yaml in {checkout} or in {here} and the folders above it",
        hint="pass params_dir and data_dir, or run from the project folder",
    )


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found", hint="run from the project folder") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ConfigError(f"{path}: expected a mapping of keys to values at the top level")
    return loaded


# Keys the loader fills in itself; a file may not set them.
_IMPLIED_KEYS = {Region: {"id"}}


def _model_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel]:
    """The model whose keys sit at ``loc`` (list positions skipped, ``tuple[X, ...]`` unwrapped)."""
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            break
        inner = [field.annotation, *get_args(field.annotation)]
        nested = [t for t in inner if isinstance(t, type) and issubclass(t, BaseModel)]
        if not nested:
            break
        model = nested[0]
    return model


def _explain(
    path: Path, model: type[BaseModel], exc: ValidationError, prefix: tuple[str, ...] = ()
) -> ConfigError:
    """Turn a pydantic error into a message naming the file, the key and a fix.

    ``prefix`` is where ``model`` sits in the file (``("company",)`` in defaults.yaml).
    """
    lines = []
    for err in exc.errors():
        loc = ".".join(str(part) for part in (*prefix, *err["loc"]))
        if err["type"] == "extra_forbidden":
            key = str(err["loc"][-1])
            parent = _model_at(model, err["loc"][:-1])
            allowed = sorted(set(parent.model_fields) - _IMPLIED_KEYS.get(parent, set()))
            close = difflib.get_close_matches(key, allowed, n=1)
            tip = f"; did you mean {close[0]!r}?" if close else ""
            lines.append(f"unknown key {loc!r}{tip} (allowed: {', '.join(allowed)})")
        elif err["type"] == "missing":
            lines.append(f"missing key {loc!r}")
        else:
            lines.append(f"key {loc!r}: {err['msg']}")
    return ConfigError(f"{path}: " + "; ".join(lines), hint="see README, section 'Parameters'")


def _region(
    path: Path, region_id: str, raw: dict[str, Any], prefix: tuple[str, ...] = ()
) -> Region:
    if "id" in raw:
        where = ".".join((*prefix, "id"))
        why = "the company id is always 'all'" if prefix else "the region id is the file name"
        raise ConfigError(f"{path}: unknown key {where!r} ({why})")
    try:
        return Region.model_validate({"id": region_id, **raw})
    except ValidationError as exc:
        raise _explain(path, Region, exc, prefix) from None


def load_params(params_dir: str | Path = "params") -> Params:
    """Load and validate ``params/defaults.yaml`` and every ``params/regions/*.yaml``.

    Raises:
        ConfigError: naming the file and key of the first problem found.
    """
    root = Path(params_dir)
    defaults_path = root / "defaults.yaml"
    raw = _read_yaml(defaults_path)
    company_raw = raw.get("company")
    if isinstance(company_raw, dict):
        raw = {**raw, "company": _region(defaults_path, COMPANY_ID, company_raw, ("company",))}
    try:
        defaults = Defaults.model_validate(raw)
    except ValidationError as exc:
        raise _explain(defaults_path, Defaults, exc) from None
    if defaults.company.currency not in defaults.fx_rates:
        currency = defaults.company.currency
        raise ConfigError(
            f"{defaults_path}: the company currency {currency!r} has no rate in fx_rates",
            hint=f"add '{currency}: 1.0' to fx_rates",
        )

    regions: dict[str, Region] = {}
    for path in sorted((root / "regions").glob("*.y*ml")):
        region_id = path.stem
        if region_id == COMPANY_ID or not _REGION_ID_RE.match(region_id):
            raise ConfigError(
                f"{path}: {region_id!r} is not a usable region id",
                hint="use lower-case letters, digits, '-' or '_', and not 'all' (the company)",
            )
        region = _region(path, region_id, _read_yaml(path))
        if region.currency not in defaults.fx_rates:
            raise ConfigError(
                f"{path}: currency {region.currency!r} has no rate in {defaults_path} fx_rates",
                hint=f"add '{region.currency}: <value in {defaults.company.currency}>' to fx_rates",
            )
        regions[region_id] = region
    if not regions:
        raise ConfigError(
            f"{root / 'regions'}: no region files found", hint="add params/regions/<id>.yaml"
        )
    return Params(
        defaults=defaults,
        regions=regions,
        sources=_sources(root),
        planning=_planning(root, regions),
        root=root,
    )


def _sources(root: Path) -> dict[str, Source]:
    """``params/sources.yaml``: table name -> how its file is written (optional file)."""
    path = root / "sources.yaml"
    if not path.exists():
        return {}
    sources = {}
    for table, raw in _read_yaml(path).items():
        if table not in TABLES:
            close = difflib.get_close_matches(str(table), list(TABLES), n=1)
            tip = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigError(f"{path}: unknown table {table!r}{tip} (tables: {', '.join(TABLES)})")
        try:
            sources[table] = Source.model_validate(raw or {})
        except ValidationError as exc:
            raise _explain(path, Source, exc, (str(table),)) from None
    return sources


PLANNING_FILE = "planning.yaml"
"""The settings of next year's targets, under ``params/`` (optional file)."""
_PLANNING_HINT = "see params/planning.yaml's comments and README, section 'Parameters'"


def _planning(root: Path, regions: Mapping[str, Region]) -> Planning | None:
    """``params/planning.yaml`` validated, or None when there is no such file.

    Raises:
        ConfigError: naming the file, the key and what to do.
    """
    path = root / PLANNING_FILE
    if not path.exists():
        return None
    try:
        planning = Planning.model_validate(_read_yaml(path))
    except ValidationError as exc:
        raise _explain(path, Planning, exc) from None
    known = ", ".join(regions)
    for rid in planning.regions:
        if rid not in regions:
            raise ConfigError(
                f"{path}: key 'regions.{rid}': no region {rid!r} (regions: {known})",
                hint=f"use a region id of params/regions/, or add params/regions/{rid}.yaml",
            )
    unreached = [rid for rid in regions if planning.reachable(rid) is None]
    if planning.weights.potential > 0 and unreached:
        raise ConfigError(
            f"{path}: key 'reachable_share': weights.potential is "
            f"{planning.weights.potential:g} but no reachable share is set for "
            f"{', '.join(unreached)}",
            hint="set reachable_share (the share of its market a region could reach, e.g. 0.3; "
            "a region may set its own under regions.<id>.reachable_share) or make "
            "weights.potential 0",
        )
    for i, hire in enumerate(planning.hires):
        if hire.region is not None and hire.region not in regions:
            raise ConfigError(
                f"{path}: key 'hires.{i}.region': no region {hire.region!r} (regions: {known})",
                hint="use a region id of params/regions/, or leave region out to take the team's",
            )
    return planning


def check_planning(params: Params, reps: Any) -> Planning:
    """The planning settings, checked against the reps table (teams, regions, rep ids).

    Args:
        params: Loaded parameters; their ``planning`` (defaults when there is no file).
        reps: The reps table (a DataFrame with ``rep_id``, ``team``, ``region``, ``role``).

    Returns:
        ``params.planning``, or the default :class:`Planning` without a ``planning.yaml``.

    Raises:
        ConfigError: a hire in an unknown team or in a region its team is not in, a leaver who
            is not in the reps table or planned twice; naming the file, the key and what to do.
    """
    planning = params.planning or Planning()
    path = params.root / PLANNING_FILE
    team_region = reps.drop_duplicates("team").set_index("team")["region"]
    teams = ", ".join(sorted(str(t) for t in team_region.index))
    for i, hire in enumerate(planning.hires):
        if hire.team not in team_region.index:
            close = difflib.get_close_matches(hire.team, [str(t) for t in team_region.index], n=1)
            tip = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigError(
                f"{path}: key 'hires.{i}.team': no team {hire.team!r} in the reps table{tip} "
                f"(teams: {teams})",
                hint="use a team as the reps table spells it",
            )
        if hire.region is not None and hire.region != team_region[hire.team]:
            raise ConfigError(
                f"{path}: key 'hires.{i}.region': team {hire.team!r} is in region "
                f"{team_region[hire.team]!r}, not {hire.region!r}",
                hint="leave region out (the team's is taken) or name the team's region",
            )
        if hire.rep_id is not None and hire.rep_id in set(reps["rep_id"]):
            raise ConfigError(
                f"{path}: key 'hires.{i}.rep_id': {hire.rep_id!r} is already a rep of the reps "
                "table",
                hint="give the new rep an id of their own, or leave rep_id out",
            )
    known = set(reps["rep_id"])
    seen: set[str] = set()
    for i, leaver in enumerate(planning.leavers):
        if leaver.rep_id not in known:
            raise ConfigError(
                f"{path}: key 'leavers.{i}.rep_id': no rep {leaver.rep_id!r} in the reps table",
                hint="use a rep_id of the reps table",
            )
        if leaver.rep_id in seen:
            raise ConfigError(
                f"{path}: key 'leavers.{i}.rep_id': {leaver.rep_id!r} is listed twice",
                hint="keep one entry per leaver",
            )
        seen.add(leaver.rep_id)
    return planning
