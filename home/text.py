"""Text that arrives from visitors (search boxes, filter links)."""


def clean_text(value):
    """Drop NUL and other control characters, which no one types and PostgreSQL refuses in
    text, and fold runs of whitespace into single spaces."""
    return " ".join("".join(ch for ch in value if ch.isprintable() or ch.isspace()).split())


def tel_href(phone):
    """A `tel:` link for a phone number as people write it, e.g. "(206) 555-0101"."""
    digits = "".join(c for c in phone or "" if c.isdigit() or c == "+")
    return f"tel:{digits}" if digits else ""
