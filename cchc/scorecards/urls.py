"""Scorecard screens, mounted at /chi-so/."""

from django.urls import path

from cchc.scorecards import views766, views_cards, views_sets

app_name = "scorecards"
urlpatterns = [
    path("766/", views766.overview, name="766"),
    path("766/<str:code>/", views766.unit_page, name="766_unit"),
    path("766/<str:code>/<str:indicator>/ho-so/", views766.dossiers_page, name="766_dossiers"),
    path("thanh-pho/", views_cards.index, name="city"),
    path("thanh-pho/bo-chi-so/", views_sets.index_sets, name="index_sets"),
    path("thanh-pho/bo-chi-so/<int:year>.json", views_sets.index_set_file, name="index_set_file"),
    path("thanh-pho/xep-hang.xlsx", views_cards.ranking_xlsx, name="ranking_xlsx"),
    path("thanh-pho/xep-hang.<str:fmt>", views_cards.ranking_file, name="ranking_file"),
    path("thanh-pho/cong-khai/<int:year>/<str:step>/", views_cards.release_step, name="release_step"),
    path("thanh-pho/<int:pk>/", views_cards.card_page, name="card"),
    path("thanh-pho/<int:pk>/phieu.xlsx", views_cards.card_xlsx, name="card_xlsx"),
    path("thanh-pho/<int:pk>/phieu.<str:fmt>", views_cards.card_file, name="card_file"),
    path("thanh-pho/<int:pk>/<str:step>/", views_cards.stage, name="card_stage"),
    path("thanh-pho/<int:pk>/tieu-chi/<int:score_id>/tu-cham/", views_cards.self_assess, name="self_assess"),
    path(
        "thanh-pho/<int:pk>/tieu-chi/<int:score_id>/minh-chung/",
        views_cards.add_evidence,
        name="add_evidence",
    ),
    path("thanh-pho/<int:pk>/tieu-chi/<int:score_id>/tham-dinh/", views_cards.appraise, name="appraise"),
    path("thanh-pho/<int:pk>/tieu-chi/<int:score_id>/phan-hoi/", views_cards.answer, name="answer"),
    path("thanh-pho/<int:pk>/tieu-chi/<int:score_id>/nguyen-nhan/", views_cards.cause, name="cause"),
    path(
        "thanh-pho/<int:pk>/tieu-chi/<int:score_id>/giai-phap/", views_cards.add_solution, name="add_solution"
    ),
    path("thanh-pho/<int:pk>/giai-phap/<int:solution_id>/nhiem-vu/", views_cards.make_task, name="make_task"),
    path("thanh-pho/<int:pk>/minh-chung/<int:ev_id>/", views_cards.evidence_file, name="evidence_file"),
]
