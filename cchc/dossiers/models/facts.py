"""Pre-aggregated counts the dashboards, rankings and reports read instead of the ledger."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy

from cchc.org.models import Official, Unit

from .procedures import Procedure


class FactCounts(models.Model):
    """The seven counts a day's facts carry (``facts.FACT_COLUMNS``), shared by both fact tables."""

    received = models.IntegerField(default=0)
    received_online = models.IntegerField(default=0)
    finished_early = models.IntegerField(default=0)
    finished_on_time = models.IntegerField(default=0)
    finished_late = models.IntegerField(default=0)
    open_within_delta = models.IntegerField(default=0)
    open_overdue_delta = models.IntegerField(default=0)

    class Meta:
        abstract = True


class DailyFact(FactCounts):
    """Pre-aggregated counts per handling unit × procedure × day, the only thing dashboards read.

    ``open_*_delta`` are difference counts: the number of dossiers open within time (or overdue) at the
    end of day D is the sum of the deltas of all days ≤ D, so a dossier's whole open life costs at most
    four rows to record and "open as of any date" is one range sum.
    """

    day = models.DateField()
    # Derived rows (``cchc rebuild-facts`` recreates them), written only by ``facts`` with ids taken
    # from dossiers: no database-level foreign keys (a million deferred checks per large import), and
    # no index on unit alone (the unique index starts with it). Django still cascades on delete.
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="+", db_constraint=False)

    class Meta:
        verbose_name = gettext_lazy("số liệu ngày")
        verbose_name_plural = gettext_lazy("số liệu ngày")
        constraints = [models.UniqueConstraint(fields=["unit", "procedure", "day"], name="daily_fact_unique")]
        indexes = [models.Index(fields=["day", "unit"])]

    def __str__(self) -> str:
        return f"{self.day} {self.unit_id} {self.procedure_id}"


class UnitDailyFact(FactCounts):
    """``DailyFact`` summed over procedures: one row per handling unit × day, kept by the same deltas in
    the same transaction and rebuilt by the same command. Whole-city reads without a procedure filter
    (``dossier-stats``, league tables, home pages) scan units × days instead of units × procedures ×
    days, which is what keeps a year at five million dossiers under the issue's 200 ms."""

    day = models.DateField()
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )

    class Meta:
        verbose_name = gettext_lazy("số liệu ngày theo đơn vị")
        verbose_name_plural = gettext_lazy("số liệu ngày theo đơn vị")
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="unit_daily_fact_unique")]
        indexes = [models.Index(fields=["day", "unit"])]

    def __str__(self) -> str:
        return f"{self.day} {self.unit_id}"


class OfficialDailyFact(models.Model):
    """Per official, handling unit, receiving unit and local day a dossier finished: how many finished
    dossiers they handled a step of and how many of the late ones a cause blames them for (the officials'
    ranking, read without the steps). Written only by ``official_facts``, in the write transaction."""

    day = models.DateField()
    handling_unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    receiving_unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", db_constraint=False, null=True, db_index=False
    )
    # The account when the step has one, else the step's name folded (spaces and case); never both.
    official = models.ForeignKey(
        Official, on_delete=models.CASCADE, related_name="+", db_constraint=False, null=True
    )
    name_key = models.CharField(max_length=255, blank=True)
    finished = models.IntegerField(default=0)
    late = models.IntegerField(default=0)
    # The official's earliest step among these dossiers: where a row's name and unit come from.
    first_step = models.BigIntegerField()

    class Meta:
        verbose_name = gettext_lazy("số liệu ngày theo cán bộ")
        verbose_name_plural = gettext_lazy("số liệu ngày theo cán bộ")
        indexes = [models.Index(fields=["day", "handling_unit"])]

    def __str__(self) -> str:
        return f"{self.day} {self.official_id or self.name_key}"
