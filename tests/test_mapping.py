"""Column-mapping profiles: real CRM / ERP exports become contract columns."""

from pathlib import Path

import pandas as pd
import pytest

from reportlib.errors import ConfigError, DataError
from reportlib.intake.mapping import (
    MappedExport,
    MappingProfile,
    apply_profile,
    available_profiles,
    load_profile,
)
from reportlib.intake.readers import SHORT_ROW
from reportlib.intake.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params"
CRM = ROOT / "tests" / "fixtures" / "crm"
OPPORTUNITY_COLUMNS = TABLES["opportunities"].column_names
ORDER_COLUMNS = TABLES["orders"].column_names


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(CRM / name, dtype=str, keep_default_na=False)


def mapped(name: str, profile: str | MappingProfile) -> pd.DataFrame:
    if isinstance(profile, str):
        profile = load_profile(PARAMS, profile)
    return apply_profile(read(name), profile, source=str(CRM / name)).frame


def column(frame: pd.DataFrame, name: str) -> list[str]:
    return frame[name].tolist()


def with_changes(name: str, **changes: object) -> MappingProfile:
    profile = load_profile(PARAMS, name)
    return MappingProfile.model_validate({**profile.model_dump(), **changes})


def assert_loads(frame: pd.DataFrame, table: str) -> None:
    """The mapped text fits the contract's kinds (ISO dates, '.' numbers, boolean words)."""
    for col in TABLES[table].columns:
        text = frame[col.name].mask(frame[col.name] == "").dropna()
        if col.kind in ("int", "float"):
            number = pd.to_numeric(text)
            if col.min_value is not None:
                assert (number >= col.min_value).all(), col.name
            if col.max_value is not None:
                assert (number <= col.max_value).all(), col.name
        elif col.kind == "date":
            pd.to_datetime(text, format="%Y-%m-%d")
        elif col.kind == "bool":
            assert text.str.lower().isin({"true", "false", "1", "0"}).all(), col.name
        elif col.allowed is not None:
            assert text.isin(col.allowed).all(), col.name
        if not col.nullable:
            assert len(text) == len(frame), col.name


# --- Salesforce ---------------------------------------------------------------------------


def test_salesforce_data_loader_export():
    name = "salesforce_dataloader_opportunity.csv"
    out = mapped(name, "salesforce")
    assert list(out.columns) == OPPORTUNITY_COLUMNS
    assert list(out.index) == list(range(7))
    assert column(out, "opportunity_id")[:2] == ["0065g00000QxA1bAAF", "0065g00000QxA1cAAF"]
    assert column(out, "opportunity_name")[:3] == [
        "O'Brien & <Sons> – Renewal 2026",
        "São Paulo Distribuição – Expansão",
        'Müller, Schmidt & Co. – "Pilot" line',
    ]
    assert column(out, "customer_id")[0] == "0015g00000Lm9XyAAJ"
    assert column(out, "rep_id")[0] == "0055g00000Ab1CdAAJ"
    assert column(out, "region") == ["emea", "latam", "emea", "apac", "na", "na", "na"]
    assert column(out, "stage") == [
        "Negotiation/Review",
        "Closed Won",
        "Closed Lost",
        "Closed - Contract Signed",  # an org's own stage: passes through
        "Value Proposition",
        "Perception Analysis",
        "Prospecting",
    ]
    assert column(out, "probability") == ["0.9", "1", "0", "1", "0.5", "0.7", "0.1"]
    assert column(out, "forecast_category") == [
        "Commit",
        "Closed",
        "Omitted",
        "Closed",
        "Best Case",
        "Most Likely",
        "Pipeline",
    ]
    # from IsClosed / IsWon, also for the renamed closed stage of row 3
    assert column(out, "is_closed") == ["false", "true", "true", "true", "false", "false", "false"]
    assert column(out, "is_won") == ["false", "true", "false", "true", "false", "false", "false"]
    assert column(out, "type") == [
        "Existing Business",
        "New Business",
        "New Business",
        "Existing Business",
        "New Business",
        "Existing Business",
        "New Business",
    ]
    assert column(out, "amount")[:2] == ["125000.0", "48000.0"]
    assert column(out, "currency") == ["EUR", "BRL", "EUR", "AUD", "USD", "USD", "USD"]
    # CreatedDate is a date-time in Data Loader exports: its date part
    assert column(out, "created_date") == [
        "2026-01-15",
        "2025-11-03",
        "2025-12-01",
        "2025-10-20",
        "2026-02-10",
        "2026-02-18",
        "2026-03-01",
    ]
    assert column(out, "close_date")[0] == "2026-03-31"
    assert column(out, "lead_source")[:2] == ["Partner Referral", "Web"]
    assert column(out, "campaign_id") == [
        "7015g00000Tq3ZkAAJ",
        "",
        "",
        "",
        "7015g00000Tq3ZlAAJ",
        "",
        "",
    ]
    assert column(out, "competitor")[:3] == ["Vantora", "", "Kestrel Systems"]
    assert column(out, "loss_reason")[:3] == ["", "", "Price"]
    assert_loads(out, "opportunities")


