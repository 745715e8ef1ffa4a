"""Tables to take away: the record behind each table, its CSV, the workbook, the page's links."""

import csv
import io
import re
from functools import partial
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from babel.numbers import parse_decimal
from openpyxl import load_workbook

from reportlib import i18n
from reportlib.formatting import Formatter
from reportlib.site import downloads as dl

BRL = Formatter("pt_BR", "BRL")
USD = Formatter("en_US", "USD")
HYPERLINK = '=HYPERLINK("http://x")'
PLANTED = "<script>window.__pwned = 1</script>"  # in latam's rep names (tests/conftest.py)


def _months_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "revenue": [1234.5, float("nan")],
            "attainment": [0.873, 1.2],
            "change": [0.063, -0.07],
            "orders": [3, 4],
            "customer": [HYPERLINK, "São Paulo"],
            "mase": [0.54321, 1.0],
        },
        index=pd.PeriodIndex(["2026-10", "2026-09"], freq="M"),
    )


COLUMNS = {
    "revenue": ("Revenue", BRL.money),
    "attainment": ("Attainment", BRL.pct),
    "change": ("Change", BRL.points),
    "orders": ("Orders", BRL.number),
    "customer": ("Customer", str),
    "mase": ("MASE", partial(BRL.number, digits=2)),
}


def _record() -> dict:
    return dl.table_record(
        _months_frame(), COLUMNS, caption="Revenue by month", index_label="Month"
    )


# --- the record -------------------------------------------------------------------------------


def test_the_record_holds_typed_values_and_each_columns_kind():
    record = _record()
    assert record["caption"] == "Revenue by month"
    assert record["locale"] == "pt_BR"
    kinds = [(c["header"], c["kind"], c.get("digits")) for c in record["columns"]]
    assert kinds == [
        ("Month", "month", None),
        ("Revenue", "money", 2),
        ("Attainment", "percent", 1),
        ("Change", "points", 1),
        ("Orders", "number", 0),
        ("Customer", "text", None),
        ("MASE", "number", 2),
    ]
    assert record["columns"][1]["currency"] == "BRL"
    assert record["columns"][3]["signed"] is True
    # numbers as numbers (not "R$ 1.234,50"), a missing figure as null, months ISO
    assert record["rows"] == [
        ["2026-10", 1234.5, 0.873, 0.063, 3, HYPERLINK, 0.54321],
        ["2026-09", None, 1.2, -0.07, 4, "São Paulo", 1.0],
    ]
    assert all(type(v) is int for v in (record["rows"][0][4], record["rows"][1][4]))


def test_dates_are_iso_and_other_formatters_keep_the_text_the_page_shows():
    frame = pd.DataFrame(
        {"first": pd.to_datetime(["2026-01-05", "2025-12-31"]), "check": [True, False]},
        index=pd.Index(["a", "b"]),
    )
    record = dl.table_record(
        frame,
        {"first": ("First sale", str), "check": ("Check", lambda v: "ok" if v else "look")},
        caption="c",
        index_label="Id",
    )
    assert [c["kind"] for c in record["columns"]] == ["text", "date", "text"]
    assert record["rows"] == [["a", "2026-01-05", "ok"], ["b", "2025-12-31", "look"]]


# --- CSV --------------------------------------------------------------------------------------


def test_csv_dialect_follows_excel_in_the_locale():
    assert dl.csv_dialect("pt_BR") == (";", ",")
    assert dl.csv_dialect("es_ES") == (";", ",")
    assert dl.csv_dialect("de_DE") == (";", ",")
    assert dl.csv_dialect("en_US") == (",", ".")
    assert dl.csv_dialect("es_MX") == (",", ".")


