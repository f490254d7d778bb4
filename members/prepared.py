"""A `.values()` query that Django compiles once per database connection, then runs again with
other primary keys.

The dashboard's per-member figures are small queries with subqueries: PostgreSQL answers
each in a few hundredths of a millisecond, but Django spends 0.5 to 1.2 ms of CPU compiling
each one on every request. A `Prepared` query is built by its `build` function with stand-in
keys (integers no table holds), compiled by Django as usual, and kept; each call puts the
real keys where the stand-ins were and runs the SQL through the connection's cursor (so it
is logged, counted and wrapped like any query), with Django's converters for each column.

Arguments are primary keys (integers) or, named in `moments`, aware datetimes compared with
datetime fields; any other value in the query is fixed when it is compiled, so `build` must
not read the clock or the database.
"""

import threading
import weakref
from datetime import UTC, datetime, timedelta

from django.db import DEFAULT_DB_ALIAS, connections

_STAND_IN = -7_316_000_000  # far below any key a table holds
_STAND_IN_MOMENT = datetime(1901, 2, 3, 4, 5, 6, 789, tzinfo=UTC)  # before any row's time


class Prepared:
    def __init__(self, build, *arguments, moments=()):
        """`build(**{argument: value})` returns a `.values()` queryset of `arguments`' keys
        and `moments`' datetimes."""
        self.build, self.arguments, self.moments = build, (*arguments, *moments), moments
        # Per connection object (one per thread and alias): a compiled query holds its
        # connection's operations, as Django's own compilers do.
        self._compiled = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def _compile(self, connection, using):
        values = {
            name: _STAND_IN_MOMENT + timedelta(seconds=n) if name in self.moments else _STAND_IN + n
            for n, name in enumerate(self.arguments)
        }
        query = self.build(**values).query
        compiler = query.get_compiler(using)
        sql, params = compiler.as_sql()
        stand_ins = {self._adapt(connection, name, v): name for name, v in values.items()}
        slots = [stand_ins.get(p) if isinstance(p, (int, str, datetime)) else None for p in params]
        missing = set(self.arguments) - set(slots)
        if missing:
            raise ValueError(f"{self.build.__qualname__} does not use {sorted(missing)}")
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        compiled = (compiler, sql, list(zip(slots, params, strict=True)), names)
        with self._lock:
            self._compiled[connection] = compiled
        return compiled

    def _adapt(self, connection, name, value):
        """The value as Django passes it to the database (a moment as its field would)."""
        if name in self.moments:
            return connection.ops.adapt_datetimefield_value(value)
        return value

    def all(self, using=DEFAULT_DB_ALIAS, **keys):
        """The rows, as `.values()` gives them, for these keys."""
        connection = connections[using]
        compiled = self._compiled.get(connection) or self._compile(connection, using)
        compiler, sql, params, names = compiled
        arguments = [
            self._adapt(connection, slot, keys[slot]) if slot else value for slot, value in params
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, arguments)
            rows = cursor.fetchall()
        return [dict(zip(names, row, strict=True)) for row in compiler.results_iter([rows])]

    def get(self, using=DEFAULT_DB_ALIAS, **keys):
        """The one row for these keys."""
        (row,) = self.all(using, **keys)
        return row