def test_salesforce_report_export():
    name = "salesforce_report_opportunities.csv"
    out = mapped(name, "salesforce")
    assert list(out.columns) == OPPORTUNITY_COLUMNS
    assert column(out, "opportunity_id")[0] == "0065g00000QxA1cAAF"
    assert column(out, "customer_id")[:2] == [
        "São Paulo Distribuição Ltda.",
        "O'Brien & <Sons> Ltd",
    ]
    assert column(out, "rep_id")[:2] == ["Ana Souza", "Liam Walsh"]
    assert column(out, "region") == ["latam", "emea", "emea", "na", "na"]
    assert column(out, "probability") == ["1", "0.9", "0", "0.5", "0.7"]  # "90%", "50 %"
    assert column(out, "forecast_category") == [
        "Closed",
        "Commit",
        "Omitted",
        "Best Case",
        "Most Likely",
    ]
    assert column(out, "is_closed") == ["1", "0", "1", "0", "0"]  # the export's own flags
    assert column(out, "is_won") == ["1", "0", "0", "0", "0"]
    assert column(out, "type") == [
        "New Business",
        "Existing Business",
        "New Business",
        "New Business",
        "Existing Business",
    ]
    assert column(out, "currency") == ["BRL", "EUR", "EUR", "USD", "USD"]
    assert column(out, "amount")[0] == "48000.00"
    assert column(out, "campaign_id") == [""] * 5  # no such column; the contract allows empty
    assert_loads(out, "opportunities")


def test_salesforce_report_without_flags_derives_them_from_the_stage():
    raw = read("salesforce_report_opportunities.csv").drop(
        columns=["Closed", "Won", "Forecast Category"]
    )
    out = apply_profile(raw, load_profile(PARAMS, "salesforce"), source="report.csv").frame
    assert column(out, "is_closed") == ["true", "false", "true", "false", "false"]
    assert column(out, "is_won") == ["true", "false", "false", "false", "false"]
    assert column(out, "forecast_category") == [
        "Closed",
        "Commit",
        "Omitted",
        "Best Case",
        "Most Likely",
    ]


def test_flags_win_over_the_stage_text():
    raw = read("salesforce_dataloader_opportunity.csv")
    raw = raw.assign(STAGENAME="Closed Won")  # stage text says won everywhere
    out = apply_profile(raw, load_profile(PARAMS, "salesforce"), source="x.csv").frame
    assert column(out, "is_won") == column(raw, "ISWON")
    assert column(out, "is_closed") == column(raw, "ISCLOSED")


# --- HubSpot ------------------------------------------------------------------------------


def test_hubspot_export_with_internal_names():
    name = "hubspot_deals_internal.csv"
    out = mapped(name, "hubspot")
    assert list(out.columns) == OPPORTUNITY_COLUMNS
    assert column(out, "opportunity_id") == [
        "18446701",
        "18446702",
        "18446703",
        "18446704",
        "18446705",
    ]
    assert column(out, "opportunity_name")[:2] == [
        "O'Brien & <Sons> – Q2 renewal",
        "São Paulo Distribuição – Expansão",
    ]
    assert column(out, "stage") == [
        "Contract Sent",
        "Closed Won",
        "Closed Lost",
        "Appointment Scheduled",
        "Presentation Scheduled",
    ]
    assert column(out, "probability") == ["0.9", "1", "0", "0.2", "0.6"]  # already 0-1
    # manual category where set, else the stage's category
    assert column(out, "forecast_category") == [
        "Commit",
        "Closed",
        "Omitted",
        "Pipeline",
        "Best Case",
    ]
    assert column(out, "is_won") == ["false", "true", "false", "false", "false"]
    # no closed column: closed when won, or when the stage is Closed Lost
    assert column(out, "is_closed") == ["false", "true", "true", "false", "false"]
    assert column(out, "type") == [
        "Existing Business",
        "New Business",
        "New Business",
        "New Business",
        "Existing Business",
    ]
    assert column(out, "currency") == ["EUR", "BRL", "EUR", "USD", "USD"]
    assert column(out, "customer_id")[0] == "9876543201"
    assert column(out, "rep_id")[0] == "51234567"
    assert column(out, "created_date")[:2] == ["2026-01-15", "2025-11-03"]
    assert column(out, "close_date")[0] == "2026-03-31"
    assert column(out, "region") == ["emea", "latam", "emea", "na", "na"]
    assert column(out, "competitor") == ["Vantora", "", "Kestrel Systems", "", "Orbis Instruments"]
    assert column(out, "loss_reason") == ["", "", "Price", "", ""]
    assert column(out, "lead_source")[:2] == ["Offline sources", "Organic search"]
    assert column(out, "campaign_id") == [""] * 5
    assert_loads(out, "opportunities")


