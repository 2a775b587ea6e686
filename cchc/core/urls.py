from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from cchc.core import views

app_name = "core"
urlpatterns = [
    path("nhat-ky/", views.audit, name="audit"),
    # The language switcher in the page header posts here (a cookie; cchc/core/language.py).
    path("ngon-ngu/", set_language, name="set_language"),
    # Browsers ask for /favicon.ico whatever the page says; the icon is a static file.
    path("favicon.ico", RedirectView.as_view(url=static("favicon.ico"), permanent=True), name="favicon"),
]
