"""Emulation screens, mounted at /thi-dua/. Every route here is enumerated by the permission walk
(``tests/test_every_persona_on_every_emulation_url.py``)."""

from django.urls import path

from cchc.emulation import views

app_name = "emulation"
urlpatterns = [
    path("", views.index, name="index"),
    path("de-xuat/", views.propose, name="propose"),
    path("<int:pk>/", views.round_page, name="round"),
    path("<int:pk>/tinh-lai/", views.recompute, name="recompute"),
    path("<int:pk>/phe-duyet/", views.approve, name="approve"),
    path("<int:pk>/dong/<int:entry_id>/", views.entry_page, name="entry"),
    path("<int:pk>/dong/<int:entry_id>/dieu-chinh/", views.adjust, name="adjust"),
    path("<int:pk>/danh-sach.xlsx", views.list_xlsx, name="xlsx"),
    path("<int:pk>/ban-in/", views.printable, name="print"),
]
