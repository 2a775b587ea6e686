"""Downloads of an approved monthly late list: the notice to sign (DOCX, PDF, Nghị định 30 layout) and the
workbook (XLSX), for the roles that read the staff late lists."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404

from cchc.core import official_documents
from cchc.core.xlsx import xlsx_download
from cchc.dossiers import latelist_document as doc
from cchc.dossiers.models import LateListStatus
from cchc.dossiers.rankings import late_lists_for
from cchc.dossiers.views import DOCX_TYPE
from cchc.dossiers.views_latelist import _list_reader


@login_required
def latelist_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """The approved (or published) list as the notice to sign (DOCX, PDF) or as a workbook (XLSX)."""
    user = _list_reader(request)
    late_list = get_object_or_404(late_lists_for(user).select_related("jurisdiction"), pk=pk)
    if fmt not in ("pdf", "docx", "xlsx") or late_list.status not in (
        LateListStatus.APPROVED,
        LateListStatus.PUBLISHED,
    ):
        raise Http404("Chỉ tải được danh sách đã phê duyệt, dạng PDF, DOCX hoặc XLSX.")
    stem = doc.file_stem(late_list)
    if fmt == "xlsx":
        return xlsx_download(
            f"{stem}.xlsx",
            f"Danh sách trễ hạn tháng {late_list.month:%m/%Y}",
            doc.XLSX_HEADERS,
            doc.xlsx_rows(late_list),
            note=f"{late_list.get_status_display()}; {late_list.jurisdiction.name}",
        )
    data = doc.late_list_document(late_list)
    if fmt == "pdf":
        response = HttpResponse(official_documents.render_pdf(data), content_type="application/pdf")
    else:
        response = HttpResponse(official_documents.render_docx(data), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response