def test_hubspot_export_with_labels_and_a_currency_constant():
    name = "hubspot_deals_labels.csv"
    out = mapped(name, with_changes("hubspot", constants={"currency": "EUR"}))
    assert list(out.columns) == OPPORTUNITY_COLUMNS
    assert column(out, "stage") == [
        "Contract Sent",
        "Closed Won",
        "Closed Lost",
        "Qualified To Buy",
        "Decision Maker Bought-In",
    ]
    # no "Is Closed Won" column: both flags from the stage
    assert column(out, "is_closed") == ["false", "true", "true", "false", "false"]
    assert column(out, "is_won") == ["false", "true", "false", "false", "false"]
    assert column(out, "forecast_category") == [
        "Commit",
        "Closed",
        "Omitted",
        "Pipeline",
        "Best Case",
    ]
    assert column(out, "probability") == ["0.9", "1", "0", "0.4", "0.8"]
    assert column(out, "currency") == ["EUR"] * 5
    assert column(out, "customer_id")[0] == "9876543201"
    assert column(out, "rep_id")[:2] == ["Liam Walsh", "Ana Souza"]
    assert column(out, "type")[:2] == ["Existing Business", "New Business"]
    assert_loads(out, "opportunities")


def test_hubspot_labels_without_currency_is_an_error_that_suggests_a_constant():
    path = CRM / "hubspot_deals_labels.csv"
    with pytest.raises(DataError) as info:
        mapped("hubspot_deals_labels.csv", "hubspot")
    message = str(info.value)
    assert str(path) in message
    assert "no column for currency" in message
    assert "(looked for 'deal_currency_code', 'Currency')" in message
    assert "'Deal Stage'" in message  # the headers found
    assert "params/mappings/hubspot.yaml under columns.currency" in message
    assert "constants.currency" in message


# --- ERP ----------------------------------------------------------------------------------

ERP_EXPECTED = {
    "order_id": ["RE-2026-0417", "RE-2026-0417", "RE-2026-0418", "RE-2026-0419"],
    "line_number": ["1", "2", "1", "1"],
    "order_date": ["2026-03-02", "2026-03-02", "2026-03-05", "2026-03-06"],
    "region": ["emea", "emea", "latam", "emea"],
    "customer_id": ["K10023", "K10023", "K20411", "K10377"],
    "customer_name": [
        "O'Brien & <Sons> GmbH",
        "O'Brien & <Sons> GmbH",
        "São Paulo Distribuição Ltda.",
        "Müller, Schmidt & Co. KG",
    ],
    "vertical": ["Maschinenbau", "Maschinenbau", "Handel", "Chemie"],
    "segment": ["Enterprise", "Enterprise", "Mid-Market", "SMB"],
    "rep_id": ["V017", "V017", "V042", "V017"],
    "channel": ["Direct", "Direct", "Partner", "E-commerce"],
    "product_id": ["A-4711", "S-0100", "A-0815", "A-0815"],
    "product_name": ['Messgerät "Pro" 200', "Kalibrierservice", "Sensor S3", "Sensor S3"],
    "category": ["Messtechnik", "Service", "Sensorik", "Sensorik"],
    "quantity": ["3", "1", "10", "2"],
    "list_price": ["1200.00", "450.00", "85.50", "85.50"],
    "discount_pct": ["0.1", "0", "0.125", "0"],
    "net_revenue": ["3240.00", "450.00", "748.13", "171.00"],
    "cost": ["1980.00", "120.00", "390.00", "78.00"],
    "currency": ["EUR", "EUR", "BRL", "EUR"],  # empty = local currency
}


def test_erp_export_with_german_headers():
    name = "erp_orders_de.csv"
    out = mapped(name, "erp-orders-example")
    assert list(out.columns) == ORDER_COLUMNS
    assert out.to_dict("list") == ERP_EXPECTED
    assert_loads(out, "orders")


def test_erp_export_with_english_headers():
    name = "erp_orders_en.csv"
    out = mapped(name, "erp-orders-example")
    assert list(out.columns) == ORDER_COLUMNS
    assert column(out, "line_number") == ["10000", "20000", "10000", "10000"]
    assert column(out, "region") == ["na", "na", "latam", "emea"]
    assert column(out, "segment") == ["Enterprise", "Enterprise", "Mid-Market", "SMB"]
    assert column(out, "channel") == ["Direct", "Inside Sales", "Partner", "E-commerce"]
    assert column(out, "discount_pct") == ERP_EXPECTED["discount_pct"]
    assert column(out, "cost") == ["1980", "120", "390", "78"]
    assert column(out, "currency") == ["USD", "USD", "BRL", "EUR"]
    assert_loads(out, "orders")


# --- a retailer's order lines (Superstore shape), with computed columns -------------------

SUPERSTORE = "superstore_orders.csv"