def test_csv_for_excel_in_pt_br(tmp_path):
    path = tmp_path / "t.csv"
    dl.write_csv(_record(), path, "pt_BR")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["Month", "Revenue (BRL)", "Attainment (%)", "Change (pp)", "Orders", "Customer", "MASE"],
        ["2026-10", "1234,5", "87,3", "6,3", "3", "'" + HYPERLINK, "0,54321"],
        ["2026-09", "", "120", "-7", "4", "São Paulo", "1"],
    ]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+1 555", "'+1 555"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Orchard Logistics", "Orchard Logistics"),
        ("a=b", "a=b"),
    ],
)
def test_a_text_a_spreadsheet_would_run_is_written_as_text(text, written):
    assert dl.csv_value(text, {"kind": "text"}, ".") == written


def test_numbers_are_never_defused_and_keep_their_sign():
    assert dl.csv_value(-5.25, {"kind": "money"}, ",") == "-5,25"
    assert dl.csv_value(0.07, {"kind": "percent"}, ".") == "7"


# --- the workbook -------------------------------------------------------------------------------


def test_workbook_reads_back_typed_formatted_and_without_formulas(tmp_path):
    path = tmp_path / "r.xlsx"
    dl.write_workbook([_record(), _record()], path, title="Sales report")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Contents", "01 Revenue by month", "02 Revenue by month"]
    link = wb["Contents"]["A5"].hyperlink
    assert link.location == "'02 Revenue by month'!A1" and not link.target
    ws = wb["01 Revenue by month"]
    assert ws["A1"].value == "Revenue by month"
    assert [c.value for c in ws[2]] == [
        "Month", "Revenue", "Attainment", "Change", "Orders", "Customer", "MASE",
    ]  # fmt: skip
    assert all(c.font.b for c in ws[2])
    assert ws.freeze_panes == "B3"
    month, revenue, attainment, change, orders, customer, mase = ws[3]
    assert month.value.strftime("%Y-%m") == "2026-10" and month.number_format == "yyyy-mm"
    assert revenue.value == 1234.5 and revenue.number_format.startswith('"R$\xa0"#,##0.00;')
    assert attainment.value == 0.873 and attainment.number_format.startswith("0.0%")
    assert change.value == 6.3 and change.number_format.startswith('"+"0.0" pp"')
    assert orders.value == 3 and mase.number_format.startswith("#,##0.00")
    # the name that would be a formula is a string, with Excel's quote prefix, no "'" added
    assert customer.value == HYPERLINK
    assert customer.data_type == "s"
    assert customer.quotePrefix is True
    assert ws["B4"].value is None  # the missing revenue
    assert ws["D4"].value == -7  # points: 0.07 × 100 without float noise
    assert not any(c.data_type == "f" for s in wb for row in s.iter_rows() for c in row)


def test_sheet_names_are_short_unique_and_legal():
    tables = [{"caption": "Revenue: by [month]/region? * 'quoted' " + "x" * 40}] * 3
    names = dl.sheet_names(tables)
    assert len(set(names)) == 3
    assert all(len(n) <= 31 for n in names)
    assert not any(re.search(r"[\[\]:*?/\\]", n) for n in names)
    assert names[0].startswith("01 Revenue by month region")


def test_money_formats_follow_the_locale_pattern():
    def fmt(locale, currency):
        return dl.number_format(
            {"kind": "money", "digits": 2, "currency": currency, "locale": locale}
        )

    assert fmt("en_US", "USD") == '"$"#,##0.00;"−""$"#,##0.00'
    assert fmt("de_DE", "EUR") == '#,##0.00"\xa0€";"−"#,##0.00"\xa0€"'


def test_slugs_are_ascii_words():
    assert dl.slug("Região: São Paulo, outubro de 2026") == "regiao-sao-paulo-outubro-de-2026"
    assert dl.slug("???") == "table"
    assert len(dl.slug("word " * 30)) <= 40


def test_write_downloads_replaces_earlier_files(tmp_path):
    stale = tmp_path / "latam-tables" / "09-old.csv"
    stale.parent.mkdir()
    stale.write_text("old")
    written = dl.write_downloads([_record()], tmp_path, "latam", title="t")
    assert written == [tmp_path / "latam-tables", tmp_path / "latam.xlsx"]
    assert [p.name for p in (tmp_path / "latam-tables").iterdir()] == ["01-revenue-by-month.csv"]
    assert dl.write_downloads([], tmp_path, "latam", title="t") == []
    assert not (tmp_path / "latam-tables").exists() and not (tmp_path / "latam.xlsx").exists()


