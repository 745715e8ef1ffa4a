"""The site index and the validation page in the company's language: Portuguese and Spanish.

Expectations worked out by hand from the catalogs' translations; English stays the default
(tests/conftest.py writes every test in English unless it says otherwise).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from reportlib import i18n
from reportlib.config import Params, load_params
from reportlib.formatting import Formatter
from reportlib.intake.schema import column_label
from reportlib.intake.validation import (
    CheckResult,
    Finding,
    Text,
    ValidationReport,
    write_validation_page,
)
from reportlib.run.publish import publish
from reportlib.run.validate import _keep, _read_kept, gate
from reportlib.site.index import attainment_status, month_formatter, sparkline

PARAMS = load_params(Path(__file__).parents[1] / "params")


def _params(language: str) -> Params:
    """The sample's params with the company reading ``language`` (its locale stays en_US)."""
    company = PARAMS.company.model_copy(update={"language": language})
    return PARAMS.model_copy(
        update={"defaults": PARAMS.defaults.model_copy(update={"company": company})}
    )


def _kpis(region: str, period: str, **values) -> dict:
    base = {
        "region": region,
        "region_name": region,
        "period": period,
        "currency": "USD",
        "locale": "en_US",
        "status": "fresh",
        "revenue": 1000.0,
        "orders": 1,
        "customers": 1,
    }
    return {**base, **values}


def _report(folder: Path, region: str, record: dict | None, *, failed: bool = False) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if record is not None:
        (folder / f"{region}.html").write_text("<p>report</p>", encoding="utf-8")
        (folder / f"{region}.kpis.json").write_text(json.dumps(record), encoding="utf-8")
    if failed:
        (folder / f"{region}.failed.json").write_text("{}", encoding="utf-8")


