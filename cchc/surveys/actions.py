"""Every change the staff make to surveys: validated, audited (``cchc.core.events.record``), and checked
against the scope in ``queries`` as well as in the views, so a script gets the views' answers.

Answers from citizens arrive through ``collection`` (no login) and paper forms through ``paper``.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import secrets
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cchc.core.events import diff, record
from cchc.lib import indices
from cchc.lib import questionnaires as qlib
from cchc.org.models import Jurisdiction, JurisdictionLevel, Unit
from cchc.org.queries import user_jurisdiction, user_unit
from cchc.surveys.conf import setting
from cchc.surveys.models import (
    FROZEN_MESSAGE,
    Campaign,
    CampaignStatus,
    CampaignUnit,
    FigureScope,
    FlagStatus,
    ImprovementTask,
    Kiosk,
    PublishedFigure,
    QuestionnaireVersion,
    Response,
    VersionStatus,
)
from cchc.surveys.queries import entry_units_for, is_secretariat, surveys_for


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _secretariat(actor: Any) -> None:
    _require(
        is_secretariat(actor), "Chỉ bộ phận thường trực cải cách hành chính (Phòng Nội vụ) được làm việc này."
    )


# --- questionnaires ------------------------------------------------------------------------------


def _validated(definition: Any, origin: str) -> qlib.Questionnaire:
    try:
        return qlib.from_dict(definition, origin=origin)
    except qlib.QuestionnaireError as exc:
        raise ValidationError({"definition": str(exc)}) from exc


@transaction.atomic
def import_shipped(actor: Any, code: str) -> tuple[QuestionnaireVersion, bool]:
    """Copy a shipped questionnaire file into the database as a draft. Idempotent: the same file again
    changes nothing; a changed file updates a draft and is refused for a frozen version."""
    if not isinstance(actor, str):
        _secretariat(actor)
    if code not in qlib.available():
        raise ValidationError(
            {"code": f"Không có bộ câu hỏi “{code}”. Có sẵn: {', '.join(qlib.available())}."}
        )
    from importlib import resources

    text = resources.files(qlib.__name__).joinpath("data", f"{code}.json").read_text(encoding="utf-8")
    definition = json.loads(text)
    q = _validated(definition, code)
    return _store(actor, q.code, q.title, definition, imported_from=code)


@transaction.atomic
def import_file(actor: Any, name: str, content: bytes) -> tuple[QuestionnaireVersion, bool]:
    """A questionnaire definition uploaded as JSON (the format of docs/indices.md §7)."""
    _secretariat(actor)
    try:
        definition = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ValidationError({"file": f"Tệp {name} không phải văn bản UTF-8."}) from exc
    except json.JSONDecodeError as exc:
        raise ValidationError(
            {"file": f"Tệp {name}: không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}): {exc.msg}"}
        ) from exc
    q = _validated(definition, name)
    return _store(actor, q.code, q.title, definition, imported_from="")


def _store(
    actor: Any, code: str, title: str, definition: dict[str, Any], *, imported_from: str
) -> tuple[QuestionnaireVersion, bool]:
    existing = QuestionnaireVersion.objects.select_for_update().filter(code=code).first()
    if existing is not None:
        if existing.definition == definition:
            return existing, False
        if existing.is_frozen:
            raise ValidationError({"definition": FROZEN_MESSAGE.format(code=code)})
        existing.definition = definition
        existing.title = title
        existing.save()
        record(actor, "survey.questionnaire_replaced", existing, summary=f"Thay định nghĩa bộ câu hỏi {code}")
        return existing, False
    version = QuestionnaireVersion.objects.create(
        code=code,
        title=title,
        definition=definition,
        imported_from=imported_from,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record(actor, "survey.questionnaire_imported", version, summary=f"Nhập bộ câu hỏi {code}")
    return version, True


@transaction.atomic
def copy_version(actor: Any, version: QuestionnaireVersion, new_code: str) -> QuestionnaireVersion:
    _secretariat(actor)
    new_code = new_code.strip()
    if not new_code:
        raise ValidationError({"code": "Cần mã cho phiên bản mới."})
    if QuestionnaireVersion.objects.filter(code=new_code).exists():
        raise ValidationError({"code": f"Mã “{new_code}” đã có; hãy chọn mã khác."})
    definition = copy.deepcopy(version.definition)
    definition["code"] = new_code
    _validated(definition, new_code)
    draft = QuestionnaireVersion.objects.create(
        code=new_code,
        title=version.title,
        definition=definition,
        based_on=version,
        created_by=actor,
    )
    record(actor, "survey.questionnaire_copied", draft, summary=f"Sao {version.code} thành {new_code}")
    return draft


def _walk_items(definition: dict[str, Any]) -> Iterable[dict[str, Any]]:
    def walk(groups: list[dict[str, Any]]) -> Iterable[dict[str, Any]]:
        for group in groups:
            yield from group.get("items", [])
            yield from walk(group.get("groups", []))

    return walk(definition.get("groups", []))


def _walk_groups(definition: dict[str, Any]) -> Iterable[dict[str, Any]]:
    def walk(groups: list[dict[str, Any]]) -> Iterable[dict[str, Any]]:
        for group in groups:
            yield group
            yield from walk(group.get("groups", []))

    return walk(definition.get("groups", []))


@transaction.atomic
def edit_version(
    actor: Any,
    version: QuestionnaireVersion,
    *,
    title: str,
    default_aggregation: str,
    group_titles: Mapping[str, str],
    item_texts: Mapping[str, str],
    item_wordings: Mapping[str, str],
) -> QuestionnaireVersion:
    """Edit a draft's wording and rule. A version in use is frozen: refused with a clear message."""
    _secretariat(actor)
    version = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_frozen:
        raise ValidationError(FROZEN_MESSAGE.format(code=version.code))
    definition = copy.deepcopy(version.definition)
    if not title.strip():
        raise ValidationError({"title": "Cần tên bộ câu hỏi."})
    definition["title"] = title.strip()
    aggregation = dict(definition.get("aggregation") or {})
    aggregation["default"] = default_aggregation
    definition["aggregation"] = aggregation
    for group in _walk_groups(definition):
        if group["code"] in group_titles:
            text = group_titles[group["code"]].strip()
            if not text:
                raise ValidationError({f"g_{group['code']}": f"Tên “{group['code']}” không được để trống."})
            group["title"] = text
    for item in _walk_items(definition):
        if item["code"] in item_texts:
            text = item_texts[item["code"]].strip()
            if not text:
                raise ValidationError(
                    {f"t_{item['code']}": f"Nội dung câu {item['code']} không được để trống."}
                )
            item["text"] = text
        if item["code"] in item_wordings:
            item["wording"] = item_wordings[item["code"]]
    q = _validated(definition, version.code)
    changes = diff(
        {"title": version.title, "definition": version.definition},
        {"title": q.title, "definition": definition},
    )
    version.title = q.title
    version.definition = definition
    version.save()
    record(
        actor,
        "survey.questionnaire_edited",
        version,
        summary=f"Sửa bản nháp bộ câu hỏi {version.code}",
        data={"fields": sorted(changes)},
    )
    return version


