"""Text that arrives from visitors (search boxes, filter links, page numbers).

One reading for every surface that takes a query or a page number: the site search
(search/forms.py), the provider directory (resources/forms.py) and the members' search
(members/search.py)."""

MAX_PAGE_DIGITS = 6


def clean_text(value):
    """Drop NUL and other control characters, which no one types and PostgreSQL refuses in
    text, and fold runs of whitespace into single spaces."""
    return " ".join("".join(ch for ch in value if ch.isprintable() or ch.isspace()).split())


def read_query(value, max_length):
    """A visitor's query, cleaned and cut to at most `max_length` characters at a word
    boundary where there is one. Returns (query, shortened) so the caller can say so."""
    query = clean_text(value or "")
    if len(query) <= max_length:
        return query, False
    head = query[:max_length]
    return (head.rsplit(" ", 1)[0] or head).strip(), True


def read_page_number(value):
    """A 1-based page number from a URL: anything but a short run of ASCII digits above zero
    reads as page 1 (the paginator then clamps a page past the end)."""
    value = clean_text(value or "")
    if value.isascii() and value.isdigit() and len(value) <= MAX_PAGE_DIGITS and int(value) > 0:
        return int(value)
    return 1


def tel_href(phone):
    """A `tel:` link for a phone number as people write it, e.g. "(206) 555-0101"."""
    digits = "".join(c for c in phone or "" if c.isdigit() or c == "+")
    return f"tel:{digits}" if digits else ""