def test_retailer_export_with_the_example_profile():
    raw = read(SUPERSTORE)
    result = apply_profile(raw, load_profile(PARAMS, "retailer-example"), source="superstore.csv")
    assert isinstance(result, MappedExport)
    # rep_id, channel and vertical: not in the export, optional, so not delivered
    assert result.frame.to_dict("list") == {
        "order_id": [
            "CA-2016-152156",
            "CA-2016-152156",
            "CA-2016-138688",
            "US-2015-108966",
            "US-2015-108966",
            "CA-2017-100001",
            "CA-2017-100002",
        ],
        "line_number": ["1", "2", "1", "1", "2", "1", "1"],
        "order_date": [
            "11/8/2016",
            "11/8/2016",
            "6/12/2016",
            "10/11/2015",
            "10/11/2015",
            "3/1/2017",
            "4/15/2017",
        ],
        "region": ["south", "south", "west", "south", "south", "east", "central"],
        "customer_id": [
            "CG-12520",
            "CG-12520",
            "DV-13045",
            "SO-20335",
            "SO-20335",
            "HO-10001",
            "CR-10002",
        ],
        "customer_name": [
            "Claire Gute",
            "Claire Gute",
            "Darrin Van Huff",
            "Sean O'Donnell",
            "Sean O'Donnell",
            "Hannah Ortiz",
            "Carlos Ruiz",
        ],
        "segment": [
            "Consumer",
            "Consumer",
            "Corporate",
            "Consumer",
            "Consumer",
            "Home Office",
            "Corporate",
        ],
        "product_id": [
            "FUR-BO-10001798",
            "FUR-CH-10000454",
            "OFF-LA-10000240",
            "FUR-TA-10000577",
            "OFF-ST-10000760",
            "TEC-PH-10000001",
            "OFF-PA-10000002",
        ],
        "product_name": [
            "Bush Somerset Collection Bookcase",
            "Hon Deluxe Fabric Upholstered Stacking Chairs, Rounded Back",
            "Self-Adhesive Address Labels for Typewriters by Universal",
            "Bretford CR4500 Series Slim Rectangular Table",
            "Eldon Fold 'N Roll Cart System",
            'Desk Phone "Pro" 200',
            "Copy Paper",
        ],
        "category": [
            "Furniture",
            "Furniture",
            "Office Supplies",
            "Furniture",
            "Office Supplies",
            "Technology",
            "Office Supplies",
        ],
        "quantity": ["2", "3", "2", "5", "2", "3", "3"],
        # Sales / Quantity / (1 - Discount): 261.96 / 2 / 1, ..., 957.5775 / 5 / 0.55,
        # 22.368 / 2 / 0.8, 240 / 3 / 0.8, 51.84 / 3 / 0.8
        "list_price": ["130.98", "243.98", "7.31", "348.21", "13.98", "100", "21.6"],
        "discount_pct": ["0", "0", "0", "0.45", "0.2", "0.2", "0.2"],
        "net_revenue": ["261.96", "731.94", "14.62", "957.5775", "22.368", "240", "51.84"],
        # Sales - Profit: 261.96 - 41.9136, ..., 957.5775 - (-383.031), 22.368 - 2.5164, ...
        "cost": ["220.0464", "512.358", "7.7486", "1340.6085", "19.8516", "210", "33.696"],
        "currency": ["USD"] * 7,
    }
    assert result.reasons.tolist() == [""] * 7
    assert result.unused == (
        "Row ID",
        "Ship Date",
        "Ship Mode",
        "Country",
        "City",
        "State",
        "Postal Code",
        "Sub-Category",
    )


LINE_COLUMNS = {
    "order_id": ["Order ID"],
    "order_date": ["Order Date"],
    "customer_id": ["Customer ID"],
    "net_revenue": ["Sales"],
}


def computed_profile(**computed: str) -> MappingProfile:
    return MappingProfile(
        table="orders",
        columns=LINE_COLUMNS,
        constants={"currency": "USD", "region": "west"},
        computed=computed,
    )


def order_lines(**columns: list[str]) -> pd.DataFrame:
    rows = len(next(iter(columns.values())))
    base = {
        "Order ID": [f"A{i}" for i in range(rows)],
        "Order Date": ["2026-03-02"] * rows,
        "Customer ID": ["C1"] * rows,
        "Category": ["Paper"] * rows,
    }
    return pd.DataFrame({**base, **columns})


def test_row_number_counts_lines_per_order_in_file_order():
    raw = order_lines(**{"Order ID": ["A", "A", "B", "A"], "Sales": ["1", "2", "3", "4"]})
    profile = computed_profile(line_number="row_number(`Order ID`)")
    out = apply_profile(raw, profile, source="x.csv").frame
    assert column(out, "line_number") == ["1", "2", "1", "3"]


def test_operands_are_read_in_the_file_number_format_and_results_written_in_it():
    raw = order_lines(Sales=["1.234,50", "261,96"], Profit=["34,50", "41,9136"])
    profile = computed_profile(cost="Sales - Profit")
    result = apply_profile(raw, profile, source="x.csv", decimal=",", thousands=".")
    assert column(result.frame, "cost") == ["1200", "220,0464"]
    assert result.reasons.tolist() == ["", ""]


