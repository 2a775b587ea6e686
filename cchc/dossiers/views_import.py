"""The dossier import page (/ho-so/nhap/): upload a file, watch its progress, read every rejected row.

Only the Office, the secretariat and one-stop officers may import (``scope.can_import``), each for the
units of their own area; the import itself checks the scope of every row again. Small files are
imported during the request; larger ones (``importing.background_threshold()``) go to the background
worker and the page polls the batch's progress fields with htmx. People see only their own batches.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from cchc.accounts.models import User
from cchc.core.refusals import say
from cchc.core.uploads import WorkbookRefused, check_upload, unpacked_size
from cchc.dossiers.importing import background_threshold, run_batch
from cchc.dossiers.models import ImportBatch, ImportStatus
from cchc.dossiers.scope import batches_for, can_import
from cchc.lib.natsync_fields import FIELDS

MAX_UPLOAD_BYTES = 200 * 1024 * 1024

# The notes of ``FIELDS`` (cchc/lib, without Django) marked for the catalogue; the page shows them with
# {% translate %}. The columns' Vietnamese headings are names in the file, shown as they are.
_NOTES_FOR_THE_CATALOGUE = (
    gettext_noop("khóa nhập: nhập lại cùng mã là cập nhật"),
    gettext_noop("phải có trong danh mục TTHC"),
    gettext_noop("mã đơn vị"),
    gettext_noop("mặc định = DonViXuLy"),
    gettext_noop("1–10 (mã trạng thái của Cổng Dịch vụ công quốc gia)"),
    gettext_noop("1 trực tiếp, 2 trực tuyến, 3 bưu chính"),
    gettext_noop("bắt buộc trừ trạng thái 1, 3"),
    gettext_noop("bắt buộc ở trạng thái 7–10"),
    gettext_noop("1 có, 0 không"),
    gettext_noop("tệp kết quả điện tử; có giá trị = có kết quả điện tử"),
    gettext_noop("0 không, 1 trên Cổng DVC quốc gia, 2 qua cổng thanh toán của tỉnh"),
    gettext_noop("danh sách JSON"),
)
ALLOWED_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".json", ".ndjson", ".jsonl", ".txt")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp hồ sơ (CSV, XLSX, JSON hoặc JSON theo dòng)"),
        help_text=(
            gettext_lazy(
                "Tên cột theo Cổng Dịch vụ công quốc gia (MaHoSo, MaTTHC, DonViXuLy…) "
                "hoặc tiêu đề tiếng Việt."
            )
        ),
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".csv,.xlsx,.json,.ndjson,.jsonl"}
        ),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Chỉ kiểm tra, chưa ghi"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def clean_file(self) -> Any:
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError(gettext("Chỉ nhận tệp .csv, .xlsx, .json, .ndjson hoặc .jsonl."))
        if f.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                gettext("Tệp lớn quá %(mb)s MB; chia nhỏ tệp hoặc dùng lệnh cchc import-dossiers.")
                % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        if f.size == 0:
            raise forms.ValidationError(gettext("Tệp rỗng."))
        return f


def _require_importer(request: HttpRequest) -> None:
    if not can_import(request.user):
        raise PermissionDenied(
            gettext("Chỉ Văn phòng, Thường trực CCHC và công chức Bộ phận một cửa được nhập hồ sơ.")
        )


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        # The upload is read from where Django put it (a temporary file when large), never whole here.
        fh = f.open("rb")
        try:
            # A compressed-file bomb is refused here, in seconds, before any batch or parser exists.
            check_upload(fh)
        except WorkbookRefused as exc:
            form.add_error("file", say(exc))
        else:
            batch = ImportBatch.objects.create(
                file_name=f.name[:255],
                dry_run=form.cleaned_data["dry_run"],
                submitted_by=cast(User, request.user),
            )
            # What the parser will hold decides, not the compressed size of a workbook.
            if unpacked_size(fh) > background_threshold():
                from cchc.dossiers.jobs import import_dossier_file

                fh.seek(0)
                batch.file.save(f.name, File(fh), save=True)
                import_dossier_file.enqueue(batch.pk)
            else:
                fh.seek(0)
                run_batch(batch, fh.read(), actor=request.user)
            return redirect("dossier_import:detail", pk=batch.pk)
    recent = batches_for(request.user)[:10]
    return render(
        request,
        "dossiers/import/upload.html",
        {
            "form": form,
            "recent": recent,
            "fields": FIELDS,
            "threshold_mb": background_threshold() / 1024 / 1024,
        },
        status=400 if form.errors else 200,  # a refused file is bad input
    )


# A file waiting longer than this for the background worker means no worker is running: the page says so.
UNCLAIMED_AFTER = dt.timedelta(minutes=1)


def _context(batch: ImportBatch) -> dict[str, Any]:
    finished = batch.status not in (ImportStatus.PENDING, ImportStatus.RUNNING)
    percent = (
        100 if finished else (int(100 * batch.processed_rows / batch.total_rows) if batch.total_rows else 0)
    )
    unclaimed = batch.status == ImportStatus.PENDING and timezone.now() - batch.created_at > UNCLAIMED_AFTER
    return {"batch": batch, "finished": finished, "percent": percent, "unclaimed": unclaimed}


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_importer(request)
    batch = get_object_or_404(batches_for(request.user), pk=pk)
    return render(request, "dossiers/import/detail.html", _context(batch))


@login_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    _require_importer(request)
    batch = get_object_or_404(batches_for(request.user), pk=pk)
    return render(request, "dossiers/import/_progress.html", _context(batch))
