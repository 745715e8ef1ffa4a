"""The data contract in code: the tables reportlib reads, their columns, types and keys.

``docs/data-contract.md`` explains the same contract for people; the loader
(``reportlib.intake.data``) and the Great Expectations suites (``reportlib.intake.validation``)
are both built from it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from reportlib.i18n import N_, _

Kind = Literal["str", "int", "float", "date", "timestamp", "month", "bool"]
DATE_DTYPE = "datetime64[ns]"

SEGMENTS = ("Enterprise", "Mid-Market", "SMB")
CHANNELS = ("Direct", "Inside Sales", "Partner", "E-commerce")
FORECAST_CATEGORIES = ("Pipeline", "Best Case", "Most Likely", "Commit", "Closed", "Omitted")
OPPORTUNITY_TYPES = ("New Business", "Existing Business")
REP_ROLES = ("Account Executive", "Sales Manager")
CAMPAIGN_TYPES = ("Webinar", "Trade Show", "Paid Search", "Email", "Partner Event")
TICKET_STATUSES = ("New", "Open", "Pending", "On-hold", "Solved", "Closed")
TICKET_PRIORITIES = ("Low", "Normal", "High", "Urgent")


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Attributes:
        name: Column name in the file.
        kind: Logical type; ``month`` is text ``YYYY-MM``; ``timestamp`` a date and time,
            read to UTC.
        nullable: Whether empty values are allowed.
        allowed: The closed set of values, if any.
        min_value: Smallest allowed value (numbers).
        max_value: Largest allowed value (numbers).
        money: Amount in the row's ``currency`` (converted for the company report).
        optional: Whether a file may lack the column altogether ("not delivered"): the figures
            that need it are left out of the reports. When delivered, ``nullable`` applies.
        description: Meaning and unit.
    """

    name: str
    kind: Kind
    description: str
    nullable: bool = False
    allowed: tuple[str, ...] | None = None
    min_value: float | None = None
    max_value: float | None = None
    money: bool = False
    optional: bool = False


@dataclass(frozen=True)
class Table:
    """One input table.

    Attributes:
        name: Table name; the file is ``<name>.csv`` (or ``.parquet``).
        columns: Columns in file order.
        key: Columns whose values identify a row.
        required: Whether a run can go on without this table.
        date_column: Column placing a row in time (freshness and "not after the period").
        region_column: Column naming the row's region.
        description: What a row is.
        one_of: Groups of optional columns of which a file must deliver at least one.
    """

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    required: bool
    date_column: str | None
    region_column: str | None
    description: str
    one_of: tuple[tuple[str, ...], ...] = ()

    @property
    def column_names(self) -> list[str]:
        """Column names in file order."""
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        return next(c for c in self.columns if c.name == name)

    @property
    def mandatory_columns(self) -> list[str]:
        """Columns every file of this table must have, in file order."""
        return [c.name for c in self.columns if not c.optional]

    @property
    def money_columns(self) -> list[str]:
        """Columns holding amounts in the row's currency."""
        return [c.name for c in self.columns if c.money]


def _c(name: str, kind: Kind, description: str, **kw: object) -> Column:
    return Column(name, kind, description, **kw)  # type: ignore[arg-type]


_CURRENCY = _c("currency", "str", "ISO 4217 code of the row's amounts")
_REGION = _c("region", "str", "region id, one of the files under params/regions/")

ORDERS = Table(
    name="orders",
    description="One invoiced order line (ERP / e-commerce export).",
    key=("order_id", "line_number"),
    required=True,
    date_column="order_date",
    region_column="region",
    one_of=(("product_id", "category"),),
    columns=(
        _c("order_id", "str", "order number"),
        _c("line_number", "int", "line within the order, from 1", min_value=1, optional=True),
        _c("order_date", "date", "invoice date"),
        _REGION,
        _c("customer_id", "str", "customer account id"),
        _c("customer_name", "str", "customer account name (free text)", optional=True),
        _c("vertical", "str", "customer industry", optional=True),
        _c("segment", "str", "customer size segment", allowed=SEGMENTS, optional=True),
        _c("rep_id", "str", "owning sales rep, a rep_id of reps", optional=True),
        _c("channel", "str", "sales channel", allowed=CHANNELS, optional=True),
        _c("product_id", "str", "product code", optional=True),
        _c("product_name", "str", "product name", optional=True),
        _c("category", "str", "product category", optional=True),
        _c("quantity", "int", "units", min_value=1, optional=True),
        _c("list_price", "float", "list price per unit", min_value=0, money=True, optional=True),
        _c(
            "discount_pct",
            "float",
            "discount off list, 0-1",
            min_value=0,
            max_value=1,
            optional=True,
        ),
        _c(
            "net_revenue",
            "float",
            "quantity x list price x (1 - discount)",
            min_value=0,
            money=True,
        ),
        _c(
            "cost",
            "float",
            "cost of goods sold for the line",
            min_value=0,
            money=True,
            optional=True,
        ),
        _CURRENCY,
    ),
)

