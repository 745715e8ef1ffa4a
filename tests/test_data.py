"""Reading the input tables: types, messages that point at the file line, region cuts, FX."""

import copy
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reportlib import sample
from reportlib.config import Source
from reportlib.errors import DataError
from reportlib.intake.data import Tables, load_tables, read_table, table_path
from reportlib.intake.schema import TABLES
from reportlib.run.extract import read_extract, write_extract

ORDERS_HEADER = (
    "order_id,line_number,order_date,region,customer_id,customer_name,vertical,segment,rep_id,"
    "channel,product_id,product_name,category,quantity,list_price,discount_pct,net_revenue,cost,"
    "currency"
)
# net_revenue = quantity x list_price x (1 - discount_pct), worked out by hand
ORDER_ROWS = [
    "SO-1,1,2026-10-01,na,C1,Acme Inc.,Retail,SMB,R1,Direct,S100,S100 Sensor,Sensors,"
    "2,400.0,0.1,720.0,430.0,USD",
    "SO-1,2,2026-10-01,na,C1,Acme Inc.,Retail,SMB,R1,Direct,PK,Probe Kit,Consumables,"
    "10,95,0,950.0,460.0,USD",
    "SO-2,1,2026-10-31,emea,C2,Müller Technik GmbH,Manufacturing,Enterprise,R2,Partner,"
    "A5,A5 Bench Analyzer,Analyzers,1,6000,0.25,4500.0,3600.0,EUR",
    'SO-3,1,2026-09-15,latam,C3,"São Paulo Agro, Ltda.",Energy,Mid-Market,R3,Inside Sales,'
    "FM,Fleet Monitor licence,Software,3,1000.5,0.2,2401.2,1200,BRL",
]
OPPORTUNITIES_CSV = """\
opportunity_id,opportunity_name,customer_id,rep_id,region,stage,amount,currency,probability,\
created_date,close_date,forecast_category,is_closed,is_won,type,lead_source,campaign_id,\
competitor,loss_reason
OPP-1,Acme – New Business,C1,R1,na,Closed Won,50000,USD,1.0,2026-08-01,2026-09-30,Closed,\
true,TRUE,New Business,Referral,,,
OPP-2,Müller – Existing Business,C2,R2,emea,Closed Lost,20000.5,EUR,0,2026-07-10,2026-10-02,\
Omitted,True,false,Existing Business,Campaign,CMP-0001,Vantora,Price
OPP-3,São Paulo – New Business,C3,R3,latam,Negotiation/Review,100000,BRL,0.9,2026-10-05,\
2026-12-15,Commit,FALSE,False,New Business,Website,, Kestrel Systems ,
"""
TARGETS_CSV = """\
month,rep_id,region,target,currency
2026-10,R1,na,1500,USD
2026-10,R2,emea,4000.0,EUR
2026-11,R3,latam,2500,BRL
"""
REPS_CSV = """\
rep_id,rep_name,role,team,manager_id,region,hire_date,end_date
R0,Grace O'Brien,Sales Manager,NA East,,na,2018-03-01,
R1,Liam Chen,Account Executive,NA East,R0,na,2024-02-29,
R2,Björn Müller,Account Executive,EMEA North,R0,emea,2020-01-06,2026-06-30
R3,João Silva,Account Executive,Brazil,R0,latam,2021-11-15,
"""
RATES = {"USD": 1.0, "EUR": 1.08, "BRL": 0.18}
AMOUNTS = (
    "amounts written 1234.56 (decimal '.', no thousands separator; a mark of the row's currency "
    "allowed)"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def orders_csv(rows: list[str] = ORDER_ROWS) -> str:
    return "\n".join([ORDERS_HEADER, *rows]) + "\n"


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    write(folder / "orders.csv", orders_csv())
    write(folder / "opportunities.csv", OPPORTUNITIES_CSV)
    write(folder / "targets.csv", TARGETS_CSV)
    write(folder / "reps.csv", REPS_CSV)
    return folder


@pytest.fixture
def tables(data_dir):
    return load_tables(data_dir).tables


def read_error(path: Path, table: str) -> DataError:
    with pytest.raises(DataError) as info:
        read_table(path, TABLES[table])
    return info.value


def strings(*values):
    return pd.array(values, dtype="string")


def dates(*values):
    return pd.to_datetime(list(values)).astype("datetime64[ns]")


# --- reading one table ---------------------------------------------------------------------


def test_orders_come_out_typed_in_contract_order(data_dir):
    orders = read_table(data_dir / "orders.csv", TABLES["orders"]).frame
    expected = pd.DataFrame(
        {
            "order_id": strings("SO-1", "SO-1", "SO-2", "SO-3"),
            "line_number": pd.array([1, 2, 1, 1], dtype="Int64"),
            "order_date": dates("2026-10-01", "2026-10-01", "2026-10-31", "2026-09-15"),
            "region": strings("na", "na", "emea", "latam"),
            "customer_id": strings("C1", "C1", "C2", "C3"),
            "customer_name": strings(
                "Acme Inc.", "Acme Inc.", "Müller Technik GmbH", "São Paulo Agro, Ltda."
            ),
            "vertical": strings("Retail", "Retail", "Manufacturing", "Energy"),
            "segment": strings("SMB", "SMB", "Enterprise", "Mid-Market"),
            "rep_id": strings("R1", "R1", "R2", "R3"),
            "channel": strings("Direct", "Direct", "Partner", "Inside Sales"),
            "product_id": strings("S100", "PK", "A5", "FM"),
            "product_name": strings(
                "S100 Sensor", "Probe Kit", "A5 Bench Analyzer", "Fleet Monitor licence"
            ),
            "category": strings("Sensors", "Consumables", "Analyzers", "Software"),
            "quantity": pd.array([2, 10, 1, 3], dtype="Int64"),
            "list_price": [400.0, 95.0, 6000.0, 1000.5],
            "discount_pct": [0.1, 0.0, 0.25, 0.2],
            "net_revenue": [720.0, 950.0, 4500.0, 2401.2],
            "cost": [430.0, 460.0, 3600.0, 1200.0],
            "currency": strings("USD", "USD", "EUR", "BRL"),
        }
    )
    pd.testing.assert_frame_equal(orders, expected, check_exact=True)
    assert list(orders.index) == [0, 1, 2, 3]


def test_columns_in_another_order_and_extra_columns(tmp_path):
    path = write(
        tmp_path / "targets.csv",
        "note,currency,target,region,rep_id,month\nhello,USD,10,na,R1,2026-10\n",
    )
    targets = read_table(path, TABLES["targets"]).frame
    assert list(targets.columns) == ["month", "rep_id", "region", "target", "currency"]
    assert targets.iloc[0].to_dict() == {
        "month": "2026-10",
        "rep_id": "R1",
        "region": "na",
        "target": 10.0,
        "currency": "USD",
    }


def test_booleans_dates_and_empty_values(data_dir):
    opp = read_table(data_dir / "opportunities.csv", TABLES["opportunities"]).frame
    assert opp["is_closed"].dtype == "boolean"
    assert opp["is_closed"].tolist() == [True, True, False]
    assert opp["is_won"].tolist() == [True, False, False]
    assert opp["amount"].tolist() == [50000.0, 20000.5, 100000.0]
    assert opp["probability"].tolist() == [1.0, 0.0, 0.9]
    assert opp["close_date"].tolist() == [
        pd.Timestamp("2026-09-30"),
        pd.Timestamp("2026-10-02"),
        pd.Timestamp("2026-12-15"),
    ]
    # empty cells are missing values; blanks around a value are trimmed
    assert opp["campaign_id"].isna().tolist() == [True, False, True]
    assert opp["competitor"].tolist() == [pd.NA, "Vantora", "Kestrel Systems"]
    assert opp["loss_reason"].tolist() == [pd.NA, "Price", pd.NA]
    assert opp["opportunity_name"].tolist() == [
        "Acme – New Business",
        "Müller – Existing Business",
        "São Paulo – New Business",
    ]


def test_empty_dates_are_nat(data_dir):
    reps = read_table(data_dir / "reps.csv", TABLES["reps"]).frame
    assert reps["hire_date"].dtype == "datetime64[ns]"
    assert reps["end_date"].dtype == "datetime64[ns]"
    assert reps["end_date"].isna().tolist() == [True, True, False, True]
    assert reps["end_date"].iloc[2] == pd.Timestamp("2026-06-30")
    assert reps["hire_date"].iloc[1] == pd.Timestamp("2024-02-29")
    assert reps["manager_id"].tolist() == [pd.NA, "R0", "R0", "R0"]
    assert reps["rep_name"].iloc[0] == "Grace O'Brien"


def test_months_stay_text(data_dir):
    targets = read_table(data_dir / "targets.csv", TABLES["targets"]).frame
    assert targets["month"].dtype == "string"
    assert targets["month"].tolist() == ["2026-10", "2026-10", "2026-11"]
    assert targets["target"].dtype == "float64"
    assert targets["target"].tolist() == [1500.0, 4000.0, 2500.0]


@pytest.mark.parametrize("storage", ["pyarrow", "python"])
def test_cells_are_trimmed_and_no_value_texts_are_empty_whichever_string_storage(tmp_path, storage):
    """pandas keeps text in Arrow arrays by default, in Python objects when its
    ``mode.string_storage`` says so (an analyst's session may): the same cells are trimmed,
    read as empty and refused either way."""
    rows = [
        ORDER_ROWS[0].replace("Acme Inc.", "  Acme Inc. "),
        ORDER_ROWS[1].replace(",10,95,", ",ten,95,"),
        "SO-9,1,2026-10-02",  # a line cut short
        ORDER_ROWS[2].replace(",Enterprise,", ", N/A ,"),  # no segment: a required column
        ORDER_ROWS[3],
    ]
    path = write(tmp_path / "orders.csv", orders_csv(rows))
    with pd.option_context("mode.string_storage", storage):
        read = read_table(path, TABLES["orders"], Source(max_reject_share=1.0))
    assert read.frame["customer_name"].tolist() == ["Acme Inc.", "São Paulo Agro, Ltda."]
    assert read.frame["quantity"].tolist() == [2, 3]
    assert read.rejects["line"].tolist() == [3, 4, 5]
    assert read.rejects["reason"].tolist() == [
        "quantity: not whole numbers",
        "the line has fewer fields than the header (truncated?)",
        "segment: empty",
    ]
    short = read.rejects[read.rejects["line"] == 4].iloc[0]
    assert short["order_id"] == "SO-9" and short["customer_name"] == ""  # as in the file
    assert not read.rejects.drop(columns="line").apply(lambda c: c.str.contains("\x00")).any().any()


def test_header_only_file_gives_an_empty_typed_table(tmp_path):
    path = write(tmp_path / "orders.csv", ORDERS_HEADER + "\n")
    orders = read_table(path, TABLES["orders"]).frame
    assert len(orders) == 0
    assert list(orders.columns) == TABLES["orders"].column_names
    assert orders["quantity"].dtype == "Int64"
    assert orders["net_revenue"].dtype == "float64"
    assert orders["order_date"].dtype == "datetime64[ns]"


def test_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_bytes(b"\xef\xbb\xbf" + TARGETS_CSV.encode("utf-8"))
    assert read_table(path, TABLES["targets"]).frame["month"].iloc[0] == "2026-10"


# --- messages that point at the file line --------------------------------------------------


def test_decimal_comma_names_file_column_line_and_value(tmp_path):
    rows = [*ORDER_ROWS[:2], ORDER_ROWS[2].replace(",4500.0,", ',"12,5",'), ORDER_ROWS[3]]
    path = write(tmp_path / "orders.csv", orders_csv(rows))
    err = read_error(path, "orders")
    # header = line 1, so the third data row is line 4
    assert err.message == (
        f"{path}: column 'net_revenue', rows [4]: values '12,5' "
        "are not amounts written 1234.56 (decimal '.', no thousands separator; a mark of the "
        "row's currency allowed); 1 of 4 rows cannot be used (25%, more than the 5% allowed)"
    )
    # decimal: ',' would read '12,5' but not the other rows (720.0...): no setting to suggest
    assert err.hint == (
        "these rows write numbers as 1234,56 (decimal ',', no thousands separator), unlike the "
        "rest of the column: fix those rows"
    )
    assert err.exit_code == 3


def test_several_bad_values_are_listed_with_their_lines(tmp_path):
    rows = [
        ORDER_ROWS[0].replace(",720.0,", ",abc,"),
        ORDER_ROWS[1],
        ORDER_ROWS[2].replace(",4500.0,", ",1.234.5,"),
    ]
    path = write(tmp_path / "orders.csv", orders_csv(rows))
    err = read_error(path, "orders")
    assert err.message == (
        f"{path}: column 'net_revenue', rows [2, 4]: values 'abc', '1.234.5' are not {AMOUNTS}"
    )
    assert err.hint == "these values are not numbers in any format: fix those rows"


def test_more_than_five_bad_values_are_counted(tmp_path):
    rows = [ORDER_ROWS[1].replace(",950.0,", f",x{i},") for i in range(7)]
    path = write(tmp_path / "orders.csv", orders_csv(rows))
    err = read_error(path, "orders")
    assert err.message == (
        f"{path}: column 'net_revenue', rows [2, 3, 4, 5, 6] and 2 more: "
        f"values 'x0', 'x1', 'x2', 'x3', 'x4' are not {AMOUNTS}"
    )


def test_day_first_date(tmp_path):
    rows = [ORDER_ROWS[0], ORDER_ROWS[2].replace("2026-10-31", "31/10/2026")]
    path = write(tmp_path / "orders.csv", orders_csv(rows))
    err = read_error(path, "orders")
    assert err.message == (
        f"{path}: column 'order_date', rows [3]: values '31/10/2026' "
        "are not dates written YYYY-MM-DD; "
        "1 of 2 rows cannot be used (50%, more than the 5% allowed)"
    )
    # '%d/%m/%Y' reads the bad row but not the good one (2026-10-01): no format to suggest
    assert err.hint == (
        "these rows are written DD/MM/YYYY, unlike the rest of the column (YYYY-MM-DD): "
        "fix those rows"
    )


def test_impossible_date(tmp_path):
    path = write(tmp_path / "orders.csv", orders_csv([ORDER_ROWS[0].replace("10-01", "02-30")]))
    err = read_error(path, "orders")
    assert err.message == (
        f"{path}: column 'order_date', rows [2]: values '2026-02-30' "
        "are not dates written YYYY-MM-DD"
    )
    # no format reads 30 February: never "set date_format"
    assert err.hint == "these values are not dates in any common format: fix those rows"


def test_fractional_quantity(tmp_path):
    rows = [ORDER_ROWS[0].replace(",2,400.0,", ",1.5,400.0,"), ORDER_ROWS[1]]
    path = write(tmp_path / "orders.csv", orders_csv(rows))
    err = read_error(path, "orders")
    assert err.message == (
        f"{path}: column 'quantity', rows [2]: values '1.5' are not whole numbers; "
        "1 of 2 rows cannot be used (50%, more than the 5% allowed)"
    )


def test_whole_number_written_with_a_decimal_point_is_accepted(tmp_path):
    rows = [ORDER_ROWS[0].replace(",2,400.0,", ",2.0,400.0,")]
    orders = read_table(write(tmp_path / "orders.csv", orders_csv(rows)), TABLES["orders"]).frame
    assert orders["quantity"].tolist() == [2]
    assert orders["quantity"].dtype == "Int64"


def test_bool_that_is_neither_true_nor_false(tmp_path):
    text = OPPORTUNITIES_CSV.replace("Omitted,True,false", "Omitted,maybe,false")
    path = write(tmp_path / "opportunities.csv", text)
    err = read_error(path, "opportunities")
    assert err.message == (
        f"{path}: column 'is_closed', rows [3]: values 'maybe' are not true or false; "
        "1 of 3 rows cannot be used (33%, more than the 5% allowed)"
    )


def test_month_out_of_range(tmp_path):
    path = write(tmp_path / "targets.csv", TARGETS_CSV.replace("2026-11", "2026-13"))
    err = read_error(path, "targets")
    assert err.message == (
        f"{path}: column 'month', rows [4]: values '2026-13' are not months written YYYY-MM; "
        "1 of 3 rows cannot be used (33%, more than the 5% allowed)"
    )


def test_missing_column(tmp_path):
    header = ORDERS_HEADER.replace(",net_revenue,", ",")
    rows = [ORDER_ROWS[0].replace(",720.0,430.0,", ",430.0,")]
    path = write(tmp_path / "orders.csv", "\n".join([header, *rows]) + "\n")
    err = read_error(path, "orders")
    found = [c for c in TABLES["orders"].column_names if c != "net_revenue"]
    assert err.message == f"{path}: missing column(s) ['net_revenue']; found {found}"
    assert err.hint == "see docs/data-contract.md for the columns of orders"


def test_optional_column_absent_is_not_delivered(tmp_path):
    header = ORDERS_HEADER.replace(",cost,", ",")
    rows = [ORDER_ROWS[0].replace(",720.0,430.0,", ",720.0,")]
    path = write(tmp_path / "orders.csv", "\n".join([header, *rows]) + "\n")
    read = read_table(path, TABLES["orders"])
    assert read.not_delivered == ("cost",)
    assert "cost" not in read.frame.columns
    assert read.frame["net_revenue"].tolist() == [720.0]


def test_product_or_category_is_mandatory(tmp_path):
    header = ORDERS_HEADER.replace(",product_id,", ",").replace(",category,", ",")
    head = ORDERS_HEADER.split(",")
    cells = ORDER_ROWS[0].split(",")
    keep = [c for h, c in zip(head, cells, strict=True) if h not in ("product_id", "category")]
    path = write(tmp_path / "orders.csv", header + "\n" + ",".join(keep) + "\n")
    err = read_error(path, "orders")
    assert "missing column(s) ['product_id or category']" in err.message


def test_empty_file(tmp_path):
    path = write(tmp_path / "orders.csv", "")
    err = read_error(path, "orders")
    assert err.message == f"{path}: the file is empty"
    assert err.hint == "export it again with a header row"


def test_file_not_found(tmp_path):
    err = read_error(tmp_path / "orders.csv", "orders")
    assert err.message == f"{tmp_path / 'orders.csv'}: file not found"


def test_latin1_is_detected_but_not_when_utf8_is_declared(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_bytes(TARGETS_CSV.replace("R1", "Zürich").encode("latin-1"))
    assert "Zürich" in read_table(path, TABLES["targets"]).frame["rep_id"].tolist()
    with pytest.raises(DataError) as info:
        read_table(path, TABLES["targets"], Source(encoding="utf-8"))
    assert info.value.message == f"{path}: line 2: byte 0xfc is not valid utf-8"
    assert "encoding: cp1252" in info.value.hint


def test_parquet_missing_column(tmp_path, tables):
    path = tmp_path / "targets.parquet"
    tables.targets.drop(columns="target").to_parquet(path)
    err = read_error(path, "targets")
    assert err.message == (
        f"{path}: missing column(s) ['target']; found ['month', 'rep_id', 'region', 'currency']"
    )


# --- loading a folder ----------------------------------------------------------------------


def test_missing_orders(tmp_path):
    write(tmp_path / "targets.csv", TARGETS_CSV)
    with pytest.raises(DataError) as info:
        load_tables(tmp_path)
    assert info.value.message == f"{tmp_path}: no orders.csv (or .parquet, .xlsx)"
    assert info.value.hint == "run `reportlib sample-data --out data/sample` for an example"


def test_optional_tables_absent_are_none(tmp_path):
    write(tmp_path / "orders.csv", orders_csv())
    tables = load_tables(tmp_path).tables
    assert len(tables.orders) == 4
    assert tables.opportunities is None
    assert tables.targets is None
    assert tables.reps is None
    assert tables.campaigns is None
    assert tables.market is None
    assert [name for name, _ in tables.items()] == ["orders"]


def test_items_in_contract_order(tables):
    assert [name for name, _ in tables.items()] == ["orders", "opportunities", "targets", "reps"]
    assert tables.campaigns is None
    assert tables.market is None


def test_parquet_is_preferred_over_csv(data_dir, tables):
    tables.orders.iloc[:1].to_parquet(data_dir / "orders.parquet")
    assert table_path(data_dir, "orders") == data_dir / "orders.parquet"
    assert table_path(data_dir, "targets") == data_dir / "targets.csv"
    assert table_path(data_dir, "market") is None
    assert load_tables(data_dir).tables.orders["order_id"].tolist() == ["SO-1"]


# --- region cuts and currency conversion ---------------------------------------------------


def test_for_region_keeps_the_original_index(tables):
    emea = tables.for_region("emea")
    assert emea.orders.index.tolist() == [2]
    assert emea.orders["order_id"].tolist() == ["SO-2"]
    assert emea.opportunities.index.tolist() == [1]
    assert emea.targets.index.tolist() == [1]
    assert emea.reps.index.tolist() == [2]
    na = tables.for_region("na")
    assert na.orders.index.tolist() == [0, 1]
    assert na.reps.index.tolist() == [0, 1]
    assert na.opportunities.index.tolist() == [0]
    assert tables.for_region("apac").orders.empty
    assert tables.for_region("apac").opportunities.empty
    assert tables.for_region("latam").market is None


def test_rows_without_a_region_are_only_in_the_company_cut():
    orders = pd.DataFrame({"region": strings("na", None, "emea"), "x": [1, 2, 3]})
    tables = Tables(orders=orders)
    assert tables.for_region("na").orders["x"].tolist() == [1]
    assert tables.for_region("emea").orders.index.tolist() == [2]
    assert tables.for_region("all").orders["x"].tolist() == [1, 2, 3]


def test_for_region_all_keeps_every_row(tables):
    everything = tables.for_region("all")
    for name, frame in tables.items():
        pd.testing.assert_frame_equal(getattr(everything, name), frame)


def test_converted_multiplies_money_by_the_row_rate(tables):
    usd = tables.converted(RATES, "USD")
    orders = usd.orders
    # USD rows x 1.0, EUR x 1.08, BRL x 0.18
    assert orders["list_price"].tolist() == pytest.approx([400.0, 95.0, 6480.0, 180.09])
    assert orders["net_revenue"].tolist() == pytest.approx([720.0, 950.0, 4860.0, 432.216])
    assert orders["cost"].tolist() == pytest.approx([430.0, 460.0, 3888.0, 216.0])
    assert orders["currency"].tolist() == ["USD", "USD", "USD", "USD"]
    assert usd.opportunities["amount"].tolist() == pytest.approx([50000.0, 21600.54, 18000.0])
    assert usd.targets["target"].tolist() == pytest.approx([1500.0, 4320.0, 450.0])
    assert usd.targets["currency"].tolist() == ["USD", "USD", "USD"]
    # everything else untouched, dtypes included
    for name, frame in tables.items():
        money = [*TABLES[name].money_columns, "currency"] if TABLES[name].money_columns else []
        converted = getattr(usd, name)
        assert converted.dtypes.to_dict() == frame.dtypes.to_dict(), name
        pd.testing.assert_frame_equal(converted.drop(columns=money), frame.drop(columns=money))
    assert usd.orders["quantity"].tolist() == [2, 10, 1, 3]
    assert usd.orders["discount_pct"].tolist() == [0.1, 0.0, 0.25, 0.2]
    assert usd.opportunities["probability"].tolist() == [1.0, 0.0, 0.9]


def test_converted_to_a_region_currency(tables):
    # rates to EUR: one unit of each currency in euro
    to_eur = {c: r / RATES["EUR"] for c, r in RATES.items()}
    eur = tables.for_region("emea").converted(to_eur, "EUR")
    assert eur.orders["net_revenue"].tolist() == pytest.approx([4500.0])
    assert eur.orders.index.tolist() == [2]
    assert eur.orders["currency"].tolist() == ["EUR"]


def test_converted_rejects_a_currency_without_rate(tables):
    with pytest.raises(DataError) as info:
        tables.converted({"USD": 1.0, "EUR": 1.08}, "USD")
    assert info.value.message == (
        "orders: currencies ['BRL'] have no rate in params/defaults.yaml fx_rates"
    )
    assert info.value.hint == "add a budget rate for each"


def test_cuts_and_conversions_leave_their_input_alone(tables):
    before = copy.deepcopy(tables)
    tables.for_region("emea")
    tables.converted(RATES, "USD")
    tables.for_region("na").converted(RATES, "USD")
    for name, frame in before.items():
        pd.testing.assert_frame_equal(getattr(tables, name), frame, check_exact=True)


# --- extracts ------------------------------------------------------------------------------


def test_write_extract_round_trip_keeps_values_types_and_index(tables, tmp_path):
    cut = tables.for_region("na").converted(RATES, "USD")
    out = write_extract(cut, tmp_path / "extracts" / "na")
    assert out == tmp_path / "extracts" / "na"
    assert sorted(p.name for p in out.iterdir()) == [
        "extract.json",
        "opportunities.parquet",
        "orders.parquet",
        "reps.parquet",
        "targets.parquet",
    ]
    back = read_extract(out)
    assert [name for name, _ in back.items()] == ["orders", "opportunities", "targets", "reps"]
    for name, frame in cut.items():
        pd.testing.assert_frame_equal(getattr(back, name), frame, check_exact=True)
    assert back.orders.index.tolist() == [0, 1]
    assert back.reps.index.tolist() == [0, 1]


def test_sample_data_survives_csv_round_trip(tmp_path):
    generated = sample.generate(orders=3_000)
    sample.write_csv(generated, tmp_path)
    loaded = load_tables(tmp_path).tables
    assert [name for name, _ in loaded.items()] == list(TABLES)
    for name, frame in generated.items():
        pd.testing.assert_frame_equal(getattr(loaded, name), frame, check_exact=True)
    assert len(loaded.orders) == 3_000
    assert np.isfinite(loaded.orders["net_revenue"]).all()


# --- fast paths give what the general ones give ----------------------------------------------


def test_minus_zero_is_read_as_pandas_reads_it():
    # pandas reads the whole numbers "-0" and "1" as integers, so -0 becomes +0.0
    got = read_table_text("quantity", ["-0", "1"])
    assert not np.signbit(got["quantity"].astype("float64").to_numpy()).any()
    got = read_table_text("net_revenue", ["-0", "1"])
    assert got["net_revenue"].tolist() == [0.0, 1.0]
    assert not np.signbit(got["net_revenue"].to_numpy()).any()


def read_table_text(column: str, values: list[str]) -> pd.DataFrame:
    rows = [row.split(",") for row in ORDER_ROWS[:2]]
    index = ORDERS_HEADER.split(",").index(column)
    for row, value in zip(rows, values, strict=True):
        row[index] = value
    with pytest.MonkeyPatch.context():
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = write(Path(folder) / "orders.csv", orders_csv([",".join(r) for r in rows]))
            return read_table(path, TABLES["orders"]).frame


@pytest.mark.parametrize("storage", ["pyarrow", "python"])
def test_allowed_values_take_their_spelling_whatever_the_case(storage):
    from reportlib.intake.data import _canonical

    text = pd.Series(["smb", "SMB", "Mid-market", None, "other", ""], dtype=pd.StringDtype(storage))
    allowed = ("SMB", "Mid-Market", "Enterprise")
    got = _canonical(text, allowed)
    # the dictionary lookup the vectorised one replaces
    lookup = {value.lower(): value for value in allowed}
    expected = text.str.lower().map(lookup).astype("string").fillna(text)
    pd.testing.assert_series_equal(got, expected, check_exact=True)
    assert got.tolist() == ["SMB", "SMB", "Mid-Market", pd.NA, "other", ""]


# --- numbers, amounts and dates read only as the declared format says ------------------------

FIELDS = ORDERS_HEADER.split(",")


def order_line(number: int, **cells: str) -> str:
    """One order line (``ORDER_ROWS[1]``, a USD line) with ``cells`` replaced, ';' between."""
    values = dict(zip(FIELDS, ORDER_ROWS[1].split(","), strict=True))
    # numbers that read the same in every format: 10 x 95 x (1 - 0) = 950
    values.update(list_price="95", discount_pct="0", net_revenue="950", cost="460")
    values.update(order_id=f"SO-{number}", **cells)
    return ";".join(values[f] for f in FIELDS)


def semicolon_orders(path: Path, lines: list[str]) -> Path:
    return write(path, "\n".join([ORDERS_HEADER.replace(",", ";"), *lines]) + "\n")


EURO = Source(separator=";", decimal=",", thousands=".")


def test_five_numbers_in_another_format_out_of_100_are_quarantined_not_re_read(tmp_path):
    good = ["1.234,56", "2018,52", "12", "-3,5", "1.234.567,5"]
    bad = {7: "2018.52", 23: "1,234.56", 42: "1234.567", 64: "(5,00)", 88: "5,00-"}
    lines = [order_line(i, net_revenue=bad.get(i, good[i % len(good)])) for i in range(100)]
    read = read_table(semicolon_orders(tmp_path / "orders.csv", lines), TABLES["orders"], EURO)
    assert (read.input_rows, len(read.frame), len(read.rejects)) == (100, 95, 5)
    # file line = row + 2 (the header is line 1)
    assert read.rejects["line"].tolist() == [9, 25, 44, 66, 90]
    assert read.rejects["net_revenue"].tolist() == [
        "2018.52",
        "1,234.56",
        "1234.567",
        "(5,00)",
        "5,00-",
    ]
    fits = "net_revenue: not a number written 1.234,56 (decimal ',', thousands '.')"
    assert read.rejects["reason"].tolist() == [
        fits,
        fits,
        fits,
        "net_revenue: a negative amount in parentheses (negative amounts in parentheses are not "
        "read: write a leading minus (-5.00))",
        "net_revenue: a trailing minus (a trailing minus is not read: write the minus first "
        "(-5.00))",
    ]
    revenue = read.frame["net_revenue"]
    assert revenue.loc[[0, 1, 2, 3, 4]].tolist() == [1234.56, 2018.52, 12.0, -3.5, 1234567.5]
    assert 201852.0 not in revenue.tolist()
    assert 7 not in revenue.index


def test_thousands_comma_does_not_read_a_decimal_comma(tmp_path):
    lines = [
        order_line(1, net_revenue='"1,234,567.5"'),
        order_line(2, net_revenue='"12,50"'),
        order_line(3, net_revenue='"1,23,456"'),
        order_line(4, net_revenue='"1234,567"'),
        *[order_line(i, net_revenue='"1,250"') for i in range(5, 100)],
    ]
    source = Source(separator=";", thousands=",")
    read = read_table(semicolon_orders(tmp_path / "orders.csv", lines), TABLES["orders"], source)
    assert read.frame["net_revenue"].iloc[:2].tolist() == [1234567.5, 1250.0]
    assert read.rejects["net_revenue"].tolist() == ["12,50", "1,23,456", "1234,567"]


def test_without_thousands_only_the_decimal_mark_is_allowed(tmp_path):
    path = tmp_path / "orders.csv"
    lines = [order_line(1, net_revenue="1234.56"), order_line(2, net_revenue="1234,56")]
    semicolon_orders(path, lines)
    with pytest.raises(DataError) as comma:
        read_table(path, TABLES["orders"], Source(separator=";", decimal=","))
    assert "values '1234.56' are not amounts written 1234,56 (decimal ','" in comma.value.message
    with pytest.raises(DataError) as point:
        read_table(path, TABLES["orders"], Source(separator=";"))
    assert "values '1234,56' are not amounts written 1234.56 (decimal '.'" in point.value.message


def test_space_thousands_read_no_break_narrow_and_thin_spaces(tmp_path):
    spaces = ["1 250,00", "1\u00a0250,00", "1\u202f250,00", "1\u2009250,00", "-12 345 678,9"]
    lines = [order_line(i, net_revenue=v) for i, v in enumerate(spaces)]
    source = Source(separator=";", decimal=",", thousands=" ")
    read = read_table(semicolon_orders(tmp_path / "orders.csv", lines), TABLES["orders"], source)
    assert read.frame["net_revenue"].tolist() == [1250.0, 1250.0, 1250.0, 1250.0, -12345678.9]
    lines.append(order_line(9, net_revenue="12 50,00"))  # not grouped in threes
    with pytest.raises(DataError) as info:
        read_table(semicolon_orders(tmp_path / "orders.csv", lines), TABLES["orders"], source)
    assert "values '12 50,00' are not amounts written 1 234,56 (decimal ',', thousands ' '" in (
        info.value.message
    )


def test_amounts_may_carry_a_mark_of_their_rows_currency(tmp_path):
    amounts = [
        ("USD 46,839.50", "USD", 46839.5),
        ("$46,839.50", "USD", 46839.5),
        ("-$5.00", "USD", -5.0),
        ("US$ 3", "USD", 3.0),
        ("$7", "AUD", 7.0),
        ("R$ 1,234.56", "BRL", 1234.56),
        ("1,234.56 €", "EUR", 1234.56),
        ("EUR 12", "EUR", 12.0),
        ("£8.50", "GBP", 8.5),
        ("12", "USD", 12.0),
    ]
    lines = [
        order_line(i, net_revenue=text, currency=code) for i, (text, code, _) in enumerate(amounts)
    ]
    lines += [order_line(i, net_revenue="10") for i in range(10, 100)]
    source = Source(separator=";", thousands=",")
    read = read_table(semicolon_orders(tmp_path / "orders.csv", lines), TABLES["orders"], source)
    assert read.rejects.empty
    assert read.frame["net_revenue"].iloc[:10].tolist() == [a for _, _, a in amounts]


def test_an_amount_marked_with_another_currency_is_quarantined(tmp_path):
    lines = [
        order_line(0, net_revenue="€12", currency="USD"),
        order_line(1, net_revenue="USD 5", currency="BRL"),
        order_line(2, discount_pct="$0.5"),  # not a money column: no mark at all
        *[order_line(i, net_revenue="USD 10") for i in range(3, 100)],
    ]
    source = Source(separator=";", max_reject_share=0.1)
    read = read_table(semicolon_orders(tmp_path / "orders.csv", lines), TABLES["orders"], source)
    assert read.rejects["line"].tolist() == [2, 3, 4]
    assert read.rejects["reason"].tolist() == [
        "net_revenue: marked '€' (EUR), not in the row's currency USD",
        "net_revenue: marked 'USD', not in the row's currency BRL",
        "discount_pct: a currency mark ('$') outside a money column",
    ]
    assert read.frame["net_revenue"].iloc[0] == 10.0


@pytest.mark.parametrize(
    ("source", "hint"),
    [
        (
            Source(separator=";"),
            "use thousands: ',' for this source in params/sources.yaml "
            "('USD 1,234.56' then reads as 1234.56)",
        ),
        (
            Source(separator=";", decimal=",", thousands="."),
            "use decimal: '.' and thousands: ',' for this source in params/sources.yaml "
            "('USD 1,234.56' then reads as 1234.56)",
        ),
    ],
)
def test_hint_names_the_setting_that_reads_the_values(tmp_path, source, hint):
    lines = [order_line(i, net_revenue="USD 1,234.56") for i in range(10)]
    with pytest.raises(DataError) as info:
        read_table(semicolon_orders(tmp_path / "orders.csv", lines), TABLES["orders"], source)
    assert info.value.hint == hint


def test_expected_words_give_the_declared_format(tmp_path):
    lines = [order_line(i, net_revenue="12.345.6") for i in range(3)]
    with pytest.raises(DataError) as info:
        read_table(semicolon_orders(tmp_path / "orders.csv", lines), TABLES["orders"], EURO)
    assert info.value.message == (
        f"{tmp_path / 'orders.csv'}: column 'net_revenue', rows [2, 3, 4]: values '12.345.6', "
        "'12.345.6', '12.345.6' are not amounts written 1.234,56 (decimal ',', thousands '.'; "
        "a mark of the row's currency allowed)"
    )
    assert info.value.hint == "these values are not numbers in any format: fix those rows"


def test_whole_numbers_with_thousands(tmp_path):
    lines = [order_line(1, quantity="1.234"), order_line(2, quantity="12")]
    read = read_table(semicolon_orders(tmp_path / "orders.csv", lines), TABLES["orders"], EURO)
    assert read.frame["quantity"].tolist() == [1234, 12]


@pytest.mark.parametrize(
    ("dates", "hint"),
    [
        (
            ["31/10/2026", "15/09/2026"],
            "set date_format: '%d/%m/%Y' for this source in params/sources.yaml "
            "('31/10/2026' then reads as 2026-10-31)",
        ),
        (
            ["10/31/2026", "9/15/2026"],
            "set date_format: '%m/%d/%Y' for this source in params/sources.yaml "
            "('10/31/2026' then reads as 2026-10-31)",
        ),
        (
            ["31.10.2026", "15.09.2026"],
            "set date_format: '%d.%m.%Y' for this source in params/sources.yaml "
            "('31.10.2026' then reads as 2026-10-31)",
        ),
        (
            ["01/10/2026", "03/09/2026"],
            "set date_format: '%d/%m/%Y' (DD/MM/YYYY) or '%m/%d/%Y' (MM/DD/YYYY) for this source "
            "in params/sources.yaml: no value tells the day from the month (none above 12), so "
            "check how the export writes dates",
        ),
        (["soon", "2026-13-01"], "these values are not dates in any common format: fix those rows"),
        (
            ["46296", "46300"],
            "these look like Excel date serials (46296 is 2026-10-01): save the dates as dates "
            "(YYYY-MM-DD), or read the workbook itself",
        ),
    ],
)
def test_date_hint_suggests_only_a_format_that_reads_the_values(tmp_path, dates, hint):
    lines = [order_line(i, order_date=d) for i, d in enumerate(dates)]
    with pytest.raises(DataError) as info:
        read_table(semicolon_orders(tmp_path / "orders.csv", lines), TABLES["orders"], EURO)
    assert info.value.hint == hint


def test_excel_date_serials_are_dates_in_workbooks_only(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(FIELDS)
    # 1899-12-30 + 46296 days = 2026-10-01 (Excel's 1900 system); .5 is noon, dropped
    for number, date in enumerate([46296, 46296.5, "2026-10-31", 46326]):
        cells = dict(zip(FIELDS, ORDER_ROWS[1].split(","), strict=True))
        cells.update(order_id=f"SO-{number}", order_date=date)
        sheet.append([cells[f] for f in FIELDS])
    book.save(tmp_path / "orders.xlsx")
    read = read_table(tmp_path / "orders.xlsx", TABLES["orders"])
    assert read.frame["order_date"].tolist() == [
        pd.Timestamp("2026-10-01"),
        pd.Timestamp("2026-10-01"),
        pd.Timestamp("2026-10-31"),
        pd.Timestamp("2026-10-31"),
    ]


def test_number_cells_of_a_workbook_read_under_a_decimal_comma(tmp_path):
    """A number cell is a number whatever the source declares; a text cell follows the setting."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(FIELDS)
    for number, amount in enumerate([1234.56, "1.234,56", 720, 0.125]):
        cells: dict[str, object] = dict(zip(FIELDS, ORDER_ROWS[1].split(","), strict=True))
        for field in ("line_number", "quantity", "list_price", "discount_pct", "cost"):
            cells[field] = float(cells[field])  # number cells, as Excel stores them
        cells.update(order_id=f"SO-{number}", net_revenue=amount, list_price=2.5)
        sheet.append([cells[f] for f in FIELDS])
    book.save(tmp_path / "orders.xlsx")
    source = Source(decimal=",", thousands=".")
    read = read_table(tmp_path / "orders.xlsx", TABLES["orders"], source)
    assert read.rejects.empty
    assert read.frame["net_revenue"].tolist() == [1234.56, 1234.56, 720.0, 0.125]
    assert read.frame["list_price"].tolist() == [2.5] * 4


def test_a_computed_cell_that_cannot_be_computed_is_quarantined_once(tmp_path):
    params = tmp_path / "params"
    (params / "mappings").mkdir(parents=True)
    (params / "mappings" / "shop.yaml").write_text(
        "table: orders\ncolumns: {net_revenue: Sales, product_id: SKU}\n"
        "constants: {currency: USD}\n"
        "computed: {cost: Sales - Profit, list_price: Sales / Quantity / (1 - Discount)}\n",
        encoding="utf-8",
    )
    path = tmp_path / "shop.csv"
    path.write_text(
        "order_id,order_date,region,customer_id,SKU,Sales,Quantity,Discount,Profit\n"
        "A,2026-10-01,na,C1,P1,80,2,0.2,30\n"
        "B,2026-10-02,na,C2,P1,0,1,1,0\n"
        "C,2026-10-03,na,C3,P1,50,1,0,abc\n",
        encoding="utf-8",
    )
    source = Source(mapping="shop", max_reject_share=1)
    read = read_table(path, TABLES["orders"], source, params)
    # 80 / 2 / (1 - 0.2) = 50 and 80 - 30 = 50, worked out by hand
    assert read.frame[["list_price", "cost"]].to_dict("list") == {
        "list_price": [50.0],
        "cost": [50.0],
    }
    assert read.rejects["line"].tolist() == [3, 4]
    assert read.rejects["reason"].tolist() == [
        "list_price: computed from Sales / Quantity / (1 - Discount), but 1 - Discount is 0",
        "cost: computed from Sales - Profit, but Profit 'abc' does not fit decimal '.' "
        "with no thousands separator",
    ]
    assert read.ignored_columns == ()
    assert read.not_delivered == (
        "line_number",
        "customer_name",
        "vertical",
        "segment",
        "rep_id",
        "channel",
        "product_name",
        "category",
        "discount_pct",
    )  # fmt: skip (Quantity is the contract's quantity: headers match in any case)


def test_an_empty_amount_in_a_file_of_marked_amounts_is_quarantined_as_empty(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text(
        "order_id,order_date,region,customer_id,category,net_revenue,currency\n"
        "A,2026-10-01,na,C1,X,$7110.0,USD\n"
        "B,2026-10-01,na,C1,X,,USD\n"
        "C,2026-10-01,na,C1,X,USD 1,USD\n",
        encoding="utf-8",
    )
    read = read_table(path, TABLES["orders"], Source(max_reject_share=1))
    assert read.frame["net_revenue"].tolist() == [7110.0, 1.0]
    assert read.rejects[["line", "reason"]].to_dict("list") == {
        "line": [3],
        "reason": ["net_revenue: empty"],
    }


def test_a_wrong_header_row_is_named_when_columns_are_missing(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text(ORDERS_HEADER + "\n" + "\n".join(ORDER_ROWS) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_table(path, TABLES["orders"], Source(header_row=2))
    assert "missing column(s) ['order_id'" in info.value.message
    assert info.value.hint.endswith(
        "or check header_row: 2 for this source in params/sources.yaml: the column names were "
        "read from line 2"
    )


def test_messages_name_the_export_header_a_profile_read(tmp_path):
    params = tmp_path / "params"
    (params / "mappings").mkdir(parents=True)
    (params / "mappings" / "erp.yaml").write_text(
        "table: orders\ncolumns: {net_revenue: Nettobetrag, category: Warengruppe}\n",
        encoding="utf-8",
    )
    path = tmp_path / "umsatz.csv"
    path.write_text(
        "order_id;order_date;region;customer_id;Warengruppe;Nettobetrag;currency\n"
        "A;2026-10-01;emea;C1;X;1.234,50;EUR\n"
        "B;2026-10-01;emea;C1;X;zwei;EUR\n",
        encoding="utf-8",
    )
    source = Source(mapping="erp", decimal=",", thousands=".")
    with pytest.raises(DataError) as info:
        read_table(path, TABLES["orders"], source, params)
    assert f"{path}: column 'Nettobetrag' (net_revenue), rows [3]: values 'zwei'" in str(
        info.value.message
    )
