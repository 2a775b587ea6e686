from django.urls import path

from cchc.portal import views, views_consent, views_handbook

app_name = "portal"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("tra-cuu-ho-so/", views.dossier_lookup, name="dossier_lookup"),
    path("tra-cuu-ho-so/nhan-thong-bao/", views_consent.lookup_consent, name="lookup_consent"),
    path("danh-sach-tre-han/", views.late_lists, name="late_lists"),
    path("xep-hang-chi-so-cchc/", views.reform_rankings, name="reform_rankings"),
    path("so-tay-thu-tuc/", views_handbook.handbook_list, name="handbook"),
    path("so-tay-thu-tuc/sw.js", views_handbook.service_worker, name="handbook_sw"),
    path("so-tay-thu-tuc/<str:code>/", views_handbook.handbook_detail, name="handbook_detail"),
]