OPPORTUNITIES = Table(
    name="opportunities",
    description="One CRM opportunity (deal), open or closed.",
    key=("opportunity_id",),
    required=False,
    date_column="created_date",
    region_column="region",
    columns=(
        _c("opportunity_id", "str", "CRM id"),
        _c("opportunity_name", "str", "deal name (free text)"),
        _c("customer_id", "str", "account id"),
        _c("rep_id", "str", "opportunity owner, a rep_id of reps"),
        _REGION,
        _c("stage", "str", "sales stage"),
        _c("amount", "float", "deal amount", min_value=0, money=True),
        _CURRENCY,
        _c("probability", "float", "stage probability, 0-1", min_value=0, max_value=1),
        _c("created_date", "date", "date the deal was created"),
        _c("close_date", "date", "expected or actual close date"),
        _c("forecast_category", "str", "Salesforce forecast category", allowed=FORECAST_CATEGORIES),
        _c("is_closed", "bool", "deal is closed (won or lost)"),
        _c("is_won", "bool", "deal is closed won"),
        _c("type", "str", "new or existing business", allowed=OPPORTUNITY_TYPES),
        _c("lead_source", "str", "where the lead came from"),
        _c("campaign_id", "str", "attributed campaign, a campaign_id of campaigns", nullable=True),
        _c("competitor", "str", "main competitor on the deal", nullable=True),
        _c("loss_reason", "str", "reason a lost deal was lost", nullable=True),
    ),
)

TARGETS = Table(
    name="targets",
    description="Monthly revenue target (quota) of one rep.",
    key=("month", "rep_id"),
    required=False,
    date_column="month",
    region_column="region",
    columns=(
        _c("month", "month", "target month, YYYY-MM"),
        _c("rep_id", "str", "a rep_id of reps"),
        _REGION,
        _c("target", "float", "net revenue target for the month", min_value=0, money=True),
        _CURRENCY,
    ),
)

REPS = Table(
    name="reps",
    description="One member of the sales organisation.",
    key=("rep_id",),
    required=False,
    date_column=None,
    region_column="region",
    columns=(
        _c("rep_id", "str", "employee id"),
        _c("rep_name", "str", "full name (free text)"),
        _c("role", "str", "job role", allowed=REP_ROLES),
        _c("team", "str", "sales team"),
        _c("manager_id", "str", "rep_id of the manager", nullable=True),
        _REGION,
        _c("hire_date", "date", "start date"),
        _c("end_date", "date", "leaving date, empty while employed", nullable=True),
    ),
)

CAMPAIGNS = Table(
    name="campaigns",
    description="One marketing campaign.",
    key=("campaign_id",),
    required=False,
    date_column="start_date",
    region_column="region",
    columns=(
        _c("campaign_id", "str", "campaign id"),
        _c("campaign_name", "str", "campaign name (free text)"),
        _REGION,
        _c("type", "str", "campaign type", allowed=CAMPAIGN_TYPES),
        _c("start_date", "date", "first day"),
        _c("end_date", "date", "last day"),
        _c("spend", "float", "actual cost", min_value=0, money=True),
        _c("leads", "int", "leads generated", min_value=0),
        _CURRENCY,
    ),
)

MARKET = Table(
    name="market",
    description="Monthly sales and price of the company and each competitor in a region.",
    key=("month", "region", "competitor"),
    required=False,
    date_column="month",
    region_column="region",
    columns=(
        _c("month", "month", "YYYY-MM"),
        _REGION,
        _c("competitor", "str", "company name; the company itself has is_own = true"),
        _c("is_own", "bool", "row describes the company itself"),
        _c("sales", "float", "estimated sales in the month", min_value=0, money=True),
        _c(
            "avg_price",
            "float",
            "average unit price of a comparable product",
            min_value=0,
            money=True,
        ),
        _CURRENCY,
    ),
)

TICKETS = Table(
    name="tickets",
    description="One customer-service ticket (Zendesk, HubSpot or Freshdesk export).",
    key=("ticket_id",),
    required=False,
    date_column="created_at",
    region_column="region",
    columns=(
        _c("ticket_id", "str", "ticket id of the help desk"),
        _c("created_at", "timestamp", "when the ticket was opened, read to UTC"),
        _REGION,
        _c("customer_id", "str", "customer account id, a customer_id of orders"),
        _c("status", "str", "status when exported", allowed=TICKET_STATUSES),
        _c(
            "priority",
            "str",
            "priority; empty when none was set",
            allowed=TICKET_PRIORITIES,
            nullable=True,
            optional=True,
        ),
        _c(
            "channel",
            "str",
            "where it came in (email, web, phone, chat)",
            nullable=True,
            optional=True,
        ),
        _c("category", "str", "topic of the ticket (free text)", nullable=True, optional=True),
        _c(
            "first_response_hours",
            "float",
            "calendar hours from creation to the first public agent reply; empty while unanswered",
            min_value=0,
            nullable=True,
            optional=True,
        ),
        _c(
            "solved_at",
            "timestamp",
            "last time the ticket was solved (full resolution), read to UTC; empty while unsolved",
            nullable=True,
            optional=True,
        ),
        _c(
            "first_response_breached",
            "bool",
            "the first-response SLA target was missed; empty when the ticket had no such target",
            nullable=True,
            optional=True,
        ),
        _c(
            "resolution_breached",
            "bool",
            "the resolution SLA target was missed; empty when the ticket had no such target",
            nullable=True,
            optional=True,
        ),
        _c(
            "csat_rating",
            "int",
            "satisfaction rating, 1 (bad) to 5 (good); empty when not rated",
            min_value=1,
            max_value=5,
            nullable=True,
            optional=True,
        ),
    ),
)