def test_a_bad_or_empty_operand_empties_the_cell_and_gives_the_row_a_reason():
    raw = order_lines(Sales=["261.96", "10", "10", "10"], Profit=["41.9136", "abc", "", "n/a"])
    result = apply_profile(raw, computed_profile(cost="Sales - Profit"), source="x.csv")
    assert column(result.frame, "cost") == ["220.0464", "", "", ""]
    reasons = result.reasons.tolist()
    assert reasons[0] == ""
    assert reasons[1].startswith("cost: computed from Sales - Profit, but Profit 'abc' ")
    assert reasons[2] == "cost: computed from Sales - Profit, but Profit is empty"
    assert reasons[3] == "cost: computed from Sales - Profit, but Profit is empty"
    assert result.reasons.dtype == "string"


def test_every_bad_operand_of_a_row_is_named():
    raw = order_lines(Sales=[""], Profit=[""])
    result = apply_profile(raw, computed_profile(cost="Sales - Profit"), source="x.csv")
    assert result.reasons.tolist() == [
        "cost: computed from Sales - Profit, but Sales is empty and Profit is empty"
    ]


def test_division_by_zero_empties_the_cell_and_names_the_divisor():
    raw = order_lines(
        Sales=["22.368", "10", "10"], Quantity=["2", "0", "2"], Discount=["0.2", "0", "1"]
    )
    profile = computed_profile(list_price="Sales / Quantity / (1 - Discount)")
    result = apply_profile(raw, profile, source="x.csv")
    assert column(result.frame, "list_price") == ["13.98", "", ""]
    formula = "list_price: computed from Sales / Quantity / (1 - Discount), but"
    assert result.reasons.tolist() == [
        "",
        f"{formula} Quantity is 0",
        f"{formula} 1 - Discount is 0",
    ]


def test_reasons_of_several_computed_columns_are_joined():
    raw = order_lines(Sales=["10"], Profit=["x"], Quantity=["0"], Discount=["0"])
    profile = computed_profile(cost="Sales - Profit", list_price="Sales / Quantity")
    reason = apply_profile(raw, profile, source="x.csv").reasons.iloc[0]
    assert reason.startswith("list_price: computed from Sales / Quantity, but Quantity is 0; ")
    assert "; cost: computed from Sales - Profit, but Profit 'x' " in reason


def test_a_cut_off_line_stays_cut_off_for_the_loader():
    raw = order_lines(Sales=["10", "10"], Profit=["4", SHORT_ROW])
    result = apply_profile(raw, computed_profile(cost="Sales - Profit"), source="x.csv")
    assert column(result.frame, "cost") == ["6", SHORT_ROW]
    assert result.reasons.tolist() == ["", ""]  # the loader names the cut-off line


def test_operand_headers_match_ignoring_case_and_blanks():
    raw = order_lines(**{" SALES ": ["5"], "profit": ["2"]})
    result = apply_profile(raw, computed_profile(cost="Sales - `PROFIT`"), source="x.csv")
    assert column(result.frame, "cost") == ["3"]


def test_a_delivered_column_wins_over_its_formula_and_its_operands_are_unused():
    raw = order_lines(Sales=["10"], Profit=["4"], Cost=["7"])
    result = apply_profile(raw, computed_profile(cost="Sales - Profit"), source="x.csv")
    assert column(result.frame, "cost") == ["7"]
    assert result.unused == ("Profit",)


def test_computed_results_are_in_contract_units_not_percent_scaled():
    profile = MappingProfile(
        table="orders",
        columns=LINE_COLUMNS,
        constants={"currency": "USD", "region": "west"},
        percent_columns=["discount_pct"],
        computed={"discount_pct": "1 - Sales / Gross"},
    )
    raw = order_lines(Sales=["80"], Gross=["100"])
    assert column(apply_profile(raw, profile, source="x.csv").frame, "discount_pct") == ["0.2"]


def test_absent_optional_columns_are_left_out():
    raw = order_lines(Sales=["10"])
    result = apply_profile(raw, computed_profile(), source="x.csv")
    assert list(result.frame.columns) == [
        "order_id",
        "order_date",
        "region",
        "customer_id",
        "category",
        "net_revenue",
        "currency",
    ]
    assert result.unused == ()


def test_one_of_product_id_or_category_is_required():
    raw = order_lines(Sales=["10"]).drop(columns="Category")
    with pytest.raises(DataError) as info:
        apply_profile(raw, computed_profile(), source="x.csv")
    message = str(info.value)
    assert "no column for product_id (looked for 'product_id') or category (looked for" in message
    assert "under columns.product_id or columns.category" in message


