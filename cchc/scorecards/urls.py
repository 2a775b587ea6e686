"""Scorecard screens, mounted at /chi-so/."""

from django.urls import path

from cchc.scorecards import views766

app_name = "scorecards"
urlpatterns = [
    path("766/", views766.overview, name="766"),
    path("766/<str:code>/", views766.unit_page, name="766_unit"),
    path("766/<str:code>/<str:indicator>/ho-so/", views766.dossiers_page, name="766_dossiers"),
]
