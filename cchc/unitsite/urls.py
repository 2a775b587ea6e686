from django.urls import path

from cchc.unitsite import views

app_name = "unitsite"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:unit_id>/", views.register, name="register"),
    path("<int:unit_id>/van-ban/moi/", views.document_add, name="document_add"),
    path("<int:unit_id>/van-ban/<int:document_id>/sua/", views.document_edit, name="document_edit"),
    path("<int:unit_id>/nhung/", views.embed, name="embed"),
    path("<int:unit_id>/nhung/<int:origin_id>/xoa/", views.origin_remove, name="origin_remove"),
]
