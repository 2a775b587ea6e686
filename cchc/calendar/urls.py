from django.urls import path

from cchc.core.views import home

app_name = "calendar"
# Placeholder until the calendar screens land.
urlpatterns = [
    path("", home, name="year"),
]
