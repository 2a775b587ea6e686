"""The rows of the late-dossiers list (``/ho-so/tre-han/``) for the filters on screen, shared by the page
and its export so both show the same dossiers.

With a "giải quyết xong" period (the links from the home pages and the rankings), the rows are exactly
those the figure counts (``figures.late_finished_dossiers``); without one, every dossier finished late
or open past its deadline, as before. Rows whose causes name who or what made them late come first,
the unexplained ones last, each group newest deadline first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from cchc.dossiers.blame import fold
from cchc.dossiers.figures import late_finished_dossiers
from cchc.dossiers.models import FINISHED_LATE, Apology, Dossier, DossierCause, DossierStep, Outcome
from cchc.dossiers.paging import list_count_cap
from cchc.dossiers.queries import (
    DEADLINE,
    deadline_before,
    deadline_from,
    dossiers_for,
    late_q,
    local_day_start,
    open_overdue_q,
    read_scope,
    with_apology_flag,
    with_deadline,
    without_apology,
)
from cchc.lib.outcomes import CauseKind
from cchc.org.models import Official, Unit

EARLIEST = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class LateFilters:
    unit: Unit | None = None
    cause: str = ""
    kind: str = ""
    official: str = ""
    official_id: int | None = None
    finished_from: dt.date | None = None
    finished_to: dt.date | None = None
    end_from: dt.date | None = None
    end_to: dt.date | None = None
    missing_apology: bool = False

    @classmethod
    def from_form(cls, data: dict[str, Any]) -> LateFilters:
        return cls(
            unit=data.get("unit"),
            cause=data.get("cause") or "",
            kind=data.get("kind") or "",
            official=data.get("official") or "",
            official_id=data.get("official_id"),
            finished_from=data.get("finished_from"),
            finished_to=data.get("finished_to"),
            end_from=data.get("end_from"),
            end_to=data.get("end_to"),
            missing_apology=bool(data.get("missing_apology")),
        )

    @property
    def has_period(self) -> bool:
        return bool(self.finished_from or self.finished_to)

    @property
    def reads_causes(self) -> bool:
        """Filtered through the causes' rows (``DossierCause``): by a cause or by an official."""
        return bool(self.cause or self.official or self.official_id is not None)


def blamed(qs: QuerySet[Dossier], official: str, official_id: int | None = None) -> QuerySet[Dossier]:
    """Dossiers of ``qs`` whose stored causes blame this official (``blame.blames``, the officials'
    ranking's rule). With ``official_id`` (the links of this list and of the rankings), that account
    only; a name typed in the filter stands for every account with that name or code, and for the steps
    without an account that carry that name.

    Read from the causes' rows (``DossierCause``, kept with the causes by every write) through their
    indexes, never the steps of every dossier the official handled (docs/benchmarks.md). An account a
    cause stores is always that of the step it blames in the same dossier (``judging.late_causes``
    takes it from the step's own id, and both are written together), so the account's rows are the
    answer; a name is checked against the steps without an account of the few dossiers whose causes
    name it, folded in Python (no SQL equal of ``casefold``)."""
    name = fold(official)
    if official_id is not None:
        accounts, name = {official_id}, ""
    else:
        accounts = {
            pk
            for pk, full_name, code in Official.objects.values_list("pk", "full_name", "code")
            if name and name in (fold(full_name), fold(code))
        }
    if not accounts and not name:
        return qs.none()
    # Only a step overrun's row carries an account (``blame.cause_marks``).
    who = Q(pk__in=DossierCause.objects.filter(official_id__in=accounts).values("dossier_id"))
    if name:
        named = set(
            DossierCause.objects.filter(kind=CauseKind.STEP_OVERRUN.value, name_key=name).values_list(
                "dossier_id", flat=True
            )
        )
        steps = DossierStep.objects.filter(dossier_id__in=named, official_id__isnull=True)
        ids = {d for d, raw in steps.values_list("dossier_id", "official_name") if fold(raw) == name}
        who |= Q(pk__in=ids)
    return qs.filter(who)


def with_cause(qs: QuerySet[Dossier], kind: str) -> QuerySet[Dossier]:
    """Dossiers of ``qs`` with a stored cause of this kind, read from the causes' rows (``DossierCause``)."""
    return qs.filter(pk__in=DossierCause.objects.filter(kind=kind).values("dossier_id"))


