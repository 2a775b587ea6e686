"""Paper forms typed in by the staff: the entry screen (double entry by two people) and the reconciliation
of the two entries."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from cchc.core.params import id_param
from cchc.lib.questionnaires import Questionnaire
from cchc.surveys.actions import paper
from cchc.surveys.collection import Answers, SubmissionError, parse
from cchc.surveys.forms import PaperHeaderForm
from cchc.surveys.models import PaperStatus
from cchc.surveys.queries import entry_campaigns_for, entry_units_for, paper_forms_for
from cchc.surveys.views import form_errors, staff_user

# --- paper entry ---------------------------------------------------------------------------------


def _typed_form(
    request: HttpRequest, header: PaperHeaderForm, questionnaire: Questionnaire
) -> tuple[Answers | None, dict[str, str]]:
    """The answers typed from one paper form, with the respondent type of its header, and the answers'
    errors; no answers when the answers or the header (whose errors stay on the form) are wrong."""
    answers = None
    errors: dict[str, str] = {}
    try:
        answers = parse(questionnaire, request.POST, with_contact=False)
    except SubmissionError as exc:
        errors = exc.errors
    if not header.is_valid() or answers is None:
        return None, errors
    answers.respondent_type = header.cleaned_data["respondent_type"]
    return answers, errors


@login_required
def paper_entry(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    units = entry_units_for(user)
    if not units.exists():
        raise PermissionDenied
    campaigns = entry_campaigns_for(user).select_related("questionnaire")
    chosen = campaigns.filter(
        pk=id_param(request.GET.get("dot") or request.POST.get("campaign")) or 0
    ).first()
    if chosen is None:
        chosen = campaigns.first()
    header = None
    errors: dict[str, str] = {}
    posted: dict[str, Any] = {}
    if chosen is not None:
        campaign_units = units.filter(pk__in=chosen.units.values("unit_id"))
        header = PaperHeaderForm(request.POST or None, units=campaign_units)
        if request.method == "POST":
            posted = request.POST.dict()
            answers, errors = _typed_form(request, header, chosen.questionnaire.questionnaire)
            if answers is not None:
                d = header.cleaned_data
                try:
                    form = paper.enter(
                        user,
                        chosen,
                        serial=d["serial"],
                        unit=d["unit"],
                        filled_on=d["filled_on"],
                        answers=answers,
                    )
                except ValidationError as exc:
                    form_errors(header, exc)
                else:
                    if form.status == PaperStatus.AWAITING_SECOND:
                        messages.success(
                            request,
                            gettext("Đã nhập lần 1 phiếu số %(serial)s. Cần một người khác nhập lại lần 2.")
                            % {"serial": form.serial},
                        )
                    elif form.status == PaperStatus.MATCHED:
                        messages.success(
                            request,
                            gettext("Phiếu số %(serial)s: hai lần nhập khớp nhau, đã ghi nhận.")
                            % {"serial": form.serial},
                        )
                    else:
                        messages.warning(
                            request,
                            gettext(
                                "Phiếu số %(serial)s: hai lần nhập lệch %(cells)s ô. Cần đối chiếu phiếu gốc."
                            )
                            % {"serial": form.serial, "cells": len(form.mismatches)},
                        )
                        return redirect("surveys:paper_reconcile", pk=form.pk)
                    return redirect(f"{reverse('surveys:paper_entry')}?dot={chosen.pk}")
    waiting = (
        paper_forms_for(user)
        .exclude(status__in=[PaperStatus.MATCHED, PaperStatus.RESOLVED])
        .select_related("campaign")
        .order_by("status", "serial")
    )
    status = 400 if (errors or (header is not None and header.errors)) else 200
    return render(
        request,
        "surveys/paper_entry.html",
        {
            "campaigns": campaigns,
            "campaign": chosen,
            "q": chosen.questionnaire.questionnaire if chosen else None,
            "header": header,
            "errors": errors,
            "posted": posted,
            "waiting": waiting,
        },
        status=status,
    )


@login_required
def paper_reconcile(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    units = entry_units_for(user)
    form = get_object_or_404(
        paper_forms_for(user),
        pk=pk,
    )
    campaign = form.campaign
    first = form.entries.filter(seq=1).first()
    campaign_units = units.filter(pk__in=campaign.units.values("unit_id"))
    initial: dict[str, Any] = {"serial": form.serial}
    if first is not None:
        initial.update(
            {"unit": first.unit_id, "filled_on": first.filled_on, "respondent_type": first.respondent_type}
        )
    header = PaperHeaderForm(request.POST or None, units=campaign_units, initial=initial)
    errors: dict[str, str] = {}
    posted: dict[str, Any] = {f"q_{k}": str(v) for k, v in (first.answers.items() if first else [])}
    if request.method == "POST":
        posted = request.POST.dict()
        answers, errors = _typed_form(request, header, campaign.questionnaire.questionnaire)
        if answers is not None:
            d = header.cleaned_data
            try:
                paper.reconcile(user, form, unit=d["unit"], filled_on=d["filled_on"], answers=answers)
            except ValidationError as exc:
                form_errors(header, exc)
            else:
                messages.success(
                    request,
                    gettext("Đã đối chiếu và ghi nhận phiếu số %(serial)s.") % {"serial": form.serial},
                )
                return redirect(f"{reverse('surveys:paper_entry')}?dot={campaign.pk}")
    return render(
        request,
        "surveys/paper_reconcile.html",
        {
            "form": form,
            "campaign": campaign,
            "q": campaign.questionnaire.questionnaire,
            "header": header,
            "errors": errors,
            "posted": posted,
            "mismatched": {d["field"] for d in form.mismatches},
        },
        status=400 if errors or header.errors else 200,
    )
