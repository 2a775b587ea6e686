"""Report screens, mounted at /bao-cao/."""

from django.urls import path

from cchc.reports import views

app_name = "reports"
urlpatterns = [
    path("ket-qua-tthc/", views.results, name="results"),
    path("ket-qua-tthc/bao-cao.xlsx", views.results_xlsx, name="results_xlsx"),
    path("ket-qua-tthc/ho-so/", views.results_dossiers, name="results_dossiers"),
    path("phan-anh/", views.petitions, name="petitions"),
]
