"""``/to-chuc/nhap/``: upload → preview (a dry run of the real import) → confirm. Secretariat only.

The uploaded file waits for confirmation in a private folder (not under MEDIA_ROOT, which may be
served), named by a random token that is also kept in the uploader's session: nobody else can confirm
it, and confirming runs the same import again on exactly the bytes that were previewed.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from cchc.org import exports
from cchc.org.forms import ImportForm
from cchc.org.import_rows import import_org
from cchc.org.importing import KIND_LABELS, OFFICIALS, UNITS, ImportReport, UnreadableFile
from cchc.org.queries import can_write_units, user_jurisdiction

SESSION_KEY = "org_import"


PENDING_HOURS = 24


def import_dir() -> Path:
    default = Path(getattr(settings, "VAR_DIR", Path(settings.BASE_DIR) / "var")) / "imports" / "org"
    path = Path(getattr(settings, "CCHC_ORG_IMPORT_DIR", default))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _forget_stale_uploads(folder: Path) -> None:
    """Previews never confirmed must not pile up (they hold officials' personal data)."""
    limit = time.time() - PENDING_HOURS * 3600
    for old in folder.iterdir():
        with contextlib.suppress(OSError):
            if old.is_file() and old.stat().st_mtime < limit:
                old.unlink()


def _require_secretariat(request: HttpRequest) -> None:
    if not can_write_units(request.user):
        raise PermissionDenied(gettext("Chỉ Thường trực CCHC (Phòng Nội vụ) được nhập danh sách tổ chức."))


def _run(request: HttpRequest, data: bytes, name: str, kind: str, *, dry_run: bool) -> ImportReport:
    area = None if request.user.is_superuser else user_jurisdiction(request.user)
    return import_org(data, name, actor=request.user, jurisdiction=area, kind=kind or None, dry_run=dry_run)


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    _require_secretariat(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "kinds": KIND_LABELS}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        name = Path(upload.name).name[:120]
        kind = form.cleaned_data["kind"]
        try:
            report = _run(request, data, name, kind, dry_run=True)
        except UnreadableFile as exc:
            form.add_error("file", str(exc))
        else:
            context.update(report=report, file_name=name, summary=report.summary(translated=True))
            if report.ok and report.rows:
                token = secrets.token_urlsafe(24)
                folder = import_dir()
                _forget_stale_uploads(folder)
                previous = request.session.get(SESSION_KEY) or {}
                if previous.get("token"):
                    (folder / previous["token"]).unlink(missing_ok=True)
                (folder / token).write_bytes(data)
                request.session[SESSION_KEY] = {
                    "token": token,
                    "name": name,
                    "kind": report.kind,
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
                context["token"] = token
    # A refused file (unreadable, a bomb, a NUL) is bad input: 400, with the form saying why.
    return render(request, "org/import.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    _require_secretariat(request)
    pending = request.session.get(SESSION_KEY) or {}
    token = request.POST.get("token", "")
    if not token or not secrets.compare_digest(token, pending.get("token", "")):
        messages.error(request, gettext("Phiên nhập đã hết hạn hoặc không hợp lệ; hãy tải tệp lên lại."))
        return redirect("org:import")
    path = import_dir() / pending["token"]
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        messages.error(request, gettext("Không còn tệp chờ nhập; hãy tải tệp lên lại."))
        return redirect("org:import")
    if hashlib.sha256(data).hexdigest() != pending.get("sha256"):
        raise PermissionDenied(gettext("Tệp chờ nhập đã bị thay đổi."))
    try:
        report = _run(request, data, pending["name"], pending["kind"], dry_run=False)
    except UnreadableFile as exc:  # cannot happen for a previewed file, but never crash on it
        messages.error(request, str(exc))
        return redirect("org:import")
    finally:
        path.unlink(missing_ok=True)
        request.session.pop(SESSION_KEY, None)
    if not report.ok:
        # The data changed between preview and confirmation: show the new errors, nothing written.
        context = {"form": ImportForm(), "report": report, "file_name": pending["name"]}
        return render(request, "org/import.html", context | {"summary": report.summary(translated=True)})
    messages.success(request, report.summary(translated=True))
    return redirect("org:official_list" if report.kind == OFFICIALS else "org:unit_list")


@login_required
def import_template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    _require_secretariat(request)
    if kind not in (UNITS, OFFICIALS) or fmt not in ("xlsx", "csv"):
        raise Http404
    name = {"units": "mau-don-vi", "officials": "mau-can-bo"}[kind]
    if fmt == "xlsx":
        response = HttpResponse(
            exports.template_xlsx(kind),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(exports.template_csv(kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
