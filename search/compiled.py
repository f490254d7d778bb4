"""The site search's one full-text query, compiled by Django once and run again with other words.

Building the search backend's query and compiling it cost Django about 1.5 ms of CPU on every
search (the page filters, the full-text match, its two ranks); PostgreSQL's own work is the
match. The SQL depends on the words only through the search text that is passed to the
database as parameters, so it is compiled once per shape (number of words, language, kind of
result, the restricted sections left out, promoted pages left out) with stand-in words, and
each search puts its own words where the stand-ins were. The backend's own query is what
runs: nothing here writes SQL, and tests/search/test_compiled_search.py checks that the
results are the backend's, in its order, on SQLite and PostgreSQL.

A word here is `\\w+` (search/views.py keeps only those), which the backend passes on as it
is; words are lower-cased first, which changes no match or rank (both databases fold case).
"""

import re
import threading
from collections import OrderedDict

from django.db import DEFAULT_DB_ALIAS, connections

# "qq1standin" is no part of "qq10standin": each stand-in is found alone.
_STAND_IN = "qq{}standin"
_STAND_IN_RE = re.compile(r"qq(\d+)standin")
# Shapes kept per process (a shape per language, kind and number of words: a few dozen).
SHAPES_KEPT = 256
# More words than this are searched without a compiled shape (a sentence pasted in).
MAX_WORDS = 12


class _Shapes:
    def __init__(self):
        self.entries, self.lock = OrderedDict(), threading.Lock()

    def get(self, key):
        return self.entries.get(key)

    def put(self, key, value):
        with self.lock:
            self.entries[key] = value
            while len(self.entries) > SHAPES_KEPT:
                self.entries.popitem(last=False)


_shapes = _Shapes()


def _compile(build, count, using):
    """(sql, params, slots) of `build(words)`'s `values_list("pk")` for `count` stand-in
    words; slots are the indexes of the parameters that hold them. None when the backend
    does not pass the words on as parameters (then the search is not compiled)."""
    stand_ins = [_STAND_IN.format(n) for n in range(count)]
    queryset = build(stand_ins)
    sql, params = queryset.query.get_compiler(using).as_sql()
    slots = [n for n, p in enumerate(params) if isinstance(p, str) and _STAND_IN_RE.search(p)]
    found = {int(m) for n in slots for m in _STAND_IN_RE.findall(params[n])}
    if found != set(range(count)) or _STAND_IN_RE.search(sql):
        return None
    return sql, tuple(params), slots


def ranked_ids(build, words, shape, using=DEFAULT_DB_ALIAS):
    """The ids `build(words)` (a `values_list("pk", flat=True)` of the backend's results)
    gives, from SQL compiled once for `shape` (what else the query depends on, hashable)."""
    words = [word.lower() for word in words]
    if not words:
        return []
    if len(words) > MAX_WORDS:
        return list(build(words))
    connection = connections[using]
    key = (using, connection.vendor, len(words), shape)
    compiled = _shapes.get(key)
    if compiled is None:
        compiled = _compile(build, len(words), using) or False
        _shapes.put(key, compiled)
    if compiled is False:
        return list(build(words))
    sql, params, slots = compiled
    params = list(params)
    for n in slots:
        params[n] = _STAND_IN_RE.sub(lambda m: words[int(m.group(1))], params[n])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
