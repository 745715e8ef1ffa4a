"""What notebooks put on the page: escaped, labelled, formatted."""

import re

import pandas as pd
import pytest

from reportlib import present
from reportlib.analysis.profitability import MarginAlert
from reportlib.formatting import Formatter
from reportlib.intake.data import TableSummary
from reportlib.report import DataQuality

FMT = Formatter("en_US", "USD")


def test_table_escapes_names_and_uses_headers():
    frame = pd.DataFrame(
        {"revenue": [1234.5]}, index=pd.Index(["<script>alert(1)</script> & O'Brien"])
    )
    html = present.table(
        frame, {"revenue": ("Revenue", FMT.money)}, caption="By <customer>", index_label="Customer"
    ).data
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; O&#39;Brien" in html
    assert "<caption>By &lt;customer&gt;</caption>" in html
    assert '<th scope="col">Customer</th>' in html
    assert '<th scope="col" class="num">Revenue</th>' in html
    assert '<td class="num" data-label="Revenue">$1,234.50</td>' in html


def test_paragraph_escapes_values_not_template():
    html = present.paragraph("{name} sold {amount}.", name="<b>Ana</b>", amount="$5").data
    assert html == "<p>&lt;b&gt;Ana&lt;/b&gt; sold $5.</p>"


def test_kpi_tiles_show_status_in_words():
    kpis = {
        "revenue": 950.0,
        "target": 1000.0,
        "attainment": 0.95,
        "gross_margin_pct": 0.5,
        "orders": 3,
        "customers": 2,
        "mom_growth": 0.1,
        "yoy_growth": -0.2,
    }
    html = present.kpi_tiles(kpis, FMT).data
    assert "Below target" in html
    assert "95.0%" in html
    assert "−20.0% year on year" in html
    assert "delta-down" in html
    assert "$950" in html and "$950.00" not in html  # tiles round money (issue #15)


def test_publish_forecast_uses_its_own_mimetype(monkeypatch):
    shown = []
    monkeypatch.setattr(present, "display", lambda *args, **kwargs: shown.append((args, kwargs)))
    record = {"region": "latam", "made_in": "2026-10", "rows": [{"month": "2026-11"}]}
    present.publish_forecast(record)
    assert present.FORECAST_MIMETYPE == "application/vnd.reportlib.forecast+json"
    assert shown == [(({present.FORECAST_MIMETYPE: record},), {"raw": True})]


def test_yes_no():
    assert [present.yes_no(v) for v in (True, False, pd.NA, None, float("nan"))] == [
        "yes",
        "no",
        "n/a",
        "n/a",
        "n/a",
    ]
    flags = pd.array([True, False, pd.NA], dtype="boolean")
    assert [present.yes_no(v) for v in flags] == ["yes", "no", "n/a"]


# --- optional order columns that were not delivered ------------------------------------------


def _quality(*not_delivered: tuple[str, ...]) -> DataQuality:
    return DataQuality(
        tuple(
            TableSummary(name, f"{name}.csv", 10, 10, 0, not_delivered=columns)
            for name, columns in zip(("orders", "targets"), not_delivered, strict=False)
        )
    )


def test_needs_sentence_names_the_columns_in_plain_words():
    assert present.needs_sentence("Gross margin", ["cost"]) == (
        "Gross margin needs the cost of each order line, which this export does not deliver."
    )
    assert present.needs_sentence("The bridge", ["quantity", "list_price", "rep_id"]) == (
        "The bridge needs the quantity, list price, and sales rep of each order line, which "
        "this export does not deliver."
    )


def test_needs_says_what_is_missing_or_nothing():
    frame = pd.DataFrame(columns=["order_id", "net_revenue", "quantity", "channel"])
    assert present.needs(frame, "Gross margin by sales channel", "channel", "quantity") is None
    html = present.needs(frame, "Discount leakage", "list_price", "quantity", "cost").data
    # only the missing ones, in the contract's order (list price before cost)
    assert html == (
        "<p>Discount leakage needs the list price and cost of each order line, which this "
        "export does not deliver.</p>"
    )
    assert present.delivers(frame, "quantity", "channel")
    assert not present.delivers(frame, "quantity", "cost")


def test_absent_lists_the_optional_columns_a_frame_lacks():
    retailer = pd.DataFrame(
        columns=[
            "order_id", "order_date", "region", "customer_id", "customer_name", "product_id",
            "product_name", "category", "quantity", "discount_pct", "net_revenue", "cost",
            "currency",
        ]
    )  # fmt: skip
    assert present.absent(retailer) == (
        "line_number", "vertical", "segment", "rep_id", "channel", "list_price"
    )  # fmt: skip


def test_not_delivered_note_per_table_in_plain_words():
    html = present.not_delivered_note(_quality(("rep_id", "channel", "cost"), ("region",))).data
    assert html == (
        "<p>Not delivered in orders.csv: sales rep, sales channel, cost. The figures that need "
        "them are left out.</p><p>Not delivered in targets.csv: region. The figures that need it "
        "are left out.</p>"
    )
    assert present.not_delivered_note(_quality((), ())) is None


