from django.urls import path

from cchc.org import views, views_import

app_name = "org"
# Every pattern here is enumerated by tests/test_ward_officer_cannot_reach_another_ward.py: a new one
# fails that test until it says how the pattern is scoped.
urlpatterns = [
    path("don-vi/", views.unit_list, name="unit_list"),
    path("don-vi/xuat-excel/", views.unit_export, name="unit_export"),
    path("don-vi/them/", views.unit_create, name="unit_create"),
    path("don-vi/<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:unit_id>/sua/", views.unit_edit, name="unit_edit"),
    path("don-vi/<int:unit_id>/giai-the/", views.unit_close, name="unit_close"),
    path("don-vi/<int:unit_id>/sap-nhap/", views.unit_merge, name="unit_merge"),
    path("don-vi/<int:unit_id>/xoa/", views.unit_delete, name="unit_delete"),
    path("don-vi/<int:unit_id>/thu-truong/", views.unit_set_head, name="unit_set_head"),
    path("don-vi/<int:unit_id>/thu-truong/<int:head_id>/ket-thuc/", views.head_end, name="head_end"),
    path("can-bo/", views.official_list, name="official_list"),
    path("can-bo/xuat-excel/", views.official_export, name="official_export"),
    path("can-bo/them/", views.official_create, name="official_create"),
    path("can-bo/<int:official_id>/", views.official_detail, name="official_detail"),
    path("can-bo/<int:official_id>/sua/", views.official_edit, name="official_edit"),
    path("can-bo/<int:official_id>/thoi-cong-tac/", views.official_deactivate, name="official_deactivate"),
    path("nhap/", views_import.import_page, name="import"),
    path("nhap/xac-nhan/", views_import.import_confirm, name="import_confirm"),
    path("nhap/mau/<slug:kind>.<slug:fmt>", views_import.import_template, name="import_template"),
    path("api/don-vi/", views.unit_search_json, name="unit_search_json"),
    path("api/can-bo/", views.official_search_json, name="official_search_json"),
]