SURVEYS = Table(
    name="surveys",
    description="One answer to the Net Promoter Score question, from a contact of a customer.",
    key=("response_id",),
    required=False,
    date_column="answered_at",
    region_column="region",
    columns=(
        _c("response_id", "str", "survey response id"),
        _c("answered_at", "timestamp", "when the answer was given, read to UTC"),
        _REGION,
        _c("customer_id", "str", "customer account id, a customer_id of orders"),
        _c(
            "score",
            "int",
            "answer to 'how likely are you to recommend us', 0 to 10",
            min_value=0,
            max_value=10,
        ),
    ),
)

TABLES: dict[str, Table] = {
    t.name: t for t in (ORDERS, OPPORTUNITIES, TARGETS, REPS, CAMPAIGNS, MARKET, TICKETS, SURVEYS)
}


VOCABULARIES: dict[str, tuple[str, str]] = {
    "segments": ("orders", "segment"),
    "channels": ("orders", "channel"),
    "campaign_types": ("campaigns", "type"),
    "rep_roles": ("reps", "role"),
}
"""The business vocabularies a company names itself (``vocabularies`` in params/defaults.yaml):
name → (table, column). Their standard lists above are the defaults. Structural lists (forecast
categories, new or existing business, won and lost) stay fixed: the analyses rely on them."""

COLUMN_LABELS: dict[str, str] = {
    "line_number": N_("line number"),
    "customer_name": N_("customer name"),
    "vertical": N_("industry"),
    "segment": N_("customer segment"),
    "rep_id": N_("sales rep"),
    "channel": N_("sales channel"),
    "product_id": N_("product code"),
    "product_name": N_("product name"),
    "category": N_("product category"),
    "quantity": N_("quantity"),
    "list_price": N_("list price"),
    "discount_pct": N_("discount"),
    "cost": N_("cost"),
}
"""What a reader calls each optional order column, in English (messages of the catalogs): the
words of "Not delivered in orders.csv: cost, sales channel, sales rep." :func:`column_label`
gives them in the report's language."""


TABLE_COLUMN_LABELS: dict[str, dict[str, str]] = {
    "tickets": {
        "priority": N_("priority"),
        "channel": N_("support channel"),
        "category": N_("ticket category"),
        "first_response_hours": N_("first response time"),
        "solved_at": N_("time solved"),
        "first_response_breached": N_("first response SLA breach"),
        "resolution_breached": N_("resolution SLA breach"),
        "csat_rating": N_("CSAT rating"),
    },
}
"""What a reader calls the optional columns of a table other than orders, where its words
differ from :data:`COLUMN_LABELS` (a ticket's channel is not a sales channel), in English."""


def column_label(column: str, table: str = "orders") -> str:
    """What a reader calls ``column`` of ``table``, in the active language.

    ``rep_id`` → ``sales rep``; ``channel`` of ``tickets`` → ``support channel``. A column
    without a label in :data:`TABLE_COLUMN_LABELS` or :data:`COLUMN_LABELS` is named as in the
    file, ``_`` as blanks (``net_revenue`` → ``net revenue``), untranslated.
    """
    label = TABLE_COLUMN_LABELS.get(table, {}).get(column) or COLUMN_LABELS.get(column)
    return _(label) if label else column.replace("_", " ")


def contract(vocabularies: Mapping[str, Sequence[str] | None] | None = None) -> dict[str, Table]:
    """The contract tables with a company's own allowed values for its business vocabularies.

    Args:
        vocabularies: Name in :data:`VOCABULARIES` → the company's values; a missing or None
            entry keeps the standard list.

    Returns:
        A new ``{table name: Table}`` like :data:`TABLES`.

    Raises:
        KeyError: for a name that is not in :data:`VOCABULARIES`.
    """
    tables = dict(TABLES)
    for name, values in (vocabularies or {}).items():
        table_name, column = VOCABULARIES[name]
        if values is None:
            continue
        table = tables[table_name]
        columns = tuple(
            replace(c, allowed=tuple(values)) if c.name == column else c for c in table.columns
        )
        tables[table_name] = replace(table, columns=columns)
    return tables
