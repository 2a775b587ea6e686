"""A survey campaign: created with its units and targets, opened (never two over one unit at once), closed
and published; and the kiosks that collect answers at the one-stop offices."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import diff, record
from cchc.org.models import Jurisdiction, JurisdictionLevel, Unit
from cchc.org.queries import user_jurisdiction
from cchc.surveys.actions.common import require, require_secretariat
from cchc.surveys.actions.questionnaires import freeze
from cchc.surveys.audit_events import SurveysEvents
from cchc.surveys.conf import setting
from cchc.surveys.models import (
    Campaign,
    CampaignStatus,
    CampaignUnit,
    FlagStatus,
    Kiosk,
    QuestionnaireVersion,
    VersionStatus,
)
from cchc.surveys.queries import entry_units_for, surveys_for

# --- campaigns -----------------------------------------------------------------------------------


def default_target(unit: Unit) -> int:
    """docs/rules/surveys.md "Sample-size practice" (Bình Dương 2018 [C], a provincial choice): 200 per ward
    or township, 150 per commune, 600 per town/city, 500 per rural district, 3,200 per province."""
    targets = setting("CCHC_SURVEY_SAMPLE_TARGETS")
    area = unit.jurisdiction
    name = area.name.strip().lower()
    if area.level == JurisdictionLevel.COMMUNE:
        return int(targets["commune"] if name.startswith("xã") else targets["ward"])
    if area.level == JurisdictionLevel.DISTRICT:
        urban = name.startswith(("thành phố", "thị xã", "quận"))
        return int(targets["district_urban" if urban else "district_rural"])
    return int(targets["province"])


def _check_dates(starts_on: dt.date, ends_on: dt.date) -> None:
    if ends_on < starts_on:
        raise ValidationError({"ends_on": gettext("Ngày kết thúc không được trước ngày bắt đầu.")})


@transaction.atomic
def create_campaign(
    actor: Any,
    *,
    name: str,
    questionnaire: QuestionnaireVersion,
    starts_on: dt.date,
    ends_on: dt.date,
    units: Iterable[Unit],
    aggregation: str = "",
    note: str = "",
    jurisdiction: Jurisdiction | None = None,
) -> Campaign:
    if not isinstance(actor, str):
        require_secretariat(actor)
    area = jurisdiction or user_jurisdiction(actor)
    if area is None:
        raise ValidationError({"jurisdiction": gettext("Tài khoản chưa gắn với địa bàn.")})
    _check_dates(starts_on, ends_on)
    q = questionnaire.questionnaire
    if aggregation and aggregation not in q.allowed_aggregations:
        raise ValidationError(
            {
                "aggregation": gettext("Bộ câu hỏi %(code)s chỉ cho phép %(rules)s.")
                % {"code": questionnaire.code, "rules": ", ".join(q.allowed_aggregations)}
            }
        )
    if questionnaire.status == VersionStatus.RETIRED:
        raise ValidationError({"questionnaire": gettext("Bộ câu hỏi đã ngừng sử dụng.")})
    campaign = Campaign.objects.create(
        jurisdiction=area,
        name=name.strip(),
        questionnaire=questionnaire,
        aggregation=aggregation,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    set_units(actor, campaign, {unit: None for unit in units})
    record(actor, SurveysEvents.CAMPAIGN_CREATED, campaign, summary=f"Tạo đợt khảo sát “{campaign.name}”")
    return campaign


@transaction.atomic
def update_campaign(actor: Any, campaign: Campaign, **fields: Any) -> Campaign:
    require_secretariat(actor)
    require(
        surveys_for(actor, write=True).filter(pk=campaign.pk).exists(), "Đợt khảo sát thuộc địa bàn khác."
    )
    if campaign.status in (CampaignStatus.CLOSED, CampaignStatus.PUBLISHED):
        raise ValidationError(gettext("Đợt khảo sát đã kết thúc; không sửa thông tin được."))
    allowed = {"name", "starts_on", "ends_on", "note", "aggregation"}
    if campaign.status == CampaignStatus.DRAFT:
        allowed.add("questionnaire")
    before = {k: getattr(campaign, k) for k in allowed}
    for key, value in fields.items():
        if key not in allowed:
            raise ValidationError(
                {key: gettext("Không sửa được mục này khi đợt khảo sát đang thu thập ý kiến.")}
            )
        setattr(campaign, key, value)
    _check_dates(campaign.starts_on, campaign.ends_on)
    if (
        campaign.aggregation
        and campaign.aggregation not in campaign.questionnaire.questionnaire.allowed_aggregations
    ):
        raise ValidationError({"aggregation": gettext("Quy tắc gộp không được bộ câu hỏi cho phép.")})
    campaign.save()
    changes = diff(before, {k: getattr(campaign, k) for k in allowed})
    record(
        actor,
        SurveysEvents.CAMPAIGN_UPDATED,
        campaign,
        summary=f"Sửa đợt khảo sát “{campaign.name}”",
        data=changes,
    )
    return campaign


@transaction.atomic
def set_units(actor: Any, campaign: Campaign, targets: Mapping[Unit, int | None]) -> None:
    """Units of a campaign with their sample targets (``None`` = the default of docs/rules/surveys.md)."""
    if not isinstance(actor, str):
        require_secretariat(actor)
        allowed = set(entry_units_for(actor).values_list("pk", flat=True))
        for unit in targets:
            require(unit.pk in allowed, f"Đơn vị “{unit.name}” thuộc địa bàn khác.")
    if campaign.status in (CampaignStatus.CLOSED, CampaignStatus.PUBLISHED):
        raise ValidationError(gettext("Đợt khảo sát đã kết thúc; không đổi danh sách đơn vị được."))
    if not targets and campaign.status == CampaignStatus.OPEN:
        raise ValidationError({"units": gettext("Đợt khảo sát đang mở phải có ít nhất một đơn vị.")})
    keep = []
    for unit, target in targets.items():
        value = default_target(unit) if target is None else int(target)
        if value <= 0:
            raise ValidationError(
                {
                    f"target_{unit.pk}": gettext("Số phiếu cần thu của “%(unit)s” phải lớn hơn 0.")
                    % {"unit": unit.name}
                }
            )
        CampaignUnit.objects.update_or_create(campaign=campaign, unit=unit, defaults={"target": value})
        keep.append(unit.pk)
    removed = campaign.units.exclude(unit_id__in=keep)
    if removed.exists() and campaign.responses.filter(unit__in=removed.values("unit_id")).exists():
        raise ValidationError({"units": gettext("Không bỏ được đơn vị đã có phiếu trả lời trong đợt này.")})
    removed.delete()
    _check_overlap(campaign)


def _check_overlap(campaign: Campaign) -> None:
    """Two open campaigns over one unit and day would leave an answer without a single home."""
    if campaign.status != CampaignStatus.OPEN:
        return
    units = campaign.units.values("unit_id")
    clash = (
        Campaign.objects.filter(status=CampaignStatus.OPEN, units__unit__in=units)
        .exclude(pk=campaign.pk)
        .filter(starts_on__lte=campaign.ends_on, ends_on__gte=campaign.starts_on)
        .first()
    )
    if clash is not None:
        raise ValidationError(
            gettext(
                "Đợt “%(name)s” đang mở cho cùng đơn vị trong cùng thời gian; mỗi đơn vị chỉ có một đợt "
                "khảo sát đang mở tại một thời điểm."
            )
            % {"name": clash.name}
        )


@transaction.atomic
def open_campaign(actor: Any, campaign: Campaign) -> Campaign:
    """Start collecting: the questionnaire version becomes frozen from here on."""
    if not isinstance(actor, str):
        require_secretariat(actor)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.DRAFT:
        raise ValidationError(gettext("Chỉ mở được đợt khảo sát đang chuẩn bị."))
    if not campaign.units.exists():
        raise ValidationError({"units": gettext("Cần chọn ít nhất một đơn vị được khảo sát.")})
    if not campaign.questionnaire.questionnaire.items:
        raise ValidationError({"questionnaire": gettext("Bộ câu hỏi chưa có câu hỏi nào.")})
    campaign.status = CampaignStatus.OPEN
    campaign.opened_at = timezone.now()
    _check_overlap(campaign)
    campaign.save(update_fields=["status", "opened_at"])
    freeze(actor, campaign.questionnaire)
    record(actor, SurveysEvents.CAMPAIGN_OPENED, campaign, summary=f"Mở đợt khảo sát “{campaign.name}”")
    return campaign


@transaction.atomic
def close_campaign(actor: Any, campaign: Campaign) -> Campaign:
    if not isinstance(actor, str):
        require_secretariat(actor)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.OPEN:
        raise ValidationError(gettext("Chỉ kết thúc được đợt khảo sát đang thu thập ý kiến."))
    campaign.status = CampaignStatus.CLOSED
    campaign.closed_at = timezone.now()
    campaign.save(update_fields=["status", "closed_at"])
    pending = campaign.responses.filter(flag_status=FlagStatus.PENDING).count()
    record(
        actor,
        SurveysEvents.CAMPAIGN_CLOSED,
        campaign,
        summary=f"Kết thúc thu thập “{campaign.name}”",
        data={"pending_review": pending},
    )
    return campaign


@transaction.atomic
def publish_campaign(actor: Any, campaign: Campaign) -> Campaign:
    if not isinstance(actor, str):
        require_secretariat(actor)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.CLOSED:
        raise ValidationError(gettext("Chỉ công bố được đợt khảo sát đã kết thúc thu thập."))
    pending = campaign.responses.filter(flag_status=FlagStatus.PENDING).count()
    if pending:
        raise ValidationError(
            gettext(
                "Còn %(n)s phiếu cần xem xét; hãy xem xét hết (giữ lại hoặc không tính) trước khi công bố."
            )
            % {"n": pending}
        )
    campaign.status = CampaignStatus.PUBLISHED
    campaign.published_at = timezone.now()
    campaign.save(update_fields=["status", "published_at"])
    record(actor, SurveysEvents.CAMPAIGN_PUBLISHED, campaign, summary=f"Công bố kết quả “{campaign.name}”")
    return campaign


# --- kiosks --------------------------------------------------------------------------------------


@transaction.atomic
def create_kiosk(actor: Any, *, name: str, unit: Unit, token: str | None = None) -> Kiosk:
    if not isinstance(actor, str):
        require(
            entry_units_for(actor).filter(pk=unit.pk).exists(), "Bạn không được đặt ki-ốt cho đơn vị này."
        )
    if not name.strip():
        raise ValidationError({"name": gettext("Cần tên thiết bị (ví dụ “Máy tính bảng quầy 1”).")})
    kiosk = Kiosk.objects.create(
        name=name.strip(),
        unit=unit,
        token=token or secrets.token_urlsafe(18),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record(actor, SurveysEvents.KIOSK_CREATED, kiosk, summary=f"Đặt ki-ốt “{kiosk.name}” tại {unit.name}")
    return kiosk


@transaction.atomic
def deactivate_kiosk(actor: Any, kiosk: Kiosk) -> None:
    require(entry_units_for(actor).filter(pk=kiosk.unit_id).exists(), "Bạn không được quản lý ki-ốt này.")
    Kiosk.objects.filter(pk=kiosk.pk).update(is_active=False)
    record(actor, SurveysEvents.KIOSK_DEACTIVATED, kiosk, summary=f"Ngừng ki-ốt “{kiosk.name}”")
