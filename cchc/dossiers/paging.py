"""A paginator that counts at most a cap of rows: counting every dossier a city-wide reader may see (five
million) takes seconds, counting up to the cap takes milliseconds, and nobody pages past the cap —
they filter instead."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.functional import cached_property


def list_count_cap() -> int:
    return int(getattr(settings, "CCHC_LIST_COUNT_CAP", 10_000))


class CappedPaginator(Paginator):
    """``count`` is the exact number of rows up to the cap, else the cap with ``capped`` set (the pages
    past the cap are not offered)."""

    def __init__(
        self, object_list: Any, per_page: int, cap: int | None = None, known: tuple[int, bool] | None = None
    ) -> None:
        """``known``: (count, capped) when the caller already counted the rows up to this cap."""
        super().__init__(object_list, per_page)
        self.cap = list_count_cap() if cap is None else cap
        self.capped = False
        self.known = known

    @cached_property
    def count(self) -> int:
        if self.known is not None:
            self.capped = self.known[1]
            return self.known[0]
        rows: Any = self.object_list  # a QuerySet: the slice is counted in the database
        found = int(rows[: self.cap + 1].count())
        self.capped = found > self.cap
        return min(found, self.cap)