def test_a_formula_naming_a_header_the_export_lacks():
    raw = order_lines(Sales=["10"], Profit=["4"])
    with pytest.raises(DataError) as info:
        apply_profile(raw, computed_profile(cost="Sales - Proft"), source="x.csv")
    message = str(info.value)
    assert message.startswith("x.csv: computed.cost ('Sales - Proft') uses 'Proft'")
    assert "(did you mean 'Profit'?)" in message
    assert "headers found: ['Order ID', 'Order Date', 'Customer ID', 'Category', 'Sales'" in message
    assert "under computed.cost" in str(info.value.hint)


def test_computed_columns_do_not_change_raw():
    raw = order_lines(Sales=["10", "x"], Profit=["4", "1"])
    before = raw.copy(deep=True)
    apply_profile(raw, computed_profile(cost="Sales - Profit"), source="x.csv")
    pd.testing.assert_frame_equal(raw, before)


# --- behaviour ----------------------------------------------------------------------------


def test_raw_is_not_mutated_and_the_index_is_kept():
    raw = read("salesforce_dataloader_opportunity.csv").iloc[[5, 1, 3]]
    before = raw.copy(deep=True)
    out = apply_profile(raw, load_profile(PARAMS, "salesforce"), source="x.csv").frame
    pd.testing.assert_frame_equal(raw, before)
    assert list(out.index) == [5, 1, 3]
    assert column(out, "stage") == ["Perception Analysis", "Closed Won", "Closed - Contract Signed"]
    assert out is not raw


def test_the_result_is_all_text():
    out = mapped("hubspot_deals_internal.csv", "hubspot")
    assert all(pd.api.types.is_string_dtype(out[c]) for c in out.columns)
    assert not out.isna().any().any()


def test_headers_match_ignoring_case_and_blanks_and_unknown_values_pass_through():
    raw = pd.DataFrame(
        {
            "  dealname ": ["A"],
            "DEALSTAGE": ["my custom stage"],
            "Amount": ["10"],
            "hs_object_id": ["1"],
            "deal_currency_code": ["EUR"],
            "closedate": ["2026-01-01"],
            "createdate": ["2025-12-01"],
            "hubspot_owner_id": ["7"],
            "dealtype": ["renewal"],
            "hs_deal_stage_probability": ["0.3"],
            "company_id": ["c1"],
            "region": ["Mars"],
            "hs_analytics_source": ["SOMETHING_NEW"],
        }
    )
    out = apply_profile(raw, load_profile(PARAMS, "hubspot"), source="x.csv").frame
    assert out.loc[0, "opportunity_name"] == "A"
    assert out.loc[0, "stage"] == "my custom stage"
    assert out.loc[0, "type"] == "renewal"  # validation will report it
    assert out.loc[0, "region"] == "Mars"
    assert out.loc[0, "forecast_category"] == ""  # stage unknown: validation reports it
    assert (out.loc[0, "is_closed"], out.loc[0, "is_won"]) == ("false", "false")


@pytest.mark.parametrize(
    ("mode", "cells", "expected"),
    [
        ("auto", ["0.2", "0.95", "1", ""], ["0.2", "0.95", "1", ""]),
        ("auto", ["20", "0.5", "100", ""], ["0.2", "0.005", "1", ""]),
        ("auto", ["0.5%", "1"], ["0.005", "0.01"]),
        ("percent", ["1", "33.3", " 90 % "], ["0.01", "0.333", "0.9"]),
        ("fraction", ["0.2", "90%", "high"], ["0.2", "0.9", "high"]),
        ("percent", ["high", "n/a", "12,5"], ["high", "n/a", "12,5"]),
    ],
)
def test_probability_scaling(mode, cells, expected):
    profile = MappingProfile(table="opportunities", probability=mode)
    raw = pd.DataFrame({c: ["x"] * len(cells) for c in OPPORTUNITY_COLUMNS})
    raw["probability"] = cells
    out = apply_profile(raw, profile, source="x.csv").frame
    assert column(out, "probability") == expected


def test_percentages_in_the_file_number_format():
    profile = MappingProfile(table="orders", percent_columns=["discount_pct"])
    raw = pd.DataFrame({c: ["x"] * 3 for c in ORDER_COLUMNS})
    raw["discount_pct"] = ["12,5", "1.000,0", "7 %"]
    out = apply_profile(raw, profile, source="x.csv", decimal=",", thousands=".").frame
    assert column(out, "discount_pct") == ["0,125", "10", "0,07"]


def test_a_percentage_that_does_not_fit_the_format_is_left_for_the_loader_to_name():
    """Under thousands ',' the text 12,50% is no number: it must not become 1250% = 12.5."""
    profile = MappingProfile(table="orders", percent_columns=["discount_pct"])
    raw = pd.DataFrame({c: ["x"] * 4 for c in ORDER_COLUMNS})
    raw["discount_pct"] = ["12,50%", "12.5%", "1,250", "n/a"]
    out = apply_profile(raw, profile, source="x.csv", decimal=".", thousands=",").frame
    assert column(out, "discount_pct") == ["12,50%", "0.125", "12.5", "n/a"]