def late_arm(f: LateFilters, now: dt.datetime) -> Q:
    """The late rows of the filter's kind (finished late, open overdue, either), on the dossiers or on
    their causes' rows (the same column names). One arm of ``late_q`` per kind, not ``late_q`` and then
    the kind: the planner reads the two conditions as independent, expects a few rows and sorts them all
    instead of reading the index."""
    return {"finished": FINISHED_LATE, "open": open_overdue_q(now)}.get(f.kind, late_q(now))


def cause_rows(user: Any, f: LateFilters, now: dt.datetime) -> QuerySet[DossierCause] | None:
    """The causes' rows (``DossierCause``) of exactly the list's dossiers — several rows for a dossier
    with several matching causes — when every filter can be read from those rows alone: by an account
    (the rankings' links) or a cause, without a "giải quyết xong" period (those rows come from the
    figures' definition) or a typed name (checked against the steps). ``None`` otherwise.

    The rows carry the dossier's units, status, outcome and deadline under the dossier's column names
    (``models.causes.COPIED``), so the scope, the kind, the unit and the deadlines are the list's own
    conditions; the capped counts then never read the dossiers (``cause_row_counts``)."""
    if f.has_period or not f.reads_causes or (f.official and f.official_id is None):
        return None
    scope = read_scope(user)
    if scope is None:
        return DossierCause.objects.none()
    if f.official_id is not None:
        marks = DossierCause.objects.filter(official_id=f.official_id)
        if f.cause:
            marks = marks.filter(
                dossier_id__in=DossierCause.objects.filter(kind=f.cause).values("dossier_id")
            )
    else:
        marks = DossierCause.objects.filter(kind=f.cause)
    marks = marks.filter(scope, late_arm(f, now))
    if f.unit is not None:
        marks = marks.filter(handling_unit=f.unit)
    if f.end_from:
        marks = deadline_from(marks, local_day_start(f.end_from))
    if f.end_to:
        marks = deadline_before(marks, local_day_start(f.end_to + dt.timedelta(days=1)))
    return marks


