"""URLs of the directive register and task follow-up (mounted by the project at /chi-dao/).

Every pattern here is walked by tests/test_permissions_every_persona_on_every_url.py: a new one fails
that test until it says who may reach it.
"""

from django.urls import path

from cchc.directives import views, views_board, views_reader, views_report, views_tasks

app_name = "directives"
urlpatterns = [
    path("", views.directive_list, name="directive_list"),
    path("van-ban/them/", views.directive_create, name="directive_create"),
    path("van-ban/doc/", views_reader.upload, name="reader_upload"),
    path("van-ban/doc/<int:upload_id>/", views_reader.review, name="reader_review"),
    path("van-ban/<int:directive_id>/", views.directive_detail, name="directive_detail"),
    path("van-ban/<int:directive_id>/sua/", views.directive_edit, name="directive_edit"),
    path("van-ban/<int:directive_id>/tep/", views.file_add, name="file_add"),
    path("van-ban/<int:directive_id>/tep/<int:file_id>/", views.file_download, name="file_download"),
    path("van-ban/<int:directive_id>/tep/<int:file_id>/xoa/", views.file_remove, name="file_remove"),
    path("van-ban/<int:directive_id>/lien-ket/", views.link_add, name="link_add"),
    path("van-ban/<int:directive_id>/lien-ket/<int:link_id>/xoa/", views.link_remove, name="link_remove"),
    path("van-ban/<int:directive_id>/giao-nhiem-vu/", views.task_create, name="task_create"),
    path("nhiem-vu/", views_board.task_list, name="task_list"),
    path("nhiem-vu/<int:task_id>/", views_tasks.task_detail, name="task_detail"),
    path("nhiem-vu/<int:task_id>/tien-do/", views_tasks.task_progress, name="task_progress"),
    path("nhiem-vu/<int:task_id>/bao-cao-hoan-thanh/", views_tasks.task_report_done, name="task_report_done"),
    path("nhiem-vu/<int:task_id>/xac-nhan/", views_tasks.task_confirm, name="task_confirm"),
    path("nhiem-vu/<int:task_id>/tra-lai/", views_tasks.task_send_back, name="task_send_back"),
    path("nhiem-vu/<int:task_id>/gia-han/", views_tasks.task_extension, name="task_extension"),
    path(
        "nhiem-vu/<int:task_id>/gia-han/<int:ext_id>/",
        views_tasks.task_extension_decide,
        name="task_extension_decide",
    ),
    path("nhiem-vu/<int:task_id>/can-bo/", views_tasks.task_officer, name="task_officer"),
    path("nhiem-vu/<int:task_id>/xoa/", views_tasks.task_delete, name="task_delete"),
    path("nhiem-vu/<int:task_id>/huy/", views_tasks.task_cancel, name="task_cancel"),
    path(
        "nhiem-vu/<int:task_id>/bao-cao/<int:report_id>/tep/",
        views_tasks.report_attachment,
        name="report_attachment",
    ),
    path("bang-theo-doi/", views_board.board, name="board"),
    path("viec-cua-don-vi/", views_board.inbox, name="inbox"),
    path("qua-han/", views_board.overdue, name="overdue"),
    path("tien-do/", views_board.progress, name="progress"),
    path("kiem-tra/", views_board.check, name="check"),
    path("bao-cao/", views_report.report, name="report"),
]