def test_constants_fill_only_absent_columns():
    profile = MappingProfile(table="targets", constants={"currency": "EUR", "region": "emea"})
    raw = pd.DataFrame(
        {"month": ["2026-01"], "rep_id": ["R1"], "target": ["100"], "region": ["na"]}
    )
    out = apply_profile(raw, profile, source="t.csv").frame
    assert out.to_dict("list") == {
        "month": ["2026-01"],
        "rep_id": ["R1"],
        "region": ["na"],
        "target": ["100"],
        "currency": ["EUR"],
    }


def test_only_the_is_closed_flag_present():
    profile = MappingProfile(table="opportunities", derive_closed_won_from_stage=True)
    raw = pd.DataFrame({c: ["x", "x", "x"] for c in OPPORTUNITY_COLUMNS}).drop(columns="is_won")
    raw["stage"] = ["Closed Won", "closed won", "Closed Won"]
    raw["is_closed"] = ["true", "false", "maybe"]
    out = apply_profile(raw, profile, source="x.csv").frame
    assert column(out, "is_closed") == ["true", "false", "maybe"]
    assert column(out, "is_won") == ["true", "false", "false"]


# --- errors -------------------------------------------------------------------------------


def test_missing_required_column_names_file_column_and_headers():
    path = CRM / "salesforce_dataloader_opportunity.csv"
    raw = read(path.name).drop(columns=["STAGENAME", "AMOUNT"])
    with pytest.raises(DataError) as info:
        apply_profile(raw, load_profile(PARAMS, "salesforce"), source=str(path))
    message = str(info.value)
    assert message.startswith(str(path))
    assert "no column for stage (looked for 'StageName', 'Stage')" in message
    assert "amount (looked for 'Amount')" in message
    assert "'CLOSEDATE'" in message and "'ISWON'" in message  # headers found
    assert info.value.hint is not None
    assert "mappings/salesforce.yaml under columns.stage, columns.amount" in info.value.hint


def test_missing_column_suggests_a_close_header():
    raw = read("hubspot_deals_internal.csv").rename(columns={"dealstage": "deal_stage"})
    with pytest.raises(DataError, match="closest header 'deal_stage'"):
        apply_profile(raw, load_profile(PARAMS, "hubspot"), source="x.csv")


def test_a_profile_built_in_code_points_at_itself_in_the_hint():
    with pytest.raises(DataError) as info:
        apply_profile(pd.DataFrame({"x": ["1"]}), MappingProfile(table="reps"), source="r.csv")
    assert "the mapping profile under columns.rep_id" in str(info.value.hint)


def test_headers_that_differ_only_in_case_are_ambiguous():
    raw = pd.DataFrame({"Stage": ["a"], "stage ": ["b"]})
    with pytest.raises(DataError, match="differ only in case"):
        apply_profile(raw, MappingProfile(table="opportunities"), source="x.csv")


@pytest.mark.parametrize(
    "name", ["salesforce", "hubspot", "erp-orders-example", "retailer-example"]
)
def test_shipped_profiles_load(name):
    assert name in available_profiles(PARAMS)
    assert load_profile(PARAMS, name).path == PARAMS / "mappings" / f"{name}.yaml"


def write_profile(tmp_path: Path, text: str, name: str = "bad") -> Path:
    folder = tmp_path / "mappings"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_key_in_a_profile_names_file_and_key(tmp_path):
    path = write_profile(tmp_path, "table: opportunities\ncolums:\n  stage: [Phase]\n")
    with pytest.raises(ConfigError) as info:
        load_profile(tmp_path, "bad")
    message = str(info.value)
    assert str(path) in message
    assert "unknown key 'colums'" in message
    assert "did you mean 'columns'?" in message


def test_unknown_contract_column_in_a_profile(tmp_path):
    path = write_profile(tmp_path, "table: opportunities\ncolumns:\n  stge: [Phase]\n")
    with pytest.raises(ConfigError) as info:
        load_profile(tmp_path, "bad")
    message = str(info.value)
    assert str(path) in message
    assert "'stge' not a column of table 'opportunities' (did you mean 'stage'?)" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("table: deals\n", "unknown table 'deals'"),
        ("columns: {}\n", "missing key 'table'"),
        ("table: orders\nprobability: percnt\n", "key 'probability'"),
        ("table: orders\nvalues:\n  segment:\n    Gross: Large\n", "'Large' not allowed"),
        ("table: orders\nconstants:\n  channel: Web\n", "'Web' not allowed"),
        ("table: orders\npercent_columns: [quantity]\n", "not number columns"),
        ("table: orders\nderive_closed_won_from_stage: true\n", "no stage, is_closed"),
        (
            "table: opportunities\nforecast_category_from_stage:\n  Won: Done\n",
            "'Done' not allowed",
        ),
        ("table: opportunities\nvalues:\n  is_won:\n    yes: 'true'\n", "put it in quotes"),
        ("table: opportunities\nvalues:\n  stage:\n    won: A\n    WON: B\n", "same value"),
    ],
)
def test_profile_mistakes_are_config_errors(tmp_path, text, expected):
    write_profile(tmp_path, text)
    with pytest.raises(ConfigError, match=r"bad\.yaml") as info:
        load_profile(tmp_path, "bad")
    assert expected in str(info.value)


