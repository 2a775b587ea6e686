"""A read the busiest pages run on every request, its SQL compiled by the ORM once per database.

Building a queryset and compiling it to SQL costs more of the server's CPU than PostgreSQL spends
answering an index read (bench/bench_public_page_cpu.py: the public look-up's four small queries spent
about a quarter of the request in the ORM's Python). ``CompiledRead`` keeps the query written with the
ORM — one home for its fields, joins and order, the same SQL Django writes for both engines — but
compiles it the first time it runs on a database, with stand-in values for its parameters, and from
then on only executes that SQL with the request's values, converting the columns as Django does
(datetimes on SQLite, for instance).

The stand-ins must be values no request sends, of the type of the field they are compared with and
within its range on every engine (a 32-bit key on PostgreSQL: a negative id above -2,147,483,648); every
parameter of the compiled SQL must be one of them (a constant the ORM made a parameter refuses to
compile: ``NotCompilable``), so a request's values always go where the query said and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections, router
from django.db.models import Model, QuerySet


class NotCompilable(ValueError):
    """The queryset's SQL holds a parameter that is none of the stand-ins."""


@dataclass(frozen=True)
class _Compiled:
    sql: str
    # For each parameter of the SQL: which of the read's values goes there, and the type the ORM wrapped
    # its stand-in in (None: none).
    slots: tuple[tuple[int, Any], ...]
    # Django's column converters: {position: ([converter, ...], expression)}, run as its compiler does.
    converters: tuple[tuple[int, tuple[Any, ...], Any], ...]


class CompiledRead:
    """``build(*stand_ins)`` returns a ``values_list`` queryset of ``model``; ``rows(*values)`` runs it with
    ``values`` in the stand-ins' places and returns its rows as tuples, in the queryset's order."""

    def __init__(
        self, model: type[Model], build: Callable[..., QuerySet[Any]], stand_ins: Sequence[Any]
    ) -> None:
        self.model = model  # for the database router: the queryset is built only to compile it
        self.build = build
        self.stand_ins = tuple(stand_ins)
        # Per database alias and engine (tests and installations switch neither while running; the key
        # holds the engine anyway). Filled once per process: a race compiles twice, harmlessly.
        self._compiled: dict[tuple[str, str], _Compiled] = {}

    def _compile(self, alias: str) -> _Compiled:
        queryset = self.build(*self.stand_ins)
        if queryset.model is not self.model:
            raise NotCompilable(f"the read is of {queryset.model.__name__}, not {self.model.__name__}")
        query = queryset.query
        compiler = query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except (EmptyResultSet, FullResultSet) as e:
            # A stand-in out of its field's range (a negative id on a 32-bit key, for instance).
            raise NotCompilable(f"a stand-in of {self.model.__name__}'s read makes it empty or full") from e
        slots = []
        for param in params:
            # PostgreSQL's backend wraps an integer in psycopg's type for its column (Int2 for a small
            # integer): the request's value gets the same wrapper. Any other change of a stand-in by the
            # ORM leaves it unrecognised, and the read refuses to compile.
            found = [i for i, s in enumerate(self.stand_ins) if isinstance(param, type(s)) and s == param]
            if len(found) != 1:
                raise NotCompilable(f"parameter {param!r} of {sql!r} is not one stand-in")
            wrapper = type(param) if type(param) is not type(self.stand_ins[found[0]]) else None
            slots.append((found[0], wrapper))
        fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
        converters = tuple(
            (pos, tuple(funcs), expression)
            for pos, (funcs, expression) in compiler.get_converters(fields).items()
        )
        return _Compiled(sql, tuple(slots), converters)

    def rows(self, *values: Any) -> list[tuple[Any, ...]]:
        if len(values) != len(self.stand_ins):
            raise TypeError(f"{len(self.stand_ins)} values expected, {len(values)} given")
        alias = router.db_for_read(self.model) or "default"
        connection = connections[alias]
        key = (alias, connection.vendor)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(alias)
        with connection.cursor() as cursor:
            cursor.execute(
                compiled.sql, [values[i] if wrap is None else wrap(values[i]) for i, wrap in compiled.slots]
            )
            rows = cursor.fetchall()
        if not compiled.converters:
            return [tuple(r) for r in rows]
        out = []
        for row in rows:
            values_ = list(row)
            for pos, funcs, expression in compiled.converters:
                value = values_[pos]
                for convert in funcs:
                    value = convert(value, expression, connection)
                values_[pos] = value
            out.append(tuple(values_))
        return out
