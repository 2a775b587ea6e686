from django.urls import path

from cchc.calendar import views

app_name = "calendar"
urlpatterns = [
    path("", views.year_view, name="year"),
    path("nam/<int:year>/", views.year_view, name="year_of"),
    path("them/", views.entry_add, name="entry_add"),
    path("ngay/<int:pk>/sua/", views.entry_edit, name="entry_edit"),
    path("ngay/<int:pk>/xoa/", views.entry_delete, name="entry_delete"),
]