def _published_index(tmp_path: Path, params: Params) -> str:
    """Publish a site of two months (latam provisional, na failed in October) with ``params``."""
    build = tmp_path / ".sites" / "build"
    october, september = build / "2026-10", build / "2026-09"
    _report(september, "na", _kpis("na", "2026-09"))
    _report(october, "na", None, failed=True)
    _report(
        october,
        "latam",
        _kpis(
            "latam",
            "2026-10",
            status="provisional",
            currency="BRL",
            locale="pt_BR",
            revenue=1_000_000.0,
            target=1_250_000.0,
            attainment=0.8,
            attainment_ytd=1.02,
        ),
    )
    publish(tmp_path, build, params)
    return (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_the_index_is_written_in_the_companys_language_portuguese(tmp_path):
    page = _published_index(tmp_path, _params("pt-BR"))
    assert '<html lang="pt-BR">' in page
    assert "<title>Halvorsen Instruments · Relatórios mensais de vendas</title>" in page
    # month names in Portuguese although the company's numbers are American (en_US)
    assert "Mês mais recente: outubro de 2026" in page
    assert '<h3 class="report-card-title">América Latina</h3>' in page  # names: pt-BR
    assert '<span class="badge badge-provisional">Provisório</span>' in page
    # 0.8 of target: under 90%, "Well below target"; the legend in the company's locale
    assert '<strong class="status-label">Muito abaixo da meta</strong>' in page
    assert "Acumulado no ano: <strong" in page
    assert '<span class="status-warn">Abaixo da meta</span>: de 90% a 100%.' in page
    assert "Não foi possível gerar o relatório deste mês." in page
    assert "Último relatório válido: setembro de 2026" in page
    assert "A validação dos dados emitiu avisos; os números ainda podem mudar." in page
    body = page[page.index("<body") :]  # the stylesheet's comments aside
    for english in ("Monthly sales reports", "Latest month", "Last good report", "target", " of "):
        assert english not in body


def test_the_index_in_spanish(tmp_path):
    page = _published_index(tmp_path, _params("es"))
    assert '<html lang="es">' in page
    assert "Último mes: octubre de 2026" in page
    assert '<span class="badge badge-provisional">Provisional</span>' in page
    assert '<strong class="status-label">Muy por debajo de la meta</strong>' in page
    assert '<span class="status-ok">Meta cumplida</span>: 100% o más.' in page
    assert "Último informe válido: septiembre de 2026" in page
    assert "Informes mensuales de ventas" in page
    assert "Latest month" not in page and "Last good report" not in page


def test_the_index_stays_english_for_an_english_company(tmp_path):
    page = _published_index(tmp_path, PARAMS)
    assert '<html lang="en">' in page
    assert "Latest month: October 2026" in page
    assert "Last good report: September 2026" in page
    assert '<h3 class="report-card-title">Latin America</h3>' in page
    assert i18n.language() == "en"  # publish leaves the language as it found it


def test_an_earlier_run_of_the_same_month_in_portuguese(tmp_path):
    build = tmp_path / ".sites" / "build"
    # this month's page from an earlier run stays beside the failed mark
    _report(build / "2026-10", "na", _kpis("na", "2026-10"), failed=True)
    publish(tmp_path, build, _params("pt-BR"))
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Último relatório válido: outubro de 2026, execução anterior" in page
    assert '<span class="badge badge-failed">Com falha</span>' in page


def test_attainment_words_and_sparkline_in_portuguese():
    with i18n.use("pt-BR"):
        assert attainment_status(1.0) == ("Meta atingida", "status-ok")
        assert attainment_status(0.95) == ("Abaixo da meta", "status-warn")
        assert attainment_status(None) == ("Sem meta", "status-neutral")
        months = month_formatter(_params("pt-BR"))
        svg = str(
            sparkline(
                [None] * 10 + [1000.0, 2500.0],
                pd.Period("2026-10", freq="M"),
                Formatter("en_US", "USD"),
                months,
            )
        )
    assert (
        "Receita por mês, de setembro de 2026 a outubro de 2026: mínima de $1K em setembro de "
        "2026, máxima de $2.5K em outubro de 2026, o último mês."
    ) in svg
    with i18n.use("es"):
        assert attainment_status(0.5) == ("Muy por debajo de la meta", "status-bad")


def test_column_labels_in_the_readers_language():
    assert column_label("segment") == "customer segment"
    with i18n.use("pt-BR"):
        assert [column_label(c) for c in ("line_number", "segment", "rep_id", "cost")] == [
            "número da linha",
            "segmento do cliente",
            "vendedor",
            "custo",
        ]
        assert column_label("net_revenue") == "net revenue"  # no label: the file's name
    with i18n.use("es"):
        assert column_label("channel") == "canal de ventas"
        assert column_label("list_price") == "precio de lista"


SEGMENT_CHECK = Text("values in the allowed set")
SEGMENT_HINT = Text(
    "expected one of {values}, or list the company's own as vocabularies.{vocabulary} in "
    "params/defaults.yaml",
    (("values", "Enterprise, Mid-Market, SMB"), ("vocabulary", "segments")),
)
SEGMENT = Finding(
    "orders",
    "segment",
    SEGMENT_CHECK.english(),
    "critical",
    1234,
    (5,),
    ("'Smb'", "empty"),
    SEGMENT_HINT.english(),
    check_text=SEGMENT_CHECK,
    hint_text=SEGMENT_HINT,
)
REPORT = ValidationReport(
    "2026-10",
    (
        CheckResult(
            "orders", "segment", SEGMENT.check, "critical", False, 1234, 5000, SEGMENT_CHECK
        ),
    ),
    (SEGMENT,),
    {"orders": 5000},
)


def test_a_finding_speaks_english_to_the_analyst_and_the_readers_language_on_the_page():
    assert SEGMENT.hint == (
        "expected one of Enterprise, Mid-Market, SMB, or list the company's own as "
        "vocabularies.segments in params/defaults.yaml"
    )
    with i18n.use("pt-BR"):
        assert "values in the allowed set" in SEGMENT.message()  # the log stays English
        assert SEGMENT.shown_check() == "valores dentro do conjunto permitido"
        assert SEGMENT.shown_hint() == (
            "esperado um destes: Enterprise, Mid-Market, SMB; ou liste os da própria empresa "
            "em vocabularies.segments no params/defaults.yaml"
        )
    with i18n.use("es"):
        assert SEGMENT.shown_hint().startswith("se espera uno de estos: Enterprise, Mid-Market")


def test_the_validation_page_in_portuguese(tmp_path):
    with pytest.raises(Exception, match="critical data problem"):  # ValidationFailed, English
        gate(REPORT, tmp_path, pd.Period("2026-10", freq="M"), _params("pt-BR"))
    page = (tmp_path / "validation" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="pt-BR">' in page
    assert "<title>Validação dos dados — outubro de 2026</title>" in page
    assert "Mês do relatório: <strong>outubro de 2026</strong>" in page
    assert (
        "Situação: REPROVADO — problemas críticos: 1; avisos: 0. Os relatórios só serão "
        "publicados depois que os problemas críticos forem corrigidos."
    ) in page
    assert "1 verificação reprovada, críticas primeiro" in page
    assert '<th scope="col">Gravidade</th>' in page
    assert '<td class="critical">Crítico</td>' in page
    assert '<td class="num">1,234</td>' in page  # counts in the company's locale (en_US)
    assert "<code>vazio</code>" in page  # a missing value
    assert "Verificações de orders (5,000 linhas)" in page
    assert "✗ Reprovada" in page
    assert "esperado um destes: Enterprise, Mid-Market, SMB" in page


def test_the_validation_page_in_spanish(tmp_path):
    params = _params("es")
    passed = ValidationReport("2026-10", REPORT.checks[:0], (), {"orders": 1})
    gate(passed, tmp_path, pd.Period("2026-10", freq="M"), params)
    page = (tmp_path / "validation" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in page
    assert "<h1>Validación de los datos — octubre de 2026</h1>" in page
    assert "Estado: APROBADO — ningún problema crítico; advertencias: 0." in page
    assert "Todas las verificaciones se aprobaron." in page
    assert i18n.language() == "en"


def test_the_validation_page_stays_english_by_default(tmp_path):
    html = write_validation_page(REPORT, tmp_path / "v.html").read_text(encoding="utf-8")
    assert "Status: FAILED — critical problems: 1, warnings: 0." in html
    assert "1 failed check, critical first" in html
    assert "<code>empty</code>" in html
    assert '<td class="critical">Critical</td>' in html


def test_a_kept_validation_reads_back_its_texts(tmp_path):
    kept = tmp_path / "validation.json"
    _keep(kept, "key", REPORT)
    again = _read_kept(kept, "key")
    assert again == REPORT
    assert again.findings[0].hint_text == SEGMENT_HINT
    assert again.checks[0].check_text == SEGMENT_CHECK
    with i18n.use("pt-BR"):
        assert again.findings[0].shown_check() == "valores dentro do conjunto permitido"