def test_kpi_tiles_say_when_cost_was_not_delivered():
    kpis = {"revenue": 950.0, "gross_margin_pct": None, "orders": 3, "customers": 2}
    html = present.kpi_tiles(kpis, FMT, ("channel", "cost")).data
    # issue #15: the tile says so, never "n/a"
    assert '<p class="label">Gross margin</p><p class="value">Not delivered</p>' in html
    assert "cost not delivered" in html and "n/a" not in html
    assert "Gross margin" not in present.kpi_tiles(kpis, FMT).data  # no figure, nothing said


def test_table_leaves_out_columns_on_request():
    frame = pd.DataFrame({"revenue": [10.0], "margin": [0.5]}, index=pd.Index(["na"]))
    columns = {"revenue": ("Revenue", FMT.money), "margin": ("Gross margin", FMT.pct)}
    html = present.table(
        frame, columns, caption="Regions", index_label="Region", left_out=("margin",)
    ).data
    assert "Revenue" in html and "$10.00" in html
    assert "Gross margin" not in html and "50.0%" not in html
    with pytest.raises(KeyError, match="marign"):
        present.table(frame, columns, caption="Regions", index_label="Region", left_out=["marign"])


def test_columns_outside_the_contract_are_named_as_in_the_file():
    from reportlib.intake.data import TableSummary
    from reportlib.report import DataQuality

    quality = DataQuality(
        (
            TableSummary(
                "orders", "superstore.csv", 3, 3, 0, ("Row ID", "Ship <Mode>"), ("channel",)
            ),
        )
    )
    assert present.not_delivered_note(quality).data == (
        "<p>Not delivered in superstore.csv: sales channel. The figures that need it are left "
        "out.</p><p>Columns of superstore.csv that the report does not use: Row ID, "
        "Ship &lt;Mode&gt;.</p>"
    )


def test_a_sentence_with_a_missing_figure_is_left_out_whole():
    # "n/a of its n/a target": a sentence never shows the Formatter's MISSING
    kept = present.sentence("{name} invoiced {amount}.", name="<b>Ana</b>", amount=FMT.money(5))
    assert str(kept) == "&lt;b&gt;Ana&lt;/b&gt; invoiced $5.00."
    assert (
        present.sentence("{share} of its {target} target.", share=FMT.pct(None), target="x") is None
    )
    assert present.sentence("{a} and {b}.", a="1", b=None) is None
    assert present.sentence("{a} and {b}.", a="1", b=float("nan")) is None
    html = present.prose(
        present.sentence("Revenue was {revenue}.", revenue=FMT.money(960)),
        present.sentence(
            "That is {share} of its {target} target.", share=FMT.pct(None), target="?"
        ),
        present.sentence("Margin was {margin}.", margin=FMT.pct(0.5)),
    ).data
    assert html == "<p>Revenue was $960.00. Margin was 50.0%.</p>"
    assert "n/a" not in html


def test_a_missing_value_the_template_does_not_name_leaves_the_sentence_whole():
    # the year's landing carried the pipeline's commit (n/a), which only the quarter's caveat
    # names, and vanished from the forecast section
    kept = present.sentence(
        "{period} lands at {landing}.", period="The year", landing="$65M", commit="n/a"
    )
    assert str(kept) == "The year lands at $65M."
    assert present.sentence("{a} lands at {b}.", a="The year", b="n/a", c="1") is None


def test_prose_without_any_sentence():
    nothing = present.sentence("{x}.", x=None)
    assert present.prose(nothing) is None
    fallback = present.prose(nothing, otherwise="No campaign ended in the window.")
    assert fallback.data == "<p>No campaign ended in the window.</p>"


def test_kpi_tiles_leave_out_a_change_or_target_that_is_missing():
    # a first month: no month before, no year before, no target
    kpis = {"revenue": 950.0, "gross_margin_pct": 0.4, "orders": 3, "customers": 2}
    html = present.kpi_tiles(kpis, FMT).data
    assert "n/a" not in html
    assert "no target was set for the month" in html
    full = present.kpi_tiles({**kpis, "mom_growth": -0.05, "yoy_growth": 0.1}, FMT).data
    assert "+10.0% year on year" in full
    assert "\u22125.0% month on month" in full


def test_the_gross_margin_tile_shows_its_alarm_in_words_and_colour():
    # the retail sample's Latin America sold below cost: its tile read "−6.0%" in plain black
    kpis = {"revenue": 100.0, "orders": 1, "customers": 1, "gross_margin_pct": -0.06}
    html = present.kpi_tiles(kpis, FMT, margin_alert=MarginAlert("loss", -0.06, 0.0, 6.0)).data
    tile = re.search(
        r'<div class="kpi status-bad"><p class="label">Gross margin</p>.*?</div>',
        html,
    )
    assert tile is not None and '<p class="status">Sold below cost</p>' in tile.group(0)
    plain = present.kpi_tiles(kpis, FMT).data
    assert '<div class="kpi "><p class="label">Gross margin</p>' in plain
    assert "Sold below cost" not in plain
