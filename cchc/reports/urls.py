"""Report screens, mounted at /bao-cao/."""

from django.urls import path

from cchc.reports import views, views_periodic

app_name = "reports"
urlpatterns = [
    path("ket-qua-tthc/", views.results, name="results"),
    path("ket-qua-tthc/bao-cao.xlsx", views.results_xlsx, name="results_xlsx"),
    path("ket-qua-tthc/ho-so/", views.results_dossiers, name="results_dossiers"),
    path("phan-anh/", views.petitions, name="petitions"),
    path("dinh-ky/", views_periodic.index, name="periodic"),
    path("dinh-ky/lap/", views_periodic.new, name="periodic_new"),
    path("dinh-ky/<int:pk>/", views_periodic.detail, name="periodic_detail"),
    path("dinh-ky/<int:pk>.docx", views_periodic.docx, name="periodic_docx"),
    path("dinh-ky/<int:pk>.pdf", views_periodic.pdf, name="periodic_pdf"),
    path("dinh-ky/ky/", views_periodic.round_view, name="round"),
]
