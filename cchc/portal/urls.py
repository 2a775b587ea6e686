from django.urls import path

from cchc.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("tra-cuu-ho-so/", views.dossier_lookup, name="dossier_lookup"),
    path("danh-sach-tre-han/", views.late_lists, name="late_lists"),
    path("xep-hang-chi-so-cchc/", views.reform_rankings, name="reform_rankings"),
]
