"""Questionnaire versions: imported (shipped or from a file), copied, edited while a draft, frozen once a
campaign uses them."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import diff, record
from cchc.lib import bad_text
from cchc.lib import questionnaires as qlib
from cchc.surveys.actions.common import require_secretariat
from cchc.surveys.audit_events import SurveysEvents
from cchc.surveys.models import FROZEN_MESSAGE, QuestionnaireVersion, VersionStatus

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
        require_secretariat(actor)
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
    require_secretariat(actor)
    try:
        definition = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ValidationError(
            {"file": gettext("Tệp %(name)s không phải văn bản UTF-8.") % {"name": name}}
        ) from exc
    except json.JSONDecodeError as exc:
        raise ValidationError(
            {
                "file": gettext(
                    "Tệp %(name)s: không phải JSON hợp lệ (sai cú pháp ở dòng %(line)s, cột %(column)s)."
                )
                % {"name": name, "line": exc.lineno, "column": exc.colno}
            }
        ) from exc
    except RecursionError:  # was a server error: a file nested thousands deep is no questionnaire
        raise ValidationError(
            {
                "file": gettext("Tệp %(name)s: JSON lồng nhau quá nhiều tầng; hệ thống không đọc.")
                % {"name": name}
            }
        ) from None
    # An escaped NUL or lone surrogate: PostgreSQL refuses either in a JSON column (a server error).
    if (fault := bad_text.fault(f"Tệp {name}", definition)) is not None:
        raise ValidationError({"file": fault})
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
        record(
            actor,
            SurveysEvents.QUESTIONNAIRE_REPLACED,
            existing,
            summary=f"Thay định nghĩa bộ câu hỏi {code}",
        )
        return existing, False
    version = QuestionnaireVersion.objects.create(
        code=code,
        title=title,
        definition=definition,
        imported_from=imported_from,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record(actor, SurveysEvents.QUESTIONNAIRE_IMPORTED, version, summary=f"Nhập bộ câu hỏi {code}")
    return version, True


@transaction.atomic
def copy_version(actor: Any, version: QuestionnaireVersion, new_code: str) -> QuestionnaireVersion:
    require_secretariat(actor)
    new_code = new_code.strip()
    if not new_code:
        raise ValidationError({"code": gettext("Cần mã cho phiên bản mới.")})
    if QuestionnaireVersion.objects.filter(code=new_code).exists():
        raise ValidationError(
            {"code": gettext("Mã “%(code)s” đã có; hãy chọn mã khác.") % {"code": new_code}}
        )
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
    record(actor, SurveysEvents.QUESTIONNAIRE_COPIED, draft, summary=f"Sao {version.code} thành {new_code}")
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
    require_secretariat(actor)
    version = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_frozen:
        raise ValidationError(gettext(FROZEN_MESSAGE).format(code=version.code))
    definition = copy.deepcopy(version.definition)
    if not title.strip():
        raise ValidationError({"title": gettext("Cần tên bộ câu hỏi.")})
    definition["title"] = title.strip()
    aggregation = dict(definition.get("aggregation") or {})
    aggregation["default"] = default_aggregation
    definition["aggregation"] = aggregation
    for group in _walk_groups(definition):
        if group["code"] in group_titles:
            text = group_titles[group["code"]].strip()
            if not text:
                raise ValidationError(
                    {
                        f"g_{group['code']}": gettext("Tên “%(code)s” không được để trống.")
                        % {"code": group["code"]}
                    }
                )
            group["title"] = text
    for item in _walk_items(definition):
        if item["code"] in item_texts:
            text = item_texts[item["code"]].strip()
            if not text:
                raise ValidationError(
                    {
                        f"t_{item['code']}": gettext("Nội dung câu %(code)s không được để trống.")
                        % {"code": item["code"]}
                    }
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
        SurveysEvents.QUESTIONNAIRE_EDITED,
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
        SurveysEvents.QUESTIONNAIRE_FROZEN,
        version,
        summary=f"Khóa bộ câu hỏi {version.code} (bắt đầu dùng)",
    )
