"""The dossier import page; the project mounts it at /ho-so/nhap/."""

from django.urls import path

from cchc.dossiers import views_import

app_name = "dossier_import"

urlpatterns = [
    path("", views_import.upload, name="upload"),
    path("<int:pk>/", views_import.detail, name="detail"),
    path("<int:pk>/tien-do/", views_import.progress, name="progress"),
]
