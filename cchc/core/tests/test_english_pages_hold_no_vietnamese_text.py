"""The English check. Every template of a converted group holds no Vietnamese outside its translation
tags; every page of the groups listed in ``cchc.core.language.ENGLISH_PAGES``, reached link by link from
the public portal with English chosen, shows no Vietnamese letter outside the parts marked
``lang="vi"`` (names of units, procedures and people: data, not interface).

``CONVERTED`` lists the template groups translated in full, one entry per group; a group joins it in
the commit that converts it, together with its URLs in ``ENGLISH_PAGES`` (docs/translating.md)."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import lxml.html
import pytest
from django.template.loader import get_template
from django.test import Client
from django.urls import Resolver404, resolve

from cchc.accounts.demo import DEMO_LOGINS
from cchc.accounts.models import User
from cchc.core.language import ENGLISH_PAGES_FOR_ROLES, SUPERUSER, page_in_english
from cchc.testing.english import choose_english, untranslated_lines, vietnamese_shown
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db

CONVERTED: dict[str, list[str]] = {
    "base layout and error pages": [
        "base.html",
        "core/_language_switch.html",
        "400.html",
        "403.html",
        "404.html",
    ],
    "sign-in pages": [
        "accounts/signin_base.html",
        "accounts/login.html",
        "accounts/otp.html",
        "accounts/enrol.html",
        "accounts/_field.html",
        "accounts/_form_errors.html",
        "registration/password_reset_form.html",
        "registration/password_reset_done.html",
        "registration/password_reset_confirm.html",
        "registration/password_reset_complete.html",
        "accounts/security.html",
    ],
    "public portal": [
        "portal/landing.html",
        "portal/dossier_lookup.html",
        "portal/late_lists.html",
        "dossiers/_latelist_tables.html",
        "portal/handbook_list.html",
        "portal/_handbook_item.html",
        "portal/handbook_detail.html",
        "portal/reform_rankings.html",
    ],
    "published petitions": [
        "portal/feedback/_nav.html",
        "portal/feedback/published.html",
        "portal/feedback/figures.html",
        "feedback/_figures_table.html",
        "portal/feedback/withdrawn.html",
        "portal/feedback/published_detail.html",
        "portal/feedback/track.html",
        "feedback/_field.html",
        "feedback/_form_errors.html",
    ],
    "published survey results": [
        "portal/surveys/published.html",
        "portal/surveys/published_detail.html",
        "portal/surveys/done.html",
    ],
    "progress-message consent and the 500 page": [
        "portal/_lookup_consent.html",
        "portal/lookup_consent.html",
        "dossiers/_field.html",
        "500.html",
    ],
    "menus and home pages": [
        "home/base.html",
        "home/admin.html",
        "home/leader.html",
        "home/auditor.html",
        "home/office.html",
        "home/secretariat.html",
        "home/front.html",
        "home/panel_dossierstats.html",
        "home/panel_latelists.html",
        "home/panel_lateliststate.html",
        "home/panel_losses.html",
        "home/panel_orghealth.html",
        "home/panel_owntasks.html",
        "home/panel_period.html",
        "home/panel_satisfaction.html",
        "home/panel_slipping.html",
        "home/panel_slipping_row.html",
        "home/panel_taskboard.html",
        "charts/_figure_chart.html",
        "home/unit_head.html",
        "home/unit_officer.html",
        "home/one_stop.html",
        "home/definitions.html",
    ],
    "early warning": [
        "earlywarning/list.html",
        "earlywarning/_card.html",
        "earlywarning/backtest.html",
        "earlywarning/reassign.html",
        "earlywarning/panel_at_risk.html",
        "earlywarning/panel_apology_due.html",
    ],
    "petition form": ["portal/feedback/form.html", "portal/feedback/submitted.html"],
    "working calendar": ["calendar/year.html"],
    "calendar entries": [
        "calendar/entry_form.html",
        "calendar/entry_confirm_delete.html",
        "calendar/_field.html",
        "calendar/_form_errors.html",
    ],
    "systems sending dossiers through the API": [
        "dossiers/api_clients/index.html",
        "dossiers/api_clients/created.html",
    ],
    "nine-indicator dossier evaluation": [
        "surveys/evaluation_summary.html",
        "surveys/_evaluation_table.html",
        "surveys/dossier_evaluation.html",
    ],
    "editing a questionnaire": ["surveys/questionnaire_edit.html"],
    "change log": ["core/audit.html", "core/pager.html"],
    "units and officials": [
        "org/unit_list.html",
        "org/unit_detail.html",
        "org/official_list.html",
        "org/_official_table.html",
        "org/official_detail.html",
        "org/form_page.html",
        "org/unit_delete.html",
        "org/_form_errors.html",
    ],
    "dossiers, late dossiers and rankings": [
        "dossiers/list.html",
        "dossiers/detail.html",
        "dossiers/_outcome.html",
        "dossiers/_pager.html",
        "dossiers/_definitions.html",
        "dossiers/late.html",
        "dossiers/league.html",
        "dossiers/interagency.html",
        "dossiers/interagency_steps.html",
        "surveys/_dossier_panel_body.html",
    ],
    "tasks and directives": [
        "directives/_subnav.html",
        "directives/_period_filter.html",
        "directives/_task_rows.html",
        "directives/_state.html",
        "directives/board.html",
        "directives/task_list.html",
        "directives/task_detail.html",
        "directives/overdue.html",
        "directives/progress.html",
        "directives/inbox.html",
        "directives/directive_list.html",
        "directives/report.html",
        "directives/reader_upload.html",
        "directives/check.html",
        "directives/directive_detail.html",
        "directives/directive_form.html",
        "directives/task_form.html",
        "org/_field.html",
    ],
    "petitions (staff pages)": [
        "feedback/list.html",
        "feedback/_status.html",
        "feedback/detail.html",
        "feedback/figures.html",
        "feedback/meetings.html",
        "feedback/meeting_detail.html",
        "feedback/new.html",
        "feedback/meeting_new.html",
        "feedback/keys.html",
    ],
    "monthly late lists and citizens' messages": [
        "dossiers/latelist_index.html",
        "dossiers/latelist_detail.html",
        "dossiers/messages.html",
    ],
    "steps of the monthly late lists and the apology letter's form": [
        "dossiers/latelist_confirm.html",
        "dossiers/_latelist_confirm_actions.html",
        "dossiers/apology_form.html",
        "dossiers/_form_errors.html",
    ],
    "imports of units, officials and dossiers": [
        "org/import.html",
        "dossiers/import/upload.html",
        "dossiers/import/detail.html",
        "dossiers/import/_progress.html",
    ],
    "paper survey forms": [
        "surveys/paper_entry.html",
        "surveys/paper_reconcile.html",
        "surveys/_paper_questions.html",
    ],
    "checking what the directive reader proposed": ["directives/reader_review.html"],
    "survey rounds (staff pages)": [
        "surveys/campaign_list.html",
        "surveys/campaign_detail.html",
        "surveys/questionnaire_list.html",
        "surveys/flagged.html",
        "surveys/figures.html",
        "surveys/_figures.html",
    ],
    "survey responses, kiosks, officials' ratings and the survey forms": [
        "surveys/officials.html",
        "surveys/response_list.html",
        "surveys/response_detail.html",
        "surveys/kiosks.html",
        "surveys/campaign_form.html",
        "surveys/figure_edit.html",
        "surveys/results.html",
        "surveys/unit_results.html",
        "surveys/_period.html",
        "surveys/_trend.html",
        "surveys/questionnaire_detail.html",
    ],
    "reports": [
        "reports/_period_form.html",
        "reports/_petition_card.html",
        "reports/_results_card.html",
        "reports/_slot_form.html",
        "reports/results.html",
        "reports/results_dossiers.html",
        "reports/petitions.html",
        "reports/periodic_index.html",
        "reports/periodic_detail.html",
        "reports/round.html",
    ],
    "reform indices": [
        "scorecards/city_index.html",
        "scorecards/766_overview.html",
        "scorecards/_period_picker.html",
        "scorecards/index_sets.html",
    ],
    "a unit's scorecard and its Decision 766 indicators": [
        "scorecards/card.html",
        "scorecards/_evidence.html",
        "scorecards/_solutions.html",
        "scorecards/766_unit.html",
        "scorecards/766_dossiers.html",
    ],
    "oversight and emulation lists": [
        "oversight/cases.html",
        "oversight/conclusions.html",
        "emulation/index.html",
    ],
    "inspections, their recommendations, a conclusion and a case": [
        "oversight/index.html",
        "oversight/plan.html",
        "oversight/inspection.html",
        "oversight/followups.html",
        "oversight/_rec_card.html",
        "oversight/recommendation.html",
        "oversight/conclusion.html",
        "oversight/case.html",
        "oversight/_error.html",
        "oversight/ad_hoc.html",
        "oversight/case_create.html",
    ],
    "training, reform proposals and emulation rounds": [
        "training/_subnav.html",
        "training/index.html",
        "training/course_list.html",
        "training/course_form.html",
        "training/course_detail.html",
        "training/class_detail.html",
        "training/need_list.html",
        "proposals/_subnav.html",
        "proposals/proposal_list.html",
        "proposals/proposal_form.html",
        "proposals/proposal_detail.html",
        "proposals/register.html",
        "emulation/_entry_card.html",
        "emulation/round.html",
        "emulation/entry.html",
    ],
    "a unit's documents": [
        "portal/unitsite/documents.html",
        "portal/unitsite/_document_card.html",
        "portal/unitsite/_document_filters.html",
        "portal/unitsite/document_detail.html",
    ],
    "a tracked petition": ["portal/feedback/track_detail.html"],
    "the survey forms and the kiosk": [
        "portal/surveys/form.html",
        "portal/surveys/kiosk.html",
        "portal/surveys/_questions.html",
        "portal/surveys/_script_messages.html",
        "portal/surveys/done.html",
    ],
    "a unit's website (staff pages)": [
        "unitsite/home.html",
        "unitsite/_subnav.html",
        "unitsite/register.html",
        "unitsite/document_form.html",
        "unitsite/embed.html",
    ],
    "the widgets a unit's website frames": [
        "portal/unitsite/widget_base.html",
        "portal/unitsite/widget_documents.html",
        "portal/unitsite/widget_late.html",
        "portal/unitsite/widget_lookup.html",
        "portal/unitsite/widget_petition.html",
        "portal/unitsite/widget_satisfaction.html",
    ],
}
# The portal's home, and the states and pages no link of the portal leads to: a search with and without
# results, the consent page's guide (reached by a form), the reform index ranking (linked from the
# leader's screens).
START = [
    "/cong-khai/",
    "/cong-khai/xep-hang-chi-so-cchc/",
    "/cong-khai/khao-sat/cam-on/",
    "/cong-khai/tra-cuu-ho-so/nhan-thong-bao/",
    "/cong-khai/so-tay-thu-tuc/?q=giay+phep",
    "/cong-khai/so-tay-thu-tuc/?q=zzzz",
]


@pytest.mark.parametrize("group", sorted(CONVERTED))
def test_a_converted_template_keeps_its_vietnamese_in_translation_tags(group):
    problems = {
        name: lines
        for name in CONVERTED[group]
        if (lines := untranslated_lines(Path(get_template(name).origin.name).read_text(encoding="utf-8")))
    }
    assert not problems, problems


def test_every_menu_entry_group_and_role_has_an_english_name():
    from django.utils import translation

    from cchc.core.navigation import all_items
    from cchc.core.roles import Role

    names = {item.label for item in all_items()} | {item.group for item in all_items() if item.group}
    with translation.override("en"):
        untranslated = sorted(n for n in names | {r.label for r in Role} if translation.gettext(n) == n)
    assert not untranslated, untranslated


# Addresses followed per page name: a few records of each page rather than the first pages of a long
# list, so that every page listed in English is reached however many records the demo has.
PER_PAGE = 5


def _english_page(path: str, role: str = "") -> str | None:
    """The page name of ``path`` when it is in English for ``role``, else None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name if page_in_english(match, role) else None


