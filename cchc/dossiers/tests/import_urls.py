"""The project's URLs with the import page at /ho-so/nhap/ if the project does not mount it yet
(the lead mounts ``cchc.dossiers.urls_import`` there); tests use it through ``pytest.mark.urls``."""

from django.urls import URLResolver, include, path

from cchc.urls import urlpatterns as project_patterns


def _mounted() -> bool:
    return any(isinstance(p, URLResolver) and p.namespace == "dossier_import" for p in project_patterns)


urlpatterns = list(project_patterns)
if not _mounted():
    urlpatterns.insert(0, path("ho-so/nhap/", include("cchc.dossiers.urls_import")))
