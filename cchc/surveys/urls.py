"""Staff survey screens, mounted by the lead at /khao-sat/. Every route is enumerated by
``test_permissions_every_persona_on_every_url`` so a new one without a permission case fails the tests."""

from django.urls import path

from cchc.surveys import views, views_paper, views_questionnaires, views_results

app_name = "surveys"
urlpatterns = [
    path("", views.campaign_list, name="campaigns"),
    path("dot/moi/", views.campaign_new, name="campaign_new"),
    path("dot/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("dot/<int:pk>/sua/", views.campaign_edit, name="campaign_edit"),
    path("dot/<int:pk>/so-phieu/", views.campaign_targets, name="campaign_targets"),
    path("dot/<int:pk>/chuyen/<slug:step>/", views.campaign_transition, name="campaign_transition"),
    path("dot/<int:pk>/phieu/", views.response_list, name="responses"),
    path("dot/<int:pk>/ket-qua/", views_results.campaign_results, name="results"),
    path("dot/<int:pk>/ket-qua/<int:unit_pk>/", views_results.unit_results, name="unit_results"),
    path(
        "dot/<int:pk>/ket-qua/<int:unit_pk>/cai-thien/",
        views_results.improvement_task,
        name="improvement_task",
    ),
    path("dot/<int:pk>/ket-qua.xlsx", views_results.export_xlsx, name="export_xlsx"),
    path("dot/<int:pk>/bao-cao.docx", views_results.export_docx, name="export_docx"),
    path("dot/<int:pk>/bao-cao.pdf", views_results.export_pdf, name="export_pdf"),
    path("phieu/<int:pk>/", views.response_detail, name="response_detail"),
    path("can-xem-xet/", views.flagged, name="flagged"),
    path("bo-cau-hoi/", views_questionnaires.questionnaire_list, name="questionnaires"),
    path("bo-cau-hoi/<int:pk>/", views_questionnaires.questionnaire_detail, name="questionnaire_detail"),
    path("bo-cau-hoi/<int:pk>/sua/", views_questionnaires.questionnaire_edit, name="questionnaire_edit"),
    path("bo-cau-hoi/<int:pk>/sao-chep/", views_questionnaires.questionnaire_copy, name="questionnaire_copy"),
    path("phieu-giay/", views_paper.paper_entry, name="paper_entry"),
    path("phieu-giay/<int:pk>/doi-chieu/", views_paper.paper_reconcile, name="paper_reconcile"),
    path("ki-ot/", views.kiosk_list, name="kiosks"),
    path("ki-ot/<int:pk>/ngung/", views.kiosk_deactivate, name="kiosk_deactivate"),
    path("can-bo/", views_results.official_ratings, name="officials"),
    path("sipas-cong-bo/", views.figure_list, name="figures"),
    path("sipas-cong-bo/<int:pk>/sua/", views.figure_edit, name="figure_edit"),
    path("sipas-cong-bo/<int:pk>/xoa/", views.figure_delete, name="figure_delete"),
    path("danh-gia-ho-so/", views_results.evaluation_summary, name="evaluation_summary"),
    path("ho-so/<str:code>/phieu-tra-ket-qua/", views_results.dossier_slip, name="return_slip"),
    path("ho-so/<str:code>/giay-tiep-nhan/", views_results.dossier_receipt, name="receipt"),
    path("ho-so/<str:code>/danh-gia/", views_results.dossier_evaluation, name="dossier_evaluation"),
]