def crawl_in_english(client: Client, start: list[str] = START, role: str = "") -> dict[str, list[str]]:
    """English pages reached from ``start`` by a reader with ``role`` (url → Vietnamese lines found)."""
    queue = deque(start)
    found: dict[str, list[str]] = {}
    followed: dict[str, int] = {}
    queued = set(start)
    while queue and len(found) < 600:
        url = queue.popleft()
        if url in found:
            continue
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            found[url] = []
            continue
        html = response.content.decode()
        assert '<html lang="en">' in html, url
        found[url] = vietnamese_shown(html)
        for href in lxml.html.fromstring(html).xpath("//a/@href"):
            target = href.split("#")[0]
            inside = target.startswith("/") and not target.startswith("//")
            page = _english_page(target.split("?")[0], role) if inside else None
            if page is not None and target not in queued:
                followed[page] = followed.get(page, 0) + 1
                if followed[page] <= PER_PAGE:
                    queued.add(target)
                    queue.append(target)
    return found


@pytest.fixture
def demo(demo_db, settings):
    # The whole demo, copied from the session's one load (conftest.py), which also empties the cache.
    settings.CCHC_DEMO = True


def test_every_english_page_reached_from_the_portal_is_free_of_vietnamese(client, demo):
    from django.urls import reverse

    from cchc.unitsite.models import UnitDocument

    choose_english(client)
    # A unit's register of documents is linked from the unit's own website, not from the portal.
    documents = UnitDocument.objects.filter(replaced_by__isnull=False).first() or UnitDocument.objects.first()
    assert documents is not None
    found = crawl_in_english(client, [*START, reverse("unitsite_public:documents", args=[documents.unit_id])])
    print(f"English check: {len(found)} pages")
    assert found
    problems = [f"{url}: {line}" for url, lines in found.items() for line in lines]
    assert not problems, "\n".join(problems)


