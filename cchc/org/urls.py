from django.urls import path

from cchc.core.views import home

app_name = "org"
# Placeholder until the organisation screens land.
urlpatterns = [
    path("don-vi/", home, name="unit_list"),
    path("can-bo/", home, name="official_list"),
    path("nhap/", home, name="import"),
]
