"""The public site's includes come first in the URL list (cchc/urls.py), so a citizen's page is resolved
without trying every staff app; that changes no match because no other include has a path under
cong-khai/."""

from django.urls import URLResolver, get_resolver, resolve

PUBLIC = "cong-khai/"


def routes(entry, prefix=""):
    route = prefix + str(entry.pattern)
    if isinstance(entry, URLResolver):
        for inner in entry.url_patterns:
            yield from routes(inner, route)
    else:
        yield route


def test_no_other_include_has_a_path_under_the_public_site():
    top = get_resolver().url_patterns
    public = [e for e in top if str(e.pattern).startswith(PUBLIC)]
    assert public and top[: len(public)] == public  # first, together
    for entry in top[len(public) :]:
        for route in routes(entry):
            assert not route.lstrip("^").startswith(PUBLIC[:-1]), route


def test_a_public_page_is_found_among_the_first_includes():
    for path in ("/cong-khai/", "/cong-khai/tra-cuu-ho-so/", "/cong-khai/so-tay-thu-tuc/"):
        match = resolve(path)
        assert match.namespace == "portal"
        assert len(match.tried or []) <= 12, (path, len(match.tried or []))