def test_every_english_page_a_role_reaches_from_its_home_is_free_of_vietnamese(client, demo, settings):
    """The menus, the signed-in header and each role's home page, for the roles whose home is in English
    (``ENGLISH_PAGES_FOR_ROLES``), followed link by link to every page in English for that role."""
    settings.CCHC_DEMO_WITHOUT_2FA = True
    english_homes = ENGLISH_PAGES_FOR_ROLES["home:home"]
    problems: list[str] = []
    for login in DEMO_LOGINS:
        if login.role not in english_homes:
            continue
        client.logout()
        login_verified(client, User.objects.get(username=login.username))
        choose_english(client)
        found = crawl_in_english(client, ["/"], login.role)
        assert 'data-testid="home-heading"' in client.get("/").content.decode()
        assert len(found) >= 1
        problems += [f"{login.username} {url}: {line}" for url, lines in found.items() for line in lines]
    assert {login.role for login in DEMO_LOGINS} & english_homes == english_homes - {SUPERUSER}
    assert not problems, "\n".join(problems)


def test_a_dossier_looked_up_in_english_shows_no_vietnamese_outside_its_data(client, demo):
    from cchc.dossiers.models import Dossier

    dossier = Dossier.objects.exclude(applicant_phone="").filter(steps__isnull=False).first()
    assert dossier is not None
    choose_english(client)
    pages = {
        "found": client.post(
            "/cong-khai/tra-cuu-ho-so/", {"code": dossier.code, "phone": dossier.applicant_phone}
        ).content.decode(),
        "not found": client.post(
            "/cong-khai/tra-cuu-ho-so/", {"code": dossier.code, "phone": "0900000000"}
        ).content.decode(),
        "empty": client.post("/cong-khai/tra-cuu-ho-so/", {}).content.decode(),
    }
    assert 'data-testid="lookup-result"' in pages["found"]
    assert "No dossier matches" in pages["not found"]
    assert "Dossier code: please enter" in pages["empty"]
    problems = [f"{case}: {line}" for case, html in pages.items() for line in vietnamese_shown(html)]
    assert not problems, "\n".join(problems)


def test_the_page_defining_each_figure_reads_in_english(client):
    choose_english(client)
    page = client.get("/cach-tinh/").content.decode()
    assert '<html lang="en">' in page and "Late rate" in page
    assert not vietnamese_shown(page), vietnamese_shown(page)


def test_the_500_page_speaks_the_language_of_the_page_that_failed():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("en"):
        english = render_to_string("500.html")
    assert '<html lang="en">' in english
    assert not vietnamese_shown(english), vietnamese_shown(english)
    assert "Hệ thống gặp sự cố" in render_to_string("500.html")
