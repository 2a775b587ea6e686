"""The project's URLs with the push API at /api/ and the API-client page at /ho-so/ket-noi/ if the
project does not mount them yet (the lead mounts ``cchc.dossiers.api.api`` at "api/" and
``cchc.dossiers.urls_api_clients``); the API tests use it through ``pytest.mark.urls``."""

from django.urls import URLResolver, include, path

from cchc.dossiers.api import api
from cchc.urls import urlpatterns as project_patterns


def _mounted(namespace: str) -> bool:
    return any(isinstance(p, URLResolver) and p.namespace == namespace for p in project_patterns)


urlpatterns = list(project_patterns)
if not _mounted("api"):
    urlpatterns.insert(0, path("api/", api.urls))
if not _mounted("dossier_api_clients"):
    urlpatterns.insert(0, path("ho-so/ket-noi/", include("cchc.dossiers.urls_api_clients")))
