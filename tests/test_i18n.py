"""Counted words: one whole sentence per plural form, chosen by the count."""

import pytest

from reportlib.i18n import ngettext

ONE, MANY = "{n} customer has bought it.", "{n} customers have bought it."


@pytest.mark.parametrize(
    ("n", "template"), [(1, ONE), (1.0, ONE), (0, MANY), (2, MANY), (1.5, MANY)]
)
def test_one_is_singular_every_other_count_plural(n, template):
    assert ngettext(ONE, MANY, n) is template
