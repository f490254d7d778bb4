"""Plain text and rich text: what members type and what versions keep."""

import pytest

from members import manual

pytestmark = pytest.mark.django_db


def test_plain_text_round_trip():
    source = "<p>One &amp; two.</p><ul><li>a</li><li>b</li></ul><p>End</p>"
    text = manual.plain_text(source)
    assert text == "One & two.\n\n- a\n- b\n\nEnd"
    assert manual.plain_text(manual.rich_text_from_plain(text)) == text
    assert "<script>" not in manual.rich_text_from_plain("<script>x</script>")
