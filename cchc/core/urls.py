from django.urls import path

from cchc.core import views

app_name = "core"
urlpatterns = [
    path("nhat-ky/", views.audit, name="audit"),
]
