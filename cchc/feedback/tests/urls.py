"""The project's URLs with the feedback screens mounted where the lead mounts them (/phan-anh/,
/cong-khai/phan-anh/, /open311/v2/) if cchc/urls.py does not mount them yet. Tests use it through
``pytest.mark.urls``; once mounted, this is the project's urlconf unchanged."""

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
urlpatterns: list = []
if "feedback_public" not in _mounted:
    urlpatterns.append(path("cong-khai/phan-anh/", include("cchc.portal.urls_feedback")))
if "feedback" not in _mounted:
    urlpatterns.append(path("phan-anh/", include("cchc.feedback.urls")))
if "open311" not in _mounted:
    urlpatterns.append(path("open311/v2/", include("cchc.feedback.open311_urls")))
urlpatterns += project_patterns
