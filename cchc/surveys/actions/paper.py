"""Paper questionnaires keyed in twice (double entry): two different people type the same form; when the
two entries agree the answers are stored, when they differ every difference is listed and someone
reconciles them against the paper. Nothing counts until the entries agree or are reconciled.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from cchc.core.events import record
from cchc.org.models import Unit
from cchc.surveys.actions.responses import store_paper
from cchc.surveys.audit_events import SurveysEvents
from cchc.surveys.collection import Answers, campaign_for
from cchc.surveys.models import Campaign, PaperEntry, PaperForm, PaperStatus, RespondentType
from cchc.surveys.queries import entry_units_for


def _require(actor: Any, campaign: Campaign, unit: Unit) -> None:
    if not entry_units_for(actor).filter(pk=unit.pk).exists():
        raise PermissionDenied(gettext("Bạn không được nhập phiếu giấy cho đơn vị này."))
    if campaign.status != "open":
        raise ValidationError({"campaign": gettext("Đợt khảo sát không còn mở, không nhập thêm phiếu được.")})
    if not campaign.units.filter(unit=unit).exists():
        raise ValidationError(
            {
                "unit": gettext("«%(unit)s» không thuộc đợt khảo sát «%(campaign)s».")
                % {"unit": unit.name, "campaign": campaign.name}
            }
        )


def _values(entry: PaperEntry) -> dict[str, Any]:
    return {
        "unit": entry.unit_id,
        "filled_on": entry.filled_on,
        "respondent_type": entry.respondent_type,
        "expectations": sorted(entry.expectations) if entry.expectations is not None else None,
        **{f"q_{code}": value for code, value in entry.answers.items()},
    }


def differences(form: PaperForm, first: PaperEntry, second: PaperEntry) -> list[dict[str, Any]]:
    q = form.campaign.questionnaire.questionnaire
    a, b = _values(first), _values(second)
    labels = {
        "unit": "Đơn vị",
        "filled_on": "Ngày ghi trên phiếu",
        "respondent_type": "Người trả lời là",
        "expectations": "Mong đợi",
        **{f"q_{item.code}": f"Câu {item.code}" for item in q.items},
    }
    units = dict(Unit.objects.filter(pk__in=[first.unit_id, second.unit_id]).values_list("pk", "name"))
    types = dict(RespondentType.choices)

    def show(key: str, value: Any) -> str:
        if value is None or value == "":
            return "(để trống)"
        if key == "unit":
            return str(units.get(value, value))
        if key == "filled_on":
            return value.strftime("%d/%m/%Y")
        if key == "respondent_type":
            return str(types.get(value, value))
        if key == "expectations":
            return ", ".join(value) or "(không chọn)"
        return str(value)

    out = []
    for key in labels:
        if a.get(key) != b.get(key):
            out.append(
                {
                    "field": key,
                    "label": labels[key],
                    "first": show(key, a.get(key)),
                    "second": show(key, b.get(key)),
                }
            )
    return out


@transaction.atomic
def enter(
    actor: Any, campaign: Campaign, *, serial: str, unit: Unit, filled_on: dt.date, answers: Answers
) -> PaperForm:
    """Key in one paper form; the first call records entry 1, the second (by someone else) compares."""
    serial = serial.strip()
    if not serial:
        raise ValidationError(
            {"serial": gettext("Cần số phiếu (ghi ở góc phiếu giấy) để đối chiếu hai lần nhập.")}
        )
    _require(actor, campaign, unit)
    if not answers.answers:
        raise ValidationError({"answers": gettext("Phiếu chưa có câu trả lời nào.")})
    form, _ = PaperForm.objects.select_for_update().get_or_create(campaign=campaign, serial=serial)
    if form.status in (PaperStatus.MATCHED, PaperStatus.RESOLVED):
        raise ValidationError(
            {
                "serial": gettext("Phiếu số %(serial)s đã được nhập đủ hai lần và ghi nhận.")
                % {"serial": serial}
            }
        )
    if form.status == PaperStatus.MISMATCH:
        raise ValidationError(
            {
                "serial": gettext(
                    "Phiếu số %(serial)s có hai lần nhập lệch nhau: hãy đối chiếu phiếu gốc ở danh sách "
                    "phiếu lệch."
                )
                % {"serial": serial}
            }
        )
    first = form.entries.filter(seq=1).first()
    if first is not None and first.entered_by_id == actor.pk:
        raise ValidationError(
            {
                "serial": gettext(
                    "Bạn đã nhập phiếu số %(serial)s lần thứ nhất; lần thứ hai phải do người khác nhập."
                )
                % {"serial": serial}
            }
        )
    seq = 1 if first is None else 2
    try:
        with transaction.atomic():
            entry = _entry(actor, form, seq, unit=unit, filled_on=filled_on, answers=answers)
    except IntegrityError as exc:
        raise ValidationError(
            {
                "serial": gettext("Phiếu số %(serial)s vừa được người khác nhập; hãy tải lại trang.")
                % {"serial": serial}
            }
        ) from exc
    if seq == 1:
        record(actor, SurveysEvents.PAPER_FIRST, form, summary=f"Nhập lần 1 phiếu giấy số {serial}")
        return form
    assert first is not None
    diffs = differences(form, first, entry)
    if diffs:
        form.status = PaperStatus.MISMATCH
        form.mismatches = diffs
        form.save(update_fields=["status", "mismatches"])
        record(
            actor,
            SurveysEvents.PAPER_MISMATCH,
            form,
            summary=f"Phiếu giấy số {serial}: hai lần nhập lệch {len(diffs)} ô",
            data={"fields": [d["field"] for d in diffs]},
        )
        return form
    _accept(actor, form, entry, PaperStatus.MATCHED)
    return form


def _entry(
    actor: Any, form: PaperForm, seq: int, *, unit: Unit, filled_on: dt.date, answers: Answers
) -> PaperEntry:
    """One typing of the paper form: the first (1), the second (2), or the values read on the paper
    itself when the two disagree (3)."""
    return PaperEntry.objects.create(
        form=form,
        seq=seq,
        entered_by=actor,
        unit=unit,
        filled_on=filled_on,
        answers=answers.answers,
        expectations=answers.expectations,
        respondent_type=answers.respondent_type,
    )


def _accept(actor: Any, form: PaperForm, entry: PaperEntry, status: str) -> None:
    cu = form.campaign.units.filter(unit=entry.unit).select_related("campaign", "unit").first()
    if cu is None:  # the unit left the campaign since the first entry
        found = campaign_for(entry.unit, entry.filled_on)
        if found is None or found.campaign_id != form.campaign_id:
            raise ValidationError({"unit": gettext("Đơn vị trên phiếu không thuộc đợt khảo sát.")})
        cu = found
    answers = Answers(
        answers=entry.answers, expectations=entry.expectations, respondent_type=entry.respondent_type
    )
    form.response = store_paper(cu, answers, filled_on=entry.filled_on, entered_by=actor)
    form.status = status
    form.mismatches = [] if status == PaperStatus.MATCHED else form.mismatches
    form.save(update_fields=["response", "status", "mismatches"])
    record(
        actor,
        SurveysEvents.PAPER_ACCEPTED,
        form,
        summary=f"Ghi nhận phiếu giấy số {form.serial} ({form.get_status_display()})",
        data={"response": form.response.pk},
    )


@transaction.atomic
def reconcile(actor: Any, form: PaperForm, *, unit: Unit, filled_on: dt.date, answers: Answers) -> PaperForm:
    """The values read on the paper itself for a form whose two entries disagree."""
    form = PaperForm.objects.select_for_update().get(pk=form.pk)
    if form.status != PaperStatus.MISMATCH:
        raise ValidationError(
            {
                "serial": gettext("Phiếu số %(serial)s không ở trạng thái cần đối chiếu.")
                % {"serial": form.serial}
            }
        )
    _require(actor, form.campaign, unit)
    if not answers.answers:
        raise ValidationError({"answers": gettext("Phiếu chưa có câu trả lời nào.")})
    entry = _entry(actor, form, 3, unit=unit, filled_on=filled_on, answers=answers)
    _accept(actor, form, entry, PaperStatus.RESOLVED)
    return form