def attributable_first(qs: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """Named causes first, then the newest deadline: the order of the partial indexes
    ``dossier_late_order_idx`` and ``dossier_late_unit_order_idx``, so the first page is read from an
    index instead of sorting every late dossier of the scope."""
    return qs.order_by("-named_cause", DEADLINE.desc(), "-pk")


def late_rows(
    user: Any, f: LateFilters, now: dt.datetime, today: dt.date
) -> tuple[QuerySet[Dossier], QuerySet[Dossier]]:
    """(the rows for these filters, the same without the "no apology" filter) — the second gives the
    banner's count of rows still without a letter, which honours every other filter."""
    if f.has_period:
        qs = late_finished_dossiers(user, f.finished_from or EARLIEST, f.finished_to or today, unit=f.unit)
        if f.kind == "finished":
            qs = qs.filter(outcome=Outcome.LATE)
        elif f.kind == "open":
            qs = qs.exclude(outcome=Outcome.LATE)
    else:
        qs = dossiers_for(user).filter(late_arm(f, now))
        if f.unit is not None:
            qs = qs.filter(handling_unit=f.unit)
    if f.cause:
        qs = with_cause(qs, f.cause)
    if f.end_from:
        qs = deadline_from(qs, local_day_start(f.end_from))
    if f.end_to:
        qs = deadline_before(qs, local_day_start(f.end_to + dt.timedelta(days=1)))
    if f.official or f.official_id is not None:
        qs = blamed(qs, f.official, f.official_id)
    before_missing = qs
    if f.missing_apology:
        qs = without_apology(qs)
    rows = attributable_first(with_apology_flag(with_deadline(qs))).select_related(
        "procedure", "handling_unit"
    )
    return rows, before_missing


def without_letter(marks: QuerySet[DossierCause]) -> QuerySet[DossierCause]:
    """The causes' rows of dossiers without an apology letter."""
    return marks.filter(~Exists(Apology.objects.filter(dossier=OuterRef("dossier_id"))))


class RowsByCauses:
    """The list's rows for the paginator when they are read through the causes' rows (``cause_rows``):
    a page's dossier ids taken from those rows in the list's order (``attributable_first``: named cause,
    deadline, id, all copied onto the rows), then those dossiers read by id — instead of walking the
    late list's index over every late dossier to find the few of this account or cause. ``rows`` (the
    list's own query) still filters what is read, so nothing outside the list can show."""

    def __init__(self, rows: QuerySet[Dossier], marks: QuerySet[DossierCause], missing_apology: bool) -> None:
        self.rows = rows
        self.marks = without_letter(marks) if missing_apology else marks

    def ordered_ids(self) -> QuerySet[DossierCause, int]:
        """The list's dossier ids in its order, each once: the first entries of the causes' order index
        by kind or by account (``models.causes.LIST_ORDER``), with no sort on PostgreSQL."""
        order = self.marks.order_by("-named_cause", DEADLINE.desc(), "-dossier_id")
        return order.values_list("dossier_id", flat=True).distinct()

    def __getitem__(self, which: slice) -> list[Dossier]:
        ids = list(self.ordered_ids()[which])
        found = {d.pk: d for d in self.rows.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]


@dataclass(frozen=True)
class CappedCount:
    """A count that stopped at the list's cap (``paging.list_count_cap``): ``capped`` means "more than"."""

    count: int
    capped: bool


def missing_apology_count(qs: QuerySet[Dossier], ordered: bool = True) -> CappedCount:
    """Late dossiers among ``qs`` without an apology letter (the list's banner), counted up to the cap:
    read in the late list's index order, so a city-wide reader's count stops after the cap
    (``ordered``; see ``late_counts``)."""
    cap = list_count_cap()
    qs = attributable_first(with_deadline(qs)) if ordered else qs.order_by()
    found = without_apology(qs)[: cap + 1].count()
    return CappedCount(min(found, cap), found > cap)


def late_counts(
    rows: QuerySet[Dossier], before_missing: QuerySet[Dossier], ordered: bool = True
) -> tuple[CappedCount, CappedCount]:
    """(the rows, the banner's rows without an apology letter), each counted up to the cap, in one read
    where one is enough: the first cap + 1 rows in the list's order (``late_rows``: ``has_apology`` set)
    are counted together with those of them without a letter. That is the banner's figure when the rows
    are all there (at most the cap), when all of the first cap + 1 lack a letter (the banner says "more
    than" too), and always when the list shows only the rows without a letter (the two sets are then the
    same); otherwise the banner's own count runs (``missing_apology_count``).

    Neither figure depends on which cap + 1 rows are read, so the order is only a hint to the planner:
    kept for the whole list, where walking the list's index stops after the cap; dropped
    (``ordered=False``) for the lists filtered through the causes' rows (``LateFilters.reads_causes``),
    whose rows come from those rows' indexes and need no sort of every match before the count."""
    cap = list_count_cap()
    read = rows if ordered else rows.order_by()
    got = read[: cap + 1].aggregate(n=Count("pk"), m=Count("pk", filter=Q(has_apology=False)))
    found, lacking = int(got["n"]), int(got["m"])
    count = CappedCount(min(found, cap), found > cap)
    if found <= cap or lacking > cap:
        return count, CappedCount(min(lacking, cap), lacking > cap)
    return count, missing_apology_count(before_missing, ordered)


def cause_row_counts(marks: QuerySet[DossierCause], missing_apology: bool) -> tuple[CappedCount, CappedCount]:
    """``late_counts`` read from the causes' rows alone (``cause_rows``): the distinct dossiers, and
    those without an apology letter, each up to the cap — the same figures (the tests hold them equal),
    without looking up each counted dossier in the dossiers' table."""
    cap = list_count_cap()

    def capped(qs: QuerySet[DossierCause]) -> CappedCount:
        found = qs.values("dossier_id").distinct()[: cap + 1].count()
        return CappedCount(min(found, cap), found > cap)

    lacking = capped(without_letter(marks))
    return (lacking if missing_apology else capped(marks)), lacking


def page_source(
    user: Any,
    f: LateFilters,
    rows: QuerySet[Dossier],
    before_missing: QuerySet[Dossier],
    now: dt.datetime,
    fields: tuple[str, ...],
) -> tuple[QuerySet[Dossier] | RowsByCauses, CappedCount, CappedCount]:
    """What a page of the late list is cut from (only ``fields`` read), with its capped count and its
    banner's: ``rows`` counted by ``late_counts``; or, filtered by an account or a cause, the causes' rows
    (``cause_rows``), which give both counts and the page's ids without looking up the dossiers."""
    shown = rows.only(*fields)
    marks = cause_rows(user, f, now)
    if marks is None:
        count, missing = late_counts(rows, before_missing, ordered=not f.reads_causes)
        return shown, count, missing
    count, missing = cause_row_counts(marks, f.missing_apology)
    return RowsByCauses(shown, marks, f.missing_apology), count, missing
