from django.urls import path

from cchc.org import views_import, views_officials, views_unit_changes, views_units

app_name = "org"
# Every pattern here is enumerated by tests/test_ward_officer_cannot_reach_another_ward.py: a new one
# fails that test until it says how the pattern is scoped.
urlpatterns = [
    path("don-vi/", views_units.unit_list, name="unit_list"),
    path("don-vi/xuat-excel/", views_units.unit_export, name="unit_export"),
    path("don-vi/them/", views_unit_changes.unit_create, name="unit_create"),
    path("don-vi/<int:unit_id>/", views_units.unit_detail, name="unit_detail"),
    path("don-vi/<int:unit_id>/sua/", views_unit_changes.unit_edit, name="unit_edit"),
    path("don-vi/<int:unit_id>/giai-the/", views_unit_changes.unit_close, name="unit_close"),
    path("don-vi/<int:unit_id>/sap-nhap/", views_unit_changes.unit_merge, name="unit_merge"),
    path("don-vi/<int:unit_id>/xoa/", views_unit_changes.unit_delete, name="unit_delete"),
    path("don-vi/<int:unit_id>/thu-truong/", views_unit_changes.unit_set_head, name="unit_set_head"),
    path(
        "don-vi/<int:unit_id>/thu-truong/<int:head_id>/ket-thuc/",
        views_unit_changes.head_end,
        name="head_end",
    ),
    path("can-bo/", views_officials.official_list, name="official_list"),
    path("can-bo/xuat-excel/", views_officials.official_export, name="official_export"),
    path("can-bo/them/", views_officials.official_create, name="official_create"),
    path("can-bo/<int:official_id>/", views_officials.official_detail, name="official_detail"),
    path("can-bo/<int:official_id>/sua/", views_officials.official_edit, name="official_edit"),
    path(
        "can-bo/<int:official_id>/thoi-cong-tac/",
        views_officials.official_deactivate,
        name="official_deactivate",
    ),
    path("nhap/", views_import.import_page, name="import"),
    path("nhap/xac-nhan/", views_import.import_confirm, name="import_confirm"),
    path("nhap/mau/<slug:kind>.<slug:fmt>", views_import.import_template, name="import_template"),
    path("api/don-vi/", views_units.unit_search_json, name="unit_search_json"),
    path("api/can-bo/", views_officials.official_search_json, name="official_search_json"),
]