# --- the page's links -------------------------------------------------------------------------


def _cell(*outputs):
    cell = nbformat.v4.new_code_cell("present.table(...)")
    cell.outputs = list(outputs)
    return cell


def _record_output(record):
    return nbformat.v4.new_output("display_data", data={dl.TABLE_MIMETYPE: record})


def _html(html):
    return nbformat.v4.new_output("execute_result", data={"text/html": html}, execution_count=1)


def test_links_go_under_each_table_and_the_workbook_at_the_top():
    record = _record()
    table = "<table><caption>Revenue by month</caption><tr><td>1</td></tr></table>"
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("params"),
            nbformat.v4.new_markdown_cell("## S"),
            _cell(_record_output(record), _html(table)),
        ]
    )
    linked = dl.with_links(nb, "latam", dl.records(nb))
    assert len(nb.cells) == 3 and nb.cells[2].outputs[1]["data"]["text/html"] == table
    top = linked.cells[1]
    assert top.cell_type == "code"
    assert 'href="latam.xlsx"' in top.outputs[0]["data"]["text/html"]
    html = linked.cells[3].outputs[1]["data"]["text/html"]
    assert html.startswith(table + '<p class="table-download"><a href="latam-tables/01-revenue')
    assert "Download CSV" in html and ": Revenue by month</span>" in html


def test_tables_folded_together_each_get_their_link_beside_them():
    first, second = _record(), {**_record(), "caption": "Margin & mix"}
    folded = (
        "<details><summary>Both</summary>"
        "<table><caption>Revenue by month</caption></table>"
        "<table><caption>Margin &amp; mix</caption></table></details>"
    )
    nb = nbformat.v4.new_notebook(
        cells=[_cell(_record_output(first), _record_output(second), _html(folded))]
    )
    html = dl.with_links(nb, "all", dl.records(nb)).cells[1].outputs[2]["data"]["text/html"]
    assert re.fullmatch(
        r"<details><summary>Both</summary>"
        r"<table><caption>Revenue by month</caption></table>"
        r'<p class="table-download"><a href="all-tables/01-revenue-by-month.csv".*?</p>'
        r"<table><caption>Margin &amp; mix</caption></table>"
        r'<p class="table-download"><a href="all-tables/02-margin-mix.csv".*?</p></details>',
        html,
    )


def test_a_table_not_shown_gets_its_link_after_its_record():
    nb = nbformat.v4.new_notebook(cells=[_cell(_record_output(_record()), _html("<p>no</p>"))])
    outputs = dl.with_links(nb, "na", dl.records(nb)).cells[1].outputs
    assert "na-tables/01-revenue-by-month.csv" in outputs[1]["data"]["text/html"]
    assert outputs[2]["data"]["text/html"] == "<p>no</p>"


# --- the published run ------------------------------------------------------------------------