def freeze(actor: Any, version: QuestionnaireVersion) -> None:
    if version.is_frozen:
        return
    QuestionnaireVersion.objects.filter(pk=version.pk).update(
        status=VersionStatus.IN_USE, frozen_at=timezone.now()
    )
    version.status = VersionStatus.IN_USE
    record(
        actor,
        "survey.questionnaire_frozen",
        version,
        summary=f"Khóa bộ câu hỏi {version.code} (bắt đầu dùng)",
    )


@transaction.atomic
def retire_version(actor: Any, version: QuestionnaireVersion) -> None:
    _secretariat(actor)
    if version.campaigns.filter(status=CampaignStatus.OPEN).exists():
        raise ValidationError("Bộ câu hỏi đang được dùng trong một đợt khảo sát đang mở.")
    QuestionnaireVersion.objects.filter(pk=version.pk).update(status=VersionStatus.RETIRED)
    record(actor, "survey.questionnaire_retired", version, summary=f"Ngừng dùng bộ câu hỏi {version.code}")


# --- campaigns -----------------------------------------------------------------------------------


def default_target(unit: Unit) -> int:
    """indices-vn §1.1 "Sample-size practice" (Bình Dương 2018 [C], a provincial choice): 200 per ward
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
        raise ValidationError({"ends_on": "Ngày kết thúc không được trước ngày bắt đầu."})


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
        _secretariat(actor)
    area = jurisdiction or user_jurisdiction(actor)
    if area is None:
        raise ValidationError({"jurisdiction": "Tài khoản chưa gắn với địa bàn."})
    _check_dates(starts_on, ends_on)
    q = questionnaire.questionnaire
    if aggregation and aggregation not in q.allowed_aggregations:
        raise ValidationError(
            {
                "aggregation": f"Bộ câu hỏi {questionnaire.code} chỉ cho phép "
                f"{', '.join(q.allowed_aggregations)}."
            }
        )
    if questionnaire.status == VersionStatus.RETIRED:
        raise ValidationError({"questionnaire": "Bộ câu hỏi đã ngừng sử dụng."})
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
    record(actor, "survey.campaign_created", campaign, summary=f"Tạo đợt khảo sát “{campaign.name}”")
    return campaign


@transaction.atomic
def update_campaign(actor: Any, campaign: Campaign, **fields: Any) -> Campaign:
    _secretariat(actor)
    _require(
        surveys_for(actor, write=True).filter(pk=campaign.pk).exists(), "Đợt khảo sát thuộc địa bàn khác."
    )
    if campaign.status in (CampaignStatus.CLOSED, CampaignStatus.PUBLISHED):
        raise ValidationError("Đợt khảo sát đã kết thúc; không sửa thông tin được.")
    allowed = {"name", "starts_on", "ends_on", "note", "aggregation"}
    if campaign.status == CampaignStatus.DRAFT:
        allowed.add("questionnaire")
    before = {k: getattr(campaign, k) for k in allowed}
    for key, value in fields.items():
        if key not in allowed:
            raise ValidationError({key: "Không sửa được mục này khi đợt khảo sát đang thu thập ý kiến."})
        setattr(campaign, key, value)
    _check_dates(campaign.starts_on, campaign.ends_on)
    if (
        campaign.aggregation
        and campaign.aggregation not in campaign.questionnaire.questionnaire.allowed_aggregations
    ):
        raise ValidationError({"aggregation": "Quy tắc gộp không được bộ câu hỏi cho phép."})
    campaign.save()
    changes = diff(before, {k: getattr(campaign, k) for k in allowed})
    record(
        actor,
        "survey.campaign_updated",
        campaign,
        summary=f"Sửa đợt khảo sát “{campaign.name}”",
        data=changes,
    )
    return campaign


@transaction.atomic
def set_units(actor: Any, campaign: Campaign, targets: Mapping[Unit, int | None]) -> None:
    """Units of a campaign with their sample targets (``None`` = the default of indices-vn §1.1)."""
    if not isinstance(actor, str):
        _secretariat(actor)
        allowed = set(entry_units_for(actor).values_list("pk", flat=True))
        for unit in targets:
            _require(unit.pk in allowed, f"Đơn vị “{unit.name}” thuộc địa bàn khác.")
    if campaign.status in (CampaignStatus.CLOSED, CampaignStatus.PUBLISHED):
        raise ValidationError("Đợt khảo sát đã kết thúc; không đổi danh sách đơn vị được.")
    if not targets and campaign.status == CampaignStatus.OPEN:
        raise ValidationError({"units": "Đợt khảo sát đang mở phải có ít nhất một đơn vị."})
    keep = []
    for unit, target in targets.items():
        value = default_target(unit) if target is None else int(target)
        if value <= 0:
            raise ValidationError(
                {f"target_{unit.pk}": f"Số phiếu cần thu của “{unit.name}” phải lớn hơn 0."}
            )
        CampaignUnit.objects.update_or_create(campaign=campaign, unit=unit, defaults={"target": value})
        keep.append(unit.pk)
    removed = campaign.units.exclude(unit_id__in=keep)
    if removed.exists() and campaign.responses.filter(unit__in=removed.values("unit_id")).exists():
        raise ValidationError({"units": "Không bỏ được đơn vị đã có phiếu trả lời trong đợt này."})
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
            f"Đợt “{clash.name}” đang mở cho cùng đơn vị trong cùng thời gian; mỗi đơn vị chỉ có một đợt "
            "khảo sát đang mở tại một thời điểm."
        )


@transaction.atomic
def open_campaign(actor: Any, campaign: Campaign) -> Campaign:
    """Start collecting: the questionnaire version becomes frozen from here on."""
    if not isinstance(actor, str):
        _secretariat(actor)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.DRAFT:
        raise ValidationError("Chỉ mở được đợt khảo sát đang chuẩn bị.")
    if not campaign.units.exists():
        raise ValidationError({"units": "Cần chọn ít nhất một đơn vị được khảo sát."})
    if not campaign.questionnaire.questionnaire.items:
        raise ValidationError({"questionnaire": "Bộ câu hỏi chưa có câu hỏi nào."})
    campaign.status = CampaignStatus.OPEN
    campaign.opened_at = timezone.now()
    _check_overlap(campaign)
    campaign.save(update_fields=["status", "opened_at"])
    freeze(actor, campaign.questionnaire)
    record(actor, "survey.campaign_opened", campaign, summary=f"Mở đợt khảo sát “{campaign.name}”")
    return campaign


@transaction.atomic
def close_campaign(actor: Any, campaign: Campaign) -> Campaign:
    if not isinstance(actor, str):
        _secretariat(actor)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.OPEN:
        raise ValidationError("Chỉ kết thúc được đợt khảo sát đang thu thập ý kiến.")
    campaign.status = CampaignStatus.CLOSED
    campaign.closed_at = timezone.now()
    campaign.save(update_fields=["status", "closed_at"])
    pending = campaign.responses.filter(flag_status=FlagStatus.PENDING).count()
    record(
        actor,
        "survey.campaign_closed",
        campaign,
        summary=f"Kết thúc thu thập “{campaign.name}”",
        data={"pending_review": pending},
    )
    return campaign


@transaction.atomic
def publish_campaign(actor: Any, campaign: Campaign) -> Campaign:
    if not isinstance(actor, str):
        _secretariat(actor)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.CLOSED:
        raise ValidationError("Chỉ công bố được đợt khảo sát đã kết thúc thu thập.")
    pending = campaign.responses.filter(flag_status=FlagStatus.PENDING).count()
    if pending:
        raise ValidationError(
            f"Còn {pending} phiếu cần xem xét; hãy xem xét hết (giữ lại hoặc không tính) trước khi công bố."
        )
    campaign.status = CampaignStatus.PUBLISHED
    campaign.published_at = timezone.now()
    campaign.save(update_fields=["status", "published_at"])
    record(actor, "survey.campaign_published", campaign, summary=f"Công bố kết quả “{campaign.name}”")
    return campaign


# --- kiosks --------------------------------------------------------------------------------------


@transaction.atomic
def create_kiosk(actor: Any, *, name: str, unit: Unit, token: str | None = None) -> Kiosk:
    if not isinstance(actor, str):
        _require(
            entry_units_for(actor).filter(pk=unit.pk).exists(), "Bạn không được đặt ki-ốt cho đơn vị này."
        )
    if not name.strip():
        raise ValidationError({"name": "Cần tên thiết bị (ví dụ “Máy tính bảng quầy 1”)."})
    kiosk = Kiosk.objects.create(
        name=name.strip(),
        unit=unit,
        token=token or secrets.token_urlsafe(18),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record(actor, "survey.kiosk_created", kiosk, summary=f"Đặt ki-ốt “{kiosk.name}” tại {unit.name}")
    return kiosk


@transaction.atomic
def deactivate_kiosk(actor: Any, kiosk: Kiosk) -> None:
    _require(entry_units_for(actor).filter(pk=kiosk.unit_id).exists(), "Bạn không được quản lý ki-ốt này.")
    Kiosk.objects.filter(pk=kiosk.pk).update(is_active=False)
    record(actor, "survey.kiosk_deactivated", kiosk, summary=f"Ngừng ki-ốt “{kiosk.name}”")


# --- review --------------------------------------------------------------------------------------


@transaction.atomic
def review(actor: Any, response: Response, *, keep: bool, note: str) -> Response:
    """Decide on a flagged response: keep it in the indices or set it aside. It is never deleted."""
    from cchc.surveys.queries import responses_for

    _require(
        responses_for(actor, write=True).filter(pk=response.pk).exists(), "Bạn không được xem xét phiếu này."
    )
    if not note.strip():
        raise ValidationError({"note": "Cần ghi lý do quyết định (để người khác hiểu vì sao)."})
    response = Response.objects.select_for_update().get(pk=response.pk)
    before = response.flag_status
    response.flag_status = FlagStatus.KEPT if keep else FlagStatus.EXCLUDED
    response.reviewed_by = actor
    response.reviewed_at = timezone.now()
    response.review_note = note.strip()
    response.save(update_fields=["flag_status", "reviewed_by", "reviewed_at", "review_note"])
    record(
        actor,
        "survey.response_reviewed",
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
    """An official SIPAS figure as published (indices-vn §1.3, §4 point 1): typed, never computed."""
    if not isinstance(actor, str):
        _secretariat(actor)
    value = Decimal(str(data["value"]))
    if not Decimal(0) <= value <= Decimal(100):
        raise ValidationError({"value": "Chỉ số phải từ 0 đến 100 (%)."})
    if not str(data.get("source") or "").strip():
        raise ValidationError({"source": "Cần ghi nguồn công bố (văn bản, trang tin, ngày)."})
    scope = data["scope"]
    area = str(data.get("area_name") or "").strip()
    if scope == FigureScope.PROVINCE and not area:
        raise ValidationError({"area_name": "Cần tên tỉnh, thành phố."})
    if scope == FigureScope.NATIONAL:
        area = ""
    year = int(data["year"])
    clash = PublishedFigure.objects.filter(year=year, scope=scope, area_name=area)
    if figure is not None:
        clash = clash.exclude(pk=figure.pk)
    if clash.exists():
        raise ValidationError({"year": f"Đã có chỉ số năm {year} cho {area or 'cả nước'}; hãy sửa dòng đó."})
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
        "survey.figure_saved",
        figure,
        summary=f"{'Nhập' if created else 'Sửa'} chỉ số SIPAS đã công bố: {figure}",
    )
    return figure


@transaction.atomic
def delete_figure(actor: Any, figure: PublishedFigure) -> None:
    _secretariat(actor)
    record(actor, "survey.figure_deleted", figure, summary=f"Xoá chỉ số SIPAS đã nhập: {figure}")
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
    """One step from a weak criterion to a task of the task engine (issue 4), led by the unit and
    assigned by the secretariat's unit, under a directive of the register (the seed itself asks units
    to plan solutions from the survey results and Internal Affairs to monitor them)."""
    from cchc.surveys import results
    from cchc.surveys.tasks_adapter import create_task

    _secretariat(actor)
    _require(
        surveys_for(actor, write=True).filter(pk=campaign.pk).exists(), "Đợt khảo sát thuộc địa bàn khác."
    )
    if not campaign.units.filter(unit=unit).exists():
        raise ValidationError({"unit": f"“{unit.name}” không thuộc đợt khảo sát."})
    q = campaign.questionnaire.questionnaire
    item = next((i for i in q.items if i.code == item_code), None)
    if item is None:
        raise ValidationError({"item": f"Không có tiêu chí “{item_code}” trong bộ câu hỏi."})
    open_twin = (
        ImprovementTask.objects.filter(campaign=campaign, unit=unit, item_code=item_code, task__isnull=False)
        .exclude(task__status__in=["done", "cancelled"])
        .first()
    )
    if open_twin is not None:
        raise ValidationError(
            {"item": f"Tiêu chí {item_code} của {unit.name} đã có nhiệm vụ cải thiện đang thực hiện."}
        )
    rs = results.load(campaign, units=[unit.pk])
    estimate = results.compute(rs, campaign.rule).items[item_code]
    assigner = user_unit(actor)
    if assigner is None:
        raise ValidationError("Tài khoản chưa gắn với đơn vị nên không giao nhiệm vụ được.")
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
        "survey.improvement_task",
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