def test_a_single_header_may_be_written_without_brackets(tmp_path):
    write_profile(tmp_path, "table: reps\ncolumns:\n  rep_name: Full Name\n", name="hr")
    assert load_profile(tmp_path, "hr").columns == {"rep_name": ["Full Name"]}


def test_unknown_profile_name_lists_the_available_ones():
    with pytest.raises(ConfigError) as info:
        load_profile(PARAMS, "salesfroce")
    message = str(info.value)
    assert "no mapping profile 'salesfroce' (did you mean 'salesforce'?)" in message
    assert "available: " in message
    for name in ("erp-orders-example", "hubspot", "retailer-example", "salesforce"):
        assert name in message.split("available: ")[1]


def test_no_mappings_folder(tmp_path):
    with pytest.raises(ConfigError, match="available: none"):
        load_profile(tmp_path, "salesforce")


def test_profiles_are_frozen():
    profile = load_profile(PARAMS, "salesforce")
    with pytest.raises(ValueError, match="frozen"):
        profile.table = "orders"


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("__import__('os').system('x')", "not allowed: calls"),
        ("Sales.__class__", "not allowed: attribute access"),
        ("open('f')", "not allowed: calling open()"),
        ("2**1000000", "not allowed: the operator **"),
        ("'Sales'", "not allowed: the value 'Sales'"),
    ],
)
def test_a_formula_that_is_not_arithmetic_is_refused_at_load(tmp_path, formula, expected):
    path = write_profile(tmp_path, f"table: orders\ncomputed:\n  cost: {formula!r}\n")
    with pytest.raises(ConfigError) as info:
        load_profile(tmp_path, "bad")
    message = str(info.value)
    assert str(path) in message
    assert f"computed.cost: {formula!r}: " in message
    assert expected in message


@pytest.mark.parametrize(
    ("computed", "expected"),
    [
        ("  region: Sales", "only number columns can be computed; region is str"),
        ("  line_number: Position * 1", "line_number is computed with row_number(<header>)"),
        ("  quantity: row_number(Order)", "row_number computes nothing else"),
        ("  cost: Sales - Profit\n  list_price: cost / Quantity", "uses cost, which is computed"),
        ("  costs: Sales - Profit", "'costs' not a column of table 'orders'"),
    ],
)
def test_computed_mistakes_are_config_errors(tmp_path, computed, expected):
    write_profile(tmp_path, f"table: orders\ncomputed:\n{computed}\n")
    with pytest.raises(ConfigError, match=r"bad\.yaml") as info:
        load_profile(tmp_path, "bad")
    assert expected in str(info.value)


def test_a_column_is_computed_or_constant_not_both(tmp_path):
    text = "table: orders\nconstants:\n  cost: '0'\ncomputed:\n  cost: Sales - Profit\n"
    write_profile(tmp_path, text)
    with pytest.raises(ConfigError, match="a column is computed or constant"):
        load_profile(tmp_path, "bad")


def test_a_formula_starting_with_a_backtick_loads_when_quoted(tmp_path):
    text = (
        "table: orders\ncomputed:\n"
        '  cost: "`Line Amount` - `Line Profit`"\n'
        "  line_number: row_number(`Document No.`)\n"
    )
    write_profile(tmp_path, text, name="erp")
    profile = load_profile(tmp_path, "erp")
    assert profile.formulas["cost"].headers == ("Line Amount", "Line Profit")
    assert profile.formulas["line_number"].row_number_of == "Document No."


def test_value_translations_follow_the_company_vocabulary(tmp_path):
    from reportlib.config import Vocabularies
    from reportlib.intake.schema import contract

    folder = tmp_path / "params" / "mappings"
    folder.mkdir(parents=True)
    (folder / "shop.yaml").write_text(
        "table: orders\nvalues:\n  segment:\n    HO: Home Office\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as info:  # not a standard segment
        load_profile(tmp_path / "params", "shop")
    assert "'Home Office' not allowed in orders.segment" in info.value.message
    retail = contract(Vocabularies(segments=("Consumer", "Home Office")).model_dump())
    profile = load_profile(tmp_path / "params", "shop", retail)
    raw = pd.DataFrame(
        {
            "order_id": ["A", "B"],
            "order_date": ["2026-10-01"] * 2,
            "region": ["na"] * 2,
            "customer_id": ["C1", "C2"],
            "category": ["Paper"] * 2,
            "net_revenue": ["10", "20"],
            "currency": ["USD"] * 2,
            "segment": ["ho", "consumer"],
        },
        dtype="string",
    )
    mapped = apply_profile(raw, profile, source="shop.csv")
    assert mapped.frame["segment"].tolist() == ["Home Office", "Consumer"]