class _Tables(HTMLParser):
    """The text of each cell of each ``data-table``, row by row (caption left out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self._cell, self._depth, self._skip = [], None, 0, 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table" and "data-table" in classes:
            self.tables.append([])
        elif self.tables and tag == "tr":
            self.tables[-1].append([])
        elif self.tables and tag in ("td", "th"):
            self._cell = []
        if self._cell is not None and "visually-hidden" in classes:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self.tables:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "span" and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if self._cell is not None and not self._skip:
            self._cell.append(data)


def _page_tables(html: Path) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(html.read_text(encoding="utf-8"))
    return parser.tables


def _page_number(text: str, locale: str) -> tuple[float, float]:
    """The number a page cell shows and half its last digit: "−R$ 1.234,5" → (−1234.5, 0.05)."""
    negative = text.startswith("\u2212") or "\u2212" in text[:3]
    digits = re.sub(r"[^\d.,]", "", text)
    value = parse_decimal(digits, locale=locale, strict=False)
    decimals = -value.as_tuple().exponent if value.as_tuple().exponent < 0 else 0
    number = float(-value if negative else value)
    return number, 0.5 * 10.0**-decimals + 1e-9


def _same_figures(page_table, sheet, locale):
    rows = list(sheet.iter_rows(min_row=2))
    assert [c.value for c in rows[0]] == page_table[0], sheet.title  # headers
    assert len(rows) == len(page_table), sheet.title
    for page_row, cells in zip(page_table[1:], rows[1:], strict=True):
        for text, cell in zip(page_row, cells, strict=True):
            where = f"{sheet.title} {cell.coordinate}: page {text!r}, workbook {cell.value!r}"
            if cell.value is None:
                assert text in ("n/a", "n/d", "", "None"), where  # n/d: pt-BR, es
            elif cell.data_type == "n":
                shown, tolerance = _page_number(text, locale)
                value = float(cell.value)
                if "%" in cell.number_format:
                    value, tolerance = value * 100, tolerance
                assert abs(value - shown) <= tolerance, where
            elif cell.data_type == "d":  # a month or date: ISO, or the month in words
                month = Formatter(locale, "USD").month(pd.Period(cell.value, freq="M"))
                iso = cell.value.strftime("%Y-%m" if len(text) == 7 else "%Y-%m-%d")
                assert text in (iso, month), where
            else:
                assert cell.value == text, where


@pytest.mark.parametrize(
    ("report", "locale", "language", "contents"),
    [("latam", "pt_BR", "pt-BR", "Sumário"), ("all", "en_US", "en", "Contents")],
)
def test_workbook_holds_the_same_figures_as_the_page(published, report, locale, language, contents):
    period = published / "site" / "2026-10"
    tables = _page_tables(period / f"{report}.html")
    wb = load_workbook(period / f"{report}.xlsx")
    assert wb.sheetnames[0] == contents  # the workbook's own words in the report's language
    sheets = [wb[name] for name in wb.sheetnames[1:]]
    assert len(tables) == len(sheets) >= 10
    with i18n.use(language):  # months in words as the page writes them (latam: Portuguese)
        for table, sheet in zip(tables, sheets, strict=True):
            _same_figures(table, sheet, locale)
    csvs = sorted((period / f"{report}-tables").iterdir())
    assert [p.name[:3] for p in csvs] == [f"{i:02d}-" for i in range(1, len(tables) + 1)]


def test_the_page_links_its_workbook_and_each_csv(published):
    period = published / "site" / "2026-10"
    html = (period / "latam.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(latam-tables/[^"]+\.csv)"', html)
    assert len(links) == len(_page_tables(period / "latam.html"))
    assert all((period / link).is_file() for link in links)
    assert html.count('href="latam.xlsx"') == 1
    assert "Baixar todas as tabelas (Excel)" in html  # latam reads Portuguese
    assert dl.TABLE_MIMETYPE not in html  # the records stay hidden


def test_latam_downloads_hold_no_other_regions_customers_or_reps(published, small_data):
    orders = pd.read_csv(small_data / "orders.csv", dtype=str)
    reps = pd.read_csv(small_data / "reps.csv", dtype=str)
    latam_customers = set(orders.loc[orders["region"] == "latam", "customer_name"])
    others = set(orders.loc[orders["region"] != "latam", "customer_name"]) - latam_customers
    others |= set(reps.loc[reps["region"] != "latam", "rep_name"])
    assert len(others) > 50
    period = published / "site" / "2026-10"
    texts = [p.read_text(encoding="utf-8-sig") for p in (period / "latam-tables").iterdir()]
    wb = load_workbook(period / "latam.xlsx")
    texts += [str(c.value) for s in wb for row in s.iter_rows() for c in row if c.value]
    corpus = "\n".join(texts)
    assert not [name for name in others if name in corpus]


def test_planted_markup_stays_text_in_the_downloads(published):
    period = published / "site" / "2026-10"
    wb = load_workbook(period / "latam.xlsx")
    cells = [c.value for s in wb for row in s.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(PLANTED in v for v in cells)
