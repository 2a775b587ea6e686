from django.urls import path

from cchc.home import views

app_name = "home"
urlpatterns = [
    path("", views.home, name="home"),
    path("cach-tinh/", views.definitions, name="definitions"),
]
