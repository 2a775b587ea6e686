"""What follows the answers: flagged responses reviewed, figures published, improvement tasks created for
the weak points."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import record
from cchc.lib import indices
from cchc.org.models import Unit
from cchc.org.queries import user_unit
from cchc.surveys.actions.common import require, require_secretariat
from cchc.surveys.audit_events import SurveysEvents
from cchc.surveys.models import Campaign, FigureScope, FlagStatus, ImprovementTask, PublishedFigure, Response
from cchc.surveys.queries import surveys_for

# --- review --------------------------------------------------------------------------------------


@transaction.atomic
def review(actor: Any, response: Response, *, keep: bool, note: str) -> Response:
    """Decide on a flagged response: keep it in the indices or set it aside. It is never deleted."""
    from cchc.surveys.queries import responses_for

    require(
        responses_for(actor, write=True).filter(pk=response.pk).exists(), "Bạn không được xem xét phiếu này."
    )
    if not note.strip():
        raise ValidationError({"note": gettext("Cần ghi lý do quyết định (để người khác hiểu vì sao).")})
    response = Response.objects.select_for_update().get(pk=response.pk)
    before = response.flag_status
    response.flag_status = FlagStatus.KEPT if keep else FlagStatus.EXCLUDED
    response.reviewed_by = actor
    response.reviewed_at = timezone.now()
    response.review_note = note.strip()
    response.save(update_fields=["flag_status", "reviewed_by", "reviewed_at", "review_note"])
    record(
        actor,
        SurveysEvents.RESPONSE_REVIEWED,
        response,
        summary=f"{response.number}: {response.get_flag_status_display()}",
        data={"before": before, "after": response.flag_status, "note": note.strip()[:300]},
    )
    return response


# --- published figures ---------------------------------------------------------------------------


@transaction.atomic
def save_figure(
    actor: Any, data: Mapping[str, Any], figure: PublishedFigure | None = None
) -> PublishedFigure:
    """An official SIPAS figure as published (docs/rules/surveys.md point 1): typed, never computed."""
    if not isinstance(actor, str):
        require_secretariat(actor)
    value = Decimal(str(data["value"]))
    if not Decimal(0) <= value <= Decimal(100):
        raise ValidationError({"value": gettext("Chỉ số phải từ 0 đến 100 (%).")})
    if not str(data.get("source") or "").strip():
        raise ValidationError({"source": gettext("Cần ghi nguồn công bố (văn bản, trang tin, ngày).")})
    scope = data["scope"]
    area = str(data.get("area_name") or "").strip()
    if scope == FigureScope.PROVINCE and not area:
        raise ValidationError({"area_name": gettext("Cần tên tỉnh, thành phố.")})
    if scope == FigureScope.NATIONAL:
        area = ""
    year = int(data["year"])
    clash = PublishedFigure.objects.filter(year=year, scope=scope, area_name=area)
    if figure is not None:
        clash = clash.exclude(pk=figure.pk)
    if clash.exists():
        where = area or gettext("cả nước")
        raise ValidationError(
            {
                "year": gettext("Đã có chỉ số năm %(year)s cho %(where)s; hãy sửa dòng đó.")
                % {"year": year, "where": where}
            }
        )
    figure = figure or PublishedFigure()
    figure.year = year
    figure.scope = scope
    figure.area_name = area
    figure.value = value
    figure.rank = str(data.get("rank") or "").strip()
    figure.range_note = str(data.get("range_note") or "").strip()
    figure.source = str(data["source"]).strip()
    figure.entered_by = actor if getattr(actor, "pk", None) else None
    created = figure.pk is None
    figure.save()
    record(
        actor,
        SurveysEvents.FIGURE_SAVED,
        figure,
        summary=f"{'Nhập' if created else 'Sửa'} chỉ số SIPAS đã công bố: {figure}",
    )
    return figure


@transaction.atomic
def delete_figure(actor: Any, figure: PublishedFigure) -> None:
    require_secretariat(actor)
    record(actor, SurveysEvents.FIGURE_DELETED, figure, summary=f"Xoá chỉ số SIPAS đã nhập: {figure}")
    figure.delete()


# --- improvement tasks ---------------------------------------------------------------------------


def improvement_text(unit: Unit, item: Any, estimate: indices.Estimate, campaign: Campaign) -> str:
    index = indices.percent(estimate.index)
    shown = f"{index:.2f}".replace(".", ",") if index is not None else "—"
    return (
        f"Cải thiện tiêu chí {item.code} “{item.text}” tại {unit.name}: chỉ số hài lòng {shown}% "
        f"({estimate.satisfied}/{estimate.valid} câu trả lời hài lòng) trong {campaign.name}. "
        "Xây dựng giải pháp khắc phục và báo cáo kết quả."
    )


@transaction.atomic
def create_improvement_task(
    actor: Any,
    campaign: Campaign,
    unit: Unit,
    item_code: str,
    *,
    directive: Any,
    due: dt.date,
    text: str = "",
) -> ImprovementTask:
    """One step from a weak criterion to a task of the task engine, led by the unit and
    assigned by the secretariat's unit, under a directive of the register (the founding letter itself asks
    units to plan solutions from the survey results and Internal Affairs to monitor them)."""
    from cchc.surveys import results
    from cchc.surveys.tasks_adapter import create_task

    require_secretariat(actor)
    require(
        surveys_for(actor, write=True).filter(pk=campaign.pk).exists(), "Đợt khảo sát thuộc địa bàn khác."
    )
    if not campaign.units.filter(unit=unit).exists():
        raise ValidationError({"unit": gettext("“%(unit)s” không thuộc đợt khảo sát.") % {"unit": unit.name}})
    q = campaign.questionnaire.questionnaire
    item = next((i for i in q.items if i.code == item_code), None)
    if item is None:
        raise ValidationError(
            {"item": gettext("Không có tiêu chí “%(code)s” trong bộ câu hỏi.") % {"code": item_code}}
        )
    open_twin = (
        ImprovementTask.objects.filter(campaign=campaign, unit=unit, item_code=item_code, task__isnull=False)
        .exclude(task__status__in=["done", "cancelled"])
        .first()
    )
    if open_twin is not None:
        raise ValidationError(
            {
                "item": gettext("Tiêu chí %(code)s của %(unit)s đã có nhiệm vụ cải thiện đang thực hiện.")
                % {"code": item_code, "unit": unit.name}
            }
        )
    rs = results.load(campaign, units=[unit.pk])
    estimate = results.compute(rs, campaign.rule).items[item_code]
    assigner = user_unit(actor)
    if assigner is None:
        raise ValidationError(gettext("Tài khoản chưa gắn với đơn vị nên không giao nhiệm vụ được."))
    body = text.strip() or improvement_text(unit, item, estimate, campaign)
    task = create_task(actor, directive, text=body, lead_unit=unit, assigner_unit=assigner, due=due)
    index = indices.percent(estimate.index)
    link = ImprovementTask.objects.create(
        campaign=campaign,
        unit=unit,
        item_code=item_code,
        item_text=item.text,
        index=Decimal(str(index)) if index is not None else None,
        valid=estimate.valid,
        task=task,
        created_by=actor,
    )
    record(
        actor,
        SurveysEvents.IMPROVEMENT_TASK,
        link,
        summary=f"Giao {unit.name} cải thiện tiêu chí {item_code}",
        data={"task": task.pk, "campaign": campaign.pk, "index": index},
    )
    return link


def default_directive(directives: Any) -> Any:
    """The directive a survey improvement task most likely implements: the latest one about SIPAS."""
    about = directives.filter(Q(subject__icontains="SIPAS") | Q(subject__icontains="hài lòng")).order_by(
        "-date", "-pk"
    )
    return about.first() or directives.order_by("-date", "-pk").first()
