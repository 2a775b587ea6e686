"""The API-client page (issue and revoke push-API tokens); the project mounts it, e.g. at /ho-so/ket-noi/."""

from django.urls import path

from cchc.dossiers import views_api_clients

app_name = "dossier_api_clients"

urlpatterns = [
    path("", views_api_clients.index, name="index"),
    path("<int:pk>/thu-hoi/", views_api_clients.revoke, name="revoke"),
]
