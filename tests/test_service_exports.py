"""The ticket mapping profiles, each on a small file in its help desk's export format."""

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reportlib.config import Source, load_params
from reportlib.errors import ConfigError
from reportlib.intake.data import load_tables, read_table
from reportlib.intake.parsing import parse_timestamps
from reportlib.intake.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "service"
PARAMS = ROOT / "params"
T = pd.Timestamp


def read(name: str, **source: object):
    return read_table(
        FIXTURES / f"{name}.csv",
        TABLES["tickets"],
        Source(mapping=name, **source),
        params_dir=PARAMS,
    )


def values(frame: pd.DataFrame, column: str) -> list:
    return [None if pd.isna(v) else v for v in frame[column].tolist()]


def test_zendesk_api_export():
    r = read("zendesk-tickets")
    f = r.frame
    assert r.rejects.empty
    assert values(f, "ticket_id") == ["101", "102", "103", "104", "105"]
    # Zendesk's words: hold is On-hold; a ticket without priority keeps it empty
    assert values(f, "status") == ["Solved", "Pending", "On-hold", "Closed", "New"]
    assert values(f, "priority") == ["High", "Normal", "Urgent", None, "Low"]
    assert values(f, "region") == ["na", "emea", "latam", "na", "apac"]
    assert values(f, "customer_id") == ["C00001", "C00002", "C00003", "C00001", "C00004"]
    assert values(f, "category") == ["incident", "question", "problem", "task", "question"]
    assert values(f, "channel") == ["email", "web", "voice", "api", "email"]
    # UTC with Z, read as it is
    assert f["created_at"].iloc[1] == T("2026-10-03 22:30")
    assert values(f, "solved_at") == [
        T("2026-10-02 09:15"),
        None,
        None,
        T("2026-10-07 08:00"),
        None,
    ]
    # calendar minutes to the first reply / 60; unanswered tickets stay, with no reply time
    assert values(f, "first_response_hours") == [0.75, 1.5, None, 0.5, None]
    # good → 5, bad → 1; offered and unoffered are no rating
    assert values(f, "csat_rating") == [5, None, None, 1, None]
    # no SLA flags in a ticket export: the SLA figures are left out
    assert set(r.not_delivered) == {"first_response_breached", "resolution_breached"}
    assert "metric_set.reply_time_in_minutes.business" in r.ignored_columns


def test_hubspot_index_page_export_in_the_portals_time_zone():
    r = read("hubspot-tickets", timezone="America/New_York")
    f = r.frame
    assert r.rejects.empty
    assert values(f, "ticket_id") == ["9001", "9002", "9003", "9004"]
    # default support pipeline: waiting on contact is Pending, waiting on us Open
    assert values(f, "status") == ["Closed", "Pending", "New", "Open"]
    assert values(f, "priority") == ["High", "Normal", "Low", "Urgent"]
    assert values(f, "channel") == ["Email", "Web", "Chat", "Phone"]
    assert values(f, "category") == [
        "Product issue",
        "Billing issue",
        "Feature request",
        "General inquiry",
    ]
    assert values(f, "region") == ["na", "emea", "latam", "apac"]
    # local times of New York (EDT, UTC−4) read to UTC; 23:30 on the 3rd is the 4th in UTC
    assert values(f, "created_at") == [
        T("2026-10-01 13:00"),
        T("2026-10-02 18:00"),
        T("2026-10-04 03:30"),
        T("2026-10-04 12:00"),
    ]
    assert values(f, "solved_at") == [T("2026-10-02 21:30"), None, None, None]
    # milliseconds → hours: 5,400,000 ms = 1.5 h; 1,800,000 = 0.5 h; 600,000 = 1/6 h
    hours = f["first_response_hours"].to_numpy(dtype="float64", na_value=np.nan)
    assert hours[:2].tolist() == [1.5, 0.5]
    assert np.isnan(hours[2])
    assert hours[3] == pytest.approx(1 / 6)
    assert "csat_rating" in r.not_delivered


def test_hubspot_export_in_utc_by_default():
    f = read("hubspot-tickets").frame
    assert f["created_at"].iloc[0] == T("2026-10-01 09:00")


def test_freshdesk_csv_export():
    r = read("freshdesk-tickets", timezone="America/Sao_Paulo", max_reject_share=0.25)
    f = r.frame
    # ticket 5 was resolved an hour before it was created: quarantined with its reason
    assert r.input_rows == 5
    assert values(f, "ticket_id") == ["1", "2", "3", "4"]
    assert r.rejects["line"].tolist() == [6]
    assert r.rejects["reason"].tolist() == ["solved_at: before created_at"]
    assert values(f, "status") == ["Solved", "Closed", "Pending", "Open"]
    assert values(f, "priority") == ["High", "Normal", "Low", "Urgent"]
    assert values(f, "customer_id")[0] == "Ōsaka Plastics Ltda."
    # São Paulo is UTC−3: 10:00 local is 13:00 UTC
    assert f["created_at"].iloc[0] == T("2026-10-01 13:00")
    assert values(f, "solved_at") == [T("2026-10-01 21:00"), T("2026-10-05 12:00"), None, None]
    assert values(f, "first_response_hours") == [0.5, 6.0, 0.25, None]
    # "Within SLA" / "SLA Violated"; empty where the ticket has no such status yet
    assert values(f, "first_response_breached") == [False, True, False, True]
    assert values(f, "resolution_breached") == [False, True, None, None]
    assert values(f, "csat_rating") == [5, 1, None, None]


