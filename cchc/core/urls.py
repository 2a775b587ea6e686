from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from cchc.core import views

app_name = "core"
urlpatterns = [
    path("nhat-ky/", views.audit, name="audit"),
    # Browsers ask for /favicon.ico whatever the page says; the icon is a static file.
    path("favicon.ico", RedirectView.as_view(url=static("favicon.ico"), permanent=True), name="favicon"),
]
