from django.urls import path

from cchc.training import views

app_name = "training"

urlpatterns = [
    path("", views.index, name="index"),
    path("khoa/", views.course_list, name="course_list"),
    path("khoa/moi/", views.course_create, name="course_create"),
    path("khoa/<int:course_id>/", views.course_detail, name="course_detail"),
    path("khoa/<int:course_id>/tai-lieu/", views.material_add, name="material_add"),
    path(
        "khoa/<int:course_id>/tai-lieu/<int:material_id>/", views.material_download, name="material_download"
    ),
    path(
        "khoa/<int:course_id>/tai-lieu/<int:material_id>/go/", views.material_remove, name="material_remove"
    ),
    path("khoa/<int:course_id>/lop-moi/", views.class_create, name="class_create"),
    path("lop/<int:class_id>/", views.class_detail, name="class_detail"),
    path("lop/<int:class_id>/moi/", views.class_invite, name="class_invite"),
    path("lop/<int:class_id>/diem-danh/", views.class_attendance, name="class_attendance"),
    path("lop/<int:class_id>/ket-qua/", views.class_results, name="class_results"),
    path("lop/<int:class_id>/huy/", views.class_cancel, name="class_cancel"),
    path("chung-nhan/<int:enrolment_id>/", views.certificate, name="certificate"),
    path("nhu-cau/", views.need_list, name="need_list"),
    path("nhu-cau/de-xuat/", views.need_propose, name="need_propose"),
    path("nhu-cau/them/", views.need_add, name="need_add"),
    path("nhu-cau/<int:need_id>/dong/", views.need_dismiss, name="need_dismiss"),
]
