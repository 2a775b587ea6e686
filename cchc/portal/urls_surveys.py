"""Public survey pages, mounted by the lead at /cong-khai/khao-sat/ (no login)."""

from django.urls import path

from cchc.portal import views_surveys as views

app_name = "surveys_public"
urlpatterns = [
    path("", views.published, name="published"),
    path("ket-qua/<int:pk>/", views.published_detail, name="published_detail"),
    path("d/<str:token>/", views.dossier_survey, name="dossier"),
    path("cam-on/", views.thanks, name="thanks"),
    path("ki-ot/<str:token>/", views.kiosk, name="kiosk"),
]
