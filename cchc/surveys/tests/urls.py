"""The project's URLs with the survey screens mounted where the lead mounts them (/khao-sat/ and
/cong-khai/khao-sat/) if cchc/urls.py does not mount them yet. Tests use it through
``pytest.mark.urls``; once mounted, this is the project's urlconf unchanged."""

from typing import Any

from django.urls import URLResolver, include, path

from cchc.urls import urlpatterns as project_patterns


def _namespaces(patterns, found):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace:
                found.add(p.namespace)
            _namespaces(p.url_patterns, found)
    return found


_mounted = _namespaces(project_patterns, set())
urlpatterns: list[Any] = []
if "surveys_public" not in _mounted:
    urlpatterns.append(path("cong-khai/khao-sat/", include("cchc.portal.urls_surveys")))
if "surveys" not in _mounted:
    urlpatterns.append(path("khao-sat/", include("cchc.surveys.urls")))
# The improvement-task links point at the task engine's pages.
if "directives" not in _mounted:
    urlpatterns.append(path("chi-dao/", include("cchc.directives.urls")))
urlpatterns += list(project_patterns)
