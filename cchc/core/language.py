"""Which language a page speaks.

Vietnamese is the source and the default language. English is offered through the switcher in the page
header (a form posted to Django's ``set_language``, which stores the choice in a cookie); the browser's
``Accept-Language`` is not followed, so a page never switches language by itself.

English exists only for the pages whose templates and strings are fully translated: the groups listed
in ``ENGLISH_PAGES`` (and, for some roles only, ``ENGLISH_PAGES_FOR_ROLES``). On any other page a
visitor who chose English gets the Vietnamese page, marked ``lang="vi"``, with a one-line note in
English that the page is Vietnamese only — never a page half in one language and marked as the other.
``cchc/core/tests/test_english_pages_hold_no_vietnamese_text.py`` renders every listed group in
English and grows with this list (docs/translating.md).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import ResolverMatch
from django.utils import translation
from django.utils.cache import patch_vary_headers

from cchc.core.roles import Role

# URL namespaces (every page of the namespace) or "namespace:name" (one page) translated in full.
ENGLISH_PAGES: tuple[str, ...] = (
    "portal:landing",
    "portal:dossier_lookup",
    "portal:lookup_consent",
    "portal:late_lists",
    "portal:handbook",
    "portal:handbook_detail",
    "portal:reform_rankings",
    "home:definitions",
    "accounts:login",
    "accounts:otp",
    "accounts:enrol",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:security",
    "calendar:year",
    "calendar:year_of",
    "core:audit",
    "feedback_public:published",
    "feedback_public:figures",
    "feedback_public:track",
    "surveys_public:published",
    "surveys_public:published_detail",
    "surveys_public:thanks",
    "feedback_public:submit",
    "feedback_public:submitted",
    "feedback_public:published_detail",
    "unitsite_public:documents",
    "unitsite_public:document_detail",
    "earlywarning",
    "org:unit_list",
    "org:unit_detail",
    "org:official_list",
    "org:official_detail",
    "dossiers:list",
    "dossiers:detail",
    "dossiers:late",
    "dossiers:league_units",
    "dossiers:league_officials",
    "dossiers:interagency",
    "dossiers:interagency_steps",
    "directives:board",
    "directives:task_list",
    "directives:task_detail",
    "directives:overdue",
    "directives:progress",
    "directives:inbox",
    "directives:directive_list",
    "directives:report",
    "feedback:list",
    "feedback:detail",
    "feedback:figures",
    "feedback:meetings",
    "feedback:meeting_detail",
    "dossiers:latelist_index",
    "dossiers:latelist_detail",
    "dossiers:messages",
    "surveys:campaigns",
    "surveys:campaign_detail",
    "surveys:questionnaires",
    "surveys:flagged",
    "surveys:figures",
    "reports:results",
    "reports:results_dossiers",
    "reports:petitions",
    "reports:periodic",
    "reports:periodic_detail",
    "reports:round",
    "scorecards:city",
    "scorecards:766",
    "feedback:new",
    "feedback:meeting_new",
    "directives:reader_upload",
    "directives:check",
    "directives:directive_detail",
    "directives:directive_create",
    "directives:directive_edit",
    "directives:task_create",
    "directives:file_add",
    "directives:file_remove",
    "directives:link_add",
    "directives:link_remove",
    "directives:task_progress",
    "directives:task_report_done",
    "directives:task_confirm",
    "directives:task_send_back",
    "directives:task_extension",
    "directives:task_extension_decide",
    "directives:task_officer",
    "directives:task_delete",
    "directives:task_cancel",
    "calendar:entry_add",
    "calendar:entry_edit",
    "calendar:entry_delete",
    "dossier_api_clients",
    "surveys:evaluation_summary",
    "surveys:dossier_evaluation",
    "surveys:questionnaire_edit",
    "surveys:questionnaire_copy",
    "oversight:cases",
    "oversight:conclusions",
    "emulation:index",
    "scorecards:index_sets",
    "scorecards:card",
    "scorecards:card_stage",
    "scorecards:self_assess",
    "scorecards:add_evidence",
    "scorecards:appraise",
    "scorecards:answer",
    "scorecards:cause",
    "scorecards:add_solution",
    "scorecards:make_task",
    "scorecards:release_step",
    "scorecards:766_unit",
    "scorecards:766_dossiers",
    "surveys:officials",
    "surveys:responses",
    "surveys:response_detail",
    "surveys:kiosks",
    "surveys:kiosk_deactivate",
    "surveys:campaign_new",
    "surveys:campaign_edit",
    "surveys:campaign_targets",
    "surveys:campaign_transition",
    "surveys:figure_edit",
    "surveys:figure_delete",
    "oversight:index",
    "oversight:plan",
    "oversight:inspection",
    "oversight:followups",
    "oversight:recommendation",
    "oversight:conclusion",
    "oversight:case",
    "surveys:results",
    "surveys:unit_results",
    "surveys:improvement_task",
    "surveys:questionnaire_detail",
    "feedback:keys",
    "feedback:key_revoke",
    "org:unit_create",
    "org:unit_edit",
    "org:unit_close",
    "org:unit_merge",
    "org:unit_delete",
    "org:unit_set_head",
    "org:head_end",
    "org:official_create",
    "org:official_edit",
    "org:official_deactivate",
    "oversight:plan_create",
    "oversight:plan_add",
    "oversight:plan_step",
    "oversight:ad_hoc",
    "oversight:visit_step",
    "oversight:answer",
    "oversight:evidence",
    "oversight:finding",
    "oversight:recommend",
    "oversight:recommendation_step",
    "oversight:case_create",
    "oversight:case_step",
    "oversight:conclusion_add",
    "oversight:correction",
    "oversight:correction_step",
    "training:index",
    "training:course_list",
    "training:course_create",
    "training:course_detail",
    "training:material_add",
    "training:material_remove",
    "training:class_create",
    "training:class_detail",
    "training:class_invite",
    "training:class_attendance",
    "training:class_results",
    "training:class_cancel",
    "training:need_list",
    "training:need_propose",
    "training:need_add",
    "training:need_dismiss",
    "proposals:proposal_list",
    "proposals:proposal_create",
    "proposals:proposal_detail",
    "proposals:proposal_edit",
    "proposals:proposal_submit",
    "proposals:proposal_review",
    "proposals:proposal_decide",
    "proposals:register",
    "proposals:register_add",
    "emulation:propose",
    "emulation:round",
    "emulation:recompute",
    "emulation:approve",
    "emulation:entry",
    "emulation:adjust",
    "dossiers:latelist_draft",
    "dossiers:latelist_approve",
    "dossiers:latelist_publish",
    "dossiers:latelist_withdraw",
    "dossiers:apology_new",
    "feedback:act",
    "org:import",
    "org:import_confirm",
    "dossier_import",
    "reports:periodic_new",
    "feedback_public:track_detail",
    "feedback_public:track_rate",
    "feedback_public:track_reopen",
    "feedback_public:track_supplement",
    "surveys_public:dossier",
    "surveys_public:kiosk",
    "unitsite:home",
    "unitsite:register",
    "unitsite:document_add",
    "unitsite:document_edit",
    "unitsite:embed",
    "unitsite:origin_remove",
    "unitsite_public:widget_documents",
    "unitsite_public:widget_late",
    "unitsite_public:widget_lookup",
    "unitsite_public:widget_petition",
    "unitsite_public:widget_satisfaction",
    "surveys:paper_entry",
    "surveys:paper_reconcile",
    "directives:reader_review",
)
# The widgets a unit's website frames. Browsers withhold this site's cookies from a frame in another
# site's page, so the switcher's choice rarely reaches them: the embedding code chooses the language
# with ``?lang=en`` (or ``?lang=vi``) in the frame's address; without it the cookie decides, else
# Vietnamese (docs/translating.md).
LANGUAGE_BY_PARAMETER: frozenset[str] = frozenset(
    {
        "unitsite_public:widget_documents",
        "unitsite_public:widget_late",
        "unitsite_public:widget_lookup",
        "unitsite_public:widget_petition",
        "unitsite_public:widget_satisfaction",
    }
)
# A superuser has no role of the organisation; for the choice of language the system administrator's
# pages count as a role of their own.
SUPERUSER = "superuser"

# Pages translated in full for some roles only (view name → roles): the same address shows each role
# different panels, and a role joins when all of its panels are translated.
ENGLISH_PAGES_FOR_ROLES: dict[str, frozenset[str]] = {
    "home:home": frozenset(
        {
            SUPERUSER,
            Role.LEADER,
            Role.AUDITOR,
            Role.OFFICE,
            Role.SECRETARIAT,
            Role.FRONT,
            Role.UNIT_HEAD,
            Role.UNIT_OFFICER,
            Role.ONE_STOP,
        }
    ),
}


def chosen_language(request: HttpRequest) -> str:
    """The language the visitor chose with the switcher, or the default one."""
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if cookie in dict(settings.LANGUAGES):
        return cookie
    return settings.LANGUAGE_CODE


def page_in_english(match: ResolverMatch | None, role: str = "") -> bool:
    """Whether the page the URL resolved to has a complete English translation for a reader with ``role``
    (empty for a visitor who is not signed in)."""
    if match is None:
        return False
    if match.view_name in ENGLISH_PAGES or any(ns in ENGLISH_PAGES for ns in match.namespaces):
        return True
    return bool(role) and role in ENGLISH_PAGES_FOR_ROLES.get(match.view_name, frozenset())


class ChosenLanguageMiddleware:
    """Activates the chosen language for translated pages and Vietnamese everywhere else.

    Takes the place of Django's ``LocaleMiddleware`` (which would follow ``Accept-Language``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = chosen_language(request)
        request.cchc_chosen_language = chosen  # type: ignore[attr-defined]
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        # Back to the default, so that what runs before this middleware on the next request of the thread
        # (the hostile-input refusals) speaks Vietnamese.
        translation.deactivate()
        return response

    def process_view(self, request: HttpRequest, view: object, args: object, kwargs: object) -> None:
        chosen = getattr(request, "cchc_chosen_language", settings.LANGUAGE_CODE)
        match = request.resolver_match
        if match is not None and match.view_name in LANGUAGE_BY_PARAMETER:
            asked = request.GET.get("lang", "")
            if asked in dict(settings.LANGUAGES):
                chosen = asked
                request.cchc_chosen_language = chosen  # type: ignore[attr-defined]
        user = getattr(request, "user", None)
        role = ""
        if user is not None and user.is_authenticated:
            role = getattr(user, "role", "") or (SUPERUSER if getattr(user, "is_superuser", False) else "")
        if chosen != settings.LANGUAGE_CODE and page_in_english(request.resolver_match, role):
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen


def language_context(request: HttpRequest) -> dict[str, object]:
    """For the switcher: the language chosen and whether this page could not follow the choice."""
    chosen = getattr(request, "cchc_chosen_language", settings.LANGUAGE_CODE)
    active = translation.get_language()
    return {
        "chosen_language": chosen,
        "page_only_in_vietnamese": chosen != settings.LANGUAGE_CODE and active == settings.LANGUAGE_CODE,
    }