def test_an_offset_in_the_file_wins_over_the_sources_time_zone():
    # Zendesk writes Z: a time zone set for the source changes nothing
    f = read("zendesk-tickets", timezone="America/Sao_Paulo").frame
    assert f["created_at"].iloc[0] == T("2026-10-01 09:15")


def test_a_run_reads_a_help_desk_export_as_sources_yaml_says(tmp_path):
    params_dir = tmp_path / "params"
    shutil.copytree(PARAMS, params_dir)
    (params_dir / "sources.yaml").write_text(
        "tickets:\n"
        "  file: Freshdesk tickets export.csv\n"
        "  mapping: freshdesk-tickets\n"
        "  timezone: America/Sao_Paulo\n"
        "  max_reject_share: 0.25\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    data.mkdir()
    (data / "orders.csv").write_text(
        "order_id,order_date,region,customer_id,category,net_revenue,currency\n"
        "O1,2026-10-01,latam,Ōsaka Plastics Ltda.,Sensors,100.0,BRL\n",
        encoding="utf-8",
    )
    shutil.copy(FIXTURES / "freshdesk-tickets.csv", data / "Freshdesk tickets export.csv")
    intake = load_tables(data, load_params(params_dir))
    assert len(intake.tables.tickets) == 4
    assert intake.tables.surveys is None  # optional, absent
    counts = {s.table: (s.input_rows, s.accepted, s.quarantined) for s in intake.summary}
    assert counts["tickets"] == (5, 4, 1)
    assert intake.reasons("tickets") == ["solved_at: before created_at (1 row, first on line 6)"]
    assert intake.tables.tickets["created_at"].iloc[0] == T("2026-10-01 13:00")


def test_timestamps_read_to_utc():
    text = pd.Series(
        [
            "2026-10-03T14:05:11Z",
            "2026-10-03T11:05:11-03:00",
            "2026-10-03 14:05",
            "2026-10-03",  # a date alone: midnight, not an offset of -03
            "2026-03-08 02:30",  # skipped by New York's change to summer time: 03:00 EDT
            "2026-10-03T14:05:11.250+0200",
            None,
            "03/10/2026 14:05",
        ],
        dtype="string",
    )
    values, bad = parse_timestamps(text, timezone="America/New_York")
    assert values.tolist()[:6] == [
        T("2026-10-03 14:05:11"),
        T("2026-10-03 14:05:11"),
        T("2026-10-03 18:05"),
        T("2026-10-03 04:00"),
        T("2026-03-08 07:00"),
        T("2026-10-03 12:05:11.250"),
    ]
    assert bad.tolist() == [False] * 7 + [True]


def test_an_unknown_time_zone_is_a_config_error(tmp_path):
    params_dir = tmp_path / "params"
    shutil.copytree(PARAMS, params_dir)
    (params_dir / "sources.yaml").write_text(
        "tickets:\n  timezone: Mars/Olympus\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="unknown time zone 'Mars/Olympus'"):
        load_params(params_dir)


def test_rows_breaking_the_service_rules_are_quarantined(tmp_path):
    tickets = tmp_path / "tickets.csv"
    tickets.write_text(
        "ticket_id,created_at,region,customer_id,status,first_response_hours,solved_at,csat_rating\n"
        "T1,2026-10-01T09:00:00Z,na,C1,Solved,1.5,2026-10-01T12:00:00Z,4\n"
        "T2,2026-10-01T09:00:00Z,na,C1,Solved,-0.5,2026-10-01T12:00:00Z,\n"
        "T3,2026-10-01T09:00:00Z,na,C1,Solved,,2026-10-01T08:59:59Z,6\n"
        "T4,2026-10-01T09:00:00Z,na,C1,Open,,,\n",
        encoding="utf-8",
    )
    r = read_table(tickets, TABLES["tickets"], Source(max_reject_share=0.5))
    assert values(r.frame, "ticket_id") == ["T1", "T4"]
    assert r.rejects["line"].tolist() == [3, 4]
    assert r.rejects["reason"].tolist() == [
        "first_response_hours: negative (a first response before creation)",
        "solved_at: before created_at; csat_rating: not from 1 to 5",
    ]
    surveys = tmp_path / "surveys.csv"
    surveys.write_text(
        "response_id,answered_at,region,customer_id,score\n"
        "S1,2026-10-02 10:00,na,C1,10\n"
        "S2,2026-10-02 10:00,na,C1,11\n",
        encoding="utf-8",
    )
    r = read_table(surveys, TABLES["surveys"], Source(max_reject_share=0.5))
    assert values(r.frame, "score") == [10]
    assert r.rejects["reason"].tolist() == ["score: not from 0 to 10"]
