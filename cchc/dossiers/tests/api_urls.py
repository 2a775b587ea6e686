"""The project's URLs with the push API at /api/ if the project does not mount it yet (the lead mounts
``cchc.dossiers.api.api`` at "api/"); the API tests use it through ``pytest.mark.urls``."""

from django.urls import URLResolver, path

from cchc.dossiers.api import api
from cchc.urls import urlpatterns as project_patterns


def _mounted() -> bool:
    return any(isinstance(p, URLResolver) and p.namespace == "api" for p in project_patterns)


urlpatterns = list(project_patterns)
if not _mounted():
    urlpatterns.insert(0, path("api/", api.urls))
