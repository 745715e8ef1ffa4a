"""The customer-service section as published: the shared ``published`` run (sample data with
support tickets and NPS answers; latam in Portuguese, the company in English), and the retail
profile's run (``retail_published``: orders and targets only), where the section is left out
and named in the data-quality section. No new render."""

from pathlib import Path

from bs4 import BeautifulSoup


def _page(out: Path, report: str) -> BeautifulSoup:
    html = (out / "site" / "2026-10" / f"{report}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def _section(page: BeautifulSoup, title: str) -> list | None:
    """The elements under the ``h2`` heading ``title`` up to the next one; None without it."""
    heading = page.find(lambda t: t.name == "h2" and t.get_text(" ").strip().startswith(title))
    if heading is None:
        return None
    found = []
    for node in heading.find_all_next():
        if node.name == "h2":
            break
        found.append(node)
    return found


def _text(nodes) -> str:
    return " ".join(" ".join(n.get_text(" ").split()) for n in nodes if n.name == "p")


def _headings(page: BeautifulSoup) -> list[str]:
    return [" ".join(h.get_text(" ").split()).rstrip("¶ ") for h in page.find_all("h2")]


def test_the_company_report_shows_service_after_customers_with_regions_and_no_account_names(
    published,
):
    page = _page(published, "all")
    headings = _headings(page)
    service = headings.index("Customer service")
    assert headings[service - 1] == "Customers"
    assert headings[service + 1] == "Channels, verticals and products"
    nodes = _section(page, "Customer service")
    takeaway = [n for n in nodes if n.name == "p" and "takeaway" in (n.get("class") or [])]
    assert len(takeaway) == 1
    text = _text(nodes)
    assert "support tickets were opened in October 2026" in text
    assert "at the median" in text and "(P90)" in text
    assert "The SLA breach rate was" in text
    assert "Net Promoter Score" in text
    assert "have stopped buying since" in text  # churn by service experience
    assert "each region's report names its largest" in text
    captions = [" ".join(c.get_text(" ").split()) for n in nodes for c in n.find_all("caption")]
    assert "Service figures by region, October 2026" in captions
    assert not any(c.startswith("Accounts with a bad service signal") for c in captions)
    assert sum(1 for n in nodes if n.name == "img" and n.get("alt")) >= 3


def test_the_latam_report_names_its_accounts_in_portuguese(published):
    page = _page(published, "latam")
    nodes = _section(page, "Atendimento ao cliente")
    assert nodes is not None
    text = _text(nodes)
    assert "chamados de suporte" in text
    assert "taxa de descumprimento do SLA" in text.lower() or "descumprimento do SLA" in text
    for english in ("backlog", "tickets", "churn", "breach"):
        assert english not in text
    captions = [" ".join(c.get_text(" ").split()) for n in nodes for c in n.find_all("caption")]
    assert any(c.startswith("Contas com sinal de mau atendimento") for c in captions)
    assert not any(c.startswith("Números do atendimento por região") for c in captions)


def test_without_tickets_and_surveys_the_section_is_left_out_and_named(retail_published):
    page = _page(retail_published, "all")
    assert "Customer service" not in _headings(page)
    quality = _text(_section(page, "Data quality"))
    assert "Customer service" in quality
    spanish = _page(retail_published, "latam")
    assert "Servicio al cliente" not in _headings(spanish)
    assert "Servicio al cliente" in _text(_section(spanish, "Calidad de los datos"))
