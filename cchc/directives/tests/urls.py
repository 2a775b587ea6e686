"""The project's URLs, with the directive screens at /chi-dao/ if the project does not mount them yet.

The lead mounts ``cchc.directives.urls`` at /chi-dao/ in cchc/urls.py; until then the screen tests run
against this urlconf (``pytest.mark.urls``). Once mounted, this is the project's urlconf unchanged.
"""

from django.urls import URLResolver, include, path

from cchc.urls import urlpatterns as project_patterns


def _mounted() -> bool:
    return any(isinstance(p, URLResolver) and p.namespace == "directives" for p in project_patterns)


urlpatterns = list(project_patterns)
if not _mounted():
    urlpatterns.insert(0, path("chi-dao/", include("cchc.directives.urls")))
