"""Hostile input for the fuzz tests (reliability plan Z1, Z3): a fixed corpus, hypothesis
strategies, and the percent-encoding a browser or a script would send them in."""

from urllib.parse import quote_from_bytes

from hypothesis import strategies as st

# Text no visitor types, but anyone can send. Lone surrogates cannot be encoded as UTF-8; they
# arrive percent-encoded as their CESU bytes (%ED%A0%80), which is what `encode` sends.
HOSTILE = [
    "",
    "\x00",
    "a\x00b" * 20,
    "\u202eevil\u202c\ufeff\u200b\u2028",
    "\ud800",
    "x\udfffy",
    "\r\n\t\x0b\x0c\x1b[31m",
    "é" * 2048,  # 4 KB of UTF-8
    "a" * 4096,
    "word " * 819,
    "' OR '1'='1' --",
    '"; DROP TABLE members_member; --',
    "%_\\'\"",
    "{{ 7|add:7 }}{% debug %}${7*7}",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "//evil.example/",
    "../../../../etc/passwd",
    "0",
    "-1",
    "-99999999999999999999",
    "99999999999999999999",
    "9" * 5000,
    "1e309",
    "NaN",
    "0x10",
    "١٢٣",  # Arabic-Indic digits: str.isdigit() says yes
    "²",  # isdigit() yes, int() no
    "1_000",
    "[]{}null",
    "🦊" * 100,
]

# Bytes that are not UTF-8 at all: a percent-encoded query string may carry them.
HOSTILE_BYTES = [b"\xff", b"abc\xc3", b"\xf8\x88\x80\x80\x80"]

INT_PATH_VALUES = ["0", "1", "2147483648", "9223372036854775808", "9" * 40]


def _encode(value):
    data = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    return quote_from_bytes(data, safe="")


def encode(pairs):
    """A query string or form body for (name, value) pairs; values may be str or bytes."""
    return "&".join(f"{_encode(name)}={_encode(value)}" for name, value in pairs)


values = st.one_of(
    st.text(max_size=60),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=20),
    st.sampled_from(HOSTILE),
    st.sampled_from(HOSTILE_BYTES),
    st.binary(max_size=20),
    st.integers().map(str),
    st.from_regex(r"\A-?[0-9]{1,30}\Z"),
)


def pairs_for(names):
    """(name, value) pairs: each name absent, once or repeated, plus now and then a name the
    view does not know."""
    per_name = [
        st.lists(values, max_size=3).map(lambda vs, n=name: [(n, v) for v in vs]) for name in names
    ]
    extra = st.lists(st.tuples(st.text(min_size=1, max_size=10), values), max_size=2)
    return st.tuples(st.tuples(*per_name), extra).map(
        lambda t: [pair for group in t[0] for pair in group] + t[1]
    )
