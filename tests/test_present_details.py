"""present.details and present.takeaway: folded detail and a section's opening sentence."""

from __future__ import annotations

from reportlib import present
from reportlib.analysis.sentences import Sentence
from reportlib.charts import Chart, new_axes
from reportlib.formatting import MISSING


def test_details_escapes_its_summary_and_keeps_its_parts() -> None:
    table = present.paragraph("{text}", text="<b>kept as text</b>")
    block = present.details('Campaigns <script>alert("x")</script> & more', table, None)
    assert block is not None
    html = block.data
    assert html.startswith('<details class="more"><summary>')
    assert "<script>" not in html
    assert "Campaigns &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more" in html
    assert "<p>&lt;b&gt;kept as text&lt;/b&gt;</p>" in html
    assert html.endswith("</div></details>")
    assert " open" not in html.split(">")[0]  # closed on screen


def test_details_of_nothing_is_none() -> None:
    assert present.details("Nothing", None, None) is None


def test_details_holds_a_chart_with_its_alt_text() -> None:
    fig, ax = new_axes(2, 1)
    ax.plot([1, 2], [1, 2])
    block = present.details("Chart", Chart(fig, 'Revenue "up" <a>'))
    assert block is not None
    assert '<img src="data:image/svg+xml;base64,' in block.data
    assert 'alt="Revenue &#34;up&#34; &lt;a&gt;"' in block.data


def test_takeaway_is_the_lead_paragraph_or_nothing() -> None:
    said = Sentence("Margin was {m} at <{who}>.", {"m": "50.0%", "who": "<b>"})
    shown = present.takeaway(said)
    assert shown is not None
    assert shown.data == '<p class="takeaway">Margin was 50.0% at &lt;&lt;b&gt;&gt;.</p>'
    assert present.takeaway(None) is None
    assert present.takeaway(Sentence("Margin was {m}.", {"m": MISSING})) is None
