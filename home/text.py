"""Text that arrives from visitors (search boxes, filter links)."""


def clean_text(value):
    """Drop NUL and other control characters, which no one types and PostgreSQL refuses in
    text, and fold runs of whitespace into single spaces."""
    return " ".join("".join(ch for ch in value if ch.isprintable() or ch.isspace()).split())
