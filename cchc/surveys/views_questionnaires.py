"""The questionnaire screens: the list of versions, one version, editing a draft, copying a version."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from cchc.surveys import actions
from cchc.surveys.forms import CopyForm, QuestionnaireEditForm, QuestionnaireImportForm
from cchc.surveys.queries import is_secretariat, may_read_questionnaires, questionnaires_for, surveys_for
from cchc.surveys.views import form_errors, staff_user

# --- questionnaires ------------------------------------------------------------------------------


@login_required
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if not may_read_questionnaires(user):
        raise PermissionDenied
    versions = questionnaires_for(user)
    may_write = is_secretariat(user)
    form = QuestionnaireImportForm(request.POST or None, request.FILES or None) if may_write else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                if form.cleaned_data["file"]:
                    upload = form.cleaned_data["file"]
                    version, created = actions.import_file(user, upload.name, upload.read())
                else:
                    version, created = actions.import_shipped(user, form.cleaned_data["shipped"])
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(
                    request,
                    (
                        gettext("Đã nhập bộ câu hỏi %(code)s.")
                        if created
                        else gettext("Bộ câu hỏi %(code)s đã có, không đổi gì.")
                    )
                    % {"code": version.code},
                )
                return redirect("surveys:questionnaire_detail", pk=version.pk)
    return render(
        request,
        "surveys/questionnaire_list.html",
        {
            "versions": versions.annotate(n_campaigns=Count("campaigns")),
            "form": form,
            "may_write": may_write,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    version = get_object_or_404(questionnaires_for(user), pk=pk)
    return render(
        request,
        "surveys/questionnaire_detail.html",
        {
            "v": version,
            "q": version.questionnaire,
            "may_write": is_secretariat(user),
            "copy_form": CopyForm(initial={"code": f"{version.code}-ban-moi"})
            if is_secretariat(user)
            else None,
            "campaigns": surveys_for(user).filter(questionnaire=version),
        },
    )


@login_required
def questionnaire_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    version = get_object_or_404(questionnaires_for(user, write=True), pk=pk)
    if version.is_frozen:
        from cchc.surveys.models import FROZEN_MESSAGE

        messages.error(request, gettext(FROZEN_MESSAGE).format(code=version.code))
        return redirect("surveys:questionnaire_detail", pk=pk)
    form = QuestionnaireEditForm(request.POST or None, version=version)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.edit_version(
                user,
                version,
                title=d["title"],
                default_aggregation=d["default_aggregation"],
                group_titles={n[2:]: d[n] for n in form.group_fields},
                item_texts={code: d[text] for code, text, _ in form.item_fields},
                item_wordings={code: d[state] for code, _, state in form.item_fields},
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã lưu bản nháp."))
            return redirect("surveys:questionnaire_detail", pk=pk)
    return render(
        request,
        "surveys/questionnaire_edit.html",
        {"v": version, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def questionnaire_copy(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    version = get_object_or_404(questionnaires_for(user, write=True), pk=pk)
    form = CopyForm(request.POST)
    if form.is_valid():
        try:
            draft = actions.copy_version(user, version, form.cleaned_data["code"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, gettext("Đã tạo bản nháp %(code)s.") % {"code": draft.code})
            return redirect("surveys:questionnaire_detail", pk=draft.pk)
    else:
        messages.error(request, gettext("Cần mã cho phiên bản mới."))
    return redirect("surveys:questionnaire_detail", pk=pk)
