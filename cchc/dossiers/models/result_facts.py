"""The dossier-results report's summary (``cchc.dossiers.result_facts`` keeps it): per handling unit ×
procedure × day (and the same per month), and the few stretches of verdicts that cannot be kept as daily
counts. Derived rows: written only by ``result_facts`` in the write transaction, recreated by
``cchc rebuild-facts``; no database-level foreign keys (as ``DailyFact``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy

from cchc.org.models import Unit

from .procedures import Procedure


class ResultCounts(models.Model):
    """Received (by channel) and finished (by verdict) on the day, and the difference counts of the
    dossiers open within time or overdue (open at the end of day D: the sum of the deltas of days ≤ D)."""

    received_direct = models.IntegerField(default=0)
    received_online = models.IntegerField(default=0)
    received_postal = models.IntegerField(default=0)
    finished_early = models.IntegerField(default=0)
    finished_on_time = models.IntegerField(default=0)
    finished_late = models.IntegerField(default=0)
    open_within_delta = models.IntegerField(default=0)
    open_overdue_delta = models.IntegerField(default=0)
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )

    class Meta:
        abstract = True


class ResultDailyFact(ResultCounts):
    """``ResultCounts`` per unit × procedure × local day."""

    day = models.DateField()

    class Meta:
        verbose_name = gettext_lazy("số liệu kết quả giải quyết theo ngày")
        verbose_name_plural = gettext_lazy("số liệu kết quả giải quyết theo ngày")
        constraints = [
            models.UniqueConstraint(fields=["unit", "procedure", "day"], name="result_daily_fact_unique")
        ]
        indexes = [models.Index(fields=["day", "unit"], name="result_daily_fact_day_unit")]

    def __str__(self) -> str:
        return f"{self.day} {self.unit_id} {self.procedure_id}"


class ResultMonthlyFact(ResultCounts):
    """``ResultDailyFact`` summed per month (``month``: its first day): a year is read as twelve rows
    per unit and procedure, the days of a period's partial months from the daily rows."""

    month = models.DateField()

    class Meta:
        verbose_name = gettext_lazy("số liệu kết quả giải quyết theo tháng")
        verbose_name_plural = gettext_lazy("số liệu kết quả giải quyết theo tháng")
        constraints = [
            models.UniqueConstraint(fields=["unit", "procedure", "month"], name="result_monthly_fact_unique")
        ]
        indexes = [models.Index(fields=["month", "unit"], name="result_monthly_fact_month_unit")]

    def __str__(self) -> str:
        return f"{self.month} {self.unit_id} {self.procedure_id}"


class ResultStretch(models.Model):
    """Finished dossiers whose verdict does not hold from the day they ended onwards (a wait for a
    supplement counted as an end, a verdict changed later, an end before the day of receipt): counted in
    a period ending on day D when ``start_day ≤ D < stop_day`` and the end is in the period."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    state = models.PositiveSmallIntegerField()  # 0 early, 1 on time, 2 late
    end_day = models.DateField()
    start_day = models.DateField()
    stop_day = models.DateField()  # 9999-12-31: never stops
    received_day = models.DateField()
    channel = models.PositiveSmallIntegerField()  # 1 in person, 2 online, 3 postal
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = gettext_lazy("khoảng kết quả giải quyết")
        verbose_name_plural = gettext_lazy("khoảng kết quả giải quyết")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "unit",
                    "procedure",
                    "state",
                    "end_day",
                    "start_day",
                    "stop_day",
                    "received_day",
                    "channel",
                ],
                name="result_stretch_unique",
            )
        ]
        indexes = [models.Index(fields=["stop_day", "start_day"], name="result_stretch_stop_start")]

    def __str__(self) -> str:
        return f"{self.start_day}–{self.stop_day} {self.unit_id} {self.procedure_id}"
