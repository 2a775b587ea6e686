"""The late causes of each dossier in a form an index can read: what the late list filters on."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy

from cchc.dossiers.blame import cause_marks
from cchc.org.models import Official, Unit

from .ledger import Dossier

# The copied columns as the indexes name them (``COPIED`` below, as fields).
COVERED = [
    "handling_unit",
    "receiving_unit",
    "status",
    "outcome",
    "appointment_at",
    "effective_appointment_at",
    "named_cause",
]

# The late list's order on these rows, and the copied columns its filters read, for the indexes in order.
LIST_ORDER = (
    F("named_cause").desc(),
    Coalesce("effective_appointment_at", "appointment_at").desc(),
    F("dossier").desc(),
)
LIST_FILTERED = tuple(F(c) for c in COVERED if c != "named_cause")  # named_cause leads LIST_ORDER instead


class DossierCause(models.Model):
    """One distinct (kind, blamed account, blamed name) of a dossier's stored causes
    (``blame.cause_marks(Dossier.late_causes)``), written in the same transaction as the causes by every
    path that writes them (``cause_marks``). The late list's filters by cause and by official read this
    table through its indexes, with the planner's row estimates from its statistics, instead of matching
    the JSON text of every late dossier or reading the steps of every dossier an official handled
    (docs/benchmarks.md, the late list at 5,000,000 dossiers)."""

    # No database-level foreign keys (as the steps): written only with the dossier, in its transaction;
    # a deleted dossier takes its rows with it through Django's collector. The account is the id the
    # causes store, kept even if the account goes (the JSON keeps it too).
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="cause_marks", db_constraint=False, db_index=False
    )
    kind = models.CharField(gettext_lazy("loại nguyên nhân"), max_length=32)
    official = models.ForeignKey(
        Official,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    # A step overrun naming someone without an account: the name, spaces and case folded (``blame.fold``).
    name_key = models.TextField(gettext_lazy("tên cán bộ (đã chuẩn hóa)"), blank=True, default="")

    # The dossier's columns the late list filters and orders on (``COPIED``), copied from the dossier
    # under the same names so the same conditions (``queries.read_scope``, ``late_q``, ``deadline_from``)
    # read them: the list's capped counts by an official or a cause are then counted from these rows
    # alone, never from the dossiers (docs/benchmarks.md). Kept in step by every write of the dossier
    # (``Dossier.save``, ``cause_marks.write`` after the import paths' writes, ``cause_marks.rebuild``);
    # NULL only between a row's insert and its copy, in the same transaction.
    handling_unit = models.ForeignKey(
        Unit, null=True, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False
    )
    receiving_unit = models.ForeignKey(
        Unit, null=True, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False
    )
    status = models.PositiveSmallIntegerField(null=True)
    outcome = models.CharField(max_length=20, blank=True, db_default="")
    appointment_at = models.DateTimeField(null=True)
    effective_appointment_at = models.DateTimeField(null=True)
    named_cause = models.BooleanField(db_default=False)

    class Meta:
        verbose_name = gettext_lazy("nguyên nhân trễ hạn của hồ sơ")
        verbose_name_plural = gettext_lazy("nguyên nhân trễ hạn của hồ sơ")
        indexes = [
            models.Index(fields=["dossier"], name="dossier_cause_dossier_idx"),
            # With the copied columns (as keys after the dossier, not INCLUDE, which SQLite lacks): the
            # late list's capped counts by a cause or an account are index-only scans on PostgreSQL, no
            # row of this table read (docs/benchmarks.md).
            models.Index(fields=["kind", "dossier", *COVERED], name="dossier_cause_kind_all_idx"),
            models.Index(
                fields=["official", "dossier", *COVERED],
                condition=Q(official__isnull=False),
                name="dossier_cause_account_all_idx",
            ),
            models.Index(
                fields=["name_key", "dossier"], condition=~Q(name_key=""), name="dossier_cause_name_idx"
            ),
            # The late list's order (``late_rows.attributable_first``: named cause, newest deadline, id)
            # after the kind and after the account: a page's dossier ids by a cause or an account
            # (``RowsByCauses``) are the first entries of one of these, not a sort of every row of that
            # cause or account. The other copied columns follow as keys (not INCLUDE, which SQLite lacks),
            # so the scope and the late condition are checked on the entries (docs/benchmarks.md).
            models.Index(F("kind"), *LIST_ORDER, *LIST_FILTERED, name="dossier_cause_kind_order_idx"),
            models.Index(
                F("official"),
                *LIST_ORDER,
                *LIST_FILTERED,
                condition=Q(official__isnull=False),
                name="dossier_cause_acct_order_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind}"


# The dossier's columns copied onto its causes' rows, under the same names on both tables.
COPIED = (
    "handling_unit_id",
    "receiving_unit_id",
    "status",
    "outcome",
    "appointment_at",
    "effective_appointment_at",
    "named_cause",
)
# The model fields whose change in ``Dossier.save(update_fields=…)`` the rows must follow.
COPIED_FIELDS = frozenset(c.removesuffix("_id") for c in COPIED) | frozenset(COPIED)


def copied_values(dossier: Any) -> dict[str, Any]:
    return {c: getattr(dossier, c) for c in COPIED}


def store_causes_of(dossier: Any, fresh: bool) -> None:
    """``Dossier.save``'s part: this dossier's rows replaced by those of its causes (``fresh``: a new
    dossier, which has none yet), with the dossier's copied columns."""
    if not fresh:
        DossierCause.objects.filter(dossier_id=dossier.pk).delete()
    marks = cause_marks(dossier.late_causes)
    if marks:
        copied = copied_values(dossier)
        DossierCause.objects.bulk_create(
            DossierCause(dossier_id=dossier.pk, kind=kind, official_id=account, name_key=name, **copied)
            for kind, account, name in marks
        )


def follow_dossier(dossier: Any, fields: Any) -> None:
    """``Dossier.save(update_fields=…)`` without the causes: the rows take the dossier's new copied
    columns if any of them was written."""
    if COPIED_FIELDS.intersection(fields):
        DossierCause.objects.filter(dossier_id=dossier.pk).update(**copied_values(dossier))
