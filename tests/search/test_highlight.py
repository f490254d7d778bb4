"""Search snippets mark each term once, in one pass, and stay valid, escaped HTML."""

from search.views import highlight


def test_a_short_term_never_matches_inside_the_marks_of_another():
    html = highlight("Terapia de pareja y terapia familiar, a su ritmo.", ["terapia", "a"])
    assert html.count("<mark>") == html.count("</mark>") == 3
    assert "<mark>Terapia</mark> de pareja" in html and " <mark>a</mark> su" in html
    assert "ark>" not in html.replace("<mark>", "").replace("</mark>", "")


def test_text_is_escaped_around_and_inside_the_marks():
    # "lt" and "amp" are in the escaped markup, not in the text: they are never marked.
    html = highlight("<b>Anxiety</b> & stress", ["anxiety", "lt", "amp"])
    assert html == "&lt;b&gt;<mark>Anxiety</mark>&lt;/b&gt; &amp; stress"
