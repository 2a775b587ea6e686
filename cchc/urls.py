from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from cchc.dossiers.api import api as dossier_api
from cchc.portal import zalo_webhook
from cchc.portal.callbot import api as callbot_api
from cchc.reports.ioc_api import api as ioc_api

admin.site.site_header = "Quản trị hệ thống CCHC"
admin.site.site_title = "CCHC"
admin.site.index_title = "Quản trị dữ liệu"

urlpatterns: list[URLPattern | URLResolver] = [
    # The public site first: the pages every citizen opens (and the load's whole mix) resolve without
    # trying the staff apps' 24 includes (a tenth of a kept public page's CPU). No other include has a
    # path under cong-khai/ (test_public_paths_resolve_first_and_nowhere_else), so the order changes no
    # match; the more specific prefixes stay before "cong-khai/".
    path("cong-khai/phan-anh/", include("cchc.portal.urls_feedback")),
    path("cong-khai/khao-sat/", include("cchc.portal.urls_surveys")),
    path("cong-khai/don-vi/", include("cchc.portal.urls_unitsite")),
    path("cong-khai/", include("cchc.portal.urls")),
    path("", include("cchc.home.urls")),
    path("", include("cchc.core.urls")),
    path("tai-khoan/", include("cchc.accounts.urls")),
    path("to-chuc/", include("cchc.org.urls")),
    path("lich/", include("cchc.calendar.urls")),
    path("ho-so/nhap/", include("cchc.dossiers.urls_import")),
    path("ho-so/ket-noi/", include("cchc.dossiers.urls_api_clients")),
    path("ho-so/", include("cchc.dossiers.urls")),
    path("chi-dao/", include("cchc.directives.urls")),
    path("canh-bao/", include("cchc.earlywarning.urls")),
    path("phan-anh/", include("cchc.feedback.urls")),
    path("khao-sat/", include("cchc.surveys.urls")),
    path("bao-cao/", include("cchc.reports.urls")),
    path("chi-so/", include("cchc.scorecards.urls")),
    path("dao-tao/", include("cchc.training.urls")),
    path("de-xuat-cai-cach/", include("cchc.proposals.urls")),
    path("kiem-tra/", include("cchc.oversight.urls")),
    path("thi-dua/", include("cchc.emulation.urls")),
    path("trang-don-vi/", include("cchc.unitsite.urls")),
    path("open311/v2/", include("cchc.feedback.open311_urls")),
    path("api/", dossier_api.urls),
    path("callbot/v1/", callbot_api.urls),
    path("zalo/webhook/", zalo_webhook.receive, name="zalo_webhook"),
    path("ioc/v1/", ioc_api.urls),
    path("quan-tri/", admin.site.urls),
]
# MEDIA_ROOT is never served as such, not even with DEBUG: uploads (petition photos, directive files,
# task attachments) carry personal or internal data and are served by views that check permissions.
