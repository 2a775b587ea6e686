from django.urls import path

from cchc.oversight import views, views_followup

app_name = "oversight"

urlpatterns = [
    path("", views.index, name="index"),
    path("ke-hoach/tao/", views.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/", views.plan, name="plan"),
    path("ke-hoach/<int:pk>/them/", views.plan_add, name="plan_add"),
    path("ke-hoach/<int:pk>/<slug:step>/", views.plan_step, name="plan_step"),
    path("dot-xuat/", views.ad_hoc, name="ad_hoc"),
    path("cuoc/<int:pk>/", views.inspection, name="inspection"),
    path("cuoc/<int:pk>/tra-loi/", views.answer, name="answer"),
    path("cuoc/<int:pk>/hinh-anh/", views.evidence, name="evidence"),
    path("cuoc/<int:pk>/ton-tai/", views.finding, name="finding"),
    path("cuoc/<int:pk>/ket-luan.<str:fmt>", views_followup.conclusion_file, name="conclusion_file"),
    path("cuoc/<int:pk>/<slug:step>/", views.visit_step, name="visit_step"),
    path("ton-tai/<int:finding_id>/kien-nghi/", views.recommend, name="recommend"),
    path("tep/<int:ev_id>/", views.evidence_file, name="evidence_file"),
    path("kien-nghi/", views_followup.followup_list, name="followups"),
    path("kien-nghi/xuat.xlsx", views_followup.followups_xlsx, name="followups_xlsx"),
    path("kien-nghi/<int:pk>/", views_followup.recommendation, name="recommendation"),
    path("kien-nghi/<int:pk>/<slug:step>/", views_followup.recommendation_step, name="recommendation_step"),
    path("trach-nhiem/", views_followup.case_list, name="cases"),
    path("trach-nhiem/tao/", views_followup.case_create, name="case_create"),
    path("trach-nhiem/<int:pk>/", views_followup.case_page, name="case"),
    path("trach-nhiem/<int:pk>/quyet-dinh.<str:fmt>", views_followup.decision_file, name="decision_file"),
    path("trach-nhiem/<int:pk>/<slug:step>/", views_followup.case_step, name="case_step"),
    path("ket-luan/", views_followup.conclusion_list, name="conclusions"),
    path("ket-luan/<int:pk>/", views_followup.conclusion, name="conclusion"),
    path("ket-luan/<int:pk>/them/", views_followup.conclusion_add, name="conclusion_add"),
    path("khac-phuc/<int:pk>/", views_followup.correction, name="correction"),
    path("khac-phuc/<int:pk>/<slug:step>/", views_followup.correction_step, name="correction_step"),
]
